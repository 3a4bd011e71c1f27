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
