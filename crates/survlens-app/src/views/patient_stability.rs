//! How stable the explanation of the patient on screen is: whether its top markers (by
//! absolute relevance, the study's layer-wise relevance propagation) stay the same when the
//! patient's measured values move a little ([`Perturbation`]), and whether the networks
//! averaged into the model agree on them ([`MemberAgreement`]); with the plain-language note the
//! Patient view shows beside the waterfall ([`Stability::note`]).
//!
//! **Small changes.** [`DRAWS`] copies of the patient, drawn from a `ChaCha8Rng` of
//! [`STABILITY_SEED`], in which every numeric marker the patient has is moved by Gaussian
//! noise whose standard deviation is [`NOISE_FRACTION`] of the marker's interquartile range
//! in the cohort (its standard deviation where the interquartile range is zero), then kept
//! within the cohort's observed range. The interquartile range rather than the standard
//! deviation because laboratory values are skewed and a few extreme ones inflate the
//! standard deviation of a whole cohort; 5% of it (about 7% of a standard deviation for a
//! normally distributed marker) is a change a repeated measurement of the same patient
//! could well show, so an explanation that changes under it says little about the patient.
//! Binary and categorical markers, the entity and missing values are never changed. Each
//! copy is re-explained in one batched pass of the what-if engine
//! ([`WhatIf::evaluate_rows`]).
//!
//! **Networks trained with different seeds.** The `auto` recipe averages `k` member
//! networks of one hidden layer, each trained on other folds from its own random stream,
//! and writes them as one network whose first `k x width` hidden units are the members'
//! side by side, followed by the additive model's units
//! (`survlens_model::CoxNet::average`, `survlens_model::CoxNet::blend`). The model's
//! record of that choice (`AutoChoice`: members, the chosen width, the additive model's
//! weight) says which units belong to which member, so each member is explained alone: the
//! sub-network of its units, its output weights multiplied by `k / (1 - w)` so that it
//! predicts as that member did (up to a constant: the members' own output biases are
//! merged in the file). A model without that record (the study's recipe, the default
//! model, an ONNX import, a model file written without it) has no members to compare, and
//! the note says so ([`NoMembers`]).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use survlens_model::recipe::AutoChoice;
use survlens_model::{CoxNet, Dense};
use survlens_xai::{Composite, Lrp};

use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::Session;
use crate::views::whatif::WhatIf;

/// Perturbed copies of the patient.
pub const DRAWS: usize = 32;
/// The markers compared: the top ten by absolute relevance.
pub const TOP_K: usize = 10;
/// The markers whose order is checked: the top three.
pub const ORDER_KEPT: usize = 3;
/// Standard deviation of the noise, as a fraction of a marker's interquartile range.
pub const NOISE_FRACTION: f64 = 0.05;
/// The seed of the perturbations: the same patient gets the same copies every time.
pub const STABILITY_SEED: u64 = 20_261_205;

/// The markers of `relevance` with the `k` largest absolute relevances, largest first
/// (ties: the lower index first); fewer when there are fewer markers. Markers whose
/// relevance is not finite are left out.
pub fn top_markers(relevance: &[f32], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..relevance.len())
        .filter(|&j| relevance[j].is_finite())
        .collect();
    order.sort_by(|&a, &b| {
        relevance[b]
            .abs()
            .total_cmp(&relevance[a].abs())
            .then(a.cmp(&b))
    });
    order.truncate(k);
    order
}

/// Markers that `a` and `b` share.
pub fn overlap(a: &[usize], b: &[usize]) -> usize {
    a.iter().filter(|j| b.contains(j)).count()
}

/// The spread each marker's noise is a fraction of: the interquartile range of the
/// cohort's recorded values (linear interpolation between order statistics, as numpy's
/// default), its standard deviation where that is zero; 0 for a marker with levels or
/// fewer than two recorded values (never moved). With the cohort's observed minimum and
/// maximum.
pub fn marker_spreads(session: &Session) -> Vec<Spread> {
    let m = session.n_markers();
    let n = session.n_patients();
    (0..m)
        .map(|j| {
            if !session.markers[j].levels.is_empty() {
                return Spread::NONE;
            }
            let mut values: Vec<f64> = (0..n)
                .filter_map(|i| session.values.get(i * m + j).copied())
                .filter(|v| v.is_finite())
                .map(f64::from)
                .collect();
            if values.len() < 2 {
                return Spread::NONE;
            }
            values.sort_by(f64::total_cmp);
            let iqr = survlens_model::quantile_sorted(&values, 0.75)
                - survlens_model::quantile_sorted(&values, 0.25);
            let scale = if iqr > 0.0 {
                iqr
            } else {
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>()
                    / (values.len() - 1) as f64;
                var.sqrt()
            };
            Spread {
                scale,
                min: values[0],
                max: values[values.len() - 1],
            }
        })
        .collect()
}

