//! The fidelity of a model and its explanation to a synthetic cohort's planted truth: how
//! well the model ranks held-out patients against the oracle, and how well its LRP
//! explanation finds the planted marker effects, measured the way the truth can be seen.
//!
//! # What is measured, against what
//! - **The truth** ([`SeenTruth`]): each marker's planted contribution on the values the
//!   model sees (a missing value carries the mean contribution of the patients without it),
//!   each planted interaction's term split half to each partner, centred per marker. Markers
//!   that act only through interactions have a truth of their own, and an effect that shifts
//!   every patient alike counts for nothing.
//! - **The explanation**: LRP relevance (the study's gamma rule), encoded inputs summed into
//!   their marker, centred per marker; importance = mean |centred value| over the patients.
//! - **The figures** ([`FidelityFigures`]): AUROC of prognostic against null markers,
//!   precision at `k` with `k` the number of detectable markers, Spearman over the detectable
//!   markers only; each with a 95% bootstrap interval ([`FIDELITY_BOOTSTRAP`] resamples of
//!   the patients).
//! - **Beside them** ([`fidelity_study`]): the same figures for networks of the same setting
//!   trained with other seeds, the ceiling (an oracle explainer whose relevances are the
//!   truth itself) and the floor (the same network trained on permuted outcomes).
//!
//! The C-indices are Harrell's ([`harrell_c`]) of the model's log-risk and of the oracle
//! (the generator's true log cumulative hazard at its horizon) on the held-out patients.

use serde::{Deserialize, Serialize};
use survlens_model::bundle::ModelBundle;
use survlens_model::concordance::harrell_c;
use survlens_model::train::{FitOutcome, SurvivalData, TrainConfig, fit};
use survlens_synth::{MarkerKind, SyntheticCohort};
use survlens_xai::{Composite, Grouping, Lrp};

use crate::core::session::{
    MarkerInfo, PlantedInteraction, PlantedTruth, Session, SessionModel, SparseColumns,
};
use crate::core::stats::{ranking, spearman};
use crate::core::title::CohortTitle;
use crate::sources::default_model::{DefaultModelError, HeldOutSplit};

/// A retrained network's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeedFigures {
    /// Its training seed.
    pub seed: u64,
    /// Harrell's C on the held-out patients.
    pub harrell_c: f64,
    /// Its explanation's figures.
    pub figures: FidelityFigures,
}

/// The fidelity report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FidelityReport {
    /// Held-out patients the figures are computed on.
    pub n_patients: usize,
    /// Their observed deaths.
    pub n_events: usize,
    /// Harrell's C of the model.
    pub model_harrell_c: f64,
    /// Harrell's C of the oracle.
    pub oracle_harrell_c: f64,
    /// Markers (the cohort's and the entity).
    pub markers: usize,
    /// Prognostic markers (an effect of their own or a part in a planted interaction).
    pub prognostic: usize,
    /// Detectable markers (`k` of the precision).
    pub detectable: usize,
    /// The model's explanation.
    pub model: FidelityFigures,
    /// The oracle explainer.
    pub ceiling: FidelityFigures,
    /// Networks of the model's setting retrained with other seeds.
    pub seeds: Vec<SeedFigures>,
    /// The model's setting trained on permuted outcomes.
    pub floor: Option<SeedFigures>,
}

