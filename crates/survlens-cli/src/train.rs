//! `survlens train`: the study's deep Cox network on a cohort file, cross-validated and
//! written as a model file (see `survlens_model::bundle` for the scheme and the format).
//!
//! `--json` prints the summary as `{"model": path, "patients": n, "events": d,
//! "markers": m, "inputs": p, "out_of_fold": {...} | null, "final_fit": {...}}`, the last
//! two as stored in the model file's `metrics`.

use std::ops::ControlFlow;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::{ColumnRoles, EncoderConfig, Scaling};
use survlens_model::bundle::{BuildSettings, BuildStage, FinalFit, OutOfFoldMetrics, build_bundle};
use survlens_model::{HiddenWidth, Ties, TrainConfig};

use std::fmt::Write as _;

use crate::common::{CohortFile, InputArgs, print_json, print_text};

/// Tie handling of the training loss.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum LossTiesArg {
    /// pycox's loss, the study's: no tie correction.
    Pycox,
    /// Breslow's approximation.
    Breslow,
    /// Efron's approximation.
    Efron,
}

/// Scaling of numeric markers.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ScalingArg {
    /// To [0, 1] by the training minimum and maximum (the study).
    MinMax,
    /// To mean 0, standard deviation 1.
    ZScore,
}

/// Arguments of `survlens train`.
#[derive(clap::Args)]
pub struct Args {
    /// Cohort file (CSV or TSV with a header row).
    #[arg(long)]
    data: PathBuf,
    /// Survival time column.
    #[arg(long)]
    time: String,
    /// Event column (1 = event, 0 = censored).
    #[arg(long)]
    event: String,
    /// Cancer entity column: stratifies the folds and becomes one-hot inputs.
    #[arg(long)]
    entity: Option<String>,
    /// Patient id column [default: guessed from the header, e.g. `pid`; never a marker].
    #[arg(long)]
    id: Option<String>,
    /// Marker columns, comma separated [default: every other column].
    #[arg(long, value_delimiter = ',')]
    markers: Option<Vec<String>>,
    /// Columns to leave out of the default markers, comma separated.
    #[arg(long, value_delimiter = ',', conflicts_with = "markers")]
    exclude: Vec<String>,
    /// Unit of the survival times, stored in the model file (e.g. days, months).
    #[arg(long)]
    time_unit: Option<String>,
    /// Cross-validation folds (below 2: no cross-validation).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the folds, initial weights, shuffles and dropout.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Most epochs per learning-rate stage.
    #[arg(long, default_value_t = 50)]
    epochs_per_stage: usize,
    /// Learning rate of the first stage.
    #[arg(long, default_value_t = 1e-4)]
    learning_rate: f64,
    /// Patients per mini-batch.
    #[arg(long, default_value_t = 1024)]
    batch_size: usize,
    /// Hidden layers.
    #[arg(long, default_value_t = 1)]
    hidden_layers: usize,
    /// Hidden width as a fixed number of units.
    #[arg(long, conflicts_with = "width_factor")]
    hidden_width: Option<usize>,
    /// Hidden width as a multiple of the number of inputs (the study: 10).
    #[arg(long)]
    width_factor: Option<usize>,
    /// Dropout probability on the inputs during training (the study: 0.5).
    #[arg(long, default_value_t = 0.5)]
    input_dropout: f32,
    /// Dropout probability after each hidden layer during training (the study: 0.5).
    #[arg(long, default_value_t = 0.5)]
    hidden_dropout: f32,
    /// Tie handling of the Cox loss.
    #[arg(long, value_enum, default_value = "pycox")]
    ties: LossTiesArg,
    /// Scaling of numeric markers.
    #[arg(long, value_enum, default_value = "min-max")]
    scaling: ScalingArg,
    /// Add the 1 - x mirror of every input (min-max scaling only).
    #[arg(long)]
    mirror: bool,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Do not report epochs on stderr.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Serialize)]
struct Summary<'a> {
    model: String,
    patients: usize,
    events: usize,
    markers: usize,
    inputs: usize,
    out_of_fold: Option<&'a OutOfFoldMetrics>,
    final_fit: &'a FinalFit,
}

