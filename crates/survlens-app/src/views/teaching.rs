//! Teaching mode: the planted truth of a synthetic cohort beside the model's explanation,
//! for one patient and for the cohort, with the fidelity figures that say how far the
//! explanation can be trusted ([`crate::analysis::fidelity`]: AUROC, precision at k and Spearman over
//! the detectable markers, with bootstrap intervals and the oracle explainer's ceiling).
//!
//! Plain functions over a [`Session`], so the command line can print the same figures.
//! Everything here reads the session's LRP relevances (the study's gamma rule) and the
//! truth's per-patient log-hazard contributions; both are log-hazard units.

use crate::analysis::fidelity::{
    FIDELITY_BOOTSTRAP, FIDELITY_BOOTSTRAP_SEED, FidelityFigures, SeenTruth, fidelity_figures,
};
use crate::core::session::{PlantedInteraction, Session};
use crate::core::stats::ranking;
use serde::{Deserialize, Serialize};

/// Most patients the page's fidelity figures read (evenly spaced through the cohort), so
/// that the bootstrap stays under a second on the page's thread.
pub const FIDELITY_MAX_PATIENTS: usize = 3_000;

/// A contribution smaller than this (log-hazard units, a hazard ratio within 1%) counts as
/// no effect for the patient.
pub const NEGLIGIBLE: f32 = 0.01;

/// A true contribution at least this large (a hazard ratio of 1.1 or 0.9) is one the
/// explanation should not miss.
pub const CLEAR_EFFECT: f32 = 0.1;

/// Top-k sizes of the recovery figure.
pub const RECOVERY_K: [usize; 2] = [5, 10];

/// One marker's cohort-level figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerFidelity {
    /// Session marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// True importance: mean |centred true contribution on the values the model sees,
    /// interactions split half to each partner| ([`SeenTruth`]).
    pub true_importance: f32,
    /// LRP importance: mean |centred relevance|.
    pub lrp_importance: f32,
    /// Whether the marker has a planted effect of its own.
    pub prognostic: bool,
    /// Whether an oracle test detects its effect (or an interaction it takes part in) at
    /// the cohort's size.
    pub detectable: bool,
    /// Names of the planted interactions the marker takes part in.
    pub interactions: Vec<String>,
}

/// How many of the truly most important markers are among the model's most important.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopKRecovery {
    /// Size of both top lists.
    pub k: usize,
    /// Markers in both lists.
    pub recovered: usize,
    /// Truly important markers the model's top list misses, most important first.
    pub missed: Vec<usize>,
}

/// The fidelity report of a synthetic cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fidelity {
    /// The explanation's figures (AUROC, precision at k, Spearman over the detectable
    /// markers, bootstrap intervals; [`crate::analysis::fidelity`]).
    pub figures: FidelityFigures,
    /// The same figures for an oracle explainer (its relevances are the truth): the
    /// ceiling.
    pub ceiling: FidelityFigures,
    /// Top-k recovery for each `k` of [`RECOVERY_K`] (capped at the number of markers).
    pub top_k: Vec<TopKRecovery>,
    /// Harrell's C of the model on the held-out test patients.
    pub model_test_cindex: f64,
    /// Harrell's C of the oracle (true log-hazard) on the same patients: the best any
    /// model can do with this much noise.
    pub oracle_test_cindex: f64,
    /// Every marker, by decreasing true importance.
    pub markers: Vec<MarkerFidelity>,
    /// The planted interactions.
    pub interactions: Vec<PlantedInteraction>,
}

impl Fidelity {
    /// How far the model falls short of the oracle, in C-index points.
    pub fn cindex_gap(&self) -> f64 {
        self.oracle_test_cindex - self.model_test_cindex
    }
}

