package org.mlem.spark;

import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;

/** The EM settings a stage sets over mlem-core's defaults; unset params keep the defaults' values. */
final class EmParams {
    private EmParams() {}

    /** {@code defaults} with each set param's value; {@code nInit} null for a model without restarts. */
    static EmOptions options(Params p, EmOptions defaults, IntParam maxIter, DoubleParam tol, IntParam nInit,
            Param<String> acceleration) {
        EmOptions em = defaults;
        if (p.isDefined(maxIter)) {
            em = em.withMaxIterations((Integer) p.getOrDefault(maxIter));
        }
        if (p.isDefined(tol)) {
            em = em.withTolerance((Double) p.getOrDefault(tol));
        }
        if (nInit != null && p.isDefined(nInit)) {
            em = em.withRestarts((Integer) p.getOrDefault(nInit));
        }
        if (p.isDefined(acceleration)) {
            em = em.withAcceleration(Acceleration.valueOf(p.getOrDefault(acceleration).toUpperCase(Locale.ROOT)));
        }
        return em;
    }
}