/// A marker's spread in the cohort and its observed range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Interquartile range (or standard deviation); 0: never moved.
    pub scale: f64,
    /// Smallest recorded value.
    pub min: f64,
    /// Largest recorded value.
    pub max: f64,
}

impl Spread {
    /// A marker that is never moved.
    pub const NONE: Self = Self {
        scale: 0.0,
        min: 0.0,
        max: 0.0,
    };
}

/// `draws` copies of `values`, each numeric value with a positive spread moved by
/// Gaussian noise of standard deviation `fraction x spread` and kept within the observed
/// range; the rest unchanged. Deterministic for a seed.
pub fn perturbed_copies(
    values: &[f32],
    spreads: &[Spread],
    fraction: f64,
    draws: usize,
    seed: u64,
) -> Vec<Vec<f32>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..draws)
        .map(|_| {
            values
                .iter()
                .zip(spreads)
                .map(|(&v, s)| {
                    if !v.is_finite() || s.scale <= 0.0 || fraction <= 0.0 {
                        return v;
                    }
                    let moved = f64::from(v) + fraction * s.scale * standard_normal(&mut rng);
                    moved.clamp(s.min.min(f64::from(v)), s.max.max(f64::from(v))) as f32
                })
                .chain(values.iter().skip(spreads.len()).copied())
                .collect()
        })
        .collect()
}

/// One standard normal draw (Box-Muller).
fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The top markers under small changes of the patient's measured values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Perturbation {
    /// Copies drawn.
    pub draws: usize,
    /// The noise's standard deviation as a fraction of each marker's spread.
    pub fraction: f64,
    /// The patient's markers that were moved (numeric, recorded, with a spread).
    pub moved: usize,
    /// The patient's own top markers (at most [`TOP_K`]), largest first.
    pub top: Vec<usize>,
    /// Each copy's top markers shared with `top`.
    pub overlaps: Vec<usize>,
    /// Copies whose first [`ORDER_KEPT`] markers are the patient's own, in the same order.
    pub order_kept: usize,
    /// Markers of `top` whose relevance changes sign in at least one copy.
    pub sign_flips: Vec<usize>,
}

impl Perturbation {
    /// Compares the patient's relevances `own` with those of its perturbed copies.
    pub fn compare(own: &[f32], copies: &[Vec<f32>], fraction: f64, moved: usize) -> Self {
        let top = top_markers(own, TOP_K);
        let head = &top[..top.len().min(ORDER_KEPT)];
        let mut sign_flips = Vec::new();
        for &j in &top {
            let r0 = own[j];
            if copies
                .iter()
                .any(|c| c.get(j).is_some_and(|&r| r * r0 < 0.0))
            {
                sign_flips.push(j);
            }
        }
        let mut overlaps = Vec::with_capacity(copies.len());
        let mut order_kept = 0;
        for c in copies {
            let t = top_markers(c, TOP_K);
            overlaps.push(overlap(&top, &t));
            if t.get(..head.len()) == Some(head) {
                order_kept += 1;
            }
        }
        Self {
            draws: copies.len(),
            fraction,
            moved,
            top,
            overlaps,
            order_kept,
            sign_flips,
        }
    }

