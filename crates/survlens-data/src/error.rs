//! Everything that can go wrong with cohort data, each problem pointing at the file, row and
//! column a clinician would open in a spreadsheet.
//!
//! Rows are 1-based as a spreadsheet shows them: the header is row 1, the first patient
//! row 2, and blank lines count as rows (a quoted cell that spans several lines is still one
//! row). Columns are named by their header text.

use std::fmt;

use crate::cohort::MarkerKind;
use crate::message::{Describe, Message, MessageArg};

/// The place of one cell in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// File name as given to the importer (e.g. `patients.csv`).
    pub file: String,
    /// 1-based spreadsheet row; the header is row 1.
    pub row: u64,
    /// Column header text, or `column C` for a column without a usable name.
    pub column: String,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, row {}, column \"{}\"",
            self.file, self.row, self.column
        )
    }
}

/// What a column is used for; names the column in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Patient identifier.
    Id,
    /// Survival (follow-up) time.
    Time,
    /// Event indicator: 1 = event observed, 0 = censored.
    Event,
    /// Cancer entity (the study's stratum and `Cancer_*` inputs).
    Entity,
    /// A marker (model input).
    Marker,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Id => "patient id",
            Role::Time => "survival time",
            Role::Event => "event",
            Role::Entity => "cancer entity",
            Role::Marker => "marker",
        })
    }
}

/// What a cell should have held; completes "expected ..." in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A survival time: a number greater than zero.
    PositiveTime,
    /// A number (a numeric marker).
    Number,
    /// 0 or 1 (a binary marker).
    ZeroOrOne,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::PositiveTime => "a survival time (a number greater than zero)",
            Expected::Number => "a number",
            Expected::ZeroOrOne => "0 or 1",
        })
    }
}

/// Why an added missing-value code cannot be one; completes "cannot be used: ..." in
/// messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    /// Longer than [`crate::cell::MAX_CODE_CHARS`] characters.
    TooLong,
    /// Holds a double quote, a tab, a line break or another control character.
    Unprintable,
    /// One more than [`crate::cell::MAX_EXTRA_CODES`] codes.
    TooMany,
    /// A number that is not finite (infinite, or too large for a float).
    NotFinite,
}

impl fmt::Display for CodeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CodeRefusal::TooLong => "a missing-value code has at most 64 characters",
            CodeRefusal::Unprintable => {
                "a missing-value code cannot hold a double quote, a tab or a line break"
            }
            CodeRefusal::TooMany => "at most 64 missing-value codes can be added",
            CodeRefusal::NotFinite => "a numeric missing-value code must be a finite number",
        })
    }
}

impl Describe for CodeRefusal {
    fn message(&self) -> Message {
        Message::plain(match self {
            CodeRefusal::TooLong => "data-code-refusal-too-long",
            CodeRefusal::Unprintable => "data-code-refusal-unprintable",
            CodeRefusal::TooMany => "data-code-refusal-too-many",
            CodeRefusal::NotFinite => "data-code-refusal-not-finite",
        })
    }
}

