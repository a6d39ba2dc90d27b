//! `survlens interactions`: prognostic interactions between markers.
//!
//! The default method (`--method confirmed`, documented in the survlens-xai crate,
//! `interactions::search`) trains `--folds` cross-fitted copies of the model file's network
//! (its stored training setting and preprocessing, without input dropout), each on the
//! patients outside one fold; screens every marker pair in each network on the patients it
//! trained on (Friedman's H statistic from double differences) and on their outcomes
//! (score test of the product given an additive Cox model); tests each network's kept
//! pairs on its own held-out fold (Cox model stratified by entity, the network's risk
//! without its own coupling of the pair as an offset, both main effects and their product,
//! likelihood-ratio test, one-sided in the direction of the fold's outcome screen); and
//! declares a pair when Benjamini-Hochberg within one fold at `fdr / folds`, weighted by the
//! pair's rank in that fold's outcome screen, declares it (the pair's q-value is `folds`
//! times the smallest of its folds' q-values). The stored network itself trained on almost every patient of its file, so it
//! cannot be the one whose risk an outcome test uses.
//!
//! Output of the default method (`--json`, one line, a stable contract):
//! `{"method": "confirmed", "folds": k, "patients": n, "screened_pairs": s, "tested": t,
//! "declared": d, "fdr": 0.05, "pairs": [{"a": m1, "b": m2, "strength": h2,
//! "network_rank": r, "outcome_rank": r2, "folds": f, "patients": n, "events": e, "exposed": x,
//! "hazard_ratio": hr, "ci_low": lo, "ci_high": hi, "p_value": p, "fold_p_values": [p1, p2],
//! "fold_directions": [d1, d2], "fold_log_hazard_ratios": [b1, b2], "q_value": q,
//! "declared": bool, "problem": text}]}`, pairs by increasing p-value (`min(1, folds x the
//! smallest fold's one-sided p-value)`). `fold_p_values` are the folds' two-sided
//! likelihood-ratio p-values (1 where a fold did not keep the pair), `fold_directions` the
//! sign of each fold's outcome screen (+1, -1, 0 for none) and `fold_log_hazard_ratios` each
//! fold's estimate (null where untested); a fold's one-sided p-value is `p / 2` when its
//! estimate has its direction's sign, `1 - p / 2` when not, `p` without a direction; `hazard_ratio` and the interval are
//! those of the product term (per unit of the product of the two markers on their test
//! scales) in the fold with the smallest p-value, absent for a pair that could not be
//! tested.
//!
//! The two network-coupling descriptions (not tested against outcomes; they flag many
//! pairs on cohorts without interactions) stay as `--method coupling-change` (formerly
//! `model`) and `--method coupling-split` (formerly `statistical`), with their former
//! output: `{"pairs": [{"a", "b", "effect", "q_value", ...}], "significant": n,
//! "patients": n}`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_app::analysis::crossfit::{
    CrossFitData, DEFAULT_CROSS_FIT_FOLDS, SEARCH_INPUT_DROPOUT, cross_fitted_interactions,
};
use survlens_model::bundle::ModelBundle;
use survlens_model::train::TrainConfig;
use survlens_xai::interactions::{
    DEFAULT_FDR, DEFAULT_KEEP_BY_NETWORK, DEFAULT_KEEP_BY_OUTCOME, DEFAULT_MODEL_CANDIDATES,
    DEFAULT_SAMPLE_PATIENTS, DEFAULT_SAMPLE_SEED, DEFAULT_SCREEN_PATIENTS, DEFAULT_SCREEN_SEED,
    ModelSearchSettings, ScreenSettings, SearchSettings,
};
use survlens_xai::{
    CohortRelevance, Composite, Lrp, LrpRule, model_interactions, statistical_interactions,
};

use crate::common::{CohortFile, fmt_num, print_json, print_text, read_bytes};
use crate::explain::ModelInput;

/// How interactions are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Screen pairs in cross-fitted networks, confirm on held-out outcomes (Cox model,
    /// likelihood-ratio test), Benjamini-Hochberg within each fold.
    Confirmed,
    /// Network coupling, not tested against outcomes: change of a's relevance when b is set
    /// to a reference value, against the network's background coupling.
    #[value(alias = "model")]
    CouplingChange,
    /// Network coupling, not tested against outcomes: Mann-Whitney U of a's relevance
    /// between b high and b low.
    #[value(alias = "statistical")]
    CouplingSplit,
}

