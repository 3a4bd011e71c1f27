# Reference values for mlem's conjugate prior (issue 14 part 4): R's mclust 6.0 with
# prior = priorControl() (defaultPrior: shrinkage 0.01, the column means, dof d + 2, scale
# (1/G)^(2/d) times the data's covariance or mean variance) on iris's 4 measurements and Old
# Faithful, for the models mlem has a prior M-step for (VVV, EEE, VII, VVI), G = 2..4, from
# the partitions of mclust's default hc (hclass(hc(x, "VVV", use = "SVD"), G)). Per case:
#   mstep: mclust::mstep(prior = priorControl()) from unmap(partition) (pro, mean, sigma);
#   me:    mclust::me(prior = priorControl()) from the same z (tolerance 1e-11, at most 5000
#          iterations): loglik (the data's log-likelihood, prior not included), iterations, the
#          log-likelihood at the returned parameters by mclust::dens, df, and pro, mean, sigma.
# Per data set: Mclust(x, prior = priorControl(), modelNames = those four): its model, G, loglik, bic.
# Run from the repository root:  Rscript tools/reference/mclust_prior.R   (a few seconds)
# Writes mlem-core/src/test/resources/fixtures/mclust/prior.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
source("tools/reference/mclust_json.R")
models <- c("VVV", "EEE", "VII", "VVI")
ctrl <- emControl(tol = c(1e-11, 1e-14), itmax = c(5000, 10000))
sets <- character(0)
for (ds in c("iris", "faithful")) {
  x <- as.matrix(read.csv(file.path(dir, "data", paste0(ds, ".csv"))))
  d <- ncol(x)
  cl <- hclass(hc(x, modelName = "VVV", use = "SVD"), 1:9)
  entries <- character(0)
  for (m in models) for (g in 2:4) {
    z <- unmap(cl[, g])
    ms <- mstep(data = x, modelName = m, z = z, prior = priorControl())
    fit <- me(data = x, modelName = m, z = z, prior = priorControl(), control = ctrl)
    at <- sum(dens(data = x, modelName = m, parameters = fit$parameters, logarithm = TRUE))
    entries <- c(entries, sprintf(paste0('{"model": "%s", "k": %d, "df": %d, "labels": %s,\n     "mstep": {%s},\n',
      '     "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, %s}}'),
      m, g, as.integer(nMclustParams(m, d, g)), num(cl[, g] - 1), params(ms$parameters, d, g),
      fit$loglik, at, as.integer(attr(fit, "info")[[1]]), params(fit$parameters, d, g)))
  }
  best <- Mclust(x, prior = priorControl(), modelNames = models, verbose = FALSE)
  sets <- c(sets, sprintf('{"dataset": "%s", "mclust": {"model": "%s", "k": %d, "loglik": %.17g, "bic": %.17g},\n  "cases": [\n    %s]}',
    ds, best$modelName, best$G, best$loglik, best$bic, paste(entries, collapse = ",\n    ")))
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_prior.R", "datasets": [', paste(sets, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "prior.json"))
