//! The patient view: one patient's risk and the markers that drive it.

use serde::{Deserialize, Serialize};

use crate::core::i18n::{Arg, Lang};
use crate::core::session::{Session, entity_name_in, modality_in};

/// Where a patient's risk falls among the three groups cut at training-set tertiles. The
/// names say where the risk score lies, not that the patient is at high risk: a patient in
/// the upper third of a cohort that fares well may still have a good prognosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskGroup {
    /// Lowest third of training risks.
    Low,
    /// Middle third.
    Intermediate,
    /// Highest third.
    High,
}

impl RiskGroup {
    /// The group of `risk` under tertile cut-offs `[lower, upper]`.
    pub fn of(risk: f32, cutoffs: [f32; 2]) -> Self {
        if risk <= cutoffs[0] {
            Self::Low
        } else if risk <= cutoffs[1] {
            Self::Intermediate
        } else {
            Self::High
        }
    }

    /// Label for the page.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "lower third of risk scores",
            Self::Intermediate => "middle third of risk scores",
            Self::High => "upper third of risk scores",
        }
    }

    /// Label for the page in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        match self {
            Self::Low => lang.t("vm-risk-group-low"),
            Self::Intermediate => lang.t("vm-risk-group-intermediate"),
            Self::High => lang.t("vm-risk-group-high"),
        }
    }

    /// A stable lower-case key (`low`, `intermediate`, `high`) for the page's style classes,
    /// so that renaming a variant never silently changes them.
    pub fn key(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Intermediate => "intermediate",
            Self::High => "high",
        }
    }
}

/// Whether a contribution raises or lowers the predicted risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Positive relevance: the marker raises this patient's predicted risk.
    RaisesRisk,
    /// Negative relevance: the marker lowers it.
    LowersRisk,
}

/// One bar of the contribution chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Index of the marker in the session.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// Modality tag.
    pub modality: String,
    /// The patient's value with its unit ("3.1 g/dL"), or "missing".
    pub value_text: String,
    /// Whether the value lies outside the marker's reference range.
    pub out_of_range: bool,
    /// Relative to a typical patient: the typical patient's value with its unit, or
    /// "missing"; `None` for the study's explanation.
    pub typical_text: Option<String>,
    /// Relevance (contribution to the log-risk).
    pub relevance: f32,
    /// Sign of the relevance.
    pub direction: Direction,
}

/// How well the per-marker relevances add up to the predicted log-risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accounting {
    /// The model's output, the log-risk.
    pub output: f32,
    /// Sum of all marker relevances.
    pub relevance_sum: f32,
    /// Relevance absorbed by the network's biases.
    pub bias_relevance: f32,
}

impl Accounting {
    /// One sentence for the page: how much of the score the markers account for.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`Accounting::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        lang.t_with(
            "vm-accounting",
            &[
                (
                    "sum",
                    Arg::Text(&lang.signed(f64::from(self.relevance_sum), 3)),
                ),
                ("risk", Arg::Text(&lang.signed(f64::from(self.output), 3))),
                (
                    "biases",
                    Arg::Text(&lang.signed(f64::from(self.bias_relevance), 3)),
                ),
            ],
        )
    }
}

/// Everything the patient view shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientView {
    /// Index of the patient in the session.
    pub index: usize,
    /// Patient identifier.
    pub id: String,
    /// The patient's group (cancer entity); empty when the cohort has no grouping column.
    pub entity: String,
    /// The model's log-risk.
    pub risk: f32,
    /// Share of the cohort with a lower or equal risk, in percent; `NaN` in a first look
    /// ([`Session::first_look_of`]), before the cohort is explained.
    pub percentile: f32,
    /// Risk group.
    pub group: RiskGroup,
    /// The largest contributions by absolute relevance, largest first.
    pub top: Vec<Contribution>,
    /// Summed relevance of all other markers.
    pub others: f32,
    /// Number of markers in `others`.
    pub n_others: usize,
    /// Relevance accounting.
    pub accounting: Accounting,
    /// Summed relevance per modality, largest absolute total first.
    pub modality_totals: Vec<ModalityTotal>,
    /// Names of markers missing for this patient.
    pub missing: Vec<String>,
}

/// The summed relevance of one modality's markers for one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModalityTotal {
    /// Modality name, as on the markers' tags.
    pub modality: String,
    /// Sum of the relevances of its markers (contribution to the log-risk).
    pub relevance: f32,
    /// Number of markers of the modality.
    pub n_markers: usize,
}

