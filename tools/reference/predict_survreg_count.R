# Reference predictions for the survreg, zeroinfl and hurdle model kinds (org.mlem.model.FittedSurvreg,
# FittedCount): survival::survreg on lung and ovarian, AER::tobit on Affairs, pscl::zeroinfl and
# pscl::hurdle on bioChemists. Each case holds a model file in mlem's format carrying R's estimates,
# so the Java side predicts from exactly R's parameters; R's predictions on the first rows of the
# data; and R's log-likelihood (the sum of the per-row scores over every row).
#
# Run from the repository root:  Rscript tools/reference/predict_survreg_count.R
# Reads the data under mlem-core/src/test/resources/fixtures/{survival,r/count}; writes
# mlem-core/src/test/resources/fixtures/predict/cases.json.
suppressMessages({ library(survival); library(AER); library(pscl); library(jsonlite) })

fx <- "mlem-core/src/test/resources/fixtures"
lung <- read.csv(file.path(fx, "survival/lung.csv"))
ovarian <- read.csv(file.path(fx, "survival/ovarian.csv"))
affairs <- read.csv(file.path(fx, "survival/affairs.csv"), stringsAsFactors = TRUE)
bc <- read.csv(file.path(fx, "r/count/biochemists.csv"), stringsAsFactors = TRUE)
first <- 12
ps <- c(0.1, 0.5, 0.9)
levelsOf <- function(data, cols) {
  l <- setNames(list(), character(0))
  for (c in cols) if (is.factor(data[[c]])) l[[c]] <- levels(data[[c]])
  l
}
named <- function(v) as.list(setNames(as.numeric(v), names(v)))

survCase <- function(name, dataFile, data, formula, dist, fit, tobit = NULL) {
  new <- data[1:first, ]
  r <- predict(fit, new, type = "response", se.fit = TRUE)
  l <- predict(fit, new, type = "lp", se.fit = TRUE)
  q <- predict(fit, new, type = "quantile", p = ps)
  model <- list(formatVersion = 1, model = "survreg", dist = dist, formula = formula, n = nrow(data),
                logLikelihood = fit$loglik[2], nParameters = nrow(vcov(fit)),
                coefficients = named(coef(fit)), scale = fit$scale, covariance = unname(vcov(fit)),
                levels = levelsOf(data, all.vars(as.formula(formula))))
  if (!is.null(tobit)) { model$left <- tobit[1]; model$right <- if (is.finite(tobit[2])) tobit[2] else NULL }
  list(name = name, data = dataFile, rows = first, model = model,
       predictions = list(fit = unname(r$fit), se.fit = unname(r$se.fit), lp = unname(l$fit),
                          se.lp = unname(l$se.fit), quantile0.1 = unname(q[, 1]), quantile0.5 = unname(q[, 2]),
                          quantile0.9 = unname(q[, 3])))
}

cases <- list()
ctl <- survreg.control(rel.tolerance = 1e-13, maxiter = 100)
for (dist in c("weibull", "exponential", "lognormal", "loglogistic")) {
  f <- "Surv(time, status) ~ age + sex"
  fit <- survreg(as.formula(f), lung, dist = dist, control = ctl)
  cases[[length(cases) + 1]] <- survCase(paste0("lung-", dist), "survival/lung.csv", lung, f, dist, fit)
}
f <- "Surv(futime, fustat) ~ age + ecog.ps"
fit <- survreg(as.formula(f), ovarian, dist = "gaussian", control = ctl)
cases[[length(cases) + 1]] <- survCase("ovarian-gaussian", "survival/ovarian.csv", ovarian, f, "gaussian", fit)
f <- "affairs ~ age + yearsmarried + religiousness + occupation + rating + gender"
fit <- tobit(as.formula(f), data = affairs, control = ctl)
cases[[length(cases) + 1]] <- survCase("affairs-tobit", "survival/affairs.csv", affairs, f, "gaussian", fit, c(0, Inf))
fit <- tobit(as.formula(f), left = 0, right = 4, data = affairs, control = ctl)
cases[[length(cases) + 1]] <- survCase("affairs-tobit-right", "survival/affairs.csv", affairs, f, "gaussian", fit, c(0, 4))

countCase <- function(name, kind, dist, formula, fit) {
  new <- bc[1:first, ]
  p <- predict(fit, new, type = "prob")
  model <- list(formatVersion = 1, model = kind, dist = dist, formula = formula, n = nrow(bc),
                logLikelihood = as.numeric(logLik(fit)), nParameters = attr(logLik(fit), "df"),
                count = list(coefficients = named(fit$coefficients$count)),
                zero = list(coefficients = named(fit$coefficients$zero)),
                levels = levelsOf(bc, c("fem", "mar")), maxCount = max(bc$art))
  if (dist == "negbin") { model$theta <- fit$theta; model$logTheta <- log(fit$theta) }
  pred <- list(fit = unname(predict(fit, new, type = "response")), count = unname(predict(fit, new, type = "count")),
               zero = unname(predict(fit, new, type = "zero")))
  for (k in seq_len(ncol(p))) pred[[paste0("prob", k - 1)]] <- unname(p[, k])
  list(name = name, data = "r/count/biochemists.csv", rows = first, model = model, predictions = pred)
}
octl <- function() zeroinfl.control(reltol = 1e-15, maxit = 50000)
hctl <- function() hurdle.control(reltol = 1e-15, maxit = 50000)
f <- "art ~ fem + mar + kid5 + phd + ment"
fz <- "art ~ fem + mar + kid5 + phd + ment | kid5 + ment"
cases[[length(cases) + 1]] <- countCase("bc-zeroinfl-poisson", "zeroinfl", "poisson", fz,
                                        zeroinfl(as.formula(fz), bc, dist = "poisson", control = octl()))
cases[[length(cases) + 1]] <- countCase("bc-zeroinfl-negbin", "zeroinfl", "negbin", f,
                                        zeroinfl(as.formula(f), bc, dist = "negbin", control = octl()))
cases[[length(cases) + 1]] <- countCase("bc-hurdle-poisson", "hurdle", "poisson", f,
                                        hurdle(as.formula(f), bc, dist = "poisson", control = hctl()))
cases[[length(cases) + 1]] <- countCase("bc-hurdle-negbin", "hurdle", "negbin", fz,
                                        hurdle(as.formula(fz), bc, dist = "negbin", control = hctl()))

dir.create(file.path(fx, "predict"), showWarnings = FALSE)
writeLines(toJSON(cases, auto_unbox = TRUE, digits = I(17), pretty = TRUE, null = "null"),
           file.path(fx, "predict/cases.json"))
