//! A new patient, typed into a form or pasted as one CSV row, read into the raw marker
//! values the session's own encoder takes: one field per model marker (a number with its
//! unit, a yes/no or a choice of levels), with its reference range and the cohort's
//! observed range. Empty means missing, as in a cohort file; the same missing-value codes
//! and number reading as a cohort file apply (`survlens_data::cell`), and a pasted row is
//! split by the same reader as a cohort file (`survlens_data::preview`). Nothing here is
//! stored or sent anywhere.

use std::fmt;

use serde::{Deserialize, Serialize};
use survlens_data::cell::{self, Number};
use survlens_data::display::{SENTENCE_DIGITS, round_significant};
use survlens_data::{ImportOptions, preview};

use crate::core::i18n::{Arg, Lang};
use crate::core::session::Session;
use crate::views::whatif::Edits;

/// The file name a pasted row's reading problems name.
const PASTED: &str = "pasted row";

/// How a field is entered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewFieldKind {
    /// A number in the marker's unit.
    Number,
    /// Yes or no (a binary marker); `levels` are its two level names, "no" first.
    YesNo {
        /// The level names; the raw value is the index.
        levels: Vec<String>,
    },
    /// One of the marker's levels.
    Choice {
        /// The level names; the raw value is the index.
        levels: Vec<String>,
        /// Other accepted spellings of each level in a pasted row (the cohort file's
        /// entity codes), by level; empty when there are none.
        codes: Vec<String>,
    },
}

/// One field of the new-patient form: one model marker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPatientField {
    /// Session marker index.
    pub marker: usize,
    /// The marker's column name in a cohort file (the template's header).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Modality tag.
    pub modality: String,
    /// Unit, empty when unitless.
    pub unit: String,
    /// Reference range, when the marker dictionary has one.
    pub reference_range: Option<(f32, f32)>,
    /// The smallest and largest value recorded in the cohort on screen (numbers only).
    pub observed_range: Option<(f32, f32)>,
    /// How it is entered.
    pub kind: NewFieldKind,
}

impl NewPatientField {
    /// The hint under the field: unit, reference range and the cohort's observed range.
    pub fn hint(&self) -> String {
        self.hint_in(Lang::En)
    }

    /// [`NewPatientField::hint`] in `lang`.
    pub fn hint_in(&self, lang: Lang) -> String {
        let range = |key: &str, (lo, hi): (f32, f32)| {
            lang.t_with(
                key,
                &[
                    ("low", Arg::Text(&num_in(lo, lang))),
                    ("high", Arg::Text(&with_unit(num_in(hi, lang), &self.unit))),
                ],
            )
        };
        let mut parts = Vec::new();
        if let Some(r) = self.reference_range {
            parts.push(range("vm-newpatient-reference-range", r));
        }
        if let Some(r) = self.observed_range {
            parts.push(range("vm-newpatient-cohort-range", r));
        }
        if matches!(self.kind, NewFieldKind::Number) && parts.is_empty() && !self.unit.is_empty() {
            parts.push(self.unit.clone());
        }
        parts.push(lang.t("vm-newpatient-empty"));
        parts.join("; ")
    }
}

/// The new-patient form of a session: one field per model marker, in the session's
/// order (the template's column order).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPatientForm {
    /// The fields.
    pub fields: Vec<NewPatientField>,
}

/// Where a value was read: a field of the form, or a column of a pasted row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A form field, by its marker's display name.
    Field {
        /// The marker's display name.
        name: String,
    },
    /// A column of a pasted row (1-based), with its header name when the row had one.
    Column {
        /// 1-based column number.
        number: usize,
        /// The header's name of the column, or the template's.
        header: String,
    },
}

impl Place {
    /// Where, in `lang`: the field's name, or "Column 3 (crp)".
    pub fn text_in(&self, lang: Lang) -> String {
        match self {
            Self::Field { name } => name.clone(),
            Self::Column { number, header } => lang.t_with(
                "vm-newpatient-column",
                &[
                    ("number", Arg::Text(&number.to_string())),
                    ("header", Arg::Text(header)),
                ],
            ),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text_in(Lang::En))
    }
}

