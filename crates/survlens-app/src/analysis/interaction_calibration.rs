//! How often the default interaction method declares pairs that are not there, and how
//! often it finds the ones that are: the method run on synthetic cohorts whose truth is
//! known.
//!
//! [`search_synthetic`] draws one cohort (a preset, a seed, the planted coefficients
//! multiplied by a scale; 0 gives the additive twin, where every declared pair is false),
//! trains the cross-fitted networks ([`crate::analysis::crossfit`]), runs the search and compares
//! its declarations with the planted pairs: for each planted pair, whether it was tested
//! and declared, and the power the generator's oracle test has to detect it at the
//! cohort's size ([`survlens_synth::power`]). [`summarise`] gathers many such runs into
//! the calibration table: per scale, the false declarations of each seed and each planted
//! pair's share of seeds declared beside its mean oracle power.
//!
//! The networks are the default model's setting ([`search_training`]: the study's network,
//! 256 hidden units, learning rate 3e-4, batch 256) with the input dropout of the search
//! ([`SEARCH_INPUT_DROPOUT`]); the preprocessing is the study's, fitted on the whole
//! cohort (scaling reads no outcome).

use serde::Serialize;
use survlens_data::EncoderConfig;
use survlens_model::train::TrainConfig;
use survlens_synth::{SynthConfig, generate_scaled};
use survlens_xai::interactions::{ConfirmedInteractions, SearchSettings};

use crate::analysis::crossfit::{CrossFitData, SEARCH_INPUT_DROPOUT, cross_fitted_interactions};
use crate::core::error::ComputeError;
use crate::sources::default_model::DefaultModelSpec;

/// The training setting of the search's networks: the default model's, without input
/// dropout.
pub fn search_training() -> TrainConfig {
    TrainConfig {
        input_dropout: SEARCH_INPUT_DROPOUT,
        ..DefaultModelSpec::default().training
    }
}

/// What became of one planted pair in one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlantedPairOutcome {
    /// The planted interaction's id.
    pub id: String,
    /// Its two markers' ids.
    pub markers: [String; 2],
    /// Its coefficient in this cohort (the planted one times the scale).
    pub coef: f64,
    /// The oracle test's power at the cohort's size.
    pub oracle_power: f64,
    /// `oracle_power >= DETECTABLE_POWER`.
    pub detectable: bool,
    /// Whether the search tested the pair on held-out outcomes.
    pub tested: bool,
    /// Whether the search declared it.
    pub declared: bool,
    /// Networks (folds) that kept it for the test, whose held-out patients tested it.
    pub folds: usize,
    /// The outcome test's p-value, when tested.
    pub p_value: Option<f64>,
    /// Its Benjamini-Hochberg q-value, when tested.
    pub q_value: Option<f64>,
    /// The product's hazard ratio, when the test could be fitted.
    pub hazard_ratio: Option<f64>,
    /// Best rank of the pair in a network's screen (0: not ranked).
    pub network_rank: usize,
    /// Best rank of the pair in a fold's outcome screen (0: not ranked).
    pub outcome_rank: usize,
}

/// A declared pair, by marker ids.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeclaredPair {
    /// First marker.
    pub a: String,
    /// Second marker.
    pub b: String,
    /// Whether it is a planted pair.
    pub planted: bool,
    /// The product's hazard ratio.
    pub hazard_ratio: Option<f64>,
    /// Its q-value.
    pub q_value: f64,
}

/// One run of the search on a synthetic cohort.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyntheticSearchReport {
    /// The generator's preset.
    pub preset: String,
    /// Its seed.
    pub seed: u64,
    /// Patients.
    pub patients: usize,
    /// The planted coefficients' multiplier (0: additive).
    pub interaction_scale: f32,
    /// Cross-fitted networks.
    pub folds: usize,
    /// Pairs screened per network.
    pub screened_pairs: usize,
    /// Pairs tested on held-out outcomes.
    pub tested: usize,
    /// Their p-values, in the search's order (on an additive cohort, uniform if the test
    /// holds its level).
    pub p_values: Vec<f64>,
    /// The declared pairs, by increasing p-value.
    pub declared: Vec<DeclaredPair>,
    /// Declared pairs that are not planted.
    pub false_declared: usize,
    /// Every planted pair of the cohort (none for an additive one).
    pub planted: Vec<PlantedPairOutcome>,
    /// Every tested pair with its folds' p-values and screen ranks, so that other ways of
    /// choosing and declaring pairs can be measured on the same runs.
    pub tests: Vec<TestedPair>,
}

