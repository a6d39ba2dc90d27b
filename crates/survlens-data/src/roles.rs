//! Guesses which columns hold the patient id, survival time, event and cancer entity, from
//! header names and a few sample rows, to pre-fill the page's column-mapping form.
//!
//! Names are compared in a normal form (lower case, letters and digits only, so `OS_days`,
//! `os.days` and `OS Days` all read `osdays`). A column is proposed only when its sample
//! values fit the role: times positive numbers, events 0/1, ids unique; a time only in a
//! file with a column named like an event (a file of new patients has neither, and its
//! `diagtime` is a marker). A guess is a suggestion for the user to confirm, never applied
//! silently.
//!
//! A column named like a time or an event that a few sample cells keep from its role (a
//! negative or zero time, text among times, an event coded other than 0/1) is not dropped
//! without a word: [`RoleGuess::refused`] names it with the count and the first offending
//! rows, for the form to say why it was not taken.

use std::collections::BTreeMap;
use std::fmt;

use crate::cell::{self, MissingCodes};
use crate::cohort::MarkerKind;
use crate::error::Role;
use crate::import::{ColumnRoles, Preview};

/// Names (normal form) that mean survival time.
const TIME_NAMES: &[&str] = &[
    "time",
    "futime",
    "survtime",
    "survivaltime",
    "ostime",
    "osdays",
    "osmonths",
    "osyears",
    "survivaldays",
    "survivalmonths",
    "survivalyears",
    "survdays",
    "survmonths",
    "followup",
    "followuptime",
    "followupdays",
    "followupmonths",
    "timetoevent",
    "tte",
    "duration",
    "stime",
    "days",
    "months",
    "pfstime",
    "dfstime",
    "rfstime",
    "efstime",
];
/// Words that make a name (normal form) a time candidate.
const TIME_WORDS: &[&str] = &["time", "days", "months", "survival"];
/// Names (normal form) that mean the event indicator. `censored` is deliberately absent:
/// it means the opposite (1 = no event).
const EVENT_NAMES: &[&str] = &[
    "event",
    "status",
    "death",
    "dead",
    "died",
    "deceased",
    "vitalstatus",
    "osstatus",
    "osevent",
    "fustat",
    "delta",
    "observed",
    "eventobserved",
    "fail",
    "failure",
    "dfsstatus",
    "pfsstatus",
    "rfsstatus",
    "efsstatus",
    "deathevent",
];
/// Words that make a name (normal form) an event candidate.
const EVENT_WORDS: &[&str] = &["status", "event", "death"];
/// Names (normal form) that mean the patient id.
const ID_NAMES: &[&str] = &[
    "id",
    "pid",
    "patid",
    "patientid",
    "patient",
    "subject",
    "subjectid",
    "subjid",
    "caseid",
    "mrn",
    "recordid",
    "participantid",
    "studyid",
    "patientnumber",
    "patientno",
];
/// Names (normal form) that mean the cancer entity.
const ENTITY_NAMES: &[&str] = &[
    "entity",
    "cancerentity",
    "cancertype",
    "cancer",
    "tumortype",
    "tumourtype",
    "tumorentity",
    "tumourentity",
    "diagnosis",
    "primarysite",
    "primarytumor",
    "primarytumour",
    "disease",
    "diseasetype",
];

/// Suggested column roles; `None` where nothing fitted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleGuess {
    /// Patient id column.
    pub id: Option<String>,
    /// Survival time column.
    pub time: Option<String>,
    /// Event column.
    pub event: Option<String>,
    /// Cancer entity column.
    pub entity: Option<String>,
    /// Suggested fixed kinds: columns named `fac_*` / `cat_*` (a common convention for
    /// factors coded as numbers) are categorical.
    pub kinds: BTreeMap<String, MarkerKind>,
    /// Columns named like the survival time or the event that were not taken because of
    /// their sample values, for roles left without a column (at most one per role).
    pub refused: Vec<RefusedColumn>,
}

/// Why a sample cell does not fit the role its column is named for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BadValue {
    /// A time below zero.
    Negative,
    /// A time of zero (a survival time is above zero).
    Zero,
    /// A time that is not a finite number.
    NotANumber,
    /// An event other than 1 (event) or 0 (censored).
    NotZeroOrOne,
}

