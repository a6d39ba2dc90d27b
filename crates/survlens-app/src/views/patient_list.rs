//! The patient picker: search by id or entity, sorted by risk.

use serde::{Deserialize, Serialize};

use crate::core::i18n::Lang;
use crate::core::session::{Session, entity_name_in};
use crate::views::patient::RiskGroup;

/// One row of the patient picker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientRow {
    /// Index of the patient in the session.
    pub index: usize,
    /// Patient identifier.
    pub id: String,
    /// The patient's group (cancer entity); empty when the cohort has no grouping column.
    pub entity: String,
    /// The model's log-risk.
    pub risk: f32,
    /// Risk group.
    pub group: RiskGroup,
}

/// The rows matching `query` (case-insensitive substring of id or entity; empty matches
/// all), highest risk first (ties by index), at most `limit` of them, and the number of
/// matches.
///
/// O(n) in the cohort plus O(limit log limit): the `limit` highest risks are selected
/// before they are sorted, so a 100,000-patient cohort lists as fast as it filters.
pub fn patient_rows(session: &Session, query: &str, limit: usize) -> (Vec<PatientRow>, usize) {
    let needle = query.trim().to_lowercase();
    // Entities are few: match each name once rather than once per patient.
    let entity_matches: Vec<bool> = session
        .entities
        .iter()
        .map(|name| {
            // A group matches by its name in either language ("lung", "Lunge").
            session.kind.group.is_some()
                && Lang::ALL
                    .into_iter()
                    .any(|lang| entity_name_in(name, lang).to_lowercase().contains(&needle))
        })
        .collect();
    let mut matches: Vec<usize> = (0..session.n_patients())
        .filter(|&i| {
            needle.is_empty()
                || entity_matches
                    .get(session.entity_of[i] as usize)
                    .copied()
                    .unwrap_or(false)
                || session.patient_ids[i].to_lowercase().contains(&needle)
        })
        .collect();
    let total = matches.len();
    let order =
        |&a: &usize, &b: &usize| session.risk[b].total_cmp(&session.risk[a]).then(a.cmp(&b));
    if limit < matches.len() {
        // The order is total (ties broken by index), so selecting then sorting the first
        // `limit` gives exactly the head of the fully sorted list.
        matches.select_nth_unstable_by(limit, order);
        matches.truncate(limit);
    }
    matches.sort_unstable_by(order);
    let rows = matches.into_iter().map(|i| row(session, i)).collect();
    (rows, total)
}

/// A page of the patient picker, as the worker sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientPage {
    /// The first rows matching the query, highest risk first ([`patient_rows`]).
    pub rows: Vec<PatientRow>,
    /// Patients matching the query.
    pub matches: usize,
    /// The patient whose identifier is exactly the query (trimmed), if any.
    pub exact: Option<PatientRow>,
}

impl PatientPage {
    /// Rows sent at once; the search narrows the rest down.
    pub const ROWS: usize = 200;

    /// The page of `query` in `session`.
    pub fn build(session: &Session, query: &str) -> Self {
        let (rows, matches) = patient_rows(session, query, Self::ROWS);
        let wanted = query.trim();
        let exact = session
            .patient_ids
            .iter()
            .position(|id| id == wanted)
            .map(|i| row(session, i));
        Self {
            rows,
            matches,
            exact,
        }
    }
}

/// Patient `i`'s row.
fn row(session: &Session, i: usize) -> PatientRow {
    PatientRow {
        index: i,
        id: session.patient_ids[i].clone(),
        entity: session.group_of(i),
        risk: session.risk[i],
        group: RiskGroup::of(session.risk[i], session.risk_cutoffs),
    }
}
