# Reference predictions for org.mlem.model.FittedGlm with data-dependent bases: R's
# predict.glm(newdata, se.fit = TRUE) of fits with orthogonal poly(), ns() and bs() terms, which code
# new rows with the fit's poly coefs and spline knots (makepredictcall). Writes
# mlem-core/src/test/resources/fixtures/r/glm/predict_bases_{gaussian,poisson}.csv: the new rows, then
# fit, se.fit (response scale), link, se.link. Run from the repository root:
#   Rscript tools/reference/glm_predict_bases.R
suppressPackageStartupMessages(library(splines))
out <- "mlem-core/src/test/resources/fixtures/r/glm"
both <- function(fit, newdata) {
  l <- predict(fit, newdata, type = "link", se.fit = TRUE)
  r <- predict(fit, newdata, type = "response", se.fit = TRUE)
  cbind(newdata, fit = r$fit, se.fit = r$se.fit, link = l$fit, se.link = l$se.fit)
}
w <- function(df, name) write.csv(as.data.frame(lapply(df, function(c) sprintf("%.17g", c))), file.path(out, name),
                                  row.names = FALSE, quote = FALSE)
mt <- read.csv(file.path(out, "mtcars.csv"))
# new rows inside the fitted ranges (wt 1.513..5.424, hp 52..335, disp 71.1..472), both ends included
nd <- data.frame(wt = c(1.513, 2.2, 3.1, 3.9, 4.7, 5.424), hp = c(52, 90, 140, 200, 260, 335),
                 disp = c(71.1, 120, 200, 300, 400, 472))
g <- glm(mpg ~ poly(wt, 2) + ns(hp, 3) + bs(disp, 4), gaussian, mt)
w(both(g, nd), "predict_bases_gaussian.csv")
p <- glm(carb ~ poly(wt, 3) + ns(hp, df = 2), poisson, mt)
w(both(p, nd[, c("wt", "hp")]), "predict_bases_poisson.csv")
