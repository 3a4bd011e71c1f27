# Reference fits for org.mlem.count: pscl::zeroinfl and pscl::hurdle (Poisson and negative binomial,
# logit zero part) and pscl::vuong against the plain glm / MASS::glm.nb, on pscl's bioChemists and
# AER's RecreationDemand. Writes the data as CSV and one JSON per model under
# mlem-core/src/test/resources/fixtures/r/count/. Run from the repository root:
#   Rscript tools/reference/count_pscl.R
# optim's relative tolerance is tightened (reltol = 1e-15) so pscl's BFGS reaches the optimum
# to the digits the tests compare; pscl's default stops earlier.
suppressPackageStartupMessages({ library(pscl); library(MASS); library(jsonlite) })
out <- "mlem-core/src/test/resources/fixtures/r/count"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)

data("bioChemists", package = "pscl")
bc <- bioChemists
bc$fem <- factor(as.character(bc$fem)); bc$mar <- factor(as.character(bc$mar))  # sorted levels, as mlem orders them
csv(data.frame(art = bc$art, fem = as.character(bc$fem), mar = as.character(bc$mar), kid5 = bc$kid5,
               phd = bc$phd, ment = bc$ment), "biochemists.csv")
data("RecreationDemand", package = "AER")
rd <- RecreationDemand[, c("trips", "quality", "ski", "income", "userfee")]
csv(data.frame(trips = rd$trips, quality = rd$quality, ski = as.character(rd$ski), income = rd$income,
               userfee = as.character(rd$userfee)), "recreation.csv")

# pscl::vuong prints its statistics and returns NULL; this copy returns them instead (same code).
vuongValues <- pscl::vuong
b <- body(vuongValues); b[[length(b)]] <- quote(return(invisible(list(stat = unname(v), p = pval)))); body(vuongValues) <- b

summarise <- function(fit, plain, name, kind, dist, formula, data) {
  s <- summary(fit)
  part <- function(tab) list(coefficients = as.list(setNames(tab[, 1], rownames(tab))),
                             standardErrors = as.list(setNames(tab[, 2], rownames(tab))))
  cnt <- s$coefficients$count; zer <- s$coefficients$zero
  if (dist == "negbin") cnt <- cnt[rownames(cnt) != "Log(theta)", , drop = FALSE]
  vu <- { capture.output(r <- vuongValues(fit, plain)); r }
  res <- list(name = name, model = kind, dist = dist, formula = formula, data = data, n = fit$n,
              count = part(cnt), zero = part(zer),
              logLikelihood = as.numeric(logLik(fit)), df = attr(logLik(fit), "df"),
              aic = AIC(fit), bic = BIC(fit), converged = fit$converged,
              plainLogLikelihood = as.numeric(logLik(plain)),
              vuong = list(raw = vu$stat[1], aic = vu$stat[2], bic = vu$stat[3],
                           pRaw = vu$p[1], pAic = vu$p[2], pBic = vu$p[3]))
  if (dist == "negbin") {
    res$theta <- fit$theta; res$logTheta <- log(fit$theta); res$logThetaSe <- fit$SE.logtheta
    res$thetaSe <- fit$theta * fit$SE.logtheta
  }
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(out, paste0(name, ".json")))
}
ctl <- function(f, start = NULL) f(reltol = 1e-15, start = start)
# BFGS stops a little short of the optimum; restarting it from where it stopped (pscl's start=,
# a fresh Hessian approximation) twice more reaches it to the digits compared.
polish <- function(fit, refit) {
  for (i in 1:2) {
    st <- list(count = fit$coefficients$count, zero = fit$coefficients$zero)
    if (!is.null(fit$theta)) st$theta <- fit$theta
    fit <- refit(st)
  }
  fit
}
fitAll <- function(data, f, fcount, tag, csvName) {
  pois <- glm(fcount, poisson, data); nb <- glm.nb(fcount, data, control = glm.control(epsilon = 1e-12, maxit = 100))
  txt <- paste(deparse(f), collapse = "")
  zi <- function(d) function(st) zeroinfl(f, data, dist = d, control = ctl(zeroinfl.control, st))
  hu <- function(d) function(st) hurdle(f, data, dist = d, control = ctl(hurdle.control, st))
  summarise(polish(zi("poisson")(NULL), zi("poisson")), pois, paste0("zeroinfl_poisson_", tag), "zeroinfl", "poisson", txt, csvName)
  summarise(polish(zi("negbin")(NULL), zi("negbin")), nb, paste0("zeroinfl_negbin_", tag), "zeroinfl", "negbin", txt, csvName)
  summarise(polish(hu("poisson")(NULL), hu("poisson")), pois, paste0("hurdle_poisson_", tag), "hurdle", "poisson", txt, csvName)
  summarise(polish(hu("negbin")(NULL), hu("negbin")), nb, paste0("hurdle_negbin_", tag), "hurdle", "negbin", txt, csvName)
}
fitAll(bc, art ~ fem + mar + kid5 + phd + ment | ment, art ~ fem + mar + kid5 + phd + ment, "biochemists", "biochemists.csv")
fitAll(bc, art ~ fem + mar + kid5 + phd + ment, art ~ fem + mar + kid5 + phd + ment, "biochemists_full", "biochemists.csv")
fitAll(rd, trips ~ quality + ski + income + userfee | quality + income, trips ~ quality + ski + income + userfee,
       "recreation", "recreation.csv")
