#!/usr/bin/env bash
# W1 / W3 whole jobs (CSV to answer, `fit gmm --k 8|10 --json`) with builds or JVM options side by
# side, alternating in one loop, each a fresh process: CPU s (user + system), wall s, peak RSS, the
# log-likelihood, the load and mlem's own `seconds` (read, init: the start's screen, fit).
# Usage: bench/whole_job_gmm_ab.sh ROUNDS W1|W3 "LABEL|ROOT|JAVA_OPTS" ...
#   ROOT: a directory holding a ./mlem launcher and its mlem-cli/target jar (a copy of a build:
#   cp -p mlem and mlem-cli/target/mlem-cli-*-all.jar aside), or `sklearn` for bench/whole_job_peers.py;
#   JAVA_OPTS go to MLEM_JAVA_OPTS. Data: DATA_DIR (default /tmp/mlem-whole) from bench/whole_job_gmm_hmm.sh.
# Example (docs/benchmarks.md, 2026-12-07 16:10-17:40Z):
#   bench/whole_job_gmm_ab.sh 4 W1 "base|/tmp/base|" "new|.|" "sklearn|sklearn|"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3
rounds=$1 job=$2; shift 2
f="${DATA_DIR:-/tmp/mlem-whole}/$job.csv"; k=$([[ $job == W1 ]] && echo 8 || echo 10)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for r in $(seq "$rounds"); do
  for spec in "$@"; do
    IFS='|' read -r label root opts <<< "$spec"
    if [[ $root == sklearn ]]; then
      cmd=("$py" "$here/whole_job_peers.py" gmm "$f" "$k")
    else
      cmd=("$root/mlem" fit gmm --k "$k" --json "$f")
    fi
    MLEM_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S %e %M" -o "$tmp/time" "${cmd[@]}" > "$tmp/out" 2> "$tmp/err" \
      || { cat "$tmp/err" >&2; exit 1; }
    "$py" - "$label" "$job" "$tmp/time" "$tmp/out" <<'PY'
import json, sys
label, job, tf, of = sys.argv[1:]
u, s, e, m = open(tf).read().split()[-4:]
text = open(of).read().strip()
try:
    doc = json.loads(text)
except ValueError:
    doc = json.loads(text.splitlines()[-1])
secs = {k: round(v, 2) for k, v in doc.get('seconds', {}).items() if isinstance(v, float)}
print('%-10s %s cpu %.2f wall %s rss %d MiB ll %r load %s %s' % (label, job, float(u) + float(s), e, int(m) // 1024,
      doc['logLikelihood'], open('/proc/loadavg').read().split()[0], secs or ''))
PY
  done
done
