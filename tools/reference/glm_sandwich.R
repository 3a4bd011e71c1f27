# Reference sandwich covariances for org.mlem.glm.Sandwich: sandwich::vcovHC(fit, type = "HC0".."HC3")
# on glm fits of glm.R's data sets. Writes glm_sandwich_*.json beside glm.R's fixtures. Run from the
# repository root:
#   Rscript tools/reference/glm_sandwich.R
suppressPackageStartupMessages({ library(MASS); library(sandwich); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "mlem-core/src/test/resources/fixtures/r/glm"
# Fits run to epsilon 1e-14 (the test does the same), so that both sides sit at the maximum itself:
# the sandwich's residuals then agree to more digits than glm's default stopping leaves them.
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
rd <- function(name) { d <- read.csv(file.path(out, name), stringsAsFactors = TRUE); d }
case <- function(name, fit, data, formula, family, link) {
  res <- list(name = name, data = data, formula = formula, family = family, link = link,
              columns = names(coef(fit)))
  for (t in c("HC0", "HC1", "HC2", "HC3")) {
    v <- vcovHC(fit, type = t)
    res[[t]] <- lapply(seq_len(ncol(v)), function(j) unname(v[, j]))
  }
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA), file.path(out, paste0("glm_sandwich_", name, ".json")))
}
mt <- rd("mtcars.csv"); wb <- rd("warpbreaks.csv"); cl <- rd("clotting.csv"); sp <- rd("insectsprays.csv")
case("binomial_mtcars", glm(am ~ hp + wt, binomial, mt, control = ctl), "mtcars", "am ~ hp + wt", "binomial", "logit")
case("poisson_warpbreaks", glm(breaks ~ wool + tension, poisson, wb, control = ctl), "warpbreaks", "breaks ~ wool + tension", "poisson", "log")
case("gaussian_mtcars", glm(mpg ~ wt + hp + factor(cyl), gaussian, mt, control = ctl), "mtcars", "mpg ~ wt + hp + factor(cyl)", "gaussian", "identity")
case("gamma_clotting", glm(lot1 ~ log(u), Gamma, cl, control = ctl), "clotting", "lot1 ~ log(u)", "gamma", "inverse")
case("quasipoisson_sprays", glm(count ~ spray, quasipoisson, sp, control = ctl), "insectsprays", "count ~ spray", "quasipoisson", "log")