/// The fidelity report of `model` on the patients `rows` of `synthetic` (patients the model
/// did not train on: the test half recorded in a default model file, or a cohort drawn with
/// another seed): the model's figures and the ceiling.
///
/// # Errors
/// [`DefaultModelError::MarkerMismatch`] for a model of another preset (its markers are not
/// the cohort's and the entity); [`DefaultModelError::Model`] for fewer than two held-out
/// patients or no comparable pair; [`DefaultModelError::Xai`] when the explainer refuses the
/// network.
pub fn fidelity_report(
    model: &ModelBundle,
    synthetic: &SyntheticCohort,
    rows: &[usize],
) -> Result<FidelityReport, DefaultModelError> {
    let session = held_out_session(model, synthetic, rows)?;
    let all: Vec<usize> = (0..session.n_patients()).collect();
    let seen = SeenTruth::of_session(&session, &all).ok_or(DefaultModelError::NoTruth)?;
    let truth = session.truth.as_ref().ok_or(DefaultModelError::NoTruth)?;
    let oracle: Vec<f64> = truth.oracle_risk.iter().map(|&v| f64::from(v)).collect();
    let figures = |relevance: &[f32]| {
        fidelity_figures(
            relevance,
            &seen,
            FIDELITY_BOOTSTRAP,
            FIDELITY_BOOTSTRAP_SEED,
        )
    };
    Ok(FidelityReport {
        n_patients: session.n_patients(),
        n_events: session.event.iter().filter(|&&e| e).count(),
        model_harrell_c: session.test_cindex,
        oracle_harrell_c: harrell_c(&session.time, &session.event, &oracle)?.index,
        markers: seen.m,
        prognostic: seen.prognostic.iter().filter(|&&p| p).count(),
        detectable: seen.detectable.iter().filter(|&&d| d).count(),
        model: figures(&session.relevance),
        ceiling: figures(&seen.contributions),
        seeds: Vec::new(),
        floor: None,
    })
}

/// [`fidelity_report`] on the test patients of `split` with, beside the model, networks of
/// its training setting retrained on the split's training patients (early stopping on its
/// validation patients) with each of `seeds`, and the floor: the same setting trained with
/// the first seed on outcomes permuted among the training patients and among the
/// validation patients (seeded), so that no marker carries information. The retrained
/// networks use the model's preprocessing.
///
/// # Errors
/// As [`fidelity_report`], and [`DefaultModelError::Model`] when a network cannot train.
pub fn fidelity_study(
    model: &ModelBundle,
    synthetic: &SyntheticCohort,
    split: &HeldOutSplit,
    seeds: &[u64],
    floor: bool,
) -> Result<FidelityReport, DefaultModelError> {
    let mut report = fidelity_report(model, synthetic, &split.test)?;
    let session = held_out_session(model, synthetic, &split.test)?;
    let all: Vec<usize> = (0..session.n_patients()).collect();
    let seen = SeenTruth::of_session(&session, &all).ok_or(DefaultModelError::NoTruth)?;
    let cohort = synthetic.to_cohort()?;
    let encoder = model.encoder();
    let x = encoder.transform(cohort.view())?.design.into_vec();
    let d = encoder.n_features();
    let data = SurvivalData::new(
        x.clone(),
        d,
        synthetic.time_days.clone(),
        synthetic.event.clone(),
    )?;
    let test_x: Vec<f32> = split
        .test
        .iter()
        .flat_map(|&i| x[i * d..(i + 1) * d].iter().copied())
        .collect();
    let features = model.feature_map();
    let to_marker = Grouping::new(&features.input_to_marker(), features.n_markers())?;
    let run = |seed: u64, permute: bool| -> Result<SeedFigures, DefaultModelError> {
        let config = TrainConfig {
            seed,
            ..model.training().clone()
        };
        let (train, validation) = if permute {
            (
                permuted(&data, &split.train, seed)?,
                permuted(&data, &split.validation, seed ^ 1)?,
            )
        } else {
            (data.subset(&split.train)?, data.subset(&split.validation)?)
        };
        let network = match fit(config, train, validation, |_| {
            std::ops::ControlFlow::Continue(())
        })? {
            FitOutcome::Completed(trained) => trained.network,
            FitOutcome::Cancelled(_) => return Err(DefaultModelError::Cancelled),
        };
        let lrp = Lrp::new(&network, &Composite::paper())?;
        let explained = lrp.explain_batch(&test_x, split.test.len())?;
        let relevance = to_marker.apply(&explained)?.values().to_vec();
        let risk: Vec<f64> = explained.outputs().iter().map(|&r| f64::from(r)).collect();
        Ok(SeedFigures {
            seed,
            harrell_c: harrell_c(&session.time, &session.event, &risk)?.index,
            figures: fidelity_figures(
                &relevance,
                &seen,
                FIDELITY_BOOTSTRAP,
                FIDELITY_BOOTSTRAP_SEED,
            ),
        })
    };
    for &seed in seeds {
        report.seeds.push(run(seed, false)?);
    }
    if floor {
        report.floor = Some(run(seeds.first().copied().unwrap_or(1), true)?);
    }
    Ok(report)
}

