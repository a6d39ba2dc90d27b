//! `survlens benchmark`: the network by each recipe beside the linear and spline Cox
//! models, on the same stratified training/test splits, judged by Harrell's C on the test
//! patients (see `survlens_model::comparison`).
//!
//! Two designs:
//! - **Splits** (default): seed `s` holds out `--test-fraction` of every stratum (entity x
//!   event) of `--data` with `survlens_model::holdout_split`; each model trains on the rest.
//! - **External validation** (`--validation-data FILE`): every model trains on all of
//!   `--data` and is tested on every patient of the other file (Rotterdam -> GBSG); the
//!   seeds then vary only the training (weights, folds, shuffles).
//!
//! `--splits FILE` writes the patients of each seed so that other libraries can be run on
//! exactly the same patients (`tools/bench/model_peers.py`):
//!
//! ```json
//! {"design": "splits" | "external", "test_fraction": 0.3 | null,
//!  "data": "<--data>", "validation_data": "<--validation-data>" | null,
//!  "seeds": [{"seed": 0, "train": [rows of --data], "test": [rows]}]}
//! ```
//!
//! Rows are 0-based data rows (the header is not a row); `test` rows index `--data` in the
//! splits design and the validation file in the external one; both lists are ascending.
//!
//! `--json` prints `{"cohort", "patients", "events", "markers", "design", "test_fraction",
//! "validation": null | {"cohort", "patients", "events"}, "results": [{"model", "seed",
//! "harrell_c", "seconds"}]}`; `seconds` is the wall-clock time of the fit (preprocessing
//! and any inner validation included, prediction excluded). A true log-hazard (a synthetic
//! cohort's `log_hazard`) is scored as the model `oracle` on the same test patients: a
//! column of the tested file (`--oracle COL`), or a column of another file joined by
//! patient id (`--oracle COL --oracle-file FILE`, e.g. the `--contributions` file of
//! `survlens synth`).

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::{Cohort, ColumnRoles, ImportOptions, MarkerKind, MarkerValues};
use survlens_model::comparison::{Contender, Fitted, fit_contender, held_out_c};
use survlens_model::{harrell_c, holdout_split};

use crate::common::{CohortArgs, CohortFile, InputArgs, print_json, print_text};

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
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    cohort: CohortArgs,
    /// External validation: train on all of --data, test on every patient of this file
    /// (the same marker columns; time, event and id columns of the same names).
    #[arg(long)]
    validation_data: Option<PathBuf>,
    /// Cancer entity column: stratifies the splits and becomes one-hot inputs.
    #[arg(long)]
    entity: Option<String>,
    /// Patient id column [default: guessed from the header; never a marker].
    #[arg(long)]
    id: Option<String>,
    /// Columns to leave out of the markers, comma separated.
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// Marker columns to read as categories even when they hold numbers (codes such as
    /// ECOG 0-4), comma separated.
    #[arg(long, value_delimiter = ',')]
    categorical: Vec<String>,
    /// Each patient's true log-hazard (synthetic cohorts): a column of the tested file,
    /// never a marker, or of --oracle-file; scored as the model `oracle`.
    #[arg(long)]
    oracle: Option<String>,
    /// A file holding the --oracle column, joined to the tested patients by the patient
    /// id column (same name in both files), e.g. the contributions of `survlens synth`.
    #[arg(long, requires = "oracle")]
    oracle_file: Option<PathBuf>,
    /// Number of seeds (0, 1, ...): splits, or trainings in external validation.
    #[arg(long, default_value_t = 3)]
    seeds: u64,
    /// Share of each stratum held out as test patients (splits design only).
    #[arg(long, default_value_t = 0.3)]
    test_fraction: f64,
    /// Models to run, comma separated [default: all].
    #[arg(long, value_enum, value_delimiter = ',')]
    models: Vec<ModelArg>,
    /// Write the training and test patients of every seed as JSON here.
    #[arg(long)]
    splits: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
}

/// One fit of one model on one seed.
#[derive(Serialize)]
struct Row {
    model: &'static str,
    seed: u64,
    harrell_c: Option<f64>,
    seconds: f64,
}

