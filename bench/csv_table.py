# A seeded 1,000,000 x 20 numeric CSV (17 significant digits) for timing the CSV reader: python3 bench/csv_table.py OUT.csv
import numpy as np, sys
if len(sys.argv) != 2 or sys.argv[1].startswith('-'):
    # an option here once became a 387 MB file named "--help" in the repository
    sys.exit('usage: python3 bench/csv_table.py OUT.csv  (writes a 1e6 x 20 table, about 390 MB)')
rng = np.random.default_rng(20261128)
x = rng.standard_normal((1_000_000, 20)) * rng.uniform(0.5, 20, 20) + rng.uniform(-50, 50, 20)
np.savetxt(sys.argv[1], x, fmt='%.17g', delimiter=',', header=','.join(f'x{j+1}' for j in range(20)), comments='')
