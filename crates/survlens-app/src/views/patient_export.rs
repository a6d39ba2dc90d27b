//! Exports of the explained cohort: the relevance table as CSV, one row per patient.

use std::fmt::Write;

use crate::core::session::Session;

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

/// The file name of the relevance table of `session`.
pub fn relevance_csv_name(session: &Session) -> String {
    let stem: String = session
        .title
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

fn push_number(out: &mut String, x: Option<f32>) {
    if let Some(x) = x.filter(|x| x.is_finite()) {
        // Writing to a String cannot fail.
        let _ = write!(out, "{x}");
    }
}

fn push_field(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}
