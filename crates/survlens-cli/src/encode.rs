//! `survlens encode`: a cohort file as the design matrix an external trainer reads (for
//! example `tools/ddp/train_ddp.py`, PyTorch DistributedDataParallel), and the encoding
//! file `survlens import-onnx` needs to turn the trained network into a model file (see
//! `survlens_model::external`).
//!
//! The held-out split is fold 0 of the entity-stratified `--folds` assignment for `--seed`
//! (test half, validation half; the other folds train), the same scheme as the page's
//! training and the default model; the preprocessing is fitted on the training patients
//! only.
//!
//! The design matrix (CSV, a stable contract): a header, then one row per patient in
//! cohort order: `id`, `split` (`train`, `validation` or `test`), `time`, `event` (0/1),
//! then one column per network input, named after the encoding's features, each value the
//! shortest text that reads back to the same `f32`. The first four columns are fixed
//! whatever the features are called.
//!
//! `--json` prints `{"design": path, "encoder": path, "patients": n, "events": d,
//! "markers": m, "features": p, "train": a, "validation": b, "test": c}`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::{EncoderConfig, Scaling};
use survlens_model::bundle::OutcomeColumns;
use survlens_model::external::{EncodingFile, SplitRole};

use crate::common::{CohortArgs, CohortFile, InputArgs, RoleFlags, print_json, print_text};

/// Scaling of numeric markers, when not the preprocessing's default.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ScalingArg {
    /// To [0, 1] by the training minimum and maximum (the study).
    MinMax,
    /// To mean 0, standard deviation 1.
    ZScore,
}

/// Arguments of `survlens encode`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    cohort: CohortArgs,
    /// Cancer entity column: stratifies the split and becomes one-hot inputs.
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
    /// Scaling of numeric markers [default: the preprocessing's default, as `survlens train`].
    #[arg(long, value_enum)]
    scaling: Option<ScalingArg>,
    /// Add the 1 - x mirror of every input (min-max scaling only).
    #[arg(long)]
    mirror: bool,
    /// Folds of the split; fold 0 is held out and halved into test and validation patients.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the split.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Where to write the design matrix (CSV).
    #[arg(long)]
    out: PathBuf,
    /// Where to write the encoding file (JSON) for `survlens import-onnx`.
    #[arg(long)]
    encoder: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Summary {
    design: String,
    encoder: String,
    patients: usize,
    events: usize,
    markers: usize,
    features: usize,
    train: usize,
    validation: usize,
    test: usize,
}

/// Fits the encoding, writes both files and prints the summary.
pub fn run(args: &Args) -> Result<()> {
    if args.folds < 2 {
        bail!(
            "--folds must be at least 2 (fold 0 is held out and halved into test and \
             validation patients), is {}",
            args.folds
        );
    }
    let file = CohortFile::open(&args.cohort.data)?;
    let options = args.input.options()?;
    let roles = file.roles(
        &RoleFlags {
            time: &args.cohort.time,
            event: &args.cohort.event,
            id: args.id.as_deref(),
            entity: args.entity.as_deref(),
            markers: args.markers.as_deref(),
            exclude: &args.exclude,
        },
        &options,
    )?;
    let cohort = file.import(&roles, &options)?;
    let mut config = EncoderConfig {
        mirror: args.mirror,
        ..EncoderConfig::default()
    };
    match args.scaling {
        Some(ScalingArg::MinMax) => config.scaling = Scaling::MinMax,
        Some(ScalingArg::ZScore) => config.scaling = Scaling::ZScore,
        None => {}
    }
    let columns = cohort.columns();
    let encoding = EncodingFile::fit(
        &cohort,
        &config,
        args.folds,
        args.seed,
        OutcomeColumns {
            id: roles.id.clone(),
            time: columns.time.clone(),
            event: columns.event.clone(),
            entity: columns.entity.clone(),
            time_unit: args.time_unit.clone(),
        },
    )
    .with_context(|| format!("{}", args.cohort.data.display()))?;
    let design = encoding.encoder.transform(cohort.view())?.design;

    let sink = std::fs::File::create(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(sink));
    let map = encoding.encoder.feature_map();
    let mut header = vec![
        "id".to_owned(),
        "split".into(),
        "time".into(),
        "event".into(),
    ];
    header.extend(map.names().map(str::to_owned));
    out.write_record(&header)?;
    let roles_of = encoding.split.roles();
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for (i, id) in cohort.ids().enumerate() {
        row.clear();
        row.push(id.to_owned());
        row.push(roles_of[i].name().to_owned());
        row.push(cohort.time()[i].to_string());
        row.push(u8::from(cohort.event()[i]).to_string());
        row.extend(design.row(i).iter().map(f32::to_string));
        out.write_record(&row)?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let mut text = encoding.to_json()?;
    text.push('\n');
    std::fs::File::create(&args.encoder)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .with_context(|| format!("cannot write {}", args.encoder.display()))?;

    let count = |role| roles_of.iter().filter(|&&r| r == role).count();
    let summary = Summary {
        design: args.out.display().to_string(),
        encoder: args.encoder.display().to_string(),
        patients: cohort.len(),
        events: cohort.event_count(),
        markers: map.n_markers(),
        features: map.len(),
        train: count(SplitRole::Train),
        validation: count(SplitRole::Validation),
        test: count(SplitRole::Test),
    };
    if args.json {
        return print_json(&summary);
    }
    print_text(&format!(
        "encoded {} patients ({} events): {} markers -> {} network inputs\n\
         split (fold 0 of {}, seed {}): {} train, {} validation, {} test; preprocessing \
         fitted on the training patients\n\
         design matrix written to {}, encoding to {}\n",
        summary.patients,
        summary.events,
        summary.markers,
        summary.features,
        args.folds,
        args.seed,
        summary.train,
        summary.validation,
        summary.test,
        summary.design,
        summary.encoder
    ))
}
