# R mclust's side of compare.sh (MCLUST=1): its EM loop, me() (Fortran: one M-step and one E-step
# per iteration), run a fixed number of iterations from the workload's start, as sklearn_run.py
# runs scikit-learn's. The start's responsibilities come from mclust's estep at the given
# parameters (not timed), so me's iterations produce the parameter sequence scikit-learn's loop
# does (mclust adds no reg_covar to the diagonal). Timing covers me() alone; it is repeated three
# more times ("warm", the median). Prints one JSON line (final_mean_ll: me's log-likelihood over n).
# Usage: Rscript bench/mclust_run.R data.npy init.json iterations
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
iterations <- as.integer(args[3])

# a float64 C-order .npy of shape (n, d), version 1 or 2 header
readNpy <- function(path) {
  con <- file(path, "rb")
  on.exit(close(con))
  magic <- readBin(con, "raw", 6)
  version <- as.integer(readBin(con, "raw", 2))
  hlen <- if (version[1] == 1) readBin(con, "integer", 1, size = 2, signed = FALSE, endian = "little")
          else readBin(con, "integer", 1, size = 4, endian = "little")
  header <- rawToChar(readBin(con, "raw", hlen))
  dims <- sub(".*'shape': *\\(([^)]*)\\).*", "\\1", header)
  shape <- as.integer(regmatches(dims, gregexpr("[0-9]+", dims))[[1]])
  v <- readBin(con, "double", prod(shape), size = 8, endian = "little")
  matrix(v, nrow = shape[1], ncol = shape[2], byrow = TRUE)
}

x <- readNpy(args[1])
init <- jsonlite::fromJSON(args[2])
n <- nrow(x); d <- ncol(x); k <- length(init$weights)
full <- init$covariance_type == "full"
model <- if (full) "VVV" else "VVI"
sigma <- array(0, c(d, d, k))
for (j in 1:k) sigma[, , j] <- if (full) init$covariances[j, , ] else diag(init$covariances[j, ], d)
geo <- function(v) exp(mean(log(v)))
if (full) {
  variance <- list(modelName = model, d = d, G = k, sigma = sigma, cholsigma = array(apply(sigma, 3, chol), c(d, d, k)))
} else {
  scale <- apply(init$covariances, 1, geo)
  variance <- list(modelName = model, d = d, G = k, sigma = sigma, scale = scale, shape = t(init$covariances / scale))
}
parameters <- list(pro = init$weights, mean = t(init$means), variance = variance)
z0 <- estep(data = x, modelName = model, parameters = parameters)$z
ctrl <- emControl(tol = c(0, 0), itmax = c(iterations, .Machine$integer.max))

timed <- function() {
  t0 <- proc.time()[["elapsed"]]
  fit <- me(data = x, modelName = model, z = z0, control = ctrl)
  list(seconds = proc.time()[["elapsed"]] - t0, ll = fit$loglik, its = attr(fit, "info")[["iterations"]])
}
first <- timed()
warm <- sort(sapply(1:3, function(i) timed()$seconds))[2]
cat(sprintf('{"impl": "mclust", "iterations": %d, "seconds": %.6f, "s_per_iter": %.6f, "warm_s_per_iter": %.6f, "final_mean_ll": "%.17g"}\n',
            iterations, first$seconds, first$seconds / iterations, warm / iterations, first$ll / n))
