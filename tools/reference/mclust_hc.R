# Reference values for mlem's hierarchical start (issue 14 part 3): R's mclust 6.0 (Scrucca et al.
# 2016). Per data set (iris's 4 measurements, Old Faithful, diabetes, thyroid) it writes
#   partitions: hclass(hc(x, modelName = "VVV", use = "SVD"), G) for G = 1..9 (0-based labels),
#               mclust's default start (mclust.options("hcModelName"), mclust.options("hcUse"));
#   cases (iris, faithful, diabetes): for each of the fourteen models and G = 1..9, EM from that
#               start as Mclust runs it: G = 1 mvn(); G > 1 me() from unmap(partition) with tight
#               tolerances (relative log-likelihood change 1e-14, inner M-step iterations 1e-16),
#               its loglik, iterations, the log-likelihood recomputed at the returned parameters
#               with mclust::dens (the oracle) and pro, mean, sigma; "failed" where mclust gives NA;
#   mclust:     Mclust(x) with every default (the fourteen models, G = 1..9): the model and G it
#               picks, its loglik and BIC (mclust's sign: higher is better).
# Run from the repository root:  Rscript tools/reference/mclust_hc.R   (about a minute)
# Writes mlem-core/src/test/resources/fixtures/mclust/hc.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
source("tools/reference/mclust_json.R")
models <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV", "VVV")
ctrl <- emControl(tol = c(1e-11, 1e-14), itmax = c(5000, 10000))
sets <- character(0)
for (ds in c("iris", "faithful", "diabetes", "thyroid")) {
  x <- as.matrix(read.csv(file.path(dir, "data", paste0(ds, ".csv"))))
  d <- ncol(x)
  tree <- hc(x, modelName = mclust.options("hcModelName"), use = mclust.options("hcUse"))
  cl <- hclass(tree, 1:9)
  parts <- paste(sapply(1:9, function(g) num(cl[, g] - 1)), collapse = ",\n    ")
  entries <- character(0)
  if (ds != "thyroid") for (m in models) for (g in 1:9) {
    fit <- if (g == 1) mvn(modelName = m, data = x) else me(data = x, modelName = m, z = unmap(cl[, g]), control = ctrl)
    if (is.null(fit$loglik) || is.na(fit$loglik) || !is.null(attr(fit, "returnCode")) && attr(fit, "returnCode") < 0) {
      entries <- c(entries, sprintf('{"model": "%s", "k": %d, "failed": true}', m, g))
      next
    }
    at <- sum(dens(data = x, modelName = fit$modelName, parameters = fit$parameters, logarithm = TRUE))
    its <- if (g == 1) 1L else as.integer(attr(fit, "info")[[1]])
    entries <- c(entries, sprintf('{"model": "%s", "k": %d, "df": %d, "loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, %s}',
      m, g, as.integer(nMclustParams(m, d, g)), fit$loglik, at, its, params(fit$parameters, d, g)))
  }
  best <- Mclust(x, verbose = FALSE)
  sets <- c(sets, sprintf(paste0('{"dataset": "%s", "n": %d, "partitions": [%s],\n  "mclust": {"model": "%s", "k": %d, "loglik": %.17g, "bic": %.17g},\n',
    '  "cases": [\n    %s]}'), ds, nrow(x), parts, best$modelName, best$G, best$loglik, best$bic, paste(entries, collapse = ",\n    ")))
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_hc.R", "datasets": [', paste(sets, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "hc.json"))
