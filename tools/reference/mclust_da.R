# Reference values for mlem's discriminant analysis (issue 14 part 7): R's mclust 6.0 MclustDA
# (Fraley and Raftery 2002, section 6) with modelType "EDDA" (one Gaussian per class, a covariance
# model shared in its constraints across classes, fitted by mstep from the known classes) and
# "MclustDA" (a mixture per class, G and model chosen per class by BIC, EM from mclust's hc start),
# and cvMclustDA's cross-validated classification error and Brier score.
# Data: iris (Species) and mclust's banknote (Status); written to fixtures/da/*.csv with the class
# as the last column. mclust's EVE and VVE are left out (not in mlem yet).
# The EM and M-step tolerances are tight (emControl(tol = c(1e-14, 1e-16))) so the answers are
# the maxima, not mclust's default stopping points.
# Since mlem has no hc start yet, the hc partitions mclust started each class's EM from are
# written too ("starts": per class and G, 0-based labels over the class's rows in data order, from
# hc(VVV) on the SVD-transformed rows, mclust's default), for every fit and every CV fold; the
# script checks that me() from them reproduces MclustDA's per-class log-likelihood.
# Folds: mclust's balancedFolds under set.seed(14), written 0-based per row.
# Run from the repository root:  Rscript tools/reference/mclust_da.R   (about a minute)
# Writes mlem-core/src/test/resources/fixtures/da/{iris,banknote}.csv and mclust_da.json
suppressMessages(library(mclust))
out <- "mlem-core/src/test/resources/fixtures/da"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
num <- function(v) paste0("[", paste(sprintf("%.17g", as.numeric(v)), collapse = ", "), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ", "), "]")
mat <- function(m) paste0("[", paste(apply(as.matrix(m), 1, num), collapse = ", "), "]")
ctrl <- emControl(tol = c(1e-14, 1e-16), itmax = c(200000, 10000))
models <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EEV", "VEV", "EVV", "VVV")
data(banknote)
sets <- list(iris = list(x = as.matrix(iris[, 1:4]), y = iris$Species),
             banknote = list(x = as.matrix(banknote[, -1]), y = banknote$Status))
colnames(sets$iris$x) <- c("sepal_length", "sepal_width", "petal_length", "petal_width")

