# Reference fits for org.mlem.dist: R's MASS::fitdistr on R's built-in data sets.
#
# Run from the repository root:  Rscript tools/reference/fitdistr.R
# Writes mlem-core/src/test/resources/fixtures/r/fitdistr.json (JSON written by hand with
# sprintf("%.17g") so no digit is lost).
#
# How the reference numbers are made accurate to well beyond the 1e-6 the tests ask for:
#  * fitdistr is run with optim's reltol = 1e-18 (and sensible parscale) from good starts.
#  * For families whose fitdistr fit is iterative (gamma, weibull, negbin, t, logistic) the
#    estimate is then polished by Newton steps on the same log-likelihood, with numDeriv's
#    Richardson-extrapolated gradient and Hessian; the script stops if the polish moved any
#    estimate by more than 1e-7 relative, so the stored value is fitdistr's to that accuracy.
#  * fitdistr's standard errors for those families come from optim's finite-difference
#    Hessian, good to only ~1e-4. The stored standard errors are recomputed from the
#    analytic observed information (gamma: trigamma formula) or from numDeriv::hessian
#    (Richardson extrapolation, ~1e-9 relative) at the polished estimate. For the
#    closed-form families (normal, lognormal, exponential, poisson, geometric) fitdistr's
#    own analytic standard errors are stored unchanged.
#  * The log-likelihood is recomputed at the stored estimate with R's d* functions.
suppressMessages({ library(MASS); library(numDeriv) })

out <- "mlem-core/src/test/resources/fixtures/r/fitdistr.json"
num <- function(v) sprintf("%.17g", v)
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
jmap <- function(names, v) paste0("{", paste(sprintf("\"%s\": %s", names, num(v)), collapse = ", "), "}")

polish <- function(ll, est) {
  p <- est
  for (i in 1:6) {
    g <- numDeriv::grad(ll, p)
    H <- numDeriv::hessian(ll, p)
    p <- p - solve(H, g)
  }
  moved <- max(abs(p - est) / abs(est))
  if (moved > 1e-7) stop(sprintf("Newton polish moved fitdistr's estimate by %.3g relative", moved))
  list(est = p, moved = moved)
}

entries <- list()
add <- function(family, dataset, x, names, est, se, loglik, note) {
  entries[[length(entries) + 1]] <<- paste0(
    "  {\"family\": \"", family, "\", \"dataset\": \"", dataset, "\", \"note\": \"", note, "\",\n",
    "   \"estimate\": ", jmap(names, est), ",\n",
    "   \"se\": ", jmap(names, se), ",\n",
    "   \"loglik\": ", num(loglik), ", \"n\": ", length(x), ",\n",
    "   \"x\": ", jvec(x), "}")
  cat(sprintf("%-12s %-22s est=%s se=%s loglik=%.12g\n", family, dataset,
              paste(signif(est, 10), collapse = ","), paste(signif(se, 8), collapse = ","), loglik))
}
ctl <- list(reltol = 1e-18, maxit = 10000)  # plus ndeps below: finer numeric gradients

# normal: closed form (mean, sd with divisor n); fitdistr's SEs are analytic.
x <- as.numeric(faithful$waiting)
f <- fitdistr(x, "normal")
add("normal", "faithful$waiting", x, c("mean", "sd"), f$estimate, f$sd,
    sum(dnorm(x, f$estimate[1], f$estimate[2], log = TRUE)), "closed form; fitdistr analytic SE")

# lognormal: closed form on log(x).
x <- as.numeric(rivers)
f <- fitdistr(x, "lognormal")
add("lognormal", "rivers", x, c("meanlog", "sdlog"), f$estimate, f$sd,
    sum(dlnorm(x, f$estimate[1], f$estimate[2], log = TRUE)), "closed form; fitdistr analytic SE")

# exponential: closed form rate = 1/mean.
x <- as.numeric(quakes$depth)
f <- fitdistr(x, "exponential")
add("exponential", "quakes$depth", x, c("rate"), f$estimate, f$sd,
    sum(dexp(x, f$estimate[1], log = TRUE)), "closed form; fitdistr analytic SE")

# poisson: closed form lambda = mean.
x <- as.numeric(discoveries)
f <- fitdistr(x, "poisson")
add("poisson", "discoveries", x, c("lambda"), f$estimate, f$sd,
    sum(dpois(x, f$estimate[1], log = TRUE)), "closed form; fitdistr analytic SE")

