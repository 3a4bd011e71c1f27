# JSON writers shared by tools/reference/mclust_models.R, mclust_hc.R and mclust_prior.R (sourced, not run alone):
# numbers with 17 significant digits, and a fit's pro, mean, sigma as mlem's fixtures hold them
# (weights [G], means [G][d], sigma [G][d][d]).
num <- function(v) paste0("[", paste(sprintf("%.17g", as.numeric(v)), collapse = ", "), "]")
sigmaJson <- function(sigma, d, g) {
  sig <- array(sigma, c(d, d, g))
  paste0("[", paste(sapply(1:g, function(j)
    paste0("[", paste(sapply(1:d, function(a) num(sig[a, , j])), collapse = ", "), "]")), collapse = ", "), "]")
}
params <- function(p, d, g) {
  means <- paste0("[", paste(sapply(1:g, function(j) num(as.matrix(p$mean)[, j])), collapse = ", "), "]")
  sprintf('"weights": %s, "means": %s, "sigma": %s', num(rep_len(if (is.null(p$pro)) 1 else p$pro, g)), means,
          sigmaJson(p$variance$sigma, d, g))
}
