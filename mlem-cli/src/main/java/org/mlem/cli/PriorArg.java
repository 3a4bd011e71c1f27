package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GmmPrior;

/** {@code --prior default} on {@code fit gmm} and {@code select gmm}: mclust's {@code priorControl()}. */
final class PriorArg {
    private PriorArg() {}

    /** Whether {@code value} asks for the default prior; null: no prior. */
    static boolean parse(String value) {
        if (value == null) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("default")) {
            return true;
        }
        throw new MlemUserException("--prior '" + value + "' is not known; the one prior is mclust's: --prior default");
    }

    /**
     * The structures to compare under the prior: with {@code --covariance all} those mclust gives a
     * prior for (all but VEE, EVE, VVE, EVV; every one in one column), the others named in a note
     * (mclust's {@code mclustBIC} drops them likewise); named ones must all have one (else one line).
     */
    static List<CovarianceStructure> variants(List<CovarianceStructure> asked, boolean all, int d, Terminal terminal) {
        List<CovarianceStructure> out = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (CovarianceStructure s : asked) {
            if (GmmPrior.supports(s, d)) {
                out.add(s);
            } else if (all) {
                dropped.add(s.mclustName(d));
            } else {
                GmmPrior.requireSupported(s, d);
            }
        }
        if (!dropped.isEmpty()) {
            terminal.err().println("mlem: note: --prior is not available for " + String.join(", ", dropped) + "; comparing "
                    + out.stream().map(s -> s.mclustName(d)).toList() + " only");
        }
        return out;
    }
}
