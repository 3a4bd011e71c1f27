#!/usr/bin/env bash
# Whole jobs, CSV to answer, for issue 13's latent-model rows: a fresh process each, mlem
# alternating with its peer in the same run, default options on both sides.
#   lca          fit mixture --family bernoulli --k 3 (1e5 x 10 binary)   flexmix FLXMCmvbinary
#   poismix      fit mixture --family poisson --k 3 (1e5 x 3 counts)      flexmix FLXMCmvpois
#   regmix       fit regmix --k 2 --formula "y ~ x" (1e5 rows)            flexmix FLXMRglm
#   tmix         fit tmix --k 3 (1e5 x 4)                                  numpy ECM (bench/whole_job_latent_peers.py)
#   mvn-missing  fit mvn (1e6 x 10, 20% of cells missing)                  numpy EM by missing pattern
# Usage: bench/whole_job_latent.sh [DATA_DIR [REPEATS [JOB...]]]
# MLEM (default: the repository's ./mlem) is the command run as mlem, e.g. a java -cp line.
# Prints one line a run (job, tool, wall s, CPU s, peak MiB, log-likelihood), then the medians,
# the peer's time over mlem's (wall and CPU) and the log-likelihoods' relative difference.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="${1:-/tmp/mlem-latent}"
repeats="${2:-3}"
shift $(( $# > 2 ? 2 : $# ))
jobs=("$@")
(( ${#jobs[@]} )) || jobs=(lca poismix regmix tmix mvn-missing)
py=/usr/bin/python3
read -r -a mlem <<< "${MLEM:-$root/mlem}"
"${mlem[@]}" --version >/dev/null # build the jar and its start-up cache before any timing
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("${mlem[@]}" --version | tail -1)"
results="$(mktemp)"
. "$here/timed.sh"

for r in $(seq "$repeats"); do
  for job in "${jobs[@]}"; do
    f="$("$py" "$here/latent_data.py" "$data" "$job")"
    case "$job" in
      lca) timed "$job" mlem "${mlem[@]}" fit mixture --family bernoulli --k 3 --json "$f"
           timed "$job" flexmix Rscript "$here/whole_job_latent_peer.R" lca "$f" 3 ;;
      poismix) timed "$job" mlem "${mlem[@]}" fit mixture --family poisson --k 3 --json "$f"
           timed "$job" flexmix Rscript "$here/whole_job_latent_peer.R" poismix "$f" 3 ;;
      regmix) timed "$job" mlem "${mlem[@]}" fit regmix --k 2 --formula "y ~ x" --json "$f"
           timed "$job" flexmix Rscript "$here/whole_job_latent_peer.R" regmix "$f" 2 ;;
      tmix) timed "$job" mlem "${mlem[@]}" fit tmix --k 3 --json "$f"
           timed "$job" numpy "$py" "$here/whole_job_latent_peers.py" tmix "$f" 3 ;;
      mvn-missing) timed "$job" mlem "${mlem[@]}" fit mvn --json "$f"
           timed "$job" numpy "$py" "$here/whole_job_latent_peers.py" mvn "$f" ;;
      *) echo "unknown job $job" >&2; exit 2 ;;
    esac
  done
done
echo "# medians: wall s (CPU s); the peer's over mlem's; log-likelihood relative difference"
"$py" - "$results" <<'PY'
import collections, statistics, sys
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    t[(f[0], f[1] == "mlem")].append((float(f[2]), float(f[4]), float(f[-1])))
for job in dict.fromkeys(j for j, _ in t):
    m, p = t[(job, True)], t[(job, False)]
    med = lambda rows, i: statistics.median(r[i] for r in rows)  # noqa: E731
    print(f"{job:12s} mlem {med(m, 0):7.2f} s ({med(m, 1):6.2f})  peer {med(p, 0):7.2f} s ({med(p, 1):6.2f})  "
          f"ratio {med(p, 0) / med(m, 0):5.2f}x ({med(p, 1) / med(m, 1):5.2f}x cpu)  "
          f"ll mlem {m[-1][2]!r} peer {p[-1][2]!r} rel {(m[-1][2] - p[-1][2]) / abs(p[-1][2]):+.1e}")
PY
rm -f "$results"
