# The patient view's own texts (the page's components): headings, labels, tables, captions,
# the printed report's head. Keys and arguments must match de/patient.ftl; the tests check both.

ui-patient-explaining = Explaining this patient…
ui-patient-none = No patient selected.
ui-patient-cohort-follows = the cohort's observed survival follows once every patient is explained
ui-patient-no-outcomes = this file has no survival times or events, so nothing here says how its patients fared
ui-patient-no-observed = no observed survival in this file
ui-patient-report-head = survlens patient report · { $title } · { $explanation } · printed { $date }
ui-patient-new-heading = New patient (typed in, not part of the cohort)
ui-patient-heading = Patient { $id }
ui-patient-held-out = held out
ui-patient-held-out-title = The model did not train on this patient: its prediction and explanation are out of sample.
ui-patient-training = training patient
ui-patient-training-title = The model was fitted to this patient's outcome: its prediction is in sample and may look more certain than a new patient's would.
ui-patient-opened-held-out = Shown first: of the { $held-out } patients the model did not train on, the one with the highest risk. The list ranks all { $patients } patients by risk; choose any of them.
ui-patient-opened-first-look = Shown first: the cohort's first patient, explained on its own while the other patients were drawn and explained. The list ranks all { $patients } patients by risk; choose any of them.
ui-patient-opened-highest = Shown first: the highest-risk patient, the list's first row.
ui-patient-print = Print report
ui-patient-export = Relevance table (CSV)
ui-patient-export-title = All patients' relevances with the explanation on screen, one row per patient, as a CSV file
ui-patient-export-failed = The table could not be saved: { $reason }
ui-patient-whatif-banner = What-if scenario: the figures below use edited values, not the recorded ones.
ui-patient-whatif-label = What-if
ui-patient-risk-group = Risk group
ui-patient-percentile = Percentile in cohort
ui-patient-percentile-later = once the cohort is explained
ui-patient-risk-score = Risk score (log hazard ratio)
ui-patient-limits-heading = What the model does not know about this patient
ui-patient-limits-none = Nothing flagged: every marker is recorded, every value lies within the training range, and the entity had enough training patients.
ui-patient-missing =
    { $n ->
        [one] { $n } marker is missing for this patient; the model used typical training values for it.
       *[other] { $n } markers are missing for this patient; the model used typical training values for them.
    }
ui-patient-missing-which = Which markers
ui-patient-predicted-survival = Predicted survival
ui-patient-curve-caption-alone = This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of { $baseline }). No observed survival is drawn beside it: { $why }. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.
ui-patient-curve-caption = This patient's survival curve predicted by the model (its risk score applied to the Breslow baseline hazard of { $baseline }), against the Kaplan-Meier curve of the whole cohort with its 95% confidence band. The prediction is a point estimate: the model gives no interval for it. Grey lines mark 12 and 24 months and 50% survival.
ui-patient-curve-alt-alone = Survival curve predicted for patient { $id }; the table below lists it.
ui-patient-curve-alt = Survival curves: patient { $id } predicted against the cohort's Kaplan-Meier estimate; the table below lists them.
ui-patient-drivers-heading = What drives this patient's risk
ui-patient-waterfall-alt = Waterfall of the { $n } largest contributions to patient { $id }'s risk score, from { $start } to { $end }; the table below lists them.
ui-patient-disclaimer = Relevance says how the model used a marker for this patient, not that the marker causes the outcome.
ui-patient-modality-heading = Contributions by modality
ui-patient-waterfall-mean = the purple line is the cohort's mean risk.
ui-patient-waterfall-mean-later = the cohort's mean risk is drawn once every patient is explained.
ui-patient-waterfall-caption = Each bar is one marker's contribution to the risk score by layer-wise relevance propagation, from 0 (the baseline hazard) to this patient's log-risk, largest first; vermillion raises, blue lowers the risk. Each label gives the patient's value with its unit and the marker's modality; { $mean }
ui-patient-waterfall-caption-typical = Each bar is one marker's contribution by DeepLIFT-rescale, relative to a typical patient: the bars start at the typical patient's risk score { $typical } (the black line labelled "typical patient") and add up to this patient's risk score { $risk }, largest first; vermillion raises, blue lowers the risk. Each label gives the patient's value and the typical value with the marker's modality; { $mean }
ui-patient-waterfall-caption-whatif = { $caption } Black outlines show the contributions with the recorded values.
ui-patient-no-figures = The cohort's survival curve could not be estimated; survival figures are not shown.
ui-patient-figure-years = Predicted { $years }-year survival
ui-patient-figure-cohort = cohort { $value } ({ $level }% CI { $low }–{ $high })
ui-patient-figure-recorded = recorded values: { $value }
ui-patient-figure-median = Predicted median survival
ui-patient-figure-cohort-median = cohort { $value }
ui-patient-figures-note = Predicted from the risk score and the Breslow baseline hazard of { $baseline }; the cohort figures are Kaplan-Meier estimates over all patients.
ui-patient-figures-note-alone = Predicted from the risk score and the Breslow baseline hazard of { $baseline }; { $why }.
ui-patient-figures-beyond = {" "}The last event in the training patients was at { $months } months: later figures hold the hazard flat and are extrapolations.
ui-patient-curve-table = Survival by time since baseline
ui-patient-curve-months = Months
ui-patient-curve-predicted = Patient, predicted
ui-patient-curve-cohort = Cohort (Kaplan-Meier)
ui-patient-curve-ci = Cohort { $level }% CI
ui-patient-explanation-choice = Explanation on screen
ui-patient-top = Top { $n } contributions ({ $rule })
ui-patient-col-marker = Marker
ui-patient-col-modality = Modality
ui-patient-col-value = Value
ui-patient-col-range = Reference range
ui-patient-col-relevance = Relevance
ui-patient-col-change = Change
ui-patient-col-effect = Effect
ui-patient-col-markers = Markers
ui-patient-col-sum = Sum of relevance
ui-patient-col-bar = Bar
ui-patient-col-risk-score = Risk score
ui-patient-col-year-survival = { $years }-year survival
ui-patient-col-level = Level
ui-patient-col-range-bin = Range
ui-patient-col-patients = Patients
ui-patient-vary = vary
ui-patient-vary-title = Show this patient's risk as { $marker } varies
ui-patient-out-of-range = {" "}(outside reference range)
ui-patient-typical-value = ; typical { $value }
ui-patient-raises = raises risk
ui-patient-lowers = lowers risk
ui-patient-others =
    { $n ->
        [one] { $n } other marker
       *[other] { $n } other markers
    }
