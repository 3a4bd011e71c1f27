#!/usr/bin/env bash
# The whole mclust-style selection on small tables as a user runs it (issue 14): `mlem select gmm
# --covariance all --k 1..9 FILE` with every default (rank stopping on), the same with
# --converge-all, and R's `Mclust(x, G = 1:9)` (mclust 6's defaults) on the file's numeric columns,
# a fresh process each, alternating, REPEATS rounds.
# Usage: bench/small_mclust_select.sh [REPEATS [FILE...]]   (default: 1 round, examples/iris.csv and examples/faithful.csv)
# Prints per run: tool, CPU s (user + sys), wall s, the pick (mclust's name and G) and its log-likelihood.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
repeats="${1:-1}"
shift || true
files=("$@")
[[ ${#files[@]} -gt 0 ]] || files=("$root/examples/iris.csv" "$root/examples/faithful.csv")
py=/usr/bin/python3
"$root/mlem" --version >/dev/null # build the jar and its start-up cache before any timing
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$root/mlem" --version | tail -1)"
t="$(mktemp)" out="$(mktemp)"
for r in $(seq "$repeats"); do
  for f in "${files[@]}"; do
    for opts in "" "--converge-all"; do
      /usr/bin/time -f "%U %S %e" -o "$t" "$root/mlem" select gmm --covariance all --k 1..9 --json $opts "$f" >"$out"
      read -r user sys wall < "$t"
      "$py" - "$out" "$(echo "$user + $sys" | bc)" "$wall" "$(basename "$f") ${opts:-default}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); b = r["candidates"][r["best"]]
stopped = sum(1 for c in r["candidates"] if c.get("stopped"))
print(f"mlem    {sys.argv[4]:28s} cpu {float(sys.argv[2]):7.2f} s  wall {float(sys.argv[3]):7.2f} s  pick {b['mclustModel']},{b['k']}"
      f"  loglik {b['logLikelihood']!r}  stopped {stopped}/{len(r['candidates'])}")
PY
    done
    /usr/bin/time -f "%U %S %e" -o "$t" Rscript -e 'suppressMessages(library(mclust)); a <- commandArgs(TRUE)
      x <- read.csv(a[1]); x <- x[, sapply(x, is.numeric)]; m <- Mclust(x, G = 1:9, verbose = FALSE)
      cat(m$modelName, m$G, sprintf("%.6f", m$loglik), "\n")' "$f" >"$out"
    read -r user sys wall < "$t"
    read -r model g ll < "$out"
    printf 'mclust  %-28s cpu %7.2f s  wall %7.2f s  pick %s,%s  loglik %s\n' "$(basename "$f")" \
      "$(echo "$user + $sys" | bc)" "$wall" "$model" "$g" "$ll"
  done
done
rm -f "$t" "$out"
