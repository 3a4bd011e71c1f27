package org.mlem.dist;

import java.util.List;
import java.util.SplittableRandom;

/** One test case per univariate family: the family and true parameters inside its support. */
record FamilyCases(UnivariateFamily family, double[] truth) {

    static List<FamilyCases> all() {
        return List.of(
                new FamilyCases(Families.normal(), new double[] {3, 2}),
                new FamilyCases(Families.lognormal(), new double[] {1, 0.5}),
                new FamilyCases(Families.exponential(), new double[] {2.5}),
                new FamilyCases(Families.gamma(), new double[] {2.5, 4}),
                new FamilyCases(Families.weibull(), new double[] {1.7, 3}),
                new FamilyCases(Families.beta(), new double[] {2, 5}),
                new FamilyCases(Families.studentT(), new double[] {1, 2, 3}),
                new FamilyCases(Families.laplace(), new double[] {-1, 0.7}),
                new FamilyCases(Families.logistic(), new double[] {5, 1.5}),
                new FamilyCases(Families.poisson(), new double[] {4.2}),
                new FamilyCases(Families.negativeBinomial(), new double[] {3, 6}),
                new FamilyCases(Families.geometric(), new double[] {0.3}),
                new FamilyCases(Families.binomial(12), new double[] {0.35}),
                new FamilyCases(Families.bernoulli(), new double[] {0.3}),
                new FamilyCases(Families.categorical(), new double[] {0.2, 0.5, 0.1, 0.2}));
    }

    Distribution distribution() {
        return family.of(truth);
    }

    double[] draw(int n, long seed) {
        return distribution().sample(n, new SplittableRandom(seed));
    }

    @Override
    public String toString() {
        return family.name();
    }
}
