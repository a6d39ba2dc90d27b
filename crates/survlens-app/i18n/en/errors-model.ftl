# Errors of the model crate: training and statistics (ModelError), external validation
# (ExternalError) and survlens model files (BundleError). Each sentence equals the error's
# English text on the command line (the tests hold them equal).
# $context, $what, $setting, $valid, $needs, $counted, $reason (of model-not-converged)
# and $stage are fixed phrases (model-phrase-*); $index and $patient read "none" when
# absent; $reason, $source, $refusal, $shape and $step are other sentences.

## ModelError

model-length = { $context }: { $found } { $what } values where { $expected } are needed
model-row-out-of-range = { $context }: row { $row } asked for, but there are { $rows } patients
model-shape = { $context }: { $shape }
model-non-finite = { $context }: { $what }{ $index ->
        [none] {""}
       *[other] {" "}{ $index }
    }{ $patient ->
        [none] {""}
       *[other] {" of patient "}{ $patient }
    } is { $value }
model-invalid-setting = { $context }: { $setting } must be { $valid }, is { $value }
model-invalid-value = { $context }: the { $what } of patient { $patient } must be { $valid }, is { $value }
model-insufficient-data = { $context } needs { $needs } ({ $counted }: { $has })
model-censoring-exhausted = { $context }: the censoring survival is zero at time { $time } (patient { $patient }); lower the truncation time
model-beyond-follow-up = { $context }: time { $time } lies beyond the last training time { $last }, where the censoring distribution is undefined
model-outside-follow-up = { $context }: time { $time } lies outside the test follow-up, from { $first } to before { $last }
model-constant-covariate = { $context }: covariate { $covariate } has the same value ({ $value }) for every patient
model-singular = { $context }: the information matrix is singular (log partial likelihood { $log_likelihood }); are some covariates collinear?
model-not-converged = { $context }: no convergence after { $iterations } iterations (log partial likelihood { $log_likelihood }): { $reason }
model-not-nested = likelihood-ratio test: { $reason }
model-chi-square = { $context }: no chi-square distribution with { $df } degrees of freedom
model-not-finished = { $context }: training has not finished
model-cancelled = { $context }: training was cancelled
model-in = { $step }: { $source }

## The step a problem happened in

model-step-fold = fold { $fold }, { $stage }
model-step-candidate = automatic recipe, candidate { $index }
model-step-epoch = training diverged in epoch { $epoch } (stage { $stage })

## Shapes that do not fit ($needed reads "none" when it cannot be stored)

model-shape-empty-layer = a dense layer needs at least one input and one output, has { $inputs } -> { $outputs }
model-shape-weights = a { $inputs } -> { $outputs } layer needs { $needed ->
        [none] more weights than can be stored
       *[other] { $needed } weights
    }, has { $found }
model-shape-no-inputs = the network needs at least one input
model-shape-zero-width = hidden layer { $layer } has width 0
model-shape-no-layers = a network needs at least one layer
model-shape-output = the last layer must have one output (the log-risk), has { $outputs }
model-shape-chain = layer { $layer } has { $outputs } outputs but layer { $next } has { $inputs } inputs
model-shape-inputs = the network takes { $network } inputs, the data has { $data } features
model-shape-differ = the networks differ in shape
model-shape-not-awaited = it belongs to no share of the training batch in flight
model-shape-unknown-member = setting { $setting } of { $settings } on fold { $fold } of { $folds } is not one of the recipe's members
model-shape-network-not-awaited = no other worker was training this network
model-shape-missing = there is no network
model-shape-no-covariates = there is no covariate
model-shape-blend = an additive part of { $additive_inputs } inputs and { $additive_layers } layers cannot be blended into a network of { $network_inputs } inputs and { $network_layers } layers

## Fits of a likelihood-ratio test that are not nested ($offset: which model has one)

model-nesting-patients = the full model has { $full } patients, the reduced one { $reduced }; nested models are fitted to the same data
model-nesting-events = the full model has { $full } events, the reduced one { $reduced }; nested models are fitted to the same data
model-nesting-strata = the full model has { $full } strata, the reduced one { $reduced }; nested models are fitted to the same data
model-nesting-offset = { $offset ->
        [full] the full model has an offset, the reduced one none
       *[reduced] the reduced model has an offset, the full one none
    }; nested models are fitted to the same data
model-nesting-settings = the fits differ in tie handling or penalty; nested models share them
model-nesting-covariates = the reduced model has { $reduced } covariates, the full one { $full }; the reduced model must have fewer

