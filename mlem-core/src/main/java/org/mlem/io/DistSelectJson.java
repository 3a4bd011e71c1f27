package org.mlem.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.mlem.dist.ChiSquaredStatistic;
import org.mlem.dist.EdfStatistics;
import org.mlem.dist.FamilyCandidate;
import org.mlem.dist.FamilyKind;
import org.mlem.dist.FamilySelectionResult;
import org.mlem.dist.FittedDistribution;
import org.mlem.select.Criterion;

/**
 * A family selection as the contract's {@code select} result, shaped as {@link SelectJson}'s:
 * {@code model} "select", {@code kind} (continuous or discrete), {@code n}, {@code columns},
 * {@code candidates} in rank order [{{@code family}, {@code status} (fitted, failed, not
 * applicable), {@code chosen}, {@code rank} (1-based; null unless fitted), {@code parameters} and
 * {@code standardErrors} by R's names, {@code logLikelihood}, {@code nParameters}, {@code aic},
 * {@code bic} (null unless fitted); for densities {@code ks}, {@code cvm}, {@code ad}; for masses
 * {@code chisq}, {@code chisqDf}, {@code chisqPValue} (null when df ≤ 0), {@code chisqBreaks},
 * {@code chisqObserved}, {@code chisqExpected}; {@code failure} or {@code notApplicable}, the
 * reason}], {@code criterion}, {@code best} (index of the chosen candidate, −1 when none was
 * fitted), {@code bestByBic}, {@code bestByAic}, {@code seconds}. Criteria are lower-is-better.
 */
public final class DistSelectJson {
    private DistSelectJson() {}

    public static ObjectNode node(FamilySelectionResult result, FamilyKind kind, List<String> columns, double seconds) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "select");
        node.put("kind", kind.id());
        node.put("n", result.n());
        node.set("columns", ModelJson.mapper().valueToTree(columns));
        ArrayNode rows = node.putArray("candidates");
        List<FamilyCandidate> candidates = result.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            candidate(rows.addObject(), candidates.get(i), i, i == result.bestIndex());
        }
        node.put("criterion", result.criterion().id());
        node.put("best", result.bestIndex());
        node.put("bestByBic", result.bestBy(Criterion.BIC));
        node.put("bestByAic", result.bestBy(Criterion.AIC));
        node.put("seconds", seconds);
        return node;
    }

    private static void candidate(ObjectNode r, FamilyCandidate c, int index, boolean chosen) {
        r.put("family", c.family());
        r.put("status", c.status().id());
        r.put("chosen", chosen);
        FittedDistribution fit = c.fit();
        if (fit == null) {
            r.putNull("rank");
            r.putNull("logLikelihood");
            r.putNull("aic");
            r.putNull("bic");
            r.put(c.status() == FamilyCandidate.Status.FAILED ? "failure" : "notApplicable", c.reason());
            return;
        }
        r.put("rank", index + 1);
        r.set("parameters", FitJson.numbers(fit.estimates()));
        r.set("standardErrors", FitJson.numbers(fit.standardErrors()));
        FitJson.number(r, "logLikelihood", fit.logLikelihood());
        r.put("nParameters", fit.nParameters());
        FitJson.number(r, "aic", fit.aic());
        FitJson.number(r, "bic", fit.bic());
        if (c.goodnessOfFit() instanceof EdfStatistics edf) {
            FitJson.number(r, "ks", edf.ks());
            FitJson.number(r, "cvm", edf.cvm());
            FitJson.number(r, "ad", edf.ad());
        } else if (c.goodnessOfFit() instanceof ChiSquaredStatistic chi) {
            FitJson.number(r, "chisq", chi.chisq());
            r.put("chisqDf", chi.df());
            FitJson.number(r, "chisqPValue", chi.pValue());
            r.set("chisqBreaks", ModelJson.mapper().valueToTree(chi.breaks()));
            long[] observed = Arrays.stream(chi.observed()).mapToLong(o -> (long) o).toArray();
            r.set("chisqObserved", ModelJson.mapper().valueToTree(observed));
            r.set("chisqExpected", ModelJson.mapper().valueToTree(chi.expected()));
        }
    }
}
