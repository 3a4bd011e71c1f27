# Reference values for a noise component under mclust's default conjugate prior (issue 14 parts 4
# and 5 together): R's mclust 6 on fixtures/data/faithful_noise.csv (Old Faithful with 28 uniform
# rows; made by tools/reference/mclust_noise.R), the same noise start (5th-nearest-neighbour rule)
# and hc(VVV) partition of the other rows as mclust_noise.R, then
#   me(modelName, z, Vinv = hypvol(x, reciprocal = TRUE), prior = priorControl())
# (tolerance 1e-14): loglik (the data's, prior not included), the log-likelihood recomputed at the
# returned parameters, iterations, pro (noise last), mean, sigma; df = nMclustParams(noise = TRUE).
# Run from the repository root:  Rscript tools/reference/mclust_noise_prior.R   (seconds)
# Writes mlem-core/src/test/resources/fixtures/mclust/noise_prior.json
source("tools/reference/mclust_noise_setup.R")
for (g in 2:3) {
  cl <- rep(-1, n)
  cl[!noise] <- as.vector(hclass(tree, g)) - 1
  zz <- matrix(0, n, g + 1)
  zz[!noise, 1:g] <- unmap(cl[!noise] + 1, groups = 1:g)
  zz[noise, g + 1] <- 1
  for (model in c("VVV", "EEE", "VII", "VVI")) {
    fit <- me(data = x, modelName = model, z = zz, Vinv = Vinv, prior = priorControl(), control = ctrl)
    entries <- c(entries, noiseMeEntry(fit, model, g, Vinv, cl))
  }
}
writeLines(c(sprintf('{"source": "R mclust %s via tools/reference/mclust_noise_prior.R",', packageVersion("mclust")),
             sprintf(' "n": %d, "Vinv": %.17g,', n, Vinv),
             ' "cases": [', paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "noise_prior.json"))
