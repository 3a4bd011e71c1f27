# Reference fits for org.mlem.survival.CensoredFit on count families (poisson, negbin, geometric,
# binomial) with censored and truncated rows, by a log-likelihood written here from R's d*/p*
# functions, independent of mlem's.
#
# Run from the repository root:  Rscript tools/reference/censored_count.R
# Writes mlem-core/src/test/resources/fixtures/survival/censored_count.json (numbers by sprintf("%.17g")),
# and the censored quine rows and positive article counts as examples/quine_days.csv and
# examples/articles_positive.csv.
#
# Meaning of the bounds (mlem's, documented in CountRows and the README): a row [l, u] of whole
# numbers says l <= X <= u; left = NA is X <= u, right = NA is X >= l; equal bounds are the count.
# Truncated below a and above b, only a < X <= b is observed (a = 0: zero-truncated). So
#   exact:       log f(x)
#   left (u):    log F(u)
#   right (l):   log S(l - 1)                  (S = upper tail, P(X > q))
#   [l, u]:      log (F(u) - F(l - 1))         (from the upper tail above the median)
#   truncation:  - n log (F(b) - F(a))
# fitdistrplus::fitdistcens reads its bounds as a continuous family's (right = NA: X > l; an
# interval l < X <= u), so given left - 1 for every censored row it fits the same likelihood: the
# script runs it on each untruncated data set as a cross-check (estimates within 1e-4).
#
# Accuracy: each fit maximised by optim (Nelder-Mead then BFGS, reltol 1e-15) on log / logit
# scales, then Newton steps on the natural scale with numDeriv's Richardson gradient and Hessian;
# standard errors from numDeriv::hessian there. The zero-truncated Poisson has a closed-form score:
# its MLE solves lambda / (1 - exp(-lambda)) = mean(x) (uniroot, tol 1e-15) and its observed
# information is sum(x) / lambda^2 - n exp(-lambda) / (1 - exp(-lambda))^2; the script stops unless
# the numerical fit agrees with it to 1e-9. VGAM's vglm (pospoisson, posnegbinomial) fits the
# zero-truncated rows as a second, independent oracle; its estimates and log-likelihood are stored
# beside (posnegbinomial's standard errors come from a simulated expected information and are not).
suppressMessages({ library(numDeriv); library(fitdistrplus); library(VGAM) })

out <- "mlem-core/src/test/resources/fixtures/survival/censored_count.json"
num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
jmap <- function(names, v) paste0("{", paste(sprintf("\"%s\": %s", names, num(v)), collapse = ", "), "}")

pars <- list(poisson = "lambda", negbin = c("size", "mu"), geometric = "prob", binomial = "prob")
dfun <- function(family, par, size) switch(family,
  poisson = function(x, ...) dpois(x, par[1], ...),
  negbin = function(x, ...) dnbinom(x, size = par[1], mu = par[2], ...),
  geometric = function(x, ...) dgeom(x, par[1], ...),
  binomial = function(x, ...) dbinom(x, size, par[1], ...))
pfun <- function(family, par, size) switch(family,
  poisson = function(q, ...) ppois(q, par[1], ...),
  negbin = function(q, ...) pnbinom(q, size = par[1], mu = par[2], ...),
  geometric = function(q, ...) pgeom(q, par[1], ...),
  binomial = function(q, ...) pbinom(q, size, par[1], ...))
valid <- function(family, par) switch(family,
  poisson = par[1] > 0, negbin = all(par > 0), geometric = par[1] > 0 && par[1] < 1,
  binomial = par[1] > 0 && par[1] < 1)

loglik <- function(family, left, right, a = -Inf, b = Inf, size = NA) {
  function(par) {
    if (!valid(family, par)) return(-Inf)
    d <- dfun(family, par, size); p <- pfun(family, par, size)
    Fq <- function(q) p(q); Sq <- function(q) p(q, lower.tail = FALSE)
    # P(lo < X <= hi) from the tail that keeps its digits
    mass <- function(lo, hi) ifelse(Fq(lo) > 0.5, Sq(lo) - ifelse(is.finite(hi), Sq(hi), 0), Fq(hi) - Fq(lo))
    exact <- !is.na(left) & !is.na(right) & left == right
    rc <- !is.na(left) & is.na(right)
    lc <- is.na(left) & !is.na(right)
    ic <- !is.na(left) & !is.na(right) & left < right
    lo <- pmax(left - 1, a); hi <- pmin(right, b)      # censored rows clipped to the truncation range
    ll <- sum(d(left[exact], log = TRUE)) +
      sum(log(mass(lo[rc], rep(b, sum(rc))))) + sum(log(mass(rep(a, sum(lc)), hi[lc]))) +
      sum(log(mass(lo[ic], hi[ic])))
    if (is.finite(a) || is.finite(b)) ll <- ll - length(left) * log(mass(a, b))
    ll
  }
}

