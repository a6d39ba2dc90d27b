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
use survlens_model::bundle::{
    BuildProgress, BuildSettings, BuildStage, FinalFit, OutOfFoldMetrics, build_bundle,
};
use survlens_model::comparison::BaselineMetric;
use survlens_model::{
    AutoChoice, BaselineKind, BootstrapInterval, HiddenWidth, Recipe, Ties, TrainConfig,
};

use std::fmt::Write as _;

use crate::common::{CohortArgs, CohortFile, InputArgs, print_json, print_text};

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

/// The training recipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RecipeArg {
    /// survlens' default: log-transformed skewed markers, z-scores, reference-coded
    /// categories, a choice among settings on folds, the members averaged and blended with a
    /// penalised linear or piecewise-linear Cox model, survival recalibrated out of fold.
    Auto,
    /// The study's recipe, exactly (min-max scaling, dropout 0.5, Adam 1e-4, batches of
    /// 1,024, three stages of up to 50 epochs), cross-validated.
    Study,
}

/// The study recipe's settings; `None` keeps the study's value.
#[derive(clap::Args, Debug, Default)]
pub struct StudyArgs {
    /// Cross-validation folds (below 2: no cross-validation) [study: 5].
    #[arg(long)]
    folds: Option<usize>,
    /// Most epochs per learning-rate stage [study: 50].
    #[arg(long)]
    epochs_per_stage: Option<usize>,
    /// Learning rate of the first stage [study: 1e-4].
    #[arg(long)]
    learning_rate: Option<f64>,
    /// Patients per mini-batch [study: 1024].
    #[arg(long)]
    batch_size: Option<usize>,
    /// Hidden layers [study: 1].
    #[arg(long)]
    hidden_layers: Option<usize>,
    /// Hidden width as a fixed number of units.
    #[arg(long, conflicts_with = "width_factor")]
    hidden_width: Option<usize>,
    /// Hidden width as a multiple of the number of inputs [study: 10].
    #[arg(long)]
    width_factor: Option<usize>,
    /// Dropout probability on the inputs during training [study: 0.5].
    #[arg(long)]
    input_dropout: Option<f32>,
    /// Dropout probability after each hidden layer during training [study: 0.5].
    #[arg(long)]
    hidden_dropout: Option<f32>,
    /// Tie handling of the Cox loss [study: pycox].
    #[arg(long, value_enum)]
    ties: Option<LossTiesArg>,
    /// Scaling of numeric markers [study: min-max].
    #[arg(long, value_enum)]
    scaling: Option<ScalingArg>,
    /// Add the 1 - x mirror of every input (min-max scaling only).
    #[arg(long)]
    mirror: bool,
}

impl StudyArgs {
    /// The first study setting given on the command line, by its flag.
    fn first_given(&self) -> Option<&'static str> {
        [
            (self.folds.is_some(), "--folds"),
            (self.epochs_per_stage.is_some(), "--epochs-per-stage"),
            (self.learning_rate.is_some(), "--learning-rate"),
            (self.batch_size.is_some(), "--batch-size"),
            (self.hidden_layers.is_some(), "--hidden-layers"),
            (self.hidden_width.is_some(), "--hidden-width"),
            (self.width_factor.is_some(), "--width-factor"),
            (self.input_dropout.is_some(), "--input-dropout"),
            (self.hidden_dropout.is_some(), "--hidden-dropout"),
            (self.ties.is_some(), "--ties"),
            (self.scaling.is_some(), "--scaling"),
            (self.mirror, "--mirror"),
        ]
        .into_iter()
        .find(|(given, _)| *given)
        .map(|(_, flag)| flag)
    }

    /// The build settings of the study's recipe with these overrides.
    fn settings(&self, seed: u64) -> BuildSettings {
        let study = TrainConfig::default();
        BuildSettings {
            training: TrainConfig {
                hidden_layers: self.hidden_layers.unwrap_or(study.hidden_layers),
                hidden_width: match (self.hidden_width, self.width_factor) {
                    (Some(w), _) => HiddenWidth::Fixed(w),
                    (None, Some(f)) => HiddenWidth::TimesInputs(f),
                    (None, None) => study.hidden_width,
                },
                ties: match self.ties {
                    None | Some(LossTiesArg::Pycox) => Ties::Pycox,
                    Some(LossTiesArg::Breslow) => Ties::Breslow,
                    Some(LossTiesArg::Efron) => Ties::Efron,
                },
                input_dropout: self.input_dropout.unwrap_or(study.input_dropout),
                hidden_dropout: self.hidden_dropout.unwrap_or(study.hidden_dropout),
                learning_rate: self.learning_rate.unwrap_or(study.learning_rate),
                batch_size: self.batch_size.unwrap_or(study.batch_size),
                epochs_per_stage: self.epochs_per_stage.unwrap_or(study.epochs_per_stage),
                seed,
                ..study
            },
            encoder: EncoderConfig {
                scaling: match self.scaling {
                    None | Some(ScalingArg::MinMax) => Scaling::MinMax,
                    Some(ScalingArg::ZScore) => Scaling::ZScore,
                },
                mirror: self.mirror,
                ..EncoderConfig::study()
            },
            folds: self.folds.unwrap_or(5),
            ..BuildSettings::study()
        }
    }
}

