# Reference for `mlem select dist`: fitdistrplus's fitdist and gofstat on real data sets.
#
# Run from the repository root:  Rscript tools/reference/select_dist_reference.R
# Writes mlem-core/src/test/resources/fixtures/r/select_dist.json (numbers with %.17g).
# R 4.2.2, fitdistrplus 1.1-8 (Debian r-cran-fitdistrplus), numDeriv.
#
# Data: fitdistrplus's groundbeef$serving, faithful$eruptions and precip (continuous families:
# normal, lognormal, gamma, weibull, exponential, logistic); discoveries and warpbreaks$breaks
# (count families: Poisson, negative binomial, geometric).
#
# fitdist maximises with optim (Nelder-Mead for two parameters, reltol 1e-8), so its estimates
# are good to about 1e-5. Each one is run with reltol 1e-16 and then polished by Newton steps
# on the same log-likelihood (numDeriv's Richardson-extrapolated gradient and Hessian); the
# script stops if the polish moved an estimate by more than 1e-4 relative. The fitdist object's
# estimate, loglik, aic and bic are replaced by the polished ones and gofstat is run on it, so the
# stored statistics are gofstat's own computation at the stored parameters.
#
# Stored per case: data set, family (mlem's name and R's distname), x, estimate, loglik, aic, bic,
# and for continuous families gofstat's ks, cvm, ad; for count families its chisq, chisqdf,
# chisqpvalue (null when df <= 0), chisqbreaks and the observed and theoretical cell counts.
suppressMessages({ library(fitdistrplus); library(numDeriv) })

out <- "mlem-core/src/test/resources/fixtures/r/select_dist.json"
num <- function(v) ifelse(is.finite(v), sprintf("%.17g", v), "null")
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
jmap <- function(names, v) paste0("{", paste(sprintf("\"%s\": %s", names, num(v)), collapse = ", "), "}")

data(groundbeef)
sets <- list(
  list(name = "groundbeef$serving", x = as.numeric(groundbeef$serving), discrete = FALSE),
  list(name = "faithful$eruptions", x = as.numeric(faithful$eruptions), discrete = FALSE),
  list(name = "precip", x = as.numeric(precip), discrete = FALSE),
  list(name = "discoveries", x = as.numeric(discoveries), discrete = TRUE),
  list(name = "warpbreaks$breaks", x = as.numeric(warpbreaks$breaks), discrete = TRUE))

continuous <- list(normal = "norm", lognormal = "lnorm", gamma = "gamma", weibull = "weibull",
                   exponential = "exp", logistic = "logis")
counts <- list(poisson = "pois", negbin = "nbinom", geometric = "geom")

start_for <- function(distname, x) {
  m <- mean(x); v <- var(x)
  switch(distname,
    gamma = list(shape = m^2 / v, rate = m / v),
    nbinom = list(size = m^2 / max(v - m, 1e-3 * m), mu = m),
    NULL)
}

polish <- function(distname, x, est) {
  dfun <- get(paste0("d", distname))
  ll <- function(p) sum(do.call(dfun, c(list(x), as.list(setNames(p, names(est))), list(log = TRUE))))
  p <- est
  for (i in 1:8) {
    p <- p - solve(numDeriv::hessian(ll, p), numDeriv::grad(ll, p))
  }
  moved <- max(abs(p - est) / abs(est))
  if (moved > 1e-4) stop(sprintf("%s: Newton polish moved fitdist's estimate by %.3g relative", distname, moved))
  list(est = setNames(p, names(est)), loglik = ll(p), moved = moved)
}

entries <- list()
for (s in sets) {
  fams <- if (s$discrete) counts else continuous
  for (family in names(fams)) {
    distname <- fams[[family]]
    st <- start_for(distname, s$x)
    f <- if (is.null(st)) {
      fitdist(s$x, distname, control = list(reltol = 1e-16, maxit = 10000))
    } else {
      fitdist(s$x, distname, start = st, control = list(reltol = 1e-16, maxit = 10000))
    }
    p <- polish(distname, s$x, f$estimate)
    k <- length(p$est); n <- length(s$x)
    f$estimate <- p$est
    f$loglik <- p$loglik
    f$aic <- -2 * p$loglik + 2 * k
    f$bic <- -2 * p$loglik + log(n) * k
    g <- gofstat(f)
    stats <- if (s$discrete) {
      paste0("   \"chisq\": ", num(g$chisq), ", \"chisqdf\": ", g$chisqdf,
             ", \"chisqpvalue\": ", if (is.null(g$chisqpvalue)) "null" else num(g$chisqpvalue), ",\n",
             "   \"chisqbreaks\": ", jvec(g$chisqbreaks), ",\n",
             "   \"observed\": ", jvec(g$chisqtable[, 1]), ", \"theoretical\": ", jvec(g$chisqtable[, 2]), ",\n")
    } else {
      paste0("   \"ks\": ", num(g$ks), ", \"cvm\": ", num(g$cvm), ", \"ad\": ", num(g$ad), ",\n")
    }
    entries[[length(entries) + 1]] <- paste0(
      "  {\"dataset\": \"", s$name, "\", \"family\": \"", family, "\", \"distname\": \"", distname,
      "\", \"discrete\": ", tolower(s$discrete), ", \"polishMoved\": ", num(p$moved), ",\n",
      "   \"estimate\": ", jmap(names(p$est), p$est), ",\n",
      "   \"loglik\": ", num(f$loglik), ", \"aic\": ", num(f$aic), ", \"bic\": ", num(f$bic), ", \"n\": ", n, ",\n",
      stats,
      "   \"x\": ", jvec(s$x), "}")
    cat(sprintf("%-20s %-12s moved %.2g  loglik %.10g  %s\n", s$name, family, p$moved, p$loglik,
                if (s$discrete) sprintf("chisq %.6g df %d", g$chisq, g$chisqdf)
                else sprintf("ks %.6g cvm %.6g ad %.6g", g$ks, g$cvm, g$ad)))
  }
}
writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"), out)
cat("wrote", out, "\n")
