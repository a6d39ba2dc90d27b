//! What-if: a patient's risk and explanation recomputed with edited marker values, without
//! touching the loaded cohort.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use survlens_data::Categorical;
use survlens_data::encode::MarkerEncoding;
use survlens_xai::{Composite, Lrp, LrpWorkspace};

use crate::core::error::ComputeError;
use crate::core::session::Session;

/// A patient's prediction and explanation under edited values.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Log-risk.
    pub risk: f32,
    /// Relevance per session marker.
    pub relevance: Vec<f32>,
    /// Relevance absorbed by biases and stabilisers.
    pub bias_relevance: f32,
}

/// Re-explains single patients with the session's model. Build it once per session: it
/// prepares the explainer's weight matrices, so each [`WhatIf::evaluate`] only encodes one
/// row and runs one forward and one backward pass.
pub struct WhatIf {
    lrp: Lrp,
    workspace: LrpWorkspace,
    input_to_marker: Vec<usize>,
    /// Session marker index of every marker the encoder knows, by name.
    marker_of: HashMap<String, usize>,
    relevance_buffer: Vec<f32>,
}

impl WhatIf {
    /// The engine for `session`'s model.
    pub fn new(session: &Session) -> Result<Self, ComputeError> {
        let lrp = Lrp::new(&session.model.network, &Composite::paper())?;
        let workspace = LrpWorkspace::default();
        let features = session.model.encoder.feature_map();
        Ok(Self {
            relevance_buffer: vec![0.0; lrp.n_inputs()],
            lrp,
            workspace,
            input_to_marker: features.input_to_marker(),
            marker_of: session
                .markers
                .iter()
                .enumerate()
                .map(|(j, m)| (m.id.clone(), j))
                .collect(),
        })
    }

    /// Risk and relevances of a patient whose raw marker values are `values` (one per session
    /// marker, NaN = missing; categorical and binary markers as level indices; the entity
    /// marker as an index into the session's entities).
    pub fn evaluate(
        &mut self,
        session: &Session,
        values: &[f32],
    ) -> Result<Scenario, ComputeError> {
        let x = self.encode(session, values)?;
        let accounting =
            self.lrp
                .explain_one(&x, &mut self.workspace, &mut self.relevance_buffer)?;
        let mut relevance = vec![0.0f32; session.n_markers()];
        for (&r, &j) in self.relevance_buffer.iter().zip(&self.input_to_marker) {
            if let Some(slot) = relevance.get_mut(j) {
                *slot += r;
            }
        }
        Ok(Scenario {
            risk: accounting.output,
            relevance,
            bias_relevance: accounting.bias_share + accounting.stabilizer_share,
        })
    }

    /// Risk and relevances of several patients at once, each row of raw values read as
    /// [`WhatIf::evaluate`] reads one: one batched forward and backward pass, so it needs
    /// only a shared reference.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values, [`ComputeError::Xai`]
    /// when the explainer does.
    pub fn evaluate_rows(
        &self,
        session: &Session,
        rows: &[&[f32]],
    ) -> Result<Vec<Scenario>, ComputeError> {
        let x = self.encode_rows(session, rows)?;
        let explained = self.lrp.explain_batch(&x, rows.len())?;
        Ok((0..rows.len())
            .map(|i| {
                let mut relevance = vec![0.0f32; session.n_markers()];
                for (&r, &j) in explained
                    .row(i)
                    .unwrap_or_default()
                    .iter()
                    .zip(&self.input_to_marker)
                {
                    if let Some(slot) = relevance.get_mut(j) {
                        *slot += r;
                    }
                }
                let (risk, bias_relevance) = explained.accounting(i).map_or((f32::NAN, 0.0), |a| {
                    (a.output, a.bias_share + a.stabilizer_share)
                });
                Scenario {
                    risk,
                    relevance,
                    bias_relevance,
                }
            })
            .collect())
    }

    /// The encoded inputs (`n_inputs`) of a patient whose raw values are `values`, as
    /// [`WhatIf::evaluate`] reads them.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn encode(&self, session: &Session, values: &[f32]) -> Result<Vec<f32>, ComputeError> {
        self.encode_rows(session, &[values])
    }

    /// The encoded inputs of several patients at once (`rows.len() x n_inputs`,
    /// row-major), each row of raw values read as [`WhatIf::encode`] reads one.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn encode_rows(
        &self,
        session: &Session,
        rows: &[&[f32]],
    ) -> Result<Vec<f32>, ComputeError> {
        let entity_marker = session
            .model
            .encoder
            .entity()
            .and_then(|e| self.marker_of.get(&e.name).copied());
        let entities = rows
            .iter()
            .map(|values| {
                entity_marker
                    .and_then(|j| values.get(j))
                    .filter(|v| !v.is_nan())
                    .map_or(Categorical::MISSING, |&v| v as u32)
            })
            .collect();
        session.encode_values(rows, entities)
    }

    /// The marker of every encoded input (an index into the session's markers).
    pub fn input_to_marker(&self) -> &[usize] {
        &self.input_to_marker
    }
}

impl Scenario {
    /// The scenario as an explained patient with raw values `values` (those it was
    /// evaluated on), for [`crate::views::patient::PatientView::explain`].
    pub fn explained<'a>(&'a self, values: &'a [f32]) -> crate::views::patient::Explained<'a> {
        crate::views::patient::Explained {
            values,
            risk: self.risk,
            relevance: &self.relevance,
            bias_relevance: self.bias_relevance,
        }
    }
}

