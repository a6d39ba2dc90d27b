# Errors of a FHIR export (the FHIR crate's FhirError, the place it names, UcumError and
# ReadFailure): a file that is not JSON, a resource or reference that cannot be used, a
# value without a unit, date or plausible size. Each sentence equals the error's English
# text on the command line (the tests hold them equal).

fhir-not-json = this is not JSON (line { $line }, column { $column }: { $parser }); nothing of it was read
# $found: one of the fhir-kind-* phrases.
fhir-not-an-object = a resource must be a JSON object, but this is { $found }; it was skipped
fhir-no-resource-type = the object has no resourceType, so it is no FHIR resource; it was skipped
fhir-bad-resource-type = resourceType { $found } is not a FHIR resource type; the object was skipped
fhir-unsupported-bundle-type = a Bundle of type "{ $found }" is not read (only collection, searchset, transaction, batch and document Bundles are)
fhir-empty-bundle = the Bundle has no entries
fhir-entry-without-resource = the Bundle entry has no resource; it was skipped
# $expected and $found: fhir-kind-* phrases.
fhir-wrong-type = expected { $expected } but found { $found }; the field was not used
fhir-patient-without-id = the Patient has no id, so no resource can refer to it; it was skipped
fhir-unusable-id = the Patient id "{ $id }" would read as a missing value (or has surrounding spaces) in a cohort file; the Patient was skipped
# $first: where the first Patient with this id was (file, line or entry).
fhir-duplicate-patient = Patient/{ $id } was already read ({ $first }); this second one was skipped
fhir-no-subject = the resource names no patient (no subject reference); it was skipped
fhir-bad-reference = "{ $reference }" is not a reference to a Patient (Patient/id); the resource was skipped
fhir-unknown-patient = refers to { $reference }, which is not in the input; the resource was skipped
fhir-unknown-medication = refers to { $reference }, which is not in the input; the medication was skipped
fhir-no-value = the Observation of { $marker } has no value; it was skipped
fhir-missing-unit = the quantity of { $marker } has no unit (expected something convertible to { $marker_unit }); it was skipped
# $reason: one of the fhir-ucum-* sentences.
fhir-unknown-unit = the unit "{ $unit }" is not a UCUM unit survlens knows ({ $reason }); the value was skipped
fhir-unit-not-convertible = the unit "{ $unit }" cannot be converted to { $marker }'s unit { $marker_unit }; the value was skipped
fhir-not-a-number = the quantity's value { $found } is not a number; it was skipped
fhir-non-finite = the value of { $marker } is not finite in the marker's unit; it was skipped
# $value: rounded to four significant digits. $requirement: one of the fhir-rule-* phrases.
fhir-implausible = { $marker } of { $value } { $unit } is implausible ({ $requirement }); it was skipped
fhir-bad-date = "{ $value }" is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime); the resource was skipped
fhir-no-date = the value of { $marker } has no date, so it cannot be placed before the index date; it was skipped
fhir-unknown-level = "{ $answer }" is none of { $marker }'s levels; the value was skipped
# $candidates: the entities, separated by commas.
fhir-ambiguous-entity = { $code } fits several cancer entities ({ $candidates }) and no histology (LOINC 59847-4) tells which; the entity was left missing
fhir-several-entities = the patient has tumour diagnoses of { $used } and { $other }; the earliest, { $used }, was used
fhir-no-patients = the input holds no Patient resource, so there is no patient to make a row of

# What a JSON value is, and what FHIR expects in a field.
fhir-kind-null = null
fhir-kind-boolean = a boolean
fhir-kind-number = a number
fhir-kind-string = a string
fhir-kind-array = an array
fhir-kind-object = an object
fhir-kind-entries = an array of entries
fhir-kind-date-string = a date string
fhir-kind-reference-string = a reference string
fhir-kind-quantity-object = a Quantity object
fhir-kind-value-quantity = a valueQuantity
fhir-kind-other-value = another kind of value

# What a plausible value must be.
fhir-rule-age = an age lies between 0 and 125 years on the index date
fhir-rule-not-negative = a measured amount cannot be negative
fhir-rule-share = a share cannot exceed 100%

# Why a unit is not a UCUM unit survlens knows. $at: the character's position, from 1.
fhir-ucum-empty = the unit is empty
fhir-ucum-unknown-atom = "{ $atom }" is not a known UCUM unit
fhir-ucum-unexpected = unexpected "{ $found }" at character { $at }
fhir-ucum-unclosed = a "{ $bracket }" is not closed
fhir-ucum-exponent = the exponent { $text } is too large

# Where a problem is, built up part by part: the file, its line, the Bundle entry, the
# resource and the JSON path inside it. $at: the place so far.
fhir-at-file = { $file }
fhir-at-line = { $at }, line { $line }
fhir-at-entry = { $at }, { $entry }
fhir-at-resource-path = { $at }: { $resource } { $path }
fhir-at-resource = { $at }: { $resource }
fhir-at-path = { $at }: { $path }
# A problem and where it is.
fhir-problem = { $at }: { $error }

# Why nothing of an export could be read (ReadFailure): its problems, one per line.
fhir-read-problems =
    { $before }
    { $after }
fhir-read-no-patient-resource = the input holds no Patient resource
fhir-read-unknown-marker = "{ $marker }" is not a marker of the dictionary
