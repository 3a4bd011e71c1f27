# Reference analysis-of-deviance tables for org.mlem.glm.Anova: anova(fit, test = "Chisq") on glm
# fits of glm.R's and glm_families.R's data sets. Writes glm_anova_*.json beside them. Run from the
# repository root:
#   Rscript tools/reference/glm_anova.R
suppressPackageStartupMessages({ library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "mlem-core/src/test/resources/fixtures/r/glm"
rd <- function(name) read.csv(file.path(out, name), stringsAsFactors = TRUE)
case <- function(name, fit, data, formula, family, link) {
  a <- anova(fit, test = "Chisq")
  res <- list(name = name, data = data, formula = formula, family = family, link = link,
              terms = rownames(a), df = a$Df, deviance = a$Deviance, residualDf = a[["Resid. Df"]],
              residualDeviance = a[["Resid. Dev"]], pValue = a[["Pr(>Chi)"]])
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, na = "null"), file.path(out, paste0("glm_anova_", name, ".json")))
}
mt <- rd("mtcars.csv"); wb <- rd("warpbreaks.csv"); sp <- rd("insectsprays.csv")
case("poisson_warpbreaks", glm(breaks ~ wool * tension, poisson, wb), "warpbreaks", "breaks ~ wool * tension", "poisson", "log")
case("binomial_mtcars", glm(am ~ hp + wt, binomial, mt), "mtcars", "am ~ hp + wt", "binomial", "logit")
case("gaussian_mtcars", glm(mpg ~ wt + factor(cyl) + hp, gaussian, mt), "mtcars", "mpg ~ wt + factor(cyl) + hp", "gaussian", "identity")
case("quasipoisson_sprays", glm(count ~ spray, quasipoisson, sp), "insectsprays", "count ~ spray", "quasipoisson", "log")
