package org.mlem.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The censoring columns of a stage that fits censored rows as {@code --status} and {@code --interval}
 * read them ({@link DistFit}, {@link LatentMixture}): each row's event code, or its upper bound with
 * the value column the lower; each unset or empty for none.
 */
public interface CensoringParams extends Params {
    Param<String> statusCol();

    Param<String> upperCol();

    /** The status column, or null. */
    default String getStatusCol() {
        return isDefined(statusCol()) && !getOrDefault(statusCol()).isEmpty() ? getOrDefault(statusCol()) : null;
    }

    /** The upper-bound column, or null. */
    default String getUpperCol() {
        return isDefined(upperCol()) && !getOrDefault(upperCol()).isEmpty() ? getOrDefault(upperCol()) : null;
    }

    /** Whether the rows are censored: statusCol or upperCol is set. */
    default boolean censored() {
        return getStatusCol() != null || getUpperCol() != null;
    }
}
