//! From the records read to one row per patient: references resolved, the value of each
//! marker chosen by the index date, diagnoses and drugs to binary markers and the entity,
//! and the mapping report.

use std::collections::HashMap;

use survlens_data::{Categorical, Cohort, CohortColumns, DataError, Describe, Message, MessageArg};

use crate::catalogue::{Catalogue, SITE_PREFIX, Source};
use crate::date::Day;
use crate::error::{FhirError, Location, Problem};
use crate::read::{Candidate, Fact, Records};
use crate::report::{
    CodeCount, Conversion, FileCount, MappingReport, MarkerCount, ResourceCount, UnmappedCount,
    ValueUsed,
};

/// The cohort's patient id column, as in the synthetic cohorts' files.
pub const ID_COLUMN: &str = "patient_id";

/// What to read and for when.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Use for each marker the most recent value on or before this day, and count
    /// diagnoses and drugs dated up to it; ages are on this day. `None`: the latest value
    /// available, every diagnosis and drug, ages on each patient's latest dated record.
    pub index_date: Option<Day>,
    /// The markers to fill, by dictionary id, in column order (`None`: every dictionary
    /// marker FHIR can fill). A marker FHIR cannot fill is a column of missing values,
    /// listed in the report.
    pub markers: Option<Vec<String>>,
}

/// A cohort read from FHIR and how it was made.
#[derive(Clone, Debug)]
pub struct Imported {
    /// One row per Patient (column [`ID_COLUMN`], ids as in the input), the entity column
    /// `entity`, the markers in their dictionary units; no outcome.
    pub cohort: Cohort,
    /// What mapped, what did not, every conversion and problem.
    pub report: MappingReport,
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadFailure {
    /// No Patient was read; the problems met on the way.
    NoPatients {
        /// Every problem met reading, then [`FhirError::NoPatients`].
        problems: Vec<Problem>,
    },
    /// A marker named in the options is not in the dictionary.
    UnknownMarker {
        /// The id as given.
        marker: String,
    },
    /// The dictionary's tables are inconsistent (a bug), or the cohort table refused a
    /// column.
    Table {
        /// The underlying error's stable code.
        code: &'static str,
        /// Its sentence.
        message: String,
        /// Its sentence as a catalogue key and arguments.
        cause: Message,
    },
}

impl ReadFailure {
    /// A stable snake-case name of the kind (for `Table`, the underlying error's code).
    pub fn code(&self) -> &'static str {
        match self {
            ReadFailure::NoPatients { .. } => "no_patients",
            ReadFailure::UnknownMarker { .. } => "unknown_marker",
            ReadFailure::Table { code, .. } => code,
        }
    }

    /// The problems, for [`ReadFailure::NoPatients`].
    pub fn problems(&self) -> &[Problem] {
        match self {
            ReadFailure::NoPatients { problems } => problems,
            _ => &[],
        }
    }
}

impl std::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFailure::NoPatients { problems } => {
                let mut first = true;
                for p in problems {
                    if !first {
                        f.write_str("\n")?;
                    }
                    first = false;
                    write!(f, "{p}")?;
                }
                if first {
                    f.write_str("the input holds no Patient resource")?;
                }
                Ok(())
            }
            ReadFailure::UnknownMarker { marker } => {
                write!(f, "\"{marker}\" is not a marker of the dictionary")
            }
            ReadFailure::Table { message, .. } => f.write_str(message),
        }
    }
}

impl Describe for ReadFailure {
    fn message(&self) -> Message {
        match self {
            ReadFailure::NoPatients { problems } => {
                // One line per problem, paired up so that the nesting stays shallow.
                let mut lines: Vec<Message> = problems.iter().map(Describe::message).collect();
                while lines.len() > 1 {
                    let mut paired = Vec::with_capacity(lines.len().div_ceil(2));
                    let mut rest = lines.into_iter();
                    while let Some(before) = rest.next() {
                        paired.push(match rest.next() {
                            Some(after) => Message::new(
                                "fhir-read-problems",
                                vec![
                                    ("before", MessageArg::Nested(Box::new(before))),
                                    ("after", MessageArg::Nested(Box::new(after))),
                                ],
                            ),
                            None => before,
                        });
                    }
                    lines = paired;
                }
                lines
                    .pop()
                    .unwrap_or_else(|| Message::plain("fhir-read-no-patient-resource"))
            }
            ReadFailure::UnknownMarker { marker } => Message::new(
                "fhir-read-unknown-marker",
                vec![("marker", MessageArg::text(marker))],
            ),
            ReadFailure::Table { cause, .. } => cause.clone(),
        }
    }
}

