#!/usr/bin/env bash
# The CLI's fixed cost, before / after, alternating: --version, fit dist on a small file, and larger
# jobs, a fresh JVM each run, each jar with its own AOT start-up cache trained by StartupTraining as
# ./mlem does ("cache"), and without one ("nocache", as MLEM_AOT=0).
# Usage: BEFORE=a.jar AFTER=b.jar JAVA=<JDK 25 java> bench/experiments/startup_before_after.sh [ROUNDS [DATA_DIR [LATENT_DIR]]]
#   DATA_DIR holds dist_gamma.csv (bench/whole_job_data.py), LATENT_DIR lca.csv (bench/latent_data.py);
#   a job whose file is missing is skipped. JOBS chooses the jobs (default: version dist-small dist-1e6 lca).
# Prints one line a run: job, jar (before or after), cache, wall s, CPU s (user + system), MiB.
set -euo pipefail
b="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}" data="${2:-/tmp/csvread-data}" latent="${3:-/tmp/mlem-latent}"
java="${JAVA:-java}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for side in BEFORE AFTER; do
  (cd "$work" && "$java" --add-modules jdk.incubator.vector -Xlog:aot*=off -Xlog:cds*=off \
    -XX:AOTCacheOutput="$work/$side.aot" -cp "${!side}" org.mlem.cli.StartupTraining >/dev/null 2>&1)
done
run() { # job side cache args...
  local job="$1" side="$2" cache="$3" jar opts=()
  shift 3
  jar="${!side}"
  [[ "$cache" == cache ]] && opts=(-XX:AOTCache="$work/$side.aot" -Xlog:aot*=off -Xlog:cds*=off)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$java" --add-modules jdk.incubator.vector "${opts[@]}" -jar "$jar" "$@" \
    >/dev/null 2>"$work/err" || { echo "$job $side failed:"; cat "$work/err"; return 1; }
  read -r secs user sys kb < <(tail -1 "$work/time")
  printf '%-10s %-6s %-7s %7.2f s %6.2f cpu %5d MiB\n' "$job" "${side,,}" "$cache" "$secs" "$(echo "$user + $sys" | bc)" $((kb / 1024))
}
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for job in ${JOBS:-version dist-small dist-1e6 lca}; do
    case "$job" in
      version) a=(--version) ;;
      dist-small) a=(fit dist --family gamma --column eruptions "$b/examples/faithful.csv") ;;
      dist-1e6) [[ -f "$data/dist_gamma.csv" ]] || continue; a=(fit dist --family gamma --json "$data/dist_gamma.csv") ;;
      lca) [[ -f "$latent/lca.csv" ]] || continue; a=(fit mixture --family bernoulli --k 3 --json "$latent/lca.csv") ;;
      *) echo "unknown job $job" >&2; exit 2 ;;
    esac
    for cache in cache nocache; do
      for side in BEFORE AFTER; do
        run "$job" "$side" "$cache" "${a[@]}"
      done
    done
  done
  echo "#   load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "# end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
