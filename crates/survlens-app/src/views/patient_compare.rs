//! Side by side: two explanations aligned marker by marker. Two patients under the
//! explanation on screen ([`SideBySide::patients`]), or one patient explained by the network
//! and by the linear Cox model fitted on the same training patients
//! ([`SideBySide::models`]).
//!
//! The rows are the union of each side's [`COMPARE_TOP`] largest contributions by absolute
//! value; every other marker is summed into one last row, on both sides alike, so each
//! column still adds up to its side's total. Marker rows are sorted by the absolute
//! difference of the two contributions, largest first (equal ones in marker order).
//!
//! The linear Cox model's contributions are exact: its log-risk is `sum_j beta_j x_j` (plus
//! a constant) over the input columns of its own preprocessing, so `beta_j (x_j - r_j)`,
//! summed over each marker's columns, adds up to its log-risk at `x` minus its log-risk at
//! the reference `r`. Relative to a typical patient `r` is the network's typical patient;
//! in the study's explanation it is the encoded zero input, what the study's LRP measures
//! from (in each model's own preprocessing, which the caption names).

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use survlens_data::encode::{CategoricalCoding, EncoderConfig, NumericTransform, Scaling};
use survlens_data::{Categorical, Describe, Message, MessageArg};
use survlens_model::BaselineKind;

use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{LinearCox, Session, entity_name_in};
use crate::views::model_view::held_out_harrell;
use crate::views::patient_export::{push_field, push_number};
use crate::views::patient_reference::{Explanation, ReferenceGroup};
use crate::views::patient_report::PatientEngine;

/// Largest contributions of each side that get a row of their own.
pub const COMPARE_TOP: usize = 10;

/// What is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Contrast {
    /// Two patients under the same explanation.
    Patients,
    /// One patient explained by the network and by the linear Cox model.
    Models,
}

/// Who or what one side explains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// A patient of the cohort, by id.
    Patient(String),
    /// The network.
    Network,
    /// The linear Cox model beside it.
    LinearCox,
}

impl Who {
    /// Its name in `lang`: "Patient 17", "Network", "Linear Cox".
    pub fn label_in(&self, lang: Lang) -> String {
        match self {
            Self::Patient(id) => lang.t_with("vm-compare-patient", &[("id", Arg::Text(id))]),
            Self::Network => lang.t("vm-compare-network"),
            Self::LinearCox => lang.t("vm-compare-linear"),
        }
    }
}

/// One side of the comparison: whose contributions, and how they add up:
/// `reference + unattributed + sum = risk` (up to `f32` rounding).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Who or what is explained.
    pub who: Who,
    /// Its name in the page's language ("Patient 17", "Network", "Linear Cox").
    pub label: String,
    /// Its log-risk.
    pub risk: f32,
    /// The log-risk the contributions are measured from: 0 for the study's LRP (the
    /// baseline hazard), the typical patient's, or the linear model's at the encoded zero
    /// input.
    pub reference: f32,
    /// What no marker accounts for: the relevance the network's biases absorbed (the
    /// study's LRP), or the rounding left by an explainer that conserves exactly.
    pub unattributed: f32,
    /// Sum of every marker's contribution.
    pub sum: f32,
    /// Harrell's C of the side's model on the held-out patients, the Model view's figure;
    /// `None` for a patient, or without outcomes.
    pub held_out_c: Option<f64>,
    /// What `reference` is, in a few words for the table.
    pub reference_label: String,
}

/// One row: a marker (or every other marker) on both sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContrastRow {
    /// The marker (an index into the session), `None` for the summed other markers.
    pub marker: Option<usize>,
    /// Display name, in the page's language ("12 other markers" for the summed row).
    pub name: String,
    /// Modality tag (empty for the summed row).
    pub modality: String,
    /// The left side's value of the marker as the page shows it (empty for the summed row).
    pub left_value: String,
    /// The right side's value.
    pub right_value: String,
    /// The left side's contribution to the log-risk.
    pub left: f32,
    /// The right side's contribution.
    pub right: f32,
    /// `left - right`.
    pub difference: f32,
}

