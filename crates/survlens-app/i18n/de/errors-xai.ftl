# Fehler der Erklärverfahren (XaiError), der ONNX-Netze (OnnxError) und des Generators
# synthetischer Kohorten (SynthError, TableProblem).