/// One problem with cohort data or its preprocessing.
///
/// Import problems carry the file, 1-based spreadsheet row and column name, the offending
/// text (shortened to at most [`MAX_SHOWN_CHARS`] characters) and what was expected. The
/// `Display` text is plain English meant to be shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The file has no bytes, or only whitespace and a byte order mark.
    #[error("{file}: the file is empty")]
    EmptyFile {
        /// File name.
        file: String,
    },
    /// The file has a header row but no patient rows.
    #[error("{file}: the file has a header row but no patient rows")]
    HeaderOnly {
        /// File name.
        file: String,
    },
    /// The file is larger than the configured limit.
    #[error(
        "{file}: the file is {} MB, more than the limit of {} MB; split it or raise the limit",
        megabytes(*bytes),
        megabytes(*limit)
    )]
    FileTooLarge {
        /// File name.
        file: String,
        /// File size in bytes.
        bytes: u64,
        /// Configured limit in bytes.
        limit: u64,
    },
    /// The header has more columns than the configured limit.
    #[error("{file}, row 1: the header has {found} columns, more than the limit of {limit}")]
    TooManyColumns {
        /// File name.
        file: String,
        /// Number of header fields.
        found: usize,
        /// Configured limit.
        limit: usize,
    },
    /// The file has more patient rows than the configured limit.
    #[error("{file}: more than {limit} patient rows; split the file or raise the limit")]
    TooManyRows {
        /// File name.
        file: String,
        /// Configured limit.
        limit: usize,
    },
    /// Rows x marker columns exceed the configured cell limit (memory guard).
    #[error(
        "{file}: {rows} patient rows x {columns} marker columns exceed the limit of {limit} \
         marker values; choose fewer markers or a smaller file"
    )]
    TooManyCells {
        /// File name.
        file: String,
        /// Patient rows read when the limit was hit.
        rows: usize,
        /// Marker columns selected.
        columns: usize,
        /// Configured limit on rows x marker columns.
        limit: usize,
    },
    /// Two header fields have the same (trimmed) name.
    #[error(
        "{file}, row 1: the column name \"{column}\" appears twice (columns {} and {}); \
         rename one of them",
        column_letters(*first),
        column_letters(*second)
    )]
    DuplicateColumn {
        /// File name.
        file: String,
        /// The repeated name.
        column: String,
        /// 1-based position of the first occurrence.
        first: usize,
        /// 1-based position of the repeat.
        second: usize,
    },
    /// A column chosen for a role is not in the header.
    #[error("{file}: there is no column \"{column}\" for the {role}; the header has: {available}")]
    MissingColumn {
        /// File name.
        file: String,
        /// The requested column name.
        column: String,
        /// What the column was requested for.
        role: Role,
        /// The header's column names, quoted and comma separated (shortened when long).
        available: String,
    },
    /// One column was chosen for two roles.
    #[error("column \"{column}\" cannot be both the {first} and the {second}")]
    RoleConflict {
        /// The column name.
        column: String,
        /// The first role.
        first: Role,
        /// The second role.
        second: Role,
    },
    /// A row has a different number of fields than the header.
    #[error(
        "{file}, row {row}: expected {expected} fields like the header row, found {found}{}",
        ragged_hint(*expected, *found)
    )]
    RaggedRow {
        /// File name.
        file: String,
        /// 1-based spreadsheet row.
        row: u64,
        /// Number of header fields.
        expected: usize,
        /// Number of fields in this row.
        found: usize,
    },
    /// The bytes of a cell are not valid UTF-8.
    #[error(
        "{at}: the text is not valid UTF-8, found \"{text}\"; save the file as UTF-8 \
         (in Excel: \"CSV UTF-8\")"
    )]
    NonUtf8 {
        /// Where.
        at: CellRef,
        /// The cell shown with invalid bytes replaced by U+FFFD.
        text: String,
    },
    /// A required cell (id, time, event) is empty or a missing-value code.
    #[error("{at}: the {role} is missing{}", shown_if_not_empty(text))]
    MissingValue {
        /// Where.
        at: CellRef,
        /// Which role the cell plays.
        role: Role,
        /// The cell text (empty, `NA`, ...).
        text: String,
    },
    /// A cell that must hold a number holds text.
    #[error("{at}: expected {expected}, found \"{text}\"{}", number_hint(text, *expected))]
    NotNumber {
        /// Where.
        at: CellRef,
        /// The cell text.
        text: String,
        /// What the cell should hold.
        expected: Expected,
    },
    /// A survival time that is zero or negative.
    #[error("{at}: expected {}, found \"{text}\"", Expected::PositiveTime)]
    NonPositiveTime {
        /// Where.
        at: CellRef,
        /// The cell text.
        text: String,
    },
    /// `NaN`, `inf` or `infinity` written as a value.
    #[error("{at}: \"{text}\" is not a finite number; leave missing values empty or write NA")]
    NonFinite {
        /// Where.
        at: CellRef,
        /// The cell text.
        text: String,
    },
    /// A finite number too large for the stored precision (|x| > 3.4e38).
    #[error("{at}: the number \"{text}\" is too large (at most about 3.4e38 is supported)")]
    NumberTooLarge {
        /// Where.
        at: CellRef,
        /// The cell text.
        text: String,
    },
    /// An event cell that is not 0/1 (or true/false).
    #[error(
        "{at}: expected 1 (event observed) or 0 (censored), found \"{text}\"{}",
        event_hint(text)
    )]
    BadEvent {
        /// Where.
        at: CellRef,
        /// The cell text.
        text: String,
    },
    /// A patient id that already appeared in an earlier row.
    #[error("{at}: the patient id \"{id}\" already appears in row {first_row}")]
    DuplicateId {
        /// Where the repeat is.
        at: CellRef,
        /// The repeated id.
        id: String,
        /// Row of the first occurrence.
        first_row: u64,
    },
    /// Every patient is censored: no survival model can be fitted.
    #[error(
        "{file}: none of the {patients} patients has an observed event (all are censored); \
         a survival model needs events"
    )]
    NoEvents {
        /// File name.
        file: String,
        /// Number of patients.
        patients: usize,
    },
    /// A text column with more distinct values than the level limit.
    #[error(
        "{file}, column \"{column}\": more than {limit} different text values (row {row} has \
         \"{text}\"); if it is free text leave it out of the markers, if it is a category \
         raise the level limit"
    )]
    TooManyLevels {
        /// File name.
        file: String,
        /// The column.
        column: String,
        /// Configured level limit.
        limit: usize,
        /// Row of the first value over the limit.
        row: u64,
        /// That value.
        text: String,
    },
    /// The CSV reader could not read a record.
    #[error("{file}, row {row}: the file could not be read as CSV: {description}")]
    Malformed {
        /// File name.
        file: String,
        /// 1-based spreadsheet row where reading failed.
        row: u64,
        /// The CSV reader's own description of the failure, in its wording (its error type
        /// can be neither cloned nor compared, so it is kept as text).
        description: String,
    },
    /// A quoted cell whose closing double quote never comes, so that every later line was
    /// read into it.
    #[error(
        "{file}, row {row}: the file could not be read as CSV: the quoted cell in column \
         \"{column}\" is never closed, so every line after it was read into that one cell; add \
         the closing double quote"
    )]
    UnclosedQuote {
        /// File name.
        file: String,
        /// 1-based spreadsheet row where the cell starts.
        row: u64,
        /// The column of the cell.
        column: String,
    },
    /// Columns given to a cohort constructor have different lengths.
    #[error("column \"{column}\" has {found} values, expected {expected} (one per patient)")]
    LengthMismatch {
        /// The column.
        column: String,
        /// Number of patients.
        expected: usize,
        /// Number of values given.
        found: usize,
    },
    /// A value given to a cohort constructor breaks the table's invariants.
    #[error("column \"{column}\", patient {index}: {reason}, found \"{value}\"")]
    InvalidValue {
        /// The column.
        column: String,
        /// 0-based patient index.
        index: usize,
        /// The value as text.
        value: String,
        /// The broken rule.
        reason: &'static str,
    },
    /// A marker name used twice in one cohort.
    #[error("the marker name \"{name}\" is used twice")]
    DuplicateMarker {
        /// The name.
        name: String,
    },
    /// A patient index outside the cohort.
    #[error("patient index {index} is outside the cohort of {len} patients")]
    RowOutOfBounds {
        /// The index.
        index: usize,
        /// Number of patients.
        len: usize,
    },
    /// A subset that names a patient twice (ids must stay unique).
    #[error("patient index {index} appears twice in the subset")]
    RepeatedRow {
        /// The index.
        index: usize,
    },
    /// Preprocessing was asked to learn from zero patients.
    #[error("the training set is empty: preprocessing needs at least one patient")]
    EmptyTrainingSet,
    /// A marker the preprocessing was fitted on is absent from the cohort.
    #[error("the cohort has no marker \"{marker}\", which the model was trained on")]
    MarkerNotFound {
        /// The marker name.
        marker: String,
    },
    /// The cohort's marker has a different kind than at training time.
    #[error(
        "marker \"{marker}\" was {expected} when the model was trained but is {found} here; \
         set its kind when importing the file"
    )]
    KindMismatch {
        /// The marker name.
        marker: String,
        /// Kind at training time.
        expected: MarkerKind,
        /// Kind in this cohort.
        found: MarkerKind,
    },
    /// The preprocessing includes the cancer entity but the cohort has none.
    #[error("the model uses the cancer entity as input, but this cohort has no entity column")]
    EntityMissing,
    /// A category never seen in the training data, with the `Error` policy.
    #[error(
        "patient \"{id}\": marker \"{marker}\" has the value \"{level}\", which the training \
         data never had"
    )]
    UnseenLevel {
        /// The marker (or entity column) name.
        marker: String,
        /// The unseen level.
        level: String,
        /// The patient id.
        id: String,
    },
    /// A missing-value code added to the built-in ones that cannot be one.
    #[error("the missing-value code \"{code}\" cannot be used: {reason}")]
    InvalidMissingCode {
        /// The code as given (shortened).
        code: String,
        /// Why.
        reason: CodeRefusal,
    },
    /// A role the import needs was given no column (an empty name).
    #[error("{file}: no column was chosen for the {role}")]
    RoleNotChosen {
        /// File name.
        file: String,
        /// The role.
        role: Role,
    },
    /// The file has one of the outcome columns but not the other.
    #[error(
        "{file}: the file has the {present} column \"{present_column}\" but no column \"{column}\" \
         for the {role}; give both (time and event) to have outcomes, or neither to predict \
         for patients without an outcome"
    )]
    HalfOutcome {
        /// File name.
        file: String,
        /// The role whose column is there.
        present: Role,
        /// Its column.
        present_column: String,
        /// The role whose column is absent.
        role: Role,
        /// The absent column's name.
        column: String,
    },
    /// Outcomes were asked of a cohort that has none.
    #[error("the cohort has no survival times or events: {needed} needs outcomes")]
    NoOutcome {
        /// What needed them.
        needed: &'static str,
    },
    /// Import or preprocessing settings that are invalid or contradict each other.
    #[error("invalid settings: {reason}")]
    InvalidSettings {
        /// Why.
        reason: &'static str,
    },
    /// A stored preprocessing state that is internally inconsistent (e.g. a corrupt file).
    #[error("the stored preprocessing is inconsistent: {reason} (marker \"{marker}\")")]
    InvalidEncoder {
        /// The marker concerned.
        marker: String,
        /// Why.
        reason: &'static str,
    },
    /// Writing a CSV export failed.
    #[error("the cohort could not be written as CSV: {description}")]
    Write {
        /// The CSV writer's own description of the failure, in its wording (its error type
        /// can be neither cloned nor compared, so it is kept as text).
        description: String,
    },
}

