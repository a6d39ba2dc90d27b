//! What the model does not know about a patient: markers it had to impute, values outside
//! what it saw in training, and an entity with few training patients. Shown on the patient
//! view so that no prediction looks more certain than it is.

use serde::{Deserialize, Serialize};
use survlens_data::encode::MarkerEncoding;

use crate::core::i18n::{Arg, Lang};
use crate::core::session::{Session, entity_name_in};
use survlens_data::display::{SENTENCE_DIGITS, distinct_pair, round_significant};

/// Fewer training patients of an entity than this, and the page says so.
pub const FEW_TRAINING_PATIENTS: usize = 30;

/// One thing the model does not know about a patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Limitation {
    /// The marker is missing: the model used its training median or most frequent level.
    Missing {
        /// Session marker index.
        marker: usize,
        /// Display name.
        name: String,
    },
    /// A numeric value outside the training minimum and maximum: the network extrapolates.
    OutsideTraining {
        /// Session marker index.
        marker: usize,
        /// Display name.
        name: String,
        /// The value with its unit.
        value: String,
        /// The training range with its unit.
        range: String,
    },
    /// A categorical level the model never saw in training: its inputs are all zero.
    UnseenLevel {
        /// Session marker index.
        marker: usize,
        /// Display name.
        name: String,
        /// The level.
        level: String,
    },
    /// The patient's entity had few training patients.
    RareEntity {
        /// Entity name.
        entity: String,
        /// Its number of training patients.
        n_training: usize,
    },
}

impl Limitation {
    /// One sentence for the page.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`Limitation::sentence`] in `lang` (the names and numbers it holds are written in
    /// the language it was found in: [`limitations_in`]).
    pub fn sentence_in(&self, lang: Lang) -> String {
        match self {
            Self::Missing { name, .. } => {
                lang.t_with("vm-limit-missing", &[("name", Arg::Text(name))])
            }
            Self::OutsideTraining {
                name, value, range, ..
            } => lang.t_with(
                "vm-limit-outside-training",
                &[
                    ("name", Arg::Text(name)),
                    ("value", Arg::Text(value)),
                    ("range", Arg::Text(range)),
                ],
            ),
            Self::UnseenLevel { name, level, .. } => lang.t_with(
                "vm-limit-unseen-level",
                &[("name", Arg::Text(name)), ("level", Arg::Text(level))],
            ),
            Self::RareEntity { entity, n_training } => lang.t_with(
                "vm-limit-rare-entity",
                &[
                    ("entity", Arg::Text(entity)),
                    ("patients", Arg::Count(*n_training as u64)),
                ],
            ),
        }
    }
}

/// `number` followed by `unit` when there is one.
fn with_unit(number: String, unit: &str) -> String {
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// The limitations of a patient of `session` whose raw values are `values` (one per
/// session marker; the session's own row or a what-if scenario) and whose entity is the
/// session's entity index `entity` (overridden by the entity marker's value when the
/// model takes the entity as an input). Order: missing markers, values outside training,
/// unseen levels, then the entity.
pub fn limitations(session: &Session, values: &[f32], entity: usize) -> Vec<Limitation> {
    limitations_in(session, values, entity, Lang::En)
}

/// [`limitations`] with the names and numbers they hold written in `lang` (the marker
/// dictionary's German names, the decimal comma).
pub fn limitations_in(
    session: &Session,
    values: &[f32],
    entity: usize,
    lang: Lang,
) -> Vec<Limitation> {
    let encoder = &session.model.encoder;
    let marker_index = |id: &str| session.markers.iter().position(|m| m.id == id);
    let mut missing = Vec::new();
    let mut outside = Vec::new();
    let mut unseen = Vec::new();
    for (j, (info, &v)) in session.markers.iter().zip(values).enumerate() {
        if v.is_nan() {
            missing.push(Limitation::Missing {
                marker: j,
                name: info.name_in(lang).to_owned(),
            });
        }
    }
    for plan in encoder.markers() {
        let Some(j) = marker_index(&plan.name) else {
            continue;
        };
        let Some(&v) = values.get(j).filter(|v| !v.is_nan()) else {
            continue;
        };
        let info = &session.markers[j];
        match &plan.encoding {
            MarkerEncoding::Numeric {
                range: Some([lo, hi]),
                ..
            } if f64::from(v) < *lo || f64::from(v) > *hi => {
                // The value and the bound it crosses are rounded until they read
                // differently; the other bound to the sentence's usual digits.
                let (value, lo, hi) = if f64::from(v) < *lo {
                    let (value, lo) = distinct_pair(f64::from(v), *lo);
                    (value, lo, round_significant(*hi, SENTENCE_DIGITS))
                } else {
                    let (value, hi) = distinct_pair(f64::from(v), *hi);
                    (value, round_significant(*lo, SENTENCE_DIGITS), hi)
                };
                let (lo, hi) = (lang.number_text(&lo), lang.number_text(&hi));
                outside.push(Limitation::OutsideTraining {
                    marker: j,
                    name: info.name_in(lang).to_owned(),
                    value: with_unit(lang.number_text(&value), &info.unit_in(lang)),
                    range: lang.t_with(
                        "vm-range",
                        &[
                            ("low", Arg::Text(&lo)),
                            ("high", Arg::Text(&with_unit(hi, &info.unit_in(lang)))),
                        ],
                    ),
                });
            }
            MarkerEncoding::Categorical { levels, .. } => {
                let level = info.levels.get(v as usize);
                if let Some(level) = level.filter(|l| !levels.contains(l)) {
                    unseen.push(Limitation::UnseenLevel {
                        marker: j,
                        name: info.name_in(lang).to_owned(),
                        level: level.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    let mut entity = entity;
    if let Some(plan) = encoder.entity()
        && let Some(&v) = marker_index(&plan.name).and_then(|j| values.get(j))
        && !v.is_nan()
    {
        entity = v as usize;
    }
    let mut out = missing;
    out.append(&mut outside);
    out.append(&mut unseen);
    // A stored model explaining a new cohort has no training patients here: how many of
    // this entity it was trained on is not known, so nothing is said.
    let has_training_patients = session.held_out.iter().any(|&held_out| !held_out);
    if let Some(name) = session
        .entities
        .get(entity)
        .filter(|_| has_training_patients)
    {
        let n_training = session
            .entity_of
            .iter()
            .zip(&session.held_out)
            .filter(|&(&e, &held_out)| e as usize == entity && !held_out)
            .count();
        if n_training < FEW_TRAINING_PATIENTS {
            out.push(Limitation::RareEntity {
                entity: entity_name_in(name, lang),
                n_training,
            });
        }
    }
    out
}
