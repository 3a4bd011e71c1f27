package org.mlem.concomitant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.formula.Frame;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.model.Rows;
import org.mlem.testkit.Tolerances;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * Louis' information of a concomitant Gaussian mixture for the covariance structures flexmix has no
 * oracle for here (tied: entries every component shares; diag; spherical: one entry on the whole
 * diagonal), against the Richardson Hessian of the log-likelihood
 * ({@link ConcomitantInformation#numerical}, about 2e-5 of rounding): every standard error within
 * 5e-5 relative (measured 6e-6 on 300 rows). Data: quakes' first 200 rows (long, lat; gating
 * ~ depth), k = 2, EM from the fixture's hard start to 1e-8 (Louis' identity holds at any point).
 */
class ConcomitantInformationTest {
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"TIED", "DIAG", "SPHERICAL"})
    @SuppressWarnings("unchecked")
    void louisIsTheDifferencedHessianForEveryStructure(CovarianceStructure structure) {
        Frame all = Cases.frame("quakes.csv");
        int n = 200;
        Frame f = Frame.builder().numeric("long", java.util.Arrays.copyOf(all.numeric("long"), n))
                .numeric("lat", java.util.Arrays.copyOf(all.numeric("lat"), n))
                .numeric("depth", java.util.Arrays.copyOf(all.numeric("depth"), n))
                .numeric("init", java.util.Arrays.copyOf(all.numeric("init"), n)).build();
        DataMatrix x = Rows.matrix(f, List.of("long", "lat"));
        GmmComponents comps = new GmmComponents(
                GaussianMixtureEstimator.of(2).withCovariance(structure).withRegCovar(0), x);
        ConcomitantDesign design = ConcomitantDesign.build("~ depth", f, null, null);
        ConcomitantFit<GaussianMixture> fit = ConcomitantEm.fromPosteriors(comps, design, null, null,
                Cases.hardStart(f, 2), EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-8)
                        .withAcceleration(Acceleration.NONE));
        assertThat(comps.derivatives(fit.model().components())).as("per-row derivatives").isNotNull();
        ParameterEstimates louis = ConcomitantInformation.of(comps, design, null, fit.model()).estimates();
        ParameterEstimates differenced = ConcomitantInformation.numerical(comps, design, null, fit.model()).estimates();
        assertThat(louis.names()).isEqualTo(differenced.names());
        for (int q = 0; q < louis.names().size(); q++) {
            assertThat(Tolerances.relativeError(louis.standardError()[q], differenced.standardError()[q], 1e-12))
                    .as(structure + " " + louis.names().get(q) + ": " + louis.standardError()[q] + " vs "
                            + differenced.standardError()[q])
                    .isLessThan(5e-5);
        }
    }
}
