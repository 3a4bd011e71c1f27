#!/usr/bin/env bash
# Is mclust's hierarchical start the better default for `select gmm --covariance all`? Runs the
# selection over the fourteen models x k = 1..9 (select's defaults otherwise: scaled ridge, EM to
# convergence, all cores) on mclust's data sets with each start, alternating the starts per data
# set, and appends one JSON line per run (start, pick, its log-likelihood and BIC, seconds, load
# average) to bench/experiments/hc_start.jsonl. Usage, from the repository root:
#   bench/experiments/hc_start.sh [DATASETS...]   (default: iris faithful diabetes thyroid)
#   STARTS="hc1 km1 auto" to choose the starts: hc1 = --init hc --n-init 1, km1 = --init kmeans++
#   --n-init 1, auto = the current default (k-means++, ten starts on small data).
set -euo pipefail
data=mlem-core/src/test/resources/fixtures/data
out=bench/experiments/hc_start.jsonl
starts=${STARTS:-"hc1 km1"}
for ds in ${@:-iris faithful diabetes thyroid}; do
  for s in $starts; do
    case $s in
      hc1) args=(--init hc --n-init 1) ;;
      km1) args=(--init kmeans++ --n-init 1) ;;
      auto) args=() ;;
    esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N)
    ./mlem select gmm --covariance all --k 1..9 "${args[@]}" --json "$data/$ds.csv" > /tmp/hc_start_$$.json
    t1=$(date +%s.%N)
    python3 - "$ds" "$s" "$load" "$t0" "$t1" /tmp/hc_start_$$.json >> "$out" <<'PY'
import json, sys
ds, start, load, t0, t1, path = sys.argv[1:]
r = json.load(open(path))
b = r["candidates"][r["best"]]
print(json.dumps({"dataset": ds, "start": start, "pick": f'{b["mclustModel"]} G={b["k"]}', "logLikelihood": b["logLikelihood"],
                  "bic": -b["bic"], "seconds": round(float(t1) - float(t0), 1), "load1": float(load)}))
PY
  done
done
rm -f /tmp/hc_start_$$.json
