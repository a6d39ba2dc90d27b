//! Reading the input: files to resources (Bundles, NDJSON of resources or of Bundles, a
//! single resource), resources to the few facts survlens uses, each with where it was.
//!
//! Every resource is reduced to small records as soon as it is parsed and its JSON is
//! dropped, so a bulk export of thousands of patients never sits in memory as JSON trees.
//! References to patients and medications are resolved once everything is read
//! ([`crate::assemble`]), so that the order of files and lines does not matter.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use survlens_synth::MarkerKind;

use crate::catalogue::{Catalogue, HISTOLOGY_LOINC};
use crate::date::{self, Day};
use crate::error::{FhirError, Location, Problem};
use crate::ucum;

/// One input file: its name (for messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The name messages give the file (e.g. `Observation.ndjson`).
    pub name: &'a str,
    /// The file's content.
    pub bytes: &'a [u8],
}

/// Code systems survlens reads.
pub(crate) const LOINC: &str = "http://loinc.org";
const ICD10_SYSTEMS: [&str; 3] = [
    "http://hl7.org/fhir/sid/icd-10",
    "http://fhir.de/CodeSystem/bfarm/icd-10-gm",
    "http://fhir.de/CodeSystem/dimdi/icd-10-gm",
];
const ATC_SYSTEMS: [&str; 3] = [
    "http://fhir.de/CodeSystem/bfarm/atc",
    "http://www.whocc.no/atc",
    "http://fhir.de/CodeSystem/dimdi/atc",
];
pub(crate) const UCUM_SYSTEM: &str = "http://unitsofmeasure.org";
const CERTAINTY_EXTENSION: &str = "http://fhir.de/StructureDefinition/icd-10-gm-diagnosesicherheit";

/// Bundles inside Bundles are read this deep.
const MAX_DEPTH: usize = 4;

/// A value of a marker from one Observation, before the index date chooses.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) subject: String,
    pub(crate) marker: usize,
    /// In the marker's unit, or the level index of a categorical marker.
    pub(crate) value: f64,
    pub(crate) date: Option<Day>,
    pub(crate) at: Location,
}

/// A coded fact (a diagnosis, a drug) that sets binary markers or names an entity.
#[derive(Clone, Debug)]
pub(crate) struct Fact {
    pub(crate) subject: String,
    pub(crate) date: Option<Day>,
    pub(crate) markers: Vec<usize>,
    /// A tumour diagnosis: its code and the entities it fits.
    pub(crate) tumour: Option<(String, Vec<usize>)>,
    /// A medication reference still to resolve.
    pub(crate) medication: Option<String>,
    pub(crate) at: Location,
}

/// A histology Observation: ICD-O-3 morphology.
#[derive(Clone, Debug)]
pub(crate) struct Histology {
    pub(crate) subject: String,
    pub(crate) morphology: u32,
    pub(crate) date: Option<Day>,
}

/// A Patient.
#[derive(Clone, Debug)]
pub(crate) struct PatientRecord {
    pub(crate) id: String,
    pub(crate) birth: Option<Day>,
    pub(crate) gender: Option<String>,
    pub(crate) at: Location,
}

/// A code or text that mapped to nothing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Unmapped {
    pub(crate) resource_type: String,
    pub(crate) system: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) text: Option<String>,
}

/// A code that mapped, and to what.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mapped {
    pub(crate) resource_type: &'static str,
    pub(crate) system: String,
    pub(crate) code: String,
    pub(crate) target: String,
}

/// A unit conversion applied.
#[derive(Clone, Debug, PartialEq, PartialOrd)]
pub(crate) struct ConversionKey {
    pub(crate) marker: usize,
    pub(crate) loinc: String,
    pub(crate) from: String,
    pub(crate) factor: f64,
    pub(crate) molar_mass: Option<f64>,
}

/// Counts of one resource type.
#[derive(Clone, Debug, Default)]
pub(crate) struct TypeCount {
    pub(crate) read: usize,
    pub(crate) used: usize,
    pub(crate) with_problems: usize,
}

/// Everything read from the inputs.
#[derive(Default)]
pub(crate) struct Records {
    pub(crate) patients: Vec<PatientRecord>,
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) facts: Vec<Fact>,
    pub(crate) histologies: Vec<Histology>,
    /// Medications by `Medication/id` and by their Bundle `fullUrl`: the markers their
    /// codes fill, or what did not map.
    pub(crate) medications: HashMap<String, Vec<usize>>,
    /// Patient `fullUrl`s of Bundle entries, to the patient id.
    pub(crate) patient_urls: HashMap<String, String>,
    pub(crate) counts: BTreeMap<String, TypeCount>,
    pub(crate) files: Vec<(String, usize)>,
    pub(crate) unmapped: BTreeMap<Unmapped, usize>,
    pub(crate) mapped: BTreeMap<Mapped, usize>,
    pub(crate) conversions: Vec<(ConversionKey, usize)>,
    pub(crate) problems: Vec<Problem>,
}