/// Arguments of `survlens interactions`.
#[derive(clap::Args)]
pub struct Args {
    /// Model: a survlens model file (`.json`); the coupling methods also read an ONNX
    /// export (`.onnx`).
    #[arg(long)]
    model: PathBuf,
    #[command(flatten)]
    data: crate::explain::DataArgs,
    /// Method.
    #[arg(long, value_enum, default_value = "confirmed")]
    method: Method,
    /// Confirmed: cross-fitted networks (folds), at least 2; each pair is tested on each
    /// fold that kept it alone.
    #[arg(long, default_value_t = DEFAULT_CROSS_FIT_FOLDS)]
    folds: usize,
    /// Confirmed: input dropout of the cross-fitted networks (the model file's other
    /// training settings are kept). Input dropout hides pairs from a network: both inputs
    /// of a pair survive it together in a quarter of the training passes at 0.5.
    #[arg(long, default_value_t = SEARCH_INPUT_DROPOUT)]
    input_dropout: f32,
    /// Confirmed: pairs each network keeps from its network screen for the outcome test
    /// (default 10). Coupling split: the K most important markers (default 20). Coupling
    /// change: the K screened markers moved (default 50).
    #[arg(long)]
    top: Option<usize>,
    /// Confirmed: pairs each network keeps from its outcome screen on its training patients
    /// (default 10; 0 turns that screen off).
    #[arg(long)]
    top_outcome: Option<usize>,
    /// Confirmed: screen pairs among this many markers only (those with the largest total
    /// interaction) instead of every pair.
    #[arg(long)]
    candidates: Option<usize>,
    /// Confirmed: patients screened per network (a stratified sample of its training
    /// patients). Coupling change: largest patient sample.
    #[arg(long)]
    patients: Option<usize>,
    /// Seed of the folds (confirmed) or of the patient sample (coupling change).
    #[arg(long)]
    seed: Option<u64>,
    /// False discovery rate of the declarations.
    #[arg(long, default_value_t = DEFAULT_FDR)]
    fdr: f64,
    /// Confirmed: also list the N strongest screened pairs (H^2 averaged over the
    /// networks), tested or not.
    #[arg(long, default_value_t = 0)]
    show_screened: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct PairRow<'a> {
    a: &'a str,
    b: &'a str,
    effect: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    q_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    z: Option<f64>,
    patients: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    pairs: Vec<PairRow<'a>>,
    significant: usize,
    patients: usize,
}

#[derive(Serialize)]
struct ConfirmedRow<'a> {
    a: &'a str,
    b: &'a str,
    strength: f64,
    network_rank: usize,
    outcome_rank: usize,
    folds: usize,
    patients: usize,
    events: usize,
    exposed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    hazard_ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ci_low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ci_high: Option<f64>,
    p_value: f64,
    fold_p_values: &'a [f64],
    fold_directions: &'a [i8],
    fold_log_hazard_ratios: &'a [Option<f64>],
    q_value: f64,
    declared: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'a str>,
}

#[derive(Serialize)]
struct ConfirmedReport<'a> {
    method: &'static str,
    folds: usize,
    patients: usize,
    screened_pairs: usize,
    tested: usize,
    declared: usize,
    fdr: f64,
    pairs: Vec<ConfirmedRow<'a>>,
}

/// Each patient's entity (the index of its hot level), when the model has a marker named
/// `entity` encoded one-hot; `None` otherwise.
fn entity_strata(input: &ModelInput) -> Option<Vec<u32>> {
    let entity = input.marker_names.iter().position(|m| m == "entity")?;
    let columns: Vec<usize> = input.to_marker.members(entity).collect();
    if columns.len() < 2 {
        return None;
    }
    let d = input.to_marker.n_columns();
    Some(
        (0..input.n)
            .map(|p| {
                columns
                    .iter()
                    .position(|&c| input.x[p * d + c] > 0.5)
                    .map_or(u32::MAX, |k| k as u32)
            })
            .collect(),
    )
}

