//! The mapping report: what was read, what mapped to which marker, what did not (with its
//! codes and texts), every unit conversion, the date of every value used, and every
//! problem. Its JSON form (`survlens fhir --json`) is a stable contract: fields are only
//! ever added, under a new `version`.

use std::fmt;

use serde::Serialize;

use crate::catalogue::Source;
use crate::date::Day;
use crate::error::Problem;

/// The report's `format` field.
pub const FORMAT: &str = "survlens-fhir-mapping-report";
/// The report's `version` field.
pub const VERSION: u32 = 1;

/// Resources read from one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileCount {
    /// The file name as given.
    pub file: String,
    /// Resources read from it (Bundles and the resources inside them each count).
    pub resources: usize,
}

/// Counts of one resource type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceCount {
    /// `Patient`, `Observation`, ...
    pub resource_type: String,
    /// Read.
    pub read: usize,
    /// Contributed a patient, a value, a diagnosis or a drug.
    pub used: usize,
    /// Read but not used (another type, a code no marker has, a problem): `read - used`.
    pub not_used: usize,
    /// With at least one problem.
    pub with_problems: usize,
}

/// One marker column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarkerCount {
    /// Dictionary id.
    pub marker: String,
    /// Where its values come from (`null`: FHIR cannot fill it).
    pub source: Option<Source>,
    /// Patients with a value (for diagnoses and drugs: every patient, 0 or 1).
    pub patients: usize,
    /// For diagnoses and drugs: patients who have it (value 1).
    pub present: Option<usize>,
    /// Date of the earliest Observation value used.
    pub earliest: Option<Day>,
    /// Date of the latest Observation value used.
    pub latest: Option<Day>,
}

/// A code that mapped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeCount {
    /// The resource type it was read in.
    pub resource_type: &'static str,
    /// Code system URL.
    pub system: String,
    /// The code (canonical form for ICD-10 and ATC).
    pub code: String,
    /// The marker it filled.
    pub marker: String,
    /// How often.
    pub count: usize,
}

/// A code, or a text without a code, that mapped to nothing, or a resource not counted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnmappedCount {
    /// The resource type.
    pub resource_type: String,
    /// Code system URL, if a code was given.
    pub system: Option<String>,
    /// The code, if one was given.
    pub code: Option<String>,
    /// The text (or display) of a concept without a code; for a resource its status or
    /// certainty leaves out, `not counted: ` and the reason (`refuted`, `suspected (V)`,
    /// `entered-in-error`, ...).
    pub text: Option<String>,
    /// How often.
    pub count: usize,
}

/// A unit conversion applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conversion {
    /// The marker.
    pub marker: String,
    /// The Observation's LOINC code.
    pub loinc: String,
    /// The unit as reported.
    pub from: String,
    /// The marker's unit.
    pub to: String,
    /// Value in `to` = value in `from` x `factor`.
    pub factor: f64,
    /// Grams per mole used between a mass and a substance concentration.
    pub molar_mass: Option<f64>,
    /// Values converted.
    pub count: usize,
}

/// An Observation value a patient's row holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueUsed {
    /// Patient id.
    pub patient: String,
    /// Marker id.
    pub marker: String,
    /// The value in the marker's unit (a level index for a categorical marker).
    pub value: f64,
    /// The Observation's date.
    pub date: Option<Day>,
    /// The Observation, `Observation/id`.
    pub resource: String,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MappingReport {
    /// [`FORMAT`].
    pub format: &'static str,
    /// [`VERSION`].
    pub version: u32,
    /// The index date asked for.
    pub index_date: Option<Day>,
    /// Patients (rows).
    pub patients: usize,
    /// Patients whose cancer entity was found.
    pub patients_with_entity: usize,
    /// Per file.
    pub files: Vec<FileCount>,
    /// Per resource type.
    pub resources: Vec<ResourceCount>,
    /// Per marker column.
    pub markers: Vec<MarkerCount>,
    /// Marker columns FHIR cannot fill (missing for every patient).
    pub without_source: Vec<String>,
    /// Codes that mapped.
    pub mapped: Vec<CodeCount>,
    /// Codes and texts that did not.
    pub unmapped: Vec<UnmappedCount>,
    /// Unit conversions.
    pub conversions: Vec<Conversion>,
    /// Every Observation value used, with its date.
    pub values: Vec<ValueUsed>,
    /// Every problem.
    pub problems: Vec<Problem>,
}

