package org.mlem.model;

import java.util.ArrayList;
import java.util.List;
import org.mlem.gmm.GaussianMixture;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.mixture.ProductMixture;
import org.mlem.regmix.RegmixUncertainty;
import org.mlem.regmix.RegressionMixture;
import org.mlem.tmix.TMixture;
import org.mlem.uncertainty.GmmParameters;
import org.mlem.uncertainty.HmmUncertainty;
import org.mlem.uncertainty.ProductMixtureUncertainty;
import org.mlem.uncertainty.TMixtureUncertainty;

/**
 * The free parameters of the fitted latent models, named as their standard-error tables and JSON
 * name them ({@code weight[0]}, {@code mean[1][waiting]}, {@code cov[0][x,y]}, ...; components and
 * states from 0): the reported layout less the entries fixed by a sum to one (the last weight,
 * start probability, transition of a row, category). There are {@code nParameters()} of them, in
 * the order of the observed information's free layout where the model has one.
 */
final class LatentParameterNames {
    private LatentParameterNames() {}

    /**
     * A Gaussian mixture's; an mclust structure whose covariances are not free entries (EII, VEV,
     * ...) names its covariance parameters {@code covarianceParameter[q]}, q from 0.
     */
    static List<String> gmm(GaussianMixture m, List<String> columns) {
        if (m.structure().storage() == m.structure()) {
            return GmmParameters.of(m, columns).freeNames();
        }
        List<String> names = new ArrayList<>(GmmParameters.of(m, columns).freeNames()
                .subList(0, m.components() - 1 + m.components() * m.dimension()));
        int covariance = m.nParameters() - names.size();
        for (int q = 0; q < covariance; q++) {
            names.add("covarianceParameter[" + q + "]");
        }
        return List.copyOf(names);
    }

    /** A t mixture's, ν included (it is estimated unless held). */
    static List<String> tmix(TMixture m, List<String> columns) {
        return withoutLastWeight(TMixtureUncertainty.of(m, columns, true).names(), m.components());
    }

    /** A mixture of families': each factor's first {@code freeParameters()} names (a categorical's last level is 1 − the rest). */
    static List<String> mixture(ProductMixture m) {
        List<String> reported = ProductMixtureUncertainty.names(m);
        List<String> names = new ArrayList<>(reported.subList(0, m.k() - 1));
        int at = m.k();
        for (int j = 0; j < m.k(); j++) {
            for (var part : m.component(j).parts()) {
                int all = part.parameterValues().length;
                names.addAll(reported.subList(at, at + part.freeParameters()));
                at += all;
            }
        }
        return List.copyOf(names);
    }

    /** A regression mixture's: coefficients and (gaussian) sd per component. */
    static List<String> regmix(RegressionMixture m) {
        return withoutLastWeight(RegmixUncertainty.names(m), m.components());
    }

    /**
     * A hidden Markov model's: start probabilities and each transition row but the last, then
     * each state's emission parameters (a diagonal covariance's variances only; a categorical
     * emission's probabilities but the last).
     */
    static List<String> hmm(HiddenMarkovModel m, List<String> columns) {
        int k = m.states();
        List<String> reported = HmmUncertainty.names(m, columns);
        List<String> names = new ArrayList<>(reported.subList(0, k - 1));
        for (int i = 0; i < k; i++) {
            names.addAll(reported.subList(k + i * k, k + i * k + k - 1));
        }
        List<String> emissions = reported.subList(k + k * k, reported.size());
        int per = emissions.size() / k;
        int free = m.emissions().nParameters() / k;
        for (int j = 0; j < k; j++) {
            List<String> state = emissions.subList(j * per, (j + 1) * per);
            if (free < per) {
                List<String> diagonal = state.stream().filter(n -> !offDiagonal(n)).toList();
                state = diagonal.size() == free ? diagonal : state.subList(0, free);
            }
            names.addAll(state);
        }
        return List.copyOf(names);
    }

    private static boolean offDiagonal(String name) {
        int comma = name.lastIndexOf(',');
        if (comma < 0) {
            return false;
        }
        return !name.substring(name.lastIndexOf('[') + 1, comma).equals(name.substring(comma + 1, name.length() - 1));
    }

    private static List<String> withoutLastWeight(List<String> reported, int k) {
        List<String> names = new ArrayList<>(reported);
        names.remove(k - 1);
        return List.copyOf(names);
    }
}