impl DataError {
    /// A stable machine-readable name of the problem kind (`"ragged_row"`, ...), for the
    /// command line's JSON output and for tests; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            DataError::EmptyFile { .. } => "empty_file",
            DataError::HeaderOnly { .. } => "header_only",
            DataError::FileTooLarge { .. } => "file_too_large",
            DataError::TooManyColumns { .. } => "too_many_columns",
            DataError::TooManyRows { .. } => "too_many_rows",
            DataError::TooManyCells { .. } => "too_many_cells",
            DataError::DuplicateColumn { .. } => "duplicate_column",
            DataError::MissingColumn { .. } => "missing_column",
            DataError::RoleConflict { .. } => "role_conflict",
            DataError::RaggedRow { .. } => "ragged_row",
            DataError::NonUtf8 { .. } => "non_utf8",
            DataError::MissingValue { .. } => "missing_value",
            DataError::NotNumber { .. } => "not_a_number",
            DataError::NonPositiveTime { .. } => "non_positive_time",
            DataError::NonFinite { .. } => "non_finite",
            DataError::NumberTooLarge { .. } => "number_too_large",
            DataError::BadEvent { .. } => "bad_event",
            DataError::DuplicateId { .. } => "duplicate_id",
            DataError::NoEvents { .. } => "no_events",
            DataError::TooManyLevels { .. } => "too_many_levels",
            DataError::Malformed { .. } => "malformed",
            DataError::UnclosedQuote { .. } => "unclosed_quote",
            DataError::LengthMismatch { .. } => "length_mismatch",
            DataError::InvalidValue { .. } => "invalid_value",
            DataError::DuplicateMarker { .. } => "duplicate_marker",
            DataError::RowOutOfBounds { .. } => "row_out_of_bounds",
            DataError::RepeatedRow { .. } => "repeated_row",
            DataError::EmptyTrainingSet => "empty_training_set",
            DataError::MarkerNotFound { .. } => "marker_not_found",
            DataError::KindMismatch { .. } => "kind_mismatch",
            DataError::EntityMissing => "entity_missing",
            DataError::UnseenLevel { .. } => "unseen_level",
            DataError::InvalidMissingCode { .. } => "invalid_missing_code",
            DataError::RoleNotChosen { .. } => "role_not_chosen",
            DataError::HalfOutcome { .. } => "half_outcome",
            DataError::NoOutcome { .. } => "no_outcome",
            DataError::InvalidSettings { .. } => "invalid_settings",
            DataError::InvalidEncoder { .. } => "invalid_encoder",
            DataError::Write { .. } => "write",
        }
    }

    /// The cell the problem is about, when it is about one cell (for highlighting it).
    pub fn cell(&self) -> Option<&CellRef> {
        match self {
            DataError::NonUtf8 { at, .. }
            | DataError::MissingValue { at, .. }
            | DataError::NotNumber { at, .. }
            | DataError::NonPositiveTime { at, .. }
            | DataError::NonFinite { at, .. }
            | DataError::NumberTooLarge { at, .. }
            | DataError::BadEvent { at, .. }
            | DataError::DuplicateId { at, .. } => Some(at),
            _ => None,
        }
    }

    /// The 1-based spreadsheet row the problem is in, when it is about one row.
    pub fn row(&self) -> Option<u64> {
        match self {
            DataError::RaggedRow { row, .. }
            | DataError::TooManyLevels { row, .. }
            | DataError::Malformed { row, .. }
            | DataError::UnclosedQuote { row, .. } => Some(*row),
            DataError::TooManyColumns { .. } | DataError::DuplicateColumn { .. } => Some(1),
            _ => self.cell().map(|c| c.row),
        }
    }
}

