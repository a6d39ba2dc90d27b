//! A FHIR R4 export the user opens in the page: its files and the index date
//! ([`FhirExport`], which makes the job's [`CohortSource::Fhir`]), and what the page shows of
//! the mapping report ([`FhirReportView`]).
//!
//! The worker reads the export with `survlens_fhir::read` (bytes in, no file system) and
//! sends the page a [`FhirReportView`]: the report reduced to what a reader takes in, with
//! every list bounded ([`SHOWN_ROWS`] rows, the rest counted), so that its message stays
//! small whatever the export's size. The full report (every value used) stays in the worker.

use std::fmt;

use serde::{Deserialize, Serialize};
use survlens_data::{Describe, Message, MessageArg};
use survlens_fhir::report::MappingReport;
use survlens_fhir::{Day, Problem};

use crate::core::format::unit_in;
use crate::core::i18n::{Arg, Lang, Sentences};
use crate::core::session::level_in;
use crate::sources::spec::{CohortSource, JobSpec, ModelSource};

/// Rows of each list of the report the page shows; the rest are counted.
pub const SHOWN_ROWS: usize = 100;

/// One file of a FHIR export, as opened in the page.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FhirFile {
    /// File name, as problems name it.
    pub name: String,
    /// Its content; it never leaves the tab.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for FhirFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FhirFile({}, {} bytes)", self.name, self.bytes.len())
    }
}

/// Why the index date typed in the page is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IndexDateError {
    /// Not a calendar date written `YYYY-MM-DD`.
    #[error(
        "\"{text}\" is not a date: write it as YYYY-MM-DD (for example 2024-03-01), or leave it empty for each marker's latest value"
    )]
    NotADate {
        /// The text, trimmed.
        text: String,
    },
}

impl IndexDateError {
    /// A stable machine-readable name of the problem kind.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotADate { .. } => "index_date_not_a_date",
        }
    }
}

impl Describe for IndexDateError {
    fn message(&self) -> Message {
        match self {
            Self::NotADate { text } => Message::new(
                "error-index-date-not-a-date",
                vec![("text", MessageArg::text(text))],
            ),
        }
    }
}

/// The index date of a form field: empty for none (each marker's latest value), otherwise a
/// calendar date `YYYY-MM-DD` (what a date input gives), as FHIR's `date` reads it.
///
/// # Errors
/// [`IndexDateError::NotADate`] for anything else (a month alone, 2023-02-29, a time).
pub fn index_date(text: &str) -> Result<Option<Day>, IndexDateError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // FHIR's `date` also takes a year or a year and month; an index date is one day.
    match survlens_fhir::date::parse(text) {
        Some(day) if text.len() == 10 => Ok(Some(day)),
        _ => Err(IndexDateError::NotADate {
            text: text.to_owned(),
        }),
    }
}

/// A FHIR export opened in the page: its files (a Bundle, bulk-export NDJSON, NDJSON of
/// Bundles, in any mix) and the index date typed beside them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FhirExport {
    /// The files, in the order chosen.
    pub files: Vec<FhirFile>,
    /// The index date field's text (`YYYY-MM-DD` or empty).
    pub index_date: String,
}

impl FhirExport {
    /// Total size of the files in bytes.
    pub fn size(&self) -> usize {
        self.files.iter().map(|f| f.bytes.len()).sum()
    }

    /// How the page names the export in `lang`: the file's name, or `3 FHIR files`.
    pub fn label_in(&self, lang: Lang) -> String {
        match self.files.as_slice() {
            [one] => one.name.clone(),
            files => lang.t_with(
                "ui-fhir-files",
                &[("count", Arg::Count(files.len() as u64))],
            ),
        }
    }

    /// The job that reads the export and explains its patients with `model` (a stored
    /// model: the export has no outcomes to train on).
    ///
    /// # Errors
    /// [`IndexDateError`] when the index date field holds no date.
    pub fn job_spec(&self, model: ModelSource) -> Result<JobSpec, IndexDateError> {
        let day = index_date(&self.index_date)?;
        Ok(JobSpec {
            source: CohortSource::Fhir {
                files: self.files.clone(),
                index_date: day.map(|d| d.to_string()),
            },
            model,
            ..JobSpec::demo()
        })
    }
}

/// A calendar day of the report, written in the page's language when shown
/// ([`Lang::date`]: `2021-01-05`, `05.01.2021`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDay {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
}

