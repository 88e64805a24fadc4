# Reads Canvass's native files back with haven and compares every cell with the CSV.
# usage: Rscript read_back.R CSV_DIR NATIVE_DIR BASE   (NATIVE_DIR holds BASE.sav and/or BASE.dta)
suppressMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
csv <- read.csv(file.path(args[1], paste0(args[3], ".csv")), colClasses = "character", check.names = FALSE,
                na.strings = character(0), encoding = "UTF-8")
# the plain CSV guards cells a spreadsheet would run as formulas with a leading apostrophe: undo it to compare
guarded <- function(v) {
  rest <- sub("^'", "", v)
  sign <- sub("^[ \u00a0\u3000\u200b-\u200f\u2060\ufeff]*", "", rest)
  startsWith(v, "'") & (grepl("^[\t\r]", rest) | (grepl("^[-=+@\uff1d\uff0b\uff0d\uff20]", sign) & !grepl("^[-+]?[0-9]+([.][0-9]+)?$", sign)))
}
for (c in seq_len(ncol(csv))) { g <- guarded(csv[[c]]); csv[[c]][g] <- sub("^'", "", csv[[c]][g]) }
problems <- character(0)
check <- function(tool, d, special, specials_missing = FALSE, csv = get("csv", envir = globalenv())) {
  if (nrow(d) != nrow(csv) || ncol(d) != ncol(csv)) {
    problems <<- c(problems, sprintf("%s: %d x %d, the CSV is %d x %d", tool, nrow(d), ncol(d), nrow(csv), ncol(csv)))
    return(invisible())
  }
  for (c in seq_len(ncol(csv))) {
    x <- d[[c]]
    want <- csv[[c]]
    got <- if (inherits(x, "POSIXct")) format(x, "%Y-%m-%dT%H:%M:%S", tz = "UTC")
           else if (inherits(x, "Date")) format(x, "%Y-%m-%d")
           else if (is.numeric(x)) special(x)
           else as.character(unclass(x))
    if (!specials_missing && is.double(unclass(x))) {
      tag <- na_tag(as.double(unclass(x)))  # Stata's .d/.r on numbers and dates alike
      got[!is.na(tag) & tag == "d"] <- "-98"; got[!is.na(tag) & tag == "r"] <- "-99"
    }
    for (r in seq_along(want)) {
      w <- want[r]; g <- got[r]
      ok <- if (w == "") is.na(g) || g == ""
            else if (specials_missing && w %in% c("-98", "-99")) is.na(g) || g == w  # text over 8 bytes: not declared
            else if (is.na(g)) FALSE
            else if (inherits(x, "POSIXct")) startsWith(w, g)
            else if (is.numeric(x) && !is.na(suppressWarnings(as.numeric(g))) && !is.na(suppressWarnings(as.numeric(w))))
              abs(as.numeric(g) - as.numeric(w)) <= 1e-9 * max(1, abs(as.numeric(w)))
            else g == w
      if (!ok) problems <<- c(problems, sprintf("%s: row %d, column %s: CSV has '%s', read '%s'", tool, r, names(csv)[c], w, g))
    }
  }
  cat(sprintf("haven %s: %d rows, %d columns\n", tool, nrow(d), ncol(d)))
}
sav <- file.path(args[2], paste0(args[3], ".sav"))
if (file.exists(sav)) {
  # as the R script reads it: dk/rf (user-missing) become NA; SPSS pads strings, so trailing spaces go
  d <- read_sav(sav)
  padded <- csv
  for (c in seq_len(ncol(csv))) if (!is.numeric(d[[c]])) padded[[c]] <- sub(" +$", "", csv[[c]])
  check("read_sav", d, function(x) as.character(unclass(x)), specials_missing = TRUE, csv = padded)
}
dta <- file.path(args[2], paste0(args[3], ".dta"))
if (file.exists(dta)) {
  d <- read_dta(dta)
  # Stata's .d and .r are tagged NA: back to the questionnaire's codes to compare
  check("read_dta", d, function(x) {
    tag <- na_tag(x); v <- as.character(unclass(zap_labels(x)))
    v[!is.na(tag) & tag == "d"] <- "-98"; v[!is.na(tag) & tag == "r"] <- "-99"; v
  })
}
if (length(problems) > 0) {
  cat(head(problems, 60), sep = "\n")
  cat(sprintf("%d differences\n", length(problems)))
  quit(status = 1)
}
cat("every cell equals the CSV\n")
