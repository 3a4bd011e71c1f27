# Reference fits for org.mlem.survival.SurvivalRegression: survival::survreg on lung and ovarian,
# AER::tobit on Affairs, and the data as CSV.
#
# Run from the repository root:  Rscript tools/reference/survreg.R
# Writes mlem-core/src/test/resources/fixtures/survival/{lung,ovarian,affairs}.csv (write.csv, NA for a
# missing cell) and survreg.json (numbers by sprintf("%.17g")); also examples/lung.csv and
# examples/salinity.csv for the command-line examples.
#
# survreg is Newton-Raphson with analytic derivatives; run with rel.tolerance = 1e-13 its estimates
# are converged far beyond the tests' 1e-6, and its standard errors (the inverse of the analytic
# information in (coefficients, log(scale))) are exact at the estimate.
suppressMessages({ library(survival); library(AER); library(fitdistrplus) })

dir <- "mlem-core/src/test/resources/fixtures/survival"
num <- function(v) sprintf("%.17g", v)
jmap <- function(names, v) paste0("{", paste(sprintf("\"%s\": %s", names, num(v)), collapse = ", "), "}")
put <- function(df, path) write.csv(df, path, row.names = FALSE, quote = FALSE, na = "NA")

lung2 <- survival::lung
ovarian2 <- survival::ovarian
data("Affairs", package = "AER")
affairs <- Affairs[, c("affairs", "gender", "age", "yearsmarried", "children", "religiousness", "education",
                       "occupation", "rating")]
put(lung2, file.path(dir, "lung.csv"))
put(ovarian2, file.path(dir, "ovarian.csv"))
put(affairs, file.path(dir, "affairs.csv"))
put(lung2[, c("time", "status", "age", "sex")], "examples/lung.csv")
data(salinity)
put(salinity, "examples/salinity.csv")

entries <- list()
add <- function(dataset, formula, dist, fit, extra = "") {
  v <- vcov(fit)
  se <- sqrt(diag(v))
  cat(sprintf("%-8s %-12s %-45s loglik=%.12g scale=%.10g iter=%d\n", dataset, dist, formula,
              fit$loglik[2], fit$scale, fit$iter))
  entries[[length(entries) + 1]] <<- paste0(
    "  {\"dataset\": \"", dataset, "\", \"formula\": \"", formula, "\", \"dist\": \"", dist, "\"", extra, ",\n",
    "   \"coefficients\": ", jmap(names(coef(fit)), coef(fit)), ",\n",
    "   \"se\": ", jmap(colnames(v), se), ",\n",
    "   \"scale\": ", num(fit$scale), ", \"loglik\": ", num(fit$loglik[2]), ", \"n\": ", nrow(fit$y), "}")
}
ctl <- survreg.control(rel.tolerance = 1e-13, iter.max = 200)
for (d in c("weibull", "exponential", "lognormal", "loglogistic", "gaussian", "logistic", "extreme")) {
  if (!(d %in% c("gaussian", "logistic", "extreme"))) {
    add("lung", "Surv(time, status) ~ age + sex", d,
        survreg(Surv(time, status) ~ age + sex, data = lung2, dist = d, control = ctl))
    add("ovarian", "Surv(futime, fustat) ~ ecog.ps + rx + age", d,
        survreg(Surv(futime, fustat) ~ ecog.ps + rx + age, data = ovarian2, dist = d, control = ctl))
  } else {
    add("lung", "Surv(time, status) ~ age + sex", d,
        survreg(Surv(time, status) ~ age + sex, data = lung2, dist = d, control = ctl))
  }
}
# left censoring: Surv(time, event, type = "left")
add("ovarian", "Surv(futime, fustat, type = \\\"left\\\") ~ age", "weibull",
    survreg(Surv(futime, fustat, type = "left") ~ age, data = ovarian2, dist = "weibull", control = ctl))
# AER's tobit examples
f <- affairs ~ age + yearsmarried + religiousness + occupation + rating
add("affairs", "affairs ~ age + yearsmarried + religiousness + occupation + rating", "gaussian",
    tobit(f, data = affairs, control = ctl), ", \"left\": 0, \"right\": null")
add("affairs", "affairs ~ age + yearsmarried + religiousness + occupation + rating", "gaussian",
    tobit(f, right = 4, data = affairs, control = ctl), ", \"left\": 0, \"right\": 4")
add("affairs", "affairs ~ age + yearsmarried + religiousness + occupation + rating", "logistic",
    tobit(f, data = affairs, dist = "logistic", control = ctl), ", \"left\": 0, \"right\": null")

writeLines(c("[", paste(unlist(entries), collapse = ",\n"), "]"), file.path(dir, "survreg.json"))
cat("wrote", file.path(dir, "survreg.json"), "\n")