# geometric: closed form prob = 1/(1+mean), R's failures-before-first-success form.
x <- as.numeric(discoveries)
f <- fitdistr(x, "geometric")
add("geometric", "discoveries", x, c("prob"), f$estimate, f$sd,
    sum(dgeom(x, f$estimate[1], log = TRUE)), "closed form; fitdistr analytic SE")

# gamma (shape, rate): iterative; SE from the analytic information
# n * [[trigamma(a), -1/b], [-1/b, a/b^2]].
x <- as.numeric(precip)
f <- fitdistr(x, "gamma", start = list(shape = mean(x)^2 / var(x), rate = mean(x) / var(x)),
              control = c(ctl, list(parscale = c(1, 0.01), ndeps = c(1e-6, 1e-6))))
ll <- function(p) sum(dgamma(x, shape = p[1], rate = p[2], log = TRUE))
p <- polish(ll, f$estimate)
a <- p$est[1]; b <- p$est[2]; n <- length(x)
info <- n * matrix(c(trigamma(a), -1 / b, -1 / b, a / b^2), 2)
add("gamma", "precip", x, c("shape", "rate"), p$est, sqrt(diag(solve(info))), ll(p$est),
    sprintf("fitdistr BFGS reltol=1e-18, Newton polish moved %.2g; SE analytic", p$moved))

# weibull (shape, scale): iterative; SE from numDeriv's Hessian.
x <- as.numeric(Nile)
f <- fitdistr(x, "weibull", control = c(ctl, list(parscale = c(1, 1000), ndeps = c(1e-6, 1e-6))))
ll <- function(p) sum(dweibull(x, shape = p[1], scale = p[2], log = TRUE))
p <- polish(ll, f$estimate)
add("weibull", "Nile", x, c("shape", "scale"), p$est, sqrt(diag(solve(-numDeriv::hessian(ll, p$est)))),
    ll(p$est), sprintf("fitdistr BFGS reltol=1e-18, Newton polish moved %.2g; SE numDeriv", p$moved))

# negative binomial (size, mu): iterative; SE from numDeriv's Hessian.
x <- as.numeric(warpbreaks$breaks)
f <- fitdistr(x, "negative binomial", control = c(ctl, list(ndeps = c(1e-6, 1e-6))))
ll <- function(p) sum(dnbinom(x, size = p[1], mu = p[2], log = TRUE))
p <- polish(ll, f$estimate)
add("negbin", "warpbreaks$breaks", x, c("size", "mu"), p$est, sqrt(diag(solve(-numDeriv::hessian(ll, p$est)))),
    ll(p$est), sprintf("fitdistr BFGS reltol=1e-18, Newton polish moved %.2g; SE numDeriv", p$moved))

# student-t (location m, scale s, df): iterative; SE from numDeriv's Hessian.
x <- as.numeric(diff(EuStockMarkets[, "DAX"]))
f <- fitdistr(x, "t", control = c(ctl, list(parscale = c(10, 10, 1), ndeps = rep(1e-6, 3))))
ll <- function(p) sum(dt((x - p[1]) / p[2], df = p[3], log = TRUE) - log(p[2]))
p <- polish(ll, f$estimate)
add("t", "diff(EuStockMarkets[, DAX])", x, c("location", "scale", "df"), p$est, sqrt(diag(solve(-numDeriv::hessian(ll, p$est)))),
    ll(p$est), sprintf("fitdistr BFGS reltol=1e-18, Newton polish moved %.2g; SE numDeriv", p$moved))

# logistic (location, scale): iterative; SE from numDeriv's Hessian.
x <- as.numeric(faithful$waiting)
f <- fitdistr(x, "logistic", control = c(ctl, list(parscale = c(10, 1), ndeps = c(1e-6, 1e-6))))
ll <- function(p) sum(dlogis(x, p[1], p[2], log = TRUE))
p <- polish(ll, f$estimate)
add("logistic", "faithful$waiting", x, c("location", "scale"), p$est, sqrt(diag(solve(-numDeriv::hessian(ll, p$est)))),
    ll(p$est), sprintf("fitdistr BFGS reltol=1e-18, Newton polish moved %.2g; SE numDeriv", p$moved))

writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"), out)
cat("wrote", out, "\n")