/// Reads every input into records.
pub(crate) fn read_all(inputs: &[Input<'_>], catalogue: &Catalogue) -> Records {
    let mut reader = Reader {
        catalogue,
        records: Records::default(),
    };
    for input in inputs {
        let before: usize = reader.records.counts.values().map(|c| c.read).sum();
        reader.file(input);
        let after: usize = reader.records.counts.values().map(|c| c.read).sum();
        reader
            .records
            .files
            .push((input.name.to_owned(), after - before));
    }
    reader.records
}

struct Reader<'c> {
    catalogue: &'c Catalogue,
    records: Records,
}

/// What a JSON value is, for messages.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON syntax error; `first_line` is the file line the parsed text starts on. The
/// parser's words lose their own "at line L column C", which the fields carry.
fn not_json(e: &serde_json::Error, first_line: u64) -> FhirError {
    let words = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    FhirError::NotJson {
        line: first_line + e.line() as u64 - 1,
        column: e.column() as u64,
        parser: words.strip_suffix(&suffix).unwrap_or(&words).to_owned(),
    }
}

/// Whether a file is NDJSON: by its name, or because its first non-empty line is a
/// complete JSON object and more follows.
fn is_ndjson(input: &Input<'_>) -> bool {
    let name = input.name.to_ascii_lowercase();
    if name.ends_with(".ndjson") || name.ends_with(".jsonl") {
        return true;
    }
    if name.ends_with(".json") {
        return false;
    }
    let mut lines = input
        .bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    match (lines.next(), lines.next()) {
        (Some(first), Some(_)) => {
            serde_json::from_slice::<Value>(first).is_ok_and(|v| v.is_object())
        }
        _ => false,
    }
}

