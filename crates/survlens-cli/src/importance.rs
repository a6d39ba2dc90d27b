//! `survlens importance`: cohort-level marker importance (mean |relevance|) and the key
//! markers that carry a share of it.
//!
//! Output (`--json`, one line, a stable contract):
//! `{"markers": [{"name": m, "importance": x, "cumulative_share": s}, ...], "key_markers":
//! [names]}`, markers sorted most important first (ties in marker order), `importance` in
//! log-risk units, `cumulative_share` in `[0, 1]`, `key_markers` the fewest leading markers
//! whose cumulative share reaches `--threshold`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use serde::Serialize;
use survlens_xai::{CohortRelevance, KEY_MARKER_SHARE};

use crate::common::{fmt_num, print_json, print_text};
use crate::explain::{ModelInput, RuleArgs};

/// Arguments of `survlens importance`.
#[derive(clap::Args)]
pub struct Args {
    /// Model: a survlens model file (`.json`) or an ONNX export (`.onnx`).
    #[arg(long)]
    model: PathBuf,
    #[command(flatten)]
    data: crate::explain::DataArgs,
    #[command(flatten)]
    rule: RuleArgs,
    /// Share of total importance the key markers must reach, in (0, 1].
    #[arg(long, default_value_t = KEY_MARKER_SHARE)]
    threshold: f64,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct MarkerRow<'a> {
    name: &'a str,
    importance: f64,
    cumulative_share: f64,
}

#[derive(Serialize)]
struct Report<'a> {
    markers: Vec<MarkerRow<'a>>,
    key_markers: Vec<&'a str>,
}

/// Explains the cohort, ranks the markers and prints them.
pub fn run(args: &Args) -> Result<()> {
    if !(args.threshold > 0.0 && args.threshold <= 1.0) {
        bail!("--threshold must be in (0, 1], is {}", args.threshold);
    }
    let composite = args.rule.composite()?;
    let input = ModelInput::load(&args.model, &args.data)?;
    let markers = input.to_marker.apply(&input.explain(&composite)?)?;
    let cohort = CohortRelevance::new(markers.values(), input.n, input.marker_names.len())?;
    let importance = cohort.importance()?;
    let key = importance.key_markers(args.threshold)?;
    let name = |m: usize| input.marker_names[m].as_str();
    let report = Report {
        markers: key
            .ranking
            .iter()
            .zip(&key.cumulative_share)
            .map(|(&m, &s)| MarkerRow {
                name: name(m),
                importance: importance.per_marker[m],
                cumulative_share: s,
            })
            .collect(),
        key_markers: key.key().iter().map(|&m| name(m)).collect(),
    };
    if args.json {
        return print_json(&report);
    }
    let mut text = format!(
        "{} of {} markers carry {:.0}% of the mean |relevance| ({} patients)\n",
        report.key_markers.len(),
        report.markers.len(),
        100.0 * args.threshold,
        input.n
    );
    for (rank, row) in report.markers.iter().enumerate() {
        let mark = if rank < report.key_markers.len() {
            "*"
        } else {
            " "
        };
        text.push_str(&format!(
            "{mark} {:>4}  {:<32} {:>12}  {:.4}\n",
            rank + 1,
            row.name,
            fmt_num(row.importance),
            row.cumulative_share
        ));
    }
    print_text(&text)
}
