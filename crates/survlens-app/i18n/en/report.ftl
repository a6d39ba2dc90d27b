# The Patient view's report as the worker builds it: the risk, the explanation, the
# survival figures, the what-if scenario and what the model does not know.

vm-value-missing = missing
vm-level-no = no
vm-level-yes = yes
vm-level-never = never
vm-level-former = former
vm-level-current = current
vm-level-none = none
vm-range = { $low } to { $high }

vm-modality-demographics = Demographics
vm-modality-vital-signs = Vital signs and examination
vm-modality-laboratory = Laboratory
vm-modality-clinical-records = Clinical records
vm-modality-treatment = Treatment
vm-modality-body-composition = CT body composition
vm-modality-mutations = Tumour mutations
vm-modality-cohort-data = Cohort data

vm-risk-group-low = lower third of risk scores
vm-risk-group-intermediate = middle third of risk scores
vm-risk-group-high = upper third of risk scores

vm-accounting = Marker contributions sum to { $sum } of the risk score { $risk }; { $biases } is absorbed by the network's biases.

vm-baseline-patients-onnx = this cohort (the network file brings none)
vm-baseline-patients-file = the model's own training patients, stored in its file
vm-baseline-patients-default = the default model's training patients
vm-baseline-patients-training = the training patients
vm-risk-groups-cohort-tertiles = Groups are a convenience: cut-offs { $lower } and { $upper } are the tertiles of this cohort's risk scores, as the network file brings none.
vm-risk-groups-training-tertiles = Groups are a convenience: cut-offs { $lower } and { $upper } are the tertiles of the risk scores of { $whose }, fixed before any held-out patient was seen.
vm-risk-note = { $groups } Model C-index on held-out patients: { $cindex } (Harrell).
vm-risk-note-first-look = { $groups } A first look: the cohort's first patient, explained as soon as the model was ready. Its place among the cohort's { $patients } patients, the cohort's survival curve and the model's held-out C-index follow once every patient is explained.
vm-risk-note-no-outcomes = { $groups } This file has no survival times or events, so the model's C-index cannot be computed on it.

vm-limit-missing = { $name } is missing; the model used its typical training value.
vm-limit-outside-training = { $name } = { $value } lies outside the training range { $range }; the model extrapolates.
vm-limit-unseen-level = { $name } = { $level } never occurred in training; the model cannot use it.
vm-limit-rare-entity =
    { $patients ->
        [one] Only { $patients } training patient had { $entity }; predictions for this entity rest on little data.
       *[other] Only { $patients } training patients had { $entity }; predictions for this entity rest on little data.
    }

vm-survival-below = below { $percent }
vm-survival-above = above { $percent }
vm-median-months = { $months } months
vm-median-not-reached = not reached (within { $months } months)

vm-step-marker = { $name } = { $value }
vm-step-marker-outside = { $name } = { $value } (outside reference range)
vm-step-marker-typical = { $name } = { $value } (typical { $typical })
vm-step-marker-outside-typical = { $name } = { $value } (outside reference range, typical { $typical })
vm-step-others =
    { $markers ->
        [one] { $markers } other marker
       *[other] { $markers } other markers
    }
vm-step-biases = absorbed by network biases
vm-waterfall-axis = log-risk, from 0 (the baseline hazard)
vm-waterfall-axis-typical = log-risk, from the typical patient's { $risk }

vm-explanation-study = From the baseline hazard (the study)
vm-explanation-typical-cohort = Relative to a typical patient of the cohort
vm-explanation-typical-entity = Relative to a typical patient of this entity
vm-typical-of-cohort = the cohort's { $patients } patients
vm-typical-of-entity = the { $patients } patients of { $entity }
vm-typical-of-this-entity = the { $patients } patients of this entity
vm-explanation-note-typical = Relative to a typical patient (DeepLIFT-rescale): the median of each numeric marker and the most common level of each other marker over { $whose }, risk score { $typical }. Marker contributions sum to { $sum }, this patient's risk score { $risk } minus the typical patient's; a marker at its typical value contributes nothing.
vm-explanation-note-study = From the baseline hazard (the study's LRP): each marker is measured from the lowest value of the training patients, and the bars start at log-risk 0. { $accounting }
vm-typical-needs-cohort = The explanation relative to a typical patient needs the whole cohort: it is offered once the cohort's { $patients } patients are explained.
vm-typical-failed = The typical patient could not be built ({ $why }), so the study's explanation is shown.

vm-scenario-edited = Edited: { $markers }. Risk score { $risk } (recorded { $was }, change { $change }).
vm-scenario-edited-survival = Edited: { $markers }. Risk score { $risk } (recorded { $was }, change { $change }); 1-year survival { $survival } (recorded { $survival-was }).
vm-scenario-typed = Changed after typing: { $markers }. Risk score { $risk } (as typed { $was }, change { $change }).
vm-scenario-typed-survival = Changed after typing: { $markers }. Risk score { $risk } (as typed { $was }, change { $change }); 1-year survival { $survival } (as typed { $survival-was }).

problem-new-patient-values = The new patient has { $values } values; the model has { $markers } markers.
problem-new-patient-explanation = The new patient's explanation does not have one value per marker.