/// Two explanations side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SideBySide {
    /// What is compared.
    pub contrast: Contrast,
    /// The explanation on screen (the study's in a first look, which offers no other).
    pub explanation: Explanation,
    /// The left column.
    pub left: Side,
    /// The right column.
    pub right: Side,
    /// Marker rows, largest absolute difference first, then the summed other markers (when
    /// there are any).
    pub rows: Vec<ContrastRow>,
    /// How many markers the last row sums.
    pub n_others: usize,
    /// What the chart shows, for its caption.
    pub caption: String,
    /// File name of the downloads, without extension.
    pub file_stem: String,
}

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContrastError {
    /// A patient index beyond the cohort.
    #[error("patient {index} is not among the cohort's {patients} patients")]
    NoPatient {
        /// The index asked for.
        index: usize,
        /// The patients there are.
        patients: usize,
    },
    /// The session has no linear Cox model beside the network.
    #[error(
        "no linear Cox model stands beside this network (a model file without one, or a network read from ONNX, on a new cohort; or a cohort it could not be fitted on)"
    )]
    NoLinearModel,
    /// Encoding or explaining failed.
    #[error(transparent)]
    Compute(#[from] ComputeError),
}

impl ContrastError {
    /// A stable machine-readable name of the problem kind.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoPatient { .. } => "no_patient",
            Self::NoLinearModel => "no_linear_model",
            Self::Compute(e) => e.code(),
        }
    }
}

impl Describe for ContrastError {
    fn message(&self) -> Message {
        match self {
            Self::NoPatient { index, patients } => Message::new(
                "error-contrast-no-patient",
                vec![
                    ("index", MessageArg::text(index)),
                    ("patients", MessageArg::text(patients)),
                ],
            ),
            Self::NoLinearModel => Message::plain("error-contrast-no-linear-model"),
            Self::Compute(e) => Message::new(
                "error-contrast-compute",
                vec![("reason", MessageArg::nested(e))],
            ),
        }
    }
}

/// One explained side before alignment: per-marker contributions and how they add up.
struct Explained {
    relevance: Vec<f32>,
    risk: f32,
    reference: f32,
    unattributed: f32,
}

impl SideBySide {
    /// Patients `a` (left) and `b` (right) of `session` with their recorded values, both
    /// under `explanation` (the study's in a first look).
    ///
    /// # Errors
    /// [`ContrastError::NoPatient`] for an index beyond the cohort; the explainer's
    /// [`ContrastError::Compute`].
    pub fn patients(
        session: &Session,
        engine: &mut PatientEngine,
        a: usize,
        b: usize,
        explanation: Explanation,
    ) -> Result<Self, ContrastError> {
        Self::patients_in(session, engine, a, b, explanation, Lang::En)
    }

    /// [`SideBySide::patients`] with its texts in `lang`.
    ///
    /// # Errors
    /// As [`SideBySide::patients`].
    pub fn patients_in(
        session: &Session,
        engine: &mut PatientEngine,
        a: usize,
        b: usize,
        explanation: Explanation,
        lang: Lang,
    ) -> Result<Self, ContrastError> {
        check_patient(session, a)?;
        check_patient(session, b)?;
        let explanation = offered(session, explanation);
        let [left, right] = match explanation {
            Explanation::Study => [study(session, a), study(session, b)],
            Explanation::TypicalPatient { of } => {
                let mut both = typical(session, engine, of, &[a, b])?.into_iter();
                match (both.next(), both.next()) {
                    (Some(l), Some(r)) => [l, r],
                    _ => [study(session, a), study(session, b)],
                }
            }
        };
        let values = |i: usize| -> Vec<String> {
            session
                .markers
                .iter()
                .zip(session.values_of(i))
                .map(|(m, &v)| m.format_in(v, lang))
                .collect()
        };
        let (rows, n_others) = align(
            session,
            &left.relevance,
            &right.relevance,
            &values(a),
            &values(b),
            COMPARE_TOP,
            lang,
        );
        let reference_label = reference_label(explanation, lang);
        let side = |i: usize, e: &Explained| {
            let who = Who::Patient(session.patient_ids[i].clone());
            Side {
                label: who.label_in(lang),
                who,
                risk: e.risk,
                reference: e.reference,
                unattributed: e.unattributed,
                sum: sum(&e.relevance),
                held_out_c: None,
                reference_label: reference_label.clone(),
            }
        };
        let (left, right) = (side(a, &left), side(b, &right));
        let caption = patients_caption(
            session,
            explanation,
            (a, b),
            (&left, &right),
            n_others,
            lang,
        );
        Ok(Self {
            contrast: Contrast::Patients,
            explanation,
            file_stem: format!(
                "compare-{}-{}",
                file_part(&session.patient_ids[a]),
                file_part(&session.patient_ids[b])
            ),
            left,
            right,
            rows,
            n_others,
            caption,
        })
    }