impl BadValue {
    /// Stable snake-case name of the kind.
    pub fn code(self) -> &'static str {
        match self {
            Self::Negative => "negative_time",
            Self::Zero => "zero_time",
            Self::NotANumber => "time_not_a_number",
            Self::NotZeroOrOne => "event_not_zero_or_one",
        }
    }

    /// The count of such values as words: "1 negative value", "2 values that are not
    /// numbers".
    fn counted(self, n: usize) -> String {
        match self {
            Self::Negative => format!("{n} negative {}", plural(n, "value", "values")),
            Self::Zero => format!("{n} {} of zero", plural(n, "value", "values")),
            Self::NotANumber => format!(
                "{n} {} not a number",
                plural(n, "value that is", "values that are")
            ),
            Self::NotZeroOrOne => format!(
                "{n} {} not 0 or 1",
                plural(n, "value that is", "values that are")
            ),
        }
    }
}

/// One sample cell that keeps a column from a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffendingCell {
    /// 1-based spreadsheet row (the header is row 1).
    pub row: u64,
    /// The cell as written (trimmed).
    pub value: String,
    /// What is wrong with it.
    pub why: BadValue,
}

/// A column named like the survival time or the event that its sample values kept from
/// that role; it stays among the markers unless the user chooses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedColumn {
    /// Header name.
    pub column: String,
    /// The role it was not taken for ([`Role::Time`] or [`Role::Event`]).
    pub role: Role,
    /// Offending cells in the sample, per kind (kinds in [`BadValue`] order).
    pub counts: Vec<(BadValue, usize)>,
    /// The first offending cells, in file order (at most [`SHOWN_OFFENDING`]).
    pub first: Vec<OffendingCell>,
    /// Rows read to guess the roles.
    pub rows_read: usize,
}

/// Offending cells a [`RefusedColumn`] keeps to show.
pub const SHOWN_OFFENDING: usize = 3;

impl RefusedColumn {
    /// Stable snake-case name: `time_refused` or `event_refused`.
    pub fn code(&self) -> &'static str {
        match self.role {
            Role::Event => "event_refused",
            _ => "time_refused",
        }
    }

    /// All offending cells in the sample.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|&(_, n)| n).sum()
    }
}

impl fmt::Display for RefusedColumn {
    /// "Column `time` was not taken as the survival time: 1 negative value in the first 50
    /// rows (row 17: -3). Fix it or choose the time column yourself."
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts: Vec<String> = self.counts.iter().map(|&(k, n)| k.counted(n)).collect();
        let cells: Vec<String> = self
            .first
            .iter()
            .map(|c| format!("row {}: {}", c.row, shown_cell(&c.value)))
            .collect();
        let more = if self.total() > self.first.len() {
            ", ..."
        } else {
            ""
        };
        let (what, column_word) = match self.role {
            Role::Event => (
                "the event (1 = event, 0 = censored)",
                "event column yourself, or recode it to 0 and 1",
            ),
            _ => ("the survival time", "time column yourself"),
        };
        write!(
            f,
            "Column `{}` was not taken as {what}: {} in the first {} {} ({}{more}). Fix it or \
             choose the {column_word}.",
            self.column,
            join_and(&counts),
            self.rows_read,
            plural(self.rows_read, "row", "rows"),
            cells.join("; "),
        )
    }
}

/// `one` for a count of 1, else `many`.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A cell as a message shows it: at most 24 characters, longer ones cut with an ellipsis.
pub fn shown_cell(value: &str) -> String {
    const MAX: usize = 24;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        value.chars().take(MAX - 1).chain(['…']).collect()
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl RoleGuess {
    /// Complete roles when time and event were found (markers: all other columns).
    pub fn roles(&self) -> Option<ColumnRoles> {
        let mut roles = ColumnRoles::new(self.time.clone()?, self.event.clone()?);
        roles.id = self.id.clone();
        roles.entity = self.entity.clone();
        roles.kinds = self.kinds.clone();
        Some(roles)
    }
}

/// Lower case, ASCII letters and digits only.
fn normal_form(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// How a sample's cells are told missing: the missing-value codes and the decimal mark.
#[derive(Clone, Copy)]
struct Missing<'a> {
    codes: &'a MissingCodes,
    decimal_comma: bool,
}

impl Missing<'_> {
    fn cell(&self, s: &str) -> bool {
        self.codes.is_missing(s, self.decimal_comma)
    }
}

/// The sample values of column `c` that are present (not missing).
fn present<'s, S: AsRef<str>>(
    sample: &'s [Vec<S>],
    c: usize,
    missing: Missing<'s>,
) -> impl Iterator<Item = &'s str> {
    sample
        .iter()
        .filter_map(move |row| row.get(c).map(|s| cell::trim(s.as_ref())))
        .filter(move |s| !missing.cell(s))
}