/// Finds and prints the interactions.
pub fn run(args: &Args) -> Result<()> {
    if args.method == Method::Confirmed {
        return run_confirmed(args);
    }
    let input = ModelInput::load(&args.model, &args.data)?;
    let lrp = Lrp::new(&input.net, &Composite::uniform(LrpRule::PaperGamma))?;
    // Never more candidates than markers.
    let default_top = match args.method {
        Method::CouplingChange => DEFAULT_MODEL_CANDIDATES,
        _ => 20,
    };
    let top = args
        .top
        .unwrap_or(default_top)
        .min(input.marker_names.len());
    let found = match args.method {
        Method::CouplingChange => model_interactions(
            &lrp,
            &input.x,
            input.n,
            &input.to_marker,
            &input.reference,
            entity_strata(&input).as_deref(),
            &ModelSearchSettings {
                candidates: top,
                max_patients: args.patients.unwrap_or(DEFAULT_SAMPLE_PATIENTS),
                seed: args.seed.unwrap_or(DEFAULT_SAMPLE_SEED),
                fdr: args.fdr,
            },
        )?,
        _ => {
            let markers = input
                .to_marker
                .apply(&lrp.explain_batch(&input.x, input.n)?)?;
            let cohort = CohortRelevance::new(markers.values(), input.n, input.marker_names.len())?;
            statistical_interactions(&cohort, &input.marker_values, top, args.fdr)?
        }
    };
    let name = |m: usize| input.marker_names[m].as_str();
    let report = Report {
        pairs: found
            .pairs
            .iter()
            .map(|p| PairRow {
                a: name(p.a),
                b: name(p.b),
                effect: p.effect,
                q_value: p.q_value,
                p_value: p.p_value.filter(|_| args.method == Method::CouplingChange),
                z: p.z,
                patients: p.patients,
            })
            .collect(),
        significant: found.significant,
        patients: found.patients,
    };
    if args.json {
        return print_json(&report);
    }
    let mut text = format!(
        "Network couplings, not tested against outcomes: {} of {} pairs ({top} markers, {} \
         patients) stand out under this description\n",
        report.significant,
        report.pairs.len(),
        report.patients
    );
    for row in &report.pairs {
        let q = row
            .q_value
            .map_or_else(String::new, |q| format!("  q = {}", fmt_num(q)));
        text.push_str(&format!(
            "{:<28} <- {:<28} {:>12}{q}\n",
            row.a,
            row.b,
            fmt_num(row.effect)
        ));
    }
    print_text(&text)
}

/// The cohort of a model file's data, as the cross-fitted search reads it.
struct Loaded {
    bundle: ModelBundle,
    data: CrossFitData,
}

fn load(args: &Args) -> Result<Loaded> {
    let model = &args.model;
    if model
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("onnx"))
    {
        bail!(
            "{}: the default method retrains the network on folds of the data and needs a \
             survlens model file (its training setting and preprocessing); use --method \
             coupling-change or coupling-split with an ONNX model",
            model.display()
        );
    }
    let bytes = read_bytes(model)?;
    let bundle = ModelBundle::from_slice(&bytes).with_context(|| model.display().to_string())?;
    let args = &args.data;
    let file = CohortFile::open(&args.data)?;
    let id = match (&args.id, &bundle.columns().id) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(stored)) if file.header()?.contains(stored) => Some(stored.clone()),
        _ => None,
    };
    let mut roles = bundle.import_roles(id.as_deref());
    if let Some(time) = &args.time {
        roles.time.clone_from(time);
    }
    if let Some(event) = &args.event {
        roles.event.clone_from(event);
    }
    let cohort = file.import(&roles, &args.input.options()?)?;
    let data = CrossFitData::from_cohort(&cohort, bundle.encoder())
        .with_context(|| args.data.display().to_string())?;
    Ok(Loaded { bundle, data })
}