/// The patients `rows` of `data` with their outcomes (time and event together) permuted
/// among them, seeded.
fn permuted(
    data: &SurvivalData,
    rows: &[usize],
    seed: u64,
) -> Result<SurvivalData, DefaultModelError> {
    use rand::SeedableRng;
    use rand::seq::SliceRandom;
    let subset = data.subset(rows)?;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(
        seed ^ 0x9E4A_17ED,
    ));
    let time: Vec<f64> = order.iter().map(|&k| subset.time()[k]).collect();
    let event: Vec<bool> = order.iter().map(|&k| subset.event()[k]).collect();
    Ok(SurvivalData::new(
        subset.x().to_vec(),
        subset.n_features(),
        time,
        event,
    )?)
}

/// The held-out patients `rows` of `synthetic`, explained by `model` (LRP, the study's
/// rule) with their planted truth: a [`Session`] like the job's, limited to those patients.
/// Its markers are the model's (the cohort's markers, then the entity); `test_cindex` is
/// Harrell's C on all of them.
///
/// # Errors
/// As [`fidelity_report`].
pub fn held_out_session(
    model: &ModelBundle,
    synthetic: &SyntheticCohort,
    rows: &[usize],
) -> Result<Session, DefaultModelError> {
    let features = model.feature_map();
    let m = features.n_markers();
    let m_synth = synthetic.n_markers();
    let names = features.marker_names();
    let same = names.len() == m_synth + 1
        && synthetic
            .markers
            .iter()
            .zip(names)
            .all(|(spec, name)| spec.id == name);
    if !same {
        return Err(DefaultModelError::MarkerMismatch {
            model: names.len(),
            preset: synthetic.config.preset.name().to_owned(),
            cohort: m_synth,
        });
    }
    let cohort = synthetic.to_cohort()?;
    let x = model
        .encoder()
        .transform(cohort.rows(rows)?)?
        .design
        .into_vec();
    let n = rows.len();
    let lrp = Lrp::new(model.network(), &Composite::paper())?;
    let to_marker = Grouping::new(&features.input_to_marker(), m)?;
    let explained = lrp.explain_batch(&x, n)?;
    let relevance = to_marker.apply(&explained)?.values().to_vec();
    let risk = explained.outputs().to_vec();
    let bias_relevance = (0..n)
        .map(|i| {
            explained
                .accounting(i)
                .map_or(0.0, |a| a.bias_share + a.stabilizer_share)
        })
        .collect();

    let pick_f64 = |v: &[f64]| -> Vec<f64> { rows.iter().map(|&i| v[i]).collect() };
    let time = pick_f64(&synthetic.time_days);
    let event: Vec<bool> = rows.iter().map(|&i| synthetic.event[i]).collect();
    let risk_f64: Vec<f64> = risk.iter().map(|&r| f64::from(r)).collect();
    let test_cindex = harrell_c(&time, &event, &risk_f64)?.index;

    // Raw values and true contributions in the model's marker order: the cohort's markers,
    // then the entity (its level index; its baseline log-hazard term, centred).
    let entity_term: Vec<f64> = rows
        .iter()
        .map(|&i| f64::from(synthetic.truth.entity_log_hazard[i]))
        .collect();
    let entity_mean = entity_term.iter().sum::<f64>() / n.max(1) as f64;
    let mut values = Vec::with_capacity(n * m);
    for &i in rows {
        values.extend_from_slice(&synthetic.values[i * m_synth..(i + 1) * m_synth]);
        for _ in m_synth..m {
            values.push(f32::from(synthetic.entity[i]));
        }
    }
    let contributions = SparseColumns::from_rows(n, m, |k, row| {
        let i = rows[k];
        row[..m_synth]
            .copy_from_slice(&synthetic.truth.contributions[i * m_synth..(i + 1) * m_synth]);
        row[m_synth..].fill((entity_term[k] - entity_mean) as f32);
    });
    let importance = (0..m)
        .map(|j| {
            (0..n)
                .map(|p| f64::from(contributions.get(p, j).abs()))
                .sum::<f64>() as f32
                / n.max(1) as f32
        })
        .collect();
    let oracle_risk: Vec<f32> = rows
        .iter()
        .map(|&i| synthetic.truth.log_hazard[i] as f32)
        .collect();
    let oracle_f64 = pick_f64(&synthetic.truth.log_hazard);
    let truth = PlantedTruth {
        contributions,
        importance,
        prognostic: (0..m)
            .map(|j| synthetic.truth.markers.get(j).is_none_or(|t| t.prognostic))
            .collect(),
        effect: (0..m)
            .map(|j| match synthetic.truth.markers.get(j) {
                Some(t) => t.effect.clone().unwrap_or_default(),
                None => "entity-specific Weibull baseline hazard".to_owned(),
            })
            .collect(),
        interactions: synthetic
            .truth
            .interactions
            .iter()
            .map(|t| PlantedInteraction {
                name: t.id.clone(),
                markers: t.marker_indices,
                description: t.description.clone(),
                oracle_noncentrality: t.oracle_noncentrality,
                cohort_patients: synthetic.n_patients(),
            })
            .collect(),
        oracle_risk,
        oracle_test_cindex: harrell_c(&time, &event, &oracle_f64)?.index,
        interaction_contributions: {
            let k = synthetic.truth.interactions.len();
            rows.iter()
                .flat_map(|&i| {
                    synthetic.truth.interaction_contributions[i * k..(i + 1) * k]
                        .iter()
                        .copied()
                })
                .collect()
        },
        marker_noncentrality: (0..m)
            .map(|j| match synthetic.truth.markers.get(j) {
                Some(t) => t.oracle_noncentrality.unwrap_or(0.0),
                None => f64::MAX,
            })
            .collect(),
        cohort_patients: synthetic.n_patients(),
        preset: synthetic.config.preset.name().to_owned(),
    };
    let cut_offs = model.risk_groups().groups().cut_offs();
    let cut = |k: usize| cut_offs.get(k).map_or(f32::NAN, |&c| c as f32);
    Ok(Session {
        has_outcomes: true,
        // The session holds the held-out patients only.
        title: CohortTitle::Synthetic {
            preset: synthetic.config.preset.name().replace('_', "-"),
            patients: n,
            seed: synthetic.config.seed,
        },
        markers: marker_infos(synthetic, features.marker_names()),
        patient_ids: rows
            .iter()
            .map(|&i| synthetic.patient_ids[i].clone())
            .collect(),
        entities: synthetic
            .entities
            .iter()
            .map(|e| e.name.to_owned())
            .collect(),
        entity_ids: synthetic.entities.iter().map(|e| e.id.to_owned()).collect(),
        entity_of: rows
            .iter()
            .map(|&i| u32::from(synthetic.entity[i]))
            .collect(),
        time,
        event,
        values,
        risk,
        relevance,
        bias_relevance,
        risk_cutoffs: [cut(0), cut(1)],
        history: Vec::new(),
        test_cindex,
        held_out: vec![true; n],
        rule: crate::core::session::STUDY_RULE.to_owned(),
        model: SessionModel {
            network: model.network().clone(),
            encoder: model.encoder().clone(),
            baseline: model.baseline().clone(),
            auto: None,
        },
        truth: Some(truth),
        origin: crate::core::origin::ModelOrigin::Unrecorded,
        baselines: Vec::new(),
        linear_cox: None,
        first_look_of: None,
        kind: crate::core::cohort_kind::CohortKind::synthetic_cancer(),
    })
}