impl Describe for DataError {
    fn message(&self) -> Message {
        use MessageArg as A;
        match self {
            DataError::EmptyFile { file } => {
                Message::new("data-empty-file", vec![("file", A::text(file))])
            }
            DataError::HeaderOnly { file } => {
                Message::new("data-header-only", vec![("file", A::text(file))])
            }
            DataError::FileTooLarge { file, bytes, limit } => Message::new(
                "data-file-too-large",
                vec![
                    ("file", A::text(file)),
                    ("size", A::Decimal(*bytes as f64 / 1_000_000.0, 1)),
                    ("limit", A::Decimal(*limit as f64 / 1_000_000.0, 1)),
                ],
            ),
            DataError::TooManyColumns { file, found, limit } => Message::new(
                "data-too-many-columns",
                vec![
                    ("file", A::text(file)),
                    ("found", A::text(found)),
                    ("limit", A::text(limit)),
                ],
            ),
            DataError::TooManyRows { file, limit } => Message::new(
                "data-too-many-rows",
                vec![("file", A::text(file)), ("limit", A::text(limit))],
            ),
            DataError::TooManyCells {
                file,
                rows,
                columns,
                limit,
            } => Message::new(
                "data-too-many-cells",
                vec![
                    ("file", A::text(file)),
                    ("rows", A::text(rows)),
                    ("columns", A::text(columns)),
                    ("limit", A::text(limit)),
                ],
            ),
            DataError::DuplicateColumn {
                file,
                column,
                first,
                second,
            } => Message::new(
                "data-duplicate-column",
                vec![
                    ("file", A::text(file)),
                    ("column", A::text(column)),
                    ("first", A::text(column_letters(*first))),
                    ("second", A::text(column_letters(*second))),
                ],
            ),
            DataError::MissingColumn {
                file,
                column,
                role,
                available,
            } => Message::new(
                "data-missing-column",
                vec![
                    ("file", A::text(file)),
                    ("column", A::text(column)),
                    ("role", role_arg(*role)),
                    ("available", A::text(available)),
                ],
            ),
            DataError::RoleConflict {
                column,
                first,
                second,
            } => Message::new(
                "data-role-conflict",
                vec![
                    ("column", A::text(column)),
                    ("first", role_arg(*first)),
                    ("second", role_arg(*second)),
                ],
            ),
            DataError::RaggedRow {
                file,
                row,
                expected,
                found,
            } => Message::new(
                "data-ragged-row",
                vec![
                    ("file", A::text(file)),
                    ("row", A::text(row)),
                    ("expected", A::text(expected)),
                    ("found", A::text(found)),
                    ("hint", A::text(ragged_hint_kind(*expected, *found))),
                ],
            ),
            DataError::NonUtf8 { at, text } => Message::new(
                "data-non-utf8",
                vec![("at", cell_arg(at)), ("text", A::text(text))],
            ),
            DataError::MissingValue { at, role, text } => Message::new(
                "data-missing-value",
                vec![
                    ("at", cell_arg(at)),
                    ("role", role_arg(*role)),
                    ("text", A::text(text)),
                    (
                        "shown",
                        A::text(if text.trim().is_empty() { "no" } else { "yes" }),
                    ),
                ],
            ),
            DataError::NotNumber { at, text, expected } => Message::new(
                "data-not-number",
                vec![
                    ("at", cell_arg(at)),
                    ("text", A::text(text)),
                    ("expected", A::text(expected_code(*expected))),
                    (
                        "hint",
                        A::text(number_hint_kind(NumberHint::of(text, *expected))),
                    ),
                ],
            ),
            DataError::NonPositiveTime { at, text } => Message::new(
                "data-non-positive-time",
                vec![("at", cell_arg(at)), ("text", A::text(text))],
            ),
            DataError::NonFinite { at, text } => Message::new(
                "data-non-finite",
                vec![("at", cell_arg(at)), ("text", A::text(text))],
            ),
            DataError::NumberTooLarge { at, text } => Message::new(
                "data-number-too-large",
                vec![("at", cell_arg(at)), ("text", A::text(text))],
            ),
            DataError::BadEvent { at, text } => Message::new(
                "data-bad-event",
                vec![
                    ("at", cell_arg(at)),
                    ("text", A::text(text)),
                    (
                        "hint",
                        A::text(if event_coded_as_two(text) {
                            "coded-as-two"
                        } else {
                            "none"
                        }),
                    ),
                ],
            ),
            DataError::DuplicateId { at, id, first_row } => Message::new(
                "data-duplicate-id",
                vec![
                    ("at", cell_arg(at)),
                    ("id", A::text(id)),
                    ("first_row", A::text(first_row)),
                ],
            ),
            DataError::NoEvents { file, patients } => Message::new(
                "data-no-events",
                vec![("file", A::text(file)), ("patients", A::text(patients))],
            ),
            DataError::TooManyLevels {
                file,
                column,
                limit,
                row,
                text,
            } => Message::new(
                "data-too-many-levels",
                vec![
                    ("file", A::text(file)),
                    ("column", A::text(column)),
                    ("limit", A::text(limit)),
                    ("row", A::text(row)),
                    ("text", A::text(text)),
                ],
            ),
            DataError::Malformed {
                file,
                row,
                description,
            } => Message::new(
                "data-malformed",
                vec![
                    ("file", A::text(file)),
                    ("row", A::text(row)),
                    ("description", A::text(description)),
                ],
            ),
            DataError::UnclosedQuote { file, row, column } => Message::new(
                "data-unclosed-quote",
                vec![
                    ("file", A::text(file)),
                    ("row", A::text(row)),
                    ("column", A::text(column)),
                ],
            ),
            DataError::LengthMismatch {
                column,
                expected,
                found,
            } => Message::new(
                "data-length-mismatch",
                vec![
                    ("column", A::text(column)),
                    ("expected", A::text(expected)),
                    ("found", A::text(found)),
                ],
            ),
            DataError::InvalidValue {
                column,
                index,
                value,
                reason,
            } => Message::new(
                "data-invalid-value",
                vec![
                    ("column", A::text(column)),
                    ("index", A::text(index)),
                    ("value", A::text(value)),
                    ("reason", reason_arg(reason)),
                ],
            ),
            DataError::DuplicateMarker { name } => {
                Message::new("data-duplicate-marker", vec![("name", A::text(name))])
            }
            DataError::RowOutOfBounds { index, len } => Message::new(
                "data-row-out-of-bounds",
                vec![("index", A::text(index)), ("len", A::text(len))],
            ),
            DataError::RepeatedRow { index } => {
                Message::new("data-repeated-row", vec![("index", A::text(index))])
            }
            DataError::EmptyTrainingSet => Message::plain("data-empty-training-set"),
            DataError::MarkerNotFound { marker } => {
                Message::new("data-marker-not-found", vec![("marker", A::text(marker))])
            }
            DataError::KindMismatch {
                marker,
                expected,
                found,
            } => Message::new(
                "data-kind-mismatch",
                vec![
                    ("marker", A::text(marker)),
                    ("expected", A::text(kind_code(*expected))),
                    ("found", A::text(kind_code(*found))),
                ],
            ),
            DataError::EntityMissing => Message::plain("data-entity-missing"),
            DataError::UnseenLevel { marker, level, id } => Message::new(
                "data-unseen-level",
                vec![
                    ("marker", A::text(marker)),
                    ("level", A::text(level)),
                    ("id", A::text(id)),
                ],
            ),
            DataError::InvalidMissingCode { code, reason } => Message::new(
                "data-invalid-missing-code",
                vec![("code", A::text(code)), ("reason", A::nested(reason))],
            ),
            DataError::RoleNotChosen { file, role } => Message::new(
                "data-role-not-chosen",
                vec![("file", A::text(file)), ("role", role_arg(*role))],
            ),
            DataError::HalfOutcome {
                file,
                present,
                present_column,
                role,
                column,
            } => Message::new(
                "data-half-outcome",
                vec![
                    ("file", A::text(file)),
                    ("present", role_arg(*present)),
                    ("present_column", A::text(present_column)),
                    ("role", role_arg(*role)),
                    ("column", A::text(column)),
                ],
            ),
            DataError::NoOutcome { needed } => {
                Message::new("data-no-outcome", vec![("needed", A::text(needed))])
            }
            DataError::InvalidSettings { reason } => Message::new(
                "data-invalid-settings",
                vec![("reason", reason_arg(reason))],
            ),
            DataError::InvalidEncoder { marker, reason } => Message::new(
                "data-invalid-encoder",
                vec![("marker", A::text(marker)), ("reason", reason_arg(reason))],
            ),
            DataError::Write { description } => {
                Message::new("data-write", vec![("description", A::text(description))])
            }
        }
    }
}

