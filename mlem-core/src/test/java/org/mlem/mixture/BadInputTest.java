package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;

/** User mistakes raise {@link MlemUserException}s that name the place and the fix. */
class BadInputTest {

    private static final List<String> NAMES = List.of("x", "count", "flag");

    private static DataMatrix data(double[][] rows) {
        double[] flat = new double[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * 3, 3);
        }
        return DataMatrix.of(flat, rows.length, 3, NAMES);
    }

    private static final ProductMixtureEstimator EST = ProductMixtureEstimator.perColumn(2,
            List.of("normal", "poisson", "bernoulli"));

    @Test
    void firstValueOutsideASupportIsNamedByRowAndColumn() {
        // row 2 has a fractional count and row 3 a flag of 2: the earlier row is reported
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {1.0, 2.5, 1}, {2.0, 3, 2}, {1.5, -1, 0}});
        assertThatThrownBy(() -> EST.fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2, column 'count'").hasMessageContaining("poisson");
    }

    @Test
    void missingValueIsNamed() {
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {Double.NaN, 2, 1}, {2.0, 3, 1}});
        assertThatThrownBy(() -> EST.fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2, column 'x' is missing");
    }

    @Test
    void labelOutsideTheComponents() {
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {1.5, 2, 1}, {2.0, 3, 1}}).withLabels(new int[] {0, 2, -1});
        assertThatThrownBy(() -> EST.fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2 has label index 2");
    }

    @Test
    void layoutMustCoverEveryColumnOnce() {
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {1.5, 2, 1}, {2.0, 3, 1}});
        assertThatThrownBy(() -> ProductMixtureEstimator.perColumn(2, List.of("normal", "poisson")).fit(x, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("column 'flag' has no family");
        assertThatThrownBy(() -> ProductMixtureEstimator.of(2, List.of(new ColumnModel.Univariate(0, Families.normal()),
                new ColumnModel.Univariate(0, Families.normal()), new ColumnModel.Univariate(2, Families.bernoulli()))).fit(x, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("column 'x' is given two families");
    }

    @Test
    void moreComponentsThanDistinctRows() {
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {0.5, 1, 0}, {2.0, 3, 1}});
        assertThatThrownBy(() -> ProductMixtureEstimator.perColumn(3, List.of("normal", "poisson", "bernoulli")).fit(x, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("only 2 distinct rows");
    }

    @Test
    void fixedWeightsMustMatchK() {
        DataMatrix x = data(new double[][] {{0.5, 1, 0}, {1.5, 2, 1}, {2.0, 3, 1}});
        assertThatThrownBy(() -> EST.withFixedWeights(0.2, 0.3, 0.5).fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("3 fixed weights for k=2");
        assertThatThrownBy(() -> EST.withFixedWeights(0.2, 0.3)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("sum to 0.5");
    }

    @Test
    void multinomialNeedsCounts() {
        DataMatrix x = DataMatrix.of(new double[] {1, 2, 3, 0, 1.5, 2}, 2, 3, NAMES);
        assertThatThrownBy(() -> ProductMixtureEstimator.multinomial(2, 3).fit(x, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2, column 'count': value 1.5 is not a count");
    }
}
