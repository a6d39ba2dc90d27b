//! `survlens benchmark`: the network by each recipe beside the linear and spline Cox
//! models, on the same stratified training/test splits, judged by Harrell's C on the test
//! patients (see `survlens_model::comparison`).
//!
//! `--splits FILE` writes the splits (`{"seeds": [{"seed": s, "test": [rows]}]}`, 0-based
//! data rows) so that other libraries can be run on exactly the same patients
//! (`tools/bench/models.sh`). `--json` prints `{"cohort", "patients", "events",
//! "test_fraction", "results": [{"model", "seed", "harrell_c", "seconds"}]}`; an `--oracle`
//! column (the true log-hazard of a synthetic cohort) is scored as the model `oracle`.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::{ColumnRoles, ImportOptions, MarkerValues};
use survlens_model::comparison::{Contender, Fitted, fit_contender, held_out_c};
use survlens_model::{harrell_c, holdout_split};

use crate::common::{CohortFile, print_json, print_text};

/// A model of the benchmark, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelArg {
    /// The network by the `auto` recipe.
    Auto,
    /// The network by the study's recipe.
    Study,
    /// Ridge-penalised linear Cox model.
    LinearCox,
    /// Ridge-penalised Cox model with restricted cubic splines.
    SplineCox,
}

impl ModelArg {
    fn contender(self) -> Contender {
        match self {
            Self::Auto => Contender::Auto,
            Self::Study => Contender::Study,
            Self::LinearCox => Contender::LinearCox,
            Self::SplineCox => Contender::SplineCox,
        }
    }
}

/// Arguments of `survlens benchmark`.
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
    /// Cancer entity column: stratifies the splits and becomes one-hot inputs.
    #[arg(long)]
    entity: Option<String>,
    /// Patient id column [default: guessed from the header; never a marker].
    #[arg(long)]
    id: Option<String>,
    /// Columns to leave out of the markers, comma separated.
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// A column holding each patient's true log-hazard (synthetic cohorts): never a
    /// marker, scored as the model `oracle`.
    #[arg(long)]
    oracle: Option<String>,
    /// Number of splits (seeds 0, 1, ...).
    #[arg(long, default_value_t = 3)]
    seeds: u64,
    /// Share of each stratum held out as test patients.
    #[arg(long, default_value_t = 0.3)]
    test_fraction: f64,
    /// Models to run, comma separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',')]
    models: Vec<ModelArg>,
    /// Write the splits as JSON here.
    #[arg(long)]
    splits: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Row {
    model: &'static str,
    seed: u64,
    harrell_c: Option<f64>,
    seconds: f64,
}

#[derive(Serialize)]
struct Output<'a> {
    cohort: String,
    patients: usize,
    events: usize,
    test_fraction: f64,
    results: &'a [Row],
}

#[derive(Serialize)]
struct Split {
    seed: u64,
    test: Vec<usize>,
}

#[derive(Serialize)]
struct Splits {
    seeds: Vec<Split>,
}

