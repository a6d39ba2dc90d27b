//! `survlens fidelity`: how faithful a model and its explanation are to a synthetic
//! cohort's planted truth.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use survlens_app::default_model::{DefaultModel, HeldOutSplit};
use survlens_app::fidelity::fidelity_report;
use survlens_model::bundle::ModelBundle;
use survlens_synth::{SynthConfig, TruthFile, generate, to_csv};

use crate::synth::PresetArg;

/// Arguments of `survlens fidelity`.
#[derive(clap::Args)]
pub struct Args {
    /// The model file (e.g. web/models/default.json).
    #[arg(long)]
    model: PathBuf,
    /// The truth file written by `survlens synth`; the cohort is regenerated from its
    /// settings.
    #[arg(long, conflicts_with_all = ["preset", "seed", "patients"])]
    truth: Option<PathBuf>,
    /// The cohort file written with the truth: checked to be the regenerated cohort.
    #[arg(long, requires = "truth")]
    data: Option<PathBuf>,
    /// Regenerate this preset instead of reading a truth file.
    #[arg(long, value_enum)]
    preset: Option<PresetArg>,
    /// Seed of the regenerated cohort.
    #[arg(long)]
    seed: Option<u64>,
    /// Patients of the regenerated cohort.
    #[arg(long)]
    patients: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Computes and prints the fidelity report. Held-out patients: the test half recorded in a
/// default model file when the cohort is the one it was trained on, otherwise every patient
/// (use a seed the model never saw).
pub fn run(args: &Args) -> Result<()> {
    let bytes =
        std::fs::read(&args.model).with_context(|| format!("reading {}", args.model.display()))?;
    let bundle = ModelBundle::from_slice(&bytes)
        .with_context(|| format!("reading {}", args.model.display()))?;
    let provenance = DefaultModel::from_slice(&bytes).ok().map(|m| m.provenance);

    let config = match &args.truth {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            TruthFile::from_json(&text)
                .with_context(|| format!("reading {}", path.display()))?
                .config()?
        }
        None => {
            let default = provenance
                .as_ref()
                .map_or_else(SynthConfig::default, |p| p.cohort);
            SynthConfig {
                n_patients: args.patients.unwrap_or(default.n_patients),
                seed: args.seed.unwrap_or(default.seed),
                preset: args.preset.map_or(default.preset, PresetArg::preset),
            }
        }
    };
    let synthetic = generate(&config).context("regenerating the cohort")?;
    if let Some(path) = &args.data {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        if text != to_csv(&synthetic) {
            bail!(
                "{} is not the cohort its truth file describes (regenerated from the settings)",
                path.display()
            );
        }
    }
    let (rows, which) = match &provenance {
        Some(p) if p.cohort == config => (
            HeldOutSplit::of(&synthetic, p.folds, p.split_seed)?.test,
            "the model's test half",
        ),
        _ => (
            (0..synthetic.n_patients()).collect(),
            "every patient (the model did not train on this cohort)",
        ),
    };
    let report = fidelity_report(&bundle, &synthetic, &rows).context("fidelity report")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!(
        "Held-out patients: {} ({}), {} deaths",
        report.n_patients, which, report.n_events
    );
    println!(
        "C-index (Harrell): model {:.4}, oracle {:.4}, gap {:.4}",
        report.model_harrell_c,
        report.oracle_harrell_c,
        report.oracle_harrell_c - report.model_harrell_c
    );
    match report.spearman {
        Some(rho) => println!("Spearman, LRP vs true marker importance: {rho:.3}"),
        None => println!("Spearman, LRP vs true marker importance: undefined (constant)"),
    }
    for t in &report.top_k {
        println!("Top-{} recovery: {}/{}", t.k, t.recovered, t.k);
    }
    println!("Planted interactions (BH q < 0.05):");
    for r in &report.interactions {
        println!(
            "  {}: recovered {}/{} [{}], not examined {}, discoveries {}, false {} \
             ({} markers, {} ordered pairs examined, {} tested, {} patients)",
            r.method,
            r.recovered.len(),
            r.recovered.len() + r.missed.len() + r.not_examined.len(),
            r.recovered.join(", "),
            r.not_examined.len(),
            r.discoveries,
            r.false_discoveries.len(),
            r.candidates,
            r.pairs_examined,
            r.pairs_tested,
            r.patients
        );
    }
    Ok(())
}
