//! Everything that can be wrong with a FHIR export, each problem naming the file, the
//! NDJSON line or Bundle entry, the resource (`Observation/obs-17`) and the JSON path
//! inside it (`valueQuantity.unit`).
//!
//! A problem never stops the import of what else can be read: the file, resource or value
//! it names is left out and counted in the report. Only an input without any patient is
//! refused as a whole ([`FhirError::NoPatients`]).

use std::fmt;

use serde::Serialize;
use survlens_data::{Describe, Message, MessageArg};

use crate::ucum::UcumError;

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    /// File name as given to the reader.
    pub file: String,
    /// 1-based line of an NDJSON file (of a JSON file: where it stops being JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The Bundle entry, e.g. `entry[3]` (`entry[2].resource.entry[0]` when nested).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The resource as `Type/id` (`Type` alone when it has no id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// JSON path inside the resource (FHIRPath-like, e.g. `valueQuantity.unit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Location {
    /// The same place, at `path` inside the resource.
    pub fn at(&self, path: impl Into<String>) -> Location {
        Location {
            path: Some(path.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(entry) = &self.entry {
            write!(f, ", {entry}")?;
        }
        match (&self.resource, &self.path) {
            (Some(r), Some(p)) => write!(f, ": {r} {p}"),
            (Some(r), None) => write!(f, ": {r}"),
            (None, Some(p)) => write!(f, ": {p}"),
            (None, None) => Ok(()),
        }
    }
}

/// One kind of problem, with the values it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FhirError {
    /// The file (or NDJSON line) is not JSON.
    NotJson {
        /// 1-based line of the file where the parser stopped.
        line: u64,
        /// 1-based column of the parser's position.
        column: u64,
        /// The JSON parser's own words.
        parser: String,
    },
    /// A line of an NDJSON file, or a Bundle entry's resource, is JSON but not an object.
    NotAnObject {
        /// What it is instead (`an array`, `a string`, ...).
        found: &'static str,
    },
    /// An object without `resourceType`.
    NoResourceType,
    /// A `resourceType` that is not a FHIR resource type name.
    BadResourceType {
        /// The value as written (JSON text when it is not a string).
        found: String,
    },
    /// A Bundle whose `type` is not one survlens reads (collection, searchset,
    /// transaction, batch, document).
    UnsupportedBundleType {
        /// The type as written.
        found: String,
    },
    /// A Bundle without entries.
    EmptyBundle,
    /// A Bundle entry without a resource.
    EntryWithoutResource,
    /// A field of the wrong JSON type.
    WrongType {
        /// What FHIR requires there.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// A Patient without an id (nothing can refer to it).
    PatientWithoutId,
    /// A Patient id the cohort table cannot hold: one a CSV reads as missing (`NA`, `NULL`,
    /// ...) or with surrounding spaces.
    UnusableId {
        /// The id.
        id: String,
    },
    /// A second Patient with an id already read.
    DuplicatePatient {
        /// The id.
        id: String,
        /// Where the first was.
        first: Box<Location>,
    },
    /// A clinical resource that names no patient (`subject`, `patient`).
    NoSubject,
    /// A reference that is not `Patient/id`, an absolute URL ending so, or a Bundle
    /// entry's `fullUrl`.
    BadReference {
        /// The reference as written.
        reference: String,
    },
    /// A reference to a Patient the input does not hold.
    UnknownPatient {
        /// The reference as written.
        reference: String,
    },
    /// A medication reference to a Medication the input does not hold.
    UnknownMedication {
        /// The reference as written.
        reference: String,
    },
    /// An Observation of a marker without a value.
    NoValue {
        /// The marker it would fill.
        marker: &'static str,
    },
    /// A quantity of a marker with a unit other than 1 and no unit.
    MissingUnit {
        /// The marker.
        marker: &'static str,
        /// The marker's unit.
        marker_unit: &'static str,
    },
    /// A unit that is not a UCUM unit survlens knows.
    UnknownUnit {
        /// The unit as written.
        unit: String,
        /// Why it could not be read.
        reason: UcumError,
    },
    /// A unit that measures another kind of quantity than the marker's.
    UnitNotConvertible {
        /// The unit as written.
        unit: String,
        /// The marker.
        marker: &'static str,
        /// The marker's unit.
        marker_unit: &'static str,
    },
    /// A quantity's `value` that is not a JSON number.
    NotANumber {
        /// The value as written.
        found: String,
    },
    /// A value that is not finite once converted to the marker's unit.
    NonFinite {
        /// The marker.
        marker: &'static str,
    },
    /// A value no patient can have.
    Implausible {
        /// The marker.
        marker: &'static str,
        /// The value in the marker's unit.
        value: f64,
        /// The marker's unit.
        unit: &'static str,
        /// What a value must be.
        requirement: &'static str,
    },
    /// A date or dateTime that is not one.
    BadDate {
        /// The text as written.
        value: String,
    },
    /// A value whose date is unknown while an index date asks for values before it.
    NoDate {
        /// The marker.
        marker: &'static str,
    },
    /// A categorical observation whose answer is none of the marker's levels.
    UnknownLevel {
        /// The marker.
        marker: &'static str,
        /// The answer as written (code or text).
        answer: String,
    },
    /// A tumour diagnosis that fits several entities and no histology tells which.
    AmbiguousEntity {
        /// The ICD-10 code.
        code: String,
        /// The entities it fits.
        candidates: Vec<&'static str>,
    },
    /// A patient with tumour diagnoses of several entities: the earliest is used.
    SeveralEntities {
        /// The entity used.
        used: &'static str,
        /// The other entity.
        other: &'static str,
    },
    /// No Patient resource in the whole input.
    NoPatients,
}

impl FhirError {
    /// A stable snake-case name of the kind.
    pub fn code(&self) -> &'static str {
        match self {
            FhirError::NotJson { .. } => "not_json",
            FhirError::NotAnObject { .. } => "not_an_object",
            FhirError::NoResourceType => "no_resource_type",
            FhirError::BadResourceType { .. } => "bad_resource_type",
            FhirError::UnsupportedBundleType { .. } => "unsupported_bundle_type",
            FhirError::EmptyBundle => "empty_bundle",
            FhirError::EntryWithoutResource => "entry_without_resource",
            FhirError::WrongType { .. } => "wrong_json_type",
            FhirError::PatientWithoutId => "patient_without_id",
            FhirError::UnusableId { .. } => "unusable_patient_id",
            FhirError::DuplicatePatient { .. } => "duplicate_patient",
            FhirError::NoSubject => "no_subject",
            FhirError::BadReference { .. } => "bad_reference",
            FhirError::UnknownPatient { .. } => "unknown_patient",
            FhirError::UnknownMedication { .. } => "unknown_medication",
            FhirError::NoValue { .. } => "no_value",
            FhirError::MissingUnit { .. } => "missing_unit",
            FhirError::UnknownUnit { .. } => "unknown_ucum_unit",
            FhirError::UnitNotConvertible { .. } => "unit_not_convertible",
            FhirError::NotANumber { .. } => "quantity_not_a_number",
            FhirError::NonFinite { .. } => "non_finite",
            FhirError::Implausible { .. } => "implausible_value",
            FhirError::BadDate { .. } => "bad_date",
            FhirError::NoDate { .. } => "no_date",
            FhirError::UnknownLevel { .. } => "unknown_level",
            FhirError::AmbiguousEntity { .. } => "ambiguous_entity",
            FhirError::SeveralEntities { .. } => "several_entities",
            FhirError::NoPatients => "no_patients",
        }
    }
}

