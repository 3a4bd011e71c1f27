#!/usr/bin/env bash
# CPU seconds of a whole mclust-style selection, `select gmm --covariance all --k 1..9` with every
# default, against R's `Mclust()` (mclust's defaults: one hc start per candidate) in the same run:
# for each data set, alternately the jar before a change, the jar after it and Rscript, a fresh
# process each, user + system CPU seconds from /usr/bin/time, the 1-minute load average before
# each. Appends one JSON line a run to bench/experiments/select_all_cpu.jsonl. Usage, from the
# repository root (the jars built by `mvn -pl mlem-cli -am package -DskipTests`):
#   BEFORE=/path/before-all.jar AFTER=mlem-cli/target/mlem-cli-*-all.jar \
#     bench/experiments/select_all_cpu.sh [ROUNDS] [DATASETS...]   (default: 1 iris faithful)
set -euo pipefail
java=${MLEM_JAVA:-java}
rounds=${1:-1}
shift || true
out=bench/experiments/select_all_cpu.jsonl
record() { # label dataset load cpu wall pick loglik
  printf '{"who": "%s", "dataset": "%s", "load1": %s, "cpu": %s, "wall": %s, "pick": "%s", "logLikelihood": %s}\n' "$@" | tee -a "$out"
}
for ((r = 0; r < rounds; r++)); do
  for ds in ${@:-iris faithful}; do
    csv=examples/$ds.csv
    for who in before after mclust; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      if [[ $who == mclust ]]; then
        /usr/bin/time -f "%U %S %e" -o /tmp/sel_time_$$ Rscript -e 'suppressMessages(library(mclust));
          x <- read.csv(commandArgs(TRUE)[1]); x <- x[sapply(x, is.numeric)]; m <- Mclust(x, G = 1:9, verbose = FALSE)
          cat(m$modelName, m$G, sprintf("%.10f", m$loglik), "\n")' "$csv" > /tmp/sel_out_$$
        read -r model g ll < /tmp/sel_out_$$
        pick="$model G=$g"
      else
        jar=${BEFORE}; [[ $who == after ]] && jar=${AFTER}
        /usr/bin/time -f "%U %S %e" -o /tmp/sel_time_$$ "$java" --add-modules jdk.incubator.vector -jar $jar \
          select gmm --covariance all --k 1..9 --json "$csv" > /tmp/sel_out_$$ 2>/dev/null
        { read -r pick; read -r ll; } < <(python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); b = r["candidates"][r["best"]]
print(b["mclustModel"], "G=%d" % b["k"]); print(repr(b["logLikelihood"]))' /tmp/sel_out_$$)
      fi
      read -r user sys wall < /tmp/sel_time_$$
      record "$who" "$ds" "$load" "$(echo "$user + $sys" | bc)" "$wall" "$pick" "$ll"
    done
  done
done
rm -f /tmp/sel_time_$$ /tmp/sel_out_$$
