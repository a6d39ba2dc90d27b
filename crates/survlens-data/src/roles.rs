//! Guesses which columns hold the patient id, survival time, event and cancer entity, from
//! header names and a few sample rows, to pre-fill the page's column-mapping form.
//!
//! Names are compared in a normal form (lower case, letters and digits only, so `OS_days`,
//! `os.days` and `OS Days` all read `osdays`). A column is proposed only when its sample
//! values fit the role: times positive numbers, events 0/1, ids unique; a time only in a
//! file with a column named like an event (a file of new patients has neither, and its
//! `diagtime` is a marker). A guess is a suggestion for the user to confirm, never applied
//! silently.

use std::collections::BTreeMap;

use crate::cell::{self, MissingCodes};
use crate::cohort::MarkerKind;
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

fn looks_like_time<S: AsRef<str>>(sample: &[Vec<S>], c: usize, missing: Missing<'_>) -> bool {
    present(sample, c, missing).all(|s| {
        [false, true]
            .iter()
            .any(|&comma| matches!(cell::parse_f64(s, comma), cell::Number::Finite(v) if v > 0.0))
    })
}

fn looks_like_event<S: AsRef<str>>(sample: &[Vec<S>], c: usize, missing: Missing<'_>) -> bool {
    present(sample, c, missing).all(|s| cell::parse_event(s).is_some())
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
    let time = pick(TIME_NAMES, &["time", "days", "months", "survival"], &|c| {
        looks_like_time(sample, c, missing)
    });
    // Without any column named like an event, the file has no outcome (new patients): a
    // time-like column there (time since diagnosis) is a marker, not a follow-up.
    // ("censored" counts: an inverted event is still an outcome, to be recoded.)
    let event_named = names
        .iter()
        .any(|n| score(n, EVENT_NAMES, EVENT_WORDS) > 0 || n.contains("censor"));
    let time = time.filter(|_| event_named);
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
    }
}

impl Preview {
    /// [`guess_roles`] on this preview (with its decimal mark).
    pub fn guess_roles(&self) -> RoleGuess {
        self.guess_roles_with(&MissingCodes::none())
    }

    /// [`guess_roles_with`] on this preview, with added missing-value codes.
    pub fn guess_roles_with(&self, codes: &MissingCodes) -> RoleGuess {
        guess_roles_with(&self.header, &self.rows, codes, self.dialect.decimal_comma)
    }
}
