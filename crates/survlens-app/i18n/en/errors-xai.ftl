# Errors of the explainers (XaiError), of ONNX networks (OnnxError) and of the synthetic
# cohort generator (SynthError, TableProblem). Each sentence equals the error's English
# text on the command line (the tests hold them equal).

## XaiError

xai-invalid-parameter = { $rule } rule: { $parameter } must be { $requirement }, but is { $value }
xai-first-layer-only = the { $rule } rule applies to the first layer only, but was assigned to layer { $layer }
xai-composite-depth = the composite assigns rules to { $rules } layers, but the network has { $layers }
xai-shape = { $what } must have { $expected } values, but has { $found }
xai-non-finite-input = input { $input } of patient { $patient } is not a finite number: { $value }
xai-group-out-of-range = column { $column } is mapped to group { $group }, but there are only { $n_groups } groups
xai-invalid-setting = invalid setting: { $setting } must be { $requirement }, but is { $value }
xai-too-many-inputs = exact Shapley values are limited to { $limit } inputs, the network has { $n_inputs }
xai-empty-cohort = { $what } needs at least one patient, but the cohort or subgroup is empty
xai-patient-out-of-range = { $what }: patient { $row } does not exist, there are { $n_patients } patients
xai-marker-out-of-range = { $what }: marker { $marker } does not exist, there are { $n_markers } markers
xai-no-observed-values = marker { $marker } has no observed value to vary over

## What a shape, an empty cohort or an index out of range is about ($what above)

xai-what-background-inputs = background inputs
xai-what-ceteris-paribus-profile = ceteris-paribus profile
xai-what-cohort-relevances = cohort relevances
xai-what-dependence = dependence
xai-what-entity-codes = entity codes
xai-what-explanation-over-time = explanation over time
xai-what-grouping-of-the-groups = grouping of the groups
xai-what-input-matrix = input matrix
xai-what-interaction-search = interaction search
xai-what-reference-layers = layers of the network the reference was prepared for
xai-what-marker-importance = marker importance
xai-what-marker-profile = marker profile
xai-what-marker-values = marker values
xai-what-marker-to-modality-map = marker-to-modality map
xai-what-markers-excluded-from-the-screen = markers excluded from the screen
xai-what-markers-of-the-outcome-data = markers of the outcome data
xai-what-median-reference = median reference
xai-what-model-based-interactions = model-based interactions
xai-what-outcome-test-of-a-pair = outcome test of a pair
xai-what-partial-dependence = partial dependence
xai-what-patient-inputs = patient inputs
xai-what-double-difference-patients = patients of the network's double differences
xai-what-player-of-every-input = player of every input
xai-what-predicted-log-risks = predicted log-risks
xai-what-predictions = predictions
xai-what-raw-marker-values = raw marker values
xai-what-reference-of-each-patient = reference of each patient
xai-what-reference-of-the-patient = reference of the patient
xai-what-reference-patient = reference patient
xai-what-relevance-buffer = relevance buffer
xai-what-relevance-column = relevance column
xai-what-relevance-columns-to-group = relevance columns to group
xai-what-relevance-of-the-patient = relevance of the patient
xai-what-score-screen = score screen
xai-what-screening-risks = screening risks
xai-what-screening-rows = screening rows
xai-what-stability = stability
xai-what-subgroup = subgroup
xai-what-test-rows-of-a-fold = test rows of a fold
xai-what-typical-patient = typical patient
xai-what-values-to-group = values to group
xai-what-weights-of-the-p-values = weights of the p-values
xai-what-additive-model-inputs = inputs of a fold's additive model

## Settings ($setting above)

xai-setting-calibration-slope = calibration slope
xai-setting-candidate-markers-of-the-screen = candidate markers of the screen
xai-setting-cumulative-hazard = cumulative hazard
xai-setting-false-discovery-rate = false discovery rate
xai-setting-folds-of-the-interaction-search = folds of the interaction search
xai-setting-grid-points = grid points
xai-setting-key-marker-threshold = key-marker threshold
xai-setting-markers-for-interactions = markers for interactions
xai-setting-markers-screened-for-interactions = markers screened for interactions
xai-setting-markers-to-move-for-interactions = markers to move for interactions
xai-setting-p-value = p-value
xai-setting-pairs-kept-for-the-outcome-test = pairs kept for the outcome test
xai-setting-pairs-of-orderings = pairs of orderings
xai-setting-patients-sampled-for-interactions = patients sampled for interactions
xai-setting-patients-screened-for-interactions = patients screened for interactions
xai-setting-permutations = permutations
xai-setting-double-difference-references = reference patients of the network's double differences
xai-setting-steps = steps
xai-setting-strata = strata of the screen and of the outcome test (patients)
xai-setting-test-patient-in-two-folds = test patients held by two folds (row)
xai-setting-top-markers-for-interactions = top markers for interactions
xai-setting-weight-of-a-p-value = weight of a p-value
xai-setting-search-part = part of the interaction search from another worker