/// The fidelity report of `session`; `None` when the cohort has no planted truth (a real
/// cohort or a user's file). The figures read at most [`FIDELITY_MAX_PATIENTS`] patients.
pub fn fidelity(session: &Session) -> Option<Fidelity> {
    let truth = session.truth.as_ref()?;
    let (n, m) = (session.n_patients(), session.n_markers());
    let step = n.div_ceil(FIDELITY_MAX_PATIENTS).max(1);
    let rows: Vec<usize> = (0..n).step_by(step).collect();
    let seen = SeenTruth::of_session(session, &rows)?;
    let relevance: Vec<f32> = rows
        .iter()
        .flat_map(|&i| session.relevance_of(i).iter().copied())
        .collect();
    let figures = fidelity_figures(
        &relevance,
        &seen,
        FIDELITY_BOOTSTRAP,
        FIDELITY_BOOTSTRAP_SEED,
    );
    let ceiling = fidelity_figures(
        &seen.contributions,
        &seen,
        FIDELITY_BOOTSTRAP,
        FIDELITY_BOOTSTRAP_SEED,
    );
    let lrp = centred_mean_abs(&relevance, m);
    let true_importance = centred_mean_abs(&seen.contributions, m);
    let top_k = RECOVERY_K
        .iter()
        .map(|&k| {
            let k = k.min(m);
            let model_top = &ranking(&lrp)[..k];
            let truth_top = &ranking(&true_importance)[..k];
            let missed: Vec<usize> = truth_top
                .iter()
                .copied()
                .filter(|j| !model_top.contains(j))
                .collect();
            TopKRecovery {
                k,
                recovered: k - missed.len(),
                missed,
            }
        })
        .collect();
    let markers = ranking(&true_importance)
        .into_iter()
        .map(|j| MarkerFidelity {
            marker: j,
            name: session.markers[j].name.clone(),
            true_importance: true_importance[j] as f32,
            lrp_importance: lrp[j] as f32,
            prognostic: truth.prognostic.get(j).copied().unwrap_or(false),
            detectable: seen.detectable[j],
            interactions: interactions_of(&truth.interactions, j),
        })
        .collect();
    Some(Fidelity {
        figures,
        ceiling,
        top_k,
        model_test_cindex: session.test_cindex,
        oracle_test_cindex: truth.oracle_test_cindex,
        markers,
        interactions: truth.interactions.clone(),
    })
}

/// Mean |x - column mean| of every column of the `r x m` matrix `x`, in `f64`.
pub fn centred_mean_abs(x: &[f32], m: usize) -> Vec<f64> {
    let r = (x.len() / m.max(1)).max(1) as f64;
    let mut mean = vec![0.0f64; m];
    for row in x.chunks_exact(m.max(1)) {
        mean.iter_mut()
            .zip(row)
            .for_each(|(s, &v)| *s += f64::from(v));
    }
    mean.iter_mut().for_each(|s| *s /= r);
    let mut out = vec![0.0f64; m];
    for row in x.chunks_exact(m.max(1)) {
        for ((s, &v), mu) in out.iter_mut().zip(row).zip(&mean) {
            *s += (f64::from(v) - mu).abs();
        }
    }
    out.iter_mut().for_each(|s| *s /= r);
    out
}

fn interactions_of(interactions: &[PlantedInteraction], marker: usize) -> Vec<String> {
    interactions
        .iter()
        .filter(|t| t.markers.contains(&marker))
        .map(|t| t.name.clone())
        .collect()
}

/// One marker of the patient comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthRow {
    /// Session marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// The patient's value with its unit.
    pub value_text: String,
    /// True log-hazard contribution for this patient.
    pub truth: f32,
    /// LRP relevance for this patient.
    pub relevance: f32,
    /// Whether the marker has a planted effect of its own.
    pub prognostic: bool,
    /// The planted effect in words (empty without one).
    pub effect: String,
    /// What the comparison says about this marker.
    pub verdict: Verdict,
}

/// How the explanation treats one marker against the truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Among both top lists, same direction.
    Agrees,
    /// The model credits it, but it has no planted effect for this patient.
    CreditedWithoutEffect,
    /// A clear planted effect the model's top list lacks.
    Missed,
    /// Both sizeable, opposite directions.
    OppositeSign,
    /// Nothing notable (small on at least one side).
    Minor,
}

impl Verdict {
    /// The verdict in a few words, for the table.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agrees => "agrees",
            Self::CreditedWithoutEffect => "credited, no planted effect",
            Self::Missed => "missed by the model",
            Self::OppositeSign => "opposite direction",
            Self::Minor => "small",
        }
    }
}

/// Markers in each top list of the page's patient comparison.
pub const TEACHING_TOP_K: usize = 6;

/// The planted truth beside the explanation for one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthComparison {
    /// The patient.
    pub patient: usize,
    /// Patient identifier.
    pub id: String,
    /// The markers in either top list, by decreasing max(|truth|, |relevance|).
    pub rows: Vec<TruthRow>,
    /// Size of each top list.
    pub k: usize,
    /// Where they agree and where they do not, in plain words.
    pub sentence: String,
}

