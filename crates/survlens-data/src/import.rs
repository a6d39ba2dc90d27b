//! CSV/TSV import: bytes and a file name in, a [`Cohort`] or the full list of problems out.
//!
//! # What a file must look like
//! - UTF-8 text, optionally starting with a byte order mark; a header row naming the
//!   columns; one row per patient. Fields separated by comma, semicolon, tab or pipe
//!   (detected unless fixed in [`ImportOptions`]); double quotes around fields that contain
//!   the separator, quotes (doubled) or line breaks.
//! - Numbers with a decimal point, or a decimal comma in files not separated by commas
//!   (detected). Thousands separators are refused, not guessed.
//! - Missing values as empty cells or one of the codes of [`crate::cell`] (`NA`, `N/A`,
//!   `#N/A`, `NaN`, `NULL`, `.`, `?`, `missing`, ... in any letter case), in every column,
//!   plus the codes of [`ImportOptions::missing_codes`]. `inf` is an error: the cohort's
//!   `NaN` means "missing" and nothing else. [`ImportOptions::require_markers`] refuses
//!   missing marker values, cell by cell, for inputs that nothing imputes.
//! - Survival time: a number > 0 (any unit, kept as written). Event: `1`/`0` (also `1.0`,
//!   `0.0`, `true`, `false`). Neither may be missing. Patient ids, when a column is given,
//!   must be present and unique; without one, ids are `row 2`, `row 3`, ... after the
//!   spreadsheet row.
//! - Patients without an outcome: with [`ImportOptions::require_outcome`] off, a file that
//!   has neither the time nor the event column (or whose roles name none, an empty name)
//!   imports as a cohort without outcomes ([`Cohort::has_outcome`]), for predicting and
//!   explaining new patients. A file with one of the two columns but not the other is
//!   refused; a file with both reads them as above.
//!
//! # Marker kinds
//! Unless fixed in [`ColumnRoles::kinds`], a marker column is *binary* when every present
//! value is 0 or 1, *numeric* when every present value is a number, *categorical* when no
//! present value is a number. A column of mostly numbers with some text (e.g. `"<5"` in a lab
//! value) is reported cell by cell instead of silently becoming categorical; one of mostly
//! text is categorical, its numbers becoming levels. Categorical levels are sorted with
//! [`natural_order`](crate::natural_order), so they do not depend on row order. Columns
//! not selected as markers are never read, so their content cannot cause errors.
//!
//! # Problems
//! Nothing is imported from a file with any problem: clinical data with a half-read column
//! is worse than none. Instead the [`ImportReport`] lists every problem (up to
//! [`Limits::max_problems`], counting the rest), each naming the file, the 1-based
//! spreadsheet row (header = row 1) and the column.

use std::collections::{BTreeMap, HashMap};

use csv::ByteRecord;
use serde::{Deserialize, Serialize};

use crate::cell::{self, MissingCodes, Number};
use crate::cohort::{Categorical, Cohort, CohortColumns, Ids, Marker, MarkerKind};
use crate::dialect::{self, Dialect};
use crate::error::{CellRef, DataError, Expected, ImportReport, Role, column_letters, shown};

/// Which column plays which part. Column names are compared after trimming spaces; an empty
/// time or event name means "no such column" (see [`ImportOptions::require_outcome`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ColumnRoles {
    /// Patient id column; `None` generates ids from the row number.
    pub id: Option<String>,
    /// Survival time column.
    pub time: String,
    /// Event column (1 = event observed, 0 = censored).
    pub event: String,
    /// Cancer entity column, if any (always categorical).
    pub entity: Option<String>,
    /// Marker columns in the order wanted; `None` takes every other named column.
    pub markers: Option<Vec<String>>,
    /// Fixed kinds for marker columns (others are inferred); kinds for columns that exist
    /// but are not markers are ignored.
    pub kinds: BTreeMap<String, MarkerKind>,
}

impl ColumnRoles {
    /// Roles with the required time and event columns; no id, no entity, all other
    /// columns as markers with inferred kinds.
    pub fn new(time: impl Into<String>, event: impl Into<String>) -> Self {
        Self {
            time: time.into(),
            event: event.into(),
            ..Self::default()
        }
    }

    /// Sets the patient id column.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the cancer entity column.
    pub fn with_entity(mut self, entity: impl Into<String>) -> Self {
        self.entity = Some(entity.into());
        self
    }

    /// Selects the marker columns.
    pub fn with_markers<S: Into<String>>(mut self, markers: impl IntoIterator<Item = S>) -> Self {
        self.markers = Some(markers.into_iter().map(Into::into).collect());
        self
    }

    /// Fixes the kind of one marker column.
    pub fn with_kind(mut self, column: impl Into<String>, kind: MarkerKind) -> Self {
        self.kinds.insert(column.into(), kind);
        self
    }
}

/// Bounds that keep a hostile or mistaken file from exhausting the page's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest accepted file, in bytes (default 512 MiB: 100,000 patients x 350 markers
    /// written as text is about 200 MB).
    pub max_bytes: usize,
    /// Most header columns (default 2,000; the study has 350 markers).
    pub max_columns: usize,
    /// Most patient rows (default 2,000,000).
    pub max_rows: usize,
    /// Most marker values, rows x marker columns (default 2^26 = 67,108,864, i.e. 256 MiB
    /// of `f32`).
    pub max_cells: usize,
    /// Most distinct levels of a categorical column or the entity (default 100).
    pub max_levels: usize,
    /// Most problems kept in an [`ImportReport`] (default 100; the rest are counted).
    pub max_problems: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 512 * 1024 * 1024,
            max_columns: 2_000,
            max_rows: 2_000_000,
            max_cells: 1 << 26,
            max_levels: 100,
            max_problems: 100,
        }
    }
}

