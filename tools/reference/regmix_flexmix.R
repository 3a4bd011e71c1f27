# Reference fits for org.mlem.regmix: R's flexmix (2.3) mixtures of regressions from a fixed
# initial hard assignment, after a fixed number of EM iterations and at convergence.
# Writes the data as CSV and the fits as JSON (numbers printed with %.17g) under
# mlem-core/src/test/resources/fixtures/regmix/. Run from the repository root:
#   Rscript tools/reference/regmix_flexmix.R
#
# flexmix's EM (FLXfit) starts from posteriors (here `cluster=`, a hard assignment) and each
# iteration does an M-step, then an E-step that also gives logLik of the new parameters. So
# flexmix with iter.max = N returns the parameters after N M-steps, and logLik is theirs; the
# `prior` it reports is colMeans of the posteriors of the final E-step, i.e. the weights the
# next M-step would use. The weights that belong with the returned components (those used in
# the N-th M-step) are colMeans of the posteriors after N - 1 iterations: the initial
# assignment's proportions for N = 1, flexmix(iter.max = N - 1)@prior otherwise.
#
# flexmix's gaussian M-step sets sigma^2 = sum(w e^2) / sum(w) * n / (n - rank) (n all rows),
# not the MLE; `mle_gaussian` below is FLXMRglm with the M-step's sigma^2 = sum(w e^2) / sum(w),
# so that flexmix's own driver runs exact EM. Both are written: "mle" and "flexmix" sd.
suppressPackageStartupMessages(library(flexmix))
out <- "mlem-core/src/test/resources/fixtures/regmix"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

source("tools/reference/flexmix_json.R")

mle_gaussian <- function(formula = . ~ .) {
  z <- FLXMRglm(formula, family = "gaussian")
  z@fit <- function(x, y, w, component) {
    fit <- lm.wfit(x, y, w = w)
    z@defineComponent(para = list(coef = coef(fit), df = ncol(x) + 1,
                                  sigma = sqrt(sum(w * fit$residuals^2) / sum(w))))
  }
  z
}

# NPreg (flexmix's own example data, 200 rows) and a fixed random initial assignment.
data(NPreg)
set.seed(20240501)
npreg <- data.frame(x = NPreg$x, yn = NPreg$yn, yp = NPreg$yp, init = sample(1:2, nrow(NPreg), replace = TRUE))
write.csv(npreg, file.path(out, "npreg.csv"), row.names = FALSE, quote = FALSE)

# Binomial counts out of m trials from two logistic lines (simulated here, 300 rows).
set.seed(7)
n <- 300
x <- runif(n, -2, 2)
m <- sample(5:15, n, replace = TRUE)
cls <- rbinom(n, 1, 0.4)
eta <- ifelse(cls == 1, -1 + 2 * x, 1 - 1.5 * x)
s <- rbinom(n, m, plogis(eta))
binom <- data.frame(x = x, s = s, m = m, init = sample(1:2, n, replace = TRUE))
write.csv(binom, file.path(out, "binom.csv"), row.names = FALSE, quote = FALSE)

# The initial posteriors: exactly the hard assignment `init`. (A vector `cluster=` would mean
# posteriors 0.9 / 0.1 in flexmix's initPosteriors, not a hard assignment.)
fit_once <- function(formula, data, model, iter.max, tolerance) {
  hard <- diag(2)[data$init, ]
  flexmix(formula, data = data, k = 2, cluster = hard, model = model,
          control = list(iter.max = iter.max, minprior = 0, tolerance = tolerance))
}

summary_of <- function(fit, weights) {
  comps <- lapply(seq_len(fit@k), function(j) {
    p <- fit@components[[j]][[1]]@parameters
    r <- list(coefficients = as.list(p$coef))
    if (!is.null(p$sigma)) r$sd <- p$sigma
    r
  })
  list(iterations = fit@iter, converged = fit@converged, logLikelihood = fit@logLik,
       weights = weights, reportedPrior = fit@prior, df = fit@df, components = comps)
}

run_case <- function(name, data_file, formula, family, sd, model, data) {
  init_props <- as.numeric(table(factor(data$init, 1:2))) / nrow(data)
  f1 <- fit_once(formula, data, model, 1, 0)
  f2 <- fit_once(formula, data, model, 2, 0)
  f3 <- fit_once(formula, data, model, 3, 0)
  fc <- fit_once(formula, data, model, 20000, 1e-15)
  fc1 <- fit_once(formula, data, model, fc@iter - 1, 0)
  list(name = name, data = data_file, formula = deparse(formula), family = family, sd = sd,
       after = list(summary_of(f1, init_props), summary_of(f2, f1@prior), summary_of(f3, f2@prior)),
       converged = summary_of(fc, fc1@prior))
}

cases <- list(
  run_case("npreg_gaussian_mle", "npreg.csv", yn ~ x + I(x^2), "gaussian", "mle",
           mle_gaussian(), npreg),
  run_case("npreg_gaussian_flexmix", "npreg.csv", yn ~ x + I(x^2), "gaussian", "flexmix",
           FLXMRglm(family = "gaussian"), npreg),
  run_case("npreg_poisson", "npreg.csv", yp ~ x, "poisson", "none",
           FLXMRglm(family = "poisson"), npreg),
  run_case("binom_binomial", "binom.csv", cbind(s, m - s) ~ x, "binomial", "none",
           FLXMRglm(family = "binomial"), binom)
)
writeLines(to_json(cases), file.path(out, "regmix_flexmix.json"))
for (c in cases) cat(c$name, ": iterations", c$converged$iterations, "logLik", num(c$converged$logLikelihood), "\n")
