package org.mlem.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mlem.MlemUserException;
import org.mlem.data.BlockSource;
import org.mlem.formula.Frame;
import org.mlem.gmm.combi.ClustCombi;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedModel;
import org.mlem.model.LatentClasses;
import org.mlem.model.ModelKinds;
import org.mlem.model.RowInput;
import org.mlem.model.RowScores;

/**
 * Adds a fitted model's outputs to rows, a block at a time, through the model file's own faces
 * ({@link LatentClasses#posteriors}, {@link RowScores#logDensities}): the most probable class
 * (ties to the lower index), the class probabilities and the row's log density. The model
 * travels as its model file's text and is read once per partition, so any registered kind scores.
 */
final class LatentScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String modelFile;
    private final int features;
    private final String featuresCol;
    private final boolean prediction;
    private final boolean probability;
    private final boolean logLikelihood;
    private ArrayList<int[]> merges; // clustCombi's merges applied to each row's posteriors, or null
    private org.apache.spark.sql.types.StructType schema; // the rows' schema, for a concomitant model's covariates

    LatentScorer(String modelFile, int features, String featuresCol, boolean prediction, boolean probability,
            boolean logLikelihood) {
        this.modelFile = modelFile;
        this.features = features;
        this.featuresCol = featuresCol;
        this.prediction = prediction;
        this.probability = probability;
        this.logLikelihood = logLikelihood;
    }

    /** This scorer giving the probabilities of the clusters that {@code merges} (clustCombi's pairs, in order) make of the classes. */
    LatentScorer merging(List<int[]> merges) {
        this.merges = new ArrayList<>(merges);
        return this;
    }

    /** This scorer reading rows of {@code schema}: a concomitant model's covariates are its columns by name. */
    LatentScorer reading(org.apache.spark.sql.types.StructType schema) {
        this.schema = schema;
        return this;
    }

    /** The rows {@code [start, start + rows)} of row-major {@code x} as a frame of the columns {@code names}. */
    static Frame frame(List<String> names, double[] x, int start, int rows) {
        int d = names.size();
        Frame.Builder b = Frame.builder();
        for (int a = 0; a < d; a++) {
            double[] col = new double[rows];
            for (int i = 0; i < rows; i++) {
                col[i] = x[(start + i) * d + a];
            }
            b.numeric(names.get(a), col);
        }
        return b.build();
    }

    /** Scores one partition's rows. */
    Iterator<Row> score(int partition, Iterator<Row> rows) throws JsonProcessingException {
        FittedModel model = ModelKinds.read(ModelJson.mapper().readTree(modelFile), "model.json");
        List<String> covariates = model instanceof org.mlem.model.FittedConcomitant c
                ? org.mlem.concomitant.ConcomitantDesign.columns(c.gating().formula()) : List.of();
        List<String> names = covariates.isEmpty() ? ((RowInput.Columns) model.input()).names()
                : ((RowInput.Table) model.input()).response();
        List<Row> out = new ArrayList<>();
        List<Row> block = new ArrayList<>();
        long seen = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            seen++;
            Vector v = r.isNullAt(features) ? null : (Vector) r.get(features);
            if (v == null || v.size() != names.size()) {
                throw new MlemUserException("row " + seen + " of partition " + partition + ", column '" + featuresCol + "' "
                        + (v == null ? "is null" : "has " + v.size() + " values but the model reads " + names.size())
                        + "; fix or filter the rows");
            }
            block.add(r);
            if (block.size() == BlockSource.BLOCK_ROWS || !rows.hasNext()) {
                scoreBlock(model, names, covariates, block, out);
                block.clear();
            }
        }
        return out.iterator();
    }

    /** Column {@code c} of the rows as the frame's numeric or text column; a null cell is an error naming it. */
    private void addCovariate(Frame.Builder b, String c, List<Row> in) {
        if (schema == null || !java.util.Arrays.asList(schema.fieldNames()).contains(c)) {
            throw new MlemUserException("the model's concomitant formula reads column '" + c + "', which is not in the"
                    + " Dataset; add it");
        }
        int at = schema.fieldIndex(c);
        boolean text = schema.apply(c).dataType().equals(org.apache.spark.sql.types.DataTypes.StringType);
        double[] num = new double[in.size()];
        String[] str = new String[in.size()];
        for (int i = 0; i < in.size(); i++) {
            Row r = in.get(i);
            if (r.isNullAt(at)) {
                throw new MlemUserException("concomitant column '" + c + "' has a null cell; each row's weights come from"
                        + " its covariates: fill or filter the row");
            }
            if (text) {
                str[i] = r.get(at).toString();
            } else {
                num[i] = ((Number) r.get(at)).doubleValue();
            }
        }
        if (text) {
            b.text(c, str);
        } else {
            b.numeric(c, num);
        }
    }

    private void scoreBlock(FittedModel model, List<String> names, List<String> covariates, List<Row> in,
            List<Row> out) {
        Frame.Builder b = Frame.builder();
        for (int a = 0; a < names.size(); a++) {
            double[] col = new double[in.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = ((Vector) in.get(i).get(features)).apply(a);
            }
            b.numeric(names.get(a), col);
        }
        for (String c : covariates) {
            addCovariate(b, c, in);
        }
        Frame f = b.build();
        double[][] p = prediction || probability ? ((LatentClasses) model).posteriors(f) : null;
        if (p != null && merges != null) {
            for (int i = 0; i < p.length; i++) {
                p[i] = ClustCombi.mergeRow(p[i], merges);
            }
        }
        double[] ll = logLikelihood ? ((RowScores) model).logDensities(f) : null;
        int[] z = p == null ? null : LatentClasses.argmax(p);
        for (int i = 0; i < in.size(); i++) {
            Row r = in.get(i);
            List<Object> values = new ArrayList<>(r.length() + 3);
            for (int c = 0; c < r.length(); c++) {
                values.add(r.get(c));
            }
            if (prediction) {
                values.add(z[i]);
            }
            if (probability) {
                values.add(Vectors.dense(p[i]));
            }
            if (logLikelihood) {
                values.add(ll[i]);
            }
            out.add(RowFactory.create(values.toArray()));
        }
    }
}