## Fixed phrases: computations, quantities, settings, valid ranges, what a computation
## needs, what is counted, reasons, steps, files

# Computations ($context)
model-phrase-antolini-c = Antolini's C
model-phrase-breslow-baseline = Breslow baseline
model-phrase-brier-score = Brier score
model-phrase-cox-log-risk = Cox log-risk
model-phrase-cox-loss = Cox loss
model-phrase-cox-partial-likelihood = Cox partial likelihood
model-phrase-cox-regression = Cox regression
model-phrase-cox-regression-at-estimate = Cox regression, at the estimate
model-phrase-harrell-c = Harrell's C
model-phrase-harrell-c-of-resample = Harrell's C of a resample
model-phrase-kaplan-meier = Kaplan-Meier
model-phrase-uno-c = Uno's C
model-phrase-kaplan-meier-of-cohort = a Kaplan-Meier estimate of the cohort
model-phrase-architecture = architecture
model-phrase-automatic-recipe = automatic recipe
model-phrase-automatic-recipe-baseline = automatic recipe, baseline
model-phrase-automatic-recipe-member = automatic recipe's member
model-phrase-averaging-networks = averaging networks
model-phrase-backward-pass = backward pass
model-phrase-baseline = baseline
model-phrase-baseline-cox-model = baseline Cox model
model-phrase-baseline-out-of-fold = baseline out of fold
model-phrase-blend = blend
model-phrase-bootstrap = bootstrap
model-phrase-bootstrap-concordance = bootstrap concordance
model-phrase-calibration = calibration
model-phrase-censoring-distribution = censoring distribution
model-phrase-concordance = concordance
model-phrase-copying-parameters = copying parameters
model-phrase-cross-fitted-network = cross-fitted network
model-phrase-cross-validated-model = cross-validated model
model-phrase-cross-validation = cross-validation
model-phrase-cross-validation-halves = cross-validation with test and validation halves
model-phrase-dense-layer = dense layer
model-phrase-dropout = dropout
model-phrase-event-table = event table
model-phrase-forward-pass = forward pass
model-phrase-gradient-sum = gradient sum
model-phrase-held-out-split = held-out split
model-phrase-integrated-brier-score = integrated Brier score
model-phrase-inverse-censoring-weights = inverse-censoring weights
model-phrase-likelihood-ratio-test = likelihood-ratio test
model-phrase-linear-cox-decomposition = linear Cox decomposition
model-phrase-log-rank-test = log-rank test
model-phrase-method-comparison = method comparison
model-phrase-model-comparison = model comparison
model-phrase-network = network
model-phrase-normal-quantile = normal quantile
model-phrase-reading-the-cohort = reading the cohort
model-phrase-resample = resample
model-phrase-risk-groups = risk groups
model-phrase-survival-curves = survival curves
model-phrase-survival-data = survival data
model-phrase-the-cox-partial-likelihood = the Cox partial likelihood
model-phrase-time-dependent-auc = time-dependent AUC
model-phrase-training = training
model-phrase-training-buffers = training buffers
model-phrase-training-setting = training setting
model-phrase-training-share = training share
model-phrase-training-share-backward-pass = training share's backward pass
model-phrase-training-share-result = training share's result

# Quantities ($what)
model-phrase-bias = bias
model-phrase-covariate = covariate
model-phrase-cumulative-hazard = cumulative hazard
model-phrase-cut-off = cut-off
model-phrase-event-indicator = event indicator
model-phrase-fold-index = fold index
model-phrase-fold-model = fold model
model-phrase-follow-up-time = follow-up time
model-phrase-gradient = gradient
model-phrase-group-label = group label
model-phrase-hidden = hidden
model-phrase-input = input
model-phrase-input-matrix = input matrix
model-phrase-log-risk = log-risk
model-phrase-log-risk-gradient = log-risk gradient
model-phrase-log-risks = log-risks
model-phrase-offset = offset
model-phrase-out-of-fold-log-risk = out-of-fold log-risk
model-phrase-predicted-survival = predicted survival
model-phrase-predicted-survival-at-grid-time = predicted survival at grid time
model-phrase-risk = risk
model-phrase-stratum = stratum
model-phrase-stratum-code = stratum code
model-phrase-survival-time = survival time
model-phrase-time = time
model-phrase-time-point = time point
model-phrase-truncation-time = truncation time
model-phrase-validation-feature = validation feature
model-phrase-weight = weight

