//! The cohort table: one row per patient with id, survival time, event, optional cancer
//! entity and typed markers, stored column by column.
//!
//! # Invariants
//! - Patient ids are non-empty and unique; times are finite and greater than zero.
//! - A cohort either has an outcome (a time and an event) for every patient or for none:
//!   patients without an outcome (new patients to predict and explain) form a cohort of
//!   their own ([`Cohort::without_outcome`]), whose [`Cohort::time`] and [`Cohort::event`]
//!   are empty. Nothing stands in for an unknown outcome.
//! - Numeric and binary markers are `Vec<f32>` where `NaN` means *missing* and nothing else:
//!   the importer never produces `NaN` from a cell's text (`NaN`, `inf` or a number beyond
//!   the `f32` range in a file are errors) and the constructors reject infinities. Binary
//!   markers hold only `0.0`, `1.0` or `NaN`.
//! - Categorical markers and the entity are codes into a level list, with
//!   [`Categorical::MISSING`] for a missing value; levels are unique.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::DataError;
use crate::import::ColumnRoles;

/// The kind of a marker, which decides how it is stored and encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarkerKind {
    /// A measured quantity (`f32`, `NaN` = missing).
    Numeric,
    /// A yes/no marker stored as `0.0`/`1.0` (`NaN` = missing).
    Binary,
    /// One of a fixed set of levels (codes into a level list).
    Categorical,
}

impl std::fmt::Display for MarkerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            MarkerKind::Numeric => "numeric",
            MarkerKind::Binary => "binary",
            MarkerKind::Categorical => "categorical",
        })
    }
}

/// A categorical column: one code per patient into `levels`, or [`Categorical::MISSING`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Categorical {
    codes: Vec<u32>,
    levels: Vec<String>,
}

impl Categorical {
    /// The code of a missing value.
    pub const MISSING: u32 = u32::MAX;

    /// Builds a column from codes and level names, checking that every code is a level index
    /// or [`Self::MISSING`] and that level names are unique and non-empty.
    pub fn new(codes: Vec<u32>, levels: Vec<String>) -> Result<Self, DataError> {
        let mut seen = HashMap::with_capacity(levels.len());
        for (i, level) in levels.iter().enumerate() {
            if level.is_empty()
                || crate::cell::trim(level) != level
                || crate::cell::is_missing(level)
            {
                return Err(invalid(
                    "levels",
                    i,
                    level,
                    "a level must be non-empty text without surrounding spaces and not a \
                     missing-value code",
                ));
            }
            if seen.insert(level.as_str(), i).is_some() {
                return Err(invalid("levels", i, level, "level names must be unique"));
            }
        }
        // `levels.len() < u32::MAX` follows: a code equal to MISSING can never index a level.
        if levels.len() >= Self::MISSING as usize {
            return Err(invalid("levels", levels.len(), "", "too many levels"));
        }
        if let Some((i, c)) = codes
            .iter()
            .enumerate()
            .find(|&(_, &c)| c != Self::MISSING && c as usize >= levels.len())
        {
            return Err(invalid(
                "codes",
                i,
                &c.to_string(),
                "a code must index a level",
            ));
        }
        Ok(Self { codes, levels })
    }

    /// Builds a column from one optional label per patient; levels are sorted in
    /// [`natural_order`] so the result does not depend on row order.
    pub fn from_labels<S: AsRef<str>>(labels: &[Option<S>]) -> Result<Self, DataError> {
        let mut levels: Vec<String> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut codes = Vec::with_capacity(labels.len());
        for label in labels {
            match label {
                None => codes.push(Self::MISSING),
                Some(l) => {
                    let l = l.as_ref();
                    let next = index.len() as u32;
                    let code = *index.entry(l).or_insert_with(|| {
                        levels.push(l.to_owned());
                        next
                    });
                    codes.push(code);
                }
            }
        }
        let mut column = Self::new(codes, levels)?;
        column.sort_levels();
        Ok(column)
    }

    /// A column from codes and levels that are valid by construction (the importer's
    /// interned levels), with levels then sorted into [`natural_order`].
    pub(crate) fn from_interned(codes: Vec<u32>, levels: Vec<String>) -> Self {
        let mut column = Self { codes, levels };
        column.sort_levels();
        column
    }

