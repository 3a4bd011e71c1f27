package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.mlem.model.ResponsePredictor;
import org.mlem.model.RowInput;
import org.mlem.model.ResponsePredictor.Prediction;

/**
 * {@code transform} of a formula model that predicts a response ({@link GlmModel}, {@link SurvregModel}):
 * one job stops it on the driver at a factor level the fit never saw, then each partition's rows go
 * through mlem-core's {@link ResponsePredictor#predict} (the code {@code mlem predict} runs) and the
 * chosen prediction columns are appended.
 */
final class PredictionColumns {
    private PredictionColumns() {
    }

    /** Reads the model from its file's text on an executor. */
    @FunctionalInterface
    interface Reader extends Serializable {
        ResponsePredictor read(String file);
    }

    /** {@code schema} with a double column for each non-empty name of {@code columns} (each new to it). */
    static StructType outputSchema(StructType schema, String... columns) {
        StructType out = schema;
        for (String c : columns) {
            Columns.requireAbsent(schema, c);
            if (!c.isEmpty()) {
                out = out.add(c, org.apache.spark.sql.types.DataTypes.DoubleType, false);
            }
        }
        return out;
    }

    /**
     * @param df the rows
     * @param out the output schema (df's, then one double column per wanted name)
     * @param file the model file's text
     * @param reader the model from the text
     * @param formula the formula the rows are read with (for messages)
     * @param levels each factor's fitted levels
     * @param wanted the names of {@link Prediction}'s columns to append, in order
     */
    static Dataset<Row> append(Dataset<Row> df, StructType out, String file, Reader reader, String formula,
            Map<String, List<String>> levels, List<String> wanted) {
        ResponsePredictor m = reader.read(file);
        RowInput.Table table = (RowInput.Table) m.input();
        List<String> input = new ArrayList<>(table.columns());
        input.removeAll(table.response()); // the response, event and weights: scoring only
        GlmRows rows = GlmRows.of(df.schema(), input, formula);
        FittedLevels.check(df, levels); // a level the fit never saw: one line here, not a failed task
        int[] index = input.stream().mapToInt(c -> df.schema().fieldIndex(c)).toArray();
        List<String> names = List.copyOf(wanted);
        return df.sparkSession().createDataFrame(df.javaRDD().mapPartitions(it -> {
            List<Row> in = new ArrayList<>();
            it.forEachRemaining(in::add);
            if (in.isEmpty()) {
                return in.iterator();
            }
            Iterator<Row> selected = in.stream().map(r -> {
                Object[] v = new Object[index.length];
                for (int i = 0; i < index.length; i++) {
                    v[i] = r.get(index[i]);
                }
                return RowFactory.create(v);
            }).iterator();
            Prediction p = reader.read(file).predict(rows.frame(rows.cells(selected)));
            List<double[]> columns = new ArrayList<>();
            names.forEach(n -> columns.add(p.columns().get(p.names().indexOf(n))));
            List<Row> result = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                List<Object> v = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(in.get(i).toSeq()));
                for (double[] c : columns) {
                    v.add(c[i]);
                }
                result.add(RowFactory.create(v.toArray()));
            }
            return result.iterator();
        }, true), out);
    }
}
