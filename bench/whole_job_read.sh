#!/usr/bin/env bash
# Whole job from CSV (docs/benchmarks.md): wall time and peak RSS of mlem before and after a change
# and of the peers, fresh process each, alternating in one run. Usage:
#   bench/whole_job_read.sh BEFORE.jar AFTER.jar [REPS]
# Data: python3 bench/read_data.py $DATA (W1.csv 1e5 x 10, big.csv 2e6 x 10, glm.csv 1e6 x 20 + y).
set -euo pipefail
before="$1"; after="$2"; reps="${3:-3}"
data="${DATA:-/tmp/readbench}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
/usr/bin/python3 "$here/read_data.py" "$data"
run() { # label command...
  local label="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %M" -o /tmp/whole_job_read.time "$@" > /tmp/whole_job_read.out 2> /tmp/whole_job_read.err || {
    echo "$label FAILED: $(grep -v WARNING /tmp/whole_job_read.err | head -3)"; return; }
  read -r wall rss < /tmp/whole_job_read.time
  local answer; answer="$(grep -o '"logLikelihood" *: *[-0-9.eE+]*' /tmp/whole_job_read.out | head -1 | sed "s/.*: *//" || true)"
  [[ -z "$answer" ]] && answer="$(tail -1 /tmp/whole_job_read.out)"
  printf '%-28s wall %6.2f s  peak RSS %5d MiB  load %s  answer %s\n' "$label" "$wall" "$((rss / 1024))" "$load" "$answer"
}
java=(java --add-modules jdk.incubator.vector)
sk_gmm='import sys, pandas as pd
from sklearn.mixture import GaussianMixture
x = pd.read_csv(sys.argv[1]).to_numpy()
k, it = int(sys.argv[2]), int(sys.argv[3])
g = GaussianMixture(n_components=k, covariance_type="full", random_state=1, max_iter=it, tol=(1e-3 if it == 100 else 0)).fit(x)
print(g.score(x) * len(x))'
r_glm='library(data.table); d <- fread(commandArgs(TRUE)[1]); f <- glm(y ~ ., family = binomial, data = d); cat(as.numeric(logLik(f)), "\n")'
for ((r = 1; r <= reps; r++)); do
  for jar in "$before" "$after"; do
    tag="$(basename "$jar" .jar)"
    run "W1 gmm k8 $tag" "${java[@]}" -jar "$jar" fit gmm --k 8 --json "$data/W1.csv"
    run "W1 gmm k8 sklearn" /usr/bin/python3 -c "$sk_gmm" "$data/W1.csv" 8 100
    run "2e6x10 gmm k3 $tag" "${java[@]}" -jar "$jar" fit gmm --k 3 --max-iter 5 --tol 0 --json "$data/big.csv"
    run "2e6x10 gmm k3 sklearn" /usr/bin/python3 -c "$sk_gmm" "$data/big.csv" 3 5
    run "glm logit 1e6x20 $tag" "${java[@]}" -jar "$jar" fit glm --family binomial --formula "y ~ ." --json "$data/glm.csv"
    command -v Rscript > /dev/null && run "glm logit 1e6x20 R fread" Rscript -e "$r_glm" "$data/glm.csv"
  done
done