/// Import settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// Field separator; `None` detects comma, semicolon, tab or pipe.
    pub delimiter: Option<u8>,
    /// Decimal comma; `None` detects it (never with comma-separated fields).
    pub decimal_comma: Option<bool>,
    /// Refuse a cohort without any event (default `true`; a model cannot learn from it).
    pub require_events: bool,
    /// Require the time and event columns (default `true`). Off, a file without either
    /// imports as a cohort without outcomes, for prediction; a file with only one of them
    /// is still refused ([`DataError::HalfOutcome`]).
    #[serde(default = "yes")]
    pub require_outcome: bool,
    /// Missing-value codes read as missing besides the built-in ones of [`crate::cell`].
    #[serde(default)]
    pub missing_codes: MissingCodes,
    /// Refuse a missing marker value (default `false`: a missing marker is `NaN`, which the
    /// encoder imputes). On for inputs nothing imputes, such as an ONNX network's: every
    /// missing cell is reported ([`DataError::MissingValue`] with [`Role::Marker`]).
    #[serde(default)]
    pub require_markers: bool,
    /// Size bounds.
    pub limits: Limits,
}

fn yes() -> bool {
    true
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            delimiter: None,
            decimal_comma: None,
            require_events: true,
            require_outcome: true,
            missing_codes: MissingCodes::none(),
            require_markers: false,
            limits: Limits::default(),
        }
    }
}

/// `name` trimmed, or `None` when nothing is left.
fn non_empty(name: &str) -> Option<String> {
    let name = cell::trim(name);
    (!name.is_empty()).then(|| name.to_owned())
}

/// Something worth telling the user about a successful import.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportNote {
    /// A column without a header name was not used as a marker.
    UnnamedColumnSkipped {
        /// 1-based column number.
        column: usize,
    },
    /// A marker without any value (every cell missing).
    EmptyMarker {
        /// The marker name.
        marker: String,
    },
    /// The file has no time and event columns: its patients have no outcome, so it can be
    /// predicted and explained but not trained on or scored.
    NoOutcome,
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportNote::UnnamedColumnSkipped { column } => write!(
                f,
                "column {} has no name in the header and was left out",
                column_letters(*column)
            ),
            ImportNote::EmptyMarker { marker } => {
                write!(f, "marker \"{marker}\" has no values: every cell is empty")
            }
            ImportNote::NoOutcome => f.write_str(
                "the file has no survival time and event columns: predictions and \
                 explanations only, no C-index or survival curves of its own",
            ),
        }
    }
}

/// A successful import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The cohort.
    pub cohort: Cohort,
    /// How the file was written (for the page to show what was detected).
    pub dialect: Dialect,
    /// Remarks that did not stop the import.
    pub notes: Vec<ImportNote>,
}

/// The first rows of a file as text, for the page's column-mapping form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// How the file is written.
    pub dialect: Dialect,
    /// Header names (trimmed; invalid UTF-8 replaced by U+FFFD).
    pub header: Vec<String>,
    /// Up to the requested number of rows, each as read (ragged rows kept as they are).
    pub rows: Vec<Vec<String>>,
    /// The 1-based spreadsheet row of each of `rows` (the header is row 1; blank lines
    /// count), as the import's messages number them.
    pub row_numbers: Vec<u64>,
}

/// Imports a cohort from the bytes of a CSV/TSV file.
///
/// `file` names the file in messages. On any problem nothing is imported and the report
/// lists every problem found (see the module documentation).
pub fn import_csv(
    bytes: &[u8],
    file: &str,
    roles: &ColumnRoles,
    options: &ImportOptions,
) -> Result<Imported, ImportReport> {
    let mut problems = Problems::new(file, options.limits.max_problems);
    match Importer::run(bytes, file, roles, options, &mut problems) {
        Some(imported) if problems.is_empty() => Ok(imported),
        _ => Err(problems.into_report()),
    }
}

/// Reads the header and up to `max_rows` rows as text, for choosing column roles.
pub fn preview(
    bytes: &[u8],
    file: &str,
    options: &ImportOptions,
    max_rows: usize,
) -> Result<Preview, ImportReport> {
    let mut problems = Problems::new(file, options.limits.max_problems);
    let Some((body, dialect)) = open(bytes, file, options, &mut problems) else {
        return Err(problems.into_report());
    };
    let mut counter = RowCounter::new(body);
    let mut reader = reader(body, dialect);
    let mut record = ByteRecord::new();
    let mut text_rows = Vec::new();
    let mut row_numbers = Vec::new();
    while text_rows.len() <= max_rows {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                row_numbers.push(counter.row_of(&record));
                text_rows.push(
                    record
                        .iter()
                        .map(|f| cell::trim(&String::from_utf8_lossy(f)).to_owned())
                        .collect(),
                );
            }
            Ok(false) => break,
            Err(e) => {
                problems.push(DataError::Malformed {
                    file: file.into(),
                    row: 1,
                    description: e.to_string(),
                });
                return Err(problems.into_report());
            }
        }
    }
    let mut text_rows = text_rows.into_iter();
    let header: Vec<String> = text_rows.next().unwrap_or_default();
    if header.len() > options.limits.max_columns {
        problems.push(DataError::TooManyColumns {
            file: file.into(),
            found: header.len(),
            limit: options.limits.max_columns,
        });
        return Err(problems.into_report());
    }
    Ok(Preview {
        dialect,
        header,
        rows: text_rows.collect(),
        row_numbers: row_numbers.into_iter().skip(1).collect(),
    })
}