impl MappingReport {
    /// The report as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Up to this many lines per list in the readable report.
const LIST: usize = 25;

impl fmt::Display for MappingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read: usize = self.resources.iter().map(|r| r.read).sum();
        writeln!(
            f,
            "{} patient{} from {read} resources in {} file{}; {} with a cancer entity{}",
            self.patients,
            if self.patients == 1 { "" } else { "s" },
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" },
            self.patients_with_entity,
            match self.index_date {
                Some(d) => format!("; values on or before {d}"),
                None => "; the latest value of each marker".to_owned(),
            }
        )?;
        writeln!(f, "\nResources (read, used, not used, with problems):")?;
        for r in &self.resources {
            writeln!(
                f,
                "  {:<26} {:>8} {:>8} {:>8} {:>8}",
                r.resource_type, r.read, r.used, r.not_used, r.with_problems
            )?;
        }
        // Measured markers with a value, then the diagnoses and drugs someone has.
        let measured: Vec<&MarkerCount> = self
            .markers
            .iter()
            .filter(|m| m.present.is_none() && m.patients > 0)
            .collect();
        let coded: Vec<&MarkerCount> = self
            .markers
            .iter()
            .filter(|m| m.present.is_some_and(|n| n > 0))
            .collect();
        writeln!(
            f,
            "\nMarkers with values: {} of {} columns; diagnoses and drugs present: {}",
            measured.len(),
            self.markers.len(),
            coded.len()
        )?;
        for m in measured.iter().take(LIST) {
            let dates = match (m.earliest, m.latest) {
                (Some(a), Some(b)) if a == b => format!(", dated {a}"),
                (Some(a), Some(b)) => format!(", dated {a} to {b}"),
                _ => String::new(),
            };
            writeln!(f, "  {:<32} {}{dates}", m.marker, patients(m.patients))?;
        }
        more(f, measured.len())?;
        for m in coded.iter().take(LIST) {
            writeln!(
                f,
                "  {:<32} {} with it",
                m.marker,
                patients(m.present.unwrap_or(0))
            )?;
        }
        more(f, coded.len())?;
        if !self.without_source.is_empty() {
            writeln!(
                f,
                "\nColumns FHIR does not fill (missing for every patient): {}",
                self.without_source.join(", ")
            )?;
        }
        if !self.conversions.is_empty() {
            writeln!(f, "\nUnit conversions:")?;
            for c in &self.conversions {
                let molar = c
                    .molar_mass
                    .map(|m| format!(", molar mass {m} g/mol"))
                    .unwrap_or_default();
                writeln!(
                    f,
                    "  {} (LOINC {}): {} -> {} x {}{molar} ({} values)",
                    c.marker,
                    c.loinc,
                    c.from,
                    c.to,
                    survlens_data::display::round_significant(c.factor, 6),
                    c.count
                )?;
            }
        }
        if !self.unmapped.is_empty() {
            let total: usize = self.unmapped.iter().map(|u| u.count).sum();
            writeln!(f, "\nNot mapped ({total} codings):")?;
            let mut list: Vec<&UnmappedCount> = self.unmapped.iter().collect();
            list.sort_by_key(|u| std::cmp::Reverse(u.count));
            for u in list.iter().take(LIST) {
                let what = match (&u.system, &u.code, &u.text) {
                    (Some(s), Some(c), Some(t)) => format!("{c} ({s}), {t}"),
                    (Some(s), Some(c), None) => format!("{c} ({s})"),
                    (_, _, Some(t)) => format!("text only: \"{t}\""),
                    _ => "no code and no text".to_owned(),
                };
                writeln!(f, "  {:<22} {what}: {}", u.resource_type, u.count)?;
            }
            more(f, list.len())?;
        }
        if !self.problems.is_empty() {
            writeln!(f, "\nProblems ({}):", self.problems.len())?;
            for p in self.problems.iter().take(LIST) {
                writeln!(f, "  [{}] {p}", p.code())?;
            }
            more(f, self.problems.len())?;
        }
        Ok(())
    }
}

fn patients(n: usize) -> String {
    format!("{n:>6} patient{}", if n == 1 { "" } else { "s" })
}

fn more(f: &mut fmt::Formatter<'_>, n: usize) -> fmt::Result {
    if n > LIST {
        writeln!(f, "  ... and {} more (all of them in --json)", n - LIST)?;
    }
    Ok(())
}