## What a parameter or setting must be ($requirement above)

xai-requirement-one = 1
xai-requirement-at-least-one-sign = >= 1
xai-requirement-at-least-two-sign = >= 2
xai-requirement-finite = a finite number
xai-requirement-finite-non-negative = a finite number of at least 0
xai-requirement-at-least-one = at least 1
xai-requirement-at-least-two = at least 2
xai-requirement-at-least-two-not-excluded = at least 2 besides the excluded ones
xai-requirement-finite-positive = finite and > 0
xai-requirement-finite-at-least-zero = finite and >= 0
xai-requirement-share = in (0, 1]
xai-requirement-probability = in [0, 1]
xai-requirement-one-fold = in one fold's test rows only
xai-requirement-same-strata = the same strata
xai-requirement-awaited-part = a part the search awaits

## OnnxError

xai-onnx-decode = not a readable ONNX model: { $description }
xai-onnx-no-graph = the ONNX model has no graph
xai-onnx-no-opset = ONNX graph: the model declares no opset for the default ONNX domain
xai-onnx-old-opset = ONNX graph: opset { $version } is older than { $min }, the oldest survlens reads
xai-onnx-input-count = ONNX graph: a Cox network has one input (patients x inputs), this graph has { $found }
xai-onnx-output-count = ONNX graph: a Cox network has one output (the log-risk), this graph has { $found }
xai-onnx-input-type = ONNX graph: input "{ $input }" has element type { $elem_type }, survlens reads float32 (1)
xai-onnx-input-rank = ONNX graph: input "{ $input }" has { $rank } dimensions, expected 2 (patients x inputs)
xai-onnx-input-width = ONNX graph: input "{ $input }" has the negative width { $width }
xai-onnx-unsupported-op = ONNX node "{ $node }": operator { $op } is not supported (survlens reads Gemm, MatMul, Add, Relu, BatchNormalization, Dropout, Identity, Flatten and Constant)
xai-onnx-unsupported = ONNX node "{ $node }" ({ $op }): { $reason }
xai-onnx-flatten-axis = ONNX node "{ $node }" (Flatten): axis = { $axis } is not supported (only axis 1 on patients x inputs)
xai-onnx-constant-attribute = ONNX node "{ $node }" (Constant): a Constant given as "{ $attribute }" is not supported (survlens reads value, value_float and value_floats)
xai-onnx-missing-initializer = ONNX node "{ $node }" ({ $op }): input "{ $name }" is neither an initializer nor a Constant
xai-onnx-external-data = ONNX tensor "{ $name }": data in an external file; save the model with its weights inside
xai-onnx-tensor-type = ONNX tensor "{ $name }": data type { $data_type }, where { $expected_name } ({ $expected }) is needed
xai-onnx-negative-dimension = ONNX tensor "{ $name }": negative dimension in { $dims }
xai-onnx-raw-data-length = ONNX tensor "{ $name }": { $bytes } bytes of raw data for { $values } float32 values
xai-onnx-float-data-length = ONNX tensor "{ $name }": { $found } float values for dimensions { $dims }
xai-onnx-non-finite-weight = ONNX tensor "{ $name }": value { $index } is { $value }
xai-onnx-non-positive-variance = ONNX tensor "{ $name }": variance { $index } is { $variance }, which plus epsilon { $epsilon } is not positive
xai-onnx-tensor-too-large = ONNX tensor "{ $name }" has dimensions { $dims }: more than { $limit } values
xai-onnx-shape-mismatch = ONNX node "{ $node }" ({ $op }): { $what } has shape { $found }, expected { $expected }
xai-onnx-not-a-chain = ONNX graph: node "{ $node }" ({ $op }) does not take "{ $previous }", the output of the node before it: survlens reads chains (nn.Sequential), not branching graphs
xai-onnx-chain-end = ONNX graph: the chain from the input ends at "{ $end }", but the graph output is "{ $output }"
xai-onnx-relu-on-inputs = the ONNX graph is not a Cox network: a ReLU on the inputs, before the first dense layer
xai-onnx-relu-on-output = the ONNX graph is not a Cox network: a ReLU after the last dense layer, where the log-risk must be linear
xai-onnx-missing-relu = the ONNX graph is not a Cox network: node "{ $node }" follows another dense layer without a ReLU between them
xai-onnx-no-dense-layer = the ONNX graph is not a Cox network: it has no dense layer
xai-onnx-output-width = the ONNX graph is not a Cox network: the last dense layer, node "{ $node }", has { $width } outputs, where the log-risk is one
xai-onnx-empty-layer = the ONNX graph is not a Cox network: node "{ $node }" is a dense layer with { $n_in } inputs and { $n_out } outputs, where at least one of each is needed
xai-onnx-layer-overflow = the ONNX graph is not a Cox network: { $parameter } { $index } of node "{ $node }" is too large for float32 once scaled by alpha or beta or merged with a BatchNormalization
xai-onnx-layer = the ONNX graph is not a Cox network: node "{ $node }": { $refusal }

