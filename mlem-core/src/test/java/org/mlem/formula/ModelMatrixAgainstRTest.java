package org.mlem.formula;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Oracle: R's {@code model.matrix}, {@code model.response}, {@code model.weights} and
 * {@code model.offset} (tools/reference/formula_terms.R, splines package for ns/bs) on mtcars,
 * warpbreaks, esoph, ToothGrowth, trees and swiss. Column names exactly; values to 1e-10 of
 * max(1, |R's value|) (the fixtures hold 15 significant digits).
 */
class ModelMatrixAgainstRTest {
    private static final double TOL = 1e-10;

    @ParameterizedTest
    @ValueSource(strings = {"mtcars_factor_poly_ns", "mtcars_bs_log_I_noint", "mtcars_raw_offset",
            "mtcars_poly_interaction", "mtcars_yes_no", "mtcars_true_false", "mtcars_factor_response",
            "warpbreaks_plus0", "warpbreaks_offsets", "esoph_cbind", "esoph_cbind_expr", "toothgrowth_factor_dose",
            "trees_splines", "trees_poly_height", "trees_ns_many", "swiss_dot", "swiss_dot_minus"})
    void modelMatrixIsRs(String name) throws IOException {
        JsonNode r = json(name);
        Design d = Design.build(r.get("formula").asText(), csv(r.get("data").asText()), DesignSpec.DEFAULTS);
        List<String> names = new ArrayList<>();
        r.get("columns").forEach(c -> names.add(c.asText()));
        assertThat(d.columnNames()).containsExactlyElementsOf(names);
        for (int j = 0; j < names.size(); j++) {
            JsonNode col = r.get("matrix").get(j);
            assertThat(col.size()).isEqualTo(d.rows());
            for (int i = 0; i < d.rows(); i++) {
                close(d.get(i, j), col.get(i).asDouble(), name + " " + names.get(j) + " row " + (i + 1));
            }
        }
        vector(d.response(), r.get("response"), name + " response");
        if (r.has("weights")) {
            assertThat(d.trialsResponse()).isTrue();
            vector(d.weights(), r.get("weights"), name + " weights");
        }
        vector(d.offset(), r.has("offset") ? r.get("offset") : null, name + " offset");
        if (r.has("responseLevels")) {
            List<String> levels = new ArrayList<>();
            r.get("responseLevels").forEach(c -> levels.add(c.asText()));
            assertThat(d.responseLevels()).containsExactlyElementsOf(levels);
        }
    }

    private static void vector(double[] got, JsonNode want, String what) {
        for (int i = 0; i < got.length; i++) {
            close(got[i], want == null ? 0 : want.get(i).asDouble(), what + " row " + (i + 1));
        }
    }

    private static void close(double got, double want, String what) {
        assertThat(Math.abs(got - want)).as(what + ": " + got + " vs R's " + want)
                .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(want)));
    }

    private static JsonNode json(String name) throws IOException {
        try (InputStream in = ModelMatrixAgainstRTest.class.getResourceAsStream("/fixtures/r/formula/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** The CSV the script wrote: a column is numeric when every cell parses, else text. */
    static Frame csv(String name) throws IOException {
        List<String> lines;
        try (InputStream in = ModelMatrixAgainstRTest.class.getResourceAsStream("/fixtures/r/formula/" + name + ".csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        String[] header = lines.get(0).split(",", -1);
        List<String> names = new ArrayList<>(List.of(header));
        List<Object> cols = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            String[] text = new String[lines.size() - 1];
            double[] numbers = new double[text.length];
            boolean numeric = true;
            for (int i = 0; i < text.length; i++) {
                text[i] = lines.get(i + 1).split(",", -1)[j];
                try {
                    numbers[i] = Double.parseDouble(text[i]);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            cols.add(numeric ? numbers : text);
        }
        return Frame.of(names, cols);
    }
}
