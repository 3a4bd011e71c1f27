# Reference predictions for org.mlem.model.FittedGlm: R's predict.glm(newdata, type = "link" and
# "response", se.fit = TRUE) for a logistic GLM (mtcars: am ~ wt + hp) and a Poisson GLM
# (warpbreaks: breaks ~ wool + tension), fit on the CSVs of tools/reference/glm.R. Writes
# mlem-core/src/test/resources/fixtures/r/glm/predict_{logistic,poisson}.csv: the new rows, then
# fit, se.fit (response scale), link, se.link. Run from the repository root:
#   Rscript tools/reference/glm_predict.R
out <- "mlem-core/src/test/resources/fixtures/r/glm"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
data <- "mlem-core/src/test/resources/fixtures/r/glm"
both <- function(fit, newdata) {
  l <- predict(fit, newdata, type = "link", se.fit = TRUE)
  r <- predict(fit, newdata, type = "response", se.fit = TRUE)
  cbind(newdata, fit = r$fit, se.fit = r$se.fit, link = l$fit, se.link = l$se.fit)
}
w <- function(df, name) write.csv(as.data.frame(lapply(df, function(c) if (is.numeric(c)) sprintf("%.17g", c) else c)), file.path(out, name), row.names = FALSE, quote = FALSE)

mt <- read.csv(file.path(data, "mtcars.csv"))
logit <- glm(am ~ wt + hp, family = binomial, data = mt)
w(both(logit, data.frame(wt = c(1.5, 2.62, 3.2, 4.5), hp = c(66, 110, 150, 230))), "predict_logistic.csv")

wb <- read.csv(file.path(data, "warpbreaks.csv"), stringsAsFactors = TRUE)
pois <- glm(breaks ~ wool + tension, family = poisson, data = wb)
nd <- expand.grid(wool = c("A", "B"), tension = c("L", "M", "H"), stringsAsFactors = FALSE)
w(both(pois, nd), "predict_poisson.csv")