/// Arguments of `survlens train`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    cohort: CohortArgs,
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
    /// Training recipe: `auto` (survlens' default for any cohort size) or `study` (the
    /// paper's, exactly).
    #[arg(long, value_enum, default_value = "auto")]
    recipe: RecipeArg,
    /// Seed of the folds, initial weights, shuffles and dropout.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Settings of the study's recipe (each needs `--recipe study`).
    #[command(flatten)]
    study: StudyArgs,
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
    recipe: &'static str,
    out_of_fold: Option<&'a OutOfFoldMetrics>,
    final_fit: &'a FinalFit,
    /// What the auto recipe chose, with every setting's score.
    auto: Option<&'a AutoChoice>,
    /// The linear and spline Cox models on the same folds.
    baselines: &'a [BaselineMetric],
}

/// Trains, writes the model file and prints the summary.
pub fn run(args: &Args) -> Result<()> {
    let mut text = String::new();
    let file = CohortFile::open(&args.cohort.data)?;
    let options = args.input.options()?;
    let id = file.id_column(args.id.as_deref(), &options)?;
    let mut roles = ColumnRoles::new(&args.cohort.time, &args.cohort.event);
    roles.id = id.clone();
    roles.entity = args.entity.clone();
    roles.markers = match &args.markers {
        Some(m) => Some(m.clone()),
        None if !args.exclude.is_empty() => {
            let header = file.header()?;
            if let Some(x) = args.exclude.iter().find(|x| !header.contains(x)) {
                bail!(
                    "{}: --exclude names no column \"{x}\"",
                    args.cohort.data.display()
                );
            }
            let taken = [
                Some(&args.cohort.time),
                Some(&args.cohort.event),
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

    let mut settings = match args.recipe {
        RecipeArg::Study => args.study.settings(args.seed),
        RecipeArg::Auto => {
            if let Some(flag) = args.study.first_given() {
                bail!("{flag} is a setting of the study's recipe; add --recipe study to use it");
            }
            let mut settings = BuildSettings::default();
            settings.training.seed = args.seed;
            settings
        }
    };
    settings.id_column = id;
    settings.time_unit = args.time_unit.clone();
    let quiet = args.quiet;
    let bundle = build_bundle(&cohort, &settings, |progress| {
        let (stage, progress) = match progress {
            BuildProgress::Study(stage, progress) => (stage, progress),
            BuildProgress::Auto(p) => {
                // One line per finished member: every validation would be hundreds.
                let member_done = p.validation.is_some() && p.member_finished;
                if let (false, true, Some(v)) = (quiet, member_done, &p.validation) {
                    eprintln!(
                        "setting {}/{}, fold {}: {} steps, validation loss {:.4}, validation C {:.3}",
                        p.candidate.0 + 1,
                        p.candidate.1,
                        p.fold + 1,
                        p.step,
                        v.smoothed_loss,
                        v.validation_c
                    );
                }
                return ControlFlow::Continue(());
            }
        };
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
            recipe: recipe_name(bundle.recipe()),
            out_of_fold: metrics.out_of_fold.as_ref(),
            final_fit: &metrics.final_fit,
            auto: bundle.auto_choice(),
            baselines: &metrics.baselines,
        });
    }
    writeln!(text, "{bundle}")?;
    writeln!(text, "recipe: {}", recipe_name(bundle.recipe()))?;
    if let Some(choice) = bundle.auto_choice() {
        text.push_str(&describe_choice(choice));
    }
    if let Some(m) = &metrics.out_of_fold {
        let show = |x: Option<f64>| x.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.4}"));
        writeln!(
            text,
            "{}-fold cross-validation, pooled held-out folds ({} patients): Harrell's C {}, \
             Antolini's C {}, integrated Brier score {}",
            m.folds,
            m.n_test,
            show(m.harrell_c),
            show(m.antolini_c),
            show(m.integrated_brier_score)
        )?;
    }
    let f = &metrics.final_fit;
    if let Some(choice) = bundle.auto_choice() {
        writeln!(
            text,
            "members trained on {} folds, stopped after {:.0} optimiser steps on average",
            choice.members, choice.mean_steps
        )?;
    } else {
        writeln!(
            text,
            "final network: {} training and {} validation patients, {} epochs, best epoch {}",
            f.n_train,
            f.n_validation,
            f.epochs,
            f.best_epoch
                .map_or_else(|| "none".to_owned(), |e| e.to_string())
        )?;
    }
    if let Some(m) = &metrics.out_of_fold {
        text.push_str(&describe_baselines(&metrics.baselines, m.harrell_c));
    }
    writeln!(text, "model written to {}", args.out.display())?;
    print_text(&text)
}

/// The recipe's name as the command line spells it.
fn recipe_name(recipe: Recipe) -> &'static str {
    match recipe {
        Recipe::Auto => "auto",
        Recipe::Study => "study",
    }
}