/// Every problem found while importing one file, so the page can list them all at once.
///
/// At most [`Limits::max_problems`](crate::Limits::max_problems) problems are kept, in file
/// order; `omitted` counts the ones found beyond that, so nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportReport {
    /// File name.
    pub file: String,
    /// The problems, in the order they occur in the file (structural problems first).
    pub problems: Vec<DataError>,
    /// Number of further problems found but not kept.
    pub omitted: usize,
}

impl ImportReport {
    /// Total number of problems found, kept or not.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        if let [only] = self.problems.as_slice()
            && self.omitted == 0
        {
            return write!(f, "{only}");
        }
        write!(f, "{}: {total} problems found", self.file)?;
        for p in &self.problems {
            write!(f, "\n- {p}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n- ... and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl Describe for ImportReport {
    fn message(&self) -> Message {
        if let [only] = self.problems.as_slice()
            && self.omitted == 0
        {
            return only.message();
        }
        // One line per problem (and one for the omitted ones), joined in pairs so that a long
        // list nests only as deep as its logarithm.
        let mut lines: Vec<MessageArg> = self
            .problems
            .iter()
            .map(|p| {
                Message::new(
                    "data-import-report-problem",
                    vec![("problem", MessageArg::nested(p))],
                )
            })
            .chain((self.omitted > 0).then(|| {
                Message::new(
                    "data-import-report-omitted",
                    vec![("omitted", MessageArg::text(self.omitted))],
                )
            }))
            .map(|m| MessageArg::Nested(Box::new(m)))
            .collect();
        while lines.len() > 1 {
            let mut pairs = Vec::with_capacity(lines.len().div_ceil(2));
            let mut rest = lines.into_iter();
            while let Some(first) = rest.next() {
                pairs.push(match rest.next() {
                    Some(second) => MessageArg::Nested(Box::new(Message::new(
                        "data-import-report-lines",
                        vec![("first", first), ("second", second)],
                    ))),
                    None => first,
                });
            }
            lines = pairs;
        }
        Message::new(
            "data-import-report",
            vec![
                ("file", MessageArg::text(&self.file)),
                ("total", MessageArg::text(self.total())),
                (
                    "problems",
                    lines.pop().unwrap_or_else(|| MessageArg::text("")),
                ),
            ],
        )
    }
}

/// Cell texts in messages are cut to this many characters (with an ellipsis) so a stray
/// megabyte-long field cannot flood the page.
pub const MAX_SHOWN_CHARS: usize = 60;

/// Shortens `text` for display in a message, showing control characters (a NUL byte, a
/// stray escape) as their visible Unicode pictures (U+2400 to U+2421), so "12\u{0}0" is
/// not read as the valid-looking "120".
pub(crate) fn shown(text: &str) -> String {
    let short = match text.char_indices().nth(MAX_SHOWN_CHARS) {
        None => text,
        Some((cut, _)) => &text[..cut],
    };
    let mut out: String = short
        .chars()
        .map(|c| match u32::from(c) {
            code @ 0..0x20 => char::from_u32(0x2400 + code).unwrap_or(char::REPLACEMENT_CHARACTER),
            0x7F => '\u{2421}',
            _ => c,
        })
        .collect();
    if short.len() < text.len() {
        out.push_str("...");
    }
    out
}

/// Spreadsheet column letters for a 1-based column number: 1 -> A, 27 -> AA.
pub fn column_letters(mut number: usize) -> String {
    let mut letters = Vec::new();
    while number > 0 {
        let rem = (number - 1) % 26;
        letters.push(b'A' + rem as u8);
        number = (number - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

fn shown_if_not_empty(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!(" (found \"{text}\")")
    }
}

fn ragged_hint(expected: usize, found: usize) -> &'static str {
    match ragged_hint_kind(expected, found) {
        "separator" => "; is the file separated by a different character?",
        "quotes" => "; a text cell containing the separator must be enclosed in double quotes",
        _ => "",
    }
}

/// Which hint [`DataError::RaggedRow`]'s sentence adds: `separator` (a single field, as when
/// the file is separated by another character), `quotes` (more fields than the header) or
/// `none`.
fn ragged_hint_kind(expected: usize, found: usize) -> &'static str {
    if found == 1 && expected > 1 {
        "separator"
    } else if found > expected {
        "quotes"
    } else {
        "none"
    }
}

fn event_hint(text: &str) -> &'static str {
    if event_coded_as_two(text) {
        "; if the file codes events as 1 = censored, 2 = dead (as R's survival package may), \
         recode them as 0 and 1"
    } else {
        ""
    }
}

/// Whether an event cell reads "2": the file may code events as 1 = censored, 2 = dead (as
/// R's survival package may), which [`DataError::BadEvent`]'s sentence suggests recoding.
pub fn event_coded_as_two(text: &str) -> bool {
    text.trim() == "2"
}

/// What a cell that should hold a number seems to hold instead ([`DataError::NotNumber`]'s
/// hint), as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberHint {
    /// Digits with both a comma and a point: a thousands separator.
    ThousandsSeparator,
    /// Digits with a comma: a decimal comma in a file that uses a point.
    DecimalComma,
    /// A bound such as "<5".
    Bound,
    /// A dash or "none": a missing-value code the import does not know.
    MissingCode,
    /// Text in a numeric marker's column: perhaps a categorical column.
    Categories,
}