/// A tested pair of one run, fold by fold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestedPair {
    /// First marker.
    pub a: String,
    /// Second marker.
    pub b: String,
    /// Whether it is a planted pair.
    pub planted: bool,
    /// Each fold's p-value (1 where the fold did not keep it).
    pub fold_p_values: Vec<f64>,
    /// Each fold's rank in its network screen (0: not ranked).
    pub fold_network_ranks: Vec<usize>,
    /// Each fold's rank in its outcome screen (0: not ranked).
    pub fold_outcome_ranks: Vec<usize>,
    /// Each fold's sign of the outcome score on its screening patients (0: not scored).
    pub fold_outcome_directions: Vec<i8>,
    /// Each fold's log hazard ratio of the product on its test patients (`None`: not
    /// tested there).
    pub fold_log_hazard_ratios: Vec<Option<f64>>,
    /// Whether the search declared it.
    pub declared: bool,
}

/// Draws the cohort `config` with the planted coefficients times `scale`, runs the
/// cross-fitted search (`folds` networks trained with `training`, folds drawn with
/// `training.seed`) and compares its declarations with the truth.
///
/// # Errors
/// [`ComputeError`] from the generator, the encoder, the training or the search.
pub fn search_synthetic(
    config: &SynthConfig,
    scale: f32,
    training: &TrainConfig,
    folds: usize,
    settings: SearchSettings,
    on_progress: impl FnMut(&str),
) -> Result<SyntheticSearchReport, ComputeError> {
    let synthetic = generate_scaled(config, scale)?;
    let cohort = synthetic.to_cohort()?;
    let encoder = EncoderConfig::default().fit(cohort.view())?;
    let data = CrossFitData::from_cohort(&cohort, &encoder)?;
    let (found, _) = cross_fitted_interactions(
        &data.view(),
        training,
        folds,
        training.seed,
        settings,
        on_progress,
    )?;
    let truth = &synthetic.truth;
    let planted: Vec<[String; 2]> = if scale == 0.0 {
        Vec::new()
    } else {
        truth
            .interactions
            .iter()
            .map(|t| t.markers.clone())
            .collect()
    };
    Ok(compare(
        &found,
        &data.names,
        SyntheticSearchReport {
            preset: config.preset.name().to_owned(),
            seed: config.seed,
            patients: synthetic.n_patients(),
            interaction_scale: scale,
            folds,
            screened_pairs: found.screened_pairs,
            tested: found.pairs.len(),
            p_values: found.pairs.iter().map(|p| p.p_value).collect(),
            declared: Vec::new(),
            false_declared: 0,
            planted: truth
                .interactions
                .iter()
                .filter(|_| scale != 0.0)
                .map(|t| PlantedPairOutcome {
                    id: t.id.clone(),
                    markers: t.markers.clone(),
                    coef: t.coef,
                    oracle_power: t.oracle_power,
                    detectable: t.oracle_power >= survlens_synth::DETECTABLE_POWER,
                    tested: false,
                    declared: false,
                    folds: 0,
                    p_value: None,
                    q_value: None,
                    hazard_ratio: None,
                    network_rank: 0,
                    outcome_rank: 0,
                })
                .collect(),
            tests: Vec::new(),
        },
        &planted,
    ))
}