# optimiser scale: log for positive parameters, logit for probabilities
to <- function(family, par) if (family %in% c("geometric", "binomial")) qlogis(par) else log(par)
from <- function(family, u) if (family %in% c("geometric", "binomial")) plogis(u) else exp(u)

fit <- function(family, ll, start) {
  f <- function(u) { v <- -ll(from(family, u)); if (is.finite(v)) v else 1e300 }
  u <- to(family, start)
  if (length(u) == 1) {
    u <- optimize(f, u + c(-5, 5), tol = 1e-14)$minimum
  } else {
    u <- optim(u, f, control = list(reltol = 1e-15, maxit = 20000))$par
    u <- optim(u, f, method = "BFGS", control = list(reltol = 1e-15, maxit = 20000))$par
  }
  p <- from(family, u)
  for (i in 1:8) p <- p - solve(numDeriv::hessian(ll, p), numDeriv::grad(ll, p))
  p
}

entries <- list()
add <- function(family, dataset, data, est, ll, note, a = -Inf, b = Inf, size = NA, extra = "") {
  se <- sqrt(diag(solve(-numDeriv::hessian(ll, est))))
  entries[[length(entries) + 1]] <<- paste0(
    "  {\"family\": \"", family, "\", \"dataset\": \"", dataset, "\", \"note\": \"", note, "\",\n",
    "   \"size\": ", num(size), ", \"truncateBelow\": ", num(if (is.finite(a)) a else NA),
    ", \"truncateAbove\": ", num(if (is.finite(b)) b else NA), ",\n",
    "   \"estimate\": ", jmap(pars[[family]], est), ",\n",
    "   \"se\": ", jmap(pars[[family]], se), ",\n",
    "   \"loglik\": ", num(ll(est)), ", \"n\": ", nrow(data), ",\n", extra,
    "   \"left\": ", jvec(data$left), ",\n   \"right\": ", jvec(data$right), "}")
  cat(sprintf("%-10s %-26s est=%s se=%s loglik=%.12g\n", family, dataset,
              paste(signif(est, 10), collapse = ","), paste(signif(se, 8), collapse = ","), ll(est)))
  se
}

# a start from each row's whole midpoint (as mlem's), by moments
start <- function(family, data, size) {
  m <- ifelse(is.na(data$left), data$right, ifelse(is.na(data$right), data$left, floor((data$left + data$right) / 2)))
  switch(family, poisson = mean(m), negbin = c(mean(m)^2 / max(var(m) - mean(m), 0.1), mean(m)),
         geometric = 1 / (1 + mean(m)), binomial = mean(m) / size)
}

# fitdistcens on the same rows, every censored row's lower bound less one (its convention)
crosscheck <- function(family, data, est, size) {
  shifted <- data
  cens <- is.na(data$right) | is.na(data$left) | data$left != data$right
  shifted$left[cens & !is.na(data$left)] <- data$left[cens & !is.na(data$left)] - 1
  name <- c(poisson = "pois", negbin = "nbinom", geometric = "geom", binomial = "binom")[[family]]
  f <- suppressWarnings(if (family == "binomial")
    fitdistcens(shifted, name, fix.arg = list(size = size), start = list(prob = est[1]),
                control = list(reltol = 1e-15, maxit = 20000))
    else if (family == "negbin")
    fitdistcens(shifted, name, start = list(size = est[1], mu = est[2]), control = list(reltol = 1e-15, maxit = 20000))
    else fitdistcens(shifted, name, control = list(reltol = 1e-15, maxit = 20000)))
  gap <- max(abs(unname(f$estimate) - est) / est)
  if (gap > 1e-4) stop(sprintf("fitdistcens on the shifted rows differs from this likelihood by %.3g", gap))
}

case <- function(family, dataset, data, a = -Inf, b = Inf, size = NA) {
  ll <- loglik(family, data$left, data$right, a, b, size)
  est <- fit(family, ll, start(family, data, size))
  if (!is.finite(a) && !is.finite(b)) crosscheck(family, data, est, size)
  invisible(add(family, dataset, data, est, ll, "own likelihood, optim + Newton polish; SE numDeriv", a, b, size))
}

