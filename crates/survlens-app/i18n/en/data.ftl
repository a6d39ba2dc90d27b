# The Data panel's own texts: bundled cohorts, own file, FHIR export, model file, the table
# of a refused file's problems. Keys and arguments must match de/data.ftl; the tests check both.

ui-data-unreadable = the browser could not read the file: { $reason }
ui-data-none-yet = none yet
ui-data-summary = Data
ui-data-current = On screen: { $cohort }
ui-data-hint = change the cohort, open your own file or a model file
ui-data-bundled = Bundled cohorts
ui-data-cohort = Cohort
ui-data-patients = Patients
ui-data-patients-help = { $own } is the default model's own cohort (its held-out half is marked). Any other size draws new patients the model never saw: up to { $most }, explained in chunks with progress.
ui-data-open-bundled = Train and explain this cohort
ui-data-file-heading = Your own file
ui-data-file-drop = Drop a CSV or TSV file here, or choose one:
ui-data-file-help = One row per patient with a header row; survival time, event (1 = event, 0 = censored), optional patient id and cancer entity, then markers. New patients without an outcome (markers only) can be explained with a model file. The file is read in this tab and never uploaded.
ui-data-reading = Reading { $name }…
ui-data-model-unusable = The model file { $file } could not be used
ui-data-model-unusable-note = The cohort on screen was not changed. Choose another model file, or another cohort in the Data panel.

ui-problems-help = Correct the file in a spreadsheet and open it again. The cohort on screen was not changed.
ui-problems-caption = Problems in { $file }, in file order (the header is row 1; at most { $most } listed)
ui-problems-row = Row
ui-problems-column = Column
ui-problems-problem = Problem
ui-problems-whole-row = whole row
ui-problems-whole-file = whole file
ui-problems-more = and { $n } more

ui-fhir-heading = FHIR R4 export
ui-fhir-drop = Drop FHIR files here, or choose one or several:
ui-fhir-help = A Bundle (collection, searchset or transaction) as JSON, a bulk export's NDJSON files (Patient.ndjson, Observation.ndjson, …) or NDJSON with one Bundle per patient. Patients, laboratory values, diagnoses and drugs are mapped to the model's markers by their LOINC, ICD-10 and ATC codes; the report below says what mapped. FHIR holds no survival times, so a stored model explains the patients. Read in this tab, never uploaded.
ui-fhir-reading =
    { $n ->
        [one] Reading { $n } file…
       *[other] Reading { $n } files…
    }
ui-fhir-close = Close these files
ui-fhir-index-date = Index date
ui-fhir-index-help = Each marker's most recent value on or before this day, and diagnoses and drugs up to it; ages on this day. Empty: each marker's latest value.
ui-fhir-explain = Read and explain with the default model

ui-model-file-heading = Model
ui-model-file-export = Download model (survlens JSON)
ui-model-file-export-failed = The model file could not be saved: { $reason }
ui-model-file-drop = Drop a model file here, or choose one:
ui-model-file-help = A survlens model file (.json, saved here or by survlens train), or an ONNX network exported from PyTorch (.onnx): the cohort's marker columns are then its inputs, in order. Read in this tab, never uploaded.
ui-model-file-unreadable = the file could not be read
ui-model-file-target = Explain with it
ui-model-file-target-bundled = {" "}{ $name } (chosen above)
ui-model-file-target-csv = {" "}{ $name } (your file, as mapped below)
ui-model-file-target-fhir = {" "}{ $name } (your FHIR export, with its index date)
ui-model-file-apply = Explain this cohort with the model

# The mapping step of an own file.
ui-mapping-time = Survival time
ui-mapping-event = Event (1 = event, 0 = censored)
ui-mapping-id = Patient id
ui-mapping-entity = Cancer entity (for a cohort about cancer)
ui-mapping-kind-numeric = numeric
ui-mapping-kind-binary = yes/no (0 or 1)
ui-mapping-kind-categorical = categorical
ui-mapping-unit-days = days
ui-mapping-unit-weeks = weeks
ui-mapping-unit-months = months
ui-mapping-unit-years = years
ui-mapping-sep-comma = comma
ui-mapping-sep-semicolon = semicolon
ui-mapping-sep-tab = tab
ui-mapping-sep-pipe = pipe
ui-mapping-none-outcome = none (patients without an outcome)
ui-mapping-none = none
ui-mapping-choose = choose a column
ui-mapping-detected = detected: { $column }
ui-mapping-refused = not detected: { $column } was not taken
ui-mapping-not-detected = not detected
ui-mapping-close = Close this file
ui-mapping-preview = { $columns } columns, { $separator } separated. The first { $rows } rows:
ui-mapping-preview-comma = { $columns } columns, { $separator } separated, decimal comma. The first { $rows } rows:
ui-mapping-preview-caption = First rows of { $file }
ui-mapping-roles = Which column is what
ui-mapping-unit = Time unit
ui-mapping-unit-note = the page shows times in days and months
ui-mapping-codes = Also missing
ui-mapping-codes-placeholder = e.g. unknown, none, 99
ui-mapping-codes-help = Always read as missing, in every column and any letter case: an empty cell, NA, N/A, #N/A, NaN, NULL, ., ?, missing, SAS/Stata .A to .Z. Add your file's own codes here, comma separated (numbers match by value).
ui-mapping-markers = Markers: { $used } of { $n } columns used
ui-mapping-markers-caption = Columns the model learns from, with the kind each is read as and the label and unit the page names it by (saved with the model)
ui-mapping-col-use = Use
ui-mapping-col-kind = Kind
ui-mapping-col-label = Label
ui-mapping-col-unit = Unit
ui-mapping-col-examples = Example values
ui-mapping-col-missing = Missing in first rows
ui-mapping-as-read-kind = as read: { $kind }
ui-mapping-as-read = as read
ui-mapping-use-label = use { $column } as a marker
ui-mapping-kind-label = kind of { $column }
ui-mapping-label-label = label of { $column }
ui-mapping-unit-label = unit of { $column }
ui-mapping-train = Train on this cohort
ui-mapping-train-note = Trains the network in this tab and explains every patient; the cohort on screen stays until it is done.
ui-mapping-train-no-outcome = No survival time and event: this file can be explained with a model file (the Model section above), not trained on.
ui-mapping-train-fix = Correct the marked fields first.

