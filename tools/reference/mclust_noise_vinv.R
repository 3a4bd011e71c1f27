# Reference values for a noise component whose density is given (mclust's Vinv passed by the user;
# mlem's --hypervolume V = 1/Vinv): R's mclust 6 on fixtures/data/faithful_noise.csv (Old Faithful
# with 28 uniform rows; made by tools/reference/mclust_noise.R), the same noise start
# (5th-nearest-neighbour rule) and hc(VVV) partition of the other rows as mclust_noise.R, then
#   me(modelName, z, Vinv = 1 / V)   for V = half and twice mclust's hypvol(x)
# (tolerance 1e-14): the log-likelihood recomputed at the returned parameters, iterations, pro
# (noise last), mean, sigma; df = nMclustParams(noise = TRUE).
# Run from the repository root:  Rscript tools/reference/mclust_noise_vinv.R   (seconds)
# Writes mlem-core/src/test/resources/fixtures/mclust/noise_vinv.json
source("tools/reference/mclust_noise_setup.R")
g <- 2
cl <- rep(-1, n)
cl[!noise] <- as.vector(hclass(tree, g)) - 1
zz <- matrix(0, n, g + 1)
zz[!noise, 1:g] <- unmap(cl[!noise] + 1, groups = 1:g)
zz[noise, g + 1] <- 1
for (V in c(hv / 2, 2 * hv)) {
  for (model in c("VVV", "EII")) {
    Vinv <- 1 / V
    fit <- me(data = x, modelName = model, z = zz, Vinv = Vinv, control = ctrl)
    p <- fit$parameters
    dens <- cdens(data = x, modelName = model, parameters = p, logarithm = FALSE)
    at <- sum(log(dens %*% p$pro[1:g] + p$pro[g + 1] * Vinv))
    df <- nMclustParams(model, d, g, noise = TRUE)
    means <- paste0("[", paste(sapply(1:g, function(j) num(p$mean[, j])), collapse = ", "), "]")
    entries <- c(entries, sprintf(paste0(
      '{"model": "%s", "k": %d, "df": %d, "hypervolume": %.17g, "labels": %s,\n',
      '   "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, ',
      '"pro": %s, "means": %s, "sigma": %s}}'),
      model, g, as.integer(df), V, num(cl), fit$loglik, at, as.integer(attr(fit, "info")[[1]]),
      num(p$pro), means, sigmaJson(p$variance$sigma, g)))
  }
}
writeLines(c(sprintf('{"source": "R mclust %s via tools/reference/mclust_noise_vinv.R",', packageVersion("mclust")),
             sprintf(' "n": %d, "hypvol": %.17g,', n, hv),
             ' "cases": [', paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "noise_vinv.json"))