/// Fills `report`'s declarations and planted outcomes from the search's result; `names`
/// are the search's marker names, `planted` the planted pairs by marker id.
pub fn compare(
    found: &ConfirmedInteractions,
    names: &[String],
    mut report: SyntheticSearchReport,
    planted: &[[String; 2]],
) -> SyntheticSearchReport {
    let name = |j: usize| names.get(j).map_or("?", String::as_str);
    let is_planted = |a: &str, b: &str| {
        planted
            .iter()
            .any(|p| (p[0] == a && p[1] == b) || (p[0] == b && p[1] == a))
    };
    report.declared = found
        .pairs
        .iter()
        .filter(|p| p.declared)
        .map(|p| DeclaredPair {
            a: name(p.a).to_owned(),
            b: name(p.b).to_owned(),
            planted: is_planted(name(p.a), name(p.b)),
            hazard_ratio: p.test.hazard_ratio,
            q_value: p.q_value,
        })
        .collect();
    report.false_declared = report.declared.iter().filter(|d| !d.planted).count();
    report.tests = found
        .pairs
        .iter()
        .map(|p| TestedPair {
            a: name(p.a).to_owned(),
            b: name(p.b).to_owned(),
            planted: is_planted(name(p.a), name(p.b)),
            fold_p_values: p.fold_p_values.clone(),
            fold_network_ranks: p.fold_network_ranks.clone(),
            fold_outcome_ranks: p.fold_outcome_ranks.clone(),
            fold_outcome_directions: p.fold_outcome_directions.clone(),
            fold_log_hazard_ratios: p.fold_log_hazard_ratios.clone(),
            declared: p.declared,
        })
        .collect();
    for outcome in &mut report.planted {
        let [x, y] = &outcome.markers;
        let same =
            |a: usize, b: usize| (name(a) == x && name(b) == y) || (name(a) == y && name(b) == x);
        if let Some(p) = found.pairs.iter().find(|p| same(p.a, p.b)) {
            outcome.tested = true;
            outcome.declared = p.declared;
            outcome.folds = p.folds;
            outcome.p_value = Some(p.p_value);
            outcome.q_value = Some(p.q_value);
            outcome.hazard_ratio = p.test.hazard_ratio;
            outcome.network_rank = p.network_rank;
            outcome.outcome_rank = p.outcome_rank;
        } else if let Some(rank) = found.screened.iter().position(|p| same(p.a, p.b)) {
            outcome.network_rank = rank + 1;
        }
    }
    report
}

/// A planted pair's power over the runs of one scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlantedPower {
    /// The planted interaction's id.
    pub id: String,
    /// Runs in which it was declared.
    pub declared: usize,
    /// Runs.
    pub runs: usize,
    /// `declared / runs`.
    pub power: f64,
    /// The oracle test's power, averaged over the runs.
    pub oracle_power: f64,
}

/// The runs of one scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleSummary {
    /// The planted coefficients' multiplier (0: additive).
    pub interaction_scale: f32,
    /// Seeds run, in order.
    pub seeds: Vec<u64>,
    /// False declarations per seed (same order).
    pub false_declared: Vec<usize>,
    /// Seeds without a false declaration.
    pub seeds_without_false: usize,
    /// Each planted pair's power (none at scale 0).
    pub planted: Vec<PlantedPower>,
}

/// Gathers runs by scale (in order of first appearance): false declarations per seed and
/// each planted pair's share of runs declared beside its mean oracle power.
pub fn summarise(reports: &[SyntheticSearchReport]) -> Vec<ScaleSummary> {
    let mut scales: Vec<f32> = Vec::new();
    for r in reports {
        if !scales.contains(&r.interaction_scale) {
            scales.push(r.interaction_scale);
        }
    }
    scales
        .into_iter()
        .map(|scale| {
            let runs: Vec<&SyntheticSearchReport> = reports
                .iter()
                .filter(|r| r.interaction_scale == scale)
                .collect();
            let false_declared: Vec<usize> = runs.iter().map(|r| r.false_declared).collect();
            let mut planted: Vec<PlantedPower> = Vec::new();
            for run in &runs {
                for outcome in &run.planted {
                    let entry = match planted.iter_mut().find(|p| p.id == outcome.id) {
                        Some(entry) => entry,
                        None => {
                            planted.push(PlantedPower {
                                id: outcome.id.clone(),
                                declared: 0,
                                runs: 0,
                                power: 0.0,
                                oracle_power: 0.0,
                            });
                            let last = planted.len() - 1;
                            &mut planted[last]
                        }
                    };
                    entry.runs += 1;
                    entry.declared += usize::from(outcome.declared);
                    entry.oracle_power += outcome.oracle_power;
                }
            }
            for p in &mut planted {
                let runs = p.runs.max(1) as f64;
                p.power = p.declared as f64 / runs;
                p.oracle_power /= runs;
            }
            ScaleSummary {
                interaction_scale: scale,
                seeds: runs.iter().map(|r| r.seed).collect(),
                seeds_without_false: false_declared.iter().filter(|&&f| f == 0).count(),
                false_declared,
                planted,
            }
        })
        .collect()
}
