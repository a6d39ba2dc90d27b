//! What-if: a patient's risk and explanation recomputed with edited marker values, without
//! touching the loaded cohort.

use std::collections::HashMap;

use survlens_data::encode::MarkerEncoding;
use survlens_data::{Categorical, Cohort, Marker};
use survlens_xai::{Composite, Lrp, LrpWorkspace};

use crate::pipeline::PipelineError;
use crate::session::Session;

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
    pub fn new(session: &Session) -> Result<Self, PipelineError> {
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
    ) -> Result<Scenario, PipelineError> {
        let encoder = &session.model.encoder;
        let mut cohort = Cohort::new(vec!["what-if".to_owned()], vec![1.0], vec![false])?;
        if let Some(entity) = encoder.entity() {
            let code = self
                .marker_of
                .get(&entity.name)
                .and_then(|&j| values.get(j))
                .filter(|v| !v.is_nan())
                .map_or(Categorical::MISSING, |&v| v as u32);
            let levels = session.entity_ids.clone();
            cohort = cohort.with_entity(&entity.name, Categorical::new(vec![code], levels)?)?;
        }
        for plan in encoder.markers() {
            let value = self
                .marker_of
                .get(&plan.name)
                .and_then(|&j| values.get(j).copied())
                .unwrap_or(f32::NAN);
            let marker = match &plan.encoding {
                MarkerEncoding::Numeric { .. } => Marker::numeric(&plan.name, vec![value])?,
                MarkerEncoding::Binary { .. } => Marker::binary(&plan.name, vec![value])?,
                MarkerEncoding::Categorical { .. } => {
                    let levels = self
                        .marker_of
                        .get(&plan.name)
                        .map(|&j| session.markers[j].levels.clone())
                        .unwrap_or_default();
                    let code = if value.is_nan() || value < 0.0 || value as usize >= levels.len() {
                        Categorical::MISSING
                    } else {
                        value as u32
                    };
                    Marker::categorical(&plan.name, Categorical::new(vec![code], levels)?)
                }
            };
            cohort = cohort.with_marker(marker)?;
        }
        let x = encoder.transform(cohort.view())?.design.into_vec();
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
}
