# Reference design columns for org.mlem.model.FittedRegmix with data-dependent bases: R's
# predict(poly(x, 2), newx) and predict(ns(x, 3), newx) (the basis fitted on NPreg's 200 x values,
# evaluated at new x values across the fitted range, both ends included), which is how R's
# makepredictcall codes new rows of a model with these terms. Writes
# mlem-core/src/test/resources/fixtures/regmix/npreg_bases.csv: x, then poly1, poly2, ns1, ns2, ns3.
# Run from the repository root:
#   Rscript tools/reference/regmix_predict_bases.R
suppressPackageStartupMessages(library(splines))
dir <- "mlem-core/src/test/resources/fixtures/regmix"
x <- read.csv(file.path(dir, "npreg.csv"))$x
newx <- c(min(x), seq(min(x), max(x), length.out = 7)[2:6], 7.3, max(x))
p <- predict(poly(x, 2), newx)
n <- predict(ns(x, 3), newx)
out <- data.frame(x = newx, poly1 = p[, 1], poly2 = p[, 2], ns1 = n[, 1], ns2 = n[, 2], ns3 = n[, 3])
write.csv(as.data.frame(lapply(out, function(c) sprintf("%.17g", c))), file.path(dir, "npreg_bases.csv"),
          row.names = FALSE, quote = FALSE)