    /// Reorders levels into [`natural_order`] and rewrites the codes accordingly.
    pub(crate) fn sort_levels(&mut self) {
        let mut order: Vec<usize> = (0..self.levels.len()).collect();
        order.sort_by(|&a, &b| natural_order(&self.levels[a], &self.levels[b]));
        let mut new_code = vec![0u32; self.levels.len()];
        for (new, &old) in order.iter().enumerate() {
            new_code[old] = new as u32;
        }
        for c in &mut self.codes {
            if *c != Self::MISSING {
                *c = new_code[*c as usize];
            }
        }
        let mut old_levels: Vec<Option<String>> = std::mem::take(&mut self.levels)
            .into_iter()
            .map(Some)
            .collect();
        self.levels = order
            .iter()
            .filter_map(|&old| old_levels[old].take())
            .collect();
    }

    /// One code per patient ([`Self::MISSING`] = missing).
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// Level names; a code `c` names `levels()[c]`.
    pub fn levels(&self) -> &[String] {
        &self.levels
    }

    /// The level of patient `row`, or `None` when missing or out of range.
    pub fn label(&self, row: usize) -> Option<&str> {
        let code = *self.codes.get(row)?;
        self.levels.get(code as usize).map(String::as_str)
    }

    /// Number of patients.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the column has no patients.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    fn select(&self, rows: &[usize]) -> Self {
        Self {
            codes: rows.iter().map(|&r| self.codes[r]).collect(),
            levels: self.levels.clone(),
        }
    }
}

/// Orders level names so that numbers sort by value ("2" < "10") and come before text,
/// which sorts byte-wise; used wherever levels need an order independent of row order.
pub fn natural_order(a: &str, b: &str) -> Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// The values of one marker.
#[derive(Debug, Clone, PartialEq)]
pub enum MarkerValues {
    /// Measured values; `NaN` = missing.
    Numeric(Vec<f32>),
    /// `0.0`/`1.0`; `NaN` = missing.
    Binary(Vec<f32>),
    /// Codes into levels.
    Categorical(Categorical),
}

/// One marker column: a name and typed values, one per patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    name: String,
    values: MarkerValues,
}

impl Marker {
    /// A numeric marker; `NaN` marks a missing value, infinities are rejected.
    pub fn numeric(name: impl Into<String>, values: Vec<f32>) -> Result<Self, DataError> {
        let name = name.into();
        if let Some(i) = values.iter().position(|v| v.is_infinite()) {
            return Err(invalid(
                &name,
                i,
                &values[i].to_string(),
                "values must be finite",
            ));
        }
        Ok(Self {
            name,
            values: MarkerValues::Numeric(values),
        })
    }

    /// A binary marker; every value must be `0.0`, `1.0` or `NaN` (missing).
    pub fn binary(name: impl Into<String>, values: Vec<f32>) -> Result<Self, DataError> {
        let name = name.into();
        if let Some(i) = values
            .iter()
            .position(|&v| !(v == 0.0 || v == 1.0 || v.is_nan()))
        {
            return Err(invalid(
                &name,
                i,
                &values[i].to_string(),
                "binary values must be 0 or 1",
            ));
        }
        Ok(Self {
            name,
            values: MarkerValues::Binary(values),
        })
    }

    /// A categorical marker.
    pub fn categorical(name: impl Into<String>, values: Categorical) -> Self {
        Self {
            name: name.into(),
            values: MarkerValues::Categorical(values),
        }
    }

    /// The marker's name (its column header).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The marker's kind.
    pub fn kind(&self) -> MarkerKind {
        match self.values {
            MarkerValues::Numeric(_) => MarkerKind::Numeric,
            MarkerValues::Binary(_) => MarkerKind::Binary,
            MarkerValues::Categorical(_) => MarkerKind::Categorical,
        }
    }

    /// The typed values.
    pub fn values(&self) -> &MarkerValues {
        &self.values
    }

    /// Numeric or binary values (`NaN` = missing); `None` for a categorical marker.
    pub fn as_f32(&self) -> Option<&[f32]> {
        match &self.values {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => Some(v),
            MarkerValues::Categorical(_) => None,
        }
    }

    /// The categorical column; `None` for a numeric or binary marker.
    pub fn as_categorical(&self) -> Option<&Categorical> {
        match &self.values {
            MarkerValues::Categorical(c) => Some(c),
            _ => None,
        }
    }

