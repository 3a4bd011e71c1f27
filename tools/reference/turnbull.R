# Reference for org.mlem.survival.Turnbull: the nonparametric MLE of interval-censored data.
#
# Run from the repository root:  Rscript tools/reference/turnbull.R
# Writes mlem-core/src/test/resources/fixtures/survival/turnbull.json.
#
# survival::survfit(Surv(l, r, type = "interval2") ~ 1) computes Turnbull's estimate by the
# self-consistency (EM) iteration but stops when the survival curve moves by less than 5e-5, so it
# is no oracle at 1e-8. This script therefore writes, beside survfit's curve, the NPMLE from a plain
# self-consistency iteration written here (Turnbull 1976) run until no mass moves by 1e-15, and
# checks that survfit's curve agrees with it to 1e-3 at survfit's times. Intervals follow Surv's
# interval2 reading: l == r exact, l NA left-censored at r, r NA right-censored at l, else (l, r].
suppressMessages({ library(survival); library(fitdistrplus) })
num <- function(v) ifelse(is.finite(v), sprintf("%.17g", v), "null")
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")

innermost <- function(l, r) {
  # endpoints as (value, rank): an exact row's left end sorts before right ends at its value,
  # an open left end (l, ...] after them
  lo <- ifelse(is.na(l), -Inf, l); hi <- ifelse(is.na(r), Inf, r)
  exact <- !is.na(l) & !is.na(r) & l == r
  v <- c(lo, hi); rank <- c(ifelse(exact, 0, 2), rep(1, length(hi))); left <- c(rep(TRUE, length(lo)), rep(FALSE, length(hi)))
  o <- order(v, rank)
  v <- v[o]; rank <- rank[o]; left <- left[o]
  q <- c(); p <- c(); qr <- c(); pr <- c()
  for (k in seq_len(length(v) - 1)) if (left[k] && !left[k + 1]) {
    q <- c(q, v[k]); qr <- c(qr, rank[k]); p <- c(p, v[k + 1]); pr <- c(pr, rank[k + 1])
  }
  u <- !duplicated(cbind(q, qr, p, pr))
  list(q = q[u], qrank = qr[u], p = p[u], lo = lo, hi = hi, lrank = ifelse(exact, 0, 2))
}
le <- function(v1, r1, v2, r2) v1 < v2 | (v1 == v2 & r1 <= r2)

npmle <- function(l, r) {
  iv <- innermost(l, r)
  m <- length(iv$q); n <- length(l)
  A <- matrix(0, n, m)
  for (i in 1:n) for (j in 1:m)
    A[i, j] <- le(iv$lo[i], iv$lrank[i], iv$q[j], iv$qrank[j]) && le(iv$p[j], 1, iv$hi[i], 1)
  s <- rep(1 / m, m)
  for (it in 1:2000000) {
    mu <- as.vector(A %*% s)
    s1 <- s * colSums(A / mu) / n
    if (max(abs(s1 - s)) < 1e-15) { s <- s1; break }
    s <- s1
  }
  list(q = iv$q, p = iv$p, mass = s, iterations = it, loglik = sum(log(as.vector(A %*% s))))
}

# survfit's own iteration (survival:::survfitTurnbull, the code survfit runs for interval2 data)
# with its stopping rule lowered from a curve change of 5e-5 to 1e-13, nothing else changed: the
# curve survfit would report if it ran to convergence, the 1e-8 oracle for Turnbull's estimate.
survfitTight <- survival:::survfitTurnbull
local({
  b <- deparse(body(survfitTight))
  i <- grep("while \\(eps > 5e-05\\)", b)
  if (length(i) != 1) stop("survfitTurnbull's stopping rule was not found")
  b[i] <- sub("5e-05", "1e-13", b[i])
  body(survfitTight) <<- parse(text = paste(b, collapse = "\n"))[[1]]
  environment(survfitTight) <<- asNamespace("survival")
})

entries <- list()
data(salinity); data(smokedfish)
for (ds in c("salinity", "smokedfish")) {
  d <- get(ds)
  fit <- npmle(d$left, d$right)
  sf <- survfit(Surv(left, right, type = "interval2") ~ 1, data = d)
  # S(t) = mass of the innermost intervals ending after t, at survfit's times outside every
  # innermost interval's inside (where survfit and the NPMLE's own indeterminacy differ)
  outside <- sapply(sf$time, function(t) !any(fit$q < t & t < fit$p))
  S <- sapply(sf$time, function(t) sum(fit$mass[fit$p > t]))
  gap <- max(abs(S - sf$surv)[outside])
  cat(sprintf("%-11s %3d rows, %2d innermost intervals, %7d iterations, loglik %.12g, |survfit - npmle| %.2g\n",
              ds, nrow(d), length(fit$q), fit$iterations, fit$loglik, gap))
  if (gap > 1e-3) stop("survfit disagrees with the converged NPMLE")
  tight <- survfitTight(factor(rep(1, nrow(d))), Surv(d$left, d$right, type = "interval2"), rep(1, nrow(d)),
                        se.fit = FALSE)
  if (!identical(tight$time, sf$time)) stop("survfit's times moved")
  tightGap <- max(abs(sapply(tight$time, function(t) sum(fit$mass[fit$p > t])) - tight$surv)[outside])
  cat(sprintf("%-11s survfit's iteration to 1e-13: |survfit - npmle| %.2g\n", ds, tightGap))
  if (tightGap > 1e-10) stop("survfit run to convergence disagrees with the converged NPMLE")
  entries[[length(entries) + 1]] <- paste0(
    "  {\"dataset\": \"", ds, "\", \"iterations\": ", fit$iterations, ", \"survfitGap\": ", num(gap), ",\n",
    "   \"left\": ", jvec(d$left), ",\n   \"right\": ", jvec(d$right), ",\n",
    "   \"q\": ", jvec(fit$q), ",\n   \"p\": ", jvec(fit$p), ",\n   \"mass\": ", jvec(fit$mass), ",\n",
    "   \"loglik\": ", num(fit$loglik), ",\n",
    "   \"survfitTime\": ", jvec(sf$time), ",\n   \"survfitSurv\": ", jvec(sf$surv), ",\n",
    "   \"survfitConvergedSurv\": ", jvec(tight$surv), "}")
}
writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"),
           "mlem-core/src/test/resources/fixtures/survival/turnbull.json")
