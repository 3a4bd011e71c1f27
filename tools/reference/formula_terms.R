# Reference model matrices for org.mlem.formula: R's model.matrix, model.response, model.weights
# and model.offset for the formula terms factor(), poly() (orthogonal and raw), ns(), bs(),
# offset(), cbind() responses, factor and yes/no responses, I(), log(), -1/+0 and '.', on data sets
# of R's datasets package. Writes each data set as CSV (factors as text) and one JSON per case
# under mlem-core/src/test/resources/fixtures/r/formula/. Run from the repository root:
#   Rscript tools/reference/formula_terms.R
suppressPackageStartupMessages({ library(splines); library(jsonlite) })
Sys.setlocale("LC_COLLATE", "C")  # factor levels in code-point order, as mlem sorts them
out <- "mlem-core/src/test/resources/fixtures/r/formula"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
csv <- function(df, name) write.csv(df, file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
asText <- function(df) { for (c in names(df)) if (is.factor(df[[c]])) df[[c]] <- as.character(df[[c]]); df }
asFactors <- function(df) { for (c in names(df)) if (is.character(df[[c]])) df[[c]] <- factor(df[[c]]); df }

mt <- mtcars; mt$am_yn <- ifelse(mt$am == 1, "yes", "no"); mt$vs_tf <- ifelse(mt$vs == 1, "TRUE", "FALSE")
data <- list(
  mtcars = mt,
  warpbreaks = asText(warpbreaks),
  esoph = asText(data.frame(agegp = as.character(esoph$agegp), alcgp = as.character(esoph$alcgp),
                            tobgp = as.character(esoph$tobgp), ncases = esoph$ncases, ncontrols = esoph$ncontrols)),
  toothgrowth = asText(ToothGrowth),
  trees = trees,
  swiss = swiss[, c("Fertility", "Agriculture", "Education", "Catholic")])
for (n in names(data)) csv(data[[n]], n)

case <- function(name, dataset, formula) {
  df <- asFactors(data[[dataset]])
  if (dataset == "mtcars") { df$am_yn <- as.character(df$am_yn); df$vs_tf <- as.character(df$vs_tf) }
  mf <- model.frame(as.formula(formula), df)
  mm <- model.matrix(terms(mf), mf)
  y <- model.response(mf)
  res <- list(name = name, data = dataset, formula = formula, columns = colnames(mm),
              matrix = lapply(seq_len(ncol(mm)), function(j) unname(mm[, j])))
  off <- model.offset(mf)
  if (!is.null(off)) res$offset <- off
  if (is.matrix(y)) {                      # cbind(successes, failures): glm's proportion and trials
    n <- rowSums(y); res$response <- ifelse(n == 0, 0, y[, 1] / n); res$weights <- n
  } else if (is.factor(y) || is.character(y)) {
    f <- factor(y); res$response <- as.numeric(f != levels(f)[1]); res$responseLevels <- levels(f)
  } else {
    res$response <- unname(y)
  }
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(out, paste0(name, ".json")))
}
case("mtcars_factor_poly_ns", "mtcars", "mpg ~ factor(cyl) + poly(wt, 2) + ns(hp, df = 3)")
case("mtcars_bs_log_I_noint", "mtcars", "mpg ~ bs(disp, df = 5) + log(hp) + I(wt^2) - 1")
case("mtcars_raw_offset", "mtcars", "am ~ poly(wt, 3, raw = TRUE) + factor(gear):wt + offset(log(hp))")
case("mtcars_poly_interaction", "mtcars", "mpg ~ poly(hp, 3) * factor(am) + sqrt(disp) + exp(drat/10)")
case("mtcars_yes_no", "mtcars", "am_yn ~ wt + ns(qsec, 2)")
case("mtcars_true_false", "mtcars", "vs_tf ~ factor(carb) + 0")
case("mtcars_factor_response", "mtcars", "factor(am) ~ hp")
case("warpbreaks_plus0", "warpbreaks", "breaks ~ wool * tension + 0")
case("warpbreaks_offsets", "warpbreaks", "breaks ~ tension + offset(log(breaks + 1)) + offset(sqrt(breaks)/2)")
case("esoph_cbind", "esoph", "cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp")
case("esoph_cbind_expr", "esoph", "cbind(ncases, ncontrols + 1) ~ agegp:tobgp")
case("toothgrowth_factor_dose", "toothgrowth", "len ~ supp * factor(dose)")
case("trees_splines", "trees", "log(Volume) ~ ns(Girth, df = 4) + bs(Height, df = 4)")
case("trees_poly_height", "trees", "Volume ~ poly(Girth, 3) * Height")
case("trees_ns_many", "trees", "Volume ~ ns(Girth, 8) + bs(Height, 6)")
case("swiss_dot", "swiss", "Fertility ~ .")
case("swiss_dot_minus", "swiss", "log(Fertility) ~ . - Catholic + poly(Catholic, 2)")
