# The Cohort view: the words the worker builds (vm-cohort-) and those the page's own
# components write (ui-cohort-). Numbers arrive already written in the page's language.

## What a cohort's event is (core::cohort_kind::Endpoint)

vm-cohort-events-death = deaths
vm-cohort-events-other = events
vm-cohort-events-heading-death = Deaths
vm-cohort-events-heading-other = Events
vm-cohort-survival-death = overall survival
vm-cohort-survival-relapse = recurrence-free survival
vm-cohort-survival-event = survival
vm-cohort-describe-death = death (overall survival)
vm-cohort-describe-relapse = relapse or death, whichever comes first (recurrence-free survival)
vm-cohort-describe-event = as recorded in the file's event column
vm-cohort-group-cancer-entity = Cancer entity
vm-cohort-groups-cancer-entity = Cancer entities
vm-cohort-group-none = Group
vm-cohort-groups-none = Groups

## The worker's choices, sentences and rows

vm-cohort-grouping-tertiles = tertiles
vm-cohort-grouping-quartiles = quartiles
vm-cohort-population-held-out = held-out patients
vm-cohort-population-all = all patients
vm-cohort-score-uicc = UICC stage
vm-cohort-score-ecog = ECOG performance status
vm-cohort-score-charlson = Charlson comorbidity index
vm-cohort-held-out-all = On all { $patients } patients ({ $events } { $word }): none of them was used to fit the network, which was trained elsewhere and applied to this cohort. The patient view quotes the same C, { $c }.
vm-cohort-held-out-fold = On the { $patients } held-out patients ({ $events } { $word }): the validation and test halves of the held-out fold, never used to fit the network's weights (the validation half chose when training stopped). On the test half alone the model's C is { $c }, the figure the patient view quotes.
vm-cohort-sampling-note = Intervals of rows with more than { $cap } patients: bootstrap of { $cap } of them (every k-th), rescaled to the row's size (m-out-of-n bootstrap).

## The page: the cohort at a glance

ui-cohort-heading = Cohort overview
ui-cohort-summarising = Summarising the cohort…
ui-cohort-failed = This part of the overview could not be computed: { $reason }.
ui-cohort-months = { $months } months
ui-cohort-not-reached = not reached
ui-cohort-patients = Patients
ui-cohort-events-rate = { $events } (event rate)
ui-cohort-event = Event
ui-cohort-median-follow-up = Median follow-up
ui-cohort-median-survival = Median { $survival }
ui-cohort-summary-method = Follow-up by the reverse Kaplan-Meier method (censoring counted as the event); survival by Kaplan-Meier. A month is 30.44 days.
ui-cohort-entity-caption = Patients and { $events } per { $group }
ui-cohort-entity-caption-no-outcomes = Patients per { $group }
ui-cohort-event-rate = Event rate
ui-cohort-missing-caption = Missing values by modality: share of the modality's cells (patients × markers)
ui-cohort-modality = Modality
ui-cohort-markers = Markers
ui-cohort-missing = Missing
ui-cohort-bar = Bar
ui-cohort-no-outcomes-heading = Events, follow-up, survival
ui-cohort-no-outcomes-value = not in this file (no survival times or events)

## Survival by risk group