impl NumberHint {
    /// The hint for `text` found where `expected` was.
    pub fn of(text: &str, expected: Expected) -> Option<Self> {
        let t = text.trim();
        let has_digit = t.bytes().any(|b| b.is_ascii_digit());
        if has_digit && t.contains(',') && t.contains('.') {
            Some(Self::ThousandsSeparator)
        } else if has_digit && t.contains(',') {
            Some(Self::DecimalComma)
        } else if has_digit && (t.starts_with('<') || t.starts_with('>')) {
            Some(Self::Bound)
        } else if t == "-" || t == "--" || t.eq_ignore_ascii_case("none") {
            Some(Self::MissingCode)
        } else if expected == Expected::Number {
            Some(Self::Categories)
        } else {
            None
        }
    }
}

/// The code [`DataError::NotNumber`]'s sentences select their hint by.
fn number_hint_kind(hint: Option<NumberHint>) -> &'static str {
    match hint {
        Some(NumberHint::ThousandsSeparator) => "thousands",
        Some(NumberHint::DecimalComma) => "decimal-comma",
        Some(NumberHint::Bound) => "bound",
        Some(NumberHint::MissingCode) => "missing-code",
        Some(NumberHint::Categories) => "categories",
        None => "none",
    }
}

/// A hint that turns "expected a number" into something a user can act on.
fn number_hint(text: &str, expected: Expected) -> &'static str {
    match NumberHint::of(text, expected) {
        Some(NumberHint::ThousandsSeparator) => {
            "; thousands separators are not supported, write the number without them"
        }
        Some(NumberHint::DecimalComma) => {
            "; the decimal separator looks like a comma while the rest of the file uses a point"
        }
        Some(NumberHint::Bound) => {
            "; a bound such as \"<5\" is not a value: enter a number or leave the cell empty"
        }
        Some(NumberHint::MissingCode) => {
            "; leave missing values empty or write NA (or add this code to the missing-value codes)"
        }
        Some(NumberHint::Categories) => "; if this column holds categories, mark it as categorical",
        None => "",
    }
}