impl ReportDay {
    fn of(day: Day) -> Self {
        let (year, month, day) = day.ymd();
        Self {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month,
            day,
        }
    }

    /// The day in `lang`.
    pub fn text_in(self, lang: Lang) -> String {
        lang.date(self.year, self.month, self.day)
    }
}

/// A marker column and how many patients have a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerRow {
    /// Dictionary id.
    pub id: String,
    /// Display name, in each language.
    pub name: Sentences,
    /// The marker's unit, in each language (empty when unitless).
    pub unit: Sentences,
    /// Patients with a value (for a diagnosis or drug: patients who have it).
    pub patients: usize,
    /// The earliest and the latest date of the Observation values used; `None` for
    /// diagnoses and drugs and for undated values.
    pub dates: Option<(ReportDay, ReportDay)>,
}

impl MarkerRow {
    /// The dates of the values used in `lang`: `2023-04-02`, `2021-01-05 to 2024-02-28`,
    /// or empty.
    pub fn dates_in(&self, lang: Lang) -> String {
        match self.dates {
            Some((a, b)) if a == b => a.text_in(lang),
            Some((a, b)) => lang.t_with(
                "ui-fhir-report-date-range",
                &[
                    ("from", Arg::Text(&a.text_in(lang))),
                    ("to", Arg::Text(&b.text_in(lang))),
                ],
            ),
            None => String::new(),
        }
    }
}

/// A code or a text that mapped to nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmappedRow {
    /// The resource type it was read in.
    pub resource_type: String,
    /// The code system URL, if a code was given.
    pub system: Option<String>,
    /// The code, if one was given.
    pub code: Option<String>,
    /// The concept's text when it has no code, or why a resource was not counted.
    pub text: Option<String>,
    /// How often.
    pub count: usize,
}

impl UnmappedRow {
    /// What was not mapped, in words: `8480-6 (http://loinc.org)`, `text only: "Raucher"`.
    pub fn what(&self) -> String {
        self.what_in(Lang::En)
    }

    /// [`UnmappedRow::what`] in `lang`: the words around the codes and texts, and why a
    /// resource was not counted, in the language; the codes and texts as read.
    pub fn what_in(&self, lang: Lang) -> String {
        let text = self
            .text
            .as_deref()
            .map(|t| match t.strip_prefix(NOT_COUNTED) {
                Some(reason) => lang.t_with(
                    "ui-fhir-not-counted",
                    &[("reason", Arg::Text(&not_counted_reason_in(reason, lang)))],
                ),
                None => t.to_owned(),
            });
        let counted = self
            .text
            .as_deref()
            .is_some_and(|t| t.starts_with(NOT_COUNTED));
        match (&self.system, &self.code, &text) {
            (Some(s), Some(c), Some(t)) => format!("{c} ({s}), {t}"),
            (Some(s), Some(c), None) => format!("{c} ({s})"),
            (None, Some(c), Some(t)) => format!("{c}, {t}"),
            (None, Some(c), None) => c.clone(),
            (_, None, Some(t)) if counted => t.clone(),
            (_, None, Some(t)) => lang.t_with("ui-fhir-text-only", &[("text", Arg::Text(t))]),
            (_, None, None) => lang.t("ui-fhir-no-code-no-text"),
        }
    }
}

/// How the reader marks a resource it left out by its status or certainty:
/// `not counted: refuted`.
const NOT_COUNTED: &str = "not counted: ";

/// Why a resource was not counted, in `lang`: a diagnosis's certainty in words, a
/// resource's FHIR status code as it is.
fn not_counted_reason_in(reason: &str, lang: Lang) -> String {
    match reason {
        "refuted" => lang.t("ui-fhir-not-counted-refuted"),
        "suspected (V)" => lang.t("ui-fhir-not-counted-suspected"),
        "excluded (A)" => lang.t("ui-fhir-not-counted-excluded"),
        status => lang.t_with(
            "ui-fhir-not-counted-status",
            &[("status", Arg::Text(status))],
        ),
    }
}

/// A unit conversion applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversionRow {
    /// The marker's display name, in each language.
    pub marker: Sentences,
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

impl ConversionRow {
    /// The factor to six significant digits, as the command line's report writes it.
    pub fn factor_text(&self) -> String {
        self.factor_text_in(Lang::En)
    }

    /// [`ConversionRow::factor_text`] with the decimal mark of `lang`.
    pub fn factor_text_in(&self, lang: Lang) -> String {
        lang.number_text(&survlens_data::display::round_significant(self.factor, 6))
    }