/// The auto recipe's choice as readable lines: each setting with its pooled validation
/// loss (the criterion) and C, the chosen one starred; the linear Cox member and its weight;
/// the calibration slope that scales the survival curves.
pub(crate) fn describe_choice(choice: &AutoChoice) -> String {
    let mut text = String::from("settings tried on the training folds (* chosen):\n");
    for (i, score) in choice.scores.iter().enumerate() {
        text.push_str(&format!(
            "  {} {}: validation loss per death {:.4}, validation C {:.3} ({} folds)\n",
            if i == choice.chosen { "*" } else { " " },
            score.candidate.describe(),
            score.validation_loss,
            score.validation_c,
            score.folds
        ));
    }
    text.push_str(&format!(
        "  {} (ridge penalty {}): validation loss per death {:.4}, validation C {:.3}\n",
        choice.linear.model_name(),
        choice.linear.penalizer,
        choice.linear.validation_loss,
        choice.linear.validation_c
    ));
    let share = choice.linear_weight * 100.0;
    text.push_str(&format!(
        "model: the {} networks averaged{}\n",
        choice.members,
        if choice.linear_weight >= 1.0 {
            format!(
                ", outweighed entirely by the {} model (the networks did not improve on it \
                 out of fold)",
                choice.linear.model_name()
            )
        } else if choice.linear_weight > 0.0 {
            format!(
                ", blended with the {} model at {share:.0}%",
                choice.linear.model_name()
            )
        } else {
            String::new()
        }
    ));
    let (low, high) = choice.calibration.interval();
    text.push_str(&format!(
        "calibration slope of the out-of-fold risks {:.2} (95% interval {low:.2} to {high:.2}); \
         survival curves use it\n",
        choice.calibration.slope
    ));
    text
}

/// The linear and spline Cox models beside the network, out of fold with intervals, and a
/// warning when the network does not beat the spline model.
pub(crate) fn describe_baselines(baselines: &[BaselineMetric], network_c: Option<f64>) -> String {
    let mut text = String::new();
    let interval = |b: &BootstrapInterval| {
        format!(
            "{:.3} (95% interval {:.3} to {:.3})",
            b.estimate, b.lower, b.upper
        )
    };
    if network_c.is_some() && !baselines.is_empty() {
        text.push_str("beside the network, on the same folds (Harrell's C):\n");
    }
    for b in baselines {
        let Some(c) = &b.harrell_c else {
            text.push_str(&format!("  {}: could not be evaluated\n", b.kind.label()));
            continue;
        };
        text.push_str(&format!("  {}: {}", b.kind.label(), interval(c)));
        if let Some(d) = &b.network_minus_baseline {
            text.push_str(&format!(
                "; network minus {}: {:+.3} ({:+.3} to {:+.3})",
                b.kind.label(),
                d.estimate,
                d.lower,
                d.upper
            ));
        }
        text.push('\n');
    }
    if let Some(spline) = baselines
        .iter()
        .find(|b| b.kind == BaselineKind::Spline)
        .and_then(|b| b.network_minus_baseline.as_ref())
        && spline.estimate <= 0.0
    {
        text.push_str(
            "warning: the network does not beat the spline Cox model on these folds; \
             prefer the simpler model's explanation\n",
        );
    }
    text
}