    /// Explains [`DRAWS`] perturbed copies of patient `index` (see the module
    /// documentation) with `whatif`.
    ///
    /// # Errors
    /// [`survlens_xai::XaiError::PatientOutOfRange`] for an index beyond the cohort; the
    /// encoder's and explainer's errors.
    pub fn measure(
        session: &Session,
        whatif: &WhatIf,
        spreads: &[Spread],
        index: usize,
        fraction: f64,
        seed: u64,
    ) -> Result<Self, ComputeError> {
        if index >= session.n_patients() {
            return Err(survlens_xai::XaiError::PatientOutOfRange {
                what: "stability",
                row: index,
                n_patients: session.n_patients(),
            }
            .into());
        }
        let values = session.values_of(index);
        let moved = values
            .iter()
            .zip(spreads)
            .filter(|(v, s)| v.is_finite() && s.scale > 0.0)
            .count();
        let copies = perturbed_copies(values, spreads, fraction, DRAWS, seed ^ index as u64);
        let mut rows: Vec<&[f32]> = vec![values];
        rows.extend(copies.iter().map(Vec::as_slice));
        let mut explained = whatif.evaluate_rows(session, &rows)?.into_iter();
        let own = explained.next().map(|s| s.relevance).unwrap_or_default();
        let copies: Vec<Vec<f32>> = explained.map(|s| s.relevance).collect();
        Ok(Self::compare(&own, &copies, fraction, moved))
    }

    /// Mean of [`Perturbation::overlaps`] (the top's size when there are no copies).
    pub fn mean_overlap(&self) -> f64 {
        if self.overlaps.is_empty() {
            return self.top.len() as f64;
        }
        self.overlaps.iter().sum::<usize>() as f64 / self.overlaps.len() as f64
    }

    /// Smallest of [`Perturbation::overlaps`] (the top's size when there are no copies).
    pub fn min_overlap(&self) -> usize {
        self.overlaps
            .iter()
            .copied()
            .min()
            .unwrap_or(self.top.len())
    }
}

/// Why a model has no member networks to compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoMembers {
    /// The model is one network: the study's recipe, the default model, an imported or
    /// stored model without a record of its members.
    SingleNetwork,
    /// The `auto` recipe kept the additive Cox model alone.
    AdditiveOnly,
    /// Fewer than two members were averaged.
    OneMember,
    /// The record of the members does not match the network's shape.
    Mismatch,
}

impl NoMembers {
    /// A stable machine-readable name.
    pub fn code(self) -> &'static str {
        match self {
            Self::SingleNetwork => "single_network",
            Self::AdditiveOnly => "additive_only",
            Self::OneMember => "one_member",
            Self::Mismatch => "member_mismatch",
        }
    }

    /// The sentence the note gives, in `lang`.
    pub fn sentence_in(self, lang: Lang) -> String {
        match self {
            Self::SingleNetwork => lang.t("vm-stability-members-single"),
            Self::AdditiveOnly => lang.t("vm-stability-members-additive"),
            Self::OneMember => lang.t("vm-stability-members-one"),
            Self::Mismatch => lang.t("vm-stability-members-mismatch"),
        }
    }
}

/// The member networks of a model written by the `auto` recipe, each alone.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberNetworks {
    /// Each member: its hidden units, its output weights rescaled to predict as it did.
    pub members: Vec<CoxNet>,
    /// The remaining hidden units (the additive model's) with their weights in the model,
    /// when there are any.
    pub rest: Option<CoxNet>,
    /// The weight of each member's log-risk in the model's: `(1 - w) / k`.
    pub member_weight: f32,
}

impl MemberNetworks {
    /// Splits `network` into its members by `choice` (the model's record of the `auto`
    /// recipe).
    ///
    /// # Errors
    /// The [`NoMembers`] reason when there are none to split.
    pub fn split(network: &CoxNet, choice: Option<&AutoChoice>) -> Result<Self, NoMembers> {
        let choice = choice.ok_or(NoMembers::SingleNetwork)?;
        let width = match choice.candidate().map(|c| c.hidden.as_slice()) {
            Some(&[w]) if w > 0 => w,
            _ => return Err(NoMembers::Mismatch),
        };
        Self::split_layout(network, choice.members, width, choice.linear_weight)
    }

