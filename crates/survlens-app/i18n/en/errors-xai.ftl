# Errors of the explainers (XaiError), of ONNX networks (OnnxError) and of the synthetic
# cohort generator (SynthError, TableProblem). Each sentence equals the error's English
# text on the command line (the tests hold them equal).
