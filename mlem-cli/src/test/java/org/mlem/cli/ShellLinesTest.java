package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The splitter the help and README tests rely on. Oracle: what bash makes of the same lines. */
class ShellLinesTest {
    @Test
    void splitsAsTheShellDoes() {
        assertThat(ShellLines.words("./mlem fit glm --formula \"am ~ hp + wt\" --levels 'a b'=x f.csv"))
                .containsExactly("./mlem", "fit", "glm", "--formula", "am ~ hp + wt", "--levels", "a b=x", "f.csv");
        assertThat(ShellLines.words("./mlem predict m.json f.csv | head -3")).containsExactly("./mlem", "predict", "m.json", "f.csv");
        assertThat(ShellLines.words("./mlem sample m.json --n 3 > out.csv")).containsExactly("./mlem", "sample", "m.json", "--n", "3");
        assertThat(ShellLines.words("./mlem demo   # builds first")).containsExactly("./mlem", "demo");
        assertThat(ShellLines.words("a\\ b \"x\\\"y\" c#d")).containsExactly("a b", "x\"y", "c#d");
    }

    @Test
    void joinsContinuationsAndFindsMlemLines() {
        assertThat(ShellLines.joinContinuations(List.of("./mlem fit nls \\", "    --start a=1 f.csv", "next")))
                .containsExactly("./mlem fit nls      --start a=1 f.csv", "next");
        assertThat(ShellLines.mlemArguments("$ ./mlem score --total m.json f.csv")).containsExactly("score", "--total", "m.json", "f.csv");
        assertThat(ShellLines.mlemArguments("MLEM_JAVA_OPTS=\"-Xmx512m\" ./mlem demo")).containsExactly("demo");
        assertThat(ShellLines.mlemArguments("EM's log-likelihood at each iteration")).isNull();
        assertThat(ShellLines.mlemArguments("mvn -B verify")).isNull();
    }

    @Test
    void aLineThatDoesNotParseIsNamed() {
        assertThat(ShellLines.leaf(ShellLines.parse("here", "./mlem fit gmm --k 2 f.csv"))).isEqualTo("mlem fit gmm");
        assertThatThrownBy(() -> ShellLines.parse("here", "./mlem fit gmm --kk 2 f.csv")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("here: does not parse: ./mlem fit gmm --kk 2 f.csv");
        assertThatThrownBy(() -> ShellLines.parse("here", "./mlem fit gmn f.csv")).isInstanceOf(AssertionError.class);
    }
}
