package org.mlem.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;
import org.mlem.MlemUserException;
import org.mlem.io.ModelJson;

/**
 * A saved model's two parts: Spark's parameter metadata ({@code path/metadata}) and
 * {@code path/model.json}, the file {@code mlem fit ... --out} writes.
 */
final class ModelFiles {
    /** File beside Spark's metadata that holds the model. */
    static final String MODEL_FILE = "model.json";

    private ModelFiles() {}

    /** Writes the metadata of {@code stage} and {@code modelFile} under {@code path}. */
    static void save(Params stage, String modelFile, String path, SparkSession session) {
        DefaultParamsWriter.saveMetadata(stage, path, session);
        Path f = new Path(path, MODEL_FILE);
        SparkContext sc = session.sparkContext();
        try (OutputStream out = f.getFileSystem(sc.hadoopConfiguration()).create(f, true)) {
            out.write(modelFile.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    /** Writes {@code stage}'s metadata and {@code modelFile}: a model's {@link org.apache.spark.ml.util.MLWriter}. */
    static org.apache.spark.ml.util.MLWriter writer(Params stage, String modelFile) {
        return new org.apache.spark.ml.util.MLWriter() {
            @Override
            public void saveImpl(String path) {
                ModelFiles.save(stage, modelFile, path, sparkSession());
            }
        };
    }

    /** Makes a stage from its uid, its parsed model file and the file's location. */
    @FunctionalInterface
    interface FromFile<M> extends java.io.Serializable {
        M make(String uid, JsonNode root, String source);
    }

    /** Reads a stage saved by {@link #writer}: its model file through {@code make}, then its params from the metadata. */
    static <M extends Params> org.apache.spark.ml.util.MLReader<M> reader(Class<M> type, FromFile<M> make) {
        return new org.apache.spark.ml.util.MLReader<M>() {
            @Override
            public M load(String path) {
                DefaultParamsReader.Metadata meta = metadata(path, sparkSession(), type.getName());
                M model = make.make(meta.uid(), read(path, sparkSession()), location(path));
                meta.getAndSetParams(model, meta.getAndSetParams$default$2());
                return model;
            }
        };
    }

    /** The metadata saved under {@code path} for a stage of {@code className}. */
    static DefaultParamsReader.Metadata metadata(String path, SparkSession session, String className) {
        return DefaultParamsReader.loadMetadata(path, session, className);
    }

    /** A model file's text (a stage's own, written by mlem) as its JSON tree. */
    static com.fasterxml.jackson.databind.node.ObjectNode tree(String modelFile) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) org.mlem.io.ModelJson.mapper().readTree(modelFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The parsed {@code path/model.json}. */
    static JsonNode read(String path, SparkSession session) {
        Path f = new Path(path, MODEL_FILE);
        try (InputStream in = FileSystem.get(f.toUri(), session.sparkContext().hadoopConfiguration()).open(f)) {
            return ModelJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new MlemUserException("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** {@code path/model.json}, for messages. */
    static String location(String path) {
        return new Path(path, MODEL_FILE).toString();
    }
}