    /// Splits `network` whose first `members x width` hidden units are `members` networks
    /// of `width` units averaged and then blended with an additive model at weight
    /// `linear_weight`.
    ///
    /// # Errors
    /// The [`NoMembers`] reason when there are none to split.
    pub fn split_layout(
        network: &CoxNet,
        members: usize,
        width: usize,
        linear_weight: f64,
    ) -> Result<Self, NoMembers> {
        if linear_weight >= 1.0 {
            return Err(NoMembers::AdditiveOnly);
        }
        if members < 2 {
            return Err(NoMembers::OneMember);
        }
        let [hidden, output] = network.layers() else {
            return Err(NoMembers::Mismatch);
        };
        let units = members * width;
        if hidden.n_out() < units || output.n_out() != 1 || width == 0 {
            return Err(NoMembers::Mismatch);
        }
        let member_weight = ((1.0 - linear_weight.max(0.0)) / members as f64) as f32;
        let n_in = hidden.n_in();
        let part = |from: usize, to: usize, scale: f32, bias: f32| {
            let hidden = Dense::new(
                n_in,
                to - from,
                hidden.weight()[from * n_in..to * n_in].to_vec(),
                hidden.bias()[from..to].to_vec(),
            )?;
            let out = Dense::new(
                to - from,
                1,
                output.weight()[from..to]
                    .iter()
                    .map(|w| w * scale)
                    .collect(),
                vec![bias],
            )?;
            CoxNet::new(vec![hidden, out])
        };
        let members = (0..members)
            .map(|m| part(m * width, (m + 1) * width, 1.0 / member_weight, 0.0))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| NoMembers::Mismatch)?;
        let rest = if hidden.n_out() > units {
            Some(part(units, hidden.n_out(), 1.0, 0.0).map_err(|_| NoMembers::Mismatch)?)
        } else {
            None
        };
        Ok(Self {
            members,
            rest,
            member_weight,
        })
    }

    /// Each member's relevance per encoded input for the encoded patient `x`, by the rules
    /// of `composite`.
    ///
    /// # Errors
    /// The explainer's.
    pub fn explain(&self, x: &[f32], composite: &Composite) -> Result<Vec<Vec<f32>>, ComputeError> {
        self.members
            .iter()
            .map(|net| {
                let lrp = Lrp::new(net, composite)?;
                let mut relevance = vec![0.0; lrp.n_inputs()];
                let mut ws = survlens_xai::LrpWorkspace::default();
                lrp.explain_one(x, &mut ws, &mut relevance)?;
                Ok(relevance)
            })
            .collect()
    }
}

/// Agreement of the member networks on the patient's top markers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberAgreement {
    /// Each member's top markers (at most [`TOP_K`]), largest first.
    pub tops: Vec<Vec<usize>>,
    /// The markers in every member's top.
    pub in_every: Vec<usize>,
    /// Mean over pairs of members of the top markers they share.
    pub mean_pairwise: f64,
}

impl MemberAgreement {
    /// Compares the members' marker relevances.
    pub fn compare(relevances: &[Vec<f32>]) -> Self {
        let tops: Vec<Vec<usize>> = relevances.iter().map(|r| top_markers(r, TOP_K)).collect();
        let in_every = tops
            .first()
            .map(|first| {
                first
                    .iter()
                    .copied()
                    .filter(|j| tops.iter().all(|t| t.contains(j)))
                    .collect()
            })
            .unwrap_or_default();
        let (mut sum, mut pairs) = (0usize, 0usize);
        for a in 0..tops.len() {
            for b in a + 1..tops.len() {
                sum += overlap(&tops[a], &tops[b]);
                pairs += 1;
            }
        }
        Self {
            mean_pairwise: if pairs == 0 {
                f64::NAN
            } else {
                sum as f64 / pairs as f64
            },
            tops,
            in_every,
        }
    }

    /// Explains patient `index` by each member of the session's model alone (the study's
    /// rules), or says why there are no members.
    ///
    /// # Errors
    /// The encoder's and explainer's.
    pub fn measure(
        session: &Session,
        whatif: &WhatIf,
        index: usize,
    ) -> Result<Result<Self, NoMembers>, ComputeError> {
        let members =
            match MemberNetworks::split(&session.model.network, session.model.auto.as_ref()) {
                Ok(m) => m,
                Err(why) => return Ok(Err(why)),
            };
        let x = whatif.encode(session, session.values_of(index))?;
        let to_marker = whatif.input_to_marker();
        let relevances = members
            .explain(&x, &Composite::paper())?
            .into_iter()
            .map(|r| {
                let mut by_marker = vec![0.0f32; session.n_markers()];
                for (&v, &j) in r.iter().zip(to_marker) {
                    if let Some(slot) = by_marker.get_mut(j) {
                        *slot += v;
                    }
                }
                by_marker
            })
            .collect::<Vec<_>>();
        Ok(Ok(Self::compare(&relevances)))
    }
}