ui-patient-typical-row = Typical patient's risk score (where the bars start)
ui-patient-biases = Absorbed by network biases
ui-patient-total = Risk score (log-risk)
ui-patient-modality-caption = Sum of the contributions of each modality's markers; the sums add up to the markers' total in the accounting line.
ui-patient-along-heading = Along one marker
ui-patient-along-select = Marker varied for this patient
ui-patient-along-computing = Varying the marker…
ui-patient-along-failed = The profile could not be computed: { $reason }
ui-patient-along-own-missing = This patient has no { $marker } recorded: the model imputes it (the "missing" row of the table), so no value is marked.
ui-patient-along-own = The black line and dot mark this patient's own value, { $value }, where the risk score is the one the waterfall adds up to ({ $risk }).
ui-patient-along-caption = Patient { $id }'s risk score (top) and predicted 1- and 2-year survival (middle) as { $marker } varies over the cohort's observed range (its 5% quantiles), every other marker as recorded; grey bars beneath count the cohort's patients at each value ({ $missing } missing). { $own } The curve shows what the model does, not what would happen to the patient.
ui-patient-along-caption-levels = Patient { $id }'s risk score (top) and predicted 1- and 2-year survival (middle) as { $marker } varies over the cohort's observed range (each level), every other marker as recorded; grey bars beneath count the cohort's patients at each value ({ $missing } missing). { $own } The curve shows what the model does, not what would happen to the patient.
ui-patient-along-alt = Line chart of patient { $id }'s risk score and survival as { $marker } varies; the table below lists them.
ui-patient-along-table = Patient { $id } along { $marker }
ui-patient-along-this = {" "}(this patient)
ui-patient-along-distribution = The cohort's { $marker } ({ $missing } missing)

# The what-if form.
ui-whatif-heading = What if?
ui-whatif-reset = Reset
ui-whatif-reset-typed = Reset every marker to the typed values
ui-whatif-reset-recorded = Reset every marker to the recorded values
ui-whatif-help-typed = Change a value or a treatment of the new patient: risk, survival and contributions update at once. The typed values are kept for Reset.
ui-whatif-help = Change a value or a treatment of patient { $id }: risk, survival and contributions update at once. The recorded data are never changed.
ui-whatif-unavailable = What-if is unavailable: { $reason }
ui-whatif-fewer = Show fewer markers
ui-whatif-all = Show all { $n } markers
ui-whatif-hint-training = training { $low } to { $high }
ui-whatif-hint-reference = reference { $low } to { $high }
ui-whatif-missing = missing
ui-whatif-treatment = treatment
ui-whatif-was-typed = typed: { $value }
ui-whatif-was-recorded = recorded: { $value }

# How stable the explanation is.
ui-stability-heading = How stable
ui-stability-computing = Measuring how stable this explanation is…
ui-stability-failed = How stable this explanation is could not be measured: { $reason }
ui-patient-new-refused = This patient could not be explained: { $reason }