    /// Number of patients.
    pub fn len(&self) -> usize {
        match &self.values {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => v.len(),
            MarkerValues::Categorical(c) => c.len(),
        }
    }

    /// Whether the marker has no patients.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether patient `row`'s value is missing (`true` also for an index out of range).
    pub fn is_missing(&self, row: usize) -> bool {
        match &self.values {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => {
                v.get(row).is_none_or(|x| x.is_nan())
            }
            MarkerValues::Categorical(c) => {
                c.codes.get(row).is_none_or(|&k| k == Categorical::MISSING)
            }
        }
    }

    /// Number of missing values.
    pub fn missing_count(&self) -> usize {
        match &self.values {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => {
                v.iter().filter(|x| x.is_nan()).count()
            }
            MarkerValues::Categorical(c) => c
                .codes
                .iter()
                .filter(|&&k| k == Categorical::MISSING)
                .count(),
        }
    }

    fn select(&self, rows: &[usize]) -> Self {
        let values = match &self.values {
            MarkerValues::Numeric(v) => MarkerValues::Numeric(rows.iter().map(|&r| v[r]).collect()),
            MarkerValues::Binary(v) => MarkerValues::Binary(rows.iter().map(|&r| v[r]).collect()),
            MarkerValues::Categorical(c) => MarkerValues::Categorical(c.select(rows)),
        };
        Self {
            name: self.name.clone(),
            values,
        }
    }
}

/// Header names of the non-marker columns, kept so an export reproduces the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortColumns {
    /// Patient id column (`id` when the ids were generated).
    pub id: String,
    /// Survival time column.
    pub time: String,
    /// Event column.
    pub event: String,
    /// Entity column, when the cohort has an entity.
    pub entity: Option<String>,
}

impl Default for CohortColumns {
    fn default() -> Self {
        Self {
            id: "id".into(),
            time: "time".into(),
            event: "event".into(),
            entity: None,
        }
    }
}

/// Patient ids packed into one string (one allocation for the whole column).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Ids {
    text: String,
    ends: Vec<usize>,
}

impl Ids {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        Self {
            text: String::with_capacity(rows * 6),
            ends: Vec::with_capacity(rows),
        }
    }

    pub(crate) fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The index of the first repeat of an earlier id: `(earlier, repeat)`.
    pub(crate) fn duplicates(&self) -> Vec<(usize, usize)> {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(self.len());
        let mut repeats = Vec::new();
        for (i, id) in self.iter().enumerate() {
            if let Some(&j) = first.get(id) {
                repeats.push((j, i));
            } else {
                first.insert(id, i);
            }
        }
        repeats
    }
}

/// A survival cohort: patients with id, time and event (or no outcome at all), optional
/// entity and markers.
///
/// Columnar and immutable once built; see the module invariants. Build it by importing a
/// file ([`crate::import_csv`]) or with [`Cohort::new`] and the `with_*` methods.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    columns: CohortColumns,
    ids: Ids,
    /// Whether `time` and `event` hold one entry per patient (otherwise both are empty).
    has_outcome: bool,
    time: Vec<f64>,
    event: Vec<bool>,
    entity: Option<Categorical>,
    markers: Vec<Marker>,
}

impl Cohort {
    /// A cohort without markers from ids, survival times (> 0, finite, any unit) and events
    /// (`true` = event observed). Checks lengths, id uniqueness and times.
    pub fn new(ids: Vec<String>, time: Vec<f64>, event: Vec<bool>) -> Result<Self, DataError> {
        let n = ids.len();
        check_len("time", n, time.len())?;
        check_len("event", n, event.len())?;
        let mut packed = Ids::with_capacity(n);
        for (i, id) in ids.iter().enumerate() {
            if crate::cell::is_missing(id) || crate::cell::trim(id) != id {
                return Err(invalid(
                    "id",
                    i,
                    id,
                    "a patient id must be non-empty text without surrounding spaces and not a \
                     missing-value code",
                ));
            }
            packed.push(id);
        }
        if let Some(&(_, i)) = packed.duplicates().first() {
            return Err(invalid("id", i, &ids[i], "patient ids must be unique"));
        }
        if let Some(i) = time.iter().position(|t| !(t.is_finite() && *t > 0.0)) {
            return Err(invalid(
                "time",
                i,
                &time[i].to_string(),
                "times must be finite and > 0",
            ));
        }
        Ok(Self {
            columns: CohortColumns::default(),
            ids: packed,
            has_outcome: true,
            time,
            event,
            entity: None,
            markers: Vec::new(),
        })
    }