# Settings ($setting)
model-phrase-a-cumulative-hazard = a cumulative hazard
model-phrase-a-fold-index = a fold index
model-phrase-a-quantile = a quantile
model-phrase-a-time-point = a time point
model-phrase-the-calibration-slope = the calibration slope
model-phrase-the-confidence-level = the confidence level
model-phrase-the-cut-off-after-smaller = the cut-off after a smaller one
model-phrase-the-days-per-time-unit = the days per time unit
model-phrase-the-level = the level
model-phrase-the-number-of-folds = the number of folds
model-phrase-the-number-of-groups = the number of groups
model-phrase-the-number-of-patients = the number of patients
model-phrase-the-number-of-replicates = the number of replicates
model-phrase-the-penalizer = the penalizer
model-phrase-the-probability = the probability
model-phrase-the-test-fraction = the test fraction
model-phrase-the-time-scale = the time scale
model-phrase-the-tolerance = the tolerance
model-phrase-the-weight = the weight
model-phrase-the-width-of-every-hidden-layer = the width of every hidden layer

# Valid ranges, completing "must be ..." ($valid)
model-phrase-zero-or-one = 0 or 1
model-phrase-a-positive-number = a positive number
model-phrase-at-least-0 = at least 0
model-phrase-at-least-1 = at least 1
model-phrase-at-least-1-epoch = at least 1 epoch
model-phrase-at-least-2 = at least 2
model-phrase-at-least-2-cox-loss = at least 2 (a Cox loss compares patients)
model-phrase-at-least-the-one-before = at least the one before it
model-phrase-at-most-u32 = at most 4,294,967,295
model-phrase-at-most-max-steps = at most max_steps
model-phrase-below-1 = below 1
model-phrase-below-the-number-of-folds = below the number of folds
model-phrase-between-0-and-1 = between 0 and 1
model-phrase-between-1-and-folds = between 1 and the number of folds
model-phrase-finite-and-at-least-0 = finite and at least 0
model-phrase-finite-and-positive = finite and positive
model-phrase-greater-than-the-one-before = greater than the one before it
model-phrase-in-open-0-1 = in (0, 1)
model-phrase-in-open-closed-0-1 = in (0, 1]
model-phrase-in-closed-open-0-1 = in [0, 1)
model-phrase-in-closed-0-1 = in [0, 1]
model-phrase-positive = positive

# What a computation needs, completing "needs ..." ($needs)
model-phrase-a-comparable-pair = a comparable pair of patients
model-phrase-a-comparable-pair-weighted = a comparable pair of patients (with positive weight)
model-phrase-a-death-by-evaluation-time = a death by the evaluation time
model-phrase-a-death-in-each-fold = a death in each of its folds
model-phrase-a-penalty-for-every-fold = a penalty that can be fitted on every fold
model-phrase-a-resample-with-statistic = a resample on which the statistic is defined
model-phrase-a-test-and-validation-patient-per-fold = a test and a validation patient in every fold
model-phrase-a-training-and-test-patient = a training and a test patient
model-phrase-an-event-and-a-patient-beyond = an event at or before each evaluation time and a patient followed beyond it
model-phrase-at-least-one-candidate = at least one candidate setting
model-phrase-at-least-one-death = at least one death
model-phrase-at-least-one-death-per-fit = at least one death among the patients of a fit
model-phrase-at-least-one-event = at least one event
model-phrase-at-least-one-feature = at least one feature
model-phrase-at-least-one-patient = at least one patient
model-phrase-at-least-one-time-point = at least one time point
model-phrase-at-least-two-groups = at least two groups
model-phrase-at-least-two-patients = at least two patients
model-phrase-at-least-two-time-points = at least two time points
model-phrase-survival-times-and-events = survival times and events
model-phrase-the-risks-of-training-patients = the risks of training patients
model-phrase-two-patients-per-fold = two patients per fold, a test and a validation patient

# What is counted, plural ($counted)
model-phrase-candidates = candidates
model-phrase-comparable-pairs = comparable pairs
model-phrase-deaths = deaths
model-phrase-events = events
model-phrase-features = features
model-phrase-folds-with-a-death = folds with a death
model-phrase-groups = groups
model-phrase-held-out-patients-in-fold = held-out patients in this fold
model-phrase-patients = patients
model-phrase-patients-with-an-outcome = patients with an outcome
model-phrase-risks = risks
model-phrase-such-penalties = such penalties
model-phrase-such-resamples = such resamples
model-phrase-such-times = such times
model-phrase-time-points = time points

# Why a fit did not converge ($reason)
model-phrase-halvings-did-not-raise = 30 halvings of the step did not raise the likelihood
model-phrase-iterations-ran-out = the Newton-Raphson iterations ran out while the likelihood still grew; complete separation or a covariate without variation among events?
model-phrase-information-vanished = the information matrix vanished, so a coefficient diverges; complete or quasi-complete separation?

