# Mclust(x, G = 1:9)'s CPU time on a CSV of numeric columns, and every model's log-likelihood
# from mclust's own start (hc with mclust.options(), then me()), one "MODEL G loglik" line each:
# the floor a candidate of `mlem select gmm --covariance all` is compared with (docs/benchmarks.md).
# Usage: Rscript tools/reference/mclust_select_loglik.R data.csv
library(mclust)
args <- commandArgs(TRUE)
x <- read.csv(args[1])
t <- system.time(m <- Mclust(x, G=1:9))
cat("time", t[["user.self"]], t[["sys.self"]], "\n")
print(summary(m))
b <- m$BIC
# log-likelihoods via me from hc starts as Mclust does
hcp <- hc(x, modelName = mclust.options("hcModelName"), use = mclust.options("hcUse"))
for (mod in colnames(b)) for (g in 1:9) {
  cl <- if (g == 1) rep(1, nrow(x)) else hclass(hcp, g)[, 1]
  fit <- tryCatch(me(x, modelName = mod, z = unmap(cl)), error=function(e) NULL)
  ll <- if (is.null(fit)) NA else fit$loglik
  cat(mod, g, sprintf("%.10f", ll), "\n")
}
