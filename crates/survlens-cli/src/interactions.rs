//! `survlens interactions`: prognostic interactions between the most important markers,
//! model-based or statistical (the methods are documented in the survlens-xai crate,
//! "Interactions").
//!
//! Output (`--json`, one line, a stable contract):
//! `{"pairs": [{"a": m1, "b": m2, "effect": x, "q_value": q}, ...], "significant": n}`:
//! ordered pairs (how `b` shapes `a`'s relevance) strongest first; `q_value` only for the
//! statistical method. Model: `effect` = mean |change of a's relevance| when b is set to
//! its reference value (log-risk units). Statistical: `effect` = rank-biserial correlation
//! of a's relevance between b-high and b-low patients, `q_value` Benjamini-Hochberg.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;
use survlens_xai::interactions::{DEFAULT_FDR, DEFAULT_MIN_RELATIVE_EFFECT};
use survlens_xai::{
    CohortRelevance, Composite, Lrp, LrpRule, model_interactions, statistical_interactions,
};

use crate::common::{fmt_num, print_json, print_text};
use crate::explain::ModelInput;

/// How interactions are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Change of a's relevance when b is set to its reference value.
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
    /// Data file (see `survlens explain`).
    #[arg(long)]
    data: PathBuf,
    /// Method.
    #[arg(long, value_enum)]
    method: Method,
    /// Number of most important markers (study rule, mean |relevance|) whose pairs are
    /// examined: K (K - 1) ordered pairs.
    #[arg(long, default_value_t = 20)]
    top: usize,
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
}

#[derive(Serialize)]
struct Report<'a> {
    pairs: Vec<PairRow<'a>>,
    significant: usize,
}

/// Finds and prints the interactions, explaining with the study's rule.
pub fn run(args: &Args) -> Result<()> {
    let input = ModelInput::load(&args.model, &args.data)?;
    let lrp = Lrp::new(&input.net, &Composite::uniform(LrpRule::PaperGamma))?;
    // Never more candidates than markers.
    let top = args.top.min(input.marker_names.len());
    let found = match args.method {
        Method::Model => model_interactions(
            &lrp,
            &input.x,
            input.n,
            &input.to_marker,
            &input.reference,
            top,
            DEFAULT_MIN_RELATIVE_EFFECT,
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
            })
            .collect(),
        significant: found.significant,
    };
    if args.json {
        return print_json(&report);
    }
    let mut text = format!(
        "{} of {} pairs among the top {top} markers count as interactions\n",
        report.significant,
        report.pairs.len()
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