## Why an ONNX node is not supported ($reason of xai-onnx-unsupported)

xai-onnx-reason-no-output = the node has no output
xai-onnx-reason-trans-a = transA = 1 is not supported
xai-onnx-reason-add-without-layer = a constant is added to something other than a dense layer's output
xai-onnx-reason-dropout-training-mode = training_mode = true is not supported (export the model in eval mode)
xai-onnx-reason-constant-without-value = a Constant without a value
xai-onnx-reason-constant-without-tensor = a Constant whose value holds no tensor
xai-onnx-reason-batch-norm-training-mode = training mode is not supported (export the model in eval mode)
xai-onnx-reason-batch-norm-without-layer = a BatchNormalization that does not follow a dense layer cannot be merged
xai-onnx-reason-missing-parameters = some of its parameters are missing

## The shape a tensor should have ($expected of xai-onnx-shape-mismatch) and a data type
## ($expected_name of xai-onnx-tensor-type)

xai-onnx-expected-matrix = 2 dimensions
xai-onnx-expected-outputs-by-inputs = {"["}outputs, { $inputs }]
xai-onnx-expected-inputs-by-outputs = {"["}{ $inputs }, outputs]
xai-onnx-expected-bias = {"["}{ $len }], [1, { $len }] or one value
xai-onnx-expected-vector = {"["}{ $len }]
xai-onnx-another-type = another type

## SynthError

synth-patient-count = number of patients should be between { $min } and { $max }, but is { $value }
synth-interaction-scale = the interaction scale must be a finite number, but is { $scale }
synth-truth-json = truth file, line { $line }, column { $column }: { $description }
synth-truth-format = the truth file has format "{ $format }" version { $version }, but survlens reads format "{ $read_format }" version { $read_version }
synth-unknown-preset = the truth file names the preset "{ $preset }", which survlens cannot regenerate (it knows teaching and pan_cancer)
synth-preset-table = preset { $preset } is inconsistent: { $problem }

## TableProblem ($problem of synth-preset-table)

synth-table-entity-count = it has { $entities } entities, where 1 to 65535 are supported
synth-table-loading = marker { $marker } has squared factor loadings summing to { $loading }, more than 0.95
synth-table-unknown-entity = marker { $marker } has a { $table } for entity { $entity }, which does not exist
synth-table-entity-rates = marker { $marker } has { $found } entity rates, one per entity ({ $expected }) expected
synth-table-later-column = marker { $marker } (column { $column }) depends on the later column { $depends_on }
synth-table-interaction-marker = interaction { $interaction } refers to the unknown marker { $marker }
synth-table-unknown-marker = a marker refers to the unknown or later marker { $marker }

## A marker's per-entity table ($table of synth-table-unknown-entity)

synth-table-per-entity-shift = shift
synth-table-per-entity-event-rate = event rate
synth-table-per-entity-off-condition-rate = off-condition rate
synth-table-per-entity-missing-rate = missing rate
