//! `survlens fidelity`: how faithful a model and its explanation are to a synthetic
//! cohort's planted truth (see `survlens_app::analysis::fidelity`): AUROC of prognostic against null
//! markers, precision at k (k = detectable markers), Spearman over the detectable markers,
//! each with a 95% bootstrap interval, for the model, networks of its setting retrained
//! with `--seeds` other seeds, the ceiling (an oracle explainer) and the floor (the setting
//! trained on permuted outcomes). `--json` prints the report as one JSON object:
//! `{"n_patients", "n_events", "model_harrell_c", "oracle_harrell_c", "markers",
//! "prognostic", "detectable", "model": figures, "ceiling": figures, "seeds": [{"seed",
//! "harrell_c", "figures"}], "floor": {...} | null}`, figures `{"auroc", "precision_at_k",
//! "spearman": {"value", "lower", "upper"}, "k", "patients"}`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use survlens_app::analysis::fidelity::{FidelityFigures, fidelity_report, fidelity_study};
use survlens_app::sources::default_model::{
    DefaultModel, DefaultModelSpec, HeldOutSplit, train_default_model,
};
use survlens_app::sources::spec::JobSpec;
use survlens_model::bundle::ModelBundle;
use survlens_model::train::TrainConfig;
use survlens_synth::{SynthConfig, TruthFile, generate, to_csv};

use crate::synth::PresetArg;

/// Arguments of `survlens fidelity`.
#[derive(clap::Args)]
pub struct Args {
    /// The model file (e.g. web/models/default.json). Without it, the study's network is
    /// trained here on the regenerated cohort (`--preset`, `--patients`, `--seed`) the way
    /// the default model is (an entity-stratified split: four fifths train, a tenth stops
    /// training, a tenth tests), with the page's small-cohort setting below 5,000 patients.
    #[arg(long)]
    model: Option<PathBuf>,
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
    /// Training seeds of the retrained networks (on the model's own split of its cohort),
    /// comma separated; none when the cohort is not the model's.
    #[arg(long, value_delimiter = ',', default_value = "1,2,3")]
    seeds: Vec<u64>,
    /// Leave out the floor (a network trained on permuted outcomes).
    #[arg(long)]
    no_floor: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Computes and prints the fidelity report. Held-out patients: the test half recorded in a
/// default model file when the cohort is the one it was trained on, otherwise every patient
/// (use a seed the model never saw).
pub fn run(args: &Args) -> Result<()> {
    let (bundle, provenance) = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let bundle = ModelBundle::from_slice(&bytes)
                .with_context(|| format!("reading {}", path.display()))?;
            (
                bundle,
                DefaultModel::from_slice(&bytes).ok().map(|m| m.provenance),
            )
        }
        None => {
            let mut spec = DefaultModelSpec::default();
            if let Some(preset) = args.preset {
                spec.cohort.preset = preset.preset();
            }
            if let Some(n) = args.patients {
                spec.cohort.n_patients = n;
            }
            if let Some(seed) = args.seed {
                spec.cohort.seed = seed;
            }
            if spec.cohort.n_patients < 5_000 {
                spec.training = TrainConfig {
                    seed: spec.training.seed,
                    ..JobSpec::small_cohort_training()
                };
            }
            eprintln!(
                "training the study's network on the {} cohort ({} patients, seed {})",
                spec.cohort.preset.name(),
                spec.cohort.n_patients,
                spec.cohort.seed
            );
            let trained = train_default_model(&spec, |_| std::ops::ControlFlow::Continue(()))
                .context("training the network")?;
            (trained.bundle, Some(trained.provenance))
        }
    };

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
    let (report, which) = match &provenance {
        Some(p) if p.cohort == config => {
            let split = HeldOutSplit::of(&synthetic, p.folds, p.split_seed)?;
            (
                fidelity_study(&bundle, &synthetic, &split, &args.seeds, !args.no_floor)
                    .context("fidelity study")?,
                "the model's test half",
            )
        }
        _ => {
            let rows: Vec<usize> = (0..synthetic.n_patients()).collect();
            (
                fidelity_report(&bundle, &synthetic, &rows).context("fidelity report")?,
                "every patient (the model did not train on this cohort)",
            )
        }
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
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
    println!(
        "Markers: {} ({} prognostic, {} detectable = k); figures with 95% bootstrap intervals",
        report.markers, report.prognostic, report.detectable
    );
    println!(
        "{:<34} {:>8} {:>20} {:>20} {:>20}",
        "explanation", "C-index", "AUROC", "precision at k", "Spearman (detectable)"
    );
    let line = |name: &str, c: Option<f64>, f: &FidelityFigures| {
        println!(
            "{:<34} {:>8} {:>20} {:>20} {:>20}",
            name,
            c.map_or_else(|| "\u{2013}".to_owned(), |c| format!("{c:.4}")),
            f.auroc.text(),
            f.precision_at_k.text(),
            f.spearman.text()
        );
    };
    line(
        "the model (LRP)",
        Some(report.model_harrell_c),
        &report.model,
    );
    for s in &report.seeds {
        line(
            &format!("retrained, seed {} (LRP)", s.seed),
            Some(s.harrell_c),
            &s.figures,
        );
    }
    line(
        "ceiling: oracle explainer",
        Some(report.oracle_harrell_c),
        &report.ceiling,
    );
    if let Some(f) = &report.floor {
        line(
            "floor: permuted outcomes (LRP)",
            Some(f.harrell_c),
            &f.figures,
        );
    }
    Ok(())
}
