//! `survlens fhir`: a FHIR R4 export (Bundles, bulk-export NDJSON, KDS transaction Bundles)
//! to a cohort CSV that `predict`, `explain` and the page read, with the mapping report.
//!
//! `--data` is a file or a folder (every `.json`, `.ndjson` and `.jsonl` file in it, in name
//! order). The markers are every dictionary marker FHIR can fill, or, with `--model`, the
//! model file's markers in its order. The report goes to stdout: readable, or with `--json`
//! one line of JSON (`survlens_fhir::MappingReport`, a stable contract). The CSV has no
//! time and event columns: it is a file of patients to predict and explain.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use survlens_fhir::{Input, ReadOptions, date};
use survlens_model::bundle::ModelBundle;

use crate::common::{print_json, print_text, read_bytes};

/// Arguments of `survlens fhir`.
#[derive(clap::Args)]
pub struct Args {
    /// A FHIR file (Bundle JSON, NDJSON of resources or of Bundles) or a folder of them.
    #[arg(long)]
    data: PathBuf,
    /// The cohort CSV to write: patient_id, entity, one column per marker.
    #[arg(long)]
    out: PathBuf,
    /// Fill the markers this survlens model file needs, in its order.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Use each marker's most recent value on or before this day (YYYY-MM-DD), count
    /// diagnoses and drugs up to it, and give ages on it [default: the latest value of
    /// each marker; ages on each patient's latest record].
    #[arg(long, value_name = "YYYY-MM-DD")]
    index_date: Option<String>,
    /// Print the mapping report as one line of JSON.
    #[arg(long)]
    json: bool,
}

/// The files `path` names: itself, or the FHIR files of a folder in name order.
fn files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read the folder {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "json" | "ndjson" | "jsonl"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{} holds no .json, .ndjson or .jsonl file", path.display());
    }
    Ok(files)
}

/// Reads the export, writes the cohort and prints the report.
pub fn run(args: &Args) -> Result<()> {
    let index_date = match &args.index_date {
        Some(text) => Some(
            date::parse(text)
                .filter(|_| text.len() == 10)
                .with_context(|| format!("--index-date: \"{text}\" is not a date YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let markers = match &args.model {
        Some(path) => {
            let bundle = ModelBundle::from_slice(&read_bytes(path)?)
                .with_context(|| format!("{}", path.display()))?;
            Some(
                bundle
                    .encoder()
                    .markers()
                    .iter()
                    .map(|m| m.name.clone())
                    .collect(),
            )
        }
        None => None,
    };
    let paths = files(&args.data)?;
    let contents: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            read_bytes(p).map(|b| (name, b))
        })
        .collect::<Result<_>>()?;
    let inputs: Vec<Input<'_>> = contents
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let imported = survlens_fhir::read(
        &inputs,
        &ReadOptions {
            index_date,
            markers,
        },
    )
    .map_err(|e| anyhow::anyhow!("[{}] {e}", e.code()))?;
    let mut csv = Vec::new();
    survlens_data::write_csv(&imported.cohort, &mut csv)?;
    std::fs::write(&args.out, csv).with_context(|| format!("writing {}", args.out.display()))?;
    if args.json {
        print_json(&imported.report)
    } else {
        print_text(&format!(
            "{}\nWrote {} patients, {} markers to {}\n",
            imported.report,
            imported.cohort.len(),
            imported.cohort.markers().len(),
            args.out.display()
        ))
    }
}
