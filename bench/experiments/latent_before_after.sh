#!/usr/bin/env bash
# Before / after / peer, alternating per job (lca, poismix, regmix, tmix of bench/whole_job_latent.sh),
# a fresh JVM each, each jar with its own AOT start-up cache trained by StartupTraining as ./mlem does.
# Usage: BEFORE=a.jar AFTER=b.jar JAVA=<JDK 25 java> bench/experiments/latent_before_after.sh [ROUNDS [DATA_DIR]]
# Prints one line a run (bench/timed.sh's): job, tool (before, after or the peer), wall s, CPU s, MiB, ℓ.
set -euo pipefail
b="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3 rounds="${1:-2}" data="${2:-/tmp/mlem-latent}"
java="${JAVA:-java}"
results="$(mktemp)" work="$(mktemp -d)"
trap 'rm -rf "$work" "$results"' EXIT
. "$b/timed.sh"
for side in BEFORE AFTER; do # a start-up cache per jar
  (cd "$work" && "$java" --add-modules jdk.incubator.vector -Xlog:aot*=off -Xlog:cds*=off \
    -XX:AOTCacheOutput="$work/$side.aot" -cp "${!side}" org.mlem.cli.StartupTraining >/dev/null 2>&1)
  printf '#!/usr/bin/env bash\nexec %q --add-modules jdk.incubator.vector -XX:AOTCache=%q -Xlog:aot*=off -Xlog:cds*=off -jar %q "$@"\n' \
    "$java" "$work/$side.aot" "${!side}" > "$work/$side"
  chmod +x "$work/$side"
done
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  for job in ${JOBS:-lca poismix regmix tmix}; do
    f="$("$py" "$b/latent_data.py" "$data" "$job")"
    case "$job" in
      lca) a=(fit mixture --family bernoulli --k 3 --json "$f"); peer=(flexmix Rscript "$b/whole_job_latent_peer.R" lca "$f" 3) ;;
      poismix) a=(fit mixture --family poisson --k 3 --json "$f"); peer=(flexmix Rscript "$b/whole_job_latent_peer.R" poismix "$f" 3) ;;
      regmix) a=(fit regmix --k 2 --formula "y ~ x" --json "$f"); peer=(flexmix Rscript "$b/whole_job_latent_peer.R" regmix "$f" 2) ;;
      tmix) a=(fit tmix --k 3 --json "$f"); peer=(numpy "$py" "$b/whole_job_latent_peers.py" tmix "$f" 3) ;;
      *) echo "unknown job $job" >&2; exit 2 ;;
    esac
    timed "$job" before "$work/BEFORE" "${a[@]}"
    timed "$job" after "$work/AFTER" "${a[@]}"
    timed "$job" "${peer[@]}"
    echo "#   load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
echo "# end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