impl std::error::Error for ReadFailure {}

impl From<DataError> for ReadFailure {
    fn from(e: DataError) -> Self {
        ReadFailure::Table {
            code: e.code(),
            message: e.to_string(),
            cause: e.message(),
        }
    }
}

/// The patient a reference names: `Patient/id`, an absolute URL ending so (a version
/// suffix `/_history/n` allowed), or a Bundle entry's `fullUrl`.
fn patient_id<'r>(reference: &'r str, urls: &'r HashMap<String, String>) -> Result<&'r str, ()> {
    if let Some(id) = urls.get(reference) {
        return Ok(id);
    }
    let path = match reference.find("/_history/") {
        Some(i) => &reference[..i],
        None => reference,
    };
    let mut parts = path.rsplit('/');
    match (parts.next(), parts.next()) {
        (Some(id), Some("Patient")) if !id.is_empty() => Ok(id),
        _ => Err(()),
    }
}

/// Builds the cohort and the report from `records`.
pub(crate) fn assemble(
    mut records: Records,
    catalogue: &Catalogue,
    options: &ReadOptions,
) -> Result<Imported, ReadFailure> {
    let columns = catalogue
        .columns(options.markers.as_deref())
        .map_err(|marker| ReadFailure::UnknownMarker { marker })?;

    // Patients, first of each id.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patients = Vec::new();
    for p in std::mem::take(&mut records.patients) {
        if let Some(&k) = index.get(&p.id) {
            let first: &crate::read::PatientRecord = &patients[k];
            let first = Box::new(first.at.clone());
            records.problems.push(Problem {
                at: p.at.clone(),
                error: FhirError::DuplicatePatient { id: p.id, first },
            });
            continue;
        }
        index.insert(p.id.clone(), patients.len());
        patients.push(p);
    }
    if patients.is_empty() {
        let mut problems = std::mem::take(&mut records.problems);
        problems.push(Problem {
            at: Location {
                file: records
                    .files
                    .iter()
                    .map(|(f, _)| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                ..Location::default()
            },
            error: FhirError::NoPatients,
        });
        return Err(ReadFailure::NoPatients { problems });
    }
    let n = patients.len();
    let resolve = |subject: &str, at: &Location, problems: &mut Vec<Problem>| -> Option<usize> {
        match patient_id(subject, &records.patient_urls) {
            Ok(id) => match index.get(id) {
                Some(&k) => Some(k),
                None => {
                    problems.push(Problem {
                        at: at.at("subject.reference"),
                        error: FhirError::UnknownPatient {
                            reference: subject.to_owned(),
                        },
                    });
                    None
                }
            },
            Err(()) => {
                problems.push(Problem {
                    at: at.at("subject.reference"),
                    error: FhirError::BadReference {
                        reference: subject.to_owned(),
                    },
                });
                None
            }
        }
    };
    let mut problems = std::mem::take(&mut records.problems);

    // Observations: candidates per (patient, marker).
    let mut by_cell: HashMap<(usize, usize), Vec<Candidate>> = HashMap::new();
    for c in std::mem::take(&mut records.candidates) {
        if let Some(k) = resolve(&c.subject, &c.at, &mut problems) {
            by_cell.entry((k, c.marker)).or_default().push(c);
        }
    }
    // Facts: medication references resolved, then per patient.
    let mut facts: Vec<Vec<Fact>> = vec![Vec::new(); n];
    for mut f in std::mem::take(&mut records.facts) {
        if let Some(reference) = f.medication.take() {
            match records.medications.get(&reference) {
                Some(markers) => f.markers.extend(markers),
                None => {
                    problems.push(Problem {
                        at: f.at.at("medicationReference.reference"),
                        error: FhirError::UnknownMedication { reference },
                    });
                    continue;
                }
            }
        }
        if let Some(k) = resolve(&f.subject, &f.at, &mut problems) {
            facts[k].push(f);
        }
    }
    let mut morphology: Vec<Option<(Option<Day>, u32)>> = vec![None; n];
    for h in std::mem::take(&mut records.histologies) {
        let at = Location::default();
        if let Some(k) = resolve(&h.subject, &at, &mut Vec::new()) {
            // The latest histology decides.
            if morphology[k].is_none_or(|(d, _)| h.date >= d) {
                morphology[k] = Some((h.date, h.morphology));
            }
        }
    }

    let before = |date: Option<Day>| match (options.index_date, date) {
        (Some(index), Some(d)) => d <= index,
        _ => true,
    };

    // Each patient's reference day: the index date, or the latest dated record.
    let mut latest: Vec<Option<Day>> = vec![None; n];
    for (&(k, _), list) in &by_cell {
        for c in list {
            latest[k] = latest[k].max(c.date);
        }
    }
    for (k, list) in facts.iter().enumerate() {
        for f in list {
            latest[k] = latest[k].max(f.date);
        }
    }

    let mut values = vec![vec![f64::NAN; n]; columns.len()];
    let mut used: Vec<ValueUsed> = Vec::new();
    let mut marker_counts: Vec<MarkerCount> = Vec::new();
    for (col, &j) in columns.iter().enumerate() {
        let spec = catalogue.markers[j];
        let source = catalogue.sources[j];
        let mut count = MarkerCount {
            marker: spec.id.to_owned(),
            source,
            patients: 0,
            present: matches!(source, Some(Source::Condition | Source::Medication)).then_some(0),
            earliest: None,
            latest: None,
        };
        for k in 0..n {
            let value = match source {
                Some(Source::Observation) => {
                    let Some(list) = by_cell.get(&(k, j)) else {
                        continue;
                    };
                    let mut best: Option<&Candidate> = None;
                    for c in list {
                        if options.index_date.is_some() && c.date.is_none() {
                            problems.push(Problem {
                                at: c.at.clone(),
                                error: FhirError::NoDate { marker: spec.id },
                            });
                            continue;
                        }
                        if !before(c.date) {
                            continue;
                        }
                        // The latest wins; of equal dates the one read last.
                        if best.is_none_or(|b| c.date >= b.date) {
                            best = Some(c);
                        }
                    }
                    let Some(best) = best else { continue };
                    used.push(ValueUsed {
                        patient: patients[k].id.clone(),
                        marker: spec.id.to_owned(),
                        value: best.value,
                        date: best.date,
                        resource: best.at.resource.clone().unwrap_or_default(),
                    });
                    count.earliest = min_day(count.earliest, best.date);
                    count.latest = count.latest.max(best.date);
                    best.value
                }
                Some(Source::Condition | Source::Medication) => {
                    let present = facts[k]
                        .iter()
                        .any(|f| before(f.date) && f.markers.contains(&j));
                    f64::from(u8::from(present))
                }
                Some(Source::BirthDate) => {
                    let Some(birth) = patients[k].birth else {
                        continue;
                    };
                    let Some(day) = options.index_date.or(latest[k]) else {
                        continue;
                    };
                    let age = day.years_since(birth) as f64;
                    if !(0.0..=125.0).contains(&age) {
                        problems.push(Problem {
                            at: patients[k].at.at("birthDate"),
                            error: FhirError::Implausible {
                                marker: spec.id,
                                value: age,
                                unit: spec.unit,
                                requirement: "an age lies between 0 and 125 years on the index date",
                            },
                        });
                        continue;
                    }
                    age
                }
                Some(Source::MetastaticSites) => {
                    let mut sites: Vec<usize> = facts[k]
                        .iter()
                        .filter(|f| before(f.date))
                        .flat_map(|f| f.markers.iter().copied())
                        .filter(|&m| catalogue.markers[m].id.starts_with(SITE_PREFIX))
                        .collect();
                    sites.sort_unstable();
                    sites.dedup();
                    sites.len() as f64
                }
                Some(Source::Gender) => match patients[k].gender.as_deref() {
                    Some("female") => 1.0,
                    Some("male") => 0.0,
                    _ => continue,
                },
                None => continue,
            };
            values[col][k] = value;
            count.patients += 1;
            if value == 1.0
                && let Some(n) = &mut count.present
            {
                *n += 1;
            }
        }
        marker_counts.push(count);
    }

    // Entities.
    let mut entity_codes = vec![Categorical::MISSING; n];
    for k in 0..n {
        let mut resolved: Vec<(Option<Day>, usize, &Fact)> = Vec::new();
        let mut ambiguous: Option<(&String, &Vec<usize>, &Fact)> = None;
        for f in &facts[k] {
            let Some((code, candidates)) = &f.tumour else {
                continue;
            };
            if !before(f.date) {
                continue;
            }
            let by_histology = morphology[k]
                .and_then(|(_, m)| crate::entity::by_morphology(m, code))
                .and_then(|id| catalogue.entity_index(id));
            match (by_histology, candidates.as_slice()) {
                (Some(e), _) => resolved.push((f.date, e, f)),
                (None, [e]) => resolved.push((f.date, *e, f)),
                (None, _) => ambiguous = ambiguous.or(Some((code, candidates, f))),
            }
        }
        // Earliest first; undated last.
        resolved.sort_by_key(|(d, _, _)| (d.is_none(), *d));
        if let Some(&(_, e, _)) = resolved.first() {
            entity_codes[k] = e as u32;
            if let Some(&(_, other, f)) = resolved.iter().find(|(_, o, _)| *o != e) {
                problems.push(Problem {
                    at: f.at.at("code"),
                    error: FhirError::SeveralEntities {
                        used: catalogue.entities[e].0.id,
                        other: catalogue.entities[other].0.id,
                    },
                });
            }
        } else if let Some((code, candidates, f)) = ambiguous {
            problems.push(Problem {
                at: f.at.at("code"),
                error: FhirError::AmbiguousEntity {
                    code: code.clone(),
                    candidates: candidates
                        .iter()
                        .map(|&e| catalogue.entities[e].0.id)
                        .collect(),
                },
            });
        }
    }

    // The cohort.
    let ids: Vec<String> = patients.iter().map(|p| p.id.clone()).collect();
    // The synthetic cohort's column names, so that files of both kinds read alike.
    let mut cohort = Cohort::without_outcome(ids)?.with_column_names(CohortColumns {
        id: ID_COLUMN.into(),
        ..CohortColumns::default()
    });
    if entity_codes.iter().any(|&c| c != Categorical::MISSING) {
        let levels = catalogue
            .entities
            .iter()
            .map(|(e, _)| e.id.to_owned())
            .collect();
        cohort = cohort.with_entity("entity", Categorical::new(entity_codes.clone(), levels)?)?;
    }
    for (col, &j) in columns.iter().enumerate() {
        let spec = catalogue.markers[j];
        let column: Vec<f32> = values[col].iter().map(|&v| v as f32).collect();
        let marker = spec.marker(column)?;
        cohort = cohort.with_marker(marker)?;
    }

    let report = MappingReport {
        format: crate::report::FORMAT,
        version: crate::report::VERSION,
        index_date: options.index_date,
        patients: n,
        patients_with_entity: entity_codes
            .iter()
            .filter(|&&c| c != Categorical::MISSING)
            .count(),
        files: records
            .files
            .into_iter()
            .map(|(file, resources)| FileCount { file, resources })
            .collect(),
        resources: records
            .counts
            .into_iter()
            .map(|(resource_type, c)| ResourceCount {
                resource_type,
                read: c.read,
                used: c.used,
                not_used: c.read - c.used,
                with_problems: c.with_problems,
            })
            .collect(),
        markers: marker_counts,
        without_source: columns
            .iter()
            .filter(|&&j| catalogue.sources[j].is_none())
            .map(|&j| catalogue.markers[j].id.to_owned())
            .collect(),
        mapped: records
            .mapped
            .into_iter()
            .map(|(m, count)| CodeCount {
                resource_type: m.resource_type,
                system: m.system,
                code: m.code,
                marker: m.target,
                count,
            })
            .collect(),
        unmapped: records
            .unmapped
            .into_iter()
            .map(|(u, count)| UnmappedCount {
                resource_type: u.resource_type,
                system: u.system,
                code: u.code,
                text: u.text,
                count,
            })
            .collect(),
        conversions: records
            .conversions
            .into_iter()
            .map(|(c, count)| Conversion {
                marker: catalogue.markers[c.marker].id.to_owned(),
                loinc: c.loinc,
                from: c.from,
                to: catalogue.markers[c.marker].unit.to_owned(),
                factor: c.factor,
                molar_mass: c.molar_mass,
                count,
            })
            .collect(),
        values: used,
        problems,
    };
    Ok(Imported { cohort, report })
}

fn min_day(a: Option<Day>, b: Option<Day>) -> Option<Day> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