/// Why typed or pasted text could not be read as a new patient. Its `Display` is the
/// English of [`NewPatientError::message_in`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewPatientError {
    /// A numeric marker's text is not a number.
    NotANumber {
        /// Where.
        place: Place,
        /// What was typed.
        text: String,
    },
    /// A number too large, or infinite, or NaN spelled out.
    NotFinite {
        /// Where.
        place: Place,
        /// What was typed.
        text: String,
    },
    /// A level the marker does not have.
    UnknownLevel {
        /// Where.
        place: Place,
        /// What was typed.
        text: String,
        /// The marker's levels.
        levels: Vec<String>,
    },
    /// A pasted row without a header has another number of columns than the template.
    ColumnCount {
        /// Columns in the pasted row.
        found: usize,
        /// Columns of the template.
        expected: usize,
    },
    /// Nothing was pasted, or a header without a row.
    NoRow,
    /// More than one patient row.
    SeveralRows {
        /// Rows pasted (the header not counted).
        rows: usize,
    },
    /// The text could not be read as CSV.
    Unreadable {
        /// The reader's sentence.
        problem: String,
    },
}

impl fmt::Display for NewPatientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(Lang::En))
    }
}

impl std::error::Error for NewPatientError {}

impl NewPatientError {
    /// The problem in one sentence in `lang`, naming its field or column.
    pub fn message_in(&self, lang: Lang) -> String {
        let count = |n: usize| lang.integer(i64::try_from(n).unwrap_or(i64::MAX));
        match self {
            Self::NotANumber { place, text } => lang.t_with(
                "vm-newpatient-not-a-number",
                &[
                    ("place", Arg::Text(&place.text_in(lang))),
                    ("text", Arg::Text(text)),
                ],
            ),
            Self::NotFinite { place, text } => lang.t_with(
                "vm-newpatient-not-finite",
                &[
                    ("place", Arg::Text(&place.text_in(lang))),
                    ("text", Arg::Text(text)),
                ],
            ),
            Self::UnknownLevel {
                place,
                text,
                levels,
            } => lang.t_with(
                "vm-newpatient-unknown-level",
                &[
                    ("place", Arg::Text(&place.text_in(lang))),
                    ("text", Arg::Text(text)),
                    ("levels", Arg::Text(&levels.join(", "))),
                ],
            ),
            Self::ColumnCount { found, expected } => lang.t_with(
                "vm-newpatient-column-count",
                &[
                    ("found", Arg::Text(&count(*found))),
                    ("expected", Arg::Text(&count(*expected))),
                ],
            ),
            Self::NoRow => lang.t("vm-newpatient-no-row"),
            Self::SeveralRows { rows } => lang.t_with(
                "vm-newpatient-several-rows",
                &[("rows", Arg::Text(&count(*rows)))],
            ),
            Self::Unreadable { problem } => lang.t_with(
                "vm-newpatient-unreadable",
                &[("problem", Arg::Text(problem))],
            ),
        }
    }

    /// A stable machine-readable name of the problem kind.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotANumber { .. } => "not_a_number",
            Self::NotFinite { .. } => "not_finite",
            Self::UnknownLevel { .. } => "unknown_level",
            Self::ColumnCount { .. } => "column_count",
            Self::NoRow => "no_row",
            Self::SeveralRows { .. } => "several_rows",
            Self::Unreadable { .. } => "unreadable",
        }
    }

    /// Where the problem is (a form field or a pasted row's column), when it is about one
    /// value.
    pub fn place(&self) -> Option<&Place> {
        match self {
            Self::NotANumber { place, .. }
            | Self::NotFinite { place, .. }
            | Self::UnknownLevel { place, .. } => Some(place),
            _ => None,
        }
    }
}

/// A value accepted but outside the values the cohort on screen recorded: the model
/// extrapolates there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutsideObserved {
    /// The field (an index into the form's fields).
    pub field: usize,
    /// The value.
    pub value: f32,
    /// The cohort's observed range.
    pub range: (f32, f32),
}

impl OutsideObserved {
    /// One sentence for the page.
    pub fn sentence(&self, form: &NewPatientForm) -> String {
        self.sentence_in(form, Lang::En)
    }