impl fmt::Display for FhirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FhirError::NotJson {
                line,
                column,
                parser,
            } => write!(
                f,
                "this is not JSON (line {line}, column {column}: {parser}); nothing of it was read"
            ),
            FhirError::NotAnObject { found } => write!(
                f,
                "a resource must be a JSON object, but this is {found}; it was skipped"
            ),
            FhirError::NoResourceType => f.write_str(
                "the object has no resourceType, so it is no FHIR resource; it was skipped",
            ),
            FhirError::BadResourceType { found } => write!(
                f,
                "resourceType {found} is not a FHIR resource type; the object was skipped"
            ),
            FhirError::UnsupportedBundleType { found } => write!(
                f,
                "a Bundle of type \"{found}\" is not read (only collection, searchset, transaction, batch and document Bundles are)"
            ),
            FhirError::EmptyBundle => f.write_str("the Bundle has no entries"),
            FhirError::EntryWithoutResource => {
                f.write_str("the Bundle entry has no resource; it was skipped")
            }
            FhirError::WrongType { expected, found } => {
                write!(
                    f,
                    "expected {expected} but found {found}; the field was not used"
                )
            }
            FhirError::PatientWithoutId => {
                f.write_str("the Patient has no id, so no resource can refer to it; it was skipped")
            }
            FhirError::UnusableId { id } => write!(
                f,
                "the Patient id \"{id}\" would read as a missing value (or has surrounding spaces) in a cohort file; the Patient was skipped"
            ),
            FhirError::DuplicatePatient { id, first } => write!(
                f,
                "Patient/{id} was already read ({first}); this second one was skipped"
            ),
            FhirError::NoSubject => {
                f.write_str("the resource names no patient (no subject reference); it was skipped")
            }
            FhirError::BadReference { reference } => write!(
                f,
                "\"{reference}\" is not a reference to a Patient (Patient/id); the resource was skipped"
            ),
            FhirError::UnknownPatient { reference } => write!(
                f,
                "refers to {reference}, which is not in the input; the resource was skipped"
            ),
            FhirError::UnknownMedication { reference } => write!(
                f,
                "refers to {reference}, which is not in the input; the medication was skipped"
            ),
            FhirError::NoValue { marker } => write!(
                f,
                "the Observation of {marker} has no value; it was skipped"
            ),
            FhirError::MissingUnit {
                marker,
                marker_unit,
            } => write!(
                f,
                "the quantity of {marker} has no unit (expected something convertible to {marker_unit}); it was skipped"
            ),
            FhirError::UnknownUnit { unit, reason } => write!(
                f,
                "the unit \"{unit}\" is not a UCUM unit survlens knows ({reason}); the value was skipped"
            ),
            FhirError::UnitNotConvertible {
                unit,
                marker,
                marker_unit,
            } => write!(
                f,
                "the unit \"{unit}\" cannot be converted to {marker}'s unit {marker_unit}; the value was skipped"
            ),
            FhirError::NotANumber { found } => write!(
                f,
                "the quantity's value {found} is not a number; it was skipped"
            ),
            FhirError::NonFinite { marker } => write!(
                f,
                "the value of {marker} is not finite in the marker's unit; it was skipped"
            ),
            FhirError::Implausible {
                marker,
                value,
                unit,
                requirement,
            } => write!(
                f,
                "{marker} of {} {unit} is implausible ({requirement}); it was skipped",
                survlens_data::display::round_significant(*value, 4)
            ),
            FhirError::BadDate { value } => write!(
                f,
                "\"{value}\" is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime); the resource was skipped"
            ),
            FhirError::NoDate { marker } => write!(
                f,
                "the value of {marker} has no date, so it cannot be placed before the index date; it was skipped"
            ),
            FhirError::UnknownLevel { marker, answer } => write!(
                f,
                "\"{answer}\" is none of {marker}'s levels; the value was skipped"
            ),
            FhirError::AmbiguousEntity { code, candidates } => write!(
                f,
                "{code} fits several cancer entities ({}) and no histology (LOINC 59847-4) tells which; the entity was left missing",
                candidates.join(", ")
            ),
            FhirError::SeveralEntities { used, other } => write!(
                f,
                "the patient has tumour diagnoses of {used} and {other}; the earliest, {used}, was used"
            ),
            FhirError::NoPatients => f.write_str(
                "the input holds no Patient resource, so there is no patient to make a row of",
            ),
        }
    }
}