/// What keeps a present cell from being a survival time, if anything.
fn bad_time(s: &str) -> Option<BadValue> {
    let numbers = [false, true].map(|comma| cell::parse_f64(s, comma));
    if numbers
        .iter()
        .any(|n| matches!(n, cell::Number::Finite(v) if *v > 0.0))
    {
        None
    } else if numbers
        .iter()
        .any(|n| matches!(n, cell::Number::Finite(v) if *v == 0.0))
    {
        Some(BadValue::Zero)
    } else if numbers
        .iter()
        .any(|n| matches!(n, cell::Number::Finite(v) if *v < 0.0))
    {
        Some(BadValue::Negative)
    } else {
        Some(BadValue::NotANumber)
    }
}

/// What keeps a present cell from being an event indicator, if anything.
fn bad_event(s: &str) -> Option<BadValue> {
    cell::parse_event(s)
        .is_none()
        .then_some(BadValue::NotZeroOrOne)
}

fn looks_like_time<S: AsRef<str>>(sample: &[Vec<S>], c: usize, missing: Missing<'_>) -> bool {
    present(sample, c, missing).all(|s| bad_time(s).is_none())
}

fn looks_like_event<S: AsRef<str>>(sample: &[Vec<S>], c: usize, missing: Missing<'_>) -> bool {
    present(sample, c, missing).all(|s| bad_event(s).is_none())
}

/// Distinct present values beyond which a column named like an event is not a coded
/// event (e.g. `death_date`), so its refusal is not worth a note.
const MAX_EVENT_CODES: usize = 5;

/// Column `c` as a refused candidate for `role`, with its offending sample cells; `None`
/// when no present cell offends or the column is too far from the role to be worth a note
/// (a time with more offending than fitting cells; an event with more than
/// [`MAX_EVENT_CODES`] distinct values).
fn refusal<S: AsRef<str>>(
    header: &[S],
    sample: &[Vec<S>],
    rows: &[u64],
    c: usize,
    role: Role,
    missing: Missing<'_>,
) -> Option<RefusedColumn> {
    let check = if role == Role::Event {
        bad_event
    } else {
        bad_time
    };
    let mut present_cells = 0usize;
    let mut distinct = std::collections::BTreeSet::new();
    let mut counts: BTreeMap<BadValue, usize> = BTreeMap::new();
    let mut first = Vec::new();
    for (i, row) in sample.iter().enumerate() {
        let Some(s) = row.get(c).map(|s| cell::trim(s.as_ref())) else {
            continue;
        };
        if missing.cell(s) {
            continue;
        }
        present_cells += 1;
        distinct.insert(s);
        if let Some(why) = check(s) {
            *counts.entry(why).or_default() += 1;
            if first.len() < SHOWN_OFFENDING {
                first.push(OffendingCell {
                    // Without the file's row numbers, rows follow the header one by one.
                    row: rows.get(i).copied().unwrap_or(i as u64 + 2),
                    value: s.to_owned(),
                    why,
                });
            }
        }
    }
    let bad: usize = counts.values().sum();
    let close = match role {
        Role::Event => distinct.len() <= MAX_EVENT_CODES,
        _ => bad * 2 <= present_cells,
    };
    (bad > 0 && close).then(|| RefusedColumn {
        column: cell::trim(header[c].as_ref()).to_owned(),
        role,
        counts: counts.into_iter().collect(),
        first,
        rows_read: sample.len(),
    })
}

fn looks_like_id<S: AsRef<str>>(sample: &[Vec<S>], c: usize, missing: Missing<'_>) -> bool {
    let values: Vec<&str> = sample
        .iter()
        .filter_map(|row| row.get(c).map(|s| cell::trim(s.as_ref())))
        .collect();
    let mut unique = values.clone();
    unique.sort_unstable();
    unique.dedup();
    values.iter().all(|v| !missing.codes.is_missing_id(v)) && unique.len() == values.len()
}

/// How well a normal-form name matches a role: 2 = a listed name, 1 = contains a telling
/// word, 0 = no match.
fn score(name: &str, exact: &[&str], words: &[&str]) -> u8 {
    if exact.contains(&name) {
        2
    } else if words.iter().any(|w| name.contains(w)) {
        1
    } else {
        0
    }
}

/// Guesses column roles from the header and sample rows (as text, e.g. from
/// [`crate::preview`]), with the built-in missing-value codes and a decimal point. Each
/// column gets at most one role; among candidates the better name match wins, then the
/// leftmost column.
pub fn guess_roles<S: AsRef<str>>(header: &[S], sample: &[Vec<S>]) -> RoleGuess {
    guess_roles_with(header, sample, &MissingCodes::none(), false)
}

