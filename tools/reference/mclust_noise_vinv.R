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
    entries <- c(entries, noiseMeEntry(fit, model, g, Vinv, cl, sprintf('"hypervolume": %.17g, ', V)))
  }
}
writeLines(c(sprintf('{"source": "R mclust %s via tools/reference/mclust_noise_vinv.R",', packageVersion("mclust")),
             sprintf(' "n": %d, "hypvol": %.17g,', n, hv),
             ' "cases": [', paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "mclust", "noise_vinv.json"))