/// How stable the explanation of one patient is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// The patient's id.
    pub patient_id: String,
    /// Under small changes of the measured values.
    pub perturbation: Perturbation,
    /// Across the member networks, or why there are none.
    pub members: Result<MemberAgreement, NoMembers>,
    /// The names of the perturbation's top markers, in its order.
    pub names: Vec<String>,
    /// The same names in German (the marker dictionary's, where there is one).
    #[serde(default)]
    pub names_de: Vec<String>,
}

impl Stability {
    /// Both measures for patient `index` of `session`.
    ///
    /// # Errors
    /// [`survlens_xai::XaiError::PatientOutOfRange`], the encoder's and explainer's.
    pub fn build(session: &Session, whatif: &WhatIf, index: usize) -> Result<Self, ComputeError> {
        let spreads = marker_spreads(session);
        let perturbation = Perturbation::measure(
            session,
            whatif,
            &spreads,
            index,
            NOISE_FRACTION,
            STABILITY_SEED,
        )?;
        let members = MemberAgreement::measure(session, whatif, index)?;
        Ok(Self {
            patient_id: session.patient_ids[index].clone(),
            names: perturbation
                .top
                .iter()
                .map(|&j| session.markers[j].name.clone())
                .collect(),
            names_de: perturbation
                .top
                .iter()
                .map(|&j| session.markers[j].name_in(Lang::De).to_owned())
                .collect(),
            perturbation,
            members,
        })
    }

    /// The plain-language note: a verdict, the small-changes figures, and the members'.
    pub fn note(&self) -> String {
        self.note_in(Lang::En)
    }

    /// [`Self::note`] in `lang`, the markers by their names in it.
    pub fn note_in(&self, lang: Lang) -> String {
        let p = &self.perturbation;
        let k = p.top.len();
        let top = Arg::Count(k as u64);
        let small = if k == 0 {
            lang.t("vm-stability-no-markers")
        } else if p.moved == 0 || p.draws == 0 {
            lang.t("vm-stability-not-measured")
        } else {
            let mean = p.mean_overlap();
            let verdict = if mean >= 0.9 * k as f64 && p.sign_flips.is_empty() {
                lang.t("vm-stability-stable")
            } else if mean >= 0.7 * k as f64 {
                lang.t("vm-stability-mostly-stable")
            } else {
                lang.t("vm-stability-sensitive")
            };
            let order = ORDER_KEPT.min(k);
            let names = match (lang, self.names_de.len() == self.names.len()) {
                (Lang::De, true) => &self.names_de,
                _ => &self.names,
            };
            let flips = match p.sign_flips.len() {
                0 => lang.t_with("vm-stability-no-flips", &[("k", top)]),
                n => {
                    let flipped: Vec<&str> = p
                        .sign_flips
                        .iter()
                        .filter_map(|&j| p.top.iter().position(|&t| t == j))
                        .filter_map(|at| names.get(at).map(String::as_str))
                        .collect();
                    lang.t_with(
                        "vm-stability-flips",
                        &[
                            ("n", Arg::Count(n as u64)),
                            ("k", top),
                            ("names", Arg::Text(&flipped.join(", "))),
                        ],
                    )
                }
            };
            let copies = lang.t_with(
                "vm-stability-copies",
                &[
                    ("draws", Arg::Count(p.draws as u64)),
                    ("moved", Arg::Count(p.moved as u64)),
                    ("percent", Arg::Text(&lang.decimal(100.0 * p.fraction, 0))),
                ],
            );
            let kept = if p.min_overlap() == k {
                lang.t_with(
                    "vm-stability-same-top",
                    &[("k", top), ("copies", Arg::Text(&copies))],
                )
            } else {
                lang.t_with(
                    "vm-stability-kept-on-average",
                    &[
                        ("mean", Arg::Text(&count(mean, lang))),
                        ("k", top),
                        ("copies", Arg::Text(&copies)),
                        ("least", Arg::Count(p.min_overlap() as u64)),
                    ],
                )
            };
            lang.t_with(
                "vm-stability-small",
                &[
                    ("verdict", Arg::Text(&verdict)),
                    ("kept", Arg::Text(&kept)),
                    ("order", Arg::Count(order as u64)),
                    ("order-kept", Arg::Count(p.order_kept as u64)),
                    ("draws", Arg::Count(p.draws as u64)),
                    ("flips", Arg::Text(&flips)),
                ],
            )
        };
        let members = match &self.members {
            Err(why) => why.sentence_in(lang),
            Ok(a) => {
                let kk = a.tops.iter().map(Vec::len).max().unwrap_or(0);
                lang.t_with(
                    "vm-stability-members",
                    &[
                        ("networks", Arg::Count(a.tops.len() as u64)),
                        ("mean", Arg::Text(&count(a.mean_pairwise, lang))),
                        ("k", Arg::Count(kk as u64)),
                        ("every", Arg::Count(a.in_every.len() as u64)),
                    ],
                )
            }
        };
        lang.t_with(
            "vm-stability-note",
            &[
                ("small", Arg::Text(&small)),
                ("members", Arg::Text(&members)),
            ],
        )
    }
}

