# Reference profile-likelihood intervals for org.mlem.glm.ProfileIntervals: confint(fit) on glm and
# glm.nb fits, which in R 4.2 is MASS's confint.glm (profile.glm, then spline interpolation of the
# signed root deviance at qnorm). Writes glm_confint_*.json beside glm.R's data sets. Run from the
# repository root:
#   Rscript tools/reference/glm_confint.R
suppressPackageStartupMessages({ library(jsonlite); library(MASS) })
Sys.setlocale("LC_COLLATE", "C")
out <- "mlem-core/src/test/resources/fixtures/r/glm"
rd <- function(name) read.csv(file.path(out, name), stringsAsFactors = TRUE)
case <- function(name, fit, data, formula, family, link, level = 0.95, weights = NULL) {
  ci <- suppressMessages(confint(fit, level = level))
  if (is.null(dim(ci))) ci <- matrix(ci, nrow = 1, dimnames = list(names(coef(fit)), NULL))
  res <- list(name = name, R = R.version.string, MASS = as.character(packageVersion("MASS")),
              data = data, formula = formula, family = family, link = link, weights = weights,
              level = level, terms = I(rownames(ci)), lower = I(unname(ci[, 1])), upper = I(unname(ci[, 2])),
              wald = unname(confint.default(fit, level = level)))
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, na = "null"),
             file.path(out, paste0("glm_confint_", name, ".json")))
}
mt <- rd("mtcars.csv"); wb <- rd("warpbreaks.csv"); cl <- rd("clotting.csv"); bw <- rd("budworm.csv")
qu <- rd("quine.csv")
case("binomial_mtcars", glm(am ~ hp + wt, binomial, mt), "mtcars", "am ~ hp + wt", "binomial", "logit")
case("poisson_warpbreaks", glm(breaks ~ wool + tension, poisson, wb), "warpbreaks", "breaks ~ wool + tension",
     "poisson", "log", level = 0.9)
case("gamma_clotting", glm(lot1 ~ log(u), Gamma, cl), "clotting", "lot1 ~ log(u)", "gamma", "inverse")
case("gaussian_mtcars", glm(mpg ~ wt + factor(cyl), gaussian, mt), "mtcars", "mpg ~ wt + factor(cyl)",
     "gaussian", "identity")
case("wbinomial_budworm", glm(prop ~ sex + ldose, binomial, bw, weights = total), "budworm",
     "prop ~ sex + ldose", "binomial", "logit", weights = "total")
case("quasipoisson_warpbreaks", glm(breaks ~ wool + tension, quasipoisson, wb), "warpbreaks",
     "breaks ~ wool + tension", "quasipoisson", "log")
case("negbin_quine", glm.nb(Days ~ Eth + Sex + Age + Lrn, data = qu), "quine", "Days ~ Eth + Sex + Age + Lrn",
     "negbin", "log")
case("intercept_warpbreaks", glm(breaks ~ 1, poisson, wb), "warpbreaks", "breaks ~ 1", "poisson", "log")
