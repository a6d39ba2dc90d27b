# Errors of the cohort data (the data crate's DataError and ImportReport): a file that
# cannot be read, a column or value the cohort cannot hold, a preprocessing that does not
# fit. Each sentence equals the error's English text on the command line (the tests hold
# them equal).
