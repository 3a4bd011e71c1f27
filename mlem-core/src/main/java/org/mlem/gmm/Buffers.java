package org.mlem.gmm;

/**
 * Per-thread work arrays for the E-step, reused from block to block instead of allocated for each
 * (a block of 2,048 rows and 32 components needs 512 KiB of responsibilities). Every value a
 * kernel reads from them it has written first in the same call, so reuse changes no result.
 */
final class Buffers {
    private Buffers() {}

    static final ThreadLocal<Buffer> RESPONSIBILITIES = ThreadLocal.withInitial(Buffer::new);
    static final ThreadLocal<Buffer> SCRATCH = ThreadLocal.withInitial(Buffer::new);
    static final ThreadLocal<FloatBuffer> FLOAT_SCRATCH = ThreadLocal.withInitial(FloatBuffer::new);

    /** A growable array owned by one thread. */
    static final class Buffer {
        private double[] values = new double[0];

        /** An array of at least n doubles (contents undefined). */
        double[] atLeast(int n) {
            if (values.length < n) {
                values = new double[n];
            }
            return values;
        }
    }

    /** A growable float array owned by one thread, for the single-precision E-step. */
    static final class FloatBuffer {
        private float[] values = new float[0];

        /** An array of at least n floats (contents undefined). */
        float[] atLeast(int n) {
            if (values.length < n) {
                values = new float[n];
            }
            return values;
        }
    }
}
