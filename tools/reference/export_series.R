# Exports the small real data sets of the restart tests (R's `datasets`) as CSV files with a header.
# Run from the repository root:  Rscript tools/reference/export_series.R
out <- "mlem-core/src/test/resources/fixtures/restarts"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
w <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
w(data.frame(count = as.integer(discoveries)), "discoveries.csv")      # great discoveries per year, 1860-1959
w(data.frame(log10lynx = log10(as.numeric(lynx))), "lynx_log10.csv")   # Canadian lynx trappings, 1821-1934, log10
w(data.frame(temp = as.numeric(nhtemp)), "nhtemp.csv")                 # New Haven mean temperature, 1912-1971
w(data.frame(level = as.numeric(LakeHuron)), "lakehuron.csv")          # Lake Huron level, 1875-1972
w(data.frame(flow = as.numeric(Nile)), "nile.csv")                     # Nile flow at Aswan, 1871-1970
w(data.frame(eruptions = faithful$eruptions, waiting = faithful$waiting), "faithful.csv")
