# Export R's built-in Old Faithful data set (datasets::faithful: eruptions, waiting; 272 rows)
# as CSV with a header row. Usage: Rscript export_faithful.R <output.csv>
# sklearn_gmm.py calls this and rewrites the result with round-trip float formatting.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export_faithful.R <output.csv>")
write.csv(faithful, args[1], row.names = FALSE)
