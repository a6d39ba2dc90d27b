//! The patient picker: search by id or entity, sorted by risk.

use serde::{Deserialize, Serialize};

use crate::patient::RiskGroup;
use crate::session::Session;

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
/// all), highest risk first, at most `limit` of them, and the number of matches.
pub fn patient_rows(session: &Session, query: &str, limit: usize) -> (Vec<PatientRow>, usize) {
    let needle = query.trim().to_lowercase();
    let entity_name = |i: usize| {
        session
            .entities
            .get(session.entity_of[i] as usize)
            .map(String::as_str)
            .unwrap_or("")
    };
    let mut matches: Vec<usize> = (0..session.n_patients())
        .filter(|&i| {
            needle.is_empty()
                || session.patient_ids[i].to_lowercase().contains(&needle)
                || entity_name(i).to_lowercase().contains(&needle)
        })
        .collect();
    matches.sort_by(|&a, &b| session.risk[b].total_cmp(&session.risk[a]).then(a.cmp(&b)));
    let total = matches.len();
    let rows = matches
        .into_iter()
        .take(limit)
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
