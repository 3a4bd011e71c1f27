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
# Standard errors: see `polished` below; refit()'s own (VarianceCovariance: optim's BFGS from the
# fit with hessian = TRUE, i.e. central differences of the gradient with optim's absolute steps
# ndeps = 1e-3, uncorrected) are written beside them, and again with ndeps = 1e-4, so their digits
# show. All are in flexmix's parameterisation (the components' glm coefficients or the Gaussian's
# centre and covariance entries; gating coefficients against component 1).
#
# flexmix has no analytic gradient for FLXMCmvnorm (FLXgradlogLikfun returns NULL, and refit()
# would difference a differenced gradient): mvn_gradient() writes it out, checked here against
# numDeriv's Richardson gradient of flexmix's own FLXlogLikfun.
suppressPackageStartupMessages({ library(flexmix); library(pscl) })
out <- "mlem-core/src/test/resources/fixtures/concomitant"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

source("tools/reference/flexmix_json.R")

source("tools/reference/flexmix_concomitant_helpers.R") # tight(), ml_mvnorm()

# The gradient of a FLXMCmvnorm mixture's log-likelihood with concomitant design z in flexmix's
# parameter vector (per component the centre, then the covariance's lower triangle by column; then
# each gating row γ_2..γ_k): Σ_i τ_ij Σ_j⁻¹(y_i − μ_j); ½ Σ_i τ_ij (u uᵀ − Σ_j⁻¹) for a variance, twice
# that for a covariance (it sits at two places of Σ_j); Σ_i (τ_il − π_l(z_i)) z_i.
mvn_gradient <- function(k, y, z) {
  d <- ncol(y)
  q <- ncol(z)
  lower <- which(lower.tri(diag(d), diag = TRUE))
  lse <- function(m) { mx <- apply(m, 1, max); mx + log(rowSums(exp(m - mx))) }
  function(th) {
    o <- 0
    logf <- matrix(0, nrow(y), k)
    U <- P <- vector("list", k)
    for (j in seq_len(k)) {
      mu <- th[o + seq_len(d)]
      S <- matrix(0, d, d)
      S[lower] <- th[o + d + seq_along(lower)]
      S[upper.tri(S)] <- t(S)[upper.tri(S)]
      o <- o + d + length(lower)
      P[[j]] <- solve(S)
      r <- sweep(y, 2, mu)
      U[[j]] <- r %*% P[[j]]
      logf[, j] <- -0.5 * (d * log(2 * pi) + as.numeric(determinant(S)$modulus) + rowSums(r * U[[j]]))
    }
    gamma <- rbind(0, matrix(th[o + seq_len((k - 1) * q)], k - 1, q, byrow = TRUE))
    eta <- z %*% t(gamma)
    logpi <- eta - lse(eta)
    joint <- logpi + logf
    tau <- exp(joint - lse(joint))
    g <- numeric(0)
    for (j in seq_len(k)) {
      G <- 0.5 * (crossprod(U[[j]] * sqrt(tau[, j])) - sum(tau[, j]) * P[[j]])
      G2 <- 2 * G
      diag(G2) <- diag(G)
      g <- c(g, colSums(tau[, j] * U[[j]]), G2[lower])
    }
    for (l in seq_len(k)[-1]) g <- c(g, colSums((tau[, l] - exp(logpi[, l])) * z))
    g
  }
}

se_of <- function(h) sqrt(diag(solve(-(h + t(h)) / 2)))

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
    if (is.null(gr)) {
      gr <- mvn_gradient(k, as.matrix(data[, columns]), model.matrix(concomitant, data))
      off <- th * (1 + 1e-3 * seq_along(th) / length(th)) # away from the maximum, where the gradient is 0
      r$gradientCheck <- max(abs(gr(off) - numDeriv::grad(fn, off))) / max(abs(gr(off)))
      stopifnot(r$gradientCheck < 1e-6)
    }
    for (it in 1:50) {
      h <- numDeriv::jacobian(gr, th)
      h <- (h + t(h)) / 2
      step <- -solve(h, gr(th))
      th <- th + step
      if (max(abs(step)) < 1e-12 * max(1, abs(th))) break
    }
    h <- numDeriv::jacobian(gr, th)
    r$newtonSteps <- it
    r$gradientMax <- max(abs(gr(th)))
    r$polishedLogLikelihood <- fn(th)
    r$polished <- as.list(th)
    r$standardErrors <- as.list(setNames(se_of(h), names(th)))
    # the reference's own digits: the Jacobian again with other Richardson steps
    r$standardErrorsSpread <- max(abs(se_of(numDeriv::jacobian(gr, th, method.args = list(d = 1e-3, r = 6))) /
                                      se_of(h) - 1))
    rf <- flexmix:::VarianceCovariance(f, gradient = gr)
    r$refitStandardErrors <- as.list(setNames(sqrt(diag(rf$vcov)), names(th)))
    fine <- flexmix:::VarianceCovariance(f, gradient = gr, optim_control = list(ndeps = rep(1e-4, length(th))))
    r$refitStandardErrorsNdeps4 <- as.list(setNames(sqrt(diag(fine$vcov)), names(th)))
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
           columns = c("long", "lat")),
  # the same rows' latitude alone as a Gaussian regression mixture (~ 1): flexmix's own gradient,
  # in log(sigma)
  run_case("quakes_gaussian", "regmix", "quakes.csv", lat ~ 1, ~ depth, FLXMRglm(family = "gaussian"), qk, 2,
           family = "gaussian")
)
writeLines(to_json(cases), file.path(out, "concomitant_flexmix.json"))
for (c in cases) cat(c$name, ": iterations", c$iterations, "logLik", num(c$logLikelihood), "polished", num(c$polishedLogLikelihood), "gradient", c$gradientMax, "\n")
