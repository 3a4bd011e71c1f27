# Reference for select dist with censored rows (org.mlem.survival.CensoredFamilySelection):
# fitdistrplus::fitdistcens's own log-likelihood, AIC and BIC for six continuous families on its
# salinity (right- and interval-censored) and smokedfish (left-, right- and interval-censored) data,
# and the family each criterion picks.
#
# Run from the repository root:  Rscript tools/reference/censored_select.R
# Writes mlem-core/src/test/resources/fixtures/survival/censored_select.json (numbers by sprintf("%.17g")).
#
# fitdistcens is run with optim's reltol = 1e-15, as tools/reference/censored_dist.R runs it. Its
# aic and bic are -2 loglik + 2 k and -2 loglik + k log(n) with n the number of rows; the script
# stops if they are not. Its loglik is its optimiser's (1 - F(l) for a right-censored row, which
# loses digits far in the upper tail; censored_dist.R's Newton-polished values agree with it to
# better than 1e-9 relative on these two sets), so the Java test holds 1e-6 relative, the tier of
# agreement with an external optimiser.
suppressMessages(library(fitdistrplus))

out <- "mlem-core/src/test/resources/fixtures/survival/censored_select.json"
num <- function(v) sprintf("%.17g", v)
jvec <- function(v) paste0("[", paste(ifelse(is.na(v), "null", num(v)), collapse = ", "), "]")

pname <- c(normal = "norm", lognormal = "lnorm", exponential = "exp", gamma = "gamma",
           weibull = "weibull", logistic = "logis")
data(salinity); data(smokedfish)
sets <- list(salinity = salinity, smokedfish = smokedfish)
entries <- c()
for (ds in names(sets)) {
  data <- sets[[ds]]
  rows <- c()
  bics <- c(); aics <- c()
  for (family in names(pname)) {
    f <- suppressWarnings(fitdistcens(data, pname[[family]], control = list(reltol = 1e-15, maxit = 20000)))
    k <- length(f$estimate)
    n <- nrow(data)
    if (abs(f$aic - (-2 * f$loglik + 2 * k)) > 1e-9 * abs(f$aic)) stop("aic is not -2 loglik + 2k")
    if (abs(f$bic - (-2 * f$loglik + k * log(n))) > 1e-9 * abs(f$bic)) stop("bic is not -2 loglik + k log(n)")
    bics[family] <- f$bic; aics[family] <- f$aic
    rows <- c(rows, sprintf("    {\"family\": \"%s\", \"loglik\": %s, \"aic\": %s, \"bic\": %s, \"nParameters\": %d}",
                            family, num(f$loglik), num(f$aic), num(f$bic), k))
    cat(sprintf("%-10s %-12s loglik=%.12g aic=%.12g bic=%.12g\n", ds, family, f$loglik, f$aic, f$bic))
  }
  entries <- c(entries, paste0(
    "  {\"dataset\": \"", ds, "\", \"n\": ", nrow(data), ",\n",
    "   \"bestByBic\": \"", names(which.min(bics)), "\", \"bestByAic\": \"", names(which.min(aics)), "\",\n",
    "   \"left\": ", jvec(data$left), ",\n   \"right\": ", jvec(data$right), ",\n",
    "   \"families\": [\n", paste(rows, collapse = ",\n"), "]}"))
}
writeLines(c("[", paste(entries, collapse = ",\n"), "]"), out)
cat("wrote", out, "\n")