    /// Patient `patient` of `session` explained by the network (left, under `explanation`)
    /// and by the linear Cox model (right, exactly, from the same typical patient or from
    /// its encoded zero input in the study's explanation).
    ///
    /// # Errors
    /// [`ContrastError::NoPatient`], [`ContrastError::NoLinearModel`], or the encoder's
    /// and explainer's [`ContrastError::Compute`].
    pub fn models(
        session: &Session,
        engine: &mut PatientEngine,
        patient: usize,
        explanation: Explanation,
    ) -> Result<Self, ContrastError> {
        Self::models_in(session, engine, patient, explanation, Lang::En)
    }

    /// [`SideBySide::models`] with its texts in `lang`.
    ///
    /// # Errors
    /// As [`SideBySide::models`].
    pub fn models_in(
        session: &Session,
        engine: &mut PatientEngine,
        patient: usize,
        explanation: Explanation,
        lang: Lang,
    ) -> Result<Self, ContrastError> {
        check_patient(session, patient)?;
        let linear = session
            .linear_cox
            .as_ref()
            .ok_or(ContrastError::NoLinearModel)?;
        let explanation = offered(session, explanation);
        let values = session.values_of(patient);
        let (network, reference_values) = match explanation {
            Explanation::Study => (study(session, patient), None),
            Explanation::TypicalPatient { of } => {
                let entity = session.entity_of.get(patient).copied().unwrap_or(0);
                let network = typical(session, engine, of, &[patient])?
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| study(session, patient));
                (network, Some(engine.typical_values(session, of, entity)?))
            }
        };
        let linear_side =
            linear_contributions(session, linear, values, reference_values.as_deref())?;
        let texts: Vec<String> = session
            .markers
            .iter()
            .zip(values)
            .map(|(m, &v)| m.format_in(v, lang))
            .collect();
        let (rows, n_others) = align(
            session,
            &network.relevance,
            &linear_side.relevance,
            &texts,
            &texts,
            COMPARE_TOP,
            lang,
        );
        let c = |risk: &[f32]| {
            session
                .has_outcomes
                .then(|| held_out_harrell(session, risk).ok())
                .flatten()
        };
        let linear_risk = session
            .baselines
            .iter()
            .find(|b| b.kind == BaselineKind::Linear)
            .map(|b| b.risk.as_slice());
        let left = Side {
            who: Who::Network,
            label: Who::Network.label_in(lang),
            risk: network.risk,
            reference: network.reference,
            unattributed: network.unattributed,
            sum: sum(&network.relevance),
            held_out_c: c(&session.risk),
            reference_label: reference_label(explanation, lang),
        };
        let right = Side {
            who: Who::LinearCox,
            label: Who::LinearCox.label_in(lang),
            risk: linear_side.risk,
            reference: linear_side.reference,
            unattributed: linear_side.unattributed,
            sum: sum(&linear_side.relevance),
            held_out_c: linear_risk.and_then(c),
            reference_label: match explanation {
                Explanation::Study => lang.t("vm-compare-ref-linear-zero"),
                Explanation::TypicalPatient { .. } => lang.t("vm-compare-ref-linear-typical"),
            },
        };
        let caption = models_caption(
            session,
            linear,
            explanation,
            patient,
            (&left, &right),
            n_others,
            lang,
        );
        Ok(Self {
            contrast: Contrast::Models,
            explanation,
            file_stem: format!(
                "network-vs-linear-{}",
                file_part(&session.patient_ids[patient])
            ),
            left,
            right,
            rows,
            n_others,
            caption,
        })
    }

    /// The largest absolute contribution of any row on either side: both sides' bars are
    /// drawn on one scale from 0 to it.
    pub fn extent(&self) -> f32 {
        self.rows
            .iter()
            .map(|r| r.left.abs().max(r.right.abs()))
            .fold(0.0, f32::max)
    }

    /// The rows as CSV: marker, modality, each side's value and contribution, the
    /// difference; then each side's sum, reference and log-risk. Its column names are
    /// English whatever the page's language, so that a script reads every download alike.
    pub fn csv(&self) -> String {
        let (l, r) = (
            self.left.who.label_in(Lang::En),
            self.right.who.label_in(Lang::En),
        );
        let mut out = String::new();
        for (k, h) in [
            "marker".to_owned(),
            "modality".to_owned(),
            format!("{l} value"),
            format!("{l} contribution"),
            format!("{r} value"),
            format!("{r} contribution"),
            "difference".to_owned(),
        ]
        .iter()
        .enumerate()
        {
            if k > 0 {
                out.push(',');
            }
            push_field(&mut out, h);
        }
        out.push('\n');
        for row in &self.rows {
            push_field(&mut out, &row.name);
            out.push(',');
            push_field(&mut out, &row.modality);
            out.push(',');
            push_field(&mut out, &row.left_value);
            out.push(',');
            push_number(&mut out, Some(row.left));
            out.push(',');
            push_field(&mut out, &row.right_value);
            out.push(',');
            push_number(&mut out, Some(row.right));
            out.push(',');
            push_number(&mut out, Some(row.difference));
            out.push('\n');
        }
        let mut total = |name: &str, left: f32, right: f32| {
            push_field(&mut out, name);
            out.push_str(",,,");
            push_number(&mut out, Some(left));
            out.push_str(",,");
            push_number(&mut out, Some(right));
            out.push(',');
            push_number(&mut out, Some(left - right));
            out.push('\n');
        };
        total("sum of contributions", self.left.sum, self.right.sum);
        total(
            "not attributed to a marker",
            self.left.unattributed,
            self.right.unattributed,
        );
        total(
            "reference log-risk",
            self.left.reference,
            self.right.reference,
        );
        total("log-risk", self.left.risk, self.right.risk);
        out
    }
}