/// Compares patient `patient`'s explanation with the planted truth over the `k` largest
/// markers of each. `None` without a truth or for an index out of range.
pub fn compare_patient(session: &Session, patient: usize, k: usize) -> Option<TruthComparison> {
    let truth = session.truth.as_ref()?;
    if patient >= session.n_patients() {
        return None;
    }
    let m = session.n_markers();
    let true_row = truth.contributions.get(patient * m..(patient + 1) * m)?;
    let relevance = session.relevance_of(patient);
    let values = session.values_of(patient);
    let abs = |v: &[f32]| v.iter().map(|x| f64::from(x.abs())).collect::<Vec<f64>>();
    let k = k.min(m);
    let model_top: Vec<usize> = ranking(&abs(relevance))[..k].to_vec();
    let truth_top: Vec<usize> = ranking(&abs(true_row))[..k].to_vec();

    let verdict = |j: usize| -> Verdict {
        let (t, r) = (true_row[j], relevance[j]);
        let in_model = model_top.contains(&j);
        let in_truth = truth_top.contains(&j);
        // Opposite directions count when both sides are more than negligible and one of
        // them is clear; a tiny true effect against a tiny relevance is noise.
        if (in_model || in_truth)
            && t.abs() >= NEGLIGIBLE
            && r.abs() >= NEGLIGIBLE
            && t.abs().max(r.abs()) >= CLEAR_EFFECT
            && t.signum() != r.signum()
        {
            Verdict::OppositeSign
        } else if in_model && t.abs() < NEGLIGIBLE && r.abs() >= NEGLIGIBLE {
            Verdict::CreditedWithoutEffect
        } else if in_truth && !in_model && t.abs() >= CLEAR_EFFECT {
            Verdict::Missed
        } else if in_model && in_truth && t.abs() >= NEGLIGIBLE && t.signum() == r.signum() {
            Verdict::Agrees
        } else {
            Verdict::Minor
        }
    };

    let mut markers: Vec<usize> = model_top.clone();
    markers.extend(truth_top.iter().filter(|j| !model_top.contains(j)));
    markers.sort_by(|&a, &b| {
        let size = |j: usize| true_row[j].abs().max(relevance[j].abs());
        size(b).total_cmp(&size(a)).then(a.cmp(&b))
    });
    let rows: Vec<TruthRow> = markers
        .into_iter()
        .map(|j| TruthRow {
            marker: j,
            name: session.markers[j].name.clone(),
            value_text: session.markers[j].format(values[j]),
            truth: true_row[j],
            relevance: relevance[j],
            prognostic: truth.prognostic.get(j).copied().unwrap_or(false),
            effect: truth.effect.get(j).cloned().unwrap_or_default(),
            verdict: verdict(j),
        })
        .collect();
    let id = session.patient_ids[patient].clone();
    let sentence = agreement_sentence(&id, &rows, k, &truth.interactions);
    Some(TruthComparison {
        patient,
        id,
        rows,
        k,
        sentence,
    })
}

/// "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn agreement_sentence(
    id: &str,
    rows: &[TruthRow],
    k: usize,
    interactions: &[PlantedInteraction],
) -> String {
    let with = |v: Verdict| rows.iter().filter(move |r| r.verdict == v);
    let agree: Vec<String> = with(Verdict::Agrees).map(|r| r.name.clone()).collect();
    let mut parts = Vec::new();
    if agree.is_empty() {
        parts.push(format!(
            "For patient {id}, the explanation and the planted truth share no marker among \
             their {k} largest with the same direction."
        ));
    } else {
        parts.push(format!(
            "For patient {id}, the explanation agrees with the planted truth on {} (same \
             direction, among the {k} largest of both).",
            join_names(&agree)
        ));
    }
    let credited: Vec<String> = with(Verdict::CreditedWithoutEffect)
        .map(|r| {
            let partners = interactions_of(interactions, r.marker);
            if partners.is_empty() {
                format!("{} ({:+.2})", r.name, r.relevance)
            } else {
                format!(
                    "{} ({:+.2}; it takes part in the planted interaction {})",
                    r.name,
                    r.relevance,
                    join_names(&partners)
                )
            }
        })
        .collect();
    if !credited.is_empty() {
        parts.push(format!(
            "It credits {}, which {} no planted effect of {} own for this patient.",
            join_names(&credited),
            if credited.len() == 1 { "has" } else { "have" },
            if credited.len() == 1 { "its" } else { "their" }
        ));
    }
    let missed: Vec<String> = with(Verdict::Missed)
        .map(|r| format!("{} (true {:+.2})", r.name, r.truth))
        .collect();
    if !missed.is_empty() {
        parts.push(format!(
            "It misses {} among its {k} largest.",
            join_names(&missed)
        ));
    }
    let opposite: Vec<String> = with(Verdict::OppositeSign)
        .map(|r| {
            format!(
                "{} (true {:+.2}, relevance {:+.2})",
                r.name, r.truth, r.relevance
            )
        })
        .collect();
    if !opposite.is_empty() {
        parts.push(format!(
            "It gives {} the opposite direction.",
            join_names(&opposite)
        ));
    }
    if parts.len() == 1 && !agree.is_empty() {
        parts.push("Nothing among the largest contradicts the truth.".to_owned());
    }
    parts.join(" ")
}
