//! `survlens import-onnx`: a deep Cox network trained outside survlens on the design matrix
//! of `survlens encode` (for example by `tools/ddp/train_ddp.py`, PyTorch
//! DistributedDataParallel) and exported to ONNX becomes a complete survlens model file:
//! the encoding's preprocessing, the network, the Breslow baseline and risk groups fitted on
//! the training patients, and the validation and held-out test figures, as `survlens train`
//! writes them (see `survlens_model::external`). `predict`, `explain` and the page read it
//! like their own.
//!
//! The graph must be a chain of dense layers (Gemm, or MatMul + Add) with ReLU between them;
//! anything else is refused naming the node. The training record comes from the ONNX file's
//! metadata entry `survlens.training` (what the DDP script writes), or from `--training`.
//! Time, event, id and entity columns are those recorded in the encoding file.
//!
//! `--json` prints `{"model": path, "patients": n, "events": d, "markers": m, "inputs": p,
//! "out_of_fold": {...}, "final_fit": {...}, "external_training": {...}}`, the last three
//! as stored in the model file.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::ColumnRoles;
use survlens_model::bundle::{FinalFit, OutOfFoldMetrics};
use survlens_model::external::{EncodingFile, ExternalProvenance, TrainingRecord, bundle_external};
use survlens_xai::import_onnx;

use crate::common::{CohortFile, InputArgs, print_json, print_text, read_bytes};

/// The ONNX metadata key of the training record.
pub const RECORD_KEY: &str = "survlens.training";

/// Equal-sized risk groups on the training log-risks, as `survlens train` makes.
const RISK_GROUPS: usize = 3;

/// Arguments of `survlens import-onnx`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// The network, exported to ONNX.
    #[arg(long)]
    onnx: PathBuf,
    /// The encoding file `survlens encode` wrote for the design matrix it trained on.
    #[arg(long)]
    encoder: PathBuf,
    /// The cohort file given to `survlens encode`.
    #[arg(long)]
    data: PathBuf,
    /// Training record (JSON) [default: the ONNX file's `survlens.training` metadata].
    #[arg(long)]
    training: Option<PathBuf>,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
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
    external_training: &'a ExternalProvenance,
}

/// Converts, writes the model file and prints the summary.
pub fn run(args: &Args) -> Result<()> {
    let onnx_name = args.onnx.display().to_string();
    let onnx = import_onnx(&read_bytes(&args.onnx)?).with_context(|| onnx_name.clone())?;
    let record_text = match &args.training {
        Some(path) => String::from_utf8(read_bytes(path)?)
            .with_context(|| format!("{}: not UTF-8 text", path.display()))?,
        None => match onnx.metadata_value(RECORD_KEY) {
            Some(text) => text.to_owned(),
            None => bail!(
                "{onnx_name}: the network file has no \"{RECORD_KEY}\" metadata entry (the \
                 training record tools/ddp/train_ddp.py writes); give the record with --training"
            ),
        },
    };
    let record_source = args.training.as_ref().map_or_else(
        || format!("{onnx_name} ({RECORD_KEY})"),
        |p| p.display().to_string(),
    );
    let record = TrainingRecord::from_json(&record_text).with_context(|| record_source.clone())?;
    let encoding = EncodingFile::from_slice(&read_bytes(&args.encoder)?)
        .with_context(|| args.encoder.display().to_string())?;

    let file = CohortFile::open(&args.data)?;
    let c = &encoding.columns;
    let mut roles = ColumnRoles::new(&c.time, &c.event);
    roles.id = c.id.clone();
    roles.entity = c.entity.clone();
    roles.markers = Some(
        encoding
            .encoder
            .markers()
            .iter()
            .map(|m| m.name.clone())
            .collect(),
    );
    roles.kinds = encoding.encoder.marker_kinds();
    let options = args.input.options()?;
    let cohort = file.import(&roles, &options)?;

    let model = bundle_external(
        &cohort,
        &encoding,
        onnx.net,
        &record,
        &onnx.producer,
        RISK_GROUPS,
    )
    .with_context(|| {
        format!(
            "{onnx_name} with {} on {}",
            args.encoder.display(),
            args.data.display()
        )
    })?;
    std::fs::write(&args.out, model.to_json()?)
        .with_context(|| format!("cannot write {}", args.out.display()))?;

    let bundle = &model.bundle;
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
            external_training: &model.provenance,
        });
    }
    let show = |x: Option<f64>| x.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.4}"));
    let r = &model.provenance.record;
    let how = match &r.distribution {
        Some(d) => format!(
            "{}, {} processes, {} backend",
            d.strategy, d.world_size, d.backend
        ),
        None => "one process".to_owned(),
    };
    let mut text = format!("{bundle}\n");
    text.push_str(&format!(
        "trained by {} ({}, {how}); network file written by {}\n",
        r.trainer,
        r.framework,
        if onnx.producer.is_empty() {
            "an unnamed program"
        } else {
            &onnx.producer
        }
    ));
    if let Some(m) = &metrics.out_of_fold {
        text.push_str(&format!(
            "held-out test patients ({}): Harrell's C {} (the trainer measured {}), Antolini's \
             C {}, integrated Brier score {}\n",
            m.n_test,
            show(m.harrell_c),
            show(r.fit.test_harrell_c),
            show(m.antolini_c),
            show(m.integrated_brier_score)
        ));
    }
    let f = &metrics.final_fit;
    text.push_str(&format!(
        "final network: {} training and {} validation patients (validation Harrell's C {}), \
         {} epochs, best epoch {}; baseline hazard and risk groups fitted on the training \
         patients\n",
        f.n_train,
        f.n_validation,
        show(f.validation_harrell_c),
        f.epochs,
        f.best_epoch
            .map_or_else(|| "none".to_owned(), |e| e.to_string())
    ));
    text.push_str(&format!("model written to {}\n", args.out.display()));
    print_text(&text)
}
