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
