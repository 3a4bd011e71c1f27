#!/usr/bin/env bash
# Whole jobs, CSV to answer, a fresh process each, mlem alternating with its peer in the same run:
#   GMM W1 (1e5 x 10, k 8) and W3 (2e5 x 50, k 10) against scikit-learn (pandas + GaussianMixture,
#   default options); mlem with its defaults and with --convergence sklearn (scikit-learn's rule);
#   HMMs with 4 states on 1e6 steps in 100 sequences (Gaussian, Poisson, categorical), 10 Baum-Welch
#   iterations, against pomegranate 0.14 (pandas + from_samples, 2 jobs).
# Usage: bench/whole_job_gmm_hmm.sh [DATA_DIR [REPEATS [JOB...]]]   (JOB: W1 W3 hmm-gaussian ...)
# Prints one line a run (job, tool, wall s, peak MiB, log-likelihood) and the median ratios.
# Data are generated once (bench/workloads.py, bench/hmm_data.py) into DATA_DIR (default /tmp/mlem-whole).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="${1:-/tmp/mlem-whole}"
repeats="${2:-3}"
shift $(( $# > 2 ? 2 : $# ))
jobs=("$@")
(( ${#jobs[@]} )) || jobs=(W1 W3 hmm-gaussian hmm-poisson hmm-categorical)
py=/usr/bin/python3
mkdir -p "$data"

csv_of() { # W1|W3 -> a CSV of the workload (header x1..xd)
  local w="$1" f="$data/$1.csv"
  if [[ ! -f "$f" ]]; then
    "$py" - "$here" "$data" "$w" <<'PY'
import sys; sys.path.insert(0, sys.argv[1])
import numpy as np, workloads
x = np.load(workloads.generate(sys.argv[3], sys.argv[2])[0])
np.savetxt(f"{sys.argv[2]}/{sys.argv[3]}.csv", x, fmt="%.17g", delimiter=",",
           header=",".join(f"x{j+1}" for j in range(x.shape[1])), comments="")
PY
  fi
  echo "$f"
}

"$root/mlem" --version >/dev/null # build the jar and its start-up cache before any timing
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$root/mlem" --version | tail -1)"
results="$(mktemp)"
. "$here/timed.sh"

for job in "${jobs[@]}"; do
  for r in $(seq "$repeats"); do
    case "$job" in
      W1|W3)
        f="$(csv_of "$job")"; k=$([[ $job == W1 ]] && echo 8 || echo 10)
        timed "$job" mlem "$root/mlem" fit gmm --k "$k" --json "$f"
        timed "$job" mlem-sklearn-rule "$root/mlem" fit gmm --k "$k" --convergence sklearn --json "$f"
        timed "$job" scikit-learn "$py" "$here/whole_job_peers.py" gmm "$f" "$k"
        ;;
      hmm-*)
        e="${job#hmm-}"; f="$("$py" "$here/hmm_data.py" "$data" "$e")"
        timed "$job" mlem "$root/mlem" fit hmm --states 4 --emission "$e" --sequence seq --columns y \
          --max-iter 10 --tol 0 --acceleration none --json "$f"
        timed "$job" pomegranate "$py" "$here/whole_job_peers.py" hmm "$f" "$e" 4 10
        ;;
      *) echo "unknown job $job" >&2; exit 2 ;;
    esac
  done
done
echo "# medians (wall s) and the peer's time over mlem's"
"$py" - "$results" <<'PY'
import collections, statistics, sys
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    t[(f[0], f[1])].append(float(f[2]))
jobs = dict.fromkeys(j for j, _ in t)
for j in jobs:
    peer = next(v for (jj, tool), v in t.items() if jj == j and tool in ("scikit-learn", "pomegranate"))
    for (jj, tool), v in t.items():
        if jj == j and tool.startswith("mlem"):
            print(f"{j:16s} {tool:22s} {statistics.median(v):7.2f} s  peer {statistics.median(peer):7.2f} s  "
                  f"ratio {statistics.median(peer) / statistics.median(v):5.2f}x")
PY
rm -f "$results"