/// A phrase the reader puts into a sentence (what a JSON value is, what FHIR expects, what
/// a value must be), as its own catalogue message; one it does not know stays as written.
fn phrase(text: &'static str) -> MessageArg {
    let key = match text {
        "null" => "fhir-kind-null",
        "a boolean" => "fhir-kind-boolean",
        "a number" => "fhir-kind-number",
        "a string" => "fhir-kind-string",
        "an array" => "fhir-kind-array",
        "an object" => "fhir-kind-object",
        "an array of entries" => "fhir-kind-entries",
        "a date string" => "fhir-kind-date-string",
        "a reference string" => "fhir-kind-reference-string",
        "a Quantity object" => "fhir-kind-quantity-object",
        "a valueQuantity" => "fhir-kind-value-quantity",
        "another kind of value" => "fhir-kind-other-value",
        "an age lies between 0 and 125 years on the index date" => "fhir-rule-age",
        "a measured amount cannot be negative" => "fhir-rule-not-negative",
        "a share cannot exceed 100%" => "fhir-rule-share",
        _ => return MessageArg::text(text),
    };
    MessageArg::Nested(Box::new(Message::plain(key)))
}

impl Describe for FhirError {
    fn message(&self) -> Message {
        use MessageArg as A;
        match self {
            FhirError::NotJson {
                line,
                column,
                parser,
            } => Message::new(
                "fhir-not-json",
                vec![
                    ("line", A::text(line)),
                    ("column", A::text(column)),
                    ("parser", A::text(parser)),
                ],
            ),
            FhirError::NotAnObject { found } => {
                Message::new("fhir-not-an-object", vec![("found", phrase(found))])
            }
            FhirError::NoResourceType => Message::plain("fhir-no-resource-type"),
            FhirError::BadResourceType { found } => {
                Message::new("fhir-bad-resource-type", vec![("found", A::text(found))])
            }
            FhirError::UnsupportedBundleType { found } => Message::new(
                "fhir-unsupported-bundle-type",
                vec![("found", A::text(found))],
            ),
            FhirError::EmptyBundle => Message::plain("fhir-empty-bundle"),
            FhirError::EntryWithoutResource => Message::plain("fhir-entry-without-resource"),
            FhirError::WrongType { expected, found } => Message::new(
                "fhir-wrong-type",
                vec![("expected", phrase(expected)), ("found", phrase(found))],
            ),
            FhirError::PatientWithoutId => Message::plain("fhir-patient-without-id"),
            FhirError::UnusableId { id } => {
                Message::new("fhir-unusable-id", vec![("id", A::text(id))])
            }
            FhirError::DuplicatePatient { id, first } => Message::new(
                "fhir-duplicate-patient",
                vec![
                    ("id", A::text(id)),
                    ("first", A::Nested(Box::new(first.message()))),
                ],
            ),
            FhirError::NoSubject => Message::plain("fhir-no-subject"),
            FhirError::BadReference { reference } => Message::new(
                "fhir-bad-reference",
                vec![("reference", A::text(reference))],
            ),
            FhirError::UnknownPatient { reference } => Message::new(
                "fhir-unknown-patient",
                vec![("reference", A::text(reference))],
            ),
            FhirError::UnknownMedication { reference } => Message::new(
                "fhir-unknown-medication",
                vec![("reference", A::text(reference))],
            ),
            FhirError::NoValue { marker } => {
                Message::new("fhir-no-value", vec![("marker", A::text(marker))])
            }
            FhirError::MissingUnit {
                marker,
                marker_unit,
            } => Message::new(
                "fhir-missing-unit",
                vec![
                    ("marker", A::text(marker)),
                    ("marker_unit", A::text(marker_unit)),
                ],
            ),
            FhirError::UnknownUnit { unit, reason } => Message::new(
                "fhir-unknown-unit",
                vec![("unit", A::text(unit)), ("reason", A::nested(reason))],
            ),
            FhirError::UnitNotConvertible {
                unit,
                marker,
                marker_unit,
            } => Message::new(
                "fhir-unit-not-convertible",
                vec![
                    ("unit", A::text(unit)),
                    ("marker", A::text(marker)),
                    ("marker_unit", A::text(marker_unit)),
                ],
            ),
            FhirError::NotANumber { found } => {
                Message::new("fhir-not-a-number", vec![("found", A::text(found))])
            }
            FhirError::NonFinite { marker } => {
                Message::new("fhir-non-finite", vec![("marker", A::text(marker))])
            }
            FhirError::Implausible {
                marker,
                value,
                unit,
                requirement,
            } => {
                // Rounded as Display rounds it, then written with the language's decimal mark.
                let rounded = survlens_data::display::round_significant(*value, 4);
                Message::new(
                    "fhir-implausible",
                    vec![
                        ("marker", A::text(marker)),
                        ("value", A::Number(rounded.parse().unwrap_or(*value))),
                        ("unit", A::text(unit)),
                        ("requirement", phrase(requirement)),
                    ],
                )
            }
            FhirError::BadDate { value } => {
                Message::new("fhir-bad-date", vec![("value", A::text(value))])
            }
            FhirError::NoDate { marker } => {
                Message::new("fhir-no-date", vec![("marker", A::text(marker))])
            }
            FhirError::UnknownLevel { marker, answer } => Message::new(
                "fhir-unknown-level",
                vec![("marker", A::text(marker)), ("answer", A::text(answer))],
            ),
            FhirError::AmbiguousEntity { code, candidates } => Message::new(
                "fhir-ambiguous-entity",
                vec![
                    ("code", A::text(code)),
                    ("candidates", A::text(candidates.join(", "))),
                ],
            ),
            FhirError::SeveralEntities { used, other } => Message::new(
                "fhir-several-entities",
                vec![("used", A::text(used)), ("other", A::text(other))],
            ),
            FhirError::NoPatients => Message::plain("fhir-no-patients"),
        }
    }
}

