package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlem.MlemUserException;
import org.mlem.io.ModelJson;

/**
 * The registry of model kinds: a model file's {@code model} field → its {@link ModelKind}. The
 * commands {@code predict}, {@code score}, {@code sample} and {@code decode} read every model file
 * through {@link #read}, once; what they can do with it follows from its faces
 * ({@link Capability}). To add a kind: write its {@code Fitted...} class (the faces and the codec)
 * and list its {@code KIND} here.
 */
public final class ModelKinds {
    private ModelKinds() {}

    /** Every kind, in the order messages list them. */
    public static final List<ModelKind<?>> ALL = List.of(FittedGmm.KIND, FittedTmix.KIND, FittedMixture.KIND,
            FittedRegmix.KIND, FittedHmm.KIND, FittedMvn.KIND, FittedGlm.KIND, FittedNls.KIND, FittedDist.KIND,
            FittedGmmda.KIND, FittedSurvreg.KIND, FittedCount.ZEROINFL, FittedCount.HURDLE, FittedConcomitant.KIND,
            FittedTurnbull.KIND);

    /**
     * Files mlem writes that are records of a fit, not model kinds (yet): their {@code model} field
     * and the commands that write them, so a command given one says so rather than "unknown".
     */
    static final Map<String, String> RECORDS = Map.of("select", "mlem select --json");

    /** The kind named {@code name}; a user error listing the kinds when there is none. */
    public static ModelKind<?> byName(String name, String source) {
        for (ModelKind<?> k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        if (RECORDS.containsKey(name)) {
            throw new MlemUserException("a '" + name + "' file (written by " + RECORDS.get(name) + ") records a fit that no "
                    + "mlem command reads back yet; predict, score, sample and decode read the kinds "
                    + ALL.stream().map(ModelKind::name).collect(Collectors.joining(", ")), source, -1, -1);
        }
        throw new MlemUserException("field 'model' is '" + name + "', which is not a model kind mlem reads; the kinds are "
                + ALL.stream().map(ModelKind::name).collect(Collectors.joining(", ")), source, -1, -1);
    }

    /** The model a parsed file holds, read by its kind's codec. */
    public static FittedModel read(JsonNode root, String source) {
        JsonNode kind = root.get("model");
        if (kind == null || !kind.isTextual()) {
            throw new MlemUserException("field 'model' is missing or not a string; a model file names its model "
                    + "(write one with mlem fit ... --out FILE.json)", source, -1, -1);
        }
        if (root.has("concomitant")) { // a mixture whose weights depend on covariates: its own kind
            return FittedConcomitant.KIND.read(root, source);
        }
        return byName(kind.asText(), source).read(root, source);
    }

    /** The model in a file, parsed once. */
    public static FittedModel read(Path file) {
        return read(ModelJson.readTree(file), file.toString());
    }

    /**
     * {@code model} when its kind serves {@code command}; otherwise a user error naming the commands
     * that can use it.
     */
    public static FittedModel require(FittedModel model, Capability command, String source) {
        ModelKind<?> kind = byName(model.kind(), source);
        if (!kind.capabilities().contains(command)) {
            String can = kind.capabilities().stream().map(c -> "mlem " + c.command()).collect(Collectors.joining(", "));
            String why = model.refusal(command);
            throw new MlemUserException("a " + kind.what() + " ('" + kind.name() + "') file cannot be used by "
                    + command.command() + (why == null ? "" : " (" + why + ")") + "; use it with "
                    + (can.isEmpty() ? "no command" : can), source, -1, -1);
        }
        return model;
    }
}
