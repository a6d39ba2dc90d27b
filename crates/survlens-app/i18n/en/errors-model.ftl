# Errors of the model crate: training and statistics (ModelError), external validation
# (ExternalError) and survlens model files (BundleError). Each sentence equals the error's
# English text on the command line (the tests hold them equal).