/// How a marker is edited in the what-if form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldKind {
    /// A number in the marker's unit.
    Numeric {
        /// Unit, empty when unitless.
        unit: String,
        /// Training minimum and maximum, when the model saw the marker.
        training_range: Option<[f64; 2]>,
        /// Reference range, when one exists.
        reference_range: Option<(f32, f32)>,
    },
    /// One of the marker's levels (categorical, binary, a treatment, the entity).
    Choice {
        /// Level names; the raw value is the index.
        levels: Vec<String>,
    },
}

/// One input of the what-if form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIfField {
    /// Session marker index.
    pub marker: usize,
    /// Stable identifier, for the input's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Modality tag.
    pub modality: String,
    /// How it is edited.
    pub kind: FieldKind,
    /// The patient's value in the session (NaN = missing).
    pub original: f32,
    /// Whether the marker is a treatment, listed first: "what if she received ...".
    pub treatment: bool,
}

/// The form fields for patient `index`: treatments first, then the other markers by their
/// absolute relevance for this patient, largest first. Empty when `index` is out of range.
pub fn form_fields(session: &Session, index: usize) -> Vec<WhatIfField> {
    if index >= session.n_patients() {
        return Vec::new();
    }
    form_fields_of(
        session,
        session.values_of(index),
        session.relevance_of(index),
    )
}

/// The form fields of a patient with raw values `values` and relevances `relevance` (one
/// per session marker; a new patient typed in), ordered as [`form_fields`] orders them.
/// Empty when either has not one entry per marker.
pub fn form_fields_of(session: &Session, values: &[f32], relevance: &[f32]) -> Vec<WhatIfField> {
    if values.len() != session.n_markers() || relevance.len() != session.n_markers() {
        return Vec::new();
    }
    let ranges: HashMap<&str, [f64; 2]> = session
        .model
        .encoder
        .markers()
        .iter()
        .filter_map(|plan| match plan.encoding {
            MarkerEncoding::Numeric {
                range: Some(range), ..
            } => Some((plan.name.as_str(), range)),
            _ => None,
        })
        .collect();
    let mut fields: Vec<WhatIfField> = session
        .markers
        .iter()
        .enumerate()
        .map(|(j, info)| WhatIfField {
            marker: j,
            id: info.id.clone(),
            name: info.name.clone(),
            modality: info.modality.clone(),
            kind: if info.levels.is_empty() {
                FieldKind::Numeric {
                    unit: info.unit.clone(),
                    training_range: ranges.get(info.id.as_str()).copied(),
                    reference_range: info.reference_range,
                }
            } else {
                FieldKind::Choice {
                    levels: info.levels.clone(),
                }
            },
            original: values[j],
            treatment: info.modality.eq_ignore_ascii_case("treatment"),
        })
        .collect();
    fields.sort_by(|a, b| {
        b.treatment.cmp(&a.treatment).then(
            relevance[b.marker]
                .abs()
                .total_cmp(&relevance[a.marker].abs()),
        )
    });
    fields
}

/// Reads a numeric input: a decimal number with a point or a comma; empty text means
/// missing (NaN). `None` when the text is not a finite number.
pub fn parse_numeric(text: &str) -> Option<f32> {
    let text = text.trim();
    if text.is_empty() {
        return Some(f32::NAN);
    }
    text.replace(',', ".")
        .parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Reads a select's value: a level index, or empty for missing (NaN). `None` when the
/// text is neither or the index is not below `n_levels`.
pub fn parse_choice(text: &str, n_levels: usize) -> Option<f32> {
    if text.is_empty() {
        return Some(f32::NAN);
    }
    text.parse::<usize>()
        .ok()
        .filter(|&k| k < n_levels)
        .map(|k| k as f32)
}

/// The markers whose values differ between `original` and `edited` (NaN equals NaN).
pub fn changed_markers(original: &[f32], edited: &[f32]) -> Vec<usize> {
    original
        .iter()
        .zip(edited)
        .enumerate()
        .filter(|(_, (a, b))| !(a == b || (a.is_nan() && b.is_nan())))
        .map(|(j, _)| j)
        .collect()
}

/// A what-if scenario as the page asks for it: the edited markers with their new raw values
/// (NaN = missing), by increasing marker index, each differing from the recorded value.
/// Values are kept bit for bit so that a scenario names its answer exactly; no edits means
/// the recorded values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edits(Vec<(usize, u32)>);

impl Edits {
    /// Sets `marker` to `value`, or drops its edit when `value` is the recorded one
    /// (`recorded`: the patient's recorded values). Nothing changes for a marker beyond
    /// `recorded`.
    pub fn set(&mut self, recorded: &[f32], marker: usize, value: f32) {
        let Some(&was) = recorded.get(marker) else {
            return;
        };
        self.0.retain(|&(j, _)| j != marker);
        if changed_markers(&[was], &[value]).is_empty() {
            return;
        }
        let at = self.0.partition_point(|&(j, _)| j < marker);
        self.0.insert(at, (marker, value.to_bits()));
    }

    /// A new patient's values as a scenario over a patient with every marker missing: each
    /// value that is not missing, kept bit for bit.
    pub fn from_values(values: &[f32]) -> Self {
        Self(
            values
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_nan())
                .map(|(j, v)| (j, v.to_bits()))
                .collect(),
        )
    }

    /// Whether no value is edited.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The edited markers, by increasing index.
    pub fn markers(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|&(j, _)| j)
    }

    /// `recorded` with the edits applied (an edit beyond `recorded` is ignored).
    pub fn apply(&self, recorded: &[f32]) -> Vec<f32> {
        let mut values = recorded.to_vec();
        for &(j, bits) in &self.0 {
            if let Some(slot) = values.get_mut(j) {
                *slot = f32::from_bits(bits);
            }
        }
        values
    }
}
