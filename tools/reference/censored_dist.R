# Reference fits for org.mlem.survival.CensoredFit: fitdistrplus::fitdistcens on its own censored
# data sets (salinity, smokedfish, fluazinam), and truncated fits by an independent likelihood.
#
# Run from the repository root:  Rscript tools/reference/censored_dist.R
# Writes mlem-core/src/test/resources/fixtures/survival/censored_dist.json (numbers by sprintf("%.17g")).
#
# Accuracy: fitdistcens is run with optim's reltol = 1e-15 and its optimum then polished by Newton
# steps on the same log-likelihood with numDeriv's Richardson-extrapolated gradient and Hessian (the
# script stops if the polish moved an estimate by more than 1e-4 relative (the one-parameter fits, where optim is least precise, move by about 1e-5): the stored estimate is
# fitdistcens's). fitdistcens's standard errors come from optim's finite-difference Hessian (~1e-4);
# the stored ones are from numDeriv::hessian at the polished estimate (~1e-9 relative). The
# log-likelihood is fitdistcens's (checked against its logLik to 1e-5) computed with upper-tail
# probabilities where 1 - F would cancel (S(l) for a right-censored row, S(l) - S(u) for an interval
# above the median): fitdistcens's 1 - F put noise of ~1e-10 into the likelihood, enough to move the
# logistic fit to smokedfish by 1.4e-6.
# Truncated fits (no R package fits them with fitdistrplus's API) maximise
#   sum log f(x) - n log(F(B) - F(A))   (and S, F, F(hi)-F(lo) for censored rows)
# written here from the d*/p* functions, started from the untruncated fit, polished the same way.
suppressMessages({ library(fitdistrplus); library(numDeriv) })

out <- "mlem-core/src/test/resources/fixtures/survival/censored_dist.json"
num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
jmap <- function(names, v) paste0("{", paste(sprintf("\"%s\": %s", names, num(v)), collapse = ", "), "}")

pname <- c(normal = "norm", lognormal = "lnorm", exponential = "exp", gamma = "gamma",
           weibull = "weibull", logistic = "logis", beta = "beta")
pars <- list(normal = c("mean", "sd"), lognormal = c("meanlog", "sdlog"), exponential = "rate",
             gamma = c("shape", "rate"), weibull = c("shape", "scale"), logistic = c("location", "scale"),
             beta = c("shape1", "shape2"))

# log-likelihood of censored (left/right with NA for open ends) and truncated data
loglik <- function(family, left, right, lower = -Inf, upper = Inf) {
  d <- get(paste0("d", pname[[family]])); p <- get(paste0("p", pname[[family]]))
  function(par) {
    a <- as.list(par); names(a) <- pars[[family]]
    if (any(par[-1] <= 0) || (family != "normal" && family != "lognormal" && family != "logistic" && par[1] <= 0)) return(-Inf)
    Fq <- function(q) do.call(p, c(list(q), a))
    Sq <- function(q) do.call(p, c(list(q), a, lower.tail = FALSE))
    # P(lo < X <= hi) from the tail that keeps its digits (fitdistcens writes 1 - F and F(hi) - F(lo))
    mass <- function(lo, hi) ifelse(Fq(lo) > 0.5, Sq(lo) - Sq(hi), Fq(hi) - Fq(lo))
    exact <- !is.na(left) & !is.na(right) & left == right
    rc <- !is.na(left) & is.na(right)
    lc <- is.na(left) & !is.na(right)
    ic <- !is.na(left) & !is.na(right) & left < right
    ll <- sum(log(do.call(d, c(list(left[exact]), a)))) +
      sum(log(Sq(left[rc]))) + sum(log(Fq(right[lc]))) +
      sum(log(mass(left[ic], right[ic])))
    if (is.finite(lower) || is.finite(upper)) {
      ll <- ll - length(left) * log(mass(lower, upper))
    }
    ll
  }
}

polish <- function(ll, est, limit = 1e-4) {
  p <- est
  for (i in 1:8) p <- p - solve(numDeriv::hessian(ll, p), numDeriv::grad(ll, p))
  moved <- max(abs(p - est) / abs(est))
  if (moved > limit) stop(sprintf("Newton polish moved the estimate by %.3g relative", moved))
  p
}

