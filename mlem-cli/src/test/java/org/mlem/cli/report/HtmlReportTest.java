package org.mlem.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;

/**
 * The page's text is escaped (a column or term named like markup cannot inject any), the page
 * forbids every fetch, its provenance hashes files as SHA-256 does, and a fit's warnings reach the
 * page. Oracles: FIPS 180-2's test vector for "abc"; the JSON given.
 */
class HtmlReportTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws IOException {
        return ModelJson.mapper().readTree(text);
    }

    @Test
    void termsAndColumnsAreEscapedAndNothingIsFetched() throws IOException {
        JsonNode fit = json("{\"model\":\"glm\",\"n\":3,\"logLikelihood\":-1.5,\"columns\":[\"<img src=x>\"],"
                + "\"coefficients\":{\"<script>alert(1)</script>\":2.5},\"warnings\":[\"fitted probabilities 0 or 1 & more\"]}");
        String html = new HtmlReport(fit, fit, List.of(), new Provenance("mlem fit glm 'a<b'", "mlem test", List.of())).html();
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x&gt;")
                .contains("mlem fit glm &#39;a&lt;b&#39;").contains("fitted probabilities 0 or 1 &amp; more")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void provenanceHashesAsSha256AndKeepsStandardInputApart() throws IOException {
        Path abc = dir.resolve("abc.csv");
        Files.writeString(abc, "abc");
        Provenance.FileFact f = Provenance.fileFact("FILE", abc.toString());
        assertThat(f.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(f.bytes()).isEqualTo(3);
        assertThat(Provenance.fileFact("FILE", "-").sha256()).isNull();
        assertThat(Provenance.shellLine(List.of("fit", "glm", "--formula", "am ~ hp", "x.csv")))
                .isEqualTo("mlem fit glm --formula 'am ~ hp' x.csv");
    }

    @Test
    void warningsOfTheFitReachThePage() throws IOException {
        JsonNode fit = json("{\"model\":\"gmm\",\"converged\":false,\"iterations\":7,\"nInit\":4,\"bestReachedBy\":1,"
                + "\"failedStarts\":1,\"logLikelihoodFalls\":[3],"
                + "\"degenerateComponents\":[{\"component\":1,\"reason\":\"a variance under 1% of the data's\"}]}");
        assertThat(ReportWarnings.of(fit)).hasSize(5)
                .anyMatch(w -> w.contains("did not converge in 7 iterations"))
                .anyMatch(w -> w.contains("Degenerate component 1: a variance under 1% of the data's"))
                .anyMatch(w -> w.contains("fell beyond rounding 1 time"))
                .anyMatch(w -> w.contains("1 of 4 starts failed"))
                .anyMatch(w -> w.contains("Only one of 4 starts"));
        assertThat(ReportWarnings.of(json("{\"model\":\"gmm\",\"converged\":true,\"degenerateComponents\":[]}"))).isEmpty();
    }
}
