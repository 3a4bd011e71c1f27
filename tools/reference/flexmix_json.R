# JSON writing shared by the flexmix reference scripts (regmix_flexmix.R, concomitant_flexmix.R):
# numbers with %.17g so no digit is lost; named lists and vectors as objects, others as arrays,
# a matrix as an array of its rows.
num <- function(v) sprintf("%.17g", v)
to_json <- function(v) {
  if (is.list(v)) {
    if (!is.null(names(v))) {
      return(paste0("{", paste0("\"", names(v), "\": ", vapply(v, to_json, ""), collapse = ", "), "}"))
    }
    return(paste0("[", paste(vapply(v, to_json, ""), collapse = ", "), "]"))
  }
  if (is.character(v) && length(v) == 1 && is.null(names(v))) return(paste0("\"", v, "\""))
  if (is.character(v)) return(paste0("[", paste0("\"", v, "\"", collapse = ", "), "]"))
  if (is.logical(v)) return(tolower(as.character(v)))
  if (is.matrix(v)) return(to_json(lapply(seq_len(nrow(v)), function(i) unname(v[i, ]))))
  if (length(v) == 1 && is.null(names(v))) return(num(v))
  if (!is.null(names(v))) return(to_json(as.list(v)))
  paste0("[", paste(num(v), collapse = ", "), "]")
}
