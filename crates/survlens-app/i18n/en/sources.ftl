# The bundled cohorts as the Data panel offers them: a short name and one sentence each.

source-teaching-label = Synthetic teaching cohort (planted truth)
source-pan-cancer-label = Synthetic pan-cancer cohort, default model
source-ncctg-lung-label = NCCTG advanced lung cancer
source-rotterdam-label = Rotterdam breast cancer
source-support-label = SUPPORT seriously ill adults
source-rotterdam-to-gbsg-label = Rotterdam model, validated on GBSG

source-teaching-description = 600 synthetic patients with known, planted marker effects: the teaching cohort. No real patient.
source-pan-cancer-description = 15,726 synthetic patients with 38 cancer entities and 349 markers, as in the study, explained by the page's default model (trained on this cohort; the C-index is its own held-out test half). No real patient. Explaining every patient takes a few seconds.
source-ncctg-lung-description = 228 patients with advanced lung cancer (North Central Cancer Treatment Group; R survival::lung); overall survival in days; ECOG and Karnofsky performance scores, weight loss, calories. Institution codes are left out.
source-rotterdam-description = 2,982 women with primary breast cancer (Rotterdam tumour bank; R survival::rotterdam); overall survival in months.
source-support-description = 9,105 seriously ill hospitalised adults (SUPPORT study; R Hmisc support2); survival in days; the disease group is the entity. The study's own predictions and outcome-adjacent columns are left out.
source-rotterdam-to-gbsg-description = Trained on Rotterdam (2,982 patients), then applied to the German Breast Cancer Study Group 2 trial (686 patients) with harmonised features; the endpoint of both is recurrence-free survival (relapse or death). Every GBSG patient is held out, so the C-index shown is external validation.

# The title of the cohort on screen.
title-synthetic =
    Synthetic { $preset ->
        [teaching] teaching
        [pan-cancer] pan-cancer
       *[other] { $preset }
    } cohort, { $patients } { $patients ->
        [one] patient
       *[other] patients
    }, seed { $seed }
title-named =
    { $name }, { $patients } { $patients ->
        [one] patient
       *[other] patients
    }
title-named-without-outcomes =
    { $name }, { $patients } { $patients ->
        [one] patient
       *[other] patients
    } without outcomes
title-fhir-files =
    FHIR export ({ $files } files), { $patients } { $patients ->
        [one] patient
       *[other] patients
    } without outcomes
title-explained-by-file = { $cohort }, explained by { $file }
title-validation = { $cohort }, explained by a model trained on { $development }

# Which network explains the cohort on screen, in one sentence.
origin-unrecorded = The network's origin is not recorded.
origin-trained = A network trained in this tab on { $patients } patients ({ $events } events); it can be saved as a survlens model file.
origin-default = The page's default model, trained on the synthetic pan-cancer cohort.
origin-file = The model file { $file }: { $description }. Its baseline hazard and risk-group cut-offs are those of its own training patients; every patient here is held out.
origin-file-model = deep Cox network { $inputs } -> { $widths } on { $markers ->
        [one] { $markers } marker
       *[other] { $markers } markers
    }, trained on { $patients ->
        [one] { $patients } patient
       *[other] { $patients } patients
    } ({ $events ->
        [one] { $events } event
       *[other] { $events } events
    })
origin-onnx = The ONNX network { $file } ({ $inputs } inputs).
origin-onnx-by = The ONNX network { $file } ({ $inputs } inputs, written by { $producer }).
origin-onnx-no-baseline = The file brings no baseline hazard and no risk groups: survival curves and the cut-offs of the thirds of risk scores are fitted on this cohort itself, and every patient counts as held out.
