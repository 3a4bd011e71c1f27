# Reference posteriors and scores for the concomitant model kind (org.mlem.model.FittedConcomitant):
# flexmix 2.3's FLXPmultinom mixtures of tools/reference/concomitant_flexmix.R (the same data,
# starts and exact-EM controls), each written as a mlem model file carrying flexmix's estimates,
# so the Java side predicts from exactly R's parameters. For each case: flexmix's posterior() on
# the training rows and on new rows (posterior(f, newdata = ...), whose priors come from the new
# rows' concomitant covariates; on the training rows too, so that both come from the final
# parameters: flexmix's stored posterior and logLik are those of its last E-step, before the
# last M-step), flexmix's logLik, R's sum of the training rows' log-likelihoods (equal to logLik
# but for the patent case, 1e-6 apart for that reason), and each new row's log-likelihood
# log Σ_j prior(f, newdata)_ij f_j(x_i) from R's own densities (dpois, mvtnorm::dmvnorm).
#
# Run from the repository root:  Rscript tools/reference/concomitant_predict.R
# Reads mlem-core/src/test/resources/fixtures/concomitant/{patent,biochemists,quakes}.csv; writes
# new.csv files and predict_cases.json beside them.
suppressPackageStartupMessages({ library(flexmix); library(mvtnorm) })
out <- "mlem-core/src/test/resources/fixtures/concomitant"
source("tools/reference/flexmix_json.R")

source("tools/reference/flexmix_concomitant_helpers.R")
fitCase <- function(formula, concomitant, model, data, k) {
  flexmix(formula, data = data, k = k, cluster = diag(k)[data$init, ], model = model,
          concomitant = tight(concomitant), control = list(iter.max = 100000, minprior = 0, tolerance = 1e-16))
}
gating <- function(f, concomitant, levels = NULL) {
  g <- t(parameters(f, which = "concomitant"))
  r <- list(formula = concomitant, terms = colnames(g), coefficients = unname(g))
  if (!is.null(levels)) r$levels <- levels
  r
}
rows <- function(m) lapply(seq_len(nrow(m)), function(i) unname(m[i, ]))

# Patents against log R&D, weights from the R&D to sales ratio: a Poisson regression mixture, k = 3.
patent <- read.csv(file.path(out, "patent.csv"))
fp <- fitCase(Patents ~ lgRD, ~ RDS, FLXMRglm(family = "poisson"), patent, 3)
newPatent <- data.frame(Patents = c(0, 5, 20, 60, 150, 3), lgRD = c(-1, 0.5, 2, 3.5, 4.5, 1),
                        RDS = c(0.01, 0.05, 0.1, 0.2, 0.4, 0.8))
coefP <- lapply(1:3, function(j) list(coefficients = as.list(f <- fp@components[[j]][[1]]@parameters$coef)))
densP <- function(d) sapply(1:3, function(j) {
  b <- fp@components[[j]][[1]]@parameters$coef
  dpois(d$Patents, exp(b[1] + b[2] * d$lgRD), log = TRUE)
})
modelP <- list(formatVersion = 1, model = "regmix", formula = "Patents ~ lgRD", family = "poisson", link = "log",
               k = 3, weights = unname(colMeans(fp@posterior$scaled)), components = coefP,
               terms = c("(Intercept)", "lgRD"), n = nrow(patent),
               concomitant = gating(fp, "~ RDS"))

# Articles of biochemists, weights from sex (a factor) and the mentor's articles: Poisson mixture, k = 2.
bio <- read.csv(file.path(out, "biochemists.csv"))
fb <- fitCase(art ~ 1, ~ fem + ment, FLXMRglm(family = "poisson"), bio, 2)
newBio <- data.frame(art = c(0, 1, 3, 7, 12, 2), fem = c("Men", "Women", "Women", "Men", "Men", "Women"),
                     ment = c(0, 3, 10, 25, 60, 77))
lam <- sapply(1:2, function(j) exp(fb@components[[j]][[1]]@parameters$coef[[1]]))
densB <- function(d) sapply(1:2, function(j) dpois(d$art, lam[j], log = TRUE))
modelB <- list(formatVersion = 1, model = "mixture", family = "poisson", k = 2, columns = list("art"),
               weights = unname(colMeans(fb@posterior$scaled)),
               components = lapply(1:2, function(j) list(lambda = lam[j])), n = nrow(bio),
               concomitant = gating(fb, "~ fem + ment", list(fem = c("Men", "Women"))))

# Earthquakes near Fiji, (long, lat) with weights from depth: a full-covariance Gaussian mixture, k = 2.
qk <- read.csv(file.path(out, "quakes.csv"))
fq <- fitCase(cbind(long, lat) ~ 1, ~ depth, ml_mvnorm(), qk, 2)
newQuakes <- data.frame(long = c(166, 170, 180, 183, 186, 175), lat = c(-12, -20, -25, -18, -35, -15),
                        depth = c(0.4, 1.5, 3, 5.5, 6.5, 2.2))
pq <- lapply(1:2, function(j) fq@components[[j]][[1]]@parameters)
densQ <- function(d) sapply(1:2, function(j) dmvnorm(as.matrix(d[, c("long", "lat")]), pq[[j]]$center, pq[[j]]$cov,
                                                    log = TRUE))
modelQ <- list(formatVersion = 1, model = "gmm", k = 2, covariance = "full", columns = c("long", "lat"),
               weights = unname(colMeans(fq@posterior$scaled)), means = lapply(pq, function(p) unname(p$center)),
               covariances = lapply(pq, function(p) rows(p$cov)), n = nrow(qk), concomitant = gating(fq, "~ depth"))

case <- function(name, f, model, data, newFile, newData, dens) {
  write.csv(newData, file.path(out, newFile), row.names = FALSE, quote = FALSE)
  lp <- log(prior(f, newData)) + dens(newData)
  m <- apply(lp, 1, max)
  ltrain <- log(prior(f, data)) + dens(data)
  mt <- apply(ltrain, 1, max)
  model$logLikelihood <- sum(mt + log(rowSums(exp(ltrain - mt))))
  list(name = name, model = model, data = data_files[[name]], newData = newFile,
       logLik = as.numeric(logLik(f)),
       trainScoreSum = sum(mt + log(rowSums(exp(ltrain - mt)))),
       trainPosterior = rows(posterior(f, newdata = data)), newPosterior = rows(posterior(f, newdata = newData)),
       newPrior = rows(prior(f, newData)), newScores = unname(m + log(rowSums(exp(lp - m)))))
}
data_files <- list(patent = "patent.csv", biochemists = "biochemists.csv", quakes = "quakes.csv")
cases <- list(case("patent", fp, modelP, patent, "patent_new.csv", newPatent, densP),
              case("biochemists", fb, modelB, bio, "biochemists_new.csv", newBio, densB),
              case("quakes", fq, modelQ, qk, "quakes_new.csv", newQuakes, densQ))
writeLines(to_json(cases), file.path(out, "predict_cases.json"))
for (c in cases) cat(c$name, "logLik", num(c$logLik), "sum of R's row scores", num(c$trainScoreSum), "\n")