    /// A cohort of patients without an outcome (no time, no event): new patients to
    /// predict and explain. Checks the ids as [`Cohort::new`] does.
    pub fn without_outcome(ids: Vec<String>) -> Result<Self, DataError> {
        let n = ids.len();
        let mut cohort = Self::new(ids, vec![1.0; n], vec![false; n])?;
        cohort.has_outcome = false;
        cohort.time = Vec::new();
        cohort.event = Vec::new();
        Ok(cohort)
    }

    /// Assembles a cohort from already validated columns (the importer's path); `outcome`
    /// is the times and events, or `None` for patients without an outcome.
    pub(crate) fn from_parts(
        columns: CohortColumns,
        ids: Ids,
        outcome: Option<(Vec<f64>, Vec<bool>)>,
        entity: Option<Categorical>,
        markers: Vec<Marker>,
    ) -> Self {
        let has_outcome = outcome.is_some();
        let (time, event) = outcome.unwrap_or_default();
        Self {
            columns,
            ids,
            has_outcome,
            time,
            event,
            entity,
            markers,
        }
    }

    /// Adds the cancer entity column (header `name`).
    pub fn with_entity(
        mut self,
        name: impl Into<String>,
        entity: Categorical,
    ) -> Result<Self, DataError> {
        let name = name.into();
        check_len(&name, self.len(), entity.len())?;
        self.columns.entity = Some(name);
        self.entity = Some(entity);
        Ok(self)
    }

    /// Adds a marker; its name must be new and it must have one value per patient.
    pub fn with_marker(mut self, marker: Marker) -> Result<Self, DataError> {
        check_len(marker.name(), self.len(), marker.len())?;
        if self.markers.iter().any(|m| m.name == marker.name) {
            return Err(DataError::DuplicateMarker { name: marker.name });
        }
        self.markers.push(marker);
        Ok(self)
    }

    /// Renames the id, time, event and entity columns (used by [`crate::write_csv`]).
    pub fn with_column_names(mut self, columns: CohortColumns) -> Self {
        self.columns = columns;
        self
    }

    /// Header names of the id, time, event and entity columns.
    pub fn columns(&self) -> &CohortColumns {
        &self.columns
    }

    /// Number of patients.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the cohort has no patients.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// Whether the patients have an outcome (time and event); `false` for new patients read
    /// from a file without those columns.
    pub fn has_outcome(&self) -> bool {
        self.has_outcome
    }

    /// The times and events, or [`DataError::NoOutcome`] naming `needed` (what asked for
    /// them) when the cohort has none.
    pub fn outcome(&self, needed: &'static str) -> Result<(&[f64], &[bool]), DataError> {
        if self.has_outcome {
            Ok((&self.time, &self.event))
        } else {
            Err(DataError::NoOutcome { needed })
        }
    }

    /// The id of patient `row` (`""` when out of range).
    pub fn id(&self, row: usize) -> &str {
        self.ids.get(row).unwrap_or("")
    }