# per class: name, n, G, model, loglik, mean [d][G], sigma [G][d][d], pro
classJson <- function(m, d) {
  p <- m$parameters
  g <- m$G
  sig <- array(p$variance$sigma, c(d, d, g))
  sigma <- paste0("[", paste(sapply(1:g, function(j) mat(sig[, , j])), collapse = ", "), "]")
  sprintf('{"n": %d, "G": %d, "model": "%s", "loglik": %s, "bic": %s, "weights": %s, "means": %s, "sigma": %s}',
          m$n, g, m$modelName, if (is.null(m$loglik)) "null" else sprintf("%.17g", m$loglik),
          if (is.null(m$bic)) "null" else sprintf("%.17g", m$bic),
          num(rep_len(p$pro, g)), mat(t(matrix(p$mean, nrow = d))), sigma)
}
hcStarts <- function(x, y, G) {
  parts <- character(0)
  for (l in levels(y)) {
    xl <- x[y == l, , drop = FALSE]
    tree <- hc(xl, modelName = mclust.options("hcModelName"), use = mclust.options("hcUse"))
    for (g in G[G > 1]) {
      parts <- c(parts, sprintf('"%s/%d": %s', l, g, num(as.vector(hclass(tree, g)) - 1)))
    }
  }
  paste0("{", paste(parts, collapse = ", "), "}")
}
cases <- character(0)
for (ds in names(sets)) {
  x <- sets[[ds]]$x
  y <- sets[[ds]]$y
  d <- ncol(x)
  write.csv(data.frame(x, class = y), file.path(out, paste0(ds, ".csv")), row.names = FALSE, quote = FALSE)
  set.seed(14)
  folds <- mclust:::balancedFolds(y, nfolds = 10)
  foldOf <- integer(nrow(x))
  for (f in seq_along(folds)) foldOf[folds[[f]]] <- f - 1
  cvCase <- function(fit) {
    cv <- cvMclustDA(fit, nfold = 10, verbose = FALSE)   # reuses the folds: same seed, same draw
    sprintf('"cv": {"ce": %.17g, "seCe": %.17g, "brier": %.17g, "seBrier": %.17g, "classification": %s}',
            cv$ce, cv$se.ce, cv$brier, cv$se.brier, str(as.character(cv$classification)))
  }
  # EDDA, one model at a time, and chosen by BIC among all
  for (m in c(models, "all")) {
    names <- if (m == "all") models else m
    fit <- MclustDA(x, y, modelType = "EDDA", modelNames = names, control = ctrl, verbose = FALSE)
    set.seed(14)
    cv <- cvCase(fit)
    pr <- predict(fit, x)
    cases <- c(cases, sprintf(paste0('{"dataset": "%s", "type": "EDDA", "models": %s, "chosen": "%s", "n": %d, "df": %d, ',
      '"loglik": %.17g, "bic": %.17g, "priors": %s, "classes": %s, "classification": %s, "z": %s, %s}'),
      ds, str(names), fit$models[[1]]$modelName, fit$n, as.integer(round(fit$df)), fit$loglik, fit$bic, num(fit$prop), str(levels(y)),
      str(as.character(pr$classification)), mat(pr$z),
      paste0(cv, ', "perClass": [', paste(sapply(fit$models, classJson, d = d), collapse = ", "), "]")))
  }
  # MclustDA, G = 1..3 per class over a set of models, hc starts written for the fit and each fold
  G <- 1:3
  mdModels <- c("EII", "VII", "EEI", "VVI", "EEE", "VEV", "VVV")
  fit <- MclustDA(x, y, modelType = "MclustDA", G = G, modelNames = mdModels, control = ctrl, verbose = FALSE)
  for (l in levels(y)) {
    mod <- fit$models[[l]]
    if (mod$G > 1) {
      xl <- x[y == l, , drop = FALSE]
      z <- unmap(hclass(hc(xl, modelName = "VVV", use = "SVD"), mod$G))
      again <- me(xl, modelName = mod$modelName, z = z, control = ctrl)
      stopifnot(abs(again$loglik - mod$loglik) < 1e-9 * abs(mod$loglik))
    }
  }
  chosenG <- lapply(fit$models, function(m) m$G)
  foldStarts <- sapply(seq_along(folds), function(f) {
    tr <- setdiff(seq_len(nrow(x)), folds[[f]])
    hcStarts(x[tr, , drop = FALSE], droplevels(y[tr]), 1:3)
  })
  set.seed(14)
  cv <- cvCase(fit)
  pr <- predict(fit, x)
  bicTables <- sapply(fit$models, function(m) {
    b <- m$BIC
    paste0("{", paste(sapply(colnames(b), function(mn) sprintf('"%s": %s', mn, gsub("NA", "null", num(b[, mn])))), collapse = ", "), "}")
  })
  cases <- c(cases, sprintf(paste0('{"dataset": "%s", "type": "MclustDA", "models": %s, "G": %s, "n": %d, "df": %d, ',
    '"loglik": %.17g, "bic": %.17g, "priors": %s, "classes": %s, "classification": %s, "z": %s, %s, ',
    '"starts": %s, "foldStarts": [%s], "bicTables": [%s], "perClass": [%s]}'),
    ds, str(mdModels), num(G), fit$n, as.integer(round(fit$df)), fit$loglik, fit$bic, num(fit$prop), str(levels(y)),
    str(as.character(pr$classification)), mat(pr$z), cv, hcStarts(x, y, G), paste(foldStarts, collapse = ", "),
    paste(bicTables, collapse = ", "), paste(sapply(fit$models, classJson, d = d), collapse = ", ")))
  cases <- c(cases, sprintf('{"dataset": "%s", "type": "folds", "folds": %s}', ds, num(foldOf)))
}
writeLines(c('{"source": "R mclust 6.0 via tools/reference/mclust_da.R", "cases": [',
             paste0("  ", cases, collapse = ",\n"), "]}"), file.path(out, "mclust_da.json"))
