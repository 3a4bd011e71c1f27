# Reference values for mlem's model selection: R's mclust 6.0 (Scrucca et al. 2016) fitted to
# iris (4 measurements) and Old Faithful for k = 1..4 in the four models that match mlem's
# covariance structures: VVV = full, EEE = tied, VVI = diag, VII = spherical.
# mclust's conventions: BIC = 2 log L - p ln n and ICL = BIC + 2 sum_i log z_{i, map(i)}, both
# higher-is-better (mlem's are their negatives). Per fit it writes mclust's reported loglik
# (computed before its last M-step), the log-likelihood at the returned parameters recomputed
# with mclust::dens (the oracle mlem is compared with at 1e-10), df (free parameters), bic, icl,
# the ICL at the returned parameters (z from mclust::estep there, mclust's sign), and the parameters (pro, mean, sigma as d x d per component, for every model).
# Run from the repository root:  Rscript tools/reference/select_mclust.R
# Writes mlem-core/src/test/resources/fixtures/select/mclust_bic.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
num <- function(v) paste0("[", paste(sprintf("%.17g", as.numeric(v)), collapse = ", "), "]")
models <- c(VVV = "full", EEE = "tied", VVI = "diag", VII = "spherical")
entries <- character(0)
for (ds in c("iris", "faithful")) {
  x <- read.csv(file.path(dir, "data", paste0(ds, ".csv")))
  for (m in names(models)) {
    for (g in 1:4) {
      f <- Mclust(x, G = g, modelNames = m, verbose = FALSE)
      if (is.null(f)) {
        entries <- c(entries, sprintf('{"dataset": "%s", "model": "%s", "structure": "%s", "k": %d, "failed": true}',
                                      ds, m, models[[m]], g))
        next
      }
      p <- f$parameters
      at <- sum(dens(data = x, modelName = f$modelName, parameters = p, logarithm = TRUE))
      z <- if (g == 1) matrix(1, nrow(x), 1) else estep(data = x, modelName = f$modelName, parameters = p)$z
      iclAt <- 2 * at - f$df * log(nrow(x)) + 2 * sum(log(z[cbind(seq_len(nrow(x)), max.col(z, "first"))]))
      means <- paste0("[", paste(sapply(1:g, function(j) num(p$mean[, j])), collapse = ", "), "]")
      sig <- array(p$variance$sigma, c(ncol(x), ncol(x), g))
      sigma <- paste0("[", paste(sapply(1:g, function(j)
        paste0("[", paste(sapply(1:ncol(x), function(a) num(sig[a, , j])), collapse = ", "), "]")),
        collapse = ", "), "]")
      entries <- c(entries, sprintf(paste0(
        '{"dataset": "%s", "model": "%s", "mclustModel": "%s", "structure": "%s", "k": %d, "n": %d, ',
        '"loglik": %.17g, "loglikAtParameters": %.17g, "df": %d, "bic": %.17g, "icl": %.17g, "iclAtParameters": %.17g, ',
        '"weights": %s, "means": %s, "sigma": %s}'),
        ds, m, f$modelName, models[[m]], g, nrow(x), f$loglik, at, as.integer(f$df), f$bic, icl(f), iclAt,
        num(rep_len(p$pro, g)), means, sigma))
    }
  }
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/select_mclust.R", "fits": [',
             paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "select", "mclust_bic.json"))
