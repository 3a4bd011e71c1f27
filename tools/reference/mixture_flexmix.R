# Reference fits for org.mlem.mixture: R's flexmix (2.3) and mixtools (normalmixEM).
#
# Run from the repository root:  Rscript tools/reference/mixture_flexmix.R
# Writes data CSVs and JSON fixtures to mlem-core/src/test/resources/fixtures/mixture/
# (JSON by hand with sprintf("%.17g") so no digit is lost).
#
# flexmix's EM loop (FLXfit) starts from the posterior given by cluster= (hard labels) and
# (passed as a one-hot posterior matrix) runs iteration t as: M-step (priors = column means of the posterior, components by weighted
# MLE), then E-step, then the log-likelihood of those parameters. So flexmix with iter.max = N
# holds the parameters after N M-steps; its returned @prior is the next M-step's (column means
# of the last posterior), so the prior used by the N-th M-step is taken from the run with
# iter.max = N - 1 (for N = 1: the proportions of cluster). tolerance = 0 makes flexmix run
# exactly iter.max iterations; minprior = 0 keeps every component.
# mlem from MixtureInit.HardLabels(cluster) with maxIterations = m and tolerance 0 holds the
# parameters after 1 + m M-steps: fixture entry "mSteps" = N is compared with m = N - 1.
#
# mixtools::normalmixEM updates sigma with squared residuals about the previous iteration's
# means (computed in its E-step), so its single iterations are not the exact EM map; only its
# fixed point is compared (maxit = 5000, epsilon = 1e-13).
suppressMessages({ library(flexmix); library(mixtools) })

dir <- "mlem-core/src/test/resources/fixtures/mixture"
num <- function(v) sprintf("%.17g", v)
jvec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
jmat <- function(m) paste0("[", paste(apply(m, 1, jvec), collapse = ", "), "]")
jint <- function(v) paste0("[", paste(as.integer(v), collapse = ", "), "]")

# cluster= as a vector would start flexmix from 0.9/0.1 posteriors; a one-hot matrix starts it
# from the hard labels themselves.
flex <- function(y, k, cluster, model, N) {
  flexmix(y ~ 1, k = k, cluster = diag(k)[cluster, , drop = FALSE], model = model,
          control = list(iter.max = N, tolerance = 0, minprior = 0))
}

# Parameters after N M-steps: priors [k], component parameters [k][d], log-likelihood.
flexState <- function(y, k, cluster, model, N, slot) {
  f <- flex(y, k, cluster, model, N)
  prior <- if (N == 1) tabulate(cluster, k) / length(cluster) else flex(y, k, cluster, model, N - 1)@prior
  params <- t(sapply(seq_len(k), function(j) f@components[[j]][[1]]@parameters[[slot]]))
  if (ncol(y) == 1) params <- matrix(params, ncol = 1)
  sprintf("{\"mSteps\": %d, \"weights\": %s, \"parameters\": %s, \"logLikelihood\": %s}",
          N, jvec(prior), jmat(params), num(f@logLik))
}

flexCase <- function(name, y, k, cluster, model, slot, family, note) {
  write.csv(as.data.frame(y), file.path(dir, paste0(name, ".csv")), row.names = FALSE)
  states <- sapply(c(1, 2, 3, 400), function(N) flexState(y, k, cluster, model, N, slot))
  json <- sprintf(paste0("{\n  \"oracle\": \"R %s flexmix %s\",\n  \"note\": \"%s\",\n",
                         "  \"data\": \"mixture/%s.csv\",\n  \"family\": \"%s\",\n  \"k\": %d,\n",
                         "  \"cluster\": %s,\n  \"states\": [\n    %s\n  ]\n}\n"),
                  getRversion(), packageVersion("flexmix"), note, name, family, k, jint(cluster - 1),
                  paste(states, collapse = ",\n    "))
  writeLines(json, file.path(dir, paste0(name, ".json")))
}

set.seed(20240611)

# 1. One Poisson column, k = 2.
n <- 300
z <- rbinom(n, 1, 0.35)
count <- rpois(n, ifelse(z == 1, 9, 2))
y <- cbind(count = count)
flexCase("flexmix_pois1", y, 2, ifelse(count > 4, 2L, 1L), FLXMCmvpois(), "lambda", "poisson",
         "FLXMCmvpois on one simulated column; cluster = 1 + (count > 4)")

# 2. Three Poisson columns, k = 3.
n <- 400
z <- sample(1:3, n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
lam <- rbind(c(1, 5, 3), c(6, 1, 3), c(4, 4, 10))
y <- sapply(1:3, function(a) rpois(n, lam[z, a]))
colnames(y) <- c("a", "b", "c")
cl <- as.integer(cut(y[, 1] - y[, 2], c(-Inf, -2, 2, Inf)))
flexCase("flexmix_mvpois", y, 3, cl, FLXMCmvpois(), "lambda", "poisson",
         "FLXMCmvpois on three simulated columns; cluster from cut(a - b)")

# 3. Latent class analysis: six binary items, k = 3.
n <- 500
z <- sample(1:3, n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
p <- rbind(c(0.9, 0.8, 0.85, 0.2, 0.1, 0.15), c(0.2, 0.1, 0.3, 0.9, 0.8, 0.7), c(0.8, 0.9, 0.2, 0.8, 0.9, 0.3))
y <- sapply(1:6, function(a) rbinom(n, 1, p[z, a]))
colnames(y) <- paste0("item", 1:6)
cl <- ifelse(y[, 1] + y[, 2] >= 2, ifelse(y[, 4] == 1, 3L, 1L), 2L)
flexCase("flexmix_lca", y, 3, cl, FLXMCmvbinary(), "center", "bernoulli",
         "FLXMCmvbinary on six simulated binary items; cluster from items 1, 2 and 4")

# 4. mixtools normalmixEM on Old Faithful's waiting times, k = 2, from given starts.
x <- faithful$waiting
write.csv(data.frame(waiting = x), file.path(dir, "faithful_waiting.csv"), row.names = FALSE)
start <- list(lambda = c(0.4, 0.6), mu = c(55, 75), sigma = c(6, 6))
m <- normalmixEM(x, lambda = start$lambda, mu = start$mu, sigma = start$sigma, k = 2,
                 maxit = 5000, epsilon = 1e-13)
json <- sprintf(paste0("{\n  \"oracle\": \"R %s mixtools %s normalmixEM\",\n",
                       "  \"note\": \"fixed point only: normalmixEM's sigma step uses the previous means\",\n",
                       "  \"data\": \"mixture/faithful_waiting.csv\",\n",
                       "  \"start\": {\"weights\": %s, \"mean\": %s, \"sd\": %s},\n",
                       "  \"converged\": {\"weights\": %s, \"mean\": %s, \"sd\": %s, \"logLikelihood\": %s, \"iterations\": %d}\n}\n"),
                getRversion(), packageVersion("mixtools"), jvec(start$lambda), jvec(start$mu), jvec(start$sigma),
                jvec(m$lambda), jvec(m$mu), jvec(m$sigma), num(m$loglik), length(m$all.loglik) - 1)
writeLines(json, file.path(dir, "mixtools_normal_faithful.json"))