entries <- list()
add <- function(family, dataset, data, est, ll, note, lower = -Inf, upper = Inf) {
  se <- sqrt(diag(solve(-numDeriv::hessian(ll, est))))
  names <- pars[[family]]
  entries[[length(entries) + 1]] <<- paste0(
    "  {\"family\": \"", family, "\", \"dataset\": \"", dataset, "\", \"note\": \"", note, "\",\n",
    "   \"truncateBelow\": ", num(if (is.finite(lower)) lower else NA), ", \"truncateAbove\": ",
    num(if (is.finite(upper)) upper else NA), ",\n",
    "   \"estimate\": ", jmap(names, est), ",\n",
    "   \"se\": ", jmap(names, se), ",\n",
    "   \"loglik\": ", num(ll(est)), ", \"n\": ", nrow(data), ",\n",
    "   \"left\": ", jvec(data$left), ",\n   \"right\": ", jvec(data$right), "}")
  cat(sprintf("%-12s %-12s est=%s se=%s loglik=%.12g\n", family, dataset,
              paste(signif(est, 10), collapse = ","), paste(signif(se, 8), collapse = ","), ll(est)))
}

data(salinity); data(smokedfish); data(fluazinam)
sets <- list(salinity = salinity, smokedfish = smokedfish, fluazinam = fluazinam, "salinity-over-100" = salinity / 100)
for (ds in names(sets)) {
  data <- sets[[ds]]
  # the beta family on salinity / 100 only (its support is (0, 1)); the others on fitdistrplus's own sets
  for (family in if (ds == "salinity-over-100") "beta" else setdiff(names(pname), "beta")) {
    f <- try(suppressWarnings(fitdistcens(data, pname[[family]], control = list(reltol = 1e-15, maxit = 20000))),
             silent = TRUE)
    if (inherits(f, "try-error")) { cat("skip", family, ds, "\n"); next }
    ll <- loglik(family, data$left, data$right)
    gap <- abs(ll(f$estimate) - f$loglik) / abs(f$loglik)
    if (gap > 1e-5) stop(sprintf("log-likelihood formula differs from fitdistcens: %.15g vs %.15g", ll(f$estimate), f$loglik))
    if (gap > 1e-9) cat(sprintf("  note: fitdistcens's loglik %.15g, this formula %.15g at its estimate\n", f$loglik, ll(f$estimate)))
    est <- try(polish(ll, unname(f$estimate)), silent = TRUE)
    if (inherits(est, "try-error")) { cat("skip (polish)", family, ds, conditionMessage(attr(est, "condition")), "\n"); next }
    add(family, ds, data, est, ll, "fitdistcens, Newton-polished; SE numDeriv")
  }
}

# truncation: exact and censored rows inside [A, B]
trunc_case <- function(family, ds, data, lower, upper) {
  ll <- loglik(family, data$left, data$right, lower, upper)
  f <- suppressWarnings(fitdistcens(data, pname[[family]]))
  if (length(f$estimate) == 1) {
    par <- optimize(ll, unname(f$estimate) * c(0.01, 100), maximum = TRUE, tol = 1e-14)$maximum
  } else {
    o <- optim(unname(f$estimate), function(p) -ll(p), control = list(reltol = 1e-15, maxit = 20000))
    par <- optim(o$par, function(p) -ll(p), control = list(reltol = 1e-15, maxit = 20000))$par
  }
  est <- polish(ll, par, 1e-5)
  add(family, ds, data, est, ll, "own truncated likelihood, optim + Newton polish; SE numDeriv", lower, upper)
}
w <- as.numeric(faithful$waiting)
wt <- w[w > 62]
trunc_case("normal", "faithful-waiting-above-62", data.frame(left = wt, right = wt), 62, Inf)
trunc_case("weibull", "faithful-waiting-above-62", data.frame(left = wt, right = wt), 62, Inf)
trunc_case("lognormal", "salinity-above-15", salinity[!is.na(salinity$left) & salinity$left >= 15 , ], 15, Inf)
trunc_case("gamma", "salinity-above-15", salinity[!is.na(salinity$left) & salinity$left >= 15 , ], 15, Inf)
trunc_case("logistic", "salinity-below-40", salinity[!is.na(salinity$right) & salinity$right <= 40, ], -Inf, 40)
# truncated on both sides at once: the rows (exact and interval-censored) inside [10, 40]
inside <- salinity[!is.na(salinity$left) & salinity$left >= 10 & !is.na(salinity$right) & salinity$right <= 40, ]
trunc_case("normal", "salinity-within-10-40", inside, 10, 40)
trunc_case("weibull", "salinity-within-10-40", inside, 10, 40)

writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"), out)
cat("wrote", out, "\n")
