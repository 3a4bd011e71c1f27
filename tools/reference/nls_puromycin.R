# Reference values for mlem's nls: R's nls on the Puromycin data (datasets package), treated
# group, Michaelis-Menten model, unweighted and with weights w = 1/conc^0.5; tol 1e-8
# (R stops with "step factor reduced below minFactor" at 1e-10: its RSS cannot resolve more).
# Run from the repository root:  Rscript tools/reference/nls_puromycin.R
# Writes mlem-core/src/test/resources/fixtures/r/nls_puromycin.csv (data) and
#        mlem-core/src/test/resources/fixtures/r/nls_puromycin_reference.csv (values).
out <- "mlem-core/src/test/resources/fixtures/r"
d <- subset(Puromycin, state == "treated", select = c(conc, rate))
d$w <- 1 / sqrt(d$conc)
write.csv(d, file.path(out, "nls_puromycin.csv"), row.names = FALSE)
rows <- list()
add <- function(case, fit) {
  s <- summary(fit)$coefficients
  for (p in rownames(s)) {
    rows[[length(rows) + 1]] <<- data.frame(case = case, name = p, value = s[p, "Estimate"])
    rows[[length(rows) + 1]] <<- data.frame(case = case, name = paste0("se_", p), value = s[p, "Std. Error"])
  }
  extra <- c(rss = deviance(fit), sigma = sigma(fit), logLik = as.numeric(logLik(fit)),
             AIC = AIC(fit), BIC = BIC(fit), df = df.residual(fit))
  for (k in names(extra)) rows[[length(rows) + 1]] <<- data.frame(case = case, name = k, value = extra[[k]])
}
ctl <- nls.control(tol = 1e-8, maxiter = 200, minFactor = 1e-10)
add("unweighted", nls(rate ~ Vm * conc / (K + conc), data = d, start = list(Vm = 200, K = 0.1), control = ctl))
add("weighted", nls(rate ~ Vm * conc / (K + conc), data = d, start = list(Vm = 200, K = 0.1),
                    weights = w, control = ctl))
write.csv(do.call(rbind, rows), file.path(out, "nls_puromycin_reference.csv"), row.names = FALSE)