impl Reader<'_> {
    fn problem(&mut self, at: Location, error: FhirError) {
        self.records.problems.push(Problem { at, error });
    }

    fn file(&mut self, input: &Input<'_>) {
        let at = Location {
            file: input.name.to_owned(),
            ..Location::default()
        };
        if is_ndjson(input) {
            for (i, line) in input.bytes.split(|&b| b == b'\n').enumerate() {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let at = Location {
                    line: Some(i as u64 + 1),
                    ..at.clone()
                };
                match serde_json::from_slice::<Value>(line) {
                    Ok(v) => self.value(v, at, 0),
                    Err(e) => self.problem(at, not_json(&e, i as u64 + 1)),
                }
            }
        } else {
            match serde_json::from_slice::<Value>(input.bytes) {
                Ok(v) => self.value(v, at, 0),
                Err(e) => {
                    let at = Location {
                        line: Some(e.line() as u64),
                        ..at
                    };
                    self.problem(at, not_json(&e, 1));
                }
            }
        }
    }

    fn value(&mut self, v: Value, at: Location, depth: usize) {
        match v {
            Value::Object(map) => self.resource(&map, at, depth, None),
            other => self.problem(
                at,
                FhirError::NotAnObject {
                    found: kind_of(&other),
                },
            ),
        }
    }

    fn resource(
        &mut self,
        map: &Map<String, Value>,
        mut at: Location,
        depth: usize,
        full_url: Option<&str>,
    ) {
        let resource_type = match map.get("resourceType") {
            None => return self.problem(at, FhirError::NoResourceType),
            Some(Value::String(s)) if is_type_name(s) => s.clone(),
            Some(other) => {
                return self.problem(
                    at,
                    FhirError::BadResourceType {
                        found: other.to_string(),
                    },
                );
            }
        };
        let id = map.get("id").and_then(Value::as_str);
        at.resource = Some(match id {
            Some(id) => format!("{resource_type}/{id}"),
            None => resource_type.clone(),
        });
        let problems_before = self.records.problems.len();
        let used = match resource_type.as_str() {
            "Bundle" => {
                self.bundle(map, &at, depth);
                false
            }
            "Patient" => self.patient(map, &at, id, full_url),
            "Observation" => self.observation(map, &at),
            "Condition" => self.condition(map, &at),
            "MedicationStatement" | "MedicationAdministration" => {
                self.medication_use(map, &at, &resource_type)
            }
            "Medication" => self.medication(map, &at, id, full_url),
            _ => false,
        };
        let count = self.records.counts.entry(resource_type).or_default();
        count.read += 1;
        count.used += usize::from(used);
        if self.records.problems.len() > problems_before
            && !at
                .resource
                .as_deref()
                .is_some_and(|r| r.starts_with("Bundle"))
        {
            count.with_problems += 1;
        }
    }

    fn bundle(&mut self, map: &Map<String, Value>, at: &Location, depth: usize) {
        if depth >= MAX_DEPTH {
            return;
        }
        if let Some(kind) = map.get("type").and_then(Value::as_str)
            && !matches!(
                kind,
                "collection" | "searchset" | "transaction" | "batch" | "document"
            )
        {
            return self.problem(
                at.at("type"),
                FhirError::UnsupportedBundleType {
                    found: kind.to_owned(),
                },
            );
        }
        let entries = match map.get("entry") {
            None => return self.problem(at.at("entry"), FhirError::EmptyBundle),
            Some(Value::Array(entries)) if entries.is_empty() => {
                return self.problem(at.at("entry"), FhirError::EmptyBundle);
            }
            Some(Value::Array(entries)) => entries,
            Some(other) => {
                return self.problem(
                    at.at("entry"),
                    FhirError::WrongType {
                        expected: "an array of entries",
                        found: kind_of(other),
                    },
                );
            }
        };
        let prefix = at.entry.clone();
        for (i, entry) in entries.iter().enumerate() {
            let name = match &prefix {
                Some(p) => format!("{p}.resource.entry[{i}]"),
                None => format!("entry[{i}]"),
            };
            let entry_at = Location {
                file: at.file.clone(),
                line: at.line,
                entry: Some(name),
                resource: None,
                path: None,
            };
            let full_url = entry.get("fullUrl").and_then(Value::as_str);
            match entry.get("resource") {
                Some(Value::Object(resource)) => {
                    self.resource(resource, entry_at, depth + 1, full_url);
                }
                Some(other) => self.problem(
                    entry_at.at("resource"),
                    FhirError::NotAnObject {
                        found: kind_of(other),
                    },
                ),
                None => self.problem(entry_at, FhirError::EntryWithoutResource),
            }
        }
    }

    fn patient(
        &mut self,
        map: &Map<String, Value>,
        at: &Location,
        id: Option<&str>,
        full_url: Option<&str>,
    ) -> bool {
        let Some(id) = id else {
            self.problem(at.clone(), FhirError::PatientWithoutId);
            return false;
        };
        // The cohort table refuses ids a CSV would read as missing (`NA`) or that change
        // when trimmed; one such Patient must not refuse the whole import.
        if survlens_data::cell::is_missing(id) || survlens_data::cell::trim(id) != id {
            self.problem(at.at("id"), FhirError::UnusableId { id: id.to_owned() });
            return false;
        }
        let birth = match map.get("birthDate") {
            None => None,
            Some(v) => match self.date_of(v, &at.at("birthDate")) {
                Some(d) => Some(d),
                None => return false,
            },
        };
        let gender = map.get("gender").and_then(Value::as_str).map(str::to_owned);
        // "other" and "unknown" leave the sex missing: listed as not mapped, not a problem.
        if let Some(g) = gender
            .as_deref()
            .filter(|g| !matches!(*g, "female" | "male"))
        {
            self.unmapped(
                "Patient",
                &[Coding {
                    system: Some("http://hl7.org/fhir/administrative-gender".to_owned()),
                    code: Some(g.to_owned()),
                    ..Coding::default()
                }],
                None,
            );
        }
        if let Some(url) = full_url {
            self.records
                .patient_urls
                .insert(url.to_owned(), id.to_owned());
        }
        self.records.patients.push(PatientRecord {
            id: id.to_owned(),
            birth,
            gender,
            at: at.clone(),
        });
        true
    }

    /// A date field's day; a problem (and `None`) when it is not a FHIR date.
    fn date_of(&mut self, v: &Value, at: &Location) -> Option<Day> {
        match v {
            Value::String(s) => match date::parse(s) {
                Some(d) => Some(d),
                None => {
                    self.problem(at.clone(), FhirError::BadDate { value: s.clone() });
                    None
                }
            },
            other => {
                self.problem(
                    at.clone(),
                    FhirError::WrongType {
                        expected: "a date string",
                        found: kind_of(other),
                    },
                );
                None
            }
        }
    }

    /// The first date of `fields` present (a `...Period` field gives its start); `Err` if
    /// it is not a date (reported).
    fn first_date(
        &mut self,
        map: &Map<String, Value>,
        fields: &[&str],
        at: &Location,
    ) -> Result<Option<Day>, ()> {
        for field in fields {
            let (value, path) = if let Some(period) = field.strip_suffix(".start") {
                match map.get(period).and_then(|p| p.get("start")) {
                    Some(v) => (v, (*field).to_owned()),
                    None => continue,
                }
            } else {
                match map.get(*field) {
                    Some(v) => (v, (*field).to_owned()),
                    None => continue,
                }
            };
            return match self.date_of(value, &at.at(path)) {
                Some(d) => Ok(Some(d)),
                None => Err(()),
            };
        }
        Ok(None)
    }

    /// The subject reference of a clinical resource, or a problem.
    fn subject(&mut self, map: &Map<String, Value>, at: &Location) -> Option<String> {
        let field = ["subject", "patient"]
            .into_iter()
            .find(|f| map.contains_key(*f));
        let Some(field) = field else {
            self.problem(at.clone(), FhirError::NoSubject);
            return None;
        };
        match map.get(field).and_then(|s| s.get("reference")) {
            Some(Value::String(r)) => Some(r.clone()),
            Some(other) => {
                self.problem(
                    at.at(format!("{field}.reference")),
                    FhirError::WrongType {
                        expected: "a reference string",
                        found: kind_of(other),
                    },
                );
                None
            }
            None => {
                self.problem(at.at(field), FhirError::NoSubject);
                None
            }
        }
    }

    fn observation(&mut self, map: &Map<String, Value>, at: &Location) -> bool {
        if let Some(status @ ("entered-in-error" | "cancelled")) =
            map.get("status").and_then(Value::as_str)
        {
            self.not_counted("Observation", map.get("code"), status);
            return false;
        }
        let Some(subject) = self.subject(map, at) else {
            return false;
        };
        let Ok(date) = self.first_date(
            map,
            &[
                "effectiveDateTime",
                "effectivePeriod.start",
                "effectiveInstant",
                "issued",
            ],
            at,
        ) else {
            return false;
        };
        let mut used = self.observed(map, "", &subject, date, at);
        if let Some(Value::Array(components)) = map.get("component") {
            for (i, component) in components.iter().enumerate() {
                if let Value::Object(c) = component {
                    used |= self.observed(c, &format!("component[{i}]."), &subject, date, at);
                }
            }
        }
        used
    }

    /// One coded value: the Observation itself (`prefix` empty) or one of its components.
    fn observed(
        &mut self,
        map: &Map<String, Value>,
        prefix: &str,
        subject: &str,
        date: Option<Day>,
        at: &Location,
    ) -> bool {
        let coded = codings(map.get("code"));
        let has_value = map.keys().any(|k| k.starts_with("value"));
        if prefix.is_empty() && !has_value && map.contains_key("component") {
            // A panel (blood pressure): its components carry the values.
            return false;
        }
        let route = coded
            .iter()
            .filter(|c| c.system.as_deref() == Some(LOINC))
            .find_map(|c| {
                let code = c.code.as_deref()?;
                if code == HISTOLOGY_LOINC {
                    return Some((code.to_owned(), None));
                }
                self.catalogue
                    .loinc
                    .get(code)
                    .map(|r| (code.to_owned(), Some(*r)))
            });
        let Some((loinc, route)) = route else {
            self.unmapped("Observation", &coded, text(map.get("code")));
            return false;
        };
        let Some(route) = route else {
            // Histology: the morphology decides the entity later.
            let morphology = codings(map.get("valueCodeableConcept"))
                .iter()
                .find_map(|c| c.code.as_deref().and_then(crate::entity::morphology));
            if let Some(morphology) = morphology {
                self.records.histologies.push(Histology {
                    subject: subject.to_owned(),
                    morphology,
                    date,
                });
                return true;
            }
            return false;
        };
        let marker = route.marker;
        let spec = self.catalogue.markers[marker];
        let value = match spec.kind {
            MarkerKind::Categorical { levels, .. } => self.level(map, prefix, levels, spec.id, at),
            _ => self.quantity(map, prefix, marker, &loinc, route.member_molar_mass, at),
        };
        let Some(value) = value else {
            return false;
        };
        *self
            .records
            .mapped
            .entry(Mapped {
                resource_type: "Observation",
                system: LOINC.to_owned(),
                code: loinc,
                target: spec.id.to_owned(),
            })
            .or_default() += 1;
        self.records.candidates.push(Candidate {
            subject: subject.to_owned(),
            marker,
            value,
            date,
            at: at.clone(),
        });
        true
    }

    /// A numeric marker's value in its unit, or a problem.
    fn quantity(
        &mut self,
        map: &Map<String, Value>,
        prefix: &str,
        marker: usize,
        loinc: &str,
        member_molar_mass: Option<f64>,
        at: &Location,
    ) -> Option<f64> {
        let spec = self.catalogue.markers[marker];
        let (raw, unit_text, path) = if let Some(q) = map.get("valueQuantity") {
            let Value::Object(q) = q else {
                self.problem(
                    at.at(format!("{prefix}valueQuantity")),
                    FhirError::WrongType {
                        expected: "a Quantity object",
                        found: kind_of(q),
                    },
                );
                return None;
            };
            // The UCUM code when the system is UCUM (or absent), else the unit text.
            let code = q.get("code").and_then(Value::as_str);
            let system = q.get("system").and_then(Value::as_str);
            let unit = q.get("unit").and_then(Value::as_str);
            let (unit_text, field) = match (code, system) {
                (Some(c), Some(UCUM_SYSTEM) | None) => (Some(c.to_owned()), "code"),
                _ => (unit.map(ucum::from_display), "unit"),
            };
            let written = if field == "code" { code } else { unit };
            (
                q.get("value").cloned(),
                unit_text.map(|u| (u, written.unwrap_or_default().to_owned(), field)),
                format!("{prefix}valueQuantity"),
            )
        } else if let Some(v) = map.get("valueInteger") {
            (Some(v.clone()), None, format!("{prefix}valueInteger"))
        } else {
            if !map.keys().any(|k| k.starts_with("value")) {
                self.problem(
                    at.at(format!("{prefix}value[x]")),
                    FhirError::NoValue { marker: spec.id },
                );
            } else {
                self.problem(
                    at.at(format!("{prefix}value[x]")),
                    FhirError::WrongType {
                        expected: "a valueQuantity",
                        found: "another kind of value",
                    },
                );
            }
            return None;
        };
        let x = match raw {
            Some(Value::Number(n)) => n.as_f64()?,
            Some(other) => {
                self.problem(
                    at.at(format!("{path}.value")),
                    FhirError::NotANumber {
                        found: other.to_string(),
                    },
                );
                return None;
            }
            None => {
                self.problem(
                    at.at(format!("{path}.value")),
                    FhirError::NoValue { marker: spec.id },
                );
                return None;
            }
        };
        let target = self.catalogue.units[marker]?;
        let (factor, molar, from_text) = match unit_text {
            None if target.factor_to(&ucum::Unit::ONE).is_some() => (1.0, None, String::from("1")),
            None => {
                self.problem(
                    at.at(format!("{path}.unit")),
                    FhirError::MissingUnit {
                        marker: spec.id,
                        marker_unit: spec.unit,
                    },
                );
                return None;
            }
            Some((ucum_text, written, field)) => {
                let unit = match ucum::parse(&ucum_text) {
                    Ok(u) => u,
                    Err(reason) => {
                        self.problem(
                            at.at(format!("{path}.{field}")),
                            FhirError::UnknownUnit {
                                unit: written,
                                reason,
                            },
                        );
                        return None;
                    }
                };
                let unit = if self.catalogue.international_units[marker] {
                    unit.enzyme_as_international()
                } else {
                    unit
                };
                match convert(
                    &unit,
                    &target,
                    member_molar_mass.or(self.catalogue.molar_mass[marker]),
                    self.catalogue.molar_mass[marker],
                ) {
                    Some((f, m)) => (f, m, written),
                    None => {
                        self.problem(
                            at.at(format!("{path}.{field}")),
                            FhirError::UnitNotConvertible {
                                unit: written,
                                marker: spec.id,
                                marker_unit: spec.unit,
                            },
                        );
                        return None;
                    }
                }
            }
        };
        let value = x * factor;
        if !value.is_finite() {
            self.problem(
                at.at(format!("{path}.value")),
                FhirError::NonFinite { marker: spec.id },
            );
            return None;
        }
        if value < 0.0 {
            self.problem(
                at.at(format!("{path}.value")),
                FhirError::Implausible {
                    marker: spec.id,
                    value,
                    unit: spec.unit,
                    requirement: "a measured amount cannot be negative",
                },
            );
            return None;
        }
        if spec.unit == "%" && value > 100.0 {
            self.problem(
                at.at(format!("{path}.value")),
                FhirError::Implausible {
                    marker: spec.id,
                    value,
                    unit: spec.unit,
                    requirement: "a share cannot exceed 100%",
                },
            );
            return None;
        }
        if from_text != spec.unit {
            self.conversion(ConversionKey {
                marker,
                loinc: loinc.to_owned(),
                from: from_text,
                factor,
                molar_mass: molar,
            });
        }
        Some(value)
    }

    fn conversion(&mut self, key: ConversionKey) {
        match self.records.conversions.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => self.records.conversions.push((key, 1)),
        }
    }

    /// A categorical marker's level index from a coded, integer or quantity answer.
    fn level(
        &mut self,
        map: &Map<String, Value>,
        prefix: &str,
        levels: &[&str],
        marker: &'static str,
        at: &Location,
    ) -> Option<f64> {
        let mut answers: Vec<String> = Vec::new();
        let path;
        if let Some(concept) = map.get("valueCodeableConcept") {
            path = format!("{prefix}valueCodeableConcept");
            for c in codings(Some(concept)) {
                answers.extend(c.code.clone());
                answers.extend(c.display.clone());
            }
            answers.extend(text(Some(concept)));
        } else if let Some(v) = map.get("valueInteger") {
            path = format!("{prefix}valueInteger");
            answers.push(v.to_string());
        } else if let Some(v) = map.get("valueQuantity").and_then(|q| q.get("value")) {
            path = format!("{prefix}valueQuantity.value");
            answers.push(v.to_string());
        } else if let Some(Value::String(s)) = map.get("valueString") {
            path = format!("{prefix}valueString");
            answers.push(s.clone());
        } else {
            self.problem(
                at.at(format!("{prefix}value[x]")),
                FhirError::NoValue { marker },
            );
            return None;
        }
        if let Some(k) = answers.iter().find_map(|a| level_of(a, levels)) {
            return Some(k as f64);
        }
        self.problem(
            at.at(path),
            FhirError::UnknownLevel {
                marker,
                answer: answers.first().cloned().unwrap_or_default(),
            },
        );
        None
    }

    fn condition(&mut self, map: &Map<String, Value>, at: &Location) -> bool {
        let refuted = ["verificationStatus"].iter().any(|f| {
            codings(map.get(*f))
                .iter()
                .any(|c| matches!(c.code.as_deref(), Some("refuted" | "entered-in-error")))
        });
        if refuted {
            self.not_counted("Condition", map.get("code"), "refuted");
            return false;
        }
        let Some(subject) = self.subject(map, at) else {
            return false;
        };
        let Ok(date) = self.first_date(
            map,
            &["onsetDateTime", "onsetPeriod.start", "recordedDate"],
            at,
        ) else {
            return false;
        };
        let codings = codings(map.get("code"));
        let mut markers = Vec::new();
        let mut tumour = None;
        let mut any_code = false;
        for c in &codings {
            let (Some(system), Some(code)) = (c.system.as_deref(), c.code.as_deref()) else {
                continue;
            };
            if !ICD10_SYSTEMS.contains(&system) {
                continue;
            }
            any_code = true;
            let Some(mut diagnosis) = crate::icd10::parse(code) else {
                self.unmapped("Condition", std::slice::from_ref(c), None);
                continue;
            };
            if diagnosis.certainty.is_none() {
                diagnosis.certainty = c.certainty;
            }
            if !diagnosis.counts() {
                let reason = if diagnosis.certainty == Some('V') {
                    "suspected (V)"
                } else {
                    "excluded (A)"
                };
                self.not_counted("Condition", map.get("code"), reason);
                return false;
            }
            for code in &diagnosis.codes {
                let hits = self.catalogue.icd_markers(code);
                let entities = self.catalogue.icd_entities(code);
                if hits.is_empty() && entities.is_empty() {
                    self.unmapped(
                        "Condition",
                        &[Coding {
                            code: Some(code.clone()),
                            ..c.clone()
                        }],
                        None,
                    );
                    continue;
                }
                for &j in &hits {
                    self.mapped("Condition", system, code, self.catalogue.markers[j].id);
                }
                if !entities.is_empty() && tumour.is_none() {
                    tumour = Some((code.clone(), entities));
                }
                markers.extend(hits);
            }
        }
        if !any_code {
            self.unmapped("Condition", &codings, text(map.get("code")));
        }
        if markers.is_empty() && tumour.is_none() {
            return false;
        }
        self.records.facts.push(Fact {
            subject,
            date,
            markers,
            tumour,
            medication: None,
            at: at.clone(),
        });
        true
    }

    fn mapped(&mut self, resource_type: &'static str, system: &str, code: &str, target: &str) {
        *self
            .records
            .mapped
            .entry(Mapped {
                resource_type,
                system: system.to_owned(),
                code: code.to_owned(),
                target: target.to_owned(),
            })
            .or_default() += 1;
    }

    /// A resource left out by its status or certainty: listed with the reason.
    fn not_counted(&mut self, resource_type: &str, concept: Option<&Value>, reason: &str) {
        let first = codings(concept).into_iter().find(|c| c.code.is_some());
        let key = Unmapped {
            resource_type: resource_type.to_owned(),
            system: first.as_ref().and_then(|c| c.system.clone()),
            code: first.and_then(|c| c.code),
            text: Some(format!("not counted: {reason}")),
        };
        *self.records.unmapped.entry(key).or_default() += 1;
    }

    fn unmapped(&mut self, resource_type: &str, codings: &[Coding], text: Option<String>) {
        let with_code: Vec<&Coding> = codings.iter().filter(|c| c.code.is_some()).collect();
        let key = match with_code.first() {
            Some(c) => Unmapped {
                resource_type: resource_type.to_owned(),
                system: c.system.clone(),
                code: c.code.clone(),
                text: None,
            },
            None => Unmapped {
                resource_type: resource_type.to_owned(),
                system: None,
                code: None,
                text: text.or_else(|| codings.iter().find_map(|c| c.display.clone())),
            },
        };
        *self.records.unmapped.entry(key).or_default() += 1;
    }

    /// The treatment markers of a medication concept; unmapped codes are counted.
    fn atc_markers(&mut self, concept: Option<&Value>, resource_type: &str) -> Vec<usize> {
        let codings = codings(concept);
        let mut markers = Vec::new();
        let mut any = false;
        for c in &codings {
            let (Some(system), Some(code)) = (c.system.as_deref(), c.code.as_deref()) else {
                continue;
            };
            if !ATC_SYSTEMS.contains(&system) {
                continue;
            }
            any = true;
            let Some(code) = crate::atc::canonical(code) else {
                self.unmapped(resource_type, std::slice::from_ref(c), None);
                continue;
            };
            let hits = self.catalogue.atc_markers(&code);
            if hits.is_empty() {
                self.unmapped(resource_type, std::slice::from_ref(c), None);
            }
            for &j in &hits {
                self.mapped("Medication", system, &code, self.catalogue.markers[j].id);
            }
            markers.extend(hits);
        }
        if !any {
            self.unmapped(resource_type, &codings, text(concept));
        }
        markers
    }

    fn medication_use(&mut self, map: &Map<String, Value>, at: &Location, kind: &str) -> bool {
        if let Some(status @ ("entered-in-error" | "not-taken" | "not-done")) =
            map.get("status").and_then(Value::as_str)
        {
            let concept = map.get("medicationCodeableConcept");
            self.not_counted(kind, concept, status);
            return false;
        }
        let Some(subject) = self.subject(map, at) else {
            return false;
        };
        let fields: &[&str] = if kind == "MedicationStatement" {
            &["effectiveDateTime", "effectivePeriod.start", "dateAsserted"]
        } else {
            &["effectiveDateTime", "effectivePeriod.start"]
        };
        let Ok(date) = self.first_date(map, fields, at) else {
            return false;
        };
        let (markers, medication) = if let Some(concept) = map.get("medicationCodeableConcept") {
            (self.atc_markers(Some(concept), kind), None)
        } else if let Some(reference) = map
            .get("medicationReference")
            .and_then(|r| r.get("reference"))
            .and_then(Value::as_str)
        {
            if let Some(local) = reference.strip_prefix('#') {
                let contained = map
                    .get("contained")
                    .and_then(Value::as_array)
                    .and_then(|c| {
                        c.iter()
                            .find(|r| r.get("id").and_then(Value::as_str) == Some(local))
                    });
                match contained {
                    Some(m) => (self.atc_markers(m.get("code"), kind), None),
                    None => {
                        self.problem(
                            at.at("medicationReference.reference"),
                            FhirError::UnknownMedication {
                                reference: reference.to_owned(),
                            },
                        );
                        return false;
                    }
                }
            } else {
                (Vec::new(), Some(reference.to_owned()))
            }
        } else {
            self.unmapped(kind, &[], None);
            return false;
        };
        if markers.is_empty() && medication.is_none() {
            return false;
        }
        self.records.facts.push(Fact {
            subject,
            date,
            markers,
            tumour: None,
            medication,
            at: at.clone(),
        });
        true
    }

    fn medication(
        &mut self,
        map: &Map<String, Value>,
        _at: &Location,
        id: Option<&str>,
        full_url: Option<&str>,
    ) -> bool {
        let markers = self.atc_markers(map.get("code"), "Medication");
        if let Some(id) = id {
            self.records
                .medications
                .insert(format!("Medication/{id}"), markers.clone());
        }
        if let Some(url) = full_url {
            self.records
                .medications
                .insert(url.to_owned(), markers.clone());
        }
        !markers.is_empty()
    }
}