    /// The molar mass used, with the decimal mark of `lang`; `None` when none was.
    pub fn molar_mass_in(&self, lang: Lang) -> Option<String> {
        self.molar_mass.map(|m| lang.number_text(&m.to_string()))
    }
}

/// A value a patient's row holds, with its date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueRow {
    /// The marker's display name, in each language.
    pub marker: Sentences,
    /// The value as read, in the marker's unit (a categorical marker's level), in each
    /// language.
    pub value: Sentences,
    /// The Observation's date; `None` when undated.
    pub date: Option<ReportDay>,
    /// The Observation, `Observation/id`.
    pub resource: String,
}

/// One problem, located for a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemRow {
    /// The file.
    pub file: String,
    /// `line 17` of an NDJSON file, `entry[3]` of a Bundle, or both, in each language;
    /// empty for the whole file.
    pub place: Sentences,
    /// The resource, `Observation/obs-17`.
    pub resource: String,
    /// The JSON path inside it, `valueQuantity.code`.
    pub path: String,
    /// The stable kind (`unknown_ucum_unit`).
    pub code: String,
    /// What is wrong, without the place already given, in each language.
    pub message: Sentences,
}

impl From<&Problem> for ProblemRow {
    fn from(p: &Problem) -> Self {
        let (line, entry) = (p.at.line, p.at.entry.clone());
        // A line number is written as it is, without a thousands separator.
        let place = Sentences::new(|lang| match (line, &entry) {
            (Some(line), Some(entry)) => lang.t_with(
                "ui-fhir-place-line-entry",
                &[
                    ("line", Arg::Text(&line.to_string())),
                    ("entry", Arg::Text(entry)),
                ],
            ),
            (Some(line), None) => lang.t_with(
                "ui-fhir-place-line",
                &[("line", Arg::Text(&line.to_string()))],
            ),
            (None, Some(entry)) => entry.clone(),
            (None, None) => String::new(),
        });
        Self {
            file: p.at.file.clone(),
            place,
            resource: p.at.resource.clone().unwrap_or_default(),
            path: p.at.path.clone().unwrap_or_default(),
            code: p.code().to_owned(),
            message: Sentences::new(|lang| lang.message(&p.error.message())),
        }
    }
}

/// The first [`SHOWN_ROWS`] of a list and how many more there are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shown<T> {
    /// The rows shown.
    pub rows: Vec<T>,
    /// Rows left out.
    pub omitted: usize,
}

impl<T> Shown<T> {
    fn of(all: impl IntoIterator<Item = T>) -> Self {
        let mut rows = Vec::new();
        let mut omitted = 0;
        for row in all {
            if rows.len() < SHOWN_ROWS {
                rows.push(row);
            } else {
                omitted += 1;
            }
        }
        Self { rows, omitted }
    }

    /// Rows in all, shown or not.
    pub fn total(&self) -> usize {
        self.rows.len() + self.omitted
    }
}

/// What the page shows of a FHIR import's mapping report: what was read, which markers have
/// values (with the dates of the values used), what did not map, every unit conversion,
/// the first patient's values with their dates, and the problems with file, resource and
/// JSON path. Every list is bounded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FhirReportView {
    /// The index date used, or `None`: each marker's latest value.
    pub index_date: Option<ReportDay>,
    /// Patients read (rows of the cohort).
    pub patients: usize,
    /// Patients whose cancer entity was found.
    pub patients_with_entity: usize,
    /// Files and the resources read from each.
    pub files: Vec<(String, usize)>,
    /// Per resource type: read, used, not used, with problems.
    pub resources: Vec<(String, [usize; 4])>,
    /// Measured markers with a value for at least one patient.
    pub measured: Vec<MarkerRow>,
    /// Diagnoses and drugs at least one patient has.
    pub coded: Vec<MarkerRow>,
    /// Marker columns with no value for any patient (display names, in each language).
    pub without_values: Shown<Sentences>,
    /// Codes and texts that mapped to nothing, most frequent first.
    pub unmapped: Shown<UnmappedRow>,
    /// Codings not mapped, counted.
    pub unmapped_codings: usize,
    /// Unit conversions applied.
    pub conversions: Shown<ConversionRow>,
    /// The first patient's id and the values their row holds, with dates.
    pub first_patient: Option<(String, Vec<ValueRow>)>,
    /// Problems in the order met.
    pub problems: Shown<ProblemRow>,
    /// The code of why nothing was imported (`no_patients`), when the reader refused the
    /// export; the cohort on screen then stays.
    pub refused: Option<String>,
}

