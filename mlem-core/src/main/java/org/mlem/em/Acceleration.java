package org.mlem.em;

/** How the EM driver steps. */
public enum Acceleration {
    /** Plain EM: one E-step and one M-step per iteration. */
    NONE,
    /**
     * SQUAREM (Varadhan and Roland, 2008, scheme S3): two EM steps, a squared extrapolation along
     * their differences, and one stabilising EM step; the extrapolation is halved back towards the
     * plain double step whenever it would lower the log-likelihood or leave the parameter space,
     * so the log-likelihood still never decreases. Models without a {@link ParameterVector} run
     * plain EM.
     */
    SQUAREM
}
