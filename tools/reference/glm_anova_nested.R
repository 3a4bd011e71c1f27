# Reference tables for org.mlem.glm.NestedAnova: anova(m0, m1, ..., test = "Chisq" | "F") between
# separately fitted glm models (anova.glmlist and stat.anova). Writes glm_anova_nested_*.json beside
# glm.R's data sets. Run from the repository root:
#   Rscript tools/reference/glm_anova_nested.R
suppressPackageStartupMessages({ library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "mlem-core/src/test/resources/fixtures/r/glm"
rd <- function(name) read.csv(file.path(out, name), stringsAsFactors = TRUE)
case <- function(name, data, d, formulas, family, familyName, link, test) {
  fits <- lapply(formulas, function(f) glm(as.formula(f), family = family, data = d))
  a <- suppressWarnings(do.call(anova, c(fits, list(test = test))))
  stat <- if (test == "F") a[["F"]] else a[["Deviance"]] / summary(fits[[which.min(a[["Resid. Df"]])]])$dispersion * sign(a[["Df"]])
  p <- if (test == "F") a[["Pr(>F)"]] else a[["Pr(>Chi)"]]
  res <- list(name = name, R = R.version.string, data = data, formulas = I(formulas), family = familyName,
              link = link, test = test, residualDf = a[["Resid. Df"]], residualDeviance = a[["Resid. Dev"]],
              df = a[["Df"]], deviance = a[["Deviance"]], statistic = stat, pValue = p)
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, na = "null"),
             file.path(out, paste0("glm_anova_nested_", name, ".json")))
}
mt <- rd("mtcars.csv"); wb <- rd("warpbreaks.csv"); cl <- rd("clotting.csv")
case("poisson_warpbreaks", "warpbreaks", wb, c("breaks ~ wool", "breaks ~ wool + tension"), poisson, "poisson",
     "log", "Chisq")
case("poissonF_warpbreaks", "warpbreaks", wb, c("breaks ~ wool", "breaks ~ wool + tension"), poisson, "poisson",
     "log", "F")
case("binomial_mtcars", "mtcars", mt, c("am ~ hp", "am ~ hp + wt"), binomial, "binomial", "logit", "Chisq")
case("gaussian_mtcars", "mtcars", mt, c("mpg ~ wt", "mpg ~ wt + factor(cyl) + hp"), gaussian, "gaussian",
     "identity", "F")
case("gaussianChisq_mtcars", "mtcars", mt, c("mpg ~ wt", "mpg ~ wt + factor(cyl) + hp"), gaussian, "gaussian",
     "identity", "Chisq")
case("gaussianReversed_mtcars", "mtcars", mt, c("mpg ~ wt + factor(cyl) + hp", "mpg ~ wt"), gaussian, "gaussian",
     "identity", "F")
case("gamma_clotting", "clotting", cl, c("lot1 ~ 1", "lot1 ~ log(u)"), Gamma, "gamma", "inverse", "F")
case("quasipoisson_warpbreaks", "warpbreaks", wb, c("breaks ~ wool", "breaks ~ wool + tension",
     "breaks ~ wool * tension"), quasipoisson, "quasipoisson", "log", "F")
