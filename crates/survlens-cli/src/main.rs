//! `survlens`: the command-line face of the survlens libraries. Each subcommand parses its
//! arguments, calls the libraries and prints readable or machine-readable (`--json`) output;
//! no modelling logic lives here. Any error goes to stderr with exit code 2; problems with a
//! cohort file name the file, row and column.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod benchmark;
mod calibrate_interactions;
mod calibrate_views;
mod cindex;
mod common;
mod cox;
mod default_model;
mod demo;
mod encode;
mod explain;
mod fhir;
mod fidelity;
mod import_onnx;
mod importance;
mod interactions;
mod km;
mod new_patient;
mod overtime;
mod predict;
mod profile;
mod stability;
mod synth;
mod train;

/// Explain survival predictions in oncology: deep Cox networks and layer-wise relevance
/// propagation.
#[derive(Parser)]
#[command(name = "survlens", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the page's demo natively: synthetic cohort, training, LRP for every patient.
    Demo(demo::Args),
    /// Train the page's default model on the synthetic pan-cancer cohort (reproducible).
    DefaultModel(default_model::Args),
    /// Write a synthetic cohort with planted truth: cohort CSV, truth JSON, contributions.
    Synth(synth::Args),
    /// Read a FHIR R4 export (Bundles, bulk-export NDJSON) into a cohort CSV, with a
    /// mapping report.
    Fhir(fhir::Args),
    /// Fidelity of a model and its LRP explanation to a synthetic cohort's planted truth.
    Fidelity(fidelity::Args),
    /// Linear Cox proportional-hazards regression of a cohort file.
    Cox(cox::Args),
    /// Kaplan-Meier curves with 95% intervals, and the log-rank test between groups.
    Km(km::Args),
    /// Concordance index (Harrell's or Uno's) of a risk column.
    Cindex(cindex::Args),
    /// Train a deep Cox network (the auto recipe, or the study's) and write a model file.
    Train(train::Args),
    /// The network by each recipe beside linear and spline Cox models on the same splits.
    Benchmark(benchmark::Args),
    /// Write a cohort's design matrix and encoding for training elsewhere (e.g. PyTorch DDP).
    Encode(encode::Args),
    /// Turn a network trained elsewhere (ONNX) on `encode`'s design matrix into a model file.
    ImportOnnx(import_onnx::Args),
    /// Apply a model file to a cohort file: log-risk, risk group, survival, median.
    Predict(predict::Args),
    /// Relevance of every marker for every patient (LRP), as a CSV table.
    Explain(explain::Args),
    /// One marker varied over its observed range in a demo session: a patient's risk and
    /// survival (ceteris paribus), or the cohort's partial dependence and accumulated local
    /// effects.
    Profile(profile::Args),
    /// How stable a patient's explanation is in a demo session: its top markers under
    /// small changes of the measured values and across the networks averaged in the model.
    Stability(stability::Args),
    /// A new patient, one CSV row, explained against a demo session as the page's New
    /// patient form explains it: risk, group, percentile and every marker's relevance.
    NewPatient(new_patient::Args),
    /// A patient's explanation over time in a demo session: each marker's contribution to
    /// the predicted survival at every time (SurvSHAP(t)), against reference patients.
    Overtime(overtime::Args),
    /// Cohort-level marker importance (mean |relevance|) and the key markers.
    Importance(importance::Args),
    /// Prognostic interactions: pairs screened in cross-fitted networks, confirmed on
    /// held-out outcomes (or network couplings, not tested against outcomes).
    Interactions(interactions::Args),
    /// The default interaction method on synthetic cohorts with known truth: false
    /// declarations on additive cohorts, power on planted ones against an oracle test.
    CalibrateInteractions(calibrate_interactions::Args),
    /// What the Cohort and Markers views declare (the risk groups' log-rank test, the key
    /// markers) on teaching cohorts with shuffled outcomes (nothing to find) and as
    /// generated (planted effects).
    CalibrateViews(calibrate_views::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<()> = match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::DefaultModel(args) => default_model::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Fhir(args) => fhir::run(&args),
        Command::Fidelity(args) => fidelity::run(&args),
        Command::Cox(args) => cox::run(&args),
        Command::Km(args) => km::run(&args),
        Command::Cindex(args) => cindex::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Benchmark(args) => benchmark::run(&args),
        Command::Encode(args) => encode::run(&args),
        Command::ImportOnnx(args) => import_onnx::run(&args),
        Command::Predict(args) => predict::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Profile(args) => profile::run(&args),
        Command::Stability(args) => stability::run(&args),
        Command::NewPatient(args) => new_patient::run(&args),
        Command::Overtime(args) => overtime::run(&args),
        Command::Importance(args) => importance::run(&args),
        Command::Interactions(args) => interactions::run(&args),
        Command::CalibrateInteractions(args) => calibrate_interactions::run(&args),
        Command::CalibrateViews(args) => calibrate_views::run_calibration(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("survlens: {e:#}");
            ExitCode::from(2)
        }
    }
}
