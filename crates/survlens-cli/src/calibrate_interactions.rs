//! `survlens calibrate-interactions`: the default interaction method run on synthetic
//! cohorts whose truth is known (see `survlens_app::analysis::interaction_calibration`).
//!
//! For each scale of the planted coefficients (`--scales`, 0 = the additive twin, where
//! any declared pair is false) and each of `--seeds` seeds, one cohort is drawn, the
//! cross-fitted networks are trained and the search runs. The table gives, per scale, the
//! false declarations of each seed and each planted pair's share of seeds declared beside
//! the oracle test's power. `--out` keeps every run's report (JSON lines, written as each
//! run ends); `--json` prints the summary as one JSON line:
//! `{"preset", "patients", "folds", "scales": [{"interaction_scale", "seeds",
//! "false_declared", "seeds_without_false", "planted": [{"id", "declared", "runs", "power",
//! "oracle_power"}]}], "runs": [...]}`.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Serialize;
use survlens_app::analysis::crossfit::DEFAULT_CROSS_FIT_FOLDS;
use survlens_app::analysis::interaction_calibration::{
    ScaleSummary, SyntheticSearchReport, search_synthetic, search_training, summarise,
};
use survlens_synth::{Preset, SynthConfig};
use survlens_xai::interactions::{
    DEFAULT_KEEP_BY_NETWORK, DEFAULT_KEEP_BY_OUTCOME, DEFAULT_SCREEN_PATIENTS, DEFAULT_SCREEN_SEED,
    DEFAULT_SEARCH_FDR, ScreenSettings, SearchSettings,
};

use crate::common::{print_json, print_text};

/// Which cohorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Cohorts {
    /// 40 markers in 5 entities: the additive cohort at scale 0, its planted twin (two
    /// planted pairs) otherwise.
    Calibration,
    /// The pan-cancer cohort (349 markers, 11 planted pairs); scale 0 is its additive twin.
    PanCancer,
}

/// Arguments of `survlens calibrate-interactions`.
#[derive(clap::Args)]
pub struct Args {
    /// Which cohorts.
    #[arg(long, value_enum, default_value = "calibration")]
    cohorts: Cohorts,
    /// Patients per cohort [default: 6,000 for the calibration cohorts, 15,726 for
    /// pan-cancer].
    #[arg(long)]
    patients: Option<usize>,
    /// Seeds per scale.
    #[arg(long, default_value_t = 10)]
    seeds: u64,
    /// First seed (seeds are consecutive).
    #[arg(long, default_value_t = 1)]
    first_seed: u64,
    /// Multipliers of the planted coefficients, comma separated (0: additive).
    #[arg(long, value_delimiter = ',', default_value = "0,0.5,1,2")]
    scales: Vec<f32>,
    /// Cross-fitted networks per cohort.
    #[arg(long, default_value_t = DEFAULT_CROSS_FIT_FOLDS)]
    folds: usize,
    /// Pairs each network keeps from its network screen.
    #[arg(long, default_value_t = DEFAULT_KEEP_BY_NETWORK)]
    top: usize,
    /// Pairs each network keeps from its outcome screen.
    #[arg(long, default_value_t = DEFAULT_KEEP_BY_OUTCOME)]
    top_outcome: usize,
    /// Screen pairs among this many markers only.
    #[arg(long)]
    candidates: Option<usize>,
    /// False discovery rate.
    #[arg(long, default_value_t = DEFAULT_SEARCH_FDR)]
    fdr: f64,
    /// Append every run's report here (JSON lines).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Summary<'a> {
    cohorts: &'static str,
    patients: usize,
    folds: usize,
    scales: &'a [ScaleSummary],
    runs: &'a [SyntheticSearchReport],
}

/// Runs the calibration and prints its table.
pub fn run(args: &Args) -> Result<()> {
    let (patients, name) = match args.cohorts {
        Cohorts::Calibration => (args.patients.unwrap_or(6_000), "calibration"),
        Cohorts::PanCancer => (
            args.patients.unwrap_or(SynthConfig::STUDY_PATIENTS),
            "pan-cancer",
        ),
    };
    let settings = SearchSettings {
        screen: ScreenSettings {
            max_patients: DEFAULT_SCREEN_PATIENTS,
            candidates: args.candidates,
            seed: DEFAULT_SCREEN_SEED,
        },
        keep_by_network: args.top,
        keep_by_outcome: args.top_outcome,
        fdr: args.fdr,
    };
    let training = search_training();
    let mut out = match &args.out {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| path.display().to_string())?,
        ),
        None => None,
    };
    let mut reports = Vec::new();
    for &scale in &args.scales {
        for seed in args.first_seed..args.first_seed + args.seeds {
            let preset = match (args.cohorts, scale == 0.0) {
                (Cohorts::Calibration, true) => Preset::Additive,
                (Cohorts::Calibration, false) => Preset::Planted,
                (Cohorts::PanCancer, _) => Preset::PanCancer,
            };
            let config = SynthConfig {
                n_patients: patients,
                seed,
                preset,
            };
            let start = Instant::now();
            let report = search_synthetic(&config, scale, &training, args.folds, settings, |_| {})
                .with_context(|| format!("scale {scale}, seed {seed}"))?;
            let planted: Vec<String> = report
                .planted
                .iter()
                .filter(|p| p.declared)
                .map(|p| p.id.clone())
                .collect();
            eprintln!(
                "scale {scale}, seed {seed}: {} declared, {} false, planted declared [{}] ({:.0} s)",
                report.declared.len(),
                report.false_declared,
                planted.join(", "),
                start.elapsed().as_secs_f64()
            );
            if let Some(file) = out.as_mut() {
                let mut line = serde_json::to_string(&report)?;
                line.push('\n');
                file.write_all(line.as_bytes())?;
            }
            reports.push(report);
        }
    }
    let scales = summarise(&reports);
    if args.json {
        return print_json(&Summary {
            cohorts: name,
            patients,
            folds: args.folds,
            scales: &scales,
            runs: &reports,
        });
    }
    let mut text = format!(
        "Default interaction method on {name} cohorts of {patients} patients, {} cross-fitted \
         networks, one-sided tests, weighted Benjamini-Hochberg q < {}\n",
        args.folds, args.fdr
    );
    for s in &scales {
        text.push_str(&format!(
            "\nscale {}: false declarations per seed (seeds {}-{}): {}; {} of {} seeds without \
             one\n",
            s.interaction_scale,
            s.seeds.first().copied().unwrap_or(0),
            s.seeds.last().copied().unwrap_or(0),
            s.false_declared
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            s.seeds_without_false,
            s.seeds.len()
        ));
        for p in &s.planted {
            text.push_str(&format!(
                "  {:<28} declared in {:>2} of {:>2} seeds (power {:.2}); oracle power {:.2}\n",
                p.id, p.declared, p.runs, p.power, p.oracle_power
            ));
        }
    }
    print_text(&text)
}
