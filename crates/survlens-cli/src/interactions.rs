//! `survlens interactions`: prognostic interactions between the most important markers,
//! model-based or statistical (the methods are documented in the survlens-xai crate,
//! "Interactions").
//!
//! Output (`--json`, one line, a stable contract):
//! `{"pairs": [{"a": m1, "b": m2, "effect": x, "q_value": q}, ...], "significant": n}`:
//! ordered pairs (how `b` shapes `a`'s relevance) strongest first; `q_value` for every
//! tested pair (Benjamini-Hochberg). Model: `effect` = mean |change of a's relevance| when
//! b is set to its reference value (log-risk units) over a stratified patient sample,
//! tested against the network's background coupling (empirical null); extra keys
//! `p_value`, `z`, `patients` (sampled patients whose b moved) and, at the top level,
//! `patients` (sampled). Statistical: `effect` = rank-biserial correlation of a's relevance
//! between b-high and b-low patients, `q_value` from the Mann-Whitney p-value.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;
use survlens_xai::interactions::{
    DEFAULT_FDR, DEFAULT_MODEL_CANDIDATES, DEFAULT_SAMPLE_PATIENTS, DEFAULT_SAMPLE_SEED,
    ModelSearchSettings,
};
use survlens_xai::{
    CohortRelevance, Composite, Lrp, LrpRule, model_interactions, statistical_interactions,
};

use crate::common::{fmt_num, print_json, print_text};
use crate::explain::ModelInput;

/// How interactions are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Change of a's relevance when b is set to its reference value, tested against the
    /// network's background coupling (empirical null, BH FDR 5%).
    Model,
    /// Mann-Whitney U of a's relevance between b high and b low, BH FDR 5%.
    Statistical,
}

/// Arguments of `survlens interactions`.
#[derive(clap::Args)]
pub struct Args {
    /// Model: a survlens model file (`.json`) or an ONNX export (`.onnx`).
    #[arg(long)]
    model: PathBuf,
    #[command(flatten)]
    data: crate::explain::DataArgs,
    /// Method.
    #[arg(long, value_enum)]
    method: Method,
    /// Statistical: the K most important markers (study rule, mean |relevance|) whose
    /// K (K - 1) ordered pairs are examined (default 20). Model: the K screened markers
    /// moved, each against every other marker (default 50).
    #[arg(long)]
    top: Option<usize>,
    /// Model: largest patient sample, stratified by the entity marker when the model has
    /// one.
    #[arg(long, default_value_t = DEFAULT_SAMPLE_PATIENTS)]
    patients: usize,
    /// Model: seed of the patient sample.
    #[arg(long, default_value_t = DEFAULT_SAMPLE_SEED)]
    seed: u64,
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

/// Finds and prints the interactions, explaining with the study's rule.
pub fn run(args: &Args) -> Result<()> {
    let input = ModelInput::load(&args.model, &args.data)?;
    let lrp = Lrp::new(&input.net, &Composite::uniform(LrpRule::PaperGamma))?;
    // Never more candidates than markers.
    let default_top = match args.method {
        Method::Model => DEFAULT_MODEL_CANDIDATES,
        Method::Statistical => 20,
    };
    let top = args
        .top
        .unwrap_or(default_top)
        .min(input.marker_names.len());
    let found = match args.method {
        Method::Model => model_interactions(
            &lrp,
            &input.x,
            input.n,
            &input.to_marker,
            &input.reference,
            entity_strata(&input).as_deref(),
            &ModelSearchSettings {
                candidates: top,
                max_patients: args.patients,
                seed: args.seed,
                fdr: DEFAULT_FDR,
            },
        )?,
        Method::Statistical => {
            let markers = input
                .to_marker
                .apply(&lrp.explain_batch(&input.x, input.n)?)?;
            let cohort = CohortRelevance::new(markers.values(), input.n, input.marker_names.len())?;
            statistical_interactions(&cohort, &input.marker_values, top, DEFAULT_FDR)?
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
                p_value: p.p_value.filter(|_| args.method == Method::Model),
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
        "{} of {} pairs ({top} markers, {} patients) count as interactions\n",
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