fn check_patient(session: &Session, index: usize) -> Result<(), ContrastError> {
    if index < session.n_patients() {
        Ok(())
    } else {
        Err(ContrastError::NoPatient {
            index,
            patients: session.n_patients(),
        })
    }
}

/// The explanation shown: a first look offers only the study's.
fn offered(session: &Session, explanation: Explanation) -> Explanation {
    if session.first_look_of.is_some() {
        Explanation::Study
    } else {
        explanation
    }
}

/// The study's LRP of patient `i` as the session holds it.
fn study(session: &Session, i: usize) -> Explained {
    Explained {
        relevance: session.relevance_of(i).to_vec(),
        risk: session.risk.get(i).copied().unwrap_or(f32::NAN),
        reference: 0.0,
        unattributed: session.bias_relevance.get(i).copied().unwrap_or(0.0),
    }
}

/// Patients `rows` explained relative to the typical patient of `group`.
fn typical(
    session: &Session,
    engine: &mut PatientEngine,
    group: ReferenceGroup,
    rows: &[usize],
) -> Result<Vec<Explained>, ComputeError> {
    Ok(engine
        .explain_recorded(session, group, rows)?
        .into_iter()
        .map(|(reference, e)| Explained {
            risk: e.risk,
            reference,
            unattributed: e.residual,
            relevance: e.relevance,
        })
        .collect())
}

