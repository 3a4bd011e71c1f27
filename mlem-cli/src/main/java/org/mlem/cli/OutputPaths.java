package org.mlem.cli;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlem.MlemUserException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Refuses, before a command does any work, an output path that names one of its inputs or another
 * of its outputs ({@code --out} equal to {@code --plot} would leave only the picture), and an
 * output whose folder does not exist. Options and parameters take part by annotation: {@link Writes}
 * on every file a command writes, {@link Reads} on every file it reads. Paths are compared as the
 * files they reach: an existing file by its identity (so {@code ./x.csv}, {@code x.csv}, a
 * symbolic link and a hard link to it all match), a new one by its absolute path with its folder's
 * links resolved. Standard input and output ({@code -}) and devices such as {@code /dev/null} are
 * never refused.
 */
final class OutputPaths {
    /** The option or parameter names a file the command writes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Writes {}

    /** The option or parameter names a file the command reads (or a word such as {@code kmeans++}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Reads {}

    private OutputPaths() {}

    private record Named(String option, String path, Object key) {}

    /** Checks the parsed command {@code spec}; throws a user error naming both options on a clash. */
    static void check(CommandSpec spec) {
        List<Named> outputs = new ArrayList<>();
        List<Named> inputs = new ArrayList<>();
        for (ArgSpec arg : spec.args()) {
            boolean writes = annotated(arg, Writes.class);
            if (!writes && !annotated(arg, Reads.class)) {
                continue;
            }
            Object value = arg.getValue();
            String path = value == null ? "-" : value.toString();
            Path file = parse(path);
            if (path.equals("-") || file == null) {
                continue;
            }
            String option = arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
            if (writes) {
                outputs.add(new Named(option, path, outputKey(option, file)));
            } else {
                Object key = existingKey(file);
                if (key != null) {
                    inputs.add(new Named(option, path, key));
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            if (out.key() == null) {
                continue;
            }
            for (Named in : inputs) {
                if (out.key().equals(in.key())) {
                    throw new MlemUserException(out.option() + " names the input " + in.option() + " (" + out.path()
                            + "): writing it would destroy it; choose another path for " + out.option());
                }
            }
            for (Named other : outputs.subList(0, i)) {
                if (out.key().equals(other.key())) {
                    throw new MlemUserException(out.option() + " names the same file as " + other.option() + " ("
                            + out.path() + "): one would replace the other; give each output its own file");
                }
            }
        }
    }

    /** The path, or null when the text is not one (the command then says what is wrong with it). */
    private static Path parse(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean annotated(ArgSpec arg, Class<? extends java.lang.annotation.Annotation> role) {
        return arg.userObject() instanceof Field f && f.isAnnotationPresent(role);
    }

    /**
     * What identifies the output file: null for a device or pipe (written in place, never
     * refused); a folder, or a path in a folder that does not exist, is refused here.
     */
    private static Object outputKey(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw new MlemUserException(option + " names a folder (" + path + "); name a file");
        }
        Object key = existingKey(path);
        if (key != null || Files.exists(path)) {
            return key;
        }
        Path absolute = path.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder == null) {
            return absolute;
        }
        if (!Files.isDirectory(folder)) {
            throw new MlemUserException(option + " names a file in the folder " + folder
                    + ", which does not exist; create it or choose another path");
        }
        try {
            return folder.toRealPath().resolve(Objects.requireNonNull(absolute.getFileName()));
        } catch (IOException e) {
            return absolute;
        }
    }

    /** An existing regular file's identity (inode where the file system has one, else its real path); else null. */
    private static Object existingKey(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            return a.fileKey() != null ? a.fileKey() : path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