# The report of a FHIR export.
ui-fhir-report-more = and { $n } more (the first { $shown } are listed)
ui-fhir-report-dates = Dates of the values used
ui-fhir-report-undated = undated
ui-fhir-place-line = line { $line }
ui-fhir-place-line-entry = line { $line }, { $entry }
ui-fhir-summary =
    { $patients ->
        [one] { $patients } patient
       *[other] { $patients } patients
    } from { $resources ->
        [one] { $resources } resource
       *[other] { $resources } resources
    } in { $files ->
        [one] { $files } file
       *[other] { $files } files
    }; { $with-entity } with a cancer entity; { $values }.
ui-fhir-summary-index-date = each marker's most recent value on or before { $date }
ui-fhir-summary-latest = each marker's latest value (no index date)
ui-fhir-summary-refused = No patient could be read from the export; nothing was imported and the cohort on screen stays.
ui-fhir-summary-refused-file = No patient could be read from { $file }; nothing was imported and the cohort on screen stays.
ui-fhir-summary-refused-files = No patient could be read from the { $files } files; nothing was imported and the cohort on screen stays.
ui-fhir-report-date-range = { $from } to { $to }
ui-fhir-not-counted = not counted: { $reason }
ui-fhir-not-counted-refuted = refuted
ui-fhir-not-counted-suspected = suspected (V)
ui-fhir-not-counted-excluded = excluded (A)
ui-fhir-not-counted-status = { $status }
ui-fhir-text-only = text only: "{ $text }"
ui-fhir-no-code-no-text = no code and no text
ui-fhir-report-refused = FHIR import: nothing could be read
ui-fhir-report-heading = FHIR import: what mapped
ui-fhir-report-files = Files: { $files }.
ui-fhir-report-file = { $file } ({ $n } resources)
ui-fhir-report-measured = Markers with values: { $n } (patients with a value)
ui-fhir-report-measured-caption = Observations mapped to markers: patients with a value, and the dates of the values used
ui-fhir-report-measured-count = Patients with a value
ui-fhir-report-coded = Diagnoses and drugs present: { $n }
ui-fhir-report-coded-caption = Diagnoses (ICD-10) and drugs (ATC) mapped to markers: patients who have them
ui-fhir-report-coded-count = Patients with it
ui-fhir-report-without = Markers without a value for any patient: { $n }
ui-fhir-report-missing = Missing for every patient: { $markers }.
ui-fhir-report-missing-more = Missing for every patient: { $markers } and { $n } more.
ui-fhir-report-conversions = Unit conversions: { $n }
ui-fhir-report-no-conversion = Every value came in its marker's unit.
ui-fhir-report-conversions-label = Unit conversions
ui-fhir-report-conversions-caption = Values converted to the marker's unit: value in the marker's unit = reported value × factor
ui-fhir-report-from = From
ui-fhir-report-to = To
ui-fhir-report-factor = Factor
ui-fhir-report-molar-mass = Molar mass (g/mol)
ui-fhir-report-values = Values
ui-fhir-report-unmapped = Not mapped: { $n } codings
ui-fhir-report-all-mapped = Every code read mapped to a marker.
ui-fhir-report-unmapped-label = Codes and texts not mapped
ui-fhir-report-unmapped-caption = Codes and texts that mapped to no marker, most frequent first
ui-fhir-report-resource = Resource
ui-fhir-report-code = Code or text
ui-fhir-report-count = Count
ui-fhir-report-first = Values used for the first patient, { $patient }: { $n }
ui-fhir-report-first-label = Values used for the first patient
ui-fhir-report-first-caption = Patient { $patient }: each Observation value used, with its date
ui-fhir-report-date = Date
ui-fhir-report-problems = Problems: { $n }
ui-fhir-report-no-problems = None: every resource read was either used or is listed above.
ui-fhir-report-problems-note = Each problem skips what it names and nothing else.
ui-fhir-report-problems-label = Problems
ui-fhir-report-problems-caption = Problems in the order met, with the file, the line or Bundle entry, the resource and the JSON path
ui-fhir-report-file-col = File
ui-fhir-report-where = Where
ui-fhir-report-path = JSON path
ui-fhir-report-resources = Resources read: { $n }
ui-fhir-report-resources-label = Resources by type
ui-fhir-report-resources-caption = Resources by type: read, used, not used (another type, a code no marker has, a problem), with problems
ui-fhir-report-type = Type
ui-fhir-report-read = Read
ui-fhir-report-used = Used
ui-fhir-report-not-used = Not used
ui-fhir-report-with-problems = With problems
ui-fhir-files = { $count ->
    [one] { $count } FHIR file
   *[other] { $count } FHIR files
    }
ui-model-file-kind-survlens = survlens model file (JSON)
ui-model-file-kind-onnx = ONNX network
