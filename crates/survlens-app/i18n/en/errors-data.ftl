# Errors of the cohort data (the data crate's DataError and ImportReport): a file that
# cannot be read, a column or value the cohort cannot hold, a preprocessing that does not
# fit. Each sentence equals the error's English text on the command line (the tests hold
# them equal).

# A cell's place: $file, $row, $column.
data-cell = { $file }, row { $row }, column "{ $column }"

data-empty-file = { $file }: the file is empty
data-header-only = { $file }: the file has a header row but no patient rows
# $size and $limit are megabytes with one decimal.
data-file-too-large = { $file }: the file is { $size } MB, more than the limit of { $limit } MB; split it or raise the limit
data-too-many-columns = { $file }, row 1: the header has { $found } columns, more than the limit of { $limit }
data-too-many-rows = { $file }: more than { $limit } patient rows; split the file or raise the limit
data-too-many-cells = { $file }: { $rows } patient rows x { $columns } marker columns exceed the limit of { $limit } marker values; choose fewer markers or a smaller file
# $first and $second are spreadsheet column letters (A, B, ..., AA).
data-duplicate-column = { $file }, row 1: the column name "{ $column }" appears twice (columns { $first } and { $second }); rename one of them
# $role: patient-id, survival-time, event, entity or marker. $available lists the header's names.
data-missing-column =
    { $file }: there is no column "{ $column }" for the { $role ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    }; the header has: { $available }
data-role-conflict =
    column "{ $column }" cannot be both the { $first ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    } and the { $second ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    }
# $hint: separator (a single field), quotes (more fields than the header) or none.
data-ragged-row =
    { $file }, row { $row }: expected { $expected } fields like the header row, found { $found }{ $hint ->
        [separator] ; is the file separated by a different character?
        [quotes] ; a text cell containing the separator must be enclosed in double quotes
       *[none] {""}
    }
# $at is a cell's place (data-cell).
data-non-utf8 = { $at }: the text is not valid UTF-8, found "{ $text }"; save the file as UTF-8 (in Excel: "CSV UTF-8")
# $shown: yes when the cell holds a missing-value code ($text), no when it is empty.
data-missing-value =
    { $at }: the { $role ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    } is missing{ $shown ->
        [yes] {" "}(found "{ $text }")
       *[no] {""}
    }
# $expected: positive-time, number or zero-or-one. $hint: thousands, decimal-comma, bound,
# missing-code, categories or none.
data-not-number =
    { $at }: expected { $expected ->
        [positive-time] a survival time (a number greater than zero)
        [number] a number
       *[zero-or-one] 0 or 1
    }, found "{ $text }"{ $hint ->
        [thousands] ; thousands separators are not supported, write the number without them
        [decimal-comma] ; the decimal separator looks like a comma while the rest of the file uses a point
        [bound] ; a bound such as "<5" is not a value: enter a number or leave the cell empty
        [missing-code] ; leave missing values empty or write NA (or add this code to the missing-value codes)
        [categories] ; if this column holds categories, mark it as categorical
       *[none] {""}
    }