/// How the report names a marker: its display name and unit, in a language.
pub trait MarkerNames {
    /// `(name, unit)` of the dictionary id `id` in `lang`; the id itself when unknown.
    fn name_and_unit(&self, id: &str, lang: Lang) -> (String, String);
    /// The label of level `level` of a categorical marker in `lang`, when it has levels.
    fn level(&self, id: &str, level: usize, lang: Lang) -> Option<String>;
}

impl MarkerNames for survlens_synth::Dictionary {
    fn name_and_unit(&self, id: &str, lang: Lang) -> (String, String) {
        match self.lookup_column(id) {
            Some(spec) => (
                match lang {
                    Lang::En => spec.name.to_owned(),
                    Lang::De => spec.name_de.to_owned(),
                },
                if spec.unit == "1" {
                    String::new()
                } else {
                    unit_in(spec.unit, lang)
                },
            ),
            None => (id.to_owned(), String::new()),
        }
    }

    fn level(&self, id: &str, level: usize, lang: Lang) -> Option<String> {
        match self.lookup_column(id)?.kind {
            survlens_synth::MarkerKind::Categorical { levels, .. } => {
                levels.get(level).map(|&l| level_in(l, lang))
            }
            _ => None,
        }
    }
}

impl FhirReportView {
    /// The page's view of `report`, naming markers with `names`.
    pub fn of(report: &MappingReport, names: &impl MarkerNames) -> Self {
        let dates = |earliest: Option<Day>, latest: Option<Day>| match (earliest, latest) {
            (Some(a), Some(b)) => Some((ReportDay::of(a), ReportDay::of(b))),
            (Some(a), None) | (None, Some(a)) => Some((ReportDay::of(a), ReportDay::of(a))),
            (None, None) => None,
        };
        let name = |id: &str| Sentences::new(|lang| names.name_and_unit(id, lang).0);
        let row = |m: &survlens_fhir::report::MarkerCount, patients: usize| MarkerRow {
            id: m.marker.clone(),
            name: name(&m.marker),
            unit: Sentences::new(|lang| names.name_and_unit(&m.marker, lang).1),
            patients,
            dates: dates(m.earliest, m.latest),
        };
        let measured = report
            .markers
            .iter()
            .filter(|m| m.present.is_none() && m.patients > 0)
            .map(|m| row(m, m.patients))
            .collect();
        let coded = report
            .markers
            .iter()
            .filter_map(|m| m.present.filter(|&n| n > 0).map(|n| row(m, n)))
            .collect();
        let without_values = Shown::of(
            report
                .markers
                .iter()
                .filter(|m| m.patients == 0)
                .map(|m| name(&m.marker)),
        );
        let mut unmapped: Vec<&survlens_fhir::report::UnmappedCount> =
            report.unmapped.iter().collect();
        // Most frequent first; ties in the report's order (stable sort).
        unmapped.sort_by_key(|u| std::cmp::Reverse(u.count));
        let unmapped_codings = unmapped.iter().map(|u| u.count).sum();
        let unmapped = Shown::of(unmapped.into_iter().map(|u| UnmappedRow {
            resource_type: u.resource_type.clone(),
            system: u.system.clone(),
            code: u.code.clone(),
            text: u.text.clone(),
            count: u.count,
        }));
        let conversions = Shown::of(report.conversions.iter().map(|c| ConversionRow {
            marker: name(&c.marker),
            loinc: c.loinc.clone(),
            from: c.from.clone(),
            to: c.to.clone(),
            factor: c.factor,
            molar_mass: c.molar_mass,
            count: c.count,
        }));
        let first_patient = report.values.first().map(|first| {
            let values = report
                .values
                .iter()
                .filter(|v| v.patient == first.patient)
                .map(|v| ValueRow {
                    marker: name(&v.marker),
                    value: Sentences::new(|lang| {
                        let level = names
                            .level(&v.marker, v.value as usize, lang)
                            .filter(|_| v.value >= 0.0 && v.value.fract() == 0.0);
                        level.unwrap_or_else(|| {
                            let number = lang.number_text(
                                &survlens_data::display::round_significant(v.value, 4),
                            );
                            match names.name_and_unit(&v.marker, lang).1 {
                                unit if unit.is_empty() => number,
                                unit => format!("{number} {unit}"),
                            }
                        })
                    }),
                    date: v.date.map(ReportDay::of),
                    resource: v.resource.clone(),
                })
                .collect();
            (first.patient.clone(), values)
        });
        Self {
            index_date: report.index_date.map(ReportDay::of),
            patients: report.patients,
            patients_with_entity: report.patients_with_entity,
            files: report
                .files
                .iter()
                .map(|f| (f.file.clone(), f.resources))
                .collect(),
            resources: report
                .resources
                .iter()
                .map(|r| {
                    (
                        r.resource_type.clone(),
                        [r.read, r.used, r.not_used, r.with_problems],
                    )
                })
                .collect(),
            measured,
            coded,
            without_values,
            unmapped,
            unmapped_codings,
            conversions,
            first_patient,
            problems: Shown::of(report.problems.iter().map(ProblemRow::from)),
            refused: None,
        }
    }

