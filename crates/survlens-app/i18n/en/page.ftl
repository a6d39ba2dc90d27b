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