/// Display information of the model's markers: the dictionary's for the cohort's markers,
/// then the entity.
fn marker_infos(s: &SyntheticCohort, names: &[String]) -> Vec<MarkerInfo> {
    names
        .iter()
        .enumerate()
        .map(|(j, id)| match s.markers.get(j) {
            Some(spec) => MarkerInfo {
                id: spec.id.to_owned(),
                name: spec.name.to_owned(),
                name_de: Some(spec.name_de.to_owned()),
                unit: crate::core::units::display_unit(spec.unit),
                modality: spec.modality.name().to_owned(),
                reference_range: spec.reference_range,
                levels: match spec.kind {
                    MarkerKind::Categorical { levels, .. } => {
                        levels.iter().map(|&l| l.to_owned()).collect()
                    }
                    MarkerKind::Binary => vec!["no".to_owned(), "yes".to_owned()],
                    MarkerKind::Numeric => Vec::new(),
                },
            },
            None => MarkerInfo {
                id: id.clone(),
                name: "Cancer entity".to_owned(),
                name_de: Some("Tumorentität".to_owned()),
                unit: String::new(),
                modality: "Clinical records".to_owned(),
                reference_range: None,
                levels: s.entities.iter().map(|e| e.name.to_owned()).collect(),
            },
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Explanation fidelity: what is measured, against what

/// Bootstrap replicates behind the intervals of [`FidelityFigures`].
pub const FIDELITY_BOOTSTRAP: usize = 100;

/// Seed of the bootstrap.
pub const FIDELITY_BOOTSTRAP_SEED: u64 = 0xF1DE_2026;

/// A figure with its 95% bootstrap percentile interval (patients resampled).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// On the patients themselves (NaN when undefined: no null marker, a constant ranking).
    pub value: f64,
    /// 2.5th percentile of the bootstrap replicates.
    pub lower: f64,
    /// 97.5th percentile.
    pub upper: f64,
}

impl Estimate {
    /// "0.82 (0.78–0.86)", or "–" when undefined.
    pub fn text(&self) -> String {
        if self.value.is_nan() {
            return "\u{2013}".to_owned();
        }
        format!(
            "{:.2} ({:.2}\u{2013}{:.2})",
            self.value, self.lower, self.upper
        )
    }

    /// [`Estimate::text`] with `lang`'s decimal mark: German "0,82 (0,78–0,86)".
    pub fn text_in(&self, lang: crate::core::i18n::Lang) -> String {
        match lang {
            crate::core::i18n::Lang::En => self.text(),
            crate::core::i18n::Lang::De => lang.number_text(&self.text()),
        }
    }
}

/// How well an explanation's marker importance finds the planted truth.
///
/// - **AUROC**: the chance that a prognostic marker (an effect of its own, or a part in a
///   planted interaction) has a larger importance than a null marker (neither); 0.5 is an
///   explanation unrelated to the truth.
/// - **Precision at k**: of the `k` markers the explanation ranks first, the share that are
///   detectable, `k` the number of detectable markers (an oracle test has at least 80% power
///   for them at the cohort's size, or they take part in a detectable interaction).
/// - **Spearman**: rank correlation of the explanation's and the truth's importance over
///   the detectable markers only (the nulls, tied at 0, and effects no method could see
///   would cap it below 1 for a perfect explainer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FidelityFigures {
    /// Prognostic against null markers.
    pub auroc: Estimate,
    /// Precision at `k`.
    pub precision_at_k: Estimate,
    /// `k`: the detectable markers.
    pub k: usize,
    /// Spearman over the detectable markers.
    pub spearman: Estimate,
    /// Patients the figures read.
    pub patients: usize,
}

/// The truth an explanation is measured against, per patient and marker (log-hazard): the
/// planted contribution on the values the model sees (where a value is missing, the mean
/// contribution of the patients without it: all the model can know), each planted
/// interaction's term split half to each partner (on the values seen likewise: the mean
/// term of the patients with the same partners missing), centred per marker when the
/// importance is taken (an effect that shifts every patient alike explains nothing).
#[derive(Clone, Debug, PartialEq)]
pub struct SeenTruth {
    /// Markers.
    pub m: usize,
    /// `r x m` contributions of the chosen patients.
    pub contributions: Vec<f32>,
    /// Marker has an effect of its own or a part in a planted interaction.
    pub prognostic: Vec<bool>,
    /// Marker is detectable (see [`FidelityFigures`]).
    pub detectable: Vec<bool>,
}

impl SeenTruth {
    /// The truth of the session's patients `rows`; `None` without a planted truth.
    pub fn of_session(session: &Session, rows: &[usize]) -> Option<Self> {
        let truth = session.truth.as_ref()?;
        let (n, m) = (session.n_patients(), session.n_markers());
        let planted = &truth.contributions;
        if planted.n_rows() != n || planted.width() != m || rows.iter().any(|&i| i >= n) {
            return None;
        }
        let missing = |i: usize, j: usize| session.values[i * m + j].is_nan();
        let mut contributions: Vec<f32> = Vec::with_capacity(rows.len() * m);
        for &i in rows {
            contributions.extend(planted.row(i)?);
        }
        for j in 0..m {
            let (mut sum, mut count) = (0.0f64, 0usize);
            for &i in rows.iter().filter(|&&i| missing(i, j)) {
                sum += f64::from(planted.get(i, j));
                count += 1;
            }
            if count > 0 {
                let fill = (sum / count as f64) as f32;
                for (k, &i) in rows.iter().enumerate() {
                    if missing(i, j) {
                        contributions[k * m + j] = fill;
                    }
                }
            }
        }
        let k_int = truth.interactions.len();
        if truth.interaction_contributions.len() == n * k_int {
            for (q, t) in truth.interactions.iter().enumerate() {
                let [a, b] = t.markers;
                if a >= m || b >= m {
                    continue;
                }
                let term = |i: usize| f64::from(truth.interaction_contributions[i * k_int + q]);
                let pattern =
                    |i: usize| usize::from(missing(i, a)) + 2 * usize::from(missing(i, b));
                let mut sums = [(0.0f64, 0usize); 4];
                for &i in rows {
                    let s = &mut sums[pattern(i)];
                    s.0 += term(i);
                    s.1 += 1;
                }
                for (k, &i) in rows.iter().enumerate() {
                    let p = pattern(i);
                    let seen = if p == 0 {
                        term(i)
                    } else {
                        sums[p].0 / sums[p].1.max(1) as f64
                    };
                    let half = (seen / 2.0) as f32;
                    contributions[k * m + a] += half;
                    contributions[k * m + b] += half;
                }
            }
        }
        let cohort = truth.cohort_patients.max(1);
        let in_interaction = |j: usize| truth.interactions.iter().any(|t| t.markers.contains(&j));
        let in_detectable_interaction = |j: usize| {
            truth
                .interactions
                .iter()
                .any(|t| t.markers.contains(&j) && t.detectable_at(cohort))
        };
        let own_detectable = |j: usize| {
            let lambda = truth.marker_noncentrality.get(j).copied().unwrap_or(0.0);
            lambda >= 1e12
                || survlens_synth::power_at(lambda, cohort, cohort)
                    >= survlens_synth::DETECTABLE_POWER
        };
        Some(Self {
            m,
            contributions,
            prognostic: (0..m)
                .map(|j| truth.prognostic.get(j).copied().unwrap_or(false) || in_interaction(j))
                .collect(),
            detectable: (0..m)
                .map(|j| {
                    (truth.prognostic.get(j).copied().unwrap_or(false) && own_detectable(j))
                        || in_detectable_interaction(j)
                })
                .collect(),
        })
    }
}

/// Mean absolute deviation from the weighted mean of every column of the `r x m` matrix
/// `x`, patient `i` counted `w[i]` times.
fn centred_importance(x: &[f32], m: usize, w: &[u32]) -> Vec<f64> {
    let total: f64 = w.iter().map(|&c| f64::from(c)).sum::<f64>().max(1.0);
    let mut mean = vec![0.0f64; m];
    for (row, &c) in x.chunks_exact(m.max(1)).zip(w) {
        if c > 0 {
            let c = f64::from(c);
            mean.iter_mut()
                .zip(row)
                .for_each(|(s, &v)| *s += c * f64::from(v));
        }
    }
    mean.iter_mut().for_each(|s| *s /= total);
    let mut out = vec![0.0f64; m];
    for (row, &c) in x.chunks_exact(m.max(1)).zip(w) {
        if c > 0 {
            let c = f64::from(c);
            for ((s, &v), mu) in out.iter_mut().zip(row).zip(&mean) {
                *s += c * (f64::from(v) - mu).abs();
            }
        }
    }
    out.iter_mut().for_each(|s| *s /= total);
    out
}

/// The three figures of an explanation importance `model` against the truth importance
/// `truth` (both per marker).
fn point_figures(model: &[f64], truth: &[f64], seen: &SeenTruth) -> [f64; 3] {
    // AUROC, Mann-Whitney: prognostic against null, ties counting one half.
    let (pos, neg): (Vec<f64>, Vec<f64>) = {
        let mut pos = Vec::new();
        let mut neg = Vec::new();
        for (j, &v) in model.iter().enumerate() {
            if seen.prognostic[j] {
                pos.push(v);
            } else {
                neg.push(v);
            }
        }
        (pos, neg)
    };
    let auroc = if pos.is_empty() || neg.is_empty() {
        f64::NAN
    } else {
        let mut wins = 0.0;
        for &p in &pos {
            for &q in &neg {
                wins += if p > q {
                    1.0
                } else if p == q {
                    0.5
                } else {
                    0.0
                };
            }
        }
        wins / (pos.len() * neg.len()) as f64
    };
    let k = seen.detectable.iter().filter(|&&d| d).count();
    let precision = if k == 0 {
        f64::NAN
    } else {
        let top = &ranking(model)[..k];
        top.iter().filter(|&&j| seen.detectable[j]).count() as f64 / k as f64
    };
    let detectable: Vec<usize> = (0..seen.m).filter(|&j| seen.detectable[j]).collect();
    let pick = |v: &[f64]| -> Vec<f64> { detectable.iter().map(|&j| v[j]).collect() };
    let rho = spearman(&pick(model), &pick(truth)).unwrap_or(f64::NAN);
    [auroc, precision, rho]
}

/// The figures of the explanation `relevance` (`r x m`, the same patients as `seen`) with
/// bootstrap intervals over `replicates` resamples of the patients (seeded).
pub fn fidelity_figures(
    relevance: &[f32],
    seen: &SeenTruth,
    replicates: usize,
    seed: u64,
) -> FidelityFigures {
    use rand::{Rng, SeedableRng};
    let m = seen.m;
    let r = seen.contributions.len() / m.max(1);
    let ones = vec![1u32; r];
    let point = point_figures(
        &centred_importance(relevance, m, &ones),
        &centred_importance(&seen.contributions, m, &ones),
        seen,
    );
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut draws: [Vec<f64>; 3] = Default::default();
    let mut w = vec![0u32; r];
    for _ in 0..replicates {
        w.fill(0);
        for _ in 0..r {
            w[rng.random_range(0..r.max(1))] += 1;
        }
        let f = point_figures(
            &centred_importance(relevance, m, &w),
            &centred_importance(&seen.contributions, m, &w),
            seen,
        );
        for (d, v) in draws.iter_mut().zip(f) {
            if v.is_finite() {
                d.push(v);
            }
        }
    }
    let interval = |value: f64, d: &mut Vec<f64>| -> Estimate {
        d.sort_by(f64::total_cmp);
        let q = |p: f64| {
            if d.is_empty() {
                f64::NAN
            } else {
                d[((d.len() - 1) as f64 * p).round() as usize]
            }
        };
        Estimate {
            value,
            lower: q(0.025),
            upper: q(0.975),
        }
    };
    let [mut d0, mut d1, mut d2] = draws;
    FidelityFigures {
        auroc: interval(point[0], &mut d0),
        precision_at_k: interval(point[1], &mut d1),
        k: seen.detectable.iter().filter(|&&d| d).count(),
        spearman: interval(point[2], &mut d2),
        patients: r,
    }
}
