# Reference values for mlem's merging of mixture components by entropy (issue 14 part 8; Baudry,
# Raftery, Celeux, Lo and Gottardo 2010, JCGS 19:332-353): R's mclust 6.0 clustCombi on the paper's
# examples ex4.1 and ex4.2 (shipped by mclust), after Mclust's default fit (both choose EEV).
# Per data set it writes the Mclust fit (G, model, pro, mean, sigma, and z: the posteriors at
# those parameters, estep's, on which clustCombi is run) and, for K = G..2, the pair
# clustCombi merged (1-based, l1 < l2, in the labelling of K clusters), the entropy -sum z log z of
# the K-cluster posteriors and the hard classification (1-based) of each K.
# Run from the repository root:  Rscript tools/reference/mclust_combi.R   (a few seconds)
# Writes mlem-core/src/test/resources/fixtures/combi/{ex4_1,ex4_2}.csv and clustcombi.json
suppressMessages(library(mclust))
out <- "mlem-core/src/test/resources/fixtures/combi"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
num <- function(v) paste0("[", paste(sprintf("%.17g", as.numeric(v)), collapse = ", "), "]")
mat <- function(m) paste0("[", paste(apply(as.matrix(m), 1, num), collapse = ", "), "]")
data(Baudry_etal_2010_JCGS_examples)
cases <- character(0)
for (ds in c("ex4.1", "ex4.2")) {
  x <- get(ds)
  name <- sub(".", "_", ds, fixed = TRUE)
  write.csv(data.frame(x1 = x[, 1], x2 = x[, 2]), file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  fit <- Mclust(x)
  # Mclust's z is its last E-step's, one M-step behind the parameters; the posteriors at the
  # parameters make the oracle exact for mlem's own E-step
  fit$z <- estep(data = x, modelName = fit$modelName, parameters = fit$parameters)$z
  cc <- clustCombi(fit)
  G <- fit$G
  d <- ncol(x)
  sig <- array(fit$parameters$variance$sigma, c(d, d, G))
  sigma <- paste0("[", paste(sapply(1:G, function(j) mat(sig[, , j])), collapse = ", "), "]")
  steps <- character(0)
  for (K in G:1) {
    ent <- -sum(mclust:::xlog(cc$combiz[[K]]))
    pair <- "null"
    if (K < G) {
      M <- cc$combiM[[K]]
      l1 <- which(rowSums(M) == 2)
      l2 <- which(M[l1, ] == 1)[2]
      pair <- num(c(l1, l2))
    }
    steps <- c(steps, sprintf('{"clusters": %d, "merged": %s, "entropy": %.17g, "classification": %s}',
                              K, pair, ent, num(cc$classification[[K]])))
  }
  cases <- c(cases, sprintf(paste0('{"dataset": "%s", "G": %d, "model": "%s", "weights": %s, "means": %s, ',
    '"sigma": %s, "z": %s, "steps": [%s]}'), name, G, fit$modelName, num(fit$parameters$pro),
    mat(t(fit$parameters$mean)), sigma, mat(fit$z), paste(steps, collapse = ", ")))
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_combi.R", "cases": [',
             paste0("  ", cases, collapse = ",\n"), "]}"), file.path(out, "clustcombi.json"))
