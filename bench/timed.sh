# The timing helper of the whole-job bench scripts (bench/whole_job_gmm_hmm.sh, bench/whole_job_latent.sh):
#   timed LABEL TOOL COMMAND...   runs COMMAND under /usr/bin/time and appends
#   "LABEL TOOL wall s CPU cpu MiB MiB ll LOGLIK" to the file named by $results (and prints it);
#   LOGLIK is the logLikelihood of the JSON on standard output (one document, or the last line).
# Needs $py (a python3).
timed() { # label tool command... -> appends "label tool wall cpu MiB logLik" to $results
  local label="$1" tool="$2" out err; shift 2
  out="$(mktemp)" err="$(mktemp)"
  /usr/bin/time -f "%e %U %S %M" -o "$err.time" "$@" >"$out" 2>"$err" || { echo "$label $tool failed:"; cat "$err"; return 1; }
  local ll
  ll="$("$py" -c '
import json, sys
text = open(sys.argv[1]).read().strip()
try:
    doc = json.loads(text)  # mlem --json: one document
except ValueError:
    doc = json.loads(text.splitlines()[-1])  # the peers: their last line
print(repr(doc["logLikelihood"]))' "$out")"
  read -r secs user sys kb < <(tail -1 "$err.time")
  printf '%-12s %-12s %8.2f s %8.2f cpu %6d MiB  ll %s\n' "$label" "$tool" "$secs" "$(echo "$user + $sys" | bc)" \
    $(( kb / 1024 )) "$ll" | tee -a "$results"
  rm -f "$out" "$err" "$err.time"
}