    /// [`OutsideObserved::sentence`] in `lang` (the form built in the same language).
    pub fn sentence_in(&self, form: &NewPatientForm, lang: Lang) -> String {
        let (name, unit) = form
            .fields
            .get(self.field)
            .map_or(("", ""), |f| (f.name.as_str(), f.unit.as_str()));
        lang.t_with(
            "vm-newpatient-outside",
            &[
                ("name", Arg::Text(name)),
                (
                    "value",
                    Arg::Text(&with_unit(num_in(self.value, lang), unit)),
                ),
                ("low", Arg::Text(&num_in(self.range.0, lang))),
                (
                    "high",
                    Arg::Text(&with_unit(num_in(self.range.1, lang), unit)),
                ),
            ],
        )
    }
}

/// A pasted row spread over the form: the text of each field, and the columns the model
/// does not use.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PastedRow {
    /// The text of each field, in the form's order (empty: missing or not pasted).
    pub texts: Vec<String>,
    /// Header columns that are no marker of the model (ignored).
    pub unknown: Vec<String>,
    /// Model markers the header did not name (missing).
    pub absent: Vec<String>,
    /// Whether the row came with its header line.
    pub with_header: bool,
    /// Each field's problem in the pasted row, named by its column (the field keeps the
    /// pasted text).
    pub problems: Vec<(usize, NewPatientError)>,
}

/// A form read into raw values.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadPatient {
    /// One raw value per session marker (NaN = missing; level indices for levels).
    pub values: Vec<f32>,
    /// Values outside the cohort's observed range (accepted).
    pub outside: Vec<OutsideObserved>,
}

impl ReadPatient {
    /// The values as the worker's request carries them.
    pub fn request_values(&self) -> Edits {
        Edits::from_values(&self.values)
    }
}

/// A value to the significant digits of a sentence, with `lang`'s decimal mark.
fn num_in(v: f32, lang: Lang) -> String {
    lang.number_text(&round_significant(f64::from(v), SENTENCE_DIGITS))
}

