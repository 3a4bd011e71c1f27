# Reference fits for org.mlem.count's prior weights: pscl::zeroinfl (negbin and Poisson) and
# pscl::hurdle (Poisson) on bioChemists with weights = w, w_i = 0.5 + ((i - 1) mod 4) / 2 (not whole,
# so no repeated-rows oracle could stand in). Writes count_weights.json under
# mlem-core/src/test/resources/fixtures/r/count/ (the data are count_pscl.R's biochemists.csv). Run
# from the repository root:
#   Rscript tools/reference/count_pscl_weights.R
# pscl's EM = TRUE with weights stops in this pscl ("object 'model_count' not found"), so no EM fit here.
# The weighted negbin fit stops short of the optimum (restarting BFGS from its answer does not move it;
# started from mlem's estimates it stays there, at a log-likelihood 0.0127 higher by pscl's own
# logLik), so CountWeightsTest holds mlem's log-likelihood at least pscl's for it, not equal.
# optim's reltol is tightened (1e-15) so pscl's BFGS reaches the optimum to the digits compared.
suppressPackageStartupMessages({ library(pscl); library(jsonlite) })
out <- "mlem-core/src/test/resources/fixtures/r/count"
bc <- read.csv(file.path(out, "biochemists.csv"), stringsAsFactors = TRUE)
bc$w <- 0.5 + ((seq_len(nrow(bc)) - 1) %% 4) / 2
f <- art ~ fem + mar + kid5 + phd + ment | ment
ctl <- zeroinfl.control(reltol = 1e-15, maxit = 100000)
part <- function(v) as.list(v)
one <- function(fit, name, kind, dist, em) list(name = name, model = kind, dist = dist, em = em,
  count = part(fit$coefficients$count), zero = part(fit$coefficients$zero),
  theta = if (dist == "negbin") fit$theta else NULL, logLikelihood = as.numeric(logLik(fit)))
fits <- list(
  one(zeroinfl(f, data = bc, weights = w, dist = "negbin", control = ctl), "zeroinfl_negbin", "zeroinfl", "negbin", FALSE),
  one(zeroinfl(f, data = bc, weights = w, dist = "poisson", control = ctl), "zeroinfl_poisson", "zeroinfl", "poisson", FALSE),
  one(hurdle(f, data = bc, weights = w, dist = "poisson", control = hurdle.control(reltol = 1e-15, maxit = 100000)),
      "hurdle_poisson", "hurdle", "poisson", FALSE))
writeLines(toJSON(list(formula = "art ~ fem + mar + kid5 + phd + ment | ment", weights = "0.5 + ((i - 1) mod 4) / 2",
                       fits = fits), auto_unbox = TRUE, digits = NA, pretty = TRUE),
           file.path(out, "count_weights.json"))