/// Where, built up part by part as [`Location`]'s `Display` writes it.
impl Describe for Location {
    fn message(&self) -> Message {
        use MessageArg as A;
        let mut at = Message::new("fhir-at-file", vec![("file", A::text(&self.file))]);
        if let Some(line) = self.line {
            at = Message::new(
                "fhir-at-line",
                vec![("at", A::Nested(Box::new(at))), ("line", A::text(line))],
            );
        }
        if let Some(entry) = &self.entry {
            at = Message::new(
                "fhir-at-entry",
                vec![("at", A::Nested(Box::new(at))), ("entry", A::text(entry))],
            );
        }
        match (&self.resource, &self.path) {
            (Some(r), Some(p)) => Message::new(
                "fhir-at-resource-path",
                vec![
                    ("at", A::Nested(Box::new(at))),
                    ("resource", A::text(r)),
                    ("path", A::text(p)),
                ],
            ),
            (Some(r), None) => Message::new(
                "fhir-at-resource",
                vec![("at", A::Nested(Box::new(at))), ("resource", A::text(r))],
            ),
            (None, Some(p)) => Message::new(
                "fhir-at-path",
                vec![("at", A::Nested(Box::new(at))), ("path", A::text(p))],
            ),
            (None, None) => at,
        }
    }
}

/// A problem and where it is. Serialised (the report's stable contract) as its `code`, the
/// sentence (`message`), the place (`at`) and the kind's values (`details`).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where.
    pub at: Location,
    /// What.
    pub error: FhirError,
}

impl Problem {
    /// The stable name of the problem's kind.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.error)
    }
}

impl Describe for Problem {
    fn message(&self) -> Message {
        Message::new(
            "fhir-problem",
            vec![
                ("at", MessageArg::nested(&self.at)),
                ("error", MessageArg::nested(&self.error)),
            ],
        )
    }
}

impl std::error::Error for Problem {}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Problem", 4)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.error.to_string())?;
        st.serialize_field("at", &self.at)?;
        st.serialize_field("details", &self.error)?;
        st.end()
    }
}

impl Serialize for UcumError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