data-non-positive-time = { $at }: expected a survival time (a number greater than zero), found "{ $text }"
data-non-finite = { $at }: "{ $text }" is not a finite number; leave missing values empty or write NA
data-number-too-large = { $at }: the number "{ $text }" is too large (at most about 3.4e38 is supported)
# $hint: coded-as-two when the cell reads 2, otherwise none.
data-bad-event =
    { $at }: expected 1 (event observed) or 0 (censored), found "{ $text }"{ $hint ->
        [coded-as-two] ; if the file codes events as 1 = censored, 2 = dead (as R's survival package may), recode them as 0 and 1
       *[none] {""}
    }
data-duplicate-id = { $at }: the patient id "{ $id }" already appears in row { $first_row }
data-no-events = { $file }: none of the { $patients } patients has an observed event (all are censored); a survival model needs events
data-too-many-levels = { $file }, column "{ $column }": more than { $limit } different text values (row { $row } has "{ $text }"); if it is free text leave it out of the markers, if it is a category raise the level limit
# $description is the CSV reader's own description, in its words.
data-malformed = { $file }, row { $row }: the file could not be read as CSV: { $description }
data-unclosed-quote = { $file }, row { $row }: the file could not be read as CSV: the quoted cell in column "{ $column }" is never closed, so every line after it was read into that one cell; add the closing double quote
data-length-mismatch = column "{ $column }" has { $found } values, expected { $expected } (one per patient)
# $index is a 0-based patient index; $reason is one of the rules below (data-reason-...).
data-invalid-value = column "{ $column }", patient { $index }: { $reason }, found "{ $value }"
data-duplicate-marker = the marker name "{ $name }" is used twice
data-row-out-of-bounds = patient index { $index } is outside the cohort of { $len } patients
data-repeated-row = patient index { $index } appears twice in the subset
data-empty-training-set = the training set is empty: preprocessing needs at least one patient
data-marker-not-found = the cohort has no marker "{ $marker }", which the model was trained on
# $expected and $found: numeric, binary or categorical.
data-kind-mismatch =
    marker "{ $marker }" was { $expected ->
        [numeric] numeric
        [binary] binary
       *[categorical] categorical
    } when the model was trained but is { $found ->
        [numeric] numeric
        [binary] binary
       *[categorical] categorical
    } here; set its kind when importing the file
data-entity-missing = the model uses the cancer entity as input, but this cohort has no entity column
data-unseen-level = patient "{ $id }": marker "{ $marker }" has the value "{ $level }", which the training data never had
# $reason is one of the data-code-refusal-... sentences.
data-invalid-missing-code = the missing-value code "{ $code }" cannot be used: { $reason }
data-code-refusal-too-long = a missing-value code has at most 64 characters
data-code-refusal-unprintable = a missing-value code cannot hold a double quote, a tab or a line break
data-code-refusal-too-many = at most 64 missing-value codes can be added
data-code-refusal-not-finite = a numeric missing-value code must be a finite number
data-role-not-chosen =
    { $file }: no column was chosen for the { $role ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    }
data-half-outcome =
    { $file }: the file has the { $present ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    } column "{ $present_column }" but no column "{ $column }" for the { $role ->
        [patient-id] patient id
        [survival-time] survival time
        [event] event
        [entity] cancer entity
       *[marker] marker
    }; give both (time and event) to have outcomes, or neither to predict for patients without an outcome
# $needed names what needed the outcomes, in English (a C-index).
data-no-outcome = the cohort has no survival times or events: { $needed } needs outcomes
data-invalid-settings = invalid settings: { $reason }
data-invalid-encoder = the stored preprocessing is inconsistent: { $reason } (marker "{ $marker }")
# $description is the CSV writer's own description, in its words.
data-write = the cohort could not be written as CSV: { $description }

# The rules a value, a setting or a stored preprocessing can break ($reason above).
data-reason-level-text = a level must be non-empty text without surrounding spaces and not a missing-value code
data-reason-level-names-unique = level names must be unique
data-reason-too-many-levels = too many levels
data-reason-code-index = a code must index a level
data-reason-values-finite = values must be finite
data-reason-binary-values = binary values must be 0 or 1
data-reason-id-text = a patient id must be non-empty text without surrounding spaces and not a missing-value code
data-reason-ids-unique = patient ids must be unique
data-reason-times-positive = times must be finite and > 0
data-reason-outside-training-range = the value is so far outside the training range that the model cannot use it
data-reason-statistics = statistics must be finite, with scale >= 0 and min <= max
data-reason-log-transform = a log transform needs a finite shift >= 0 and a floor > 0
data-reason-binary-impute = a binary marker imputes 0 or 1
data-reason-imputed-level = the imputed level is not a level
data-reason-reference-level = the reference level is not a level
data-reason-levels-unique = levels must be unique
data-reason-feature-list = the feature list does not match the marker encodings
data-reason-mirror-scaling = mirroring (1 - x) needs min-max scaling to [0, 1]
data-reason-separator = the field separator must be an ASCII character other than a quote or a line break

# Every problem of one file: $total problems, then one line each ($problems), the last
# line naming the $omitted ones not kept. A line starts with a line break (\u000A).
data-import-report = { $file }: { $total } problems found{ $problems }
data-import-report-problem = {"\u000A"}- { $problem }
data-import-report-omitted = {"\u000A"}- ... and { $omitted } more
data-import-report-lines = { $first }{ $second }
