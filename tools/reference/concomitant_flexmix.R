# Reference fits for org.mlem.concomitant: R's flexmix (2.3) mixtures whose weights depend on
# concomitant variables through a multinomial logit (FLXPmultinom), from a fixed hard assignment.
# Writes the data as CSV and the fits as JSON (numbers printed with %.17g) under
# mlem-core/src/test/resources/fixtures/concomitant/. Run from the repository root:
#   Rscript tools/reference/concomitant_flexmix.R
#
# flexmix's EM (FLXfit) starts from posteriors (`cluster=`, here a one-hot matrix) and each
# iteration fits the concomitant model to the posteriors (the priors of every row), then the
# components (M-step), then the E-step with each row's prior. FLXPmultinom fits the gating by
# nnet's BFGS to nnet's default tolerance (maxit 100, reltol 1e-8), which stops short of the
# inner maximum, so EM's fixed point is not quite the MLE; `tight()` below is FLXPmultinom with
# the same nnet call run to rounding (maxit 1e5, reltol 1e-16), so that flexmix's own driver
# runs exact EM. EM is run to a relative change of 1e-16 (minprior = 0 keeps every component).
#
# Gaussian components: flexmix's FLXMCmvnorm estimates each covariance by cov.wt's unbiased
# divisor, not the MLE; `ml_mvnorm()` is FLXMCmvnorm with cov.wt(method = "ML").
#
# Standard errors (the count cases): see `polished` below; refit()'s own (optim's BFGS from the
# fit, its finite-difference Hessian) are written beside them. Both are in flexmix's
# parameterisation (the components' glm coefficients; gating coefficients against component 1).
suppressPackageStartupMessages({ library(flexmix); library(pscl) })
out <- "mlem-core/src/test/resources/fixtures/concomitant"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

source("tools/reference/flexmix_json.R")

source("tools/reference/flexmix_concomitant_models.R")

run_case <- function(name, kind, data_file, formula, concomitant, model, data, k, family = NULL,
                     columns = NULL, ses = TRUE) {
  hard <- diag(k)[data$init, ]
  f <- flexmix(formula, data = data, k = k, cluster = hard, model = model, concomitant = tight(concomitant),
               control = list(iter.max = 100000, minprior = 0, tolerance = 1e-16))
  gamma <- t(parameters(f, which = "concomitant"))
  comps <- lapply(seq_len(k), function(j) {
    p <- f@components[[j]][[1]]@parameters
    if (!is.null(p$coef)) list(coefficients = as.list(p$coef)) else list(center = p$center, cov = p$cov)
  })
  r <- list(name = name, kind = kind, data = data_file, formula = deparse(formula),
            concomitant = deparse(concomitant), k = k, iterations = f@iter, converged = f@converged,
            logLikelihood = as.numeric(logLik(f)), df = attr(logLik(f), "df"),
            prior = colMeans(f@posterior$scaled), concomitantTerms = colnames(gamma),
            concomitantCoefficients = gamma, components = comps)
  if (!is.null(family)) r$family <- family
  if (!is.null(columns)) r$columns <- columns
  if (ses) {
    # EM creeps along the flat directions of the gating (flexmix's stop above is still ~1e-3 off
    # in a gating intercept whose standard error is 0.8): Newton steps on flexmix's own
    # log-likelihood (FLXlogLikfun) with its analytic gradient (FLXgradlogLikfun) and the
    # Richardson Jacobian of that gradient (numDeriv) reach the maximum; the standard errors
    # are the inverse of minus that Hessian (what refit()'s optim Hessian approximates).
    fn <- flexmix:::FLXlogLikfun(f)
    gr <- flexmix:::FLXgradlogLikfun(f)
    th <- flexmix:::FLXgetParameters(f)
    for (it in 1:50) {
      h <- numDeriv::jacobian(gr, th)
      h <- (h + t(h)) / 2
      step <- -solve(h, gr(th))
      th <- th + step
      if (max(abs(step)) < 1e-12 * max(1, abs(th))) break
    }
    h <- numDeriv::jacobian(gr, th)
    h <- (h + t(h)) / 2
    r$newtonSteps <- it
    r$gradientMax <- max(abs(gr(th)))
    r$polishedLogLikelihood <- fn(th)
    r$polished <- as.list(th)
    r$standardErrors <- as.list(setNames(sqrt(diag(solve(-h))), names(th)))
    rf <- refit(f)
    r$refitStandardErrors <- as.list(sqrt(diag(rf@vcov)))
  }
  r
}

# Patents of 70 pharmaceutical and biomedical companies against log R&D spending, with the R&D
# to sales ratio as concomitant variable (Wang, Cockburn and Puterman 1998; flexmix's vignette).
data(patent)
set.seed(15)
patent_data <- data.frame(Patents = patent$Patents, lgRD = patent$lgRD, RDS = patent$RDS,
                          init = sample(1:3, nrow(patent), replace = TRUE))
write.csv(patent_data, file.path(out, "patent.csv"), row.names = FALSE, quote = FALSE)

# Articles of 915 biochemistry doctoral students (Long 1990; pscl's bioChemists): a two-component
# Poisson mixture of counts with sex (a factor) and the mentor's articles as concomitants.
data(bioChemists)
set.seed(16)
bio <- data.frame(art = bioChemists$art, fem = as.character(bioChemists$fem), ment = bioChemists$ment,
                  init = sample(1:2, nrow(bioChemists), replace = TRUE))
write.csv(bio, file.path(out, "biochemists.csv"), row.names = FALSE, quote = FALSE)

# Locations of 1000 earthquakes near Fiji (R's quakes): a two-component Gaussian mixture of
# (long, lat) whose weights depend on the depth.
set.seed(17)
qk <- data.frame(long = quakes$long, lat = quakes$lat, depth = quakes$depth / 100,
                 init = sample(1:2, nrow(quakes), replace = TRUE))
write.csv(qk, file.path(out, "quakes.csv"), row.names = FALSE, quote = FALSE)

cases <- list(
  run_case("patent_regmix", "regmix", "patent.csv", Patents ~ lgRD, ~ RDS, FLXMRglm(family = "poisson"),
           patent_data, 3, family = "poisson"),
  run_case("biochemists_poisson", "mixture", "biochemists.csv", art ~ 1, ~ fem + ment,
           FLXMRglm(family = "poisson"), bio, 2, family = "poisson", columns = "art"),
  run_case("quakes_gmm", "gmm", "quakes.csv", cbind(long, lat) ~ 1, ~ depth, ml_mvnorm(), qk, 2,
           columns = c("long", "lat"), ses = FALSE)
)
writeLines(to_json(cases), file.path(out, "concomitant_flexmix.json"))
for (c in cases) cat(c$name, ": iterations", c$iterations, "logLik", num(c$logLikelihood), "polished", num(c$polishedLogLikelihood), "gradient", c$gradientMax, "\n")