/// The linear Cox model's exact decomposition of the patient with raw values `values` (one
/// per session marker) against the raw values `reference` (`None`: the encoded zero input).
fn linear_contributions(
    session: &Session,
    linear: &LinearCox,
    values: &[f32],
    reference: Option<&[f32]>,
) -> Result<Explained, ComputeError> {
    let encoder = &linear.encoder;
    let features = encoder.feature_map();
    let p = features.len();
    let marker_of: HashMap<&str, usize> = session
        .markers
        .iter()
        .enumerate()
        .map(|(j, m)| (m.id.as_str(), j))
        .collect();
    let entity_marker = encoder
        .entity()
        .and_then(|e| marker_of.get(e.name.as_str()).copied());
    let entity_code = |row: &[f32]| {
        entity_marker
            .and_then(|j| row.get(j))
            .filter(|v| !v.is_nan())
            .map_or(Categorical::MISSING, |&v| v as u32)
    };
    let mut rows: Vec<&[f32]> = vec![values];
    rows.extend(reference);
    let entities = rows.iter().map(|r| entity_code(r)).collect();
    let mut x = session.encode_values_with(encoder, &rows, entities)?;
    if reference.is_none() {
        x.extend(std::iter::repeat_n(0.0, p));
    }
    let (patient, zero) = x.split_at(p.min(x.len()));
    let beta = linear.model.coefficients();
    // Each input column's marker, as a session marker index.
    let column_marker: Vec<Option<usize>> = features
        .input_to_marker()
        .into_iter()
        .map(|k| {
            features
                .marker_names()
                .get(k)
                .and_then(|name| marker_of.get(name.as_str()).copied())
        })
        .collect();
    let mut relevance = vec![0.0f64; session.n_markers()];
    for (((&xj, &rj), &b), j) in patient.iter().zip(zero).zip(&beta).zip(&column_marker) {
        if let Some(slot) = j.and_then(|j| relevance.get_mut(j)) {
            *slot += b * (f64::from(xj) - f64::from(rj));
        }
    }
    let (risk, reference) = match linear.model.log_risk(&x, 2)?.as_slice() {
        &[risk, reference] => (risk, reference),
        other => {
            return Err(survlens_model::ModelError::length(
                "linear Cox decomposition",
                "log-risks",
                2,
                other.len(),
            )
            .into());
        }
    };
    let total: f64 = relevance.iter().sum();
    Ok(Explained {
        relevance: relevance.into_iter().map(|r| r as f32).collect(),
        risk: risk as f32,
        reference: reference as f32,
        unattributed: (risk - reference - total) as f32,
    })
}

/// The rows of two per-marker contributions: the union of each side's `top` largest by
/// absolute value, sorted by the absolute difference, and one row summing the others.
fn align(
    session: &Session,
    left: &[f32],
    right: &[f32],
    left_values: &[String],
    right_values: &[String],
    top: usize,
    lang: Lang,
) -> (Vec<ContrastRow>, usize) {
    let m = session.n_markers().min(left.len()).min(right.len());
    let largest = |r: &[f32]| {
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| r[b].abs().total_cmp(&r[a].abs()).then(a.cmp(&b)));
        order.truncate(top);
        order
    };
    let shown: BTreeSet<usize> = largest(left).into_iter().chain(largest(right)).collect();
    let text = |v: &[String], j: usize| v.get(j).cloned().unwrap_or_default();
    let mut rows: Vec<ContrastRow> = shown
        .iter()
        .map(|&j| {
            let info = &session.markers[j];
            ContrastRow {
                marker: Some(j),
                name: info.name_in(lang).to_owned(),
                modality: info.modality_in(lang),
                left_value: text(left_values, j),
                right_value: text(right_values, j),
                left: left[j],
                right: right[j],
                difference: left[j] - right[j],
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.difference
            .abs()
            .total_cmp(&a.difference.abs())
            .then(a.marker.cmp(&b.marker))
    });
    let others: Vec<usize> = (0..m).filter(|j| !shown.contains(j)).collect();
    if !others.is_empty() {
        let l = others.iter().map(|&j| f64::from(left[j])).sum::<f64>() as f32;
        let r = others.iter().map(|&j| f64::from(right[j])).sum::<f64>() as f32;
        rows.push(ContrastRow {
            marker: None,
            name: lang.t_with(
                "vm-compare-others",
                &[("n", Arg::Count(others.len() as u64))],
            ),
            modality: String::new(),
            left_value: String::new(),
            right_value: String::new(),
            left: l,
            right: r,
            difference: l - r,
        });
    }
    (rows, others.len())
}

