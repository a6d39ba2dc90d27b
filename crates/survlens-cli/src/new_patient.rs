//! `survlens new-patient`: a new patient, given as one CSV row with its header line (or
//! without, in the template's column order), explained against one of the page's demo
//! sessions as the Patient view explains a patient typed into its form.
//!
//! Output (CSV, a stable contract): `figure,marker,value` rows: `risk` (the log-risk),
//! `risk_group` (`low`, `intermediate`, `high`), `percentile` (share of the cohort at or
//! below), `outside_observed` per value outside the cohort's observed range, then one
//! `relevance` row per marker in the model's marker order. With `--template` only the
//! template's header line is written. Numbers are the shortest text that reads back to the
//! same value.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use survlens_app::views::new_patient::NewPatientForm;
use survlens_app::views::patient_reference::Explanation;
use survlens_app::views::patient_report::{PatientEngine, PatientReport};
use survlens_app::views::whatif::{Edits, WhatIf};

use crate::demo::Demo;

/// Arguments of `survlens new-patient`.
#[derive(clap::Args)]
pub struct Args {
    /// Which demo session the patient is explained against.
    #[arg(long, value_enum, default_value_t = Demo::PanCancer)]
    cohort: Demo,
    /// The patient: one CSV row, with its header line above it (columns by name) or
    /// without (the template's columns in order).
    #[arg(long, required_unless_present = "template")]
    row: Option<String>,
    /// Write the template's header line instead of explaining a patient.
    #[arg(long)]
    template: bool,
    /// Output CSV file.
    #[arg(long)]
    out: PathBuf,
}

/// Runs the demo job and writes the new patient's explanation (or the template).
pub fn run(args: &Args) -> Result<()> {
    let session = args.cohort.session()?;
    let form = NewPatientForm::build(&session);
    let write = |text: String| {
        std::fs::write(&args.out, text)
            .with_context(|| format!("cannot write {}", args.out.display()))
    };
    let Some(row) = args.row.as_deref().filter(|_| !args.template) else {
        return write(form.template());
    };
    let pasted = form.paste(row)?;
    if let Some((_, e)) = pasted.problems.first() {
        return Err(anyhow!("{e}"));
    }
    for column in &pasted.unknown {
        eprintln!("survlens: column {column} is no marker of the model; ignored");
    }
    let read = form.read(&pasted.texts).map_err(|problems| {
        anyhow!(
            "{}",
            problems
                .iter()
                .map(|(_, e)| e.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        )
    })?;
    let mut engine = PatientEngine::new(&session);
    let report = PatientReport::build_new(
        &session,
        &mut engine,
        &read.values,
        &Edits::default(),
        Explanation::Study,
    )
    .map_err(|f| anyhow!("{f}"))?;
    // The relevance of every marker, not only the waterfall's.
    let scenario = WhatIf::new(&session)?.evaluate(&session, &read.values)?;
    let mut out = csv::Writer::from_path(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    out.write_record(["figure", "marker", "value"])?;
    out.write_record(["risk", "", &report.view.risk.to_string()])?;
    out.write_record(["risk_group", "", report.view.group.key()])?;
    out.write_record(["percentile", "", &report.view.percentile.to_string()])?;
    for o in &read.outside {
        let id = form.fields.get(o.field).map_or("", |f| f.id.as_str());
        out.write_record(["outside_observed", id, &o.value.to_string()])?;
    }
    for (m, r) in session.markers.iter().zip(&scenario.relevance) {
        out.write_record(["relevance", m.id.as_str(), &r.to_string()])?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