/// Whether `s` reads as a FHIR resource type name (an upper-case letter, then letters).
fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphabetic())
}

/// One coding of a CodeableConcept.
#[derive(Clone, Debug, Default)]
pub(crate) struct Coding {
    pub(crate) system: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) display: Option<String>,
    /// The ICD-10-GM diagnosis-certainty extension's code.
    pub(crate) certainty: Option<char>,
}

/// The codings of a CodeableConcept (fields of the wrong type are left out).
fn codings(concept: Option<&Value>) -> Vec<Coding> {
    let Some(Value::Array(list)) = concept.and_then(|c| c.get("coding")) else {
        return Vec::new();
    };
    list.iter()
        .map(|c| {
            let s = |k: &str| c.get(k).and_then(Value::as_str).map(str::to_owned);
            let certainty = c
                .get("extension")
                .and_then(Value::as_array)
                .and_then(|ext| {
                    ext.iter()
                        .find(|e| e.get("url").and_then(Value::as_str) == Some(CERTAINTY_EXTENSION))
                })
                .and_then(|e| e.get("valueCoding")?.get("code")?.as_str()?.chars().next());
            Coding {
                system: s("system"),
                code: s("code"),
                display: s("display"),
                certainty,
            }
        })
        .collect()
}

fn text(concept: Option<&Value>) -> Option<String> {
    concept
        .and_then(|c| c.get("text"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The level an answer names: the level itself (any case), a number inside a level
/// written as a range (`3` in `3-4`), a UICC stage with its sub-stage (`IIIB` is `III`),
/// or a LOINC / SNOMED CT answer code of smoking status.
fn level_of(answer: &str, levels: &[&str]) -> Option<usize> {
    let a = answer.trim().trim_matches('"');
    if let Some(k) = levels.iter().position(|l| l.eq_ignore_ascii_case(a)) {
        return Some(k);
    }
    // A number inside a range level; a code made of digits (SNOMED CT) may still follow.
    if let Ok(n) = a.parse::<f64>()
        && let Some(k) = levels.iter().position(|l| {
            l.split_once('-').is_some_and(|(lo, hi)| {
                matches!((lo.parse::<f64>(), hi.parse::<f64>()), (Ok(lo), Ok(hi)) if (lo..=hi).contains(&n))
            }) || l.strip_prefix(">=").and_then(|v| v.parse::<f64>().ok()).is_some_and(|v| n >= v)
        })
    {
        return Some(k);
    }
    // UICC stage groups: IA, IIB, IIIC, IVA, IVB.
    let stage = a.trim_end_matches(['A', 'B', 'C', '1', '2', '3']);
    if stage != a
        && let Some(k) = levels.iter().position(|l| *l == stage)
    {
        return Some(k);
    }
    // Smoking status answers (LOINC answer list LL2201-3; SNOMED CT).
    let smoking = match a {
        "LA18978-9" | "266919005" => "never",
        "LA15920-4" | "8517006" => "former",
        "LA18976-3" | "LA18977-1" | "77176002" | "449868002" | "428041000124106" => "current",
        _ => return None,
    };
    levels.iter().position(|l| *l == smoking)
}

/// The factor from `from` to `to` and the molar mass it used, if they convert:
/// commensurable units by their factor, a mass against a substance concentration through
/// the molar masses (`source_molar_mass` for the reported code, `target_molar_mass` for
/// the analyte).
pub(crate) fn convert(
    from: &ucum::Unit,
    to: &ucum::Unit,
    source_molar_mass: Option<f64>,
    target_molar_mass: Option<f64>,
) -> Option<(f64, Option<f64>)> {
    // A member weighed differently from its analyte (urea nitrogen) goes through moles.
    if source_molar_mass != target_molar_mass
        && let (Some(ms), Some(mt)) = (source_molar_mass, target_molar_mass)
        && let (Some(a), Some(b)) = (from.as_amount(ms), to.as_amount(mt))
    {
        return a.factor_to(&b).map(|f| (f, Some(ms)));
    }
    if let Some(f) = from.factor_to(to) {
        return Some((f, None));
    }
    let molar = source_molar_mass?;
    match from.mass_over_amount(to)? {
        // mass -> amount: divide by g/mol.
        1 => Some((from.factor / molar / to.factor, Some(molar))),
        _ => Some((from.factor * molar / to.factor, Some(molar))),
    }
}