fn sum(relevance: &[f32]) -> f32 {
    relevance.iter().map(|&r| f64::from(r)).sum::<f64>() as f32
}

/// A patient id as part of a file name.
fn file_part(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn reference_label(explanation: Explanation, lang: Lang) -> String {
    match explanation {
        Explanation::Study => lang.t("vm-compare-ref-baseline"),
        Explanation::TypicalPatient { .. } => lang.t("vm-compare-ref-typical"),
    }
}

/// What the encoded zero input of a preprocessing is, in words, in `lang`.
pub fn zero_input_words(config: &EncoderConfig, lang: Lang) -> String {
    let numeric = match (config.scaling, config.transform) {
        (Scaling::MinMax, _) => lang.t("vm-compare-zero-minimum"),
        (Scaling::ZScore, NumericTransform::None) => lang.t("vm-compare-zero-mean"),
        (Scaling::ZScore, NumericTransform::LogWhenSkewed) => lang.t("vm-compare-zero-mean-log"),
    };
    let categorical = match config.categorical {
        CategoricalCoding::AllLevels => lang.t("vm-compare-zero-no-level"),
        CategoricalCoding::Reference => lang.t("vm-compare-zero-reference-level"),
    };
    lang.t_with(
        "vm-compare-zero",
        &[
            ("numeric", Arg::Text(&numeric)),
            ("categorical", Arg::Text(&categorical)),
        ],
    )
}

/// How one side adds up. `from_baseline`: the study's LRP, measured from log-risk 0 with
/// the network's biases absorbing the rest.
fn sums_sentence(side: &Side, from_baseline: bool, lang: Lang) -> String {
    let signed = |x: f32| lang.signed(f64::from(x), 3);
    if from_baseline {
        lang.t_with(
            "vm-compare-sums-baseline",
            &[
                ("who", Arg::Text(&side.label)),
                ("sum", Arg::Text(&signed(side.sum))),
                ("biases", Arg::Text(&signed(side.unattributed))),
                ("risk", Arg::Text(&signed(side.risk))),
            ],
        )
    } else {
        let mut sentence = lang.t_with(
            "vm-compare-sums-reference",
            &[
                ("who", Arg::Text(&side.label)),
                ("sum", Arg::Text(&signed(side.sum))),
                ("risk", Arg::Text(&signed(side.risk))),
                ("reference", Arg::Text(&side.reference_label)),
                ("value", Arg::Text(&signed(side.reference))),
            ],
        );
        if side.unattributed.abs() >= 5e-4 {
            let rest = lang.t_with(
                "vm-compare-sums-unattributed",
                &[("value", Arg::Text(&signed(side.unattributed)))],
            );
            sentence.push_str(&format!(" ({rest})"));
        }
        sentence
    }
}

fn patients_caption(
    session: &Session,
    explanation: Explanation,
    (a, b): (usize, usize),
    (left, right): (&Side, &Side),
    n_others: usize,
    lang: Lang,
) -> String {
    let mode = match explanation {
        Explanation::Study => lang.t("vm-compare-mode-study"),
        Explanation::TypicalPatient {
            of: ReferenceGroup::Cohort,
        } => lang.t("vm-compare-mode-cohort"),
        Explanation::TypicalPatient {
            of: ReferenceGroup::Entity,
        } => {
            if session.entity_of.get(a) == session.entity_of.get(b) {
                lang.t("vm-compare-mode-entity-same")
            } else {
                lang.t("vm-compare-mode-entity-own")
            }
        }
    };
    let from_baseline = explanation == Explanation::Study;
    lang.t_with(
        "vm-compare-patients-caption",
        &[
            ("left", Arg::Text(&left.label)),
            ("right", Arg::Text(&right.label)),
            ("mode", Arg::Text(&mode)),
            ("top", Arg::Text(&lang.integer(COMPARE_TOP as i64))),
            ("others", Arg::Text(&lang.integer(n_others as i64))),
            (
                "left-sums",
                Arg::Text(&sums_sentence(left, from_baseline, lang)),
            ),
            (
                "right-sums",
                Arg::Text(&sums_sentence(right, from_baseline, lang)),
            ),
        ],
    )
}

fn models_caption(
    session: &Session,
    linear: &LinearCox,
    explanation: Explanation,
    patient: usize,
    (network, lin): (&Side, &Side),
    n_others: usize,
    lang: Lang,
) -> String {
    let references = match explanation {
        Explanation::Study => {
            let network_words = zero_input_words(session.model.encoder.config(), lang);
            let linear_words = zero_input_words(linear.encoder.config(), lang);
            let zero = if session.model.encoder == linear.encoder {
                lang.t_with(
                    "vm-compare-zero-same",
                    &[("words", Arg::Text(&network_words))],
                )
            } else if network_words == linear_words {
                lang.t_with(
                    "vm-compare-zero-own-alike",
                    &[("words", Arg::Text(&network_words))],
                )
            } else {
                lang.t_with(
                    "vm-compare-zero-own-different",
                    &[
                        ("network", Arg::Text(&network_words)),
                        ("linear", Arg::Text(&linear_words)),
                    ],
                )
            };
            lang.t_with("vm-compare-study-bars", &[("zero", Arg::Text(&zero))])
        }
        Explanation::TypicalPatient { of } => {
            let group = match of {
                ReferenceGroup::Cohort => lang.t("vm-compare-group-cohort"),
                ReferenceGroup::Entity => {
                    let entity = session.group_of(patient);
                    if entity.is_empty() {
                        lang.t("vm-compare-group-entity")
                    } else {
                        lang.t_with(
                            "vm-compare-group-named",
                            &[("entity", Arg::Text(&entity_name_in(&entity, lang)))],
                        )
                    }
                }
            };
            lang.t_with("vm-compare-typical-bars", &[("group", Arg::Text(&group))])
        }
    };
    let c = |s: &Side| match s.held_out_c {
        Some(c) => lang.t_with(
            "vm-compare-held-out-c",
            &[("c", Arg::Text(&lang.decimal(c, 3)))],
        ),
        None => lang.t("vm-compare-no-held-out-c"),
    };
    let signed = |x: f32| lang.signed(f64::from(x), 3);
    lang.t_with(
        "vm-compare-models-caption",
        &[
            ("id", Arg::Text(&session.patient_ids[patient])),
            ("references", Arg::Text(&references)),
            ("top", Arg::Text(&lang.integer(COMPARE_TOP as i64))),
            ("others", Arg::Text(&lang.integer(n_others as i64))),
            ("network-risk", Arg::Text(&signed(network.risk))),
            ("network-c", Arg::Text(&c(network))),
            ("linear-risk", Arg::Text(&signed(lin.risk))),
            ("linear-c", Arg::Text(&c(lin))),
            (
                "network-sums",
                Arg::Text(&sums_sentence(
                    network,
                    explanation == Explanation::Study,
                    lang,
                )),
            ),
            ("linear-sums", Arg::Text(&sums_sentence(lin, false, lang))),
        ],
    )
}