/// Problems collected so far, bounded.
struct Problems {
    file: String,
    kept: Vec<DataError>,
    omitted: usize,
    max: usize,
}

impl Problems {
    fn new(file: &str, max: usize) -> Self {
        Self {
            file: file.into(),
            kept: Vec::new(),
            omitted: 0,
            max: max.max(1),
        }
    }

    fn push(&mut self, e: DataError) {
        if self.kept.len() < self.max {
            self.kept.push(e);
        } else {
            self.omitted += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted == 0
    }

    fn into_report(mut self) -> ImportReport {
        // Stable: problems without a row (file-level) first, then by row, keeping the order
        // of discovery within a row.
        self.kept.sort_by_key(|e| e.row().unwrap_or(0));
        ImportReport {
            file: self.file,
            problems: self.kept,
            omitted: self.omitted,
        }
    }
}

/// Checks size, strips a byte order mark, refuses an empty file and detects the dialect.
fn open<'b>(
    bytes: &'b [u8],
    file: &str,
    options: &ImportOptions,
    problems: &mut Problems,
) -> Option<(&'b [u8], Dialect)> {
    if bytes.len() > options.limits.max_bytes {
        problems.push(DataError::FileTooLarge {
            file: file.into(),
            bytes: bytes.len() as u64,
            limit: options.limits.max_bytes as u64,
        });
        return None;
    }
    if let Some(d) = options.delimiter
        && matches!(d, b'"' | b'\n' | b'\r' | 0x80..=0xFF)
    {
        problems.push(DataError::InvalidSettings {
            reason: "the field separator must be an ASCII character other than a quote or a \
                     line break",
        });
        return None;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.trim_ascii().is_empty() {
        problems.push(DataError::EmptyFile { file: file.into() });
        return None;
    }
    let dialect = dialect::detect(body, options.delimiter, options.decimal_comma);
    Some((body, dialect))
}

fn reader(body: &[u8], dialect: Dialect) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
}

/// Turns csv record positions into spreadsheet rows: every line break outside quotes starts
/// a row, so blank lines count and a quoted multi-line cell stays in one row.
struct RowCounter<'b> {
    bytes: &'b [u8],
    row: u64,
    started: bool,
}

impl<'b> RowCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Self {
            bytes,
            row: 0,
            started: false,
        }
    }

    /// The row of the record whose reading started at byte `start` (the byte after the
    /// previous record's content; line breaks and blank lines follow until the record).
    fn row_of(&mut self, record: &ByteRecord) -> u64 {
        let is_break = |b: u8| b == b'\n' || b == b'\r';
        let len = self.bytes.len();
        let start = record.position().map_or(0, |p| p.byte()).min(len as u64) as usize;
        let mut back = start;
        while back > 0 && is_break(self.bytes[back - 1]) {
            back -= 1;
        }
        let mut forward = start;
        while forward < len && is_break(self.bytes[forward]) {
            forward += 1;
        }
        let gap = &self.bytes[back..forward];
        let breaks = gap
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && gap.get(i + 1) != Some(&b'\n')))
            .count() as u64;
        self.row = if self.started {
            self.row + breaks
        } else {
            1 + breaks
        };
        self.started = true;
        self.row
    }
}

/// The 0-based field whose opening double quote is never closed in `record` (the bytes
/// from the start of the file's last record to its end), or `None`.
///
/// The CSV reader accepts such a field and reads the rest of the file into it, which would
/// silently drop every later patient. A quote opens a quoted field only at the start of a
/// field, and `""` inside one is an escaped quote (RFC 4180, as the reader does).
fn unclosed_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    let is_break = |b: u8| b == b'\n' || b == b'\r';
    let skip = record.iter().take_while(|&&b| is_break(b)).count();
    let mut bytes = record[skip..].iter().copied().peekable();
    let (mut field, mut field_start, mut quoted) = (0, true, false);
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' && bytes.next_if_eq(&b'"').is_none() {
                quoted = false;
            }
            continue;
        }
        if b == delimiter {
            field += 1;
            field_start = true;
            continue;
        }
        if is_break(b) {
            return None;
        }
        quoted = field_start && b == b'"';
        field_start = false;
    }
    quoted.then_some(field)
}

/// Where each role's column is.
struct Plan {
    id: Option<usize>,
    /// The time and event columns; `None` for a cohort without outcomes.
    outcome: Option<(usize, usize)>,
    entity: Option<usize>,
    /// Marker columns with their fixed kind, if any.
    markers: Vec<(usize, Option<MarkerKind>)>,
}

/// A distinct-value table for one categorical column, bounded by the level limit.
struct Levels {
    index: HashMap<String, u32>,
    names: Vec<String>,
    limit: usize,
    /// First value over the limit and its row.
    overflow: Option<(u64, String)>,
}

impl Levels {
    fn new(limit: usize) -> Self {
        // Codes are u32 with u32::MAX meaning missing.
        let limit = limit.min(Categorical::MISSING as usize - 1);
        Self {
            index: HashMap::new(),
            names: Vec::new(),
            limit,
            overflow: None,
        }
    }

    /// The code of `text`, or `None` once the column has more levels than the limit.
    fn code(&mut self, text: &str, row: u64) -> Option<u32> {
        if let Some(&c) = self.index.get(text) {
            return Some(c);
        }
        if self.names.len() >= self.limit {
            if self.overflow.is_none() {
                self.overflow = Some((row, shown(text)));
            }
            return None;
        }
        let c = self.names.len() as u32;
        self.index.insert(text.to_owned(), c);
        self.names.push(text.to_owned());
        Some(c)
    }

