package org.mlem.cli;

import org.mlem.MlemUserException;
import org.mlem.data.npy.NpyBlockSource;

/**
 * Data files in NumPy's {@code .npy} format (as {@code mlem convert} writes them): recognised by
 * the extension and streamed block by block, so a file larger than memory can be fitted and
 * scored. A {@code .npy} table has no column names (they are {@code x1..xd}), no text, no missing
 * cells, and no weight or label columns, so the options that choose among CSV columns do not
 * apply and are errors.
 */
final class NpyInput {
    private NpyInput() {}

    /** Whether {@code file} names a {@code .npy} table. */
    static boolean is(String file) {
        return file.toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
    }

    /** Opens {@code file} for streaming after refusing CSV-only options. */
    static NpyBlockSource open(String file, InputOptions input) {
        refuse(input.columns != null && !input.columns.isEmpty(), "--columns", file);
        refuse(input.noHeader, "--no-header", file);
        refuse(input.dropMissing, "--drop-missing", file);
        return NpyBlockSource.open(java.nio.file.Path.of(file));
    }

    /** A user error when {@code given}: {@code flag} chooses among CSV columns and a .npy file has none. */
    static void refuse(boolean given, String flag, String file) {
        if (given) {
            throw new MlemUserException(flag + " applies to CSV input only; a .npy file is used whole (select columns "
                    + "when converting: mlem convert --columns ...)", file, -1, -1);
        }
    }
}