/// A cell's place as a message argument: file, row and column in the reader's language.
fn cell_arg(at: &CellRef) -> MessageArg {
    MessageArg::Nested(Box::new(Message::new(
        "data-cell",
        vec![
            ("file", MessageArg::text(&at.file)),
            ("row", MessageArg::text(at.row)),
            ("column", MessageArg::text(&at.column)),
        ],
    )))
}

/// A role as a message argument: the code its sentences select their wording by (a German
/// sentence needs the article of each role's noun).
fn role_arg(role: Role) -> MessageArg {
    MessageArg::text(match role {
        Role::Id => "patient-id",
        Role::Time => "survival-time",
        Role::Event => "event",
        Role::Entity => "entity",
        Role::Marker => "marker",
    })
}

/// The code [`DataError::NotNumber`]'s sentences select what was expected by.
fn expected_code(expected: Expected) -> &'static str {
    match expected {
        Expected::PositiveTime => "positive-time",
        Expected::Number => "number",
        Expected::ZeroOrOne => "zero-or-one",
    }
}

/// The code [`DataError::KindMismatch`]'s sentences select a marker kind by.
fn kind_code(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Numeric => "numeric",
        MarkerKind::Binary => "binary",
        MarkerKind::Categorical => "categorical",
    }
}

/// A broken rule ([`DataError::InvalidValue`], [`DataError::InvalidSettings`],
/// [`DataError::InvalidEncoder`]) as a message argument: its own catalogue sentence when it
/// is one the crate states, otherwise its English text as it is.
fn reason_arg(reason: &str) -> MessageArg {
    let key = match reason {
        "a level must be non-empty text without surrounding spaces and not a missing-value \
         code" => "data-reason-level-text",
        "level names must be unique" => "data-reason-level-names-unique",
        "too many levels" => "data-reason-too-many-levels",
        "a code must index a level" => "data-reason-code-index",
        "values must be finite" => "data-reason-values-finite",
        "binary values must be 0 or 1" => "data-reason-binary-values",
        "a patient id must be non-empty text without surrounding spaces and not a \
         missing-value code" => "data-reason-id-text",
        "patient ids must be unique" => "data-reason-ids-unique",
        "times must be finite and > 0" => "data-reason-times-positive",
        "the value is so far outside the training range that the model cannot use it" => {
            "data-reason-outside-training-range"
        }
        "statistics must be finite, with scale >= 0 and min <= max" => "data-reason-statistics",
        "a log transform needs a finite shift >= 0 and a floor > 0" => "data-reason-log-transform",
        "a binary marker imputes 0 or 1" => "data-reason-binary-impute",
        "the imputed level is not a level" => "data-reason-imputed-level",
        "the reference level is not a level" => "data-reason-reference-level",
        "levels must be unique" => "data-reason-levels-unique",
        "the feature list does not match the marker encodings" => "data-reason-feature-list",
        "mirroring (1 - x) needs min-max scaling to [0, 1]" => "data-reason-mirror-scaling",
        "the field separator must be an ASCII character other than a quote or a line break" => {
            "data-reason-separator"
        }
        _ => return MessageArg::text(reason),
    };
    MessageArg::Nested(Box::new(Message::plain(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stable code is lower-case ASCII words joined by single underscores.
    fn is_snake_case(code: &str) -> bool {
        code.starts_with(|c: char| c.is_ascii_lowercase())
            && !code.ends_with('_')
            && !code.contains("__")
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    /// One value of every variant, in declaration order.
    fn every_error() -> Vec<DataError> {
        let file = || "t.csv".to_owned();
        let at = || CellRef {
            file: file(),
            row: 3,
            column: "time".into(),
        };
        let text = || "x".to_owned();
        vec![
            DataError::EmptyFile { file: file() },
            DataError::HeaderOnly { file: file() },
            DataError::FileTooLarge {
                file: file(),
                bytes: 2_500_000,
                limit: 1_000_000,
            },
            DataError::TooManyColumns {
                file: file(),
                found: 20,
                limit: 10,
            },
            DataError::TooManyRows {
                file: file(),
                limit: 10,
            },
            DataError::TooManyCells {
                file: file(),
                rows: 10,
                columns: 10,
                limit: 50,
            },
            DataError::DuplicateColumn {
                file: file(),
                column: "age".into(),
                first: 2,
                second: 5,
            },
            DataError::MissingColumn {
                file: file(),
                column: "time".into(),
                role: Role::Time,
                available: "\"id\"".into(),
            },
            DataError::RoleConflict {
                column: "time".into(),
                first: Role::Time,
                second: Role::Event,
            },
            DataError::RaggedRow {
                file: file(),
                row: 3,
                expected: 3,
                found: 2,
            },
            DataError::NonUtf8 {
                at: at(),
                text: text(),
            },
            DataError::MissingValue {
                at: at(),
                role: Role::Time,
                text: String::new(),
            },
            DataError::NotNumber {
                at: at(),
                text: text(),
                expected: Expected::Number,
            },
            DataError::NonPositiveTime {
                at: at(),
                text: "0".into(),
            },
            DataError::NonFinite {
                at: at(),
                text: "inf".into(),
            },
            DataError::NumberTooLarge {
                at: at(),
                text: "1e40".into(),
            },
            DataError::BadEvent {
                at: at(),
                text: "2".into(),
            },
            DataError::DuplicateId {
                at: at(),
                id: "p1".into(),
                first_row: 2,
            },
            DataError::NoEvents {
                file: file(),
                patients: 4,
            },
            DataError::TooManyLevels {
                file: file(),
                column: "note".into(),
                limit: 100,
                row: 103,
                text: text(),
            },
            DataError::Malformed {
                file: file(),
                row: 2,
                description: "found record with 3 fields".into(),
            },
            DataError::UnclosedQuote {
                file: file(),
                row: 2,
                column: "note".into(),
            },
            DataError::LengthMismatch {
                column: "time".into(),
                expected: 3,
                found: 2,
            },
            DataError::InvalidValue {
                column: "time".into(),
                index: 0,
                value: "-1".into(),
                reason: "a survival time must be greater than zero",
            },
            DataError::DuplicateMarker { name: "age".into() },
            DataError::RowOutOfBounds { index: 5, len: 3 },
            DataError::RepeatedRow { index: 1 },
            DataError::EmptyTrainingSet,
            DataError::MarkerNotFound {
                marker: "age".into(),
            },
            DataError::KindMismatch {
                marker: "grade".into(),
                expected: MarkerKind::Categorical,
                found: MarkerKind::Numeric,
            },
            DataError::EntityMissing,
            DataError::UnseenLevel {
                marker: "grade".into(),
                level: "G4".into(),
                id: "p1".into(),
            },
            DataError::InvalidMissingCode {
                code: "1".into(),
                reason: CodeRefusal::NotFinite,
            },
            DataError::RoleNotChosen {
                file: file(),
                role: Role::Event,
            },
            DataError::HalfOutcome {
                file: file(),
                present: Role::Time,
                present_column: "time".into(),
                role: Role::Event,
                column: "event".into(),
            },
            DataError::NoOutcome {
                needed: "a C-index",
            },
            DataError::InvalidSettings {
                reason: "the separator cannot be a double quote",
            },
            DataError::InvalidEncoder {
                marker: "age".into(),
                reason: "statistics must be finite",
            },
            DataError::Write {
                description: "disk full".into(),
            },
        ]
    }

    /// Which variant `e` is; a new variant breaks this match, so the list above must grow
    /// with the enum.
    fn index(e: &DataError) -> usize {
        match e {
            DataError::EmptyFile { .. } => 0,
            DataError::HeaderOnly { .. } => 1,
            DataError::FileTooLarge { .. } => 2,
            DataError::TooManyColumns { .. } => 3,
            DataError::TooManyRows { .. } => 4,
            DataError::TooManyCells { .. } => 5,
            DataError::DuplicateColumn { .. } => 6,
            DataError::MissingColumn { .. } => 7,
            DataError::RoleConflict { .. } => 8,
            DataError::RaggedRow { .. } => 9,
            DataError::NonUtf8 { .. } => 10,
            DataError::MissingValue { .. } => 11,
            DataError::NotNumber { .. } => 12,
            DataError::NonPositiveTime { .. } => 13,
            DataError::NonFinite { .. } => 14,
            DataError::NumberTooLarge { .. } => 15,
            DataError::BadEvent { .. } => 16,
            DataError::DuplicateId { .. } => 17,
            DataError::NoEvents { .. } => 18,
            DataError::TooManyLevels { .. } => 19,
            DataError::Malformed { .. } => 20,
            DataError::UnclosedQuote { .. } => 21,
            DataError::LengthMismatch { .. } => 22,
            DataError::InvalidValue { .. } => 23,
            DataError::DuplicateMarker { .. } => 24,
            DataError::RowOutOfBounds { .. } => 25,
            DataError::RepeatedRow { .. } => 26,
            DataError::EmptyTrainingSet => 27,
            DataError::MarkerNotFound { .. } => 28,
            DataError::KindMismatch { .. } => 29,
            DataError::EntityMissing => 30,
            DataError::UnseenLevel { .. } => 31,
            DataError::InvalidMissingCode { .. } => 32,
            DataError::RoleNotChosen { .. } => 33,
            DataError::HalfOutcome { .. } => 34,
            DataError::NoOutcome { .. } => 35,
            DataError::InvalidSettings { .. } => 36,
            DataError::InvalidEncoder { .. } => 37,
            DataError::Write { .. } => 38,
        }
    }

    #[test]
    fn every_variant_has_its_own_snake_case_code() {
        let errors = every_error();
        let seen: Vec<usize> = errors.iter().map(index).collect();
        assert_eq!(
            seen,
            (0..errors.len()).collect::<Vec<_>>(),
            "one per variant"
        );
        let codes: std::collections::BTreeSet<&str> = errors.iter().map(DataError::code).collect();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        assert!(codes.iter().all(|c| is_snake_case(c)), "{codes:?}");
        for bad in ["", "Ragged", "ragged-row", "_x", "x_", "a__b", "ragged row"] {
            assert!(!is_snake_case(bad), "{bad:?}");
        }
    }

    #[test]
    fn messages_are_sentences() {
        for e in every_error() {
            let text = e.to_string();
            assert!(
                !text.contains('{') && !text.contains("::") && !text.contains("Some("),
                "{text}"
            );
        }
        let rows: Vec<Option<u64>> = every_error()
            .iter()
            .filter(|e| matches!(e.code(), "malformed" | "unclosed_quote"))
            .map(DataError::row)
            .collect();
        assert_eq!(rows, vec![Some(2), Some(2)]);
    }

    #[test]
    fn column_letters_follow_spreadsheet_names() {
        for (n, letters) in [
            (1, "A"),
            (2, "B"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (703, "AAA"),
        ] {
            assert_eq!(column_letters(n), letters, "column {n}");
        }
    }

    #[test]
    fn shown_cuts_long_text_on_a_char_boundary() {
        let long = "é".repeat(100);
        let s = shown(&long);
        assert_eq!(s.chars().count(), MAX_SHOWN_CHARS + 3);
        assert_eq!(shown("short"), "short");
    }

    #[test]
    fn shown_makes_control_characters_visible() {
        assert_eq!(shown("12\u{0}0"), "12\u{2400}0");
        assert_eq!(shown("a\u{1b}[0m\u{7f}"), "a\u{241b}[0m\u{2421}");
        assert_eq!(shown("é ü"), "é ü");
    }
}