    fn into_categorical(self, codes: Vec<u32>) -> Categorical {
        Categorical::from_interned(codes, self.names)
    }
}

/// One marker column being read.
enum Builder {
    /// Kind to be inferred: numbers are stored, text cells interned on the side.
    Infer {
        values: Vec<f32>,
        levels: Levels,
        /// `(patient, level code)` of text cells.
        text_cells: Vec<(u32, u32)>,
        numbers: usize,
        texts: usize,
        all_binary: bool,
        /// First text cells, reported if the column turns out numeric.
        text_examples: Vec<(u64, String)>,
    },
    /// Fixed numeric or binary.
    Numeric { values: Vec<f32>, binary: bool },
    /// Fixed categorical.
    Categorical { codes: Vec<u32>, levels: Levels },
}

/// A marker column as finally read.
enum Finished {
    Done(Marker),
    /// Mostly text with some numbers: its levels need the numbers' text (second pass).
    NeedsText,
    Failed,
}

struct Importer<'a> {
    file: &'a str,
    names: Vec<String>,
    decimal_comma: bool,
    limits: Limits,
    missing: &'a MissingCodes,
    require_markers: bool,
}

impl<'a> Importer<'a> {
    fn run(
        bytes: &[u8],
        file: &'a str,
        roles: &ColumnRoles,
        options: &ImportOptions,
        problems: &mut Problems,
    ) -> Option<Imported> {
        let (body, dialect) = open(bytes, file, options, problems)?;
        let mut reader = reader(body, dialect);
        let mut rows = RowCounter::new(body);
        let mut record = ByteRecord::new();

        // Header.
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                problems.push(DataError::EmptyFile { file: file.into() });
                return None;
            }
            Err(e) => {
                problems.push(DataError::Malformed {
                    file: file.into(),
                    row: 1,
                    description: e.to_string(),
                });
                return None;
            }
        }
        let header_row = rows.row_of(&record);
        let limits = options.limits;
        if record.len() > limits.max_columns {
            problems.push(DataError::TooManyColumns {
                file: file.into(),
                found: record.len(),
                limit: limits.max_columns,
            });
            return None;
        }
        let mut names = Vec::with_capacity(record.len());
        for (c, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok(s) => names.push(cell::trim(s).to_owned()),
                Err(_) => {
                    problems.push(DataError::NonUtf8 {
                        at: CellRef {
                            file: file.into(),
                            row: header_row,
                            column: format!("column {}", column_letters(c + 1)),
                        },
                        text: shown(&String::from_utf8_lossy(raw)),
                    });
                    names.push(String::new());
                }
            }
        }
        if !problems.is_empty() {
            return None;
        }
        let importer = Importer {
            file,
            names,
            decimal_comma: dialect.decimal_comma,
            limits,
            missing: &options.missing_codes,
            require_markers: options.require_markers,
        };
        let mut notes = Vec::new();
        let plan = importer.plan(roles, options.require_outcome, &mut notes, problems)?;
        if !problems.is_empty() {
            return None;
        }

        let ncols = importer.names.len();
        let nmarkers = plan.markers.len();
        let mut ids = Ids::with_capacity(0);
        let mut patient_rows: Vec<u64> = Vec::new();
        let mut time: Vec<f64> = Vec::new();
        let mut event: Vec<bool> = Vec::new();
        let mut entity = plan
            .entity
            .map(|_| (Vec::<u32>::new(), Levels::new(limits.max_levels)));
        let mut builders: Vec<Builder> = plan
            .markers
            .iter()
            .map(|&(_, kind)| importer.builder(kind))
            .collect();
        // Where the last record started and its row: an unclosed quote can only be there.
        let mut last_record = (record.position().map_or(0, |p| p.byte()), header_row);

        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    problems.push(DataError::Malformed {
                        file: file.into(),
                        row: rows.row + 1,
                        description: e.to_string(),
                    });
                    return None;
                }
            }
            let row = rows.row_of(&record);
            last_record = (record.position().map_or(0, |p| p.byte()), row);
            if record.len() != ncols {
                problems.push(DataError::RaggedRow {
                    file: file.into(),
                    row,
                    expected: ncols,
                    found: record.len(),
                });
                continue;
            }
            let patient = patient_rows.len();
            // Patient indices are stored as u32 for text cells.
            if patient >= limits.max_rows.min(u32::MAX as usize) {
                problems.push(DataError::TooManyRows {
                    file: file.into(),
                    limit: limits.max_rows,
                });
                return None;
            }
            if (patient + 1).saturating_mul(nmarkers) > limits.max_cells {
                problems.push(DataError::TooManyCells {
                    file: file.into(),
                    rows: patient + 1,
                    columns: nmarkers,
                    limit: limits.max_cells,
                });
                return None;
            }
            patient_rows.push(row);
            if let Some(c) = plan.id {
                // A placeholder keeps the columns aligned; the problem stops the import.
                match importer.text(&record, row, c, problems) {
                    Some(id) if !importer.missing.is_missing_id(id) => ids.push(id),
                    Some(_) => {
                        importer.require(&record, row, c, Role::Id, problems);
                        ids.push("");
                    }
                    None => ids.push(""),
                }
            }
            if let Some((time_column, event_column)) = plan.outcome {
                time.push(importer.time(&record, row, time_column, problems));
                event.push(importer.event(&record, row, event_column, problems));
            }
            if let (Some(c), Some((codes, levels))) = (plan.entity, entity.as_mut()) {
                let code = match importer.text(&record, row, c, problems) {
                    Some(t) if !importer.is_missing(t) => {
                        levels.code(t, row).unwrap_or(Categorical::MISSING)
                    }
                    _ => Categorical::MISSING,
                };
                codes.push(code);
            }
            for (builder, &(c, _)) in builders.iter_mut().zip(&plan.markers) {
                importer.read_marker(builder, &record, row, patient, c, problems);
            }
        }

        let (start, row) = last_record;
        let start = usize::try_from(start).unwrap_or(usize::MAX).min(body.len());
        if let Some(c) = unclosed_quote(&body[start..], dialect.delimiter) {
            problems.push(DataError::UnclosedQuote {
                file: file.into(),
                row,
                column: importer.at(row, c).column,
            });
            return None;
        }

        let n = patient_rows.len();
        if n == 0 && problems.is_empty() {
            problems.push(DataError::HeaderOnly { file: file.into() });
            return None;
        }

        // Columns.
        let entity = match (plan.entity, entity) {
            (Some(c), Some((codes, levels))) => {
                if let Some((row, text)) = levels.overflow.clone() {
                    problems.push(importer.too_many_levels(c, row, text));
                }
                Some(levels.into_categorical(codes))
            }
            _ => None,
        };
        let mut markers: Vec<Option<Marker>> = Vec::with_capacity(nmarkers);
        let mut needs_text = Vec::new();
        for (k, (builder, &(c, _))) in builders.into_iter().zip(&plan.markers).enumerate() {
            match importer.finish(builder, c, n, problems) {
                Finished::Done(m) => markers.push(Some(m)),
                Finished::NeedsText => {
                    needs_text.push(k);
                    markers.push(None);
                }
                Finished::Failed => markers.push(None),
            }
        }
        if plan.id.is_some() {
            for (first, repeat) in ids.duplicates() {
                let id = ids.get(repeat).unwrap_or("");
                if id.is_empty() {
                    continue;
                }
                if let (Some(&row), Some(&first_row), Some(c)) =
                    (patient_rows.get(repeat), patient_rows.get(first), plan.id)
                {
                    problems.push(DataError::DuplicateId {
                        at: importer.at(row, c),
                        id: shown(id),
                        first_row,
                    });
                }
            }
        }
        if !problems.is_empty() {
            return None;
        }
        if !needs_text.is_empty() {
            importer.read_text_columns(body, dialect, &plan, &needs_text, &mut markers, problems);
        }
        if options.require_events && plan.outcome.is_some() && !event.iter().any(|&e| e) {
            problems.push(DataError::NoEvents {
                file: file.into(),
                patients: n,
            });
        }
        if !problems.is_empty() {
            return None;
        }

        let markers: Vec<Marker> = markers.into_iter().flatten().collect();
        if plan.outcome.is_none() {
            notes.push(ImportNote::NoOutcome);
        }
        for m in &markers {
            if m.missing_count() == m.len() {
                notes.push(ImportNote::EmptyMarker {
                    marker: m.name().to_owned(),
                });
            }
        }
        if plan.id.is_none() {
            for &row in &patient_rows {
                ids.push(&format!("row {row}"));
            }
        }
        let name = |c: usize| importer.names[c].clone();
        let defaults = CohortColumns::default();
        let (time_name, event_name) = match plan.outcome {
            Some((t, e)) => (name(t), name(e)),
            // Not in the file: the names the roles asked for, or the defaults.
            None => (
                non_empty(&roles.time).unwrap_or(defaults.time),
                non_empty(&roles.event).unwrap_or(defaults.event),
            ),
        };
        let columns = CohortColumns {
            id: plan.id.map_or_else(|| importer.free_name(), name),
            time: time_name,
            event: event_name,
            entity: plan.entity.map(name),
        };
        let outcome = plan.outcome.map(|_| (time, event));
        let cohort = Cohort::from_parts(columns, ids, outcome, entity, markers);
        Some(Imported {
            cohort,
            dialect,
            notes,
        })
    }

    /// Maps role names to column positions, reporting every missing or conflicting one.
    fn plan(
        &self,
        roles: &ColumnRoles,
        require_outcome: bool,
        notes: &mut Vec<ImportNote>,
        problems: &mut Problems,
    ) -> Option<Plan> {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(self.names.len());
        for (c, name) in self.names.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(&first) = index.get(name.as_str()) {
                problems.push(DataError::DuplicateColumn {
                    file: self.file.into(),
                    column: name.clone(),
                    first: first + 1,
                    second: c + 1,
                });
            } else {
                index.insert(name, c);
            }
        }
        // A first row of numbers is data, not a header: its repeated "names" (two columns
        // holding 1) are a symptom. Go on, so the missing time and event columns are
        // reported with the hint that the file needs a header row.
        if !problems.is_empty() && !self.header_looks_like_data() {
            return None;
        }
        let outcome = self.outcome_plan(roles, require_outcome, &index, problems);
        let mut find = |name: &str, role: Role| -> Option<usize> {
            let found = index.get(cell::trim(name)).copied();
            if found.is_none() {
                problems.push(self.missing_column(name, role));
            }
            found
        };
        let id = roles.id.as_deref().map(|n| find(n, Role::Id));
        let entity = roles.entity.as_deref().map(|n| find(n, Role::Entity));
        let explicit: Option<Vec<Option<usize>>> = roles
            .markers
            .as_ref()
            .map(|ms| ms.iter().map(|m| find(m, Role::Marker)).collect());
        for column in roles.kinds.keys() {
            find(column, Role::Marker);
        }
        let outcome = outcome.ok()?;
        // `Some(None)` = role not requested; `None` = requested but not found.
        let found = |role: Option<Option<usize>>| role.map_or(Some(None), |c| c.map(Some));
        let (Some(id), Some(entity)) = (found(id), found(entity)) else {
            return None;
        };

        // Every column plays at most one role.
        let mut taken: Vec<Option<Role>> = vec![None; self.names.len()];
        let mut conflict = false;
        let mut roles_taken = Vec::new();
        if let Some((time, event)) = outcome {
            roles_taken.extend([(time, Role::Time), (event, Role::Event)]);
        }
        roles_taken.extend(id.map(|c| (c, Role::Id)));
        roles_taken.extend(entity.map(|c| (c, Role::Entity)));
        for (c, role) in roles_taken {
            conflict |= self.take(&mut taken, c, role, problems);
        }
        let marker_columns: Vec<usize> = match explicit {
            Some(list) => {
                let mut cols: Vec<usize> = Vec::with_capacity(list.len());
                for c in list {
                    let c = c?;
                    // A marker listed twice is read once.
                    if taken[c] != Some(Role::Marker) {
                        conflict |= self.take(&mut taken, c, Role::Marker, problems);
                        cols.push(c);
                    }
                }
                cols
            }
            None => (0..self.names.len())
                .filter(|&c| {
                    if taken[c].is_some() {
                        return false;
                    }
                    if self.names[c].is_empty() {
                        notes.push(ImportNote::UnnamedColumnSkipped { column: c + 1 });
                        return false;
                    }
                    true
                })
                .collect(),
        };
        if conflict {
            return None;
        }
        let markers = marker_columns
            .into_iter()
            .map(|c| (c, roles.kinds.get(&self.names[c]).copied()))
            .collect();
        Some(Plan {
            id,
            outcome,
            entity,
            markers,
        })
    }

    /// The time and event columns: `Ok(Some(..))` when both are there, `Ok(None)` when the
    /// outcome may be absent and neither is; `Err(())` once a problem is reported (a column
    /// not found, no name where the outcome is required, half an outcome).
    fn outcome_plan(
        &self,
        roles: &ColumnRoles,
        require_outcome: bool,
        index: &HashMap<&str, usize>,
        problems: &mut Problems,
    ) -> Result<Option<(usize, usize)>, ()> {
        let lookup = |name: &str| index.get(cell::trim(name)).copied();
        let named = [(&roles.time, Role::Time), (&roles.event, Role::Event)];
        if require_outcome {
            let mut found = [None, None];
            for (slot, (name, role)) in found.iter_mut().zip(named) {
                *slot = if non_empty(name).is_none() {
                    problems.push(DataError::RoleNotChosen {
                        file: self.file.into(),
                        role,
                    });
                    None
                } else {
                    let c = lookup(name);
                    if c.is_none() {
                        problems.push(self.missing_column(name, role));
                    }
                    c
                };
            }
            return match found {
                [Some(t), Some(e)] => Ok(Some((t, e))),
                _ => Err(()),
            };
        }
        let time = non_empty(&roles.time).and_then(|n| lookup(&n));
        let event = non_empty(&roles.event).and_then(|n| lookup(&n));
        let half = |present: Role, at: usize, role: Role, column: &str| DataError::HalfOutcome {
            file: self.file.into(),
            present,
            present_column: self.names[at].clone(),
            role,
            column: column.into(),
        };
        match (time, event) {
            (Some(t), Some(e)) => Ok(Some((t, e))),
            (None, None) => Ok(None),
            (Some(t), None) => {
                problems.push(half(Role::Time, t, Role::Event, &roles.event));
                Err(())
            }
            (None, Some(e)) => {
                problems.push(half(Role::Event, e, Role::Time, &roles.time));
                Err(())
            }
        }
    }

    fn missing_column(&self, name: &str, role: Role) -> DataError {
        DataError::MissingColumn {
            file: self.file.into(),
            column: name.into(),
            role,
            available: self.available(),
        }
    }

    /// Whether a trimmed cell of a time, event, entity or marker column is missing.
    fn is_missing(&self, cell: &str) -> bool {
        self.missing.is_missing(cell, self.decimal_comma)
    }

    /// Gives column `c` a role; reports and returns `true` if it already had one.
    fn take(
        &self,
        taken: &mut [Option<Role>],
        c: usize,
        role: Role,
        problems: &mut Problems,
    ) -> bool {
        let previous = taken.get_mut(c).and_then(|slot| slot.replace(role));
        if let Some(first) = previous {
            problems.push(DataError::RoleConflict {
                column: self.names[c].clone(),
                first,
                second: role,
            });
        }
        previous.is_some()
    }

    /// The header names for a "the header has: ..." message.
    fn available(&self) -> String {
        const SHOWN: usize = 20;
        let mut list: Vec<String> = self
            .names
            .iter()
            .take(SHOWN)
            .map(|n| format!("\"{}\"", shown(n)))
            .collect();
        if self.names.len() > SHOWN {
            list.push(format!("... ({} columns)", self.names.len()));
        }
        let mut s = list.join(", ");
        if self.names.len() == 1 && self.names[0].bytes().any(|b| b" ,;\t|".contains(&b)) {
            s.push_str(" (only one column: is the file separated by a different character?)");
        } else if self.header_looks_like_data() {
            s.push_str(" (the first row looks like data: the file needs a header row)");
        }
        s
    }

    /// Whether every header name reads as a number: the file has no header row.
    fn header_looks_like_data(&self) -> bool {
        self.names
            .iter()
            .all(|n| cell::parse_f64(n, self.decimal_comma) != Number::Text)
    }

    /// A column name for generated ids that no header column uses.
    fn free_name(&self) -> String {
        ["id", "patient_id", "row_id"]
            .into_iter()
            .find(|c| !self.names.iter().any(|n| n == c))
            .unwrap_or("survlens_id")
            .to_owned()
    }

    fn at(&self, row: u64, c: usize) -> CellRef {
        let column = match self.names.get(c) {
            Some(n) if !n.is_empty() => n.clone(),
            _ => format!("column {}", column_letters(c + 1)),
        };
        CellRef {
            file: self.file.into(),
            row,
            column,
        }
    }

    fn builder(&self, kind: Option<MarkerKind>) -> Builder {
        match kind {
            None => Builder::Infer {
                values: Vec::new(),
                levels: Levels::new(self.limits.max_levels),
                text_cells: Vec::new(),
                numbers: 0,
                texts: 0,
                all_binary: true,
                text_examples: Vec::new(),
            },
            Some(MarkerKind::Numeric) => Builder::Numeric {
                values: Vec::new(),
                binary: false,
            },
            Some(MarkerKind::Binary) => Builder::Numeric {
                values: Vec::new(),
                binary: true,
            },
            Some(MarkerKind::Categorical) => Builder::Categorical {
                codes: Vec::new(),
                levels: Levels::new(self.limits.max_levels),
            },
        }
    }

    /// The trimmed text of a cell, or `None` (problem reported) when it is not UTF-8.
    fn text<'r>(
        &self,
        record: &'r ByteRecord,
        row: u64,
        c: usize,
        problems: &mut Problems,
    ) -> Option<&'r str> {
        let raw = record.get(c)?;
        match std::str::from_utf8(raw) {
            Ok(s) => Some(cell::trim(s)),
            Err(_) => {
                problems.push(DataError::NonUtf8 {
                    at: self.at(row, c),
                    text: shown(&String::from_utf8_lossy(raw)),
                });
                None
            }
        }
    }

    /// Reports a missing required cell (if it is valid UTF-8; otherwise that was reported).
    fn require(
        &self,
        record: &ByteRecord,
        row: u64,
        c: usize,
        role: Role,
        problems: &mut Problems,
    ) {
        if let Some(raw) = record.get(c)
            && let Ok(s) = std::str::from_utf8(raw)
        {
            problems.push(DataError::MissingValue {
                at: self.at(row, c),
                role,
                text: shown(cell::trim(s)),
            });
        }
    }

    fn time(&self, record: &ByteRecord, row: u64, c: usize, problems: &mut Problems) -> f64 {
        let Some(t) = self.text(record, row, c, problems) else {
            return f64::NAN;
        };
        if self.is_missing(t) {
            self.require(record, row, c, Role::Time, problems);
            return f64::NAN;
        }
        let problem = match cell::parse_f64(t, self.decimal_comma) {
            Number::Finite(v) if v > 0.0 => return v,
            Number::Finite(_) => DataError::NonPositiveTime {
                at: self.at(row, c),
                text: shown(t),
            },
            Number::NonFinite => DataError::NonFinite {
                at: self.at(row, c),
                text: shown(t),
            },
            Number::TooLarge => DataError::NumberTooLarge {
                at: self.at(row, c),
                text: shown(t),
            },
            Number::Text => DataError::NotNumber {
                at: self.at(row, c),
                text: shown(t),
                expected: Expected::PositiveTime,
            },
        };
        problems.push(problem);
        f64::NAN
    }

    fn event(&self, record: &ByteRecord, row: u64, c: usize, problems: &mut Problems) -> bool {
        let Some(t) = self.text(record, row, c, problems) else {
            return false;
        };
        if self.is_missing(t) {
            self.require(record, row, c, Role::Event, problems);
            return false;
        }
        cell::parse_event(t).unwrap_or_else(|| {
            problems.push(DataError::BadEvent {
                at: self.at(row, c),
                text: shown(t),
            });
            false
        })
    }

    fn read_marker(
        &self,
        builder: &mut Builder,
        record: &ByteRecord,
        row: u64,
        patient: usize,
        c: usize,
        problems: &mut Problems,
    ) {
        let text = self
            .text(record, row, c, problems)
            .filter(|t| !self.is_missing(t));
        if text.is_none() && self.require_markers {
            self.require(record, row, c, Role::Marker, problems);
        }
        match builder {
            Builder::Infer {
                values,
                levels,
                text_cells,
                numbers,
                texts,
                all_binary,
                text_examples,
            } => {
                let Some(t) = text else {
                    values.push(f32::NAN);
                    return;
                };
                match cell::parse_f32(t, self.decimal_comma) {
                    Number::Finite(v) => {
                        values.push(v);
                        *numbers += 1;
                        *all_binary &= v == 0.0 || v == 1.0;
                    }
                    Number::NonFinite => {
                        values.push(f32::NAN);
                        problems.push(DataError::NonFinite {
                            at: self.at(row, c),
                            text: shown(t),
                        });
                    }
                    Number::TooLarge => {
                        values.push(f32::NAN);
                        problems.push(DataError::NumberTooLarge {
                            at: self.at(row, c),
                            text: shown(t),
                        });
                    }
                    Number::Text => {
                        values.push(f32::NAN);
                        *texts += 1;
                        if let Some(code) = levels.code(t, row) {
                            text_cells.push((patient as u32, code));
                        }
                        if text_examples.len() < self.limits.max_problems {
                            text_examples.push((row, shown(t)));
                        }
                    }
                }
            }
            Builder::Numeric { values, binary } => {
                let Some(t) = text else {
                    values.push(f32::NAN);
                    return;
                };
                let expected = if *binary {
                    Expected::ZeroOrOne
                } else {
                    Expected::Number
                };
                let problem = match cell::parse_f32(t, self.decimal_comma) {
                    Number::Finite(v) if !*binary || v == 0.0 || v == 1.0 => {
                        values.push(v);
                        return;
                    }
                    Number::Finite(_) | Number::Text => DataError::NotNumber {
                        at: self.at(row, c),
                        text: shown(t),
                        expected,
                    },
                    Number::NonFinite => DataError::NonFinite {
                        at: self.at(row, c),
                        text: shown(t),
                    },
                    Number::TooLarge => DataError::NumberTooLarge {
                        at: self.at(row, c),
                        text: shown(t),
                    },
                };
                values.push(f32::NAN);
                problems.push(problem);
            }
            Builder::Categorical { codes, levels } => {
                let code = text
                    .and_then(|t| levels.code(t, row))
                    .unwrap_or(Categorical::MISSING);
                codes.push(code);
            }
        }
    }

    fn too_many_levels(&self, c: usize, row: u64, text: String) -> DataError {
        DataError::TooManyLevels {
            file: self.file.into(),
            column: self.at(row, c).column,
            limit: self.limits.max_levels,
            row,
            text,
        }
    }

    /// Settles a column's kind and builds its marker.
    fn finish(&self, builder: Builder, c: usize, n: usize, problems: &mut Problems) -> Finished {
        let name = self.names[c].clone();
        match builder {
            Builder::Numeric {
                values,
                binary: false,
            } => Marker::numeric(name, values).map_or(Finished::Failed, Finished::Done),
            Builder::Numeric {
                values,
                binary: true,
            } => Marker::binary(name, values).map_or(Finished::Failed, Finished::Done),
            Builder::Categorical { codes, levels } => {
                if let Some((row, text)) = levels.overflow.clone() {
                    problems.push(self.too_many_levels(c, row, text));
                    return Finished::Failed;
                }
                Finished::Done(Marker::categorical(name, levels.into_categorical(codes)))
            }
            Builder::Infer {
                values,
                levels,
                text_cells,
                numbers,
                texts,
                all_binary,
                text_examples,
            } => {
                if texts == 0 {
                    let marker = if all_binary && numbers > 0 {
                        Marker::binary(name, values)
                    } else {
                        Marker::numeric(name, values)
                    };
                    return marker.map_or(Finished::Failed, Finished::Done);
                }
                if numbers > texts {
                    // Mostly numbers: the text cells are mistakes to show, not categories.
                    let shown_examples = text_examples.len();
                    for (row, text) in text_examples {
                        problems.push(DataError::NotNumber {
                            at: self.at(row, c),
                            text,
                            expected: Expected::Number,
                        });
                    }
                    problems.omitted += texts - shown_examples;
                    return Finished::Failed;
                }
                if let Some((row, text)) = levels.overflow.clone() {
                    problems.push(self.too_many_levels(c, row, text));
                    return Finished::Failed;
                }
                if numbers > 0 {
                    return Finished::NeedsText;
                }
                let mut codes = vec![Categorical::MISSING; n];
                for (patient, code) in text_cells {
                    if let Some(slot) = codes.get_mut(patient as usize) {
                        *slot = code;
                    }
                }
                Finished::Done(Marker::categorical(name, levels.into_categorical(codes)))
            }
        }
    }

    /// Second pass for mostly-text columns that also hold numbers: reads every present cell
    /// as text so numbers become levels as written (`"1"` and `"1.0"` stay distinct).
    fn read_text_columns(
        &self,
        body: &[u8],
        dialect: Dialect,
        plan: &Plan,
        which: &[usize],
        markers: &mut [Option<Marker>],
        problems: &mut Problems,
    ) {
        let mut reader = reader(body, dialect);
        let mut rows = RowCounter::new(body);
        let mut record = ByteRecord::new();
        let mut columns: Vec<(Vec<u32>, Levels)> = which
            .iter()
            .map(|_| (Vec::new(), Levels::new(self.limits.max_levels)))
            .collect();
        let mut first = true;
        while let Ok(true) = reader.read_byte_record(&mut record) {
            let row = rows.row_of(&record);
            if std::mem::take(&mut first) || record.len() != self.names.len() {
                continue;
            }
            for (&k, (codes, levels)) in which.iter().zip(columns.iter_mut()) {
                let c = plan.markers[k].0;
                let text = self
                    .text(&record, row, c, problems)
                    .filter(|t| !self.is_missing(t));
                codes.push(
                    text.and_then(|t| levels.code(t, row))
                        .unwrap_or(Categorical::MISSING),
                );
            }
        }
        for (&k, (codes, levels)) in which.iter().zip(columns) {
            let c = plan.markers[k].0;
            if let Some((row, text)) = levels.overflow.clone() {
                problems.push(self.too_many_levels(c, row, text));
            } else if let Some(slot) = markers.get_mut(k) {
                *slot = Some(Marker::categorical(
                    self.names[c].clone(),
                    levels.into_categorical(codes),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unclosed_quote;

    #[test]
    fn unclosed_quote_names_the_field_that_runs_to_the_end() {
        for (record, expected) in [
            (&b"1,2,\"open\n3,4,5\n"[..], Some(2)),
            (b"\"open", Some(0)),
            (b"\n\r\n1,\"a \"\"b\"\" c\n", Some(1)),
            (b"1,2,\"closed\"\n", None),
            (b"1,\"a \"\"b\"\"\",3", None),
            (b"1,5\" tall,3\n", None),
            (b"1,2,3", None),
            (b"", None),
        ] {
            assert_eq!(
                unclosed_quote(record, b','),
                expected,
                "{:?}",
                String::from_utf8_lossy(record)
            );
        }
        assert_eq!(unclosed_quote(b"1;\"x", b';'), Some(1));
    }
}