# The new-patient form.
ui-newpatient-open = New patient…
ui-newpatient-entry = Type in or paste a patient who is not in the cohort; it is explained against this cohort and nothing is stored or sent.
ui-newpatient-edit = Edit the typed values
ui-newpatient-back = Back to the cohort
ui-newpatient-typed-note = Typed in, not part of the cohort: it has no id, no place in the patient list and no observed outcome. Nothing is stored or sent.
ui-newpatient-listing = Listing the model's markers…
ui-newpatient-filled-header = Filled { $n } fields from the pasted row and its header.
ui-newpatient-filled-order = Filled the { $n } fields from the pasted row, in the template's column order.
ui-newpatient-filled-unknown = {" "}Columns the model does not use, ignored: { $columns }.
ui-newpatient-filled-absent = {" "}{ $n } markers not in the header are left missing.
ui-newpatient-heading = New patient
ui-newpatient-template = Download template
ui-newpatient-template-title = The header line of the model's markers as a CSV file, to fill in one row
ui-newpatient-template-failed = The template could not be saved: { $reason }
ui-newpatient-help = Type the patient's values ({ $n } markers; leave a field empty when the value is missing, as in the cohort's data) or paste one CSV row. The patient is explained against the cohort on screen; nothing is stored or sent.
ui-newpatient-paste = Paste one CSV row, with or without its header line
ui-newpatient-fill = Fill the form from the row
ui-newpatient-problems =
    { $n ->
        [one] { $n } value could not be read; it is kept as typed:
       *[other] { $n } values could not be read; they are kept as typed:
    }
ui-newpatient-explain = Explain
ui-newpatient-clear = Clear the form
ui-newpatient-not-level = { $value } (not a level)

# Side by side.
ui-compare-heading = Side by side
ui-compare-with = Compare with patient{" "}
ui-compare-with-id = Compare with patient (id)
ui-compare-stop = Stop comparing
ui-compare-models-hide = Hide the linear Cox model
ui-compare-models-show = Network beside the linear Cox model
ui-compare-computing = Comparing…
ui-compare-failed = The comparison could not be made: { $reason }
ui-compare-alt = Bar chart of { $left } and { $right } side by side, { $n } rows; the table below lists them.
ui-compare-csv = Download the table (CSV)
ui-compare-table = { $left } and { $right }, marker by marker ({ $explanation })
ui-compare-col-value = { $who } value
ui-compare-col-contribution = { $who } contribution
ui-compare-col-difference = Difference
ui-compare-sum = Sum of contributions
ui-compare-unattributed = Not attributed to any marker
ui-compare-reference = Reference: { $left } | { $right }
ui-compare-held-out-c = Harrell's C on the held-out patients

# Over time.
ui-overtime-heading = Over time
ui-overtime-hide = Hide the explanation over time
ui-overtime-show = Show how each marker moves survival over time
ui-overtime-computing = Explaining the predicted survival over time…
ui-overtime-failed = The explanation over time could not be computed: { $reason }
ui-overtime-none = No horizon to explain.
ui-overtime-caption = { $caption } Patient { $id }: predicted { $years }-year survival { $survival } against the reference patients' { $reference }, a difference of { $difference } percentage points.
ui-overtime-horizon = Horizon
ui-overtime-horizon-label = Horizon of the bars
ui-overtime-one-year = 1 year
ui-overtime-years = { $years } years
ui-overtime-alt = Bars of the { $n } markers that move patient { $id }'s predicted { $years }-year survival most, in percentage points, and curves of the top { $curves } over time; the tables below list them.
ui-overtime-table = Contributions to patient { $id }'s predicted { $years }-year survival (percentage points)
ui-overtime-col-contribution = Contribution
ui-overtime-col-reference = Reference patients
ui-overtime-rest = All other { $n } markers
ui-overtime-total = Total: predicted { $survival } minus the reference patients' { $reference }
ui-overtime-curves-label = Contributions of the top markers over time
ui-overtime-curves = Contributions of the top { $n } markers over time (percentage points)
ui-overtime-disclaimer = A contribution says how the model's predicted survival for this patient depends on the marker, compared with the reference patients; it is not the effect of changing the marker.

# Whose baseline hazard the survival figures rest on.
ui-patient-baseline-onnx = this cohort (the network file brings none)
ui-patient-baseline-file = the model's own training patients, stored in its file
ui-patient-baseline-default = the default model's training patients
ui-patient-baseline-trained = the training patients

## The new-patient form: the worker's hints and the reading's problems

vm-newpatient-reference-range = reference range { $low }–{ $high }
vm-newpatient-cohort-range = cohort { $low }–{ $high }
vm-newpatient-empty = empty = missing
vm-newpatient-column = Column { $number } ({ $header })
vm-newpatient-not-a-number = { $place }: "{ $text }" is not a number; type a number such as 3.5 or 3,5, or leave it empty for missing.
vm-newpatient-not-finite = { $place }: "{ $text }" is not a finite number the model can read.
vm-newpatient-unknown-level = { $place }: "{ $text }" is not one of its levels ({ $levels }); leave it empty for missing.
vm-newpatient-column-count = The pasted row has { $found } columns; without a header line it needs the template's { $expected } columns in its order (or paste the header line above it).
vm-newpatient-no-row = The pasted text holds no patient row.
vm-newpatient-several-rows = The pasted text holds { $rows } patient rows; paste one row (with or without its header line).
vm-newpatient-unreadable = The pasted text could not be read as CSV: { $problem }
vm-newpatient-outside = { $name }: { $value } lies outside the cohort's observed range { $low }–{ $high }; it is used, and the model extrapolates.