/// The tested cohort of the external design.
#[derive(Serialize)]
struct Validation {
    cohort: String,
    patients: usize,
    events: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    cohort: String,
    patients: usize,
    events: usize,
    markers: usize,
    design: &'static str,
    test_fraction: Option<f64>,
    validation: Option<Validation>,
    results: &'a [Row],
}

#[derive(Serialize)]
struct Split {
    seed: u64,
    train: Vec<usize>,
    test: Vec<usize>,
}

#[derive(Serialize)]
struct Splits {
    design: &'static str,
    test_fraction: Option<f64>,
    data: String,
    validation_data: Option<String>,
    seeds: Vec<Split>,
}

/// Runs every model on every seed and prints the table.
pub fn run(args: &Args) -> Result<()> {
    let file = CohortFile::open(&args.cohort.data)?;
    let options = args.input.options()?;
    let id = file.id_column(args.id.as_deref(), &options)?;
    let header = file.header()?;
    for x in args.exclude.iter().chain(&args.categorical) {
        if !header.contains(x) {
            bail!("{}: no column \"{x}\"", args.cohort.data.display());
        }
    }
    let taken = [
        Some(&args.cohort.time),
        Some(&args.cohort.event),
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
    if let Some(c) = args.categorical.iter().find(|c| !markers.contains(c)) {
        bail!("--categorical names \"{c}\", which is not a marker column");
    }
    let mut roles = ColumnRoles::new(&args.cohort.time, &args.cohort.event);
    roles.id = id.clone();
    roles.entity = args.entity.clone();
    roles.markers = Some(markers.clone());
    for c in &args.categorical {
        roles = roles.with_kind(c, MarkerKind::Categorical);
    }
    let cohort = file.import(&roles, &options)?;

    // The external cohort is read with the development cohort's kinds, so that a column
    // whose values happen to be 0/1 there is not a different kind of input here.
    let validation = match &args.validation_data {
        None => None,
        Some(path) => {
            let vfile = CohortFile::open(path)?;
            let mut vroles = roles.clone();
            for m in cohort.markers() {
                vroles = vroles.with_kind(m.name(), m.kind());
            }
            let vcohort = vfile.import(&vroles, &options)?;
            Some((path.as_path(), vfile, vroles, vcohort))
        }
    };
    // The oracle is scored on the tested file's patients.
    let oracle = match &validation {
        None => oracle_values(args, &file, &roles, &cohort, &options)?,
        Some((_, vfile, vroles, vcohort)) => oracle_values(args, vfile, vroles, vcohort, &options)?,
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
        let (train_rows, test_rows, train, test) = match &validation {
            None => {
                let (train_rows, test_rows) =
                    holdout_split(cohort.len(), Some(&strata), args.test_fraction, seed)?;
                let train = cohort.subset(&train_rows)?;
                let test = cohort.subset(&test_rows)?;
                (train_rows, test_rows, train, test)
            }
            Some((_, _, _, vcohort)) => (
                (0..cohort.len()).collect(),
                (0..vcohort.len()).collect(),
                cohort.clone(),
                vcohort.clone(),
            ),
        };
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
                .with_context(|| format!("{} on seed {seed}", contender.label()))?;
            let seconds = start.elapsed().as_secs_f64();
            let c = held_out_c(&fitted, &test)?;
            if let Fitted::Network(bundle) = &fitted
                && let Some(choice) = bundle.auto_choice()
            {
                eprint!("{}", crate::train::describe_choice(choice));
            }
            eprintln!(
                "seed {seed}: {:<20} held-out Harrell's C {}  ({seconds:.1} s)",
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
            train: train_rows,
            test: test_rows,
        });
    }

    let design = if validation.is_some() {
        "external"
    } else {
        "splits"
    };
    let test_fraction = validation.is_none().then_some(args.test_fraction);
    if let Some(path) = &args.splits {
        let text = serde_json::to_string(&Splits {
            design,
            test_fraction,
            data: args.cohort.data.display().to_string(),
            validation_data: args
                .validation_data
                .as_ref()
                .map(|p| p.display().to_string()),
            seeds: splits,
        })?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let tested = validation.as_ref().map(|(path, _, _, v)| Validation {
        cohort: path.display().to_string(),
        patients: v.len(),
        events: v.event_count(),
    });
    if args.json {
        return print_json(&Output {
            cohort: args.cohort.data.display().to_string(),
            patients: cohort.len(),
            events: cohort.event_count(),
            markers: cohort.markers().len(),
            design,
            test_fraction,
            validation: tested,
            results: &rows,
        });
    }
    print_text(&table(args, &cohort, tested.as_ref(), &rows))
}

/// The readable summary: mean and spread of the held-out C per model.
fn table(args: &Args, cohort: &Cohort, tested: Option<&Validation>, rows: &[Row]) -> String {
    let mut text = format!(
        "{}: {} patients, {} events, {} markers; ",
        args.cohort.data.display(),
        cohort.len(),
        cohort.event_count(),
        cohort.markers().len(),
    );
    match tested {
        None => text.push_str(&format!(
            "{} splits holding out {:.0}%\n",
            args.seeds,
            100.0 * args.test_fraction
        )),
        Some(v) => text.push_str(&format!(
            "trained on all, tested on {} ({} patients, {} events), {} seeds\n",
            v.cohort, v.patients, v.events, args.seeds
        )),
    }
    let mut names: Vec<&str> = rows.iter().map(|r| r.model).collect();
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
        let n = cs.len().max(1) as f64;
        let mean = cs.iter().sum::<f64>() / n;
        let sd = if cs.len() > 1 {
            (cs.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        text.push_str(&format!(
            "{name:<22} mean held-out Harrell's C {mean:.4} (sd {sd:.4}) over {} seeds, \
             {secs:.1} s per fit\n",
            cs.len()
        ));
    }
    text
}

/// The true log-hazard of every patient of `cohort` (read from `file` with `roles`), from
/// the `--oracle` column of that file or of `--oracle-file`; `None` without `--oracle`.
fn oracle_values(
    args: &Args,
    file: &CohortFile,
    roles: &ColumnRoles,
    cohort: &Cohort,
    options: &ImportOptions,
) -> Result<Option<Vec<f64>>> {
    let Some(column) = &args.oracle else {
        return Ok(None);
    };
    if let Some(path) = &args.oracle_file {
        let Some(id) = &roles.id else {
            bail!("--oracle-file joins by patient id, but the cohort has no id column (give --id)");
        };
        let by_id = read_oracle_file(path, id, column)?;
        let values = (0..cohort.len())
            .map(|i| {
                by_id.get(cohort.id(i)).copied().with_context(|| {
                    format!(
                        "{}: no row for patient \"{}\" (column \"{id}\")",
                        path.display(),
                        cohort.id(i)
                    )
                })
            })
            .collect::<Result<Vec<f64>>>()?;
        return Ok(Some(values));
    }
    let mut with = roles.clone();
    with.markers = Some(vec![column.clone()]);
    with.kinds.clear();
    let c = file.import(&with, options)?;
    match c.marker(column).map(|m| m.values()) {
        Some(MarkerValues::Numeric(v) | MarkerValues::Binary(v)) => {
            Ok(Some(v.iter().map(|&x| f64::from(x)).collect()))
        }
        _ => bail!("the oracle column \"{column}\" must be numeric"),
    }
}

/// Column `column` of the CSV file `path` by the values of its column `id`, read by the
/// cohort importer like every other file (so a bad cell is named by row and column): every
/// value must be a number (no missing value) and every id unique.
fn read_oracle_file(path: &Path, id: &str, column: &str) -> Result<HashMap<String, f64>> {
    let file = CohortFile::open(path)?;
    let roles = ColumnRoles {
        id: Some(id.to_owned()),
        markers: Some(vec![column.to_owned()]),
        kinds: [(column.to_owned(), MarkerKind::Numeric)].into(),
        ..ColumnRoles::default()
    };
    let options = ImportOptions {
        require_events: false,
        require_outcome: false,
        require_markers: true,
        ..ImportOptions::default()
    };
    let cohort = file.import(&roles, &options)?;
    let Some(MarkerValues::Numeric(values)) = cohort.marker(column).map(|m| m.values()) else {
        bail!(
            "{}: the oracle column \"{column}\" must be numeric",
            file.name()
        );
    };
    Ok((0..cohort.len())
        .map(|i| (cohort.id(i).to_owned(), f64::from(values[i])))
        .collect())
}
