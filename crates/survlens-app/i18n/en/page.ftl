# The page's frame: header, navigation, footer, language switch, a stopped worker.
# Keys and arguments must match de/page.ftl; the tests check both.

page-tagline-oncology = Explaining survival predictions in oncology, marker by marker
page-tagline-general = Explaining survival predictions, marker by marker
page-privacy = Your data stays in this browser tab: nothing is uploaded, nothing is stored.
page-footer = survlens rebuilds the method of Keyl et al., Nature Cancer 2025: a deep Cox network predicts each patient's risk and layer-wise relevance propagation splits it into one contribution per marker.
page-synthetic-note = The cohort on screen is synthetic: no real patient is shown.

language-label = Language

nav-label = Views
nav-patient = Patient
nav-cohort = Cohort
nav-markers = Markers
nav-interactions = Interactions
nav-model = Model
nav-teaching = Teaching

fault-heading = The computation stopped
fault-restart = Restart: load the page again

# The patient picker.
patients-heading = Patients
patients-matches =
    { $matches } of { $total ->
        [one] { $total } patient
       *[other] { $total } patients
    }, highest risk first
patients-matches-paged = { $matches } of { $total } patients, highest risk first; the first { $shown } shown
patients-column-patient = Patient
patients-column-risk = Risk
patients-listing = Listing patients…
patients-not-found = No patient has the id { $id }.

# The worker's job: progress, cancel, failure.
job-cancel = Cancel
job-progress = job progress
job-epoch = Epoch { $epoch } of at most { $max } · training loss { $train } · validation loss { $validation } · validation C-index (Harrell) { $cindex }
job-cancelled = Training was cancelled. Nothing was changed.
job-open-default = Open the default cohort again
job-failed = The job failed: { $reason }
job-retry = Try again

# While the cohort is explained after its first patient.
ui-first-look-label = The cohort is being explained
ui-first-look-first = The first of the cohort's { $patients } patients is explained; the others are being drawn and explained.
ui-first-look-rest = The list of patients and the views of the whole cohort open when every patient is explained: the progress bar above shows how far it is.
ui-first-look-heading = { $view }: waiting for the cohort
ui-first-look-view = This view describes all { $patients } patients; it opens when every one of them is explained. Meanwhile the Patient view shows the cohort's first patient.

# A view that needs outcomes, for a file without them.
ui-no-outcomes-heading = { $view }: no outcomes in this file
ui-no-outcomes-model-note = This file has no survival times or events (patients without an outcome yet), so the model's held-out performance (C-index, Brier score, calibration) cannot be shown: the model predicts and explains its patients, but nothing here says how they fared.
ui-no-outcomes-other-views = The Patient, Markers and Interactions views explain every patient of this file; a file with survival times and events gives the figures this view needs.

## The patient search

patients-search-group = Search by id or { $group }
patients-search = Search by id
patients-example-group = e.g. { $id } or { $group }
patients-example = e.g. { $id }
