# Reference values for mlem's conjugate prior on every model mclust 6.0 gives a prior for (issue 14
# part 4): R's mclust with prior = priorControl() (defaultPrior) on iris's 4 measurements, Old
# Faithful and diabetes for EII, VII, EEI, VEI, EVI, VVI, EEE, EEV, VEV, VVV (mclust refuses VEE,
# EVE, VVE, EVV under a prior: "model is not available with prior"), and on the galaxies
# velocities for the one-dimensional E and V, G = 2..4. Starts: the partitions of mclust's default
# hc in several dimensions (hclass(hc(x, "VVV", use = "SVD"), G)), its quantile classes
# (mclust:::qclass(x, G)) in one, as mclustBIC starts. Per case:
#   mstep: mclust::mstep(prior = priorControl()) from unmap(partition) (pro, mean, sigma); for
#          EII, EEI, EVI, EEV it is not the M-step mclust's me iterates (see GmmPrior's Javadoc);
#   me:    mclust::me(prior = priorControl()) from the same z (tolerances 1e-11 outer, 1e-14 inner,
#          at most 5000 / 10000 iterations): loglik (the data's, prior not included), iterations,
#          the log-likelihood at the returned parameters by mclust::dens, and pro, mean, sigma.
# Per data set: Mclust(x, prior = priorControl()) over every model with a prior: model, G, loglik,
# bic, with its default control ("mclust") and with me run to convergence as above
# ("mclustConverged"); in one dimension also the quantile classes at G = 1..9 ("starts").
# Run from the repository root:  Rscript tools/reference/mclust_prior_models.R   (about a minute)
# Writes mlem-core/src/test/resources/fixtures/mclust/prior_models.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
source("tools/reference/mclust_json.R")
ctrl <- emControl(tol = c(1e-11, 1e-14), itmax = c(5000, 10000))
# a one-dimensional fit's variances as a 1 x 1 x G sigma, its means as a 1 x G matrix
withSigma <- function(p, g) {
  if (is.null(p$variance[["sigma"]])) { # [[ ]]: $ would match sigmasq partially
    p$variance$sigma <- array(rep_len(p$variance$sigmasq, g), c(1, 1, g))
    p$mean <- matrix(p$mean, nrow = 1)
  }
  p
}
oneSet <- function(ds, models, starts) {
  x <- as.matrix(read.csv(file.path(dir, "data", paste0(ds, ".csv"))))
  d <- ncol(x)
  cl <- starts(if (d == 1) x[, 1] else x)
  entries <- character(0)
  for (m in models) for (g in 2:4) {
    z <- unmap(cl[, g])
    data <- if (d == 1) x[, 1] else x
    ms <- mstep(data = data, modelName = m, z = z, prior = priorControl())
    fit <- me(data = data, modelName = m, z = z, prior = priorControl(), control = ctrl)
    if (is.na(fit$loglik)) {
      entries <- c(entries, sprintf('{"model": "%s", "k": %d, "failed": true}', m, g))
      next
    }
    at <- sum(dens(data = data, modelName = m, parameters = fit$parameters, logarithm = TRUE))
    entries <- c(entries, sprintf(paste0('{"model": "%s", "k": %d, "df": %d, "labels": %s,\n     "mstep": {%s},\n',
      '     "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, %s}}'),
      m, g, as.integer(nMclustParams(m, d, g)), num(cl[, g] - 1), params(withSigma(ms$parameters, g), d, g),
      fit$loglik, at, as.integer(attr(fit, "info")[[1]]), params(withSigma(fit$parameters, g), d, g)))
  }
  best <- Mclust(if (d == 1) x[, 1] else x, prior = priorControl(), modelNames = models, verbose = FALSE)
  tight <- Mclust(if (d == 1) x[, 1] else x, prior = priorControl(), modelNames = models, control = ctrl, verbose = FALSE)
  extra <- if (d == 1) paste0(',\n  "starts": [', paste(sapply(1:9, function(g) num(cl[, g] - 1)), collapse = ",\n    "), "]") else ""
  sprintf(paste0('{"dataset": "%s", "mclust": {"model": "%s", "k": %d, "loglik": %.17g, "bic": %.17g},\n',
                 '  "mclustConverged": {"model": "%s", "k": %d, "loglik": %.17g, "bic": %.17g}%s,\n  "cases": [\n    %s]}'),
          ds, best$modelName, best$G, best$loglik, best$bic, tight$modelName, tight$G, tight$loglik, tight$bic,
          extra, paste(entries, collapse = ",\n    "))
}
models <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "EEV", "VEV", "VVV")
hcStarts <- function(x) hclass(hc(x, modelName = "VVV", use = "SVD"), 1:9)
qStarts <- function(x) sapply(1:9, function(g) if (g == 1) rep(1, length(x)) else mclust:::qclass(x, g))
sets <- c(sapply(c("iris", "faithful", "diabetes"), function(ds) oneSet(ds, models, hcStarts)),
          oneSet("galaxies", c("E", "V"), qStarts))
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_prior_models.R", "datasets": [',
             paste(sets, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "prior_models.json"))
