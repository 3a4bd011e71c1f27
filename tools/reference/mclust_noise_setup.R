# Shared set-up of the noise-component reference scripts (mclust_noise.R, mclust_noise_prior.R,
# mclust_noise_vinv.R), sourced after fixtures/data/faithful_noise.csv exists: the rows x (n × d),
# mlem's default noise start (a row is noise when the distance to its 5th nearest neighbour exceeds
# Q3 + 1.5 IQR of those distances, quantile type 7), mclust's hypvol, hc(VVV) of the other rows,
# the EM control (tolerance 1e-14) and the JSON writers num() and sigmaJson().
suppressMessages(library(mclust))
dir <- "mlem-core/src/test/resources/fixtures"
num <- function(v) paste0("[", paste(sprintf("%.17g", as.numeric(v)), collapse = ", "), "]")
x <- as.matrix(read.csv(file.path(dir, "data", "faithful_noise.csv")))
n <- nrow(x)
d <- ncol(x)
dist5 <- apply(as.matrix(dist(x)), 1, function(r) sort(r)[6])
q <- quantile(dist5, c(0.25, 0.75), type = 7)
noise <- dist5 > q[2] + 1.5 * (q[2] - q[1])
hv <- hypvol(x)
Vinv <- hypvol(x, reciprocal = TRUE)
sigmaJson <- function(sigma, g) {
  sig <- array(sigma, c(d, d, g))
  paste0("[", paste(sapply(1:g, function(j)
    paste0("[", paste(sapply(1:d, function(a) num(sig[a, , j])), collapse = ", "), "]")), collapse = ", "), "]")
}
ctrl <- emControl(tol = c(1e-14, 1e-16), itmax = c(200000, 10000))
entries <- character(0)
tree <- hc(x[!noise, ], modelName = "VVV")

# One case of an me() fit with a noise component as a JSON entry: the log-likelihood recomputed at
# the returned parameters, iterations, pro (noise last), means, sigma; df = nMclustParams(noise =
# TRUE). `extra` is inserted after "df" (for example the hypervolume), with its trailing ", ".
noiseMeEntry <- function(fit, model, g, Vinv, cl, extra = "") {
  p <- fit$parameters
  dens <- cdens(data = x, modelName = model, parameters = p, logarithm = FALSE)
  at <- sum(log(dens %*% p$pro[1:g] + p$pro[g + 1] * Vinv))
  df <- nMclustParams(model, d, g, noise = TRUE)
  means <- paste0("[", paste(sapply(1:g, function(j) num(p$mean[, j])), collapse = ", "), "]")
  sprintf(paste0(
    '{"model": "%s", "k": %d, "df": %d, %s"labels": %s,\n',
    '   "me": {"loglik": %.17g, "loglikAtParameters": %.17g, "iterations": %d, ',
    '"pro": %s, "means": %s, "sigma": %s}}'),
    model, g, as.integer(df), extra, num(cl), fit$loglik, at, as.integer(attr(fit, "info")[[1]]),
    num(p$pro), means, sigmaJson(p$variance$sigma, g))
}
