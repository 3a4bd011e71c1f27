package org.mlem.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlem.MlemUserException;

/**
 * The header of a NumPy {@code .npy} file (format version 1.0 or 2.0) holding a C-ordered,
 * little-endian 2-D table of {@code float64} ({@code <f8}) or {@code float32} ({@code <f4}):
 * the only kind mlem reads and writes. Rows start at {@link #dataOffset()} and are
 * {@code cols × bytesPerValue} bytes apart, so any run of rows is one positional read.
 *
 * @param rows number of rows (shape[0])
 * @param cols values per row (shape[1]; 1 for a 1-D array)
 * @param bytesPerValue 8 for {@code <f8}, 4 for {@code <f4}
 * @param dataOffset byte offset of the first value
 */
public record NpyHeader(long rows, int cols, int bytesPerValue, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Bytes of one row. */
    public long rowBytes() {
        return (long) cols * bytesPerValue;
    }

    /** Reads and checks the header at the start of {@code ch}; {@code source} names the file in errors. */
    public static NpyHeader read(FileChannel ch, String source) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(pre, 0);
        pre.flip();
        if (pre.remaining() < 10) {
            throw notNpy(source, "the file is too short");
        }
        for (byte b : MAGIC) {
            if (pre.get() != b) {
                throw notNpy(source, "it does not start with the .npy magic bytes");
            }
        }
        int major = pre.get() & 0xff;
        pre.get();
        long headerLen;
        long start;
        if (major == 1) {
            headerLen = pre.getShort() & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 4) {
                throw notNpy(source, "the header is cut short");
            }
            headerLen = pre.getInt() & 0xffffffffL;
            start = 12;
        } else {
            throw notNpy(source, "format version " + major + " is not supported (1, 2 and 3 are)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        ch.read(hb, start);
        String dict = new String(hb.array(), 0, hb.position(), StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, dict, source, "descr");
        int bytes = switch (descr) {
            case "<f8", "float64" -> 8;
            case "<f4", "float32" -> 4;
            default -> throw new MlemUserException("the .npy array has dtype '" + descr
                    + "'; mlem reads little-endian float64 ('<f8') or float32 ('<f4'): convert with arr.astype('<f8')",
                    source, 0, 0);
        };
        if (group(FORTRAN, dict, source, "fortran_order").equals("True")) {
            throw new MlemUserException("the .npy array is in Fortran (column) order; save it with "
                    + "np.save(path, np.ascontiguousarray(arr))", source, 0, 0);
        }
        String[] dims = group(SHAPE, dict, source, "shape").split(",");
        long rows;
        int cols;
        try {
            if (dims.length == 1 || dims[1].isBlank()) {
                rows = Long.parseLong(dims[0].trim());
                cols = 1;
            } else if (dims.length == 2) {
                rows = Long.parseLong(dims[0].trim());
                cols = Integer.parseInt(dims[1].trim());
            } else {
                throw new MlemUserException("the .npy array has " + dims.length + " dimensions; mlem reads a table (2-D)",
                        source, 0, 0);
            }
        } catch (NumberFormatException e) {
            throw notNpy(source, "its shape cannot be read");
        }
        if (cols < 1) {
            throw new MlemUserException("the .npy array has shape (" + rows + ", " + cols + "): no columns to read; save "
                    + "a table with at least one column", source, 0, 0);
        }
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw new MlemUserException("the .npy array claims " + rows + " rows; mlem reads 0 to " + Integer.MAX_VALUE
                    + " rows (split the file)", source, 0, 0);
        }
        NpyHeader h = new NpyHeader(rows, cols, bytes, start + headerLen);
        if (ch.size() < h.dataOffset() + rows * h.rowBytes()) {
            throw new MlemUserException("the .npy file is cut short: its header promises " + rows + " rows of " + cols
                    + " values but the file has " + ch.size() + " bytes", source, 0, 0);
        }
        return h;
    }

    /**
     * The header bytes (version 1.0, padded to a multiple of 64 bytes) for a table with
     * {@code rows} rows; {@code minLength} reserves room so the row count can be rewritten in
     * place after streaming (pass the length of a header written for the largest count).
     */
    public static byte[] encode(long rows, int cols, int bytesPerValue, int minLength) {
        String descr = bytesPerValue == 4 ? "<f4" : "<f8";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;
        int padded = Math.max(minLength, (total + 63) / 64 * 64);
        StringBuilder sb = new StringBuilder(dict);
        while (10 + sb.length() + 1 < padded) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    private static String group(Pattern p, String dict, String source, String key) {
        Matcher m = p.matcher(dict);
        if (!m.find()) {
            throw notNpy(source, "its header has no '" + key + "'");
        }
        return m.group(1);
    }

    private static MlemUserException notNpy(String source, String why) {
        return new MlemUserException("not a NumPy .npy file: " + why, source, 0, 0);
    }
}
