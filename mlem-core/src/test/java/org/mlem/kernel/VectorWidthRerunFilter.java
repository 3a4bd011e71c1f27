package org.mlem.kernel;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * The build's second test run at 256-bit vectors ({@code kernels-at-256-bits} in the pom) runs
 * only where it tests something the first run did not: when this processor's own vectors are
 * 512 bits wide. Where they are 256 bits already (AVX2, as on the machines CI runs on), the first
 * run took the same kernels at the same width, so the second would repeat it bit for bit; this
 * filter then leaves every test out, saying why. It acts only in a JVM started with
 * {@code -Dmlem.test.otherWidthOnly=true} (that execution's), whatever {@code mlem.vectorBits} a
 * developer passes elsewhere. Registered through {@code META-INF/services}, so it filters the
 * jqwik properties as well as the JUnit tests.
 */
public final class VectorWidthRerunFilter implements PostDiscoveryFilter {

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!Boolean.getBoolean("mlem.test.otherWidthOnly") || !Kernels.VECTOR) {
            return FilterResult.included("not the re-run at another vector width");
        }
        int preferred = VectorKernels.preferredBits();
        int here = VectorKernels.LANES * Double.SIZE;
        return here == preferred
                ? FilterResult.excluded("this processor's vectors are " + preferred + " bits wide: the first test run took them")
                : FilterResult.included(here + "-bit vectors where the processor's are " + preferred);
    }
}