/// [`guess_roles`] with added missing-value codes and the file's decimal mark, so a cell
/// such as `unknown` in a time column does not keep it from being proposed.
pub fn guess_roles_with<S: AsRef<str>>(
    header: &[S],
    sample: &[Vec<S>],
    codes: &MissingCodes,
    decimal_comma: bool,
) -> RoleGuess {
    guess(header, sample, &[], codes, decimal_comma)
}

/// The guess; `rows` are the sample rows' spreadsheet rows (empty: the rows right after
/// the header).
fn guess<S: AsRef<str>>(
    header: &[S],
    sample: &[Vec<S>],
    rows: &[u64],
    codes: &MissingCodes,
    decimal_comma: bool,
) -> RoleGuess {
    let missing = Missing {
        codes,
        decimal_comma,
    };
    let names: Vec<String> = header.iter().map(|h| normal_form(h.as_ref())).collect();
    let mut used = vec![false; names.len()];
    let mut pick =
        |exact: &[&str], words: &[&str], fits: &dyn Fn(usize) -> bool| -> Option<String> {
            let best = (0..names.len())
                .filter(|&c| !used[c] && !names[c].is_empty())
                .map(|c| (score(&names[c], exact, words), c))
                .filter(|&(s, c)| s > 0 && fits(c))
                // Highest score, then leftmost.
                .min_by_key(|&(s, c)| (std::cmp::Reverse(s), c))?;
            used[best.1] = true;
            Some(cell::trim(header[best.1].as_ref()).to_owned())
        };
    let event = pick(EVENT_NAMES, EVENT_WORDS, &|c| {
        looks_like_event(sample, c, missing)
    });
    let time = pick(TIME_NAMES, TIME_WORDS, &|c| {
        looks_like_time(sample, c, missing)
    });
    // Without any column named like an event, the file has no outcome (new patients): a
    // time-like column there (time since diagnosis) is a marker, not a follow-up.
    // ("censored" counts: an inverted event is still an outcome, to be recoded.)
    let event_named = names
        .iter()
        .any(|n| score(n, EVENT_NAMES, EVENT_WORDS) > 0 || n.contains("censor"));
    let time = time.filter(|_| event_named);
    // A role left empty by a column named for it: say why (the best-named such column).
    let refused_for = |role: Role, exact: &[&str], words: &[&str], taken: &[&Option<String>]| {
        (0..names.len())
            .filter(|&c| {
                !taken
                    .iter()
                    .any(|t| t.as_deref() == Some(cell::trim(header[c].as_ref())))
            })
            .map(|c| (score(&names[c], exact, words), c))
            .filter(|&(s, _)| s > 0)
            .min_by_key(|&(s, c)| (std::cmp::Reverse(s), c))
            .and_then(|(_, c)| refusal(header, sample, rows, c, role, missing))
    };
    let mut refused = Vec::new();
    if event.is_none()
        && let Some(r) = refused_for(Role::Event, EVENT_NAMES, EVENT_WORDS, &[&time])
    {
        refused.push(r);
    }
    if time.is_none()
        && event_named
        && let Some(r) = refused_for(Role::Time, TIME_NAMES, TIME_WORDS, &[&event])
    {
        refused.push(r);
    }
    let id = pick(ID_NAMES, &["patientid"], &|c| {
        looks_like_id(sample, c, missing)
    });
    let entity = pick(
        ENTITY_NAMES,
        &["cancertype", "entity", "tumortype"],
        &|_| true,
    );
    let kinds = header
        .iter()
        .map(|h| cell::trim(h.as_ref()))
        .filter(|h| {
            let lower = h.to_ascii_lowercase();
            lower.starts_with("fac_") || lower.starts_with("cat_")
        })
        .map(|h| (h.to_owned(), MarkerKind::Categorical))
        .collect();
    RoleGuess {
        id,
        time,
        event,
        entity,
        kinds,
        refused,
    }
}

impl Preview {
    /// [`guess_roles`] on this preview (with its decimal mark).
    pub fn guess_roles(&self) -> RoleGuess {
        self.guess_roles_with(&MissingCodes::none())
    }

    /// [`guess_roles_with`] on this preview, with added missing-value codes.
    pub fn guess_roles_with(&self, codes: &MissingCodes) -> RoleGuess {
        guess(
            &self.header,
            &self.rows,
            &self.row_numbers,
            codes,
            self.dialect.decimal_comma,
        )
    }
}
