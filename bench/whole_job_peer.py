# One whole job for bench/whole_job.py in Python: pandas.read_csv, then statsmodels (GLMs) or
# scipy (distribution fits; nls by least_squares); prints one JSON line with the log-likelihood.
# Usage: python3 bench/whole_job_peer.py glm|dist FAMILY FILE | python3 bench/whole_job_peer.py nls mm FILE
import json, sys
import numpy as np
import pandas as pd

kind, family, path = sys.argv[1:4]
d = pd.read_csv(path)
if kind == 'glm':
    import statsmodels.api as sm
    y = d['y'].to_numpy()
    x = sm.add_constant(d.drop(columns='y').to_numpy())
    if family == 'negbin':
        res = sm.NegativeBinomial(y, x).fit(disp=0, method='newton')  # NB2: theta estimated, as glm.nb
    else:
        fam = {'binomial': sm.families.Binomial(), 'poisson': sm.families.Poisson(),
               'gamma': sm.families.Gamma(sm.families.links.Log())}[family]
        res = sm.GLM(y, x, family=fam).fit()
    ll, first = float(res.llf), float(res.params[0])
elif kind == 'nls':
    from scipy import optimize
    conc, rate = d['conc'].to_numpy(), d['rate'].to_numpy()
    r = optimize.least_squares(lambda b: b[0] * conc / (b[1] + conc) - rate, [150.0, 0.2],
                               jac=lambda b: np.column_stack([conc / (b[1] + conc), -b[0] * conc / (b[1] + conc) ** 2]),
                               method='lm', xtol=1e-12, ftol=1e-12)
    n, rss = len(rate), float(np.sum(r.fun ** 2))
    ll, first = -n / 2 * (np.log(2 * np.pi * rss / n) + 1), float(r.x[0])  # R's logLik.nls, unweighted
else:
    from scipy import stats, optimize, special
    x = d.iloc[:, 0].to_numpy(dtype=float)
    if family == 'negbin':
        # scipy has no nbinom.fit: maximise the log-likelihood in log(size) with mu at the sample mean
        # (its MLE), as R's fitdistrplus parameterises it.
        mu = x.mean()
        def nll(t):
            k = np.exp(t[0])
            return -np.sum(stats.nbinom.logpmf(x, k, k / (k + mu)))
        r = optimize.minimize(nll, [0.0], method='BFGS')
        ll, first = -float(r.fun), float(np.exp(r.x[0]))
    else:
        dist = {'gamma': stats.gamma, 'weibull': stats.weibull_min, 'lognormal': stats.lognorm}[family]
        par = dist.fit(x, floc=0)
        ll, first = float(np.sum(dist.logpdf(x, *par))), float(par[0])
print(json.dumps({'loglik': ll, 'first': first}))
