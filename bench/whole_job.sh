#!/usr/bin/env bash
# Whole jobs from CSV to answer (issue 13): GLMs on 1e6 x 20 and distribution fits on 1e6 rows,
# mlem against R and Python, alternating. Usage: bench/whole_job.sh [JOB ...]
# Env: REPS (default 3), DATA_DIR (default bench/data), OUT (default bench/whole_job.jsonl).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
REPS="${REPS:-3}"; DATA_DIR="${DATA_DIR:-$here/data}"; OUT="${OUT:-$here/whole_job.jsonl}"
/usr/bin/python3 -c 'import statsmodels, scipy, pandas' 2>/dev/null \
  || { echo "whole_job.sh: needs python3-statsmodels, python3-scipy, python3-pandas (apt-get install)" >&2; exit 2; }
Rscript -e 'stopifnot(requireNamespace("data.table"), requireNamespace("fitdistrplus"))' >/dev/null 2>&1 \
  || { echo "whole_job.sh: needs r-cran-data.table and r-cran-fitdistrplus (apt-get install)" >&2; exit 2; }
/usr/bin/python3 "$here/whole_job_data.py" "$DATA_DIR"
"$here/../mlem" --version >/dev/null   # builds the jar when stale, outside the timings
exec /usr/bin/python3 "$here/whole_job.py" "$DATA_DIR" "$OUT" "$REPS" "$@"