fn run_confirmed(args: &Args) -> Result<()> {
    let loaded = load(args)?;
    let cohort = loaded.data.view();
    let settings = SearchSettings {
        screen: ScreenSettings {
            max_patients: args.patients.unwrap_or(DEFAULT_SCREEN_PATIENTS),
            candidates: args.candidates,
            seed: DEFAULT_SCREEN_SEED,
        },
        keep_by_network: args.top.unwrap_or(DEFAULT_KEEP_BY_NETWORK),
        keep_by_outcome: args.top_outcome.unwrap_or(DEFAULT_KEEP_BY_OUTCOME),
        fdr: args.fdr,
    };
    let training = TrainConfig {
        input_dropout: args.input_dropout,
        ..loaded.bundle.training().clone()
    };
    let seed = args.seed.unwrap_or(training.seed);
    let json = args.json;
    let (found, _) =
        cross_fitted_interactions(&cohort, &training, args.folds, seed, settings, |stage| {
            if !json {
                eprintln!("{stage}");
            }
        })?;
    let name = |j: usize| loaded.data.names.get(j).map_or("?", String::as_str);
    let report = ConfirmedReport {
        method: "confirmed",
        folds: found.folds,
        patients: found.test_patients,
        screened_pairs: found.screened_pairs,
        tested: found.pairs.len(),
        declared: found.declared,
        fdr: found.fdr,
        pairs: found
            .pairs
            .iter()
            .map(|p| ConfirmedRow {
                a: name(p.a),
                b: name(p.b),
                strength: p.strength,
                network_rank: p.network_rank,
                outcome_rank: p.outcome_rank,
                folds: p.folds,
                patients: p.test.patients,
                events: p.test.events,
                exposed: p.test.exposed,
                hazard_ratio: p.test.hazard_ratio,
                ci_low: p.test.interval.map(|i| i.0),
                ci_high: p.test.interval.map(|i| i.1),
                p_value: p.p_value,
                fold_p_values: &p.fold_p_values,
                fold_directions: &p.fold_outcome_directions,
                fold_log_hazard_ratios: &p.fold_log_hazard_ratios,
                q_value: p.q_value,
                declared: p.declared,
                problem: p.test.problem.as_deref(),
            })
            .collect(),
    };
    if args.json {
        return print_json(&report);
    }
    let mut text = format!(
        "{} of {} tested pairs declared (q < {}: one-sided tests, Benjamini-Hochberg within a \
         fold at q < fdr / folds weighted by the outcome screen's rank); {} pairs screened in each of {} cross-fitted networks, the {} strongest in the \
         network and the {} strongest on the training outcomes of each tested on its held-out \
         fold ({} patients in all)\n",
        report.declared,
        report.tested,
        fmt_num(report.fdr),
        report.screened_pairs,
        report.folds,
        settings.keep_by_network,
        settings.keep_by_outcome,
        report.patients
    );
    text.push_str(&format!(
        "{:<28} {:<28} {:>9} {:>19} {:>10} {:>10}  declared\n",
        "marker a", "marker b", "H^2", "HR (95% CI)", "p", "q"
    ));
    for row in &report.pairs {
        let hr = match (row.hazard_ratio, row.ci_low, row.ci_high) {
            (Some(hr), Some(lo), Some(hi)) => format!("{hr:.2} ({lo:.2}-{hi:.2})"),
            _ => row.problem.unwrap_or("not tested").to_owned(),
        };
        text.push_str(&format!(
            "{:<28} {:<28} {:>9.5} {:>19} {:>10} {:>10}  {}\n",
            row.a,
            row.b,
            row.strength,
            hr,
            fmt_num(row.p_value),
            fmt_num(row.q_value),
            if row.declared { "yes" } else { "no" }
        ));
    }
    if args.show_screened > 0 {
        text.push_str(&format!(
            "The {} strongest screened pairs (H^2 averaged over the networks, sqrt of the mean \
             squared double difference in log-risk, patients with both markers moved):\n",
            args.show_screened.min(found.screened.len())
        ));
        for (rank, p) in found.screened.iter().take(args.show_screened).enumerate() {
            text.push_str(&format!(
                "{:>4} {:<28} {:<28} {:>9.5} {:>9.4} {:>7}\n",
                rank + 1,
                name(p.a),
                name(p.b),
                p.strength,
                p.rms_interaction,
                p.patients
            ));
        }
    }
    print_text(&text)
}
