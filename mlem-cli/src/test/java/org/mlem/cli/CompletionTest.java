package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mlem completion bash|zsh} prints a script that completes every command. Oracle: the
 * command tree itself (picocli's subcommand names) against what bash offers when the script is
 * loaded and Tab is pressed after each group command, simulated by calling the completion function
 * with {@code COMP_WORDS} set as bash sets them.
 */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void bashScriptCompletesEveryCommandOfTheTree() throws Exception {
        Cli.Run r = Cli.run("completion", "bash");
        assertThat(r.status()).as(r.err()).isZero();
        Path script = dir.resolve("mlem.bash");
        Files.writeString(script, r.out());

        int groups = 0;
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(ShellLines.newCommandLine()));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            if (cl.getSubcommands().isEmpty()) {
                continue;
            }
            todo.addAll(cl.getSubcommands().values());
            List<String> words = new ArrayList<>(Arrays.asList(cl.getCommandSpec().qualifiedName().split(" ")));
            for (String command : List.of("mlem", "./mlem")) {
                words.set(0, command);
                assertThat(offered(script, words, ""))
                        .as("Tab after '%s'", String.join(" ", words))
                        .containsAll(cl.getSubcommands().keySet());
            }
            groups++;
        }
        assertThat(groups).as("commands with subcommands (mlem, fit, select)").isGreaterThanOrEqualTo(3);
        assertThat(offered(script, List.of("mlem", "fit", "gmm"), "--cov")).containsExactly("--covariance");
        assertThat(offered(script, List.of("mlem", "completion"), "")).contains("bash", "zsh");
    }

    @Test
    void zshScriptLoadsBashCompletionFirstThenTheSameScript() {
        Cli.Run bash = Cli.run("completion", "bash");
        Cli.Run zsh = Cli.run("completion", "zsh");
        assertThat(zsh.status()).isZero();
        assertThat(zsh.out()).startsWith("#compdef mlem\n")
                .contains("autoload -U +X bashcompinit && bashcompinit")
                .endsWith(bash.out());
    }

    @Test
    void anUnknownShellIsOneLineAndExitTwo() {
        Cli.Run r = Cli.run("completion", "fish");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("fish").contains("bash, zsh");
    }

    /** What the loaded script offers for the words typed so far and {@code current}, the word at the cursor. */
    private List<String> offered(Path script, List<String> typed, String current) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(typed);
        words.add(current);
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "'\n"
                + "compopt() { :; }\n" // bash's own only works while Tab runs the function
                + "spec=$(complete -p " + typed.get(0) + ")\n"
                + "fn=$(sed -E 's/.* -F ([^ ]+) .*/\\1/' <<<\"$spec\")\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.size() - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "\"$fn\" " + typed.get(0) + " '" + current + "' '" + typed.get(typed.size() - 1) + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Path err = dir.resolve("bash.err");
        Process p = new ProcessBuilder("bash", "-c", program).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(err)).as("bash's standard error").isEmpty();
        assertThat(p.exitValue()).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
