#!/usr/bin/env bash
# mlem against scikit-learn's GaussianMixture on W1-W4 (see docs/benchmarks.md).
# Usage: bench/compare.sh [W1 W2 W3 W4]   (default: all)
# Env: REPS (alternating runs per workload, default 3), ITERS (EM iterations, default 10),
#      THREADS (default 2), ONE_THREAD=1 to also time mlem on 1 thread, MCLUST=1 to also time R
#      mclust's me() (bench/mclust_run.R; VVV or VVI), DATA_DIR (default bench/data), OUT (results
#      file, default bench/results.jsonl), CHART (default docs/benchmarks.png).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
PY=/usr/bin/python3
REPS="${REPS:-3}"; ITERS="${ITERS:-10}"; THREADS="${THREADS:-2}"; ONE_THREAD="${ONE_THREAD:-0}"; MCLUST="${MCLUST:-0}"
DATA_DIR="${DATA_DIR:-$here/data}"; OUT="${OUT:-$here/results.jsonl}"; CHART="${CHART:-$root/docs/benchmarks.png}"
workloads=("$@"); [ ${#workloads[@]} -eq 0 ] && workloads=(W1 W2 W3 W4)

if ! "$PY" -c 'import sklearn, matplotlib' 2>/dev/null; then
  echo "installing python3-sklearn python3-matplotlib with apt-get" >&2
  apt-get install -y python3-sklearn python3-matplotlib >&2
fi
jar="$root/mlem-bench/target/mlem-bench.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/mlem-core/src" "$root/mlem-bench/src" -newer "$jar" -name '*.java' | head -1)" ]; then
  (cd "$root" && mvn -B -q -pl mlem-core,mlem-bench -am package -DskipTests) >&2
fi
export OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

mkdir -p "$DATA_DIR"
dgemm="$("$PY" "$here/dgemm.py")"
machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
date="$(date -u +%Y-%m-%dT%H:%MZ)"
: > "$OUT.tmp"
echo "{\"meta\":true,\"date\":\"$date\",\"machine\":\"$machine\",\"dgemm_gflops\":$dgemm,\"threads\":$THREADS,\"iters\":$ITERS,\"reps\":$REPS,\"command\":\"bench/compare.sh ${workloads[*]}\"}" >> "$OUT.tmp"

run() { # workload tag command...
  local w="$1" tag="$2"; shift 2
  local mem; mem="$(mktemp)"
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local line; line="$(/usr/bin/time -f '%M' -o "$mem" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2))"
  echo "${line%\}},\"workload\":\"$w\",\"tag\":\"$tag\",\"peak_rss_kib\":$(tail -1 "$mem"),\"load_before\":$load}" | tee -a "$OUT.tmp" >&2
  rm -f "$mem"
}

for w in "${workloads[@]}"; do
  read -r x init < <("$PY" "$here/workloads.py" "$DATA_DIR" "$w")
  bytes=$(stat -L -c %s "$x")
  heap_mib=$(( bytes / 1048576 + 256 ))
  java_cmd=(java --add-modules jdk.incubator.vector -Xms${heap_mib}m -Xmx${heap_mib}m -XX:+UseParallelGC -cp "$jar" org.mlem.bench.Compare "$x" "$init" "$ITERS")
  for ((r = 1; r <= REPS; r++)); do
    run "$w" sklearn "$PY" "$here/sklearn_run.py" "$x" "$init" "$ITERS"
    run "$w" mlem "${java_cmd[@]}" "$THREADS"
    if [ "$ONE_THREAD" = 1 ]; then run "$w" mlem-1t "${java_cmd[@]}" 1; fi
    if [ "$MCLUST" = 1 ]; then run "$w" mclust Rscript "$here/mclust_run.R" "$x" "$init" "$ITERS"; fi
  done
  echo "{\"workload\":\"$w\",\"data_bytes\":$bytes,\"heap_mib\":$heap_mib,\"shape\":\"$("$PY" -c "import sys; sys.path.insert(0,'$here'); from workloads import WORKLOADS as W; print(*W['$w'])")\"}" >> "$OUT.tmp"
done
mv "$OUT.tmp" "$OUT"
"$PY" "$here/report.py" "$OUT" "$CHART"