# The stage of a fold ($stage)
model-phrase-held-out-patients = held-out patients
model-phrase-training-set = training set
model-phrase-validation-half = validation half

# Files and their fields
model-phrase-encoding-file = encoding file
model-phrase-training-record = training record
model-phrase-missing = missing
model-phrase-missing-not-an-object = missing (the file is not a JSON object)

## ExternalError

model-external-json = { $what }: at line { $line }, column { $column }: { $description }
model-external-not-an-encoding-file = not a survlens encoding file: "format" is { $found }, expected "{ $expected }"
model-external-unsupported-version = encoding file version { $found } is not supported; this survlens reads version { $supported }
model-external-split-row = held-out split: { $role } row { $row } is beyond the cohort's { $patients } patients
model-external-split-twice = held-out split: row { $row } is listed as { $first } and as { $second }
model-external-split-empty = held-out split: no { $role } patients
model-external-cohort-size = the cohort is not the one the encoding was made from: it has { $patients } patients with { $events } events, the encoding was made from { $encoded_patients } patients with { $encoded_events } events
model-external-cohort-fingerprint = the cohort is not the one the encoding was made from: same size, but its ids, times, events, marker values or row order differ (fingerprint { $found }, the encoding's { $expected })
model-external-input-count = the network takes { $network } inputs but the encoding makes { $encoding } features
model-external-feature-count = the training record names { $record } network inputs but the encoding makes { $encoding } features
model-external-feature-mismatch = network input { $position } was trained on "{ $record }" but the encoding's feature { $position } is "{ $encoding }"
model-external-split-mismatch = the training record counts { $record } { $part } patients but the encoding's split has { $encoding }
model-external-hidden-widths = the network's hidden layers have widths { $widths }; a survlens model describes hidden layers of one width
model-external-setting = training record: { $reason }
model-external-data = { $reason }
model-external-model = { $reason }
model-external-bundle = { $reason }
model-external-part-train = train
model-external-part-validation = validation
model-external-part-test = test

## BundleError ($architecture_hidden and $layer_hidden read "none" without hidden layers;
## $what is "marker" or "feature"; $repeated is "true" or "false")

model-bundle-truncated = model file: the JSON ends early at line { $line }, column { $column }; the file is truncated
model-bundle-malformed = model file: invalid JSON at line { $line }, column { $column }: { $description }
model-bundle-not-a-model-file = not a survlens model file: "format" is { $found }, expected "{ $expected }"
model-bundle-unsupported-version = model file version { $found } is not supported; this survlens reads version { $supported }
model-bundle-schema = model file: at line { $line }, column { $column }: { $description }
model-bundle-not-an-object = model file: the document does not end with '{"}"}', so a member cannot be added
model-bundle-layer-shape = model file: network layer { $layer }: { $refusal }
model-bundle-invalid-architecture = model file: the architecture is invalid: { $reason }
model-bundle-architecture-mismatch = model file: the architecture does not match the layers: the architecture has { $architecture_inputs } inputs and hidden widths { $architecture_hidden }, the layers { $layer_inputs } inputs and hidden widths { $layer_hidden }
model-bundle-input-width = model file: the preprocessing makes { $encoder_features } inputs but the network takes { $network_inputs }
model-bundle-non-finite-weight = model file: network layer { $layer }, { $parameter } { $index } is { $value }, not a finite number
model-bundle-names-count = model file: the { $what } names do not match the preprocessing: { $listed } listed, { $expected } in the preprocessing
model-bundle-names-mismatch = model file: the { $what } names do not match the preprocessing: position { $position } lists "{ $listed }" where the preprocessing has "{ $expected }"
model-bundle-invalid-encoder = model file: preprocessing: { $reason }
model-bundle-invalid-baseline = model file: baseline hazard: { $reason }
model-bundle-invalid-risk-groups = model file: risk groups: { $reason }
model-bundle-risk-group-labels = model file: risk groups: { $cut_offs } cut-offs make { $groups } groups but { $labels } labels are given
model-bundle-repeated-label = model file: risk groups: the label "{ $label }" is used twice
model-bundle-invalid-training = model file: training setting: { $reason }
model-bundle-marker-label = model file: the label "{ $label }" is for the marker "{ $marker }", { $repeated ->
        [true] which already has a label
       *[false] which the model does not read
    }
model-bundle-data = { $reason }
model-bundle-model = { $reason }
