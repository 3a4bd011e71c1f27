# flexmix model drivers shared by concomitant_flexmix.R, concomitant_predict.R and
# select_concomitant_flexmix.R: tight() is FLXPmultinom with its nnet fit run to rounding (maxit
# 1e5, reltol 1e-16), so flexmix's own driver runs exact EM; ml_mvnorm() is FLXMCmvnorm with the
# maximum-likelihood covariance (cov.wt(method = "ML"), divisor n) instead of the unbiased one
# (its fit's environment holds `diagonal`, which FLXlogLikfun and refit() read there).
tight <- function(formula) {
  p <- FLXPmultinom(formula)
  p@fit <- function(x, y, w, ...) {
    r <- ncol(x)
    k <- ncol(y)
    mask <- c(rep(0, r + 1), rep(c(0, rep(1, r)), k - 1))
    if (missing(w)) w <- rep(1, nrow(y))
    nnet::nnet.default(x, y, w, mask = mask, size = 0, skip = TRUE, softmax = TRUE, censored = FALSE,
                       rang = 0, trace = FALSE, maxit = 100000, reltol = 1e-16, abstol = -1)$fitted.values
  }
  p
}

ml_mvnorm <- function() {
  diagonal <- FALSE
  z <- FLXMCmvnorm(diagonal = diagonal)
  z@fit <- function(x, y, w, ...) {
    para <- cov.wt(y, wt = w, method = "ML")[c("center", "cov")]
    para$df <- (3 * ncol(y) + ncol(y)^2) / 2
    z@defineComponent(para)
  }
  z
}
