# Reference fits for the GLM families and formula terms of issue 15: the sqrt link, the inverse
# Gaussian family, statmod's Tweedie, MASS's negative.binomial(theta) with theta fixed, the quasi
# families, cbind(successes, failures) and yes/no responses, offset() and spline terms in the
# formula. Writes CSVs and JSON fixtures beside glm.R's under mlem-core/src/test/resources/fixtures/r/glm/.
# Run from the repository root:
#   Rscript tools/reference/glm_families.R
suppressPackageStartupMessages({ library(MASS); library(statmod); library(splines); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")
out <- "mlem-core/src/test/resources/fixtures/r/glm"
source("tools/reference/glm_summarise.R")
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)

sprays <- data.frame(count = InsectSprays$count, spray = as.character(InsectSprays$spray))
csv(sprays, "insectsprays.csv")
es <- data.frame(agegp = as.character(esoph$agegp), alcgp = as.character(esoph$alcgp),
                 tobgp = as.character(esoph$tobgp), ncases = esoph$ncases, ncontrols = esoph$ncontrols)
csv(es, "esoph.csv")
myn <- mtcars; myn$am_yn <- ifelse(myn$am == 1, "yes", "no")
csv(myn, "mtcars_yn.csv")
wb <- data.frame(breaks = warpbreaks$breaks, wool = as.character(warpbreaks$wool),
                 tension = as.character(warpbreaks$tension))
clotting <- data.frame(u = c(5, 10, 15, 20, 30, 40, 60, 80, 100),
                       lot1 = c(118, 58, 42, 35, 27, 25, 21, 19, 18),
                       lot2 = c(69, 35, 26, 21, 18, 16, 13, 12, 12))
quine2 <- quine; for (c in c("Eth", "Sex", "Age", "Lrn")) quine2[[c]] <- factor(as.character(quine2[[c]]))
ins <- data.frame(District = as.character(Insurance$District), Group = as.character(Insurance$Group),
                  Age = as.character(Insurance$Age), Holders = Insurance$Holders, Claims = Insurance$Claims)
esF <- es; for (c in c("agegp", "alcgp", "tobgp")) esF[[c]] <- factor(esF[[c]])

summarise(glm(breaks ~ wool + tension, poisson(link = "sqrt"), wb), "glm_sqrt_warpbreaks",
          "breaks ~ wool + tension", "poisson", "sqrt")
summarise(glm(lot1 ~ log(u), inverse.gaussian, clotting), "glm_invgauss_clotting", "lot1 ~ log(u)",
          "inverse.gaussian", "1/mu^2")
summarise(glm(lot2 ~ log(u), inverse.gaussian(link = "log"), clotting), "glm_invgausslog_clotting", "lot2 ~ log(u)",
          "inverse.gaussian", "log")
summarise(glm(count ~ spray, tweedie(var.power = 1.5, link.power = 0), sprays), "glm_tweedie_sprays",
          "count ~ spray", "tweedie:1.5", "log")
summarise(glm(lot1 ~ u, tweedie(var.power = 2.5, link.power = 1), clotting),
          "glm_tweedieid_clotting", "lot1 ~ u", "tweedie:2.5", "identity")
summarise(glm(Days ~ Eth + Sex + Age + Lrn, negative.binomial(2), quine2), "glm_negbin2_quine",
          "Days ~ Eth + Sex + Age + Lrn", "negbin:2", "log")
summarise(glm(count ~ spray, quasipoisson, sprays), "glm_quasipoisson_sprays", "count ~ spray", "quasipoisson", "log")
summarise(glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, quasibinomial, esF), "glm_quasibinomial_esoph",
          "cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp", "quasibinomial", "logit")
summarise(glm(cbind(ncases, ncontrols) ~ agegp + alcgp * tobgp, binomial, esF), "glm_cbind_esoph",
          "cbind(ncases, ncontrols) ~ agegp + alcgp * tobgp", "binomial", "logit")
summarise(glm(factor(am_yn) ~ wt + hp, binomial, myn), "glm_yesno_mtcars", "am_yn ~ wt + hp", "binomial", "logit")
insT <- ins; insT$Group <- factor(insT$Group, levels = levels(Insurance$Group)); insT$Age <- factor(insT$Age, levels = levels(Insurance$Age))
summarise(glm(Claims ~ District + Group + Age + offset(log(Holders)), poisson, insT), "glm_offsetterm_insurance",
          "Claims ~ District + Group + Age + offset(log(Holders))", "poisson", "log",
          list(Group = levels(Insurance$Group), Age = levels(Insurance$Age)), "District")
summarise(glm(mpg ~ ns(hp, df = 3) + factor(cyl) + poly(wt, 2), gaussian, mtcars), "glm_splines_mtcars",
          "mpg ~ ns(hp, df = 3) + factor(cyl) + poly(wt, 2)", "gaussian", "identity")
