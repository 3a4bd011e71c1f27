# The JSON of one fitted glm that GlmAgreesWithRTest reads; sourced by glm.R and glm_families.R,
# which set `out` (the fixture folder) first.
summarise <- function(fit, name, formula, family, link, levels = setNames(list(), character()), text = character()) {
  s <- summary(fit)
  cf <- coef(fit)
  tab <- s$coefficients
  pick <- function(col) { v <- setNames(rep(NA_real_, length(cf)), names(cf)); v[rownames(tab)] <- tab[, col]; as.list(v) }
  res <- list(name = name, formula = formula, family = family, link = link, levels = levels, text = I(text),
              coefficients = as.list(cf), standardErrors = pick(2), statistics = pick(3), pValues = pick(4),
              deviance = deviance(fit), nullDeviance = fit$null.deviance,
              dfResidual = fit$df.residual, dfNull = fit$df.null, dispersion = s$dispersion,
              logLikelihood = as.numeric(logLik(fit)), df = attr(logLik(fit), "df"),
              aic = AIC(fit), bic = BIC(fit), iterations = fit$iter, converged = fit$converged)
  if (!is.null(fit$theta)) { res$theta <- fit$theta; res$thetaSe <- fit$SE.theta }
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = TRUE),
             file.path(out, paste0(name, ".json")))
}