/// A patient's explained prediction: raw values, log-risk and relevances, either as the
/// session holds them or as a what-if scenario recomputed them.
///
/// # Shapes
/// `values` and `relevance`: one entry per session marker.
#[derive(Clone, Copy, Debug)]
pub struct Explained<'a> {
    /// Raw marker values (NaN = missing; level indices for categorical and binary markers).
    pub values: &'a [f32],
    /// The model's log-risk.
    pub risk: f32,
    /// Relevance per marker.
    pub relevance: &'a [f32],
    /// Relevance absorbed by the network's biases and stabilisers.
    pub bias_relevance: f32,
}

impl<'a> Explained<'a> {
    /// Patient `index` as the session explains it; `None` when `index` is out of range.
    pub fn of_session(session: &'a Session, index: usize) -> Option<Self> {
        if index >= session.n_patients() {
            return None;
        }
        Some(Self {
            values: session.values_of(index),
            risk: *session.risk.get(index)?,
            relevance: session.relevance_of(index),
            bias_relevance: session.bias_relevance.get(index).copied().unwrap_or(0.0),
        })
    }
}

/// Sums `relevance` (one entry per session marker) per modality, largest absolute total
/// first; modalities with equal totals keep the order of their first marker.
pub fn modality_totals(session: &Session, relevance: &[f32]) -> Vec<ModalityTotal> {
    let mut totals: Vec<ModalityTotal> = Vec::new();
    for (info, &r) in session.markers.iter().zip(relevance) {
        match totals.iter_mut().find(|t| t.modality == info.modality) {
            Some(total) => {
                total.relevance += r;
                total.n_markers += 1;
            }
            None => totals.push(ModalityTotal {
                modality: info.modality.clone(),
                relevance: r,
                n_markers: 1,
            }),
        }
    }
    // A stable sort keeps first-seen order among equal totals.
    totals.sort_by(|a, b| b.relevance.abs().total_cmp(&a.relevance.abs()));
    totals
}

/// Share of `risks` at or below `risk`, in percent (0 for an empty cohort).
pub fn percentile_of(risks: &[f32], risk: f32) -> f32 {
    if risks.is_empty() {
        return 0.0;
    }
    let below = risks.iter().filter(|&&r| r <= risk).count();
    100.0 * below as f32 / risks.len() as f32
}

impl PatientView {
    /// The view's texts in `lang`: marker names (the dictionary's German names where the
    /// session has them), modalities and values (`values`: the raw values it was built
    /// from, one per session marker) with the language's decimal mark.
    pub fn localize(&mut self, session: &Session, values: &[f32], lang: Lang) {
        if lang == Lang::En {
            return;
        }
        self.entity = entity_name_in(&self.entity, lang);
        for c in &mut self.top {
            if let Some(info) = session.markers.get(c.marker) {
                c.name = info.name_in(lang).to_owned();
                c.modality = info.modality_in(lang);
                if let Some(&v) = values.get(c.marker) {
                    c.value_text = info.format_in(v, lang);
                }
            }
        }
        for total in &mut self.modality_totals {
            total.modality = modality_in(&total.modality, lang);
        }
        self.missing = values
            .iter()
            .zip(&session.markers)
            .filter(|(v, _)| v.is_nan())
            .map(|(_, m)| m.name_in(lang).to_owned())
            .collect();
    }

    /// The view of patient `index`, with the `top_k` largest contributions as bars.
    /// Returns `None` when `index` is not a patient of the session.
    pub fn build(session: &Session, index: usize, top_k: usize) -> Option<Self> {
        Self::explain(
            session,
            index,
            Explained::of_session(session, index)?,
            top_k,
        )
    }

    /// The view of patient `index` under `explained` (the session's own numbers or a
    /// what-if scenario): the risk's percentile and group are placed among the session's
    /// patients and training cut-offs. Returns `None` when `index` is not a patient of the
    /// session or `explained` does not have one value and one relevance per marker.
    pub fn explain(
        session: &Session,
        index: usize,
        explained: Explained<'_>,
        top_k: usize,
    ) -> Option<Self> {
        if index >= session.n_patients() {
            return None;
        }
        let id = session.patient_ids.get(index)?.clone();
        Self::assemble(
            session,
            (index, id, session.group_of(index)),
            explained,
            top_k,
        )
    }