/// A mean count as the note says it: whole when it is, else to one decimal; in `lang`.
fn count(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return lang.t("vm-stability-none");
    }
    if (x - x.round()).abs() < 0.05 {
        lang.decimal(x.round(), 0)
    } else {
        lang.decimal(x, 1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use survlens_model::Architecture;

    #[test]
    fn the_top_markers_are_by_absolute_relevance_and_ties_by_index() {
        assert_eq!(top_markers(&[0.1, -0.5, 0.5, f32::NAN, 0.2], 3), [1, 2, 4]);
        assert_eq!(top_markers(&[1.0, 2.0], 10), [1, 0]);
        assert_eq!(overlap(&[1, 2, 3], &[3, 4, 1]), 2);
    }

    #[test]
    fn identical_copies_agree_fully() {
        let own: Vec<f32> = (0..20).map(|j| (j as f32 - 9.5) * 0.1).collect();
        let p = Perturbation::compare(&own, &vec![own.clone(); 5], 0.0, 3);
        assert_eq!(p.overlaps, vec![10; 5]);
        assert_eq!(p.order_kept, 5);
        assert!(p.sign_flips.is_empty());
        assert!(p.mean_overlap() == 10.0 && p.min_overlap() == 10);
    }

    #[test]
    fn copies_are_deterministic_and_leave_levels_and_missing_alone() {
        let spreads = [
            Spread {
                scale: 2.0,
                min: -10.0,
                max: 10.0,
            },
            Spread::NONE,
            Spread {
                scale: 2.0,
                min: -10.0,
                max: 10.0,
            },
        ];
        let values = [1.0, 2.0, f32::NAN];
        let a = perturbed_copies(&values, &spreads, 0.05, 200, 7);
        let b = perturbed_copies(&values, &spreads, 0.05, 200, 7);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert!(a.iter().all(|c| c[1] == 2.0 && c[2].is_nan()));
        // The noise has the stated standard deviation: 0.05 x 2 = 0.1.
        let d: Vec<f64> = a.iter().map(|c| f64::from(c[0]) - 1.0).collect();
        let mean = d.iter().sum::<f64>() / d.len() as f64;
        let sd = (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (d.len() - 1) as f64).sqrt();
        assert!(mean.abs() < 0.03 && (sd - 0.1).abs() < 0.02, "{mean} {sd}");
        // Zero noise: the copies are the patient.
        let z = perturbed_copies(&values, &spreads, 0.0, 3, 7);
        assert!(z.iter().all(|c| c[0] == 1.0 && c[1] == 2.0));
        // Kept within the observed range.
        let wide = perturbed_copies(&[9.9, 0.0, 0.0], &spreads, 5.0, 100, 1);
        assert!(wide.iter().all(|c| (-10.0..=10.0).contains(&c[0])));
    }

    fn members(seed: u64, k: usize, width: usize, n_in: usize) -> Vec<CoxNet> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let arch = Architecture {
            n_inputs: n_in,
            hidden: vec![width],
            input_dropout: 0.0,
            hidden_dropout: 0.0,
        };
        (0..k)
            .map(|_| CoxNet::init(&arch, &mut rng).unwrap())
            .collect()
    }

    fn inputs(seed: u64, n: usize, n_in: usize) -> Vec<f32> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..n * n_in)
            .map(|_| standard_normal(&mut rng) as f32)
            .collect()
    }

    #[test]
    fn each_member_alone_predicts_as_that_member_and_relevance_is_conserved() {
        let (k, width, n_in) = (4, 6, 5);
        let nets = members(3, k, width, n_in);
        let additive = members(9, 1, 3, n_in).remove(0);
        let average = CoxNet::average(&nets).unwrap();
        for weight in [0.0f32, 0.3] {
            let model = if weight > 0.0 {
                CoxNet::blend(&additive, &average, weight).unwrap()
            } else {
                average.clone()
            };
            let split = MemberNetworks::split_layout(&model, k, width, f64::from(weight)).unwrap();
            assert_eq!(split.members.len(), k);
            assert_eq!(split.rest.is_some(), weight > 0.0);
            let x = inputs(5, 8, n_in);
            // Each member predicts as itself, up to its output bias.
            for (alone, original) in split.members.iter().zip(&nets) {
                let a = alone.predict(&x, 8);
                let o = original.predict(&x, 8);
                let b = original.layers()[1].bias()[0];
                for (a, o) in a.iter().zip(&o) {
                    assert!((a + b - o).abs() < 1e-4, "{a} + {b} vs {o}");
                }
            }
            // Conservation: with a rule linear in the output layer, the members' relevances
            // weighted as in the average, plus the additive units', are the model's.
            let composite = Composite::uniform(survlens_xai::LrpRule::epsilon(1e-9));
            let ensemble = Lrp::new(&model, &composite).unwrap();
            for i in 0..8 {
                let xi = &x[i * n_in..(i + 1) * n_in];
                let parts = split.explain(xi, &composite).unwrap();
                let mut sum = vec![0.0f32; n_in];
                for r in &parts {
                    for (s, v) in sum.iter_mut().zip(r) {
                        *s += split.member_weight * v;
                    }
                }
                if let Some(rest) = &split.rest {
                    let lrp = Lrp::new(rest, &composite).unwrap();
                    let mut r = vec![0.0; n_in];
                    lrp.explain_one(xi, &mut Default::default(), &mut r)
                        .unwrap();
                    for (s, v) in sum.iter_mut().zip(&r) {
                        *s += v;
                    }
                }
                let mut whole = vec![0.0; n_in];
                ensemble
                    .explain_one(xi, &mut Default::default(), &mut whole)
                    .unwrap();
                for (s, w) in sum.iter().zip(&whole) {
                    assert!((s - w).abs() < 1e-4 * (1.0 + w.abs()), "{s} vs {w}");
                }
            }
        }
    }

    #[test]
    fn models_without_members_say_why() {
        let nets = members(1, 3, 4, 5);
        let average = CoxNet::average(&nets).unwrap();
        assert_eq!(
            MemberNetworks::split(&average, None).unwrap_err(),
            NoMembers::SingleNetwork
        );
        assert_eq!(
            MemberNetworks::split_layout(&average, 3, 4, 1.0).unwrap_err(),
            NoMembers::AdditiveOnly
        );
        assert_eq!(
            MemberNetworks::split_layout(&average, 1, 4, 0.0).unwrap_err(),
            NoMembers::OneMember
        );
        assert_eq!(
            MemberNetworks::split_layout(&average, 4, 4, 0.0).unwrap_err(),
            NoMembers::Mismatch
        );
    }

    #[test]
    fn a_linear_networks_top_ten_ignores_tiny_noise_on_a_marker_outside_it() {
        // Relevance of a linear model is w_j x_j (rescaled): moving a marker outside the
        // top 10 by a tiny amount leaves the top 10 and its order as they were.
        let n_in = 14;
        let w: Vec<f32> = (0..n_in).map(|j| 1.0 + j as f32 * 0.3).collect();
        let net = CoxNet::new(vec![Dense::new(n_in, 1, w, vec![0.1]).unwrap()]).unwrap();
        let lrp = Lrp::new(&net, &Composite::paper()).unwrap();
        let x: Vec<f32> = (0..n_in).map(|j| 1.0 + 0.05 * j as f32).collect();
        let explain = |x: &[f32]| {
            let mut r = vec![0.0; n_in];
            lrp.explain_one(x, &mut Default::default(), &mut r).unwrap();
            r
        };
        let own = explain(&x);
        let top = top_markers(&own, TOP_K);
        let outside = (0..n_in).find(|j| !top.contains(j)).unwrap();
        let mut spreads = vec![Spread::NONE; n_in];
        spreads[outside] = Spread {
            scale: 1.0,
            min: -5.0,
            max: 5.0,
        };
        let copies: Vec<Vec<f32>> = perturbed_copies(&x, &spreads, 1e-3, 16, 11)
            .iter()
            .map(|c| explain(c))
            .collect();
        assert!(copies.iter().any(|c| c[outside] != own[outside]));
        let p = Perturbation::compare(&own, &copies, 1e-3, 1);
        assert_eq!(p.overlaps, vec![TOP_K; 16]);
        assert_eq!(p.order_kept, 16);
        assert!(p.sign_flips.is_empty());
        assert!(copies.iter().all(|c| top_markers(c, TOP_K) == top));
    }

    #[test]
    fn the_note_states_the_figures_in_words() {
        let own: Vec<f32> = (0..12).map(|j| 1.0 + j as f32).collect();
        let mut moved = own.clone();
        moved.swap(0, 11);
        moved[11] = -12.0;
        let perturbation = Perturbation::compare(&own, &[own.clone(), moved], 0.05, 7);
        let names: Vec<String> = perturbation.top.iter().map(|j| format!("m{j}")).collect();
        let mut s = Stability {
            patient_id: "P1".into(),
            perturbation,
            members: Err(NoMembers::SingleNetwork),
            names_de: names.iter().map(|n| format!("{n}-de")).collect(),
            names,
        };
        let note = s.note();
        assert!(note.starts_with("Mostly stable under small changes: on average 9.5 of the top 10 markers stayed in the top 10 in 2 slightly perturbed copies of this patient (each of the 7 measured values moved at random by about 5% of its interquartile range in the cohort), and at least 9 in every copy; the top 3 kept their order in 1 of 2; 1 top-10 marker changed direction in at least one copy (m11)."), "{note}");
        assert!(note.contains("this model is a single network"), "{note}");
        let german = s.note_in(Lang::De);
        assert!(german.starts_with("Weitgehend stabil bei kleinen Änderungen: im Mittel blieben 9,5 der Top-10-Marker in 2 leicht veränderten Kopien dieser Person (jeder der 7 Messwerte zufällig um etwa 5 % seines Interquartilsabstands in der Kohorte verschoben) unter den Top 10, in jeder Kopie mindestens 9; die Top 3 behielten ihre Reihenfolge in 1 von 2 Kopien; 1 Top-10-Marker änderte in mindestens einer Kopie seine Richtung (m11-de)."), "{german}");
        assert!(german.contains("ein einzelnes Netz"), "{german}");
        s.perturbation = Perturbation::compare(&own, std::slice::from_ref(&own), 0.05, 7);
        s.members = Ok(MemberAgreement::compare(&[own.clone(), own.clone()]));
        let note = s.note();
        assert!(
            note.starts_with(
                "Stable under small changes: the same top 10 markers in all 1 slightly"
            ),
            "{note}"
        );
        assert!(note.contains("The 2 networks averaged in this model, trained on different folds with different seeds and explained one by one, share on average 10 of their top 10 markers (any two of them); 10 are in every network's top 10."), "{note}");
        assert!(
            s.note_in(Lang::De)
                .contains("teilen im Mittel 10 ihrer Top-10-Marker (je zwei von ihnen); 10 Marker sind in den Top 10 jedes Netzes."),
            "{}",
            s.note_in(Lang::De)
        );
    }

    #[test]
    fn identical_members_agree_fully() {
        let r: Vec<f32> = (0..15).map(|j| j as f32).collect();
        let a = MemberAgreement::compare(&[r.clone(), r.clone(), r]);
        assert_eq!(a.mean_pairwise, 10.0);
        assert_eq!(a.in_every.len(), 10);
    }
}
