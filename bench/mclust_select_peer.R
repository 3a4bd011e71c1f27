# R mclust's side of bench/whole_job_mclust_select.sh: `Mclust(X, G = 1:9)` with mclust 6's defaults
# (hc, VVV with hcUse "SVD", on mclust.options("subset") = 2000 rows drawn by sample(), then for each
# model and G an M-step on those rows, an E-step on all and me() to convergence on all), taken apart
# only so that each model's time is printed as it ends: the subset is drawn (seed 1) and the hc tree
# built once, as mclustBIC does inside one Mclust call, then mclustBIC runs one model at a time with
# that subset and tree. Prints one line a model (model, user and elapsed s, its best G and BIC) as it
# goes and at the end one JSON line: the pick, BIC (mclust's sign: 2 loglik - npar log n), loglik,
# and the total user + system CPU and elapsed seconds of the whole (hc included, reading excluded).
# Usage: Rscript bench/mclust_select_peer.R data.csv [MODEL,MODEL,...]   (default: all fourteen)
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.csv(args[1]))
models <- if (length(args) > 1) strsplit(args[2], ",")[[1]] else mclust.options("emModelNames")
n <- nrow(x)
set.seed(1)
t0 <- proc.time()
init <- list()
if (n > mclust.options("subset")) init$subset <- sample(seq.int(n), size = mclust.options("subset"), replace = FALSE)
init$hcPairs <- hc(data = if (is.null(init$subset)) x else x[init$subset, ],
                   modelName = mclust.options("hcModelName"), use = mclust.options("hcUse"))
th <- proc.time() - t0
cat(sprintf("hc %.2f user %.2f elapsed\n", th[["user.self"]], th[["elapsed"]]))
bics <- NULL
for (m in models) {
  tm <- system.time(b <- mclustBIC(x, G = 1:9, modelNames = m, initialization = init, verbose = FALSE))
  bics <- if (is.null(bics)) b else mclustBICupdate(bics, b)
  g <- which.max(b[, m])
  cat(sprintf("%s %.2f user %.2f elapsed best G=%d BIC %.4f\n", m, tm[["user.self"]], tm[["elapsed"]],
              if (length(g)) g else NA, if (length(g)) b[g, m] else NA))
  flush(stdout())
}
total <- proc.time() - t0
best <- pickBIC(bics, 1)
pick <- names(best)[1]
mod <- strsplit(pick, ",")[[1]]
one <- Mclust(x, G = as.integer(mod[2]), modelNames = mod[1], initialization = init, verbose = FALSE)
cat(sprintf('{"tool": "mclust", "models": %d, "pick": "%s", "G": %s, "BIC": %.6f, "logLikelihood": %.10f, "cpu": %.2f, "wall": %.2f}\n',
            length(models), mod[1], mod[2], one$bic, one$loglik,
            total[["user.self"]] + total[["sys.self"]], total[["elapsed"]]))
