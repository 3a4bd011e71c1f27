# Seeded data for bench/whole_job.sh: GLM tables (1e6 x 20 predictors + y) and one-column
# distribution samples (1e6 rows), and a 1e5-row nonlinear regression (nls.csv: Michaelis-Menten). Usage: python3 bench/whole_job_data.py DIR [ROWS]
import os, sys
import numpy as np

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
p = 20
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261206)
x = rng.standard_normal((n, p))
beta = rng.uniform(-0.15, 0.15, p)
eta = x @ beta
header = ','.join([f'x{j + 1}' for j in range(p)] + ['y'])


def table(name, y, fmt):
    path = os.path.join(out, f'glm_{name}.csv')
    if os.path.exists(path):
        return
    np.savetxt(path, np.column_stack([x, y]), fmt=['%.8g'] * p + [fmt], delimiter=',', header=header,
               comments='')


table('binomial', (rng.uniform(size=n) < 1 / (1 + np.exp(-(eta + 0.2)))).astype(int), '%d')
table('poisson', rng.poisson(np.exp(eta + 1.0)), '%d')
table('gamma', rng.gamma(2.0, np.exp(eta + 1.0) / 2.0), '%.8g')
table('negbin', rng.negative_binomial(3.0, 3.0 / (3.0 + np.exp(eta + 1.0))), '%d')


def column(name, v, fmt):
    path = os.path.join(out, f'dist_{name}.csv')
    if not os.path.exists(path):
        np.savetxt(path, v, fmt=fmt, header='v', comments='')


column('gamma', rng.gamma(2.5, 1 / 0.7, n), '%.10g')
column('weibull', 3.0 * rng.weibull(1.7, n), '%.10g')
column('negbin', rng.negative_binomial(2.5, 2.5 / (2.5 + 6.0), n), '%d')
column('lognormal', rng.lognormal(0.5, 0.8, n), '%.10g')


nls_path = os.path.join(out, 'nls.csv')
if not os.path.exists(nls_path):
    m = 100_000
    conc = rng.uniform(0.02, 2.0, m)
    rate = 200 * conc / (0.1 + conc) + rng.normal(0, 5, m)
    np.savetxt(nls_path, np.column_stack([conc, rate]), fmt='%.10g', delimiter=',', header='conc,rate', comments='')