    /// The view of a new patient typed in, not part of the cohort, under `explained`: its
    /// risk is placed among the session's patients and training cut-offs like a cohort
    /// patient's, but it has no index in the session ([`PatientView::index`] is the number
    /// of patients) and its id is [`NEW_PATIENT_ID`]. Its group is read from its values.
    /// Returns `None` when `explained` does not have one value and one relevance per marker.
    pub fn explain_new(session: &Session, explained: Explained<'_>, top_k: usize) -> Option<Self> {
        let entity = if session.kind.group.is_none() {
            String::new()
        } else {
            new_patient_entity(session, explained.values)
                .and_then(|e| session.entities.get(e as usize))
                .cloned()
                .unwrap_or_default()
        };
        Self::assemble(
            session,
            (session.n_patients(), NEW_PATIENT_ID.to_owned(), entity),
            explained,
            top_k,
        )
    }

    fn assemble(
        session: &Session,
        (index, id, entity): (usize, String, String),
        explained: Explained<'_>,
        top_k: usize,
    ) -> Option<Self> {
        let m = session.n_markers();
        if explained.values.len() != m || explained.relevance.len() != m {
            return None;
        }
        let Explained {
            values,
            risk,
            relevance,
            bias_relevance,
        } = explained;
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| {
            relevance[b]
                .abs()
                .total_cmp(&relevance[a].abs())
                .then(a.cmp(&b))
        });
        let k = top_k.min(order.len());
        let top = order[..k]
            .iter()
            .map(|&j| {
                let info = &session.markers[j];
                let r = relevance[j];
                Contribution {
                    marker: j,
                    name: info.name.clone(),
                    modality: info.modality.clone(),
                    value_text: info.format(values[j]),
                    out_of_range: !values[j].is_nan() && info.is_out_of_range(values[j]),
                    typical_text: None,
                    relevance: r,
                    direction: if r >= 0.0 {
                        Direction::RaisesRisk
                    } else {
                        Direction::LowersRisk
                    },
                }
            })
            .collect();
        let others = order[k..].iter().map(|&j| relevance[j]).sum();
        Some(Self {
            index,
            id,
            entity,
            risk,
            // A first look holds one patient: its place in the cohort is not known yet.
            percentile: if session.first_look_of.is_some() {
                f32::NAN
            } else {
                percentile_of(&session.risk, risk)
            },
            group: RiskGroup::of(risk, session.risk_cutoffs),
            top,
            others,
            n_others: order.len() - k,
            accounting: Accounting {
                output: risk,
                relevance_sum: relevance.iter().sum(),
                bias_relevance,
            },
            modality_totals: modality_totals(session, relevance),
            missing: values
                .iter()
                .zip(&session.markers)
                .filter(|(v, _)| v.is_nan())
                .map(|(_, m)| m.name.clone())
                .collect(),
        })
    }
}

/// The id a new patient's view carries: it is no patient of the cohort, and no cohort id.
pub const NEW_PATIENT_ID: &str = "new";

/// The entity of a new patient with raw values `values` (one per session marker): the
/// level of the encoder's entity marker, an index into the session's entities; `None`
/// when the model has no entity or the value is missing.
pub fn new_patient_entity(session: &Session, values: &[f32]) -> Option<u32> {
    let name = &session.model.encoder.entity()?.name;
    let j = session.markers.iter().position(|m| &m.id == name)?;
    values
        .get(j)
        .filter(|v| !v.is_nan() && **v >= 0.0)
        .map(|&v| v as u32)
}

/// How the risk groups were cut, in one sentence for the page: from the training patients'
/// risk scores, fixed before any held-out patient was seen, unless the network came without
/// them (an ONNX file: the tertiles of this cohort).
pub fn risk_group_note(cutoffs: [f32; 2], origin: &crate::core::origin::ModelOrigin) -> String {
    risk_group_note_in(cutoffs, origin, Lang::En)
}

/// [`risk_group_note`] in `lang`.
pub fn risk_group_note_in(
    cutoffs: [f32; 2],
    origin: &crate::core::origin::ModelOrigin,
    lang: Lang,
) -> String {
    let lower = lang.signed(f64::from(cutoffs[0]), 3);
    let upper = lang.signed(f64::from(cutoffs[1]), 3);
    let cuts = [("lower", Arg::Text(&lower)), ("upper", Arg::Text(&upper))];
    if origin.fits_baseline_on_cohort() {
        lang.t_with("vm-risk-groups-cohort-tertiles", &cuts)
    } else {
        let whose = origin.baseline_patients_in(lang);
        lang.t_with(
            "vm-risk-groups-training-tertiles",
            &[cuts[0], cuts[1], ("whose", Arg::Text(&whose))],
        )
    }
}
