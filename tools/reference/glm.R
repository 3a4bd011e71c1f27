# Reference fits for org.mlem.glm: R's glm() and MASS::glm.nb() on small public data sets.
# Writes the data sets as CSV and one JSON file of fitted values per model under
# mlem-core/src/test/resources/fixtures/r/glm/. Run from the repository root:
#   Rscript tools/reference/glm.R
suppressPackageStartupMessages({ library(MASS); library(jsonlite) })
out <- "mlem-core/src/test/resources/fixtures/r/glm"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)

# ---- data sets (factors exported as text) ----
mt <- mtcars; mt$cyl_f <- paste0("c", mt$cyl); mt$wt2 <- 2 * mt$wt
csv(mt, "mtcars.csv")
wb <- data.frame(breaks = warpbreaks$breaks, wool = as.character(warpbreaks$wool),
                 tension = as.character(warpbreaks$tension))
csv(wb, "warpbreaks.csv")
# McCullagh & Nelder (1989) p. 300: blood clotting times for two lots of thromboplastin
clotting <- data.frame(u = c(5, 10, 15, 20, 30, 40, 60, 80, 100),
                       lot1 = c(118, 58, 42, 35, 27, 25, 21, 19, 18),
                       lot2 = c(69, 35, 26, 21, 18, 16, 13, 12, 12))
csv(clotting, "clotting.csv")
qu <- data.frame(Eth = as.character(quine$Eth), Sex = as.character(quine$Sex),
                 Age = as.character(quine$Age), Lrn = as.character(quine$Lrn), Days = quine$Days)
csv(qu, "quine.csv")
ins <- data.frame(District = as.character(Insurance$District), Group = as.character(Insurance$Group),
                  Age = as.character(Insurance$Age), Holders = Insurance$Holders, Claims = Insurance$Claims)
csv(ins, "insurance.csv")
# Collett's budworm data (as in MASS, Venables & Ripley section 7.2): 20 moths per batch
budworm <- data.frame(ldose = rep(0:5, 2), sex = rep(c("M", "F"), c(6, 6)),
                      numdead = c(1, 4, 9, 13, 18, 20, 0, 2, 6, 10, 12, 16), total = 20)
budworm$prop <- budworm$numdead / budworm$total
csv(budworm, "budworm.csv")

# ---- fits ----
source("tools/reference/glm_summarise.R")  # summarise(fit, name, formula, family, link, levels, text)
mtT <- mt; mtT$cyl_f <- factor(mtT$cyl_f)
summarise(glm(am ~ hp + wt, binomial, mtT), "glm_binomial_mtcars", "am ~ hp + wt", "binomial", "logit")
summarise(glm(vs ~ mpg + wt, binomial(link = "probit"), mtT), "glm_probit_mtcars", "vs ~ mpg + wt", "binomial", "probit")
summarise(glm(vs ~ mpg + wt, binomial(link = "cloglog"), mtT), "glm_cloglog_mtcars", "vs ~ mpg + wt", "binomial", "cloglog")
summarise(glm(breaks ~ wool + tension, poisson, warpbreaks), "glm_poisson_warpbreaks", "breaks ~ wool + tension",
          "poisson", "log", list(tension = c("L", "M", "H")))
wbS <- wb; wbS$tension <- factor(wbS$tension)   # sorted levels H, L, M
summarise(glm(breaks ~ wool * tension, gaussian, wbS), "glm_gaussian_warpbreaks", "breaks ~ wool * tension", "gaussian", "identity")
summarise(glm(mpg ~ log(hp) + I(wt^2) + wt * cyl_f, gaussian, mtT), "glm_gaussian_mtcars",
          "mpg ~ log(hp) + I(wt^2) + wt * cyl_f", "gaussian", "identity")
summarise(glm(mpg ~ wt + hp + wt2, gaussian, mtT), "glm_aliased_mtcars", "mpg ~ wt + hp + wt2", "gaussian", "identity")
summarise(glm(mpg ~ cyl_f:wt + hp - 1, gaussian, mtT), "glm_nointercept_mtcars", "mpg ~ cyl_f:wt + hp - 1", "gaussian", "identity")
summarise(glm(lot1 ~ log(u), Gamma, clotting), "glm_gamma_clotting", "lot1 ~ log(u)", "gamma", "inverse")
summarise(glm(lot2 ~ log(u), Gamma(link = "log"), clotting), "glm_gammalog_clotting", "lot2 ~ log(u)", "gamma", "log")
summarise(glm.nb(Days ~ Eth + Sex + Age + Lrn, data = quine), "glm_negbin_quine", "Days ~ Eth + Sex + Age + Lrn", "negbin", "log")
insT <- ins; insT$Group <- factor(insT$Group, levels = levels(Insurance$Group)); insT$Age <- factor(insT$Age, levels = levels(Insurance$Age))
summarise(glm(Claims ~ District + Group + Age, poisson, insT, offset = log(Holders)), "glm_offset_insurance",
          "Claims ~ District + Group + Age", "poisson", "log",
          list(Group = levels(Insurance$Group), Age = levels(Insurance$Age)), "District")
summarise(glm(prop ~ sex * ldose, binomial, budworm, weights = total), "glm_weights_budworm",
          "prop ~ sex * ldose", "binomial", "logit")
summarise(glm(mpg ~ wt + hp, gaussian, mtT, weights = carb), "glm_wgaussian_mtcars", "mpg ~ wt + hp", "gaussian", "identity")
