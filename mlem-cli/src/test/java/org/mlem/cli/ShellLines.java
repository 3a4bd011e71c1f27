package org.mlem.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code ./mlem} command lines as the README and the help's examples write them: split as a shell
 * splits them and parsed by picocli, never run.
 */
final class ShellLines {
    private ShellLines() {}

    /** The lines with each one that ends in a backslash joined to the next, as a shell joins them. */
    static List<String> joinContinuations(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String s = line.stripTrailing();
            if (s.endsWith("\\")) {
                pending.append(s, 0, s.length() - 1).append(' ');
            } else {
                out.add(pending.append(s).toString());
                pending.setLength(0);
            }
        }
        if (!pending.isEmpty()) {
            out.add(pending.toString());
        }
        return out;
    }

    /**
     * The words of the first command of a shell line: double and single quotes group, a backslash
     * escapes outside single quotes, and an unquoted {@code | > < ; &} or a {@code #} starting a
     * word ends the command (pipes, redirections and comments are the shell's, not mlem's).
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if ("|><;&".indexOf(c) >= 0 || (c == '#' && !inWord)) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in: " + line);
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /**
     * The arguments given to mlem by a line {@code ./mlem ARGS} or {@code $ ./mlem ARGS} (variable
     * assignments such as {@code MLEM_JAVA_OPTS=-Xmx512m} may come first), or null when the line
     * runs something else.
     */
    static List<String> mlemArguments(String line) {
        String s = line.strip();
        if (s.startsWith("$ ")) {
            s = s.substring(2);
        }
        if (!s.startsWith("./mlem") && !s.matches("[A-Za-z_][A-Za-z0-9_]*=.*\\./mlem.*")) {
            return null; // output, or another program: not split, as it may hold a lone apostrophe
        }
        List<String> w = words(s);
        int i = 0;
        while (i < w.size() && w.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++;
        }
        return i < w.size() && w.get(i).equals("./mlem") ? List.copyOf(w.subList(i + 1, w.size())) : null;
    }

    /**
     * The {@code ./mlem} command {@code line} parsed by a new {@code mlem} command tree (nothing
     * runs).
     *
     * @throws AssertionError naming {@code where} and the line when it does not parse
     */
    static ParseResult parse(String where, String line) {
        return parse(newCommandLine(), where, line);
    }

    /**
     * {@link #parse(String, String)} by {@code mlem}, a command tree from {@link #newCommandLine}
     * that the caller parses many lines with (picocli clears a tree's values before each parse;
     * building the tree costs some 30 ms, parsing a line far less). The result holds until the
     * tree's next parse.
     */
    static ParseResult parse(CommandLine mlem, String where, String line) {
        List<String> args = mlemArguments(line);
        if (args == null) {
            throw new AssertionError(where + ": not an ./mlem command line: " + line);
        }
        try {
            return mlem.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": does not parse: " + line + "\n  " + e.getMessage(), e);
        }
    }

    /** A new {@code mlem} command tree writing nowhere. */
    static CommandLine newCommandLine() {
        return Main.commandLine(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false));
    }

    /** The qualified name ({@code mlem fit gmm}) of the command a parse ended in. */
    static String leaf(ParseResult r) {
        ParseResult p = r;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p.commandSpec().qualifiedName();
    }
}
