//! The patient picker: search by id or entity, sorted by risk.

use serde::{Deserialize, Serialize};

use crate::core::session::Session;
use crate::views::patient::RiskGroup;

/// One row of the patient picker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientRow {
    /// Index of the patient in the session.
    pub index: usize,
    /// Patient identifier.
    pub id: String,
    /// Cancer entity.
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
    let entity_name = |i: usize| {
        session
            .entities
            .get(session.entity_of[i] as usize)
            .map(String::as_str)
            .unwrap_or("")
    };
    // Entities are few: match each name once rather than once per patient.
    let entity_matches: Vec<bool> = session
        .entities
        .iter()
        .map(|name| name.to_lowercase().contains(&needle))
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
    let rows = matches
        .into_iter()
        .map(|i| PatientRow {
            index: i,
            id: session.patient_ids[i].clone(),
            entity: entity_name(i).to_owned(),
            risk: session.risk[i],
            group: RiskGroup::of(session.risk[i], session.risk_cutoffs),
        })
        .collect();
    (rows, total)
}