/// `number` followed by `unit`, when there is one.
fn with_unit(number: String, unit: &str) -> String {
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

impl NewPatientForm {
    /// The form of `session`: one field per marker, with the cohort's observed range of
    /// each numeric marker.
    pub fn build(session: &Session) -> Self {
        Self::build_in(session, Lang::En)
    }

    /// [`NewPatientForm::build`] with the markers' names, modalities and units in `lang`
    /// (the levels stay as the data names them: they are what a typed value is read as).
    pub fn build_in(session: &Session, lang: Lang) -> Self {
        let m = session.n_markers();
        let entity_marker = session.model.encoder.entity().map(|e| e.name.clone());
        let fields = session
            .markers
            .iter()
            .enumerate()
            .map(|(j, info)| {
                let is_entity = entity_marker.as_deref() == Some(info.id.as_str());
                let kind = if info.levels.is_empty() {
                    NewFieldKind::Number
                } else if info.levels.len() == 2
                    && info.levels[0].eq_ignore_ascii_case("no")
                    && info.levels[1].eq_ignore_ascii_case("yes")
                {
                    NewFieldKind::YesNo {
                        levels: info.levels.clone(),
                    }
                } else {
                    NewFieldKind::Choice {
                        levels: info.levels.clone(),
                        codes: if is_entity {
                            session.entity_ids.clone()
                        } else {
                            Vec::new()
                        },
                    }
                };
                let observed_range = matches!(kind, NewFieldKind::Number)
                    .then(|| {
                        session
                            .values
                            .iter()
                            .skip(j)
                            .step_by(m.max(1))
                            .filter(|v| v.is_finite())
                            .fold(None, |acc: Option<(f32, f32)>, &v| {
                                Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
                            })
                    })
                    .flatten();
                NewPatientField {
                    marker: j,
                    id: info.id.clone(),
                    name: info.name_in(lang).to_owned(),
                    modality: info.modality_in(lang),
                    unit: info.unit_in(lang),
                    reference_range: info.reference_range,
                    observed_range,
                    kind,
                }
            })
            .collect();
        Self { fields }
    }

    /// The template's header line: the markers' column names in the form's order.
    pub fn template(&self) -> String {
        let header: Vec<String> = self.fields.iter().map(|f| quote(&f.id)).collect();
        format!("{}\n", header.join(","))
    }

    /// Reads the text of field `k` at `place`: a number (decimal point or comma), a level
    /// (its name, any letter case; yes/no also as 1/0 or true/false), or empty or a
    /// missing-value code for missing (NaN).
    ///
    /// # Errors
    /// [`NewPatientError::NotANumber`], [`NewPatientError::NotFinite`] or
    /// [`NewPatientError::UnknownLevel`], naming `place` and keeping the text.
    pub fn read_value(&self, k: usize, text: &str, place: Place) -> Result<f32, NewPatientError> {
        let trimmed = cell::trim(text.trim());
        if cell::is_missing(trimmed) {
            return Ok(f32::NAN);
        }
        let Some(field) = self.fields.get(k) else {
            return Ok(f32::NAN);
        };
        let level = |levels: &[String], codes: &[String]| {
            levels
                .iter()
                .position(|l| l.trim().eq_ignore_ascii_case(trimmed))
                .or_else(|| {
                    codes
                        .iter()
                        .position(|c| c.trim().eq_ignore_ascii_case(trimmed))
                })
                .map(|i| i as f32)
                .ok_or_else(|| NewPatientError::UnknownLevel {
                    place: place.clone(),
                    text: text.to_owned(),
                    levels: levels.to_vec(),
                })
        };
        match &field.kind {
            NewFieldKind::Number => match cell::parse_f32(trimmed, true) {
                Number::Finite(v) => Ok(v),
                Number::NonFinite | Number::TooLarge => Err(NewPatientError::NotFinite {
                    place,
                    text: text.to_owned(),
                }),
                Number::Text => Err(NewPatientError::NotANumber {
                    place,
                    text: text.to_owned(),
                }),
            },
            NewFieldKind::YesNo { levels } => match trimmed.to_ascii_lowercase().as_str() {
                "1" | "1.0" | "true" | "y" => Ok(1.0),
                "0" | "0.0" | "false" | "n" => Ok(0.0),
                _ => level(levels, &[]),
            },
            NewFieldKind::Choice { levels, codes } => level(levels, codes),
        }
    }

    /// Reads the form's texts (one per field, in the form's order; a missing text is
    /// empty). Every field is read, so every problem is reported at once, each naming its
    /// field.
    ///
    /// # Errors
    /// One problem per field that could not be read, with the field's index.
    pub fn read(&self, texts: &[String]) -> Result<ReadPatient, Vec<(usize, NewPatientError)>> {
        let m = self.fields.iter().map(|f| f.marker + 1).max().unwrap_or(0);
        let mut values = vec![f32::NAN; m];
        let mut outside = Vec::new();
        let mut problems = Vec::new();
        for (k, field) in self.fields.iter().enumerate() {
            let text = texts.get(k).map_or("", String::as_str);
            let place = Place::Field {
                name: field.name.clone(),
            };
            match self.read_value(k, text, place) {
                Ok(v) => {
                    if let (Some((lo, hi)), false) = (field.observed_range, v.is_nan())
                        && (v < lo || v > hi)
                    {
                        outside.push(OutsideObserved {
                            field: k,
                            value: v,
                            range: (lo, hi),
                        });
                    }
                    if let Some(slot) = values.get_mut(field.marker) {
                        *slot = v;
                    }
                }
                Err(e) => problems.push((k, e)),
            }
        }
        if problems.is_empty() {
            Ok(ReadPatient { values, outside })
        } else {
            Err(problems)
        }
    }

    /// Spreads one pasted CSV row over the form. With its header line, columns are matched
    /// by name (the marker's column name or display name, any letter case): columns the
    /// model does not use are listed, markers the header does not name stay missing.
    /// Without one, the row must have the template's columns in the template's order.
    /// The separator and the decimal mark are detected as for a cohort file.
    ///
    /// # Errors
    /// When the text holds no row, several rows, or (without a header) another number of
    /// columns than the template.
    pub fn paste(&self, text: &str) -> Result<PastedRow, NewPatientError> {
        let table =
            preview(text.as_bytes(), PASTED, &ImportOptions::default(), 2).map_err(|report| {
                if text.trim().is_empty() {
                    NewPatientError::NoRow
                } else {
                    NewPatientError::Unreadable {
                        problem: report
                            .problems
                            .first()
                            .map_or_else(|| report.to_string(), ToString::to_string),
                    }
                }
            })?;
        let field_of = |name: &str| {
            let name = cell::trim(name);
            self.fields
                .iter()
                .position(|f| f.id.eq_ignore_ascii_case(name) || f.name.eq_ignore_ascii_case(name))
        };
        let with_header =
            table.header.iter().any(|h| field_of(h).is_some()) && !table.rows.is_empty();
        let mut texts = vec![String::new(); self.fields.len()];
        let mut unknown = Vec::new();
        let mut seen = vec![false; self.fields.len()];
        let mut columns: Vec<(usize, usize, String)> = Vec::new();
        if with_header {
            if table.rows.len() > 1 {
                return Err(NewPatientError::SeveralRows {
                    rows: table.rows.len(),
                });
            }
            let row = table.rows.first().ok_or(NewPatientError::NoRow)?;
            for (c, name) in table.header.iter().enumerate() {
                match field_of(name) {
                    Some(k) if !seen[k] => {
                        seen[k] = true;
                        columns.push((c, k, name.clone()));
                        if let (Some(slot), Some(cell)) = (texts.get_mut(k), row.get(c)) {
                            cell.clone_into(slot);
                        }
                    }
                    _ => unknown.push(name.clone()),
                }
            }
        } else {
            if !table.rows.is_empty() {
                return Err(NewPatientError::SeveralRows {
                    rows: table.rows.len() + 1,
                });
            }
            let row = &table.header;
            if row.len() != self.fields.len() {
                return Err(NewPatientError::ColumnCount {
                    found: row.len(),
                    expected: self.fields.len(),
                });
            }
            for (k, (cell, field)) in row.iter().zip(&self.fields).enumerate() {
                seen[k] = true;
                columns.push((k, k, field.id.clone()));
                if let Some(slot) = texts.get_mut(k) {
                    cell.clone_into(slot);
                }
            }
        }
        let mut problems = Vec::new();
        for (c, k, header) in columns {
            let text = texts.get(k).map_or("", String::as_str);
            let place = Place::Column {
                number: c + 1,
                header,
            };
            match self.read_value(k, text, place) {
                // A level as the form's select names it (yes/no written 1/0, an entity
                // code, another letter case).
                Ok(v) if !v.is_nan() => {
                    if let (Some(slot), Some(name)) = (texts.get_mut(k), self.level_name(k, v)) {
                        *slot = name;
                    }
                }
                Ok(_) => {}
                Err(e) => problems.push((k, e)),
            }
        }
        let absent = self
            .fields
            .iter()
            .zip(&seen)
            .filter(|(_, s)| !**s)
            .map(|(f, _)| f.id.clone())
            .collect();
        Ok(PastedRow {
            texts,
            unknown,
            absent,
            with_header,
            problems,
        })
    }

    /// The name of level `v` of field `k`; `None` for a number or a level it lacks.
    fn level_name(&self, k: usize, v: f32) -> Option<String> {
        match &self.fields.get(k)?.kind {
            NewFieldKind::Number => None,
            NewFieldKind::YesNo { levels } | NewFieldKind::Choice { levels, .. } => {
                levels.get(v as usize).cloned()
            }
        }
    }

    /// The form's texts for raw values `values` (one per session marker): numbers as
    /// written by Rust's shortest round trip, levels by name, missing as empty.
    pub fn texts_of(&self, values: &[f32]) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| {
                let v = values.get(f.marker).copied().unwrap_or(f32::NAN);
                if v.is_nan() {
                    return String::new();
                }
                match &f.kind {
                    NewFieldKind::Number => v.to_string(),
                    NewFieldKind::YesNo { levels } | NewFieldKind::Choice { levels, .. } => {
                        levels.get(v as usize).cloned().unwrap_or_default()
                    }
                }
            })
            .collect()
    }
}

/// A CSV cell, quoted when it holds a separator, a quote or a line break.
fn quote(text: &str) -> String {
    if text.contains([',', ';', '"', '\n', '\r', '\t']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
