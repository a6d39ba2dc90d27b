//! Explanations relative to a typical patient: which explanation the Patient view shows
//! ([`Explanation`]), the typical patient of the cohort or of an entity
//! ([`TypicalPatient`]), and DeepLIFT-rescale of the patient against it
//! ([`ReferenceEngine`]).
//!
//! The study's explanation (LRP from the baseline hazard) measures every marker from an
//! input of zero, after min-max scaling the training minimum; its waterfall starts at
//! log-risk 0. Relative to a typical patient, the waterfall starts at the typical patient's
//! log-risk `f(r)` and each marker's bar is its part of `f(x) - f(r)`: a marker at its
//! typical value contributes nothing, so the bars show what is unusual about this patient
//! and what it does to the risk. The typical patient is built in raw marker space (the
//! median of each numeric marker, the most frequent level of each categorical and binary
//! marker, over the cohort or over the patient's entity; [`survlens_xai::typical_values`])
//! and encoded like any patient, so it is a patient who could exist.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use survlens_xai::{DeepLift, typical_values};

use crate::core::error::ComputeError;
use crate::core::i18n::Lang;
use crate::core::session::Session;
use crate::views::whatif::WhatIf;

/// Whose typical patient the explanation is measured from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ReferenceGroup {
    /// The typical patient of the whole cohort.
    #[default]
    Cohort,
    /// The typical patient of the patient's own cancer entity.
    Entity,
}

/// Which explanation of a patient's risk the Patient view shows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Explanation {
    /// The study's: LRP from the baseline hazard (log-risk 0).
    #[default]
    Study,
    /// DeepLIFT-rescale relative to a typical patient.
    TypicalPatient {
        /// Whose typical patient.
        of: ReferenceGroup,
    },
}

impl Explanation {
    /// The choices, in the order the page offers them.
    pub const ALL: [Explanation; 3] = [
        Explanation::Study,
        Explanation::TypicalPatient {
            of: ReferenceGroup::Cohort,
        },
        Explanation::TypicalPatient {
            of: ReferenceGroup::Entity,
        },
    ];

    /// A short label for the page's control.
    pub fn label(self) -> &'static str {
        match self {
            Self::Study => "From the baseline hazard (the study)",
            Self::TypicalPatient {
                of: ReferenceGroup::Cohort,
            } => "Relative to a typical patient of the cohort",
            Self::TypicalPatient {
                of: ReferenceGroup::Entity,
            } => "Relative to a typical patient of this entity",
        }
    }

    /// [`Explanation::label`] in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        match self {
            Self::Study => lang.t("vm-explanation-study"),
            Self::TypicalPatient {
                of: ReferenceGroup::Cohort,
            } => lang.t("vm-explanation-typical-cohort"),
            Self::TypicalPatient {
                of: ReferenceGroup::Entity,
            } => lang.t("vm-explanation-typical-entity"),
        }
    }

    /// A stable key for the page's control values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Study => "study",
            Self::TypicalPatient {
                of: ReferenceGroup::Cohort,
            } => "cohort",
            Self::TypicalPatient {
                of: ReferenceGroup::Entity,
            } => "entity",
        }
    }

    /// The choice with key `key` ([`Self::key`]).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// A typical patient: raw values, encoded inputs and the explainer prepared against them.
#[derive(Clone, Debug)]
pub struct TypicalPatient {
    /// One raw value per session marker (NaN where every patient of the group misses it).
    pub values: Vec<f32>,
    /// The network's log-risk of the typical patient, `f(r)`.
    pub risk: f32,
    /// How many patients it is typical of.
    pub n_patients: usize,
    deeplift: DeepLift,
}

/// A patient explained relative to a typical patient, one relevance per session marker.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceExplained {
    /// The patient's log-risk, `f(x)`.
    pub risk: f32,
    /// Each marker's part of `f(x) - f(r)`.
    pub relevance: Vec<f32>,
    /// What the relevances leave of `f(x) - f(r)` (`f32` rounding only).
    pub residual: f32,
}

/// The typical patients of a session, built when first asked for and kept: the cohort's,
/// and one per entity.
#[derive(Default)]
pub struct ReferenceEngine {
    cohort: Option<TypicalPatient>,
    entities: HashMap<u32, TypicalPatient>,
}

impl std::fmt::Debug for ReferenceEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceEngine")
            .field("cohort", &self.cohort.is_some())
            .field("entities", &self.entities.len())
            .finish()
    }
}

impl ReferenceEngine {
    /// The typical patient of `group` for a patient of entity `entity` (an index into the
    /// session's entities).
    ///
    /// # Errors
    /// [`ComputeError::Xai`] for a group without patients; [`ComputeError::Data`] when the
    /// encoder refuses the typical values.
    pub fn typical(
        &mut self,
        session: &Session,
        whatif: &WhatIf,
        group: ReferenceGroup,
        entity: u32,
    ) -> Result<&TypicalPatient, ComputeError> {
        match group {
            ReferenceGroup::Cohort => {
                let typical = match self.cohort.take() {
                    Some(t) => t,
                    None => build_typical(session, whatif, None)?,
                };
                Ok(self.cohort.insert(typical))
            }
            ReferenceGroup::Entity => match self.entities.entry(entity) {
                std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
                std::collections::hash_map::Entry::Vacant(e) => {
                    Ok(e.insert(build_typical(session, whatif, Some(entity))?))
                }
            },
        }
    }
}

