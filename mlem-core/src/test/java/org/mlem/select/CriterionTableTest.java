package org.mlem.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mclust's BIC/ICL table layout. Oracle: a grid worked by hand, with a failed, an excluded and a
 * missing cell (NA, as mclust's {@code mclustBIC} prints them) and the top three sorted as mclust's
 * summary lists them (lower is better in mlem's sign). Exact: the table only moves values.
 */
class CriterionTableTest {

    private static Candidate<Object> fitted(int k, String v, double bic, double icl, String excluded) {
        return new Candidate<>(k, v, 0, -bic / 2, 1, bic, bic, icl, true, 1, new Object(), null, List.of(), excluded);
    }

    @Test
    void gridWithNaCellsAndTopThree() {
        List<Candidate<Object>> grid = List.of(
                fitted(1, "full", 10, 10, null), fitted(2, "full", 5, 9, null), fitted(3, "full", 4, 4, "degenerate"),
                fitted(1, "tied", 7, 7, null), Candidate.failed(2, "tied", 0, "collapsed"), fitted(3, "tied", 6, 8, null),
                fitted(1, "diag", 5, 12, null));
        SelectionResult<Object> result = new SelectionResult<>(grid, Criterion.BIC);
        CriterionTable bic = CriterionTable.of(result, Criterion.BIC, v -> v.equals("full") ? "VVV" : v.equals("tied") ? "EEE" : "VVI");
        assertThat(bic.ks()).containsExactly(1, 2, 3);
        assertThat(bic.variants()).containsExactly("VVV", "EEE", "VVI");
        double[][] v = bic.values();
        assertThat(v[0]).containsExactly(10, 7, 5);
        assertThat(v[1][0]).isEqualTo(5);
        assertThat(v[1][1]).isNaN(); // failed
        assertThat(v[1][2]).isNaN(); // not in the grid
        assertThat(v[2][0]).isNaN(); // excluded: never chosen, mclust's NA
        assertThat(v[2][1]).isEqualTo(6);
        // ties keep the grid's order: VVV,2 before VVI,1
        assertThat(bic.top()).containsExactly(new CriterionTable.Entry(2, "VVV", 5), new CriterionTable.Entry(1, "VVI", 5),
                new CriterionTable.Entry(3, "EEE", 6));
        assertThat(result.get(bic.top().get(0).k(), "full")).isSameAs(result.candidates().get(result.bestByBic()));
        CriterionTable icl = CriterionTable.of(result, Criterion.ICL, v1 -> v1);
        assertThat(icl.top()).extracting(CriterionTable.Entry::value).containsExactly(7.0, 8.0, 9.0);
    }

    @Test
    void fewerThanThreeEligibleListsFewer() {
        SelectionResult<Object> result = new SelectionResult<>(List.of(fitted(1, "full", 3, 3, null),
                Candidate.failed(2, "full", 0, "collapsed")), Criterion.BIC);
        assertThat(CriterionTable.of(result, Criterion.BIC, v -> v).top()).hasSize(1);
    }
}
