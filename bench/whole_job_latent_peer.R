# The R side of bench/whole_job_latent.sh, one whole job a process (CSV to answer): flexmix 2.3
# after data.table::fread, with flexmix's defaults (one random start, EM to a relative change of
# 1e-6 or 200 iterations).
#   Rscript bench/whole_job_latent_peer.R lca|poismix|regmix FILE.csv K
# Prints one JSON line: the total log-likelihood, iterations, and the seconds spent reading and fitting.
t0 <- Sys.time()
suppressPackageStartupMessages({ library(data.table); library(flexmix) })
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]; path <- args[2]; k <- as.integer(args[3])
d <- fread(path)
t1 <- Sys.time()
set.seed(1)
fit <- switch(kind,
  lca = flexmix(as.matrix(d) ~ 1, k = k, model = FLXMCmvbinary()),
  poismix = flexmix(as.matrix(d) ~ 1, k = k, model = FLXMCmvpois()),
  regmix = flexmix(y ~ x, data = d, k = k),
  stop("unknown job ", kind))
ll <- as.numeric(logLik(fit))
t2 <- Sys.time()
cat(sprintf('{"logLikelihood": %.17g, "iterations": %d, "components": %d, "read": %.3f, "fit": %.3f}\n',
            ll, fit@iter, fit@k, as.numeric(t1 - t0, units = "secs"), as.numeric(t2 - t1, units = "secs")))
