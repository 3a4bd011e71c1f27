# Reference values for mlem's mclust covariance models (issue 14): R's mclust 6.0 (Scrucca et al.
# 2016) on iris (4 measurements) and Old Faithful, G = 2..4, for every model mlem implements beyond
# scikit-learn's four: EII, EEI, VEI, EVI, VEE, EVE, VVE, EEV, VEV, EVV.
# Start: the hard classification of mclust's model-based hierarchical clustering, hc(VVV), cut at
# G (written as 0-based labels). Per case it writes
#   mstep: mclust::mstep from unmap(labels), the M-step alone (pro, mean, sigma);
#   me:    mclust::me from the same z, EM run to a tight tolerance (relative log-likelihood change
#          1e-14, inner M-step iterations 1e-16), its loglik, iterations, the log-likelihood
#          recomputed at the returned parameters with mclust::dens (the oracle), and pro, mean, sigma.
# Run from the repository root:  Rscript tools/reference/mclust_models.R   (about ten seconds)
# Writes mlem-core/src/test/resources/fixtures/mclust/models.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
source("tools/reference/mclust_json.R") # num, sigmaJson, params
models <- c("EII", "EEI", "VEI", "EVI", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV")
ctrl <- emControl(tol = c(1e-14, 1e-16), itmax = c(200000, 10000))
entries <- character(0)
for (ds in c("iris", "faithful")) {
  x <- as.matrix(read.csv(file.path(dir, "data", paste0(ds, ".csv"))))
  d <- ncol(x)
  tree <- hc(x, modelName = "VVV")
  for (g in 2:4) {
    cl <- as.vector(hclass(tree, g))
    z <- unmap(cl)
    for (m in models) {
      ms <- mstep(data = x, modelName = m, z = z, control = ctrl)
      fit <- me(data = x, modelName = m, z = z, control = ctrl)
      if (is.na(fit$loglik) || !is.null(attr(fit, "returnCode")) && attr(fit, "returnCode") < 0) {
        entries <- c(entries, sprintf('{"dataset": "%s", "model": "%s", "k": %d, "failed": true}', ds, m, g))
        next
      }
      at <- sum(dens(data = x, modelName = m, parameters = fit$parameters, logarithm = TRUE))
      entries <- c(entries, sprintf(paste0(
        '{"dataset": "%s", "model": "%s", "k": %d, "n": %d, "df": %d, "labels": %s,\n',
        '   "mstep": {%s},\n   "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, %s}}'),
        ds, m, g, nrow(x), as.integer(nMclustParams(m, d, g)), num(cl - 1), params(ms$parameters, d, g),
        fit$loglik, at, as.integer(attr(fit, "info")[[1]]), params(fit$parameters, d, g)))
    }
  }
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_models.R", "cases": [',
             paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "models.json"))