ui-cohort-km-heading = Survival by model risk group
ui-cohort-grouping = Risk groups
ui-cohort-grouping-aria = Risk groups: tertiles or quartiles of the training risk scores
ui-cohort-population = Patients
ui-cohort-population-aria = Patients shown in the curves
ui-cohort-estimating = Estimating the survival curves…
ui-cohort-counting = Counting the patients per risk group…
ui-cohort-counts-caption = Patients per model risk group (cut-offs { $lo } and { $hi }, log hazard ratio, from the model's own training patients)
ui-cohort-group = Group
ui-cohort-km-caption = Kaplan-Meier { $survival } of the { $patients } { $population } in { $groups } risk groups, with 95% confidence bands (Greenwood, log-log) and tick marks where patients were censored. Numbers at risk under the time axis.
ui-cohort-km-population-held-out = held-out patients
ui-cohort-km-population-all = all patients
ui-cohort-km-alt = Kaplan-Meier curves of { $groups } risk groups; the tables below list their patients, medians, survival at landmarks and numbers at risk.
ui-cohort-range-below = ≤ { $hi }
ui-cohort-range-between = { $lo } to { $hi }
ui-cohort-range-above = > { $lo }
ui-cohort-range-all = all
ui-cohort-cut-offs-stored-tertiles = Cut-offs are the tertiles of the model's own training patients' risk scores (log hazard ratio), which came with the model: { $cut_offs }. The same cut-offs apply to every patient. Groups are a convenience: the risk score itself is continuous.
ui-cohort-cut-offs-stored = Cut-offs are the { $grouping } of all { $patients } patients' risk scores (log hazard ratio; the model came without its training patients): { $cut_offs }. Groups are a convenience: the risk score itself is continuous.
ui-cohort-cut-offs-trained = Cut-offs are the { $grouping } of the { $patients } training patients' risk scores (log hazard ratio): { $cut_offs }. The same cut-offs apply to every patient. Groups are a convenience: the risk score itself is continuous.
ui-cohort-all-optimistic = All patients includes the training patients, whose separation is optimistic: the model was fitted to them.
ui-cohort-at-risk-caption = Numbers at risk and Kaplan-Meier survival (95% CI) at each time
ui-cohort-month-short = { $months } mo
ui-cohort-at-risk-row = { $group }: at risk
ui-cohort-survival-row = { $group }: survival
ui-cohort-groups-caption = Risk groups: patients, { $events } and survival (Kaplan-Meier, 95% CI)
ui-cohort-score-range = Risk score range
ui-cohort-median-survival-head = Median survival
ui-cohort-landmark-survival = { $months }-month survival
ui-cohort-logrank = Log-rank test of equal survival across the { $groups } groups: χ² = { $chi } on { $df } degrees of freedom, p { $p }.
ui-cohort-logrank-none = Log-rank test: needs patients in at least two groups.

## Harrell's C

ui-cohort-c-heading = How well the model ranks patients: Harrell's C-index
ui-cohort-c-computing = Computing the C-indices and their bootstrap intervals…
ui-cohort-c-method = Harrell's C: the share of comparable patient pairs the score orders correctly (tied scores count one half; 0.5 is chance). 95% percentile bootstrap intervals from { $replicates } resamples of the patients (seed { $seed }); the model and a score are resampled together, so their difference has its own interval.
ui-cohort-c-caption = Model C-index, overall and per { $group }
ui-cohort-c-index-ci = C-index (95% CI)
ui-cohort-score-caption = The model against the conventional scores, on the same patients (the study's comparison)
ui-cohort-score = Score
ui-cohort-score-c = Score C (95% CI)
ui-cohort-model-c = Model C (95% CI)
ui-cohort-model-minus-score = Model − score (95% CI)
ui-cohort-score-missing = { $patients } ({ $missing } missing)
ui-cohort-no-scores = This cohort records none of UICC stage, ECOG performance status or the Charlson comorbidity index.
ui-cohort-rule = Per-group rows only where the held-out patients number at least 10 with more than 5 { $events }, as in the study.
ui-cohort-not-shown = Not shown: { $rows }.
ui-cohort-excluded = { $name } ({ $patients } patients, { $events } { $word })
vm-cohort-not-computable = not computable
vm-cohort-logrank-measured = How often this test misleads, measured: on { $null } synthetic cohorts of { $patients } patients whose outcomes were shuffled, so that no difference exists, it declared one (p < { $level }) on { $false } ({ $share }%, where { $expected }% is expected by chance); on the same cohorts with their planted effects it declared one on { $true } of { $planted } ({ $command }, { $date }).

## The Kaplan-Meier chart

ui-cohort-km-no-patients = No patients in any group.
ui-cohort-km-y = overall survival
ui-cohort-km-x = months since start of therapy
ui-cohort-km-legend = { $group } (n = { $n })
ui-cohort-km-at-risk = Number at risk

## A cohort without outcomes

vm-outcome-note = This file has no survival times or events (patients without an outcome yet), so { $needs } cannot be shown: the model predicts and explains its patients, but nothing here says how they fared.
vm-outcome-needs-survival = survival by risk group
vm-outcome-needs-c-index = the model's C-index