    /// All patient ids in row order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.ids.iter()
    }

    /// Survival times (> 0, in the file's unit), one per patient; empty for a cohort
    /// without outcomes ([`Cohort::has_outcome`]).
    pub fn time(&self) -> &[f64] {
        &self.time
    }

    /// Event indicators (`true` = event observed), one per patient; empty for a cohort
    /// without outcomes.
    pub fn event(&self) -> &[bool] {
        &self.event
    }

    /// Number of observed events.
    pub fn event_count(&self) -> usize {
        self.event.iter().filter(|&&e| e).count()
    }

    /// The cancer entity, if the cohort has one.
    pub fn entity(&self) -> Option<&Categorical> {
        self.entity.as_ref()
    }

    /// The markers, in file order.
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    /// The marker called `name`.
    pub fn marker(&self, name: &str) -> Option<&Marker> {
        self.markers.iter().find(|m| m.name == name)
    }

    /// Column roles that re-import an export of this cohort exactly, with every marker's
    /// kind fixed (so a categorical marker with numeric labels stays categorical). An
    /// export of a cohort without outcomes has no time and event columns: re-import it with
    /// [`ImportOptions::require_outcome`](crate::ImportOptions::require_outcome) off.
    pub fn roles(&self) -> ColumnRoles {
        let mut roles = ColumnRoles::new(&self.columns.time, &self.columns.event);
        roles.id = Some(self.columns.id.clone());
        roles.entity = self.columns.entity.clone();
        roles.markers = Some(self.markers.iter().map(|m| m.name.clone()).collect());
        roles.kinds = self
            .markers
            .iter()
            .map(|m| (m.name.clone(), m.kind()))
            .collect();
        roles
    }

    /// A view of all patients (no copy).
    pub fn view(&self) -> CohortView<'_> {
        CohortView {
            cohort: self,
            rows: None,
        }
    }

    /// A view of the patients at `rows` (indices into this cohort, in the given order,
    /// repeats allowed as for a bootstrap sample). No copy; fails on an index out of range.
    pub fn rows<'a>(&'a self, rows: &'a [usize]) -> Result<CohortView<'a>, DataError> {
        if let Some(&index) = rows.iter().find(|&&r| r >= self.len()) {
            return Err(DataError::RowOutOfBounds {
                index,
                len: self.len(),
            });
        }
        Ok(CohortView {
            cohort: self,
            rows: Some(rows),
        })
    }

    /// A new cohort of the patients at `rows` (copied, in the given order). Rows must be in
    /// range and distinct, since ids stay unique.
    pub fn subset(&self, rows: &[usize]) -> Result<Self, DataError> {
        let view = self.rows(rows)?;
        let mut seen = vec![false; self.len()];
        for &r in rows {
            if std::mem::replace(&mut seen[r], true) {
                return Err(DataError::RepeatedRow { index: r });
            }
        }
        let mut ids = Ids::with_capacity(rows.len());
        for i in 0..view.len() {
            ids.push(view.id(i));
        }
        Ok(Self {
            columns: self.columns.clone(),
            ids,
            has_outcome: self.has_outcome,
            time: rows
                .iter()
                .filter_map(|&r| self.time.get(r).copied())
                .collect(),
            event: rows
                .iter()
                .filter_map(|&r| self.event.get(r).copied())
                .collect(),
            entity: self.entity.as_ref().map(|e| e.select(rows)),
            markers: self.markers.iter().map(|m| m.select(rows)).collect(),
        })
    }
}

/// A borrowed selection of a cohort's patients (e.g. a training fold), without copying.
///
/// Index `i` of the view is patient [`CohortView::row`]`(i)` of the cohort.
#[derive(Debug, Clone, Copy)]
pub struct CohortView<'a> {
    cohort: &'a Cohort,
    rows: Option<&'a [usize]>,
}

impl<'a> CohortView<'a> {
    /// The underlying cohort.
    pub fn cohort(&self) -> &'a Cohort {
        self.cohort
    }

    /// Number of patients in the view.
    pub fn len(&self) -> usize {
        self.rows.map_or(self.cohort.len(), <[usize]>::len)
    }

    /// Whether the view has no patients.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cohort index of the view's `i`-th patient.
    ///
    /// `i` must be below [`Self::len`]; out of range it returns the cohort length (an
    /// index every accessor treats as absent) rather than panicking.
    pub fn row(&self, i: usize) -> usize {
        match self.rows {
            None if i < self.cohort.len() => i,
            None => self.cohort.len(),
            Some(rows) => rows.get(i).copied().unwrap_or(self.cohort.len()),
        }
    }

    /// Cohort indices of the view's patients, in view order.
    pub fn row_indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// Patient id of the view's `i`-th patient.
    pub fn id(&self, i: usize) -> &'a str {
        self.cohort.id(self.row(i))
    }

    /// Survival time of the view's `i`-th patient (`NaN` when out of range).
    pub fn time(&self, i: usize) -> f64 {
        self.cohort
            .time
            .get(self.row(i))
            .copied()
            .unwrap_or(f64::NAN)
    }

    /// Event indicator of the view's `i`-th patient (`false` when out of range).
    pub fn event(&self, i: usize) -> bool {
        self.cohort.event.get(self.row(i)).copied().unwrap_or(false)
    }

    /// Survival times of the view's patients, in view order (copied); empty for a cohort
    /// without outcomes.
    pub fn times(&self) -> Vec<f64> {
        self.row_indices()
            .filter_map(|r| self.cohort.time.get(r).copied())
            .collect()
    }

    /// Events of the view's patients, in view order (copied); empty for a cohort without
    /// outcomes.
    pub fn events(&self) -> Vec<bool> {
        self.row_indices()
            .filter_map(|r| self.cohort.event.get(r).copied())
            .collect()
    }
}

