//! Exports of the explained cohort: the relevance table as CSV, one row per patient, with
//! the explanation on screen (the study's, or relative to a typical patient).

use std::fmt::Write;

use crate::core::error::ComputeError;
use crate::core::session::Session;
use crate::views::patient_reference::{Explanation, ReferenceGroup};
use crate::views::patient_report::PatientEngine;

/// Patients explained relative to their typical patient per batch: bounds the encoded
/// inputs and relevances held at once.
const RELATIVE_CHUNK: usize = 2_048;

/// The relevance table: a header `patient_id,prediction,<marker id>...`, then one row per
/// patient with its log-risk and its relevance per marker, in session order. Numbers are
/// written in the shortest form that reads back to the same `f32`; a missing number is an
/// empty field. Fields holding a comma, quote or line break are quoted (RFC 4180).
pub fn relevance_csv(session: &Session) -> String {
    let m = session.n_markers();
    // About 10 characters per number.
    let mut out = String::with_capacity((session.n_patients() + 1) * (m + 2) * 10);
    out.push_str("patient_id,prediction");
    for marker in &session.markers {
        out.push(',');
        push_field(&mut out, &marker.id);
    }
    out.push('\n');
    for (i, id) in session.patient_ids.iter().enumerate() {
        push_field(&mut out, id);
        out.push(',');
        push_number(&mut out, session.risk.get(i).copied());
        for j in 0..m {
            out.push(',');
            push_number(&mut out, session.relevance.get(i * m + j).copied());
        }
        out.push('\n');
    }
    out
}

/// The relevance table of the explanation `explanation`: for the study's, as
/// [`relevance_csv`]; relative to a typical patient, a header
/// `patient_id,prediction,reference,<marker id>...` (the command line's `survlens explain
/// --reference` columns), each row with the patient's log-risk, its typical patient's
/// log-risk (of the cohort, or of the patient's entity) and its DeepLIFT-rescale
/// relevance per marker, which sum to `prediction - reference` up to `f32` rounding.
///
/// # Errors
/// As [`PatientEngine::explain_recorded`].
pub fn relevance_csv_of(
    session: &Session,
    engine: &mut PatientEngine,
    explanation: Explanation,
) -> Result<String, ComputeError> {
    let group = match explanation {
        Explanation::Study => return Ok(relevance_csv(session)),
        Explanation::TypicalPatient { of } => of,
    };
    let m = session.n_markers();
    let n = session.n_patients();
    let mut out = String::with_capacity((n + 1) * (m + 3) * 10);
    out.push_str("patient_id,prediction,reference");
    for marker in &session.markers {
        out.push(',');
        push_field(&mut out, &marker.id);
    }
    out.push('\n');
    let mut start = 0;
    while start < n {
        let rows: Vec<usize> = (start..n.min(start + RELATIVE_CHUNK)).collect();
        let explained = engine.explain_recorded(session, group, &rows)?;
        for (&i, (reference, e)) in rows.iter().zip(&explained) {
            push_field(
                &mut out,
                session.patient_ids.get(i).map_or("", String::as_str),
            );
            out.push(',');
            push_number(&mut out, Some(e.risk));
            out.push(',');
            push_number(&mut out, Some(*reference));
            for r in &e.relevance {
                out.push(',');
                push_number(&mut out, Some(*r));
            }
            out.push('\n');
        }
        start += RELATIVE_CHUNK;
    }
    Ok(out)
}

/// The file name of the relevance table of `session` with `explanation`:
/// `relevance-<title>.csv` for the study's, `relevance-<title>-typical-cohort.csv` or
/// `-typical-entity.csv` relative to a typical patient.
pub fn relevance_csv_name_of(session: &Session, explanation: Explanation) -> String {
    let name = relevance_csv_name(session);
    match explanation {
        Explanation::Study => name,
        Explanation::TypicalPatient { of } => {
            let stem = name.trim_end_matches(".csv");
            let whose = match of {
                ReferenceGroup::Cohort => "cohort",
                ReferenceGroup::Entity => "entity",
            };
            format!("{stem}-typical-{whose}.csv")
        }
    }
}

/// The file name of the relevance table of `session`.
pub fn relevance_csv_name(session: &Session) -> String {
    let stem: String = session
        .title
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("relevance-{stem}.csv")
}

pub(crate) fn push_number(out: &mut String, x: Option<f32>) {
    if let Some(x) = x.filter(|x| x.is_finite()) {
        // Writing to a String cannot fail.
        let _ = write!(out, "{x}");
    }
}

pub(crate) fn push_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}
