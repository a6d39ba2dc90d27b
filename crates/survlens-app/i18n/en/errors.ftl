# Errors of the page's own jobs and sources, as a failed job or an unavailable figure
# states them: a stored model that cannot be read, a FHIR export that cannot become a
# cohort, a computation that failed. Each sentence equals the error's English text on the
# command line (the tests hold them equal). $reason is another error's sentence.

error-compute-synth = synthetic cohort: { $reason }
error-compute-data = cohort data: { $reason }
error-compute-model = model: { $reason }
error-compute-xai = explanation: { $reason }
error-compute-stopped = training was stopped before it finished
error-inconsistent-result = inconsistent result: { $reason }
error-browser-storage = { $reason }
error-cohort-shape = inconsistent cohort: { $reason }
error-cohort-statistic = { $what }: { $reason }

# A job that failed (PipelineError) and a stored model that cannot explain the cohort
# (ModelFileProblem; the page shows it below the model file's name).
error-pipeline-compute = { $reason }
error-pipeline-import = { $reason }
error-pipeline-model-file = model file { $file }: { $problem }
error-pipeline-fhir = { $reason }
error-pipeline-finished = the job has already finished
error-model-file-default = { $reason }
error-model-file-bundle = { $reason }
error-model-file-onnx = { $reason }
error-model-file-onnx-input = { $reason }
error-model-file-none-chosen = no stored model was chosen
error-model-file-external-validation = external validation trains its own model; choose a cohort instead
error-model-file-missing-markers = the cohort lacks { $count } of the model's markers: { $first }
error-model-file-time-unit = the model's time unit "{ $found }" is not one of days, weeks, months or years
error-model-file-preprocessing = the cohort does not fit the model's preprocessing: { $reason }
error-model-file-no-baseline = an ONNX network brings no baseline hazard, and this file has no survival times or events to fit one on: choose a file with outcomes, or a survlens model file, which brings its own

# Two explanations side by side (ContrastError) and the markers view (MarkersViewError).
error-contrast-no-patient = patient { $index } is not among the cohort's { $patients } patients
error-contrast-no-linear-model = no linear Cox model stands beside this network (a model file without one, or a network read from ONNX, on a new cohort; or a cohort it could not be fitted on)
error-contrast-compute = { $reason }
error-markers-xai = cohort importance: { $reason }
error-markers-unknown-marker = marker { $marker } does not exist; the cohort has { $n_markers } markers

# Saving the network as a model file (ExportError). $origin is the sentence on where the
# network came from (origin-* in sources.ftl); error-export-origin-onnx joins an ONNX
# network's sentence and its note on the baseline hazard.
error-export-not-trained = only a network trained in this tab can be saved; this one is: { $origin }
error-export-origin-onnx = { $network } { $note }
error-export-bundle = the model file could not be made: { $reason }
error-export-model = the model file could not be made: { $reason }

# An explained cohort whose parts do not fit together (ShapeError).
error-shape-length = { $field } has { $found } entries where { $expected } are needed
error-shape-entity = entity index { $index } is beyond the { $entities } entities

# The default model and its file (DefaultModelError, ProvenanceProblem).
error-default-model-marker-mismatch = the model does not fit the synthetic cohort: the model has { $model } markers, the { $preset } cohort { $cohort } markers and the entity
error-default-model-bundle = { $reason }
error-default-model-provenance = default model file: the "synthetic" member is missing or invalid: { $reason }
error-default-model-no-truth = the session has no planted truth to measure the explanation against
error-default-model-cancelled = training was cancelled
error-provenance-missing = there is no such member
error-provenance-json = at line { $line }, column { $column }: { $description }
error-provenance-not-an-object = the model file does not end with '{ "}" }'

# A cohort as the inputs of an ONNX network (OnnxInputError).
error-onnx-input-input-count = the network takes { $inputs } inputs, but the cohort has { $columns } marker columns ({ $names }); an ONNX network has no preprocessing, so the marker columns must be its inputs, in order
error-onnx-input-not-numeric = column "{ $column }" is categorical; an ONNX network reads numbers only (mark the column numeric when mapping the file)
error-onnx-input-missing = column "{ $column }" has { $count } missing value(s), the first for patient { $patient }; an ONNX network has no preprocessing to impute them
error-onnx-input-encoder = the inputs could not be prepared: { $reason }
error-onnx-input-encoder-form = the inputs could not be prepared: { $description }

# A FHIR export that cannot become the job's cohort (FhirImportError) and the index date
# typed beside it (IndexDateError). error-fhir-read's $reason is the FHIR reader's own
# account of the problems it met.
error-fhir-index-date = { $reason }
error-fhir-needs-stored-model = a FHIR export holds no survival times or events, so the network cannot be trained on it: explain it with a stored model (the page's default model or a model file)
error-fhir-read = { $reason }
error-index-date-not-a-date = "{ $text }" is not a date: write it as YYYY-MM-DD (for example 2024-03-01), or leave it empty for each marker's latest value
error-cohort-what-reverse-km = reverse Kaplan-Meier of the cohort
error-cohort-what-km = Kaplan-Meier of the cohort
error-cohort-what-risk-groups = risk { $grouping } of the training patients
error-cohort-what-assignment = risk groups of the patients
error-cohort-what-group-km = Kaplan-Meier of { $group }
error-cohort-what-logrank = log-rank test across the groups
error-cohort-what-c-index = Harrell's C of { $of }
error-size-fixed = the size of the { $cohort } is fixed
error-size-out-of-range = { $patients } patients is outside the page's range: choose between { $low } and { $high }
error-size-not-a-number = "{ $text }" is not a number of patients: type a whole number between { $low } and { $high }