/// Runs every model on every split and prints the table.
pub fn run(args: &Args) -> Result<()> {
    let file = CohortFile::open(&args.data)?;
    let id = file.id_column(args.id.as_deref())?;
    let header = file.header()?;
    for x in args.exclude.iter().chain(&args.oracle) {
        if !header.contains(x) {
            bail!("{}: no column \"{x}\"", args.data.display());
        }
    }
    let taken = [
        Some(&args.time),
        Some(&args.event),
        id.as_ref(),
        args.entity.as_ref(),
    ];
    let markers: Vec<String> = header
        .iter()
        .filter(|h| !h.is_empty() && !args.exclude.contains(h))
        .filter(|h| Some(*h) != args.oracle.as_ref())
        .filter(|h| !taken.contains(&Some(h)))
        .cloned()
        .collect();
    let mut roles = ColumnRoles::new(&args.time, &args.event);
    roles.id = id.clone();
    roles.entity = args.entity.clone();
    roles.markers = Some(markers);
    let cohort = file.import(&roles, &ImportOptions::default())?;
    let oracle = match &args.oracle {
        None => None,
        Some(column) => {
            let mut with = roles.clone();
            with.markers = Some(vec![column.clone()]);
            let c = file.import(&with, &ImportOptions::default())?;
            match c.marker(column).map(|m| m.values()) {
                Some(MarkerValues::Numeric(v)) => {
                    Some(v.iter().map(|&x| f64::from(x)).collect::<Vec<f64>>())
                }
                _ => bail!("the oracle column \"{column}\" must be numeric"),
            }
        }
    };

    let models: Vec<ModelArg> = if args.models.is_empty() {
        vec![
            ModelArg::Auto,
            ModelArg::Study,
            ModelArg::LinearCox,
            ModelArg::SplineCox,
        ]
    } else {
        args.models.clone()
    };
    // Splits stratified by entity and event.
    let strata: Vec<u32> = (0..cohort.len())
        .map(|i| {
            let e = cohort.entity().map_or(0, |c| c.codes()[i]);
            e.saturating_mul(2) + u32::from(cohort.event()[i])
        })
        .collect();
    let mut rows = Vec::new();
    let mut splits = Vec::new();
    for seed in 0..args.seeds {
        let (train_rows, test_rows) =
            holdout_split(cohort.len(), Some(&strata), args.test_fraction, seed)?;
        let train = cohort.subset(&train_rows)?;
        let test = cohort.subset(&test_rows)?;
        if let Some(o) = &oracle {
            let risk: Vec<f64> = test_rows.iter().map(|&i| o[i]).collect();
            rows.push(Row {
                model: "oracle",
                seed,
                harrell_c: harrell_c(test.time(), test.event(), &risk)
                    .ok()
                    .map(|c| c.index),
                seconds: 0.0,
            });
        }
        for &m in &models {
            let contender = m.contender();
            let start = Instant::now();
            let fitted = fit_contender(contender, &train, seed, || ControlFlow::Continue(()))
                .with_context(|| format!("{} on split {seed}", contender.label()))?;
            let seconds = start.elapsed().as_secs_f64();
            let c = held_out_c(&fitted, &test)?;
            if let Fitted::Network(bundle) = &fitted
                && let Some(choice) = bundle.auto_choice()
            {
                for (i, score) in choice.scores.iter().enumerate() {
                    eprintln!(
                        "  {} {}: validation loss {:.4}, C {:.4} over {} folds",
                        if i == choice.chosen { "*" } else { " " },
                        score.candidate.describe(),
                        score.validation_loss,
                        score.validation_c,
                        score.folds
                    );
                }
                eprintln!(
                    "  linear: penalizer {}, validation loss {:.4}, C {:.4}; weight {} (losses {:?})",
                    choice.linear.penalizer,
                    choice.linear.validation_loss,
                    choice.linear.validation_c,
                    choice.linear_weight,
                    choice.blend_losses
                );
                eprintln!(
                    "  calibration slope {:.3}, out-of-fold C {:?}, mean steps {:.0}",
                    choice.calibration.slope, choice.out_of_fold_c, choice.mean_steps
                );
            }
            eprintln!(
                "split {seed}: {:<20} held-out Harrell's C {}  ({seconds:.1} s)",
                contender.label(),
                c.map_or_else(|| "undefined".to_owned(), |c| format!("{c:.4}"))
            );
            rows.push(Row {
                model: contender.label(),
                seed,
                harrell_c: c,
                seconds,
            });
        }
        splits.push(Split {
            seed,
            test: test_rows,
        });
    }
    if let Some(path) = &args.splits {
        let text = serde_json::to_string(&Splits { seeds: splits })?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        return print_json(&Output {
            cohort: args.data.display().to_string(),
            patients: cohort.len(),
            events: cohort.event_count(),
            test_fraction: args.test_fraction,
            results: &rows,
        });
    }
    let mut text = format!(
        "{}: {} patients, {} events; {} splits holding out {:.0}%\n",
        args.data.display(),
        cohort.len(),
        cohort.event_count(),
        args.seeds,
        100.0 * args.test_fraction
    );
    let mut names: Vec<&str> = rows.iter().map(|r| r.model).collect();
    names.dedup();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let cs: Vec<f64> = rows
            .iter()
            .filter(|r| r.model == name)
            .filter_map(|r| r.harrell_c)
            .collect();
        let secs: f64 = rows
            .iter()
            .filter(|r| r.model == name)
            .map(|r| r.seconds)
            .sum::<f64>()
            / args.seeds.max(1) as f64;
        let mean = cs.iter().sum::<f64>() / cs.len().max(1) as f64;
        text.push_str(&format!(
            "{name:<22} mean held-out Harrell's C {mean:.4} over {} splits, {secs:.1} s per fit\n",
            cs.len()
        ));
    }
    print_text(&text)
}