/// Trains, writes the model file and prints the summary.
pub fn run(args: &Args) -> Result<()> {
    let mut text = String::new();
    let file = CohortFile::open(&args.data)?;
    let options = args.input.options()?;
    let id = file.id_column(args.id.as_deref(), &options)?;
    let mut roles = ColumnRoles::new(&args.time, &args.event);
    roles.id = id.clone();
    roles.entity = args.entity.clone();
    roles.markers = match &args.markers {
        Some(m) => Some(m.clone()),
        None if !args.exclude.is_empty() => {
            let header = file.header()?;
            if let Some(x) = args.exclude.iter().find(|x| !header.contains(x)) {
                bail!("{}: --exclude names no column \"{x}\"", args.data.display());
            }
            let taken = [
                Some(&args.time),
                Some(&args.event),
                id.as_ref(),
                args.entity.as_ref(),
            ];
            Some(
                header
                    .into_iter()
                    .filter(|h| !h.is_empty() && !args.exclude.contains(h))
                    .filter(|h| !taken.contains(&Some(h)))
                    .collect(),
            )
        }
        None => None,
    };
    let cohort = file.import(&roles, &options)?;

    let settings = BuildSettings {
        training: TrainConfig {
            hidden_layers: args.hidden_layers,
            hidden_width: match (args.hidden_width, args.width_factor) {
                (Some(w), _) => HiddenWidth::Fixed(w),
                (None, Some(f)) => HiddenWidth::TimesInputs(f),
                (None, None) => TrainConfig::default().hidden_width,
            },
            ties: match args.ties {
                LossTiesArg::Pycox => Ties::Pycox,
                LossTiesArg::Breslow => Ties::Breslow,
                LossTiesArg::Efron => Ties::Efron,
            },
            input_dropout: args.input_dropout,
            hidden_dropout: args.hidden_dropout,
            learning_rate: args.learning_rate,
            batch_size: args.batch_size,
            epochs_per_stage: args.epochs_per_stage,
            seed: args.seed,
            ..TrainConfig::default()
        },
        encoder: EncoderConfig {
            scaling: match args.scaling {
                ScalingArg::MinMax => Scaling::MinMax,
                ScalingArg::ZScore => Scaling::ZScore,
            },
            mirror: args.mirror,
            ..EncoderConfig::default()
        },
        folds: args.folds,
        id_column: id,
        time_unit: args.time_unit.clone(),
        ..BuildSettings::default()
    };
    let quiet = args.quiet;
    let bundle = build_bundle(&cohort, &settings, |stage, progress| {
        if let (false, Some(e)) = (quiet, &progress.epoch_summary) {
            let which = match stage {
                BuildStage::Fold { fold, folds } => format!("fold {}/{folds}", fold + 1),
                BuildStage::Final => "final".to_owned(),
            };
            eprintln!(
                "{which} epoch {} (stage {}): train loss {:.4}, validation loss {:.4}, \
                 validation C {:.3}",
                e.epoch, e.stage, e.train_loss, e.validation_loss, e.validation_c_index
            );
        }
        ControlFlow::Continue(())
    })?
    .context("training stopped before it finished")?;
    let file_text = bundle.to_json()?;
    std::fs::write(&args.out, file_text)
        .with_context(|| format!("cannot write {}", args.out.display()))?;

    let metrics = bundle.metrics();
    if args.json {
        return print_json(&Summary {
            model: args.out.display().to_string(),
            patients: metrics.n_patients,
            events: metrics.n_events,
            markers: bundle.feature_map().n_markers(),
            inputs: bundle.network().n_inputs(),
            out_of_fold: metrics.out_of_fold.as_ref(),
            final_fit: &metrics.final_fit,
        });
    }
    writeln!(text, "{bundle}")?;
    if let Some(m) = &metrics.out_of_fold {
        let show = |x: Option<f64>| x.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.4}"));
        writeln!(
            text,
            "{}-fold cross-validation, pooled test halves ({} patients): Harrell's C {}, \
             Antolini's C {}, integrated Brier score {}",
            m.folds,
            m.n_test,
            show(m.harrell_c),
            show(m.antolini_c),
            show(m.integrated_brier_score)
        )?;
    }
    let f = &metrics.final_fit;
    writeln!(
        text,
        "final network: {} training and {} validation patients, {} epochs, best epoch {}",
        f.n_train,
        f.n_validation,
        f.epochs,
        f.best_epoch
            .map_or_else(|| "none".to_owned(), |e| e.to_string())
    )?;
    writeln!(text, "model written to {}", args.out.display())?;
    print_text(&text)
}