# quine's days absent (MASS), censored four ways: rows 1-50 exact; 51-100 reported in bands
# 0, 1-4, 5-9, 10-19, 20-39, 40+; 101-146 top-coded at 30 (30 or more) and bottom-coded at 3 (3 or fewer)
days <- MASS::quine$Days
left <- days; right <- days
bands <- c(0, 1, 5, 10, 20, 40)
for (i in 51:100) {
  k <- findInterval(days[i], bands)
  left[i] <- bands[k]; right[i] <- if (k == length(bands)) NA else bands[k + 1] - 1
}
for (i in 101:146) {
  if (days[i] >= 30) { left[i] <- 30; right[i] <- NA }
  if (days[i] <= 3) { left[i] <- NA; right[i] <- 3 }
}
quine <- data.frame(left = left, right = right)
for (family in c("poisson", "negbin", "geometric")) case(family, "quine-censored", quine)

# binomial: 60 draws of Binomial(12, 0.35) (set.seed(15)), 6 or more right-censored at 6, every
# fourth row reported in pairs {0,1}, {2,3}, ..., row 5 left-censored at 2
set.seed(15)
x <- rbinom(60, 12, 0.35)
bl <- x; br <- x
for (i in seq(4, 60, by = 4)) { bl[i] <- 2 * (x[i] %/% 2); br[i] <- bl[i] + 1 }
bl[x >= 6] <- 6; br[x >= 6] <- NA
bl[5] <- NA; br[5] <- max(2, x[5])
binom <- data.frame(left = bl, right = br)
case("binomial", "binom12-censored", binom, size = 12)

# zero-truncated: bioChemists' articles (pscl), the scientists with at least one
data(bioChemists, package = "pscl")
art <- bioChemists$art[bioChemists$art > 0]
pos <- data.frame(left = art, right = art)
ll <- loglik("poisson", pos$left, pos$right, 0)
est <- fit("poisson", ll, mean(art))
root <- uniroot(function(l) l / (1 - exp(-l)) - mean(art), c(1e-3, 20), tol = 1e-15)$root
info <- sum(art) / root^2 - length(art) * exp(-root) / (1 - exp(-root))^2
if (abs(est - root) / root > 1e-9) stop("zero-truncated Poisson: numerical and closed-form MLE differ")
v <- vglm(art ~ 1, pospoisson, data = pos, control = vglm.control(epsilon = 1e-15, maxit = 100))
vest <- exp(coef(v)); vse <- vest * sqrt(diag(vcov(v)))
extra <- paste0("   \"closedForm\": {\"estimate\": ", jmap("lambda", root), ", \"se\": ", jmap("lambda", 1 / sqrt(info)),
                "},\n   \"vgam\": {\"estimate\": ", jmap("lambda", vest), ", \"se\": ", jmap("lambda", vse),
                ", \"loglik\": ", num(logLik(v)), "},\n")
add("poisson", "biochemists-art-positive", pos, root, ll, "closed-form root (uniroot 1e-15); SE closed form",
    0, Inf, extra = extra)

ll <- loglik("negbin", pos$left, pos$right, 0)
est <- fit("negbin", ll, c(2, mean(art)))
v <- vglm(art ~ 1, posnegbinomial, data = pos, control = vglm.control(epsilon = 1e-15, maxit = 200))
vest <- exp(coef(v))[c(2, 1)]                                  # VGAM: log(munb), log(size)
extra <- paste0("   \"vgam\": {\"estimate\": ", jmap(c("size", "mu"), vest), ", \"loglik\": ", num(logLik(v)), "},\n")
add("negbin", "biochemists-art-positive", pos, est, ll, "own likelihood, optim + Newton polish; SE numDeriv",
    0, Inf, extra = extra)

# right truncation: quine's days of at most 40 (the rows above cannot be observed), exact
q40 <- days[days <= 40]
case("poisson", "quine-at-most-40", data.frame(left = q40, right = q40), b = 40)
case("negbin", "quine-at-most-40", data.frame(left = q40, right = q40), b = 40)
# both at once, with censored rows: quine-censored's rows inside 0 < x <= 45 (the 30+ rows kept:
# their probability is P(30 <= X <= 45)), truncated to 0 < X <= 45
inside <- quine[(is.na(quine$left) | quine$left > 0) & (is.na(quine$right) | quine$right > 0) &
                (is.na(quine$left) | quine$left <= 45) & (is.na(quine$right) | quine$right <= 45), ]
case("negbin", "quine-censored-within-0-45", inside, 0, 45)
case("geometric", "quine-censored-within-0-45", inside, 0, 45)

# the censored quine rows and the positive article counts as example files of the repository
write.csv(data.frame(lo = quine$left, hi = quine$right), "examples/quine_days.csv", row.names = FALSE, na = "",
          quote = FALSE)
write.csv(data.frame(art = art), "examples/articles_positive.csv", row.names = FALSE, quote = FALSE)
writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"), out)
cat("wrote", out, "\n")
