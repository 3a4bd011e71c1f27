# mclust's BIC choice among the structures mlem selects over, on real data sets, for the
# degenerate-candidate tests of `select gmm` (SelectDegenerateTest, SelectGmmDegenerateEndToEndTest).
# Data: iris (already a fixture), mclust's diabetes (glucose, insulin, sspg), banknote (six
# measurements), thyroid (five tests) and MASS's galaxies (one column, velocity in km/s).
# mclustBIC over G = 1..9 in VVV, EEE, VVI, VII (E and V in one dimension) with mclust 6.0's defaults
# (hierarchical-agglomeration start, no prior). mclust's BIC is 2 log L - p ln n (higher is better)
# and NA where it finds a covariance singular, so a degenerate fit never wins there.
# Writes fixtures/data/{diabetes,banknote,thyroid,galaxies}.csv and fixtures/select/mclust_choice.json.
# Run from the repository root:  Rscript tools/reference/select_degenerate_mclust.R
suppressMessages({library(mclust); library(MASS)})
dir <- "mlem-core/src/test/resources/fixtures"
data(diabetes, banknote, thyroid, package = "mclust")
sets <- list(
  iris = read.csv(file.path(dir, "data", "iris.csv")),
  diabetes = diabetes[, c("glucose", "insulin", "sspg")],
  banknote = banknote[, c("Length", "Left", "Right", "Bottom", "Top", "Diagonal")],
  thyroid = thyroid[, c("RT3U", "T4", "T3", "TSH", "DTSH")],
  galaxies = data.frame(velocity = galaxies))
for (ds in c("diabetes", "banknote", "thyroid", "galaxies")) {
  write.csv(sets[[ds]], file.path(dir, "data", paste0(ds, ".csv")), row.names = FALSE, quote = FALSE)
}
structure <- c(VVV = "full", EEE = "tied", VVI = "diag", VII = "spherical", E = "tied", V = "full")
num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
entries <- character(0)
for (ds in names(sets)) {
  x <- sets[[ds]]
  models <- if (ncol(x) == 1) c("E", "V") else c("VVV", "EEE", "VVI", "VII")
  b <- mclustBIC(x, G = 1:9, modelNames = models, verbose = FALSE)
  top <- strsplit(names(pickBIC(b, k = 1)), ",")[[1]]
  rows <- character(0)
  for (m in models) {
    rows <- c(rows, sprintf('"%s": [%s]', m, paste(num(b[, m]), collapse = ", ")))
  }
  entries <- c(entries, sprintf(paste0('{"dataset": "%s", "n": %d, "d": %d, "bestModel": "%s", "bestStructure": "%s", ',
                                       '"bestK": %s, "bic": {%s}}'),
                                ds, nrow(x), ncol(x), top[1], structure[[top[1]]], top[2], paste(rows, collapse = ", ")))
}
writeLines(c('{"source": "R mclust 6.0 mclustBIC, G = 1..9, via tools/reference/select_degenerate_mclust.R",',
             '"note": "bic: mclust sign (higher is better), one value per G = 1..9, null where mclust reports NA",',
             '"fits": [', paste0("  ", entries, collapse = ",\n"), "]}"),
           file.path(dir, "select", "mclust_choice.json"))