impl ReferenceEngine {
    /// Patients `rows` of `session`, with their recorded values, each explained relative to
    /// the typical patient of `group` (for [`ReferenceGroup::Entity`], of its own entity):
    /// one `(typical patient's log-risk, explanation)` per row, in the order of `rows`.
    ///
    /// # Errors
    /// As [`ReferenceEngine::typical`] and [`TypicalPatient::explain`].
    pub fn explain_recorded(
        &mut self,
        session: &Session,
        whatif: &WhatIf,
        group: ReferenceGroup,
        rows: &[usize],
    ) -> Result<Vec<(f32, ReferenceExplained)>, ComputeError> {
        let m = session.n_markers();
        let key = |i: usize| match group {
            ReferenceGroup::Cohort => 0,
            ReferenceGroup::Entity => session.entity_of.get(i).copied().unwrap_or(0),
        };
        let mut keys: Vec<u32> = rows.iter().map(|&i| key(i)).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut out: Vec<Option<(f32, ReferenceExplained)>> = vec![None; rows.len()];
        // One batch per typical patient: the encoder and the explainer run once per group.
        for k in keys {
            let picked: Vec<usize> = (0..rows.len()).filter(|&b| key(rows[b]) == k).collect();
            let typical = self.typical(session, whatif, group, k)?;
            let values: Vec<&[f32]> = picked.iter().map(|&b| session.values_of(rows[b])).collect();
            let x = whatif.encode_rows(session, &values)?;
            let explained =
                typical
                    .deeplift
                    .explain_batch(&session.model.network, &x, picked.len())?;
            for (r, &b) in picked.iter().enumerate() {
                let mut relevance = vec![0.0f32; m];
                let row = explained.row(r).unwrap_or(&[]);
                for (&v, &j) in row.iter().zip(whatif.input_to_marker()) {
                    if let Some(slot) = relevance.get_mut(j) {
                        *slot += v;
                    }
                }
                let accounting = explained.accounting(r);
                out[b] = Some((
                    typical.risk,
                    ReferenceExplained {
                        risk: accounting.map_or(f32::NAN, |a| a.output),
                        relevance,
                        residual: accounting.map_or(0.0, |a| a.stabilizer_share),
                    },
                ));
            }
        }
        Ok(out.into_iter().flatten().collect())
    }
}

impl TypicalPatient {
    /// DeepLIFT-rescale of the patient with raw values `values` (one per session marker)
    /// relative to this typical patient, grouped into markers.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values, [`ComputeError::Xai`]
    /// from the explainer.
    pub fn explain(
        &self,
        session: &Session,
        whatif: &WhatIf,
        values: &[f32],
    ) -> Result<ReferenceExplained, ComputeError> {
        let x = whatif.encode(session, values)?;
        let out = self.deeplift.explain_batch(&session.model.network, &x, 1)?;
        let mut relevance = vec![0.0f32; session.n_markers()];
        for (&r, &j) in out.values().iter().zip(whatif.input_to_marker()) {
            if let Some(slot) = relevance.get_mut(j) {
                *slot += r;
            }
        }
        let accounting = out.accounting(0);
        Ok(ReferenceExplained {
            risk: accounting.map_or(f32::NAN, |a| a.output),
            relevance,
            residual: accounting.map_or(0.0, |a| a.stabilizer_share),
        })
    }
}

fn build_typical(
    session: &Session,
    whatif: &WhatIf,
    entity: Option<u32>,
) -> Result<TypicalPatient, ComputeError> {
    let categorical: Vec<bool> = session
        .markers
        .iter()
        .map(|m| !m.levels.is_empty())
        .collect();
    let rows: Vec<usize> = match entity {
        None => (0..session.n_patients()).collect(),
        Some(e) => (0..session.n_patients())
            .filter(|&i| session.entity_of.get(i) == Some(&e))
            .collect(),
    };
    // The entity marker, if the session has one, needs nothing special: within an
    // entity its most frequent level is that entity.
    let values = typical_values(&session.values, &categorical, &rows)?;
    let x = whatif.encode(session, &values)?;
    let deeplift = DeepLift::new(&session.model.network, &x)?;
    Ok(TypicalPatient {
        risk: deeplift.reference_output(),
        values,
        n_patients: rows.len(),
        deeplift,
    })
}

/// The fewest markers whose absolute relevances, largest first, reach `share` (0..=1) of
/// the summed absolute relevance of `relevance` (one per marker): how concentrated an
/// explanation is. 0 when every relevance is zero.
pub fn markers_to_share(relevance: &[f32], share: f64) -> usize {
    let mut abs: Vec<f64> = relevance.iter().map(|r| f64::from(r.abs())).collect();
    let total: f64 = abs.iter().sum();
    if total <= 0.0 {
        return 0;
    }
    abs.sort_by(|a, b| b.total_cmp(a));
    let mut sum = 0.0;
    for (k, a) in abs.iter().enumerate() {
        sum += a;
        if sum >= share * total {
            return k + 1;
        }
    }
    abs.len()
}
