# Reference values for mlem's noise component (issue 14 part 5): R's mclust 6.0 with a Poisson-process
# noise component (Banfield and Raftery 1993) on Old Faithful with 28 uniform rows added.
# Data: R's faithful (272 rows) then 28 rows uniform on [1, 6] x [35, 105] (set.seed(14)).
# Noise start: mlem's default rule, computed here independently: a row is noise when the Euclidean
#   distance to its 5th nearest neighbour (itself excluded) exceeds Q3 + 1.5 IQR of those distances
#   (quantile type 7).
# Vinv: mclust::hypvol(x, reciprocal = TRUE), the noise density.
# Start: as Mclust does with initialization = list(noise = ...): hc(VVV) of the non-noise rows cut at
#   G (written as 0-based labels, -1 for noise rows); z = unmap(labels) with the noise column.
# me: mclust::me with Vinv from that z, tolerance 1e-14, its loglik, iterations and pro (G + 1, the
#   noise last), mean, sigma; the log-likelihood recomputed at the returned parameters (the oracle);
#   df = nMclustParams(noise = TRUE) and mclust's BIC 2 loglik - df log n.
# mclust: Mclust(x, G, modelNames, initialization = list(noise = noise)) for each case, its loglik and bic.
# Run from the repository root:  Rscript tools/reference/mclust_noise.R   (a few seconds)
# Writes mlem-core/src/test/resources/fixtures/data/faithful_noise.csv and fixtures/mclust/noise.json
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
set.seed(14)
m <- 28
x <- rbind(as.matrix(faithful), cbind(eruptions = runif(m, 1, 6), waiting = runif(m, 35, 105)))
rownames(x) <- NULL
write.csv(data.frame(eruptions = sprintf("%.17g", x[, 1]), waiting = sprintf("%.17g", x[, 2])),
          file.path(dir, "data", "faithful_noise.csv"), row.names = FALSE, quote = FALSE)
source("tools/reference/mclust_noise_setup.R")
for (g in 2:3) {
  cl <- rep(-1, n)
  cl[!noise] <- as.vector(hclass(tree, g)) - 1
  z <- cbind(unmap(cl[!noise] + 1, groups = 1:g), 0)
  zz <- matrix(0, n, g + 1)
  zz[!noise, ] <- z
  zz[noise, g + 1] <- 1
  for (model in c("EII", "VII", "EEI", "VVI", "EEE", "VEV", "VVV")) {
    fit <- me(data = x, modelName = model, z = zz, Vinv = Vinv, control = ctrl)
    p <- fit$parameters
    dens <- cdens(data = x, modelName = model, parameters = p, logarithm = FALSE)
    at <- sum(log(dens %*% p$pro[1:g] + p$pro[g + 1] * Vinv))
    df <- nMclustParams(model, d, g, noise = TRUE)
    mc <- Mclust(x, G = g, modelNames = model, initialization = list(noise = noise), verbose = FALSE)
    means <- paste0("[", paste(sapply(1:g, function(j) num(p$mean[, j])), collapse = ", "), "]")
    entries <- c(entries, sprintf(paste0(
      '{"model": "%s", "k": %d, "df": %d, "labels": %s,\n',
      '   "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "bic": %.17g, "iterations": %d, ',
      '"pro": %s, "means": %s, "sigma": %s},\n',
      '   "Mclust": {"loglik": %.17g, "bic": %.17g}}'),
      model, g, as.integer(df), num(cl), fit$loglik, at, 2 * at - df * log(n), as.integer(attr(fit, "info")[[1]]),
      num(p$pro), means, sigmaJson(p$variance$sigma, g), mc$loglik, mc$bic))
  }
}
writeLines(c(sprintf('{"source": "R mclust %s via tools/reference/mclust_noise.R",', packageVersion("mclust")),
             sprintf(' "n": %d, "Vinv": %.17g, "noiseStart": %s,', n, Vinv, num(as.integer(noise))),
             ' "cases": [', paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "noise.json"))
