# Export small real data sets from R's datasets, MASS, mclust and mixtools as CSV fixtures for
# the real-data EM tests (org.mlem.realdata). Each file has a header row, numeric columns only,
# NA for a missing cell. write.csv writes 15 significant digits, which reproduces every value
# of these data sets (recorded to at most 8 significant digits). galaxies is divided by 1000 so its
# velocities are in 1000 km/s, as in Roeder (1990) and mclust's examples.
#
# Run from the repository root:  Rscript tools/reference/export_realdata.R
# (R 4.2.2; MASS 7.3, mclust 6.0, mixtools 2.0 from Debian bookworm). faithful, iris and
# airquality are already fixtures (fixtures/data/, written by sklearn_gmm.py and
# mvn_missing_em.py) and are not written again here.
suppressPackageStartupMessages({
  library(MASS)
  library(mclust)
  library(mixtools)
})
out <- file.path("mlem-core", "src", "test", "resources", "fixtures", "realdata")
dir.create(out, showWarnings = FALSE, recursive = TRUE)
put <- function(df, name) {
  path <- file.path(out, paste0(name, ".csv"))
  write.csv(df, path, row.names = FALSE, quote = FALSE, na = "NA")
  cat(sprintf("%-12s %4d x %d  %s\n", name, nrow(df), ncol(df), path))
}

# MASS::geyser: Old Faithful, 299 consecutive eruptions (Azzalini and Bowman, 1990).
put(data.frame(waiting = geyser$waiting, duration = geyser$duration), "geyser")
# MASS::galaxies: velocities of 82 galaxies (Roeder, 1990), in 1000 km/s.
put(data.frame(velocity = galaxies / 1000), "galaxies")
# mclust::diabetes: Reaven and Miller's 145 patients; glucose, insulin, sspg (class dropped).
data(diabetes, package = "mclust")
put(diabetes[, c("glucose", "insulin", "sspg")], "diabetes")
# MASS::crabs: five morphological measurements (mm) of 200 Leptograpsus crabs.
put(crabs[, c("FL", "RW", "CL", "CW", "BD")], "crabs")
# datasets::discoveries: yearly counts of great inventions, 1860-1959.
put(data.frame(year = as.integer(time(discoveries)), count = as.integer(discoveries)), "discoveries")
# datasets::Nile: annual flow of the Nile at Aswan, 1871-1970, in 1e8 m^3.
put(data.frame(year = as.integer(time(Nile)), flow = as.numeric(Nile)), "nile")
# mixtools::NOdata: nitrogen oxide emission (NO) against equivalence ratio, 88 engine runs
# (Hurn, Justel and Robert, 2003).
data(NOdata, package = "mixtools")
put(data.frame(no = NOdata$NO, equivalence = NOdata$Equivalence), "nodata")
# MASS::birthwt (189 births, Baystate Medical Center 1986) as a latent-class table of five
# binary items: low birth weight, smoking, hypertension, uterine irritability, any previous
# premature labour (ptl > 0).
put(data.frame(low = birthwt$low, smoke = birthwt$smoke, ht = birthwt$ht, ui = birthwt$ui,
               preterm = as.integer(birthwt$ptl > 0)), "birthwt_lca")
# The same births as a mixed-type table: birth weight in kg (normal), physician visits in the
# first trimester (Poisson), smoking (Bernoulli).
put(data.frame(bwt = birthwt$bwt / 1000, ftv = birthwt$ftv, smoke = birthwt$smoke), "birthwt_mixed")