    /// Resources read in all files.
    pub fn resources_read(&self) -> usize {
        self.resources.iter().map(|(_, [read, ..])| read).sum()
    }

    /// One sentence on what was read: `12 patients from 1,204 resources in 5 files; 11
    /// with a cancer entity; values on or before 2024-03-01.`
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`FhirReportView::summary`] in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        let count = |n: usize| Arg::Count(n as u64);
        if self.refused.is_some() {
            return match self.files.as_slice() {
                [] => lang.t("ui-fhir-summary-refused"),
                [(one, _)] => {
                    lang.t_with("ui-fhir-summary-refused-file", &[("file", Arg::Text(one))])
                }
                files => lang.t_with(
                    "ui-fhir-summary-refused-files",
                    &[("files", count(files.len()))],
                ),
            };
        }
        let values = match self.index_date {
            Some(day) => lang.t_with(
                "ui-fhir-summary-index-date",
                &[("date", Arg::Text(&day.text_in(lang)))],
            ),
            None => lang.t("ui-fhir-summary-latest"),
        };
        lang.t_with(
            "ui-fhir-summary",
            &[
                ("patients", count(self.patients)),
                ("resources", count(self.resources_read())),
                ("files", count(self.files.len())),
                ("with-entity", count(self.patients_with_entity)),
                ("values", Arg::Text(&values)),
            ],
        )
    }
}

/// Why a FHIR export could not become a cohort for the job.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FhirImportError {
    /// The index date is not a date.
    #[error(transparent)]
    IndexDate(#[from] IndexDateError),
    /// A FHIR export has no outcomes: only a stored model can explain it.
    #[error(
        "a FHIR export holds no survival times or events, so the network cannot be trained on \
         it: explain it with a stored model (the page's default model or a model file)"
    )]
    NeedsStoredModel,
    /// The reader refused the export (no Patient in it), with every problem it met.
    #[error("{0}")]
    Read(#[from] survlens_fhir::ReadFailure),
}

impl FhirImportError {
    /// A stable machine-readable name of the problem kind (a wrapped error keeps its own).
    pub fn code(&self) -> &'static str {
        match self {
            Self::IndexDate(e) => e.code(),
            Self::NeedsStoredModel => "fhir_needs_stored_model",
            Self::Read(e) => e.code(),
        }
    }
}

impl Describe for FhirImportError {
    fn message(&self) -> Message {
        match self {
            Self::IndexDate(e) => Message::new(
                "error-fhir-index-date",
                vec![("reason", MessageArg::nested(e))],
            ),
            Self::NeedsStoredModel => Message::plain("error-fhir-needs-stored-model"),
            Self::Read(failure) => Message::new(
                "error-fhir-read",
                vec![("reason", MessageArg::nested(failure))],
            ),
        }
    }
}

impl FhirReportView {
    /// The report of an export the reader refused: nothing was imported, and `failure`'s
    /// problems say why; [`Self::refused`] holds the failure's code.
    pub fn of_failure(failure: &survlens_fhir::ReadFailure, files: &[FhirFile]) -> Self {
        Self {
            index_date: None,
            patients: 0,
            patients_with_entity: 0,
            files: files.iter().map(|f| (f.name.clone(), 0)).collect(),
            resources: Vec::new(),
            measured: Vec::new(),
            coded: Vec::new(),
            without_values: Shown::of(Vec::new()),
            unmapped: Shown::of(Vec::new()),
            unmapped_codings: 0,
            conversions: Shown::of(Vec::new()),
            first_patient: None,
            problems: Shown::of(failure.problems().iter().map(ProblemRow::from)),
            refused: Some(failure.code().to_owned()),
        }
    }
}
