#!/usr/bin/env bash
# The whole mclust-style selection on a 1e5 x 10 table (issue 14): `mlem select gmm --covariance all
# --k 1..9` with every default against R's `Mclust(X, G = 1:9)` with mclust 6's defaults
# (bench/mclust_select_peer.R: hc on 2000 rows drawn by sample(), me() to convergence on all rows),
# a fresh process each, alternating, REPEATS rounds. MODELS (comma-separated mclust names, e.g.
# EII,VVI,EEE,VVV,EVE) restricts both sides to those models; default all fourteen. MLEM_ARGS
# (e.g. --converge-all) adds options to mlem's command; MLEM_ALSO (e.g. --converge-all) adds a second
# mlem run per round with those options too, between the default one and R's.
# Usage: bench/whole_job_mclust_select.sh [DATA_DIR [REPEATS]]   (DATA_DIR default /tmp/mlem-whole)
# Prints per run: tool, CPU s (user + sys), wall s, the pick, its BIC (mclust's sign) and
# log-likelihood; R's per-model lines go to DATA_DIR/mclust_select.log. Data: bench/mclust_select_data.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="${1:-/tmp/mlem-whole}"
repeats="${2:-1}"
models="${MODELS:-}"
read -r -a extra <<< "${MLEM_ARGS:-}"
read -r -a also <<< "${MLEM_ALSO:-}"
py=/usr/bin/python3
mkdir -p "$data"
csv="$("$py" "$here/mclust_select_data.py" "$data/mclust_select.csv")"
"$root/mlem" --version >/dev/null # build the jar and its start-up cache before any timing
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$root/mlem" --version | tail -1), models ${models:-all}"
t="$(mktemp)" out="$(mktemp)"
for r in $(seq "$repeats"); do
  runs=("")
  [[ ${#also[@]} -gt 0 ]] && runs+=("${also[*]}")
  for opts in "${runs[@]}"; do
  read -r -a more <<< "$opts"
  /usr/bin/time -f "%U %S %e" -o "$t" "$root/mlem" select gmm --covariance "${models:-all}" --k 1..9 --json \
    ${extra[@]+"${extra[@]}"} ${more[@]+"${more[@]}"} "$csv" >"$out"
  read -r user sys wall < "$t"
  "$py" - "$out" "$(echo "$user + $sys" | bc)" "$wall" "${extra[*]:-} $opts" <<'PY'
import json, math, sys
r = json.load(open(sys.argv[1])); b = r["candidates"][r["best"]]
stopped = sum(1 for c in r["candidates"] if c.get("stopped"))
print(f"mlem    cpu {float(sys.argv[2]):8.2f} s  wall {float(sys.argv[3]):8.2f} s  pick {b['mclustModel']} G={b['k']}"
      f"  BIC {-b['bic']:.4f}  loglik {b['logLikelihood']!r}  stopped {stopped}/{len(r['candidates'])}  {sys.argv[4].strip()}")
PY
  done
  /usr/bin/time -f "%U %S %e" -o "$t" Rscript "$here/mclust_select_peer.R" "$csv" ${models:+"$models"} >"$out"
  cat "$out" >> "$data/mclust_select.log"
  read -r user sys wall < "$t"
  "$py" - "$out" "$(echo "$user + $sys" | bc)" "$wall" <<'PY'
import json, sys
j = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print(f"mclust  cpu {float(sys.argv[2]):8.2f} s  wall {float(sys.argv[3]):8.2f} s  pick {j['pick']} G={j['G']}"
      f"  BIC {j['BIC']:.4f}  loglik {j['logLikelihood']!r}  (Mclust alone: {j['cpu']} CPU s)")
PY
done
rm -f "$t" "$out"
