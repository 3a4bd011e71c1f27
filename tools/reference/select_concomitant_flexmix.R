# Reference selections for `mlem select gmm|mixture|regmix --concomitant`: flexmix's stepFlexmix
# over k = 1..4 (nrep random starts each, set.seed(25)) with the same concomitant model
# (FLXPmultinom, flexmix's own), on the three data sets of concomitant_flexmix.R (patent,
# bioChemists, quakes). Writes mlem-core/src/test/resources/fixtures/concomitant/
# select_flexmix_<case>.json: for each k the best start's log-likelihood, its degrees of freedom (flexmix's parameter
# count), BIC and ICL (lower is better, as mlem's), iterations, and the k of the lowest BIC.
# Run from the repository root:  Rscript tools/reference/select_concomitant_flexmix.R [case ...]
# (minutes per case; the cases may run as parallel processes).
#
# The starts differ from mlem's (flexmix: random hard partitions; mlem: its own starts followed by
# the concomitant EM from the plain mixture's posteriors), so the test compares the choice of k and
# asks for at least flexmix's log-likelihood, not the same iterates. EM runs to a relative change of
# 1e-10 (minprior = 0 keeps every component). Gaussian components use ml_mvnorm() (the MLE
# covariance, as mlem's), from flexmix_concomitant_helpers.R.
suppressPackageStartupMessages({ library(flexmix) })
out <- "mlem-core/src/test/resources/fixtures/concomitant"
source("tools/reference/flexmix_json.R")
source("tools/reference/flexmix_concomitant_helpers.R") # ml_mvnorm()

control <- list(iter.max = 5000, minprior = 0, tolerance = 1e-10)
nrep <- 5

select_case <- function(name, kind, data_file, formula, concomitant, model, ks, family = NULL, columns = NULL) {
  data <- read.csv(file.path(out, data_file))
  if ("fem" %in% names(data)) data$fem <- factor(data$fem)
  n <- nrow(data)
  s <- stepFlexmix(formula, data = data, k = ks, nrep = nrep, model = model(), concomitant = FLXPmultinom(concomitant),
                   control = control, verbose = FALSE)
  rows <- lapply(s@models, function(m) { # named by k, so written as {"1": {...}, ...}
    ll <- as.numeric(logLik(m))
    list(k = m@k, logLikelihood = ll, df = attr(logLik(m), "df"), bic = BIC(m), icl = ICL(m), iterations = m@iter,
         converged = m@converged)
  })
  bics <- vapply(rows, function(r) r$bic, 0)
  r <- list(name = name, kind = kind, data = data_file, formula = deparse(formula), concomitant = deparse(concomitant),
            n = n, nrep = nrep, candidates = rows, bestK = rows[[which.min(bics)]]$k)
  if (!is.null(family)) r$family <- family
  if (!is.null(columns)) r$columns <- columns
  r
}

cases <- list(
  patent_regmix = function() select_case("patent_regmix", "regmix", "patent.csv", Patents ~ lgRD, ~ RDS,
                                         function() FLXMRglm(family = "poisson"), 1:4, family = "poisson"),
  biochemists_poisson = function() select_case("biochemists_poisson", "mixture", "biochemists.csv", art ~ 1,
                                               ~ fem + ment, function() FLXMRglm(family = "poisson"), 1:4,
                                               family = "poisson", columns = "art"),
  quakes_gmm = function() select_case("quakes_gmm", "gmm", "quakes.csv", cbind(long, lat) ~ 1, ~ depth, ml_mvnorm,
                                      1:4, columns = c("long", "lat"))
)
# one case per process if named on the command line (they are independent; each seeds itself)
chosen <- commandArgs(trailingOnly = TRUE)
if (length(chosen) == 0) chosen <- names(cases)
for (name in chosen) {
  set.seed(25)
  c <- cases[[name]]()
  writeLines(to_json(c), file.path(out, paste0("select_flexmix_", name, ".json")))
  cat(c$name, ": best k", c$bestK, "\n")
  for (r in c$candidates) cat("  k", r$k, "logLik", num(r$logLikelihood), "df", r$df, "BIC", num(r$bic), "\n")
}
