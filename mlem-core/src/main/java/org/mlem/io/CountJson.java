package org.mlem.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountFit;
import org.mlem.count.VuongComparison;

/** The JSON of a zero-inflated or hurdle count regression ({@code mlem fit zeroinfl|hurdle}). */
public final class CountJson {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private CountJson() {}

    /**
     * The common fields with {@code model} {@code zeroinfl} or {@code hurdle}, then {@code dist},
     * {@code formula}, {@code count} and {@code zero} each {coefficients, standardErrors, zValues,
     * pValues} by term (R's names; the zero part's act on the logit of a structural zero for
     * zeroinfl, of y &gt; 0 for hurdle), for negbin {@code theta}, {@code thetaStandardError},
     * {@code logTheta}, {@code logThetaStandardError}; {@code plain} {logLikelihood, aic, bic} of the
     * count model without a zero part, and {@code vuong} {raw, aicCorrected, bicCorrected, pRaw,
     * pAic, pBic} (pscl::vuong, one-sided p-values; positive favours this model).
     */
    public static ObjectNode of(CountFit fit, CountFit plain, VuongComparison vuong, String formula,
            List<String> columns, double readSeconds, double fitSeconds) {
        ObjectNode node = FitJson.common(fit.kind().name().toLowerCase(java.util.Locale.ROOT), fit.rows(),
                fit.logLikelihood(), fit.nParameters(), fit.aic(), fit.bic(), fit.converged(), fit.iterations(), columns,
                readSeconds, fitSeconds);
        node.put("dist", fit.distribution().label());
        node.put("formula", formula);
        part(node.putObject("count"), fit.countTerms(), fit.countCoefficients(), fit.countStandardErrors());
        part(node.putObject("zero"), fit.zeroTerms(), fit.zeroCoefficients(), fit.zeroStandardErrors());
        if (fit.distribution() == CountDistribution.NEGBIN) {
            FitJson.number(node, "theta", fit.theta());
            FitJson.number(node, "thetaStandardError", fit.thetaStandardError());
            FitJson.number(node, "logTheta", fit.logTheta());
            FitJson.number(node, "logThetaStandardError", fit.logThetaStandardError());
        }
        ObjectNode p = node.putObject("plain");
        FitJson.number(p, "logLikelihood", plain.logLikelihood());
        FitJson.number(p, "aic", plain.aic());
        FitJson.number(p, "bic", plain.bic());
        ObjectNode v = node.putObject("vuong");
        FitJson.number(v, "raw", vuong.raw());
        FitJson.number(v, "aicCorrected", vuong.aicCorrected());
        FitJson.number(v, "bicCorrected", vuong.bicCorrected());
        FitJson.number(v, "pRaw", vuong.pRaw());
        FitJson.number(v, "pAic", vuong.pAic());
        FitJson.number(v, "pBic", vuong.pBic());
        v.put("droppedRows", vuong.droppedRows());
        return node;
    }

    private static void part(ObjectNode node, List<String> terms, double[] est, double[] se) {
        ObjectNode c = node.putObject("coefficients");
        ObjectNode s = node.putObject("standardErrors");
        ObjectNode z = node.putObject("zValues");
        ObjectNode p = node.putObject("pValues");
        for (int j = 0; j < terms.size(); j++) {
            FitJson.number(c, terms.get(j), est[j]);
            FitJson.number(s, terms.get(j), se[j]);
            FitJson.number(z, terms.get(j), est[j] / se[j]);
            FitJson.number(p, terms.get(j), twoSided(est[j] / se[j]));
        }
    }

    /** P(|Z| &gt; |z|) for a standard normal Z, as R's 2 * pnorm(-abs(z)). */
    public static double twoSided(double z) {
        return 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    }
}
