# One whole job for bench/whole_job.py, timed by the caller from process start: read the CSV with
# data.table::fread, fit, print one JSON line with the log-likelihood.
# Usage: Rscript bench/whole_job_peer.R glm FAMILY FILE | Rscript bench/whole_job_peer.R dist FAMILY FILE
#      | Rscript bench/whole_job_peer.R nls mm FILE
args <- commandArgs(trailingOnly = TRUE)
kind <- args[1]; family <- args[2]; file <- args[3]
suppressPackageStartupMessages({ library(data.table); library(MASS) })
d <- fread(file)
if (kind == "glm") {
  f <- y ~ .
  fit <- switch(family,
    binomial = glm(f, family = binomial, data = d),
    poisson = glm(f, family = poisson, data = d),
    gamma = glm(f, family = Gamma(link = "log"), data = d),
    negbin = glm.nb(f, data = d))
  ll <- as.numeric(logLik(fit))
  par <- coef(fit)[1:2]
} else if (kind == "nls") {
  fit <- nls(rate ~ Vm * conc / (K + conc), data = d, start = list(Vm = 150, K = 0.2))
  ll <- as.numeric(logLik(fit))
  par <- coef(fit)
} else {
  suppressPackageStartupMessages(library(fitdistrplus))
  x <- d[[1]]
  distr <- switch(family, gamma = "gamma", weibull = "weibull", negbin = "nbinom", lognormal = "lnorm")
  fit <- fitdist(x, distr)
  ll <- fit$loglik
  par <- fit$estimate
}
cat(sprintf('{"loglik": %.17g, "first": %.17g}\n', ll, par[1]))