fn check_len(column: &str, expected: usize, found: usize) -> Result<(), DataError> {
    if expected == found {
        Ok(())
    } else {
        Err(DataError::LengthMismatch {
            column: column.to_owned(),
            expected,
            found,
        })
    }
}

fn invalid(column: &str, index: usize, value: &str, reason: &'static str) -> DataError {
    DataError::InvalidValue {
        column: column.to_owned(),
        index,
        value: crate::error::shown(value),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_puts_numbers_by_value_before_text() {
        let mut v = vec!["10", "b", "2", "a", "1.5", "II", "I"];
        v.sort_by(|a, b| natural_order(a, b));
        assert_eq!(v, ["1.5", "2", "10", "I", "II", "a", "b"]);
    }

    #[test]
    fn from_labels_sorts_levels_and_keeps_each_patients_label() {
        let labels = [Some("lung"), None, Some("breast"), Some("lung")];
        let c = Categorical::from_labels(&labels).unwrap();
        assert_eq!(c.levels(), ["breast", "lung"]);
        let back: Vec<Option<&str>> = (0..4).map(|i| c.label(i)).collect();
        assert_eq!(back, labels);
    }

    #[test]
    fn constructors_reject_broken_invariants() {
        let ids = || vec!["a".to_string(), "b".to_string()];
        let cases: Vec<(Result<Cohort, DataError>, &str)> = vec![
            (
                Cohort::new(ids(), vec![1.0], vec![true, false]),
                "length_mismatch",
            ),
            (
                Cohort::new(
                    vec!["a".into(), "a".into()],
                    vec![1.0, 2.0],
                    vec![true, false],
                ),
                "invalid_value",
            ),
            (
                Cohort::new(ids(), vec![1.0, 0.0], vec![true, false]),
                "invalid_value",
            ),
            (
                Cohort::new(ids(), vec![1.0, f64::INFINITY], vec![true, false]),
                "invalid_value",
            ),
            (
                Cohort::new(
                    vec!["".into(), "b".into()],
                    vec![1.0, 2.0],
                    vec![true, false],
                ),
                "invalid_value",
            ),
        ];
        for (result, code) in cases {
            assert_eq!(result.unwrap_err().code(), code);
        }
        assert!(Marker::binary("b", vec![0.0, 0.5]).is_err());
        assert!(Marker::numeric("x", vec![f32::INFINITY]).is_err());
        assert!(Categorical::new(vec![2], vec!["a".into(), "b".into()]).is_err());
        assert!(Categorical::new(vec![0], vec!["a".into(), "a".into()]).is_err());
    }

    #[test]
    fn views_select_without_copy_and_subsets_copy_in_order() {
        let cohort = Cohort::new(
            vec!["p1".into(), "p2".into(), "p3".into()],
            vec![1.0, 2.0, 3.0],
            vec![true, false, true],
        )
        .unwrap()
        .with_marker(Marker::numeric("age", vec![50.0, f32::NAN, 70.0]).unwrap())
        .unwrap();
        let rows = [2, 0];
        let view = cohort.rows(&rows).unwrap();
        assert_eq!(
            (view.len(), view.id(0), view.time(1), view.event(0)),
            (2, "p3", 1.0, true)
        );
        assert!(cohort.rows(&[3]).is_err());
        let sub = cohort.subset(&rows).unwrap();
        assert_eq!(sub.ids().collect::<Vec<_>>(), ["p3", "p1"]);
        assert_eq!(sub.markers()[0].as_f32().unwrap(), [70.0, 50.0]);
        assert_eq!(cohort.subset(&[1, 1]).unwrap_err().code(), "repeated_row");
        assert_eq!(cohort.markers()[0].missing_count(), 1);
    }
}
