package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap laws every model's test checks, in one place. */
final class BootstrapChecks {
    private BootstrapChecks() {}

    /**
     * Law: the same seed gives the same bits on 1 and 2 threads, for both kinds, with no failed
     * replicate; and a replicate is not the fit itself (the data did change).
     */
    static <D, M> void sameBitsOnOneAndTwoThreads(BootstrapModel<D, M> model, D data, M fit, int replicates) {
        for (BootstrapKind kind : BootstrapKind.values()) {
            Bootstrap b = new Bootstrap(replicates, kind, 0.95, 1);
            BootstrapResult one = b.run(model, data, fit, 7);
            BootstrapResult two = b.withThreads(2).run(model, data, fit, 7);
            assertThat(one.failures()).as(kind.toString()).isEmpty();
            assertThat(two.draws()).as(kind.toString()).isDeepEqualTo(one.draws());
            assertThat(one.draws()[0]).as(kind.toString()).isNotEqualTo(one.estimates().estimate());
        }
    }

    /** Every bootstrap SE within {@code tol} relative of the oracle's, no failed replicate. */
    static void standardErrorsNear(BootstrapResult r, double[] oracle, double tol) {
        assertThat(r.failures()).isEmpty();
        double[] se = r.estimates().standardError();
        for (int q = 0; q < se.length; q++) {
            assertThat(Math.abs(se[q] / oracle[q] - 1)).as("%s %s", r.kind(), r.estimates().names().get(q)).isLessThan(tol);
        }
    }
}
