package org.mlem.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output that remembers why writing it failed. The writers above it (a
 * {@link java.io.PrintWriter}) swallow the exception and keep only a flag; this keeps the
 * operating system's reason ("No space left on device") for the one line the user sees.
 */
final class StandardOutput extends FilterOutputStream {
    private IOException first;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (first == null) {
            first = e;
        }
        return e;
    }

    /**
     * Why standard output failed, or null when it did not: {@code writerFailed} is the writer's
     * flag, and a {@link PrintStream} underneath (which swallows errors too) is asked as well.
     */
    String failure(boolean writerFailed) {
        if (first != null) {
            return first.getMessage() == null ? first.getClass().getSimpleName() : first.getMessage();
        }
        if (writerFailed || out instanceof PrintStream p && p.checkError()) {
            return "write error";
        }
        return null;
    }
}
