//! `survlens profile`: one marker varied over its observed range in one of the page's
//! demo sessions or in a CSV file explained by a model file (or by the network trained on
//! it), as the Patient and Markers views show it.
//!
//! Output (CSV, a stable contract). For a patient (`--patient`, default the first): one
//! row per grid value, `value,value_text,risk,survival_1y,survival_2y,own`, the marker's
//! 5% quantiles (or each observed level) with the patient's own value among them (`own` 1)
//! and a last row for the marker missing (`value` empty). With `--cohort-effects`: one row
//! per grid value, `value,value_text,pdp,ale,ale_count`, the partial dependence and the
//! centred accumulated local effects (the count of the ALE bin that ends at the value, or
//! of the level; empty for a numeric marker's first value). Numbers are the shortest text
//! that reads back to the same value.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use survlens_app::views::marker_profile::{CohortEffects, MarkerProfile};
use survlens_app::views::whatif::WhatIf;

use crate::demo::{SessionArgs, patient_row};

/// Arguments of `survlens profile`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    session: SessionArgs,
    /// The marker varied, by its id (the relevance table's column name).
    #[arg(long)]
    marker: String,
    /// The patient, by id [default: the cohort's first patient].
    #[arg(long)]
    patient: Option<String>,
    /// The cohort's partial dependence and accumulated local effects instead of one
    /// patient's profile.
    #[arg(long)]
    cohort_effects: bool,
    /// Output CSV file.
    #[arg(long)]
    out: PathBuf,
}

/// Runs the session's job and writes the profile or the cohort's curves.
pub fn run(args: &Args) -> Result<()> {
    let session = args.session.session()?;
    let marker = session
        .markers
        .iter()
        .position(|m| m.id == args.marker)
        .ok_or_else(|| anyhow!("the cohort has no marker \"{}\"", args.marker))?;
    let whatif = WhatIf::new(&session)?;
    let mut out = csv::Writer::from_path(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if args.cohort_effects {
        let effects = CohortEffects::build(&session, &whatif, marker)?;
        out.write_record(["value", "value_text", "pdp", "ale", "ale_count"])?;
        for (k, p) in effects.points.iter().enumerate() {
            let count = if effects.heading.levels {
                effects.ale_counts.get(k).map(usize::to_string)
            } else {
                k.checked_sub(1)
                    .and_then(|b| effects.ale_counts.get(b))
                    .map(usize::to_string)
            };
            out.write_record([
                p.value.to_string(),
                p.text.clone(),
                p.pdp.to_string(),
                p.ale.to_string(),
                count.unwrap_or_default(),
            ])?;
        }
    } else {
        let patient = patient_row(&session, args.patient.as_deref())?;
        let profile = MarkerProfile::build(&session, &whatif, patient, marker)?;
        out.write_record([
            "value",
            "value_text",
            "risk",
            "survival_1y",
            "survival_2y",
            "own",
        ])?;
        for p in profile.points.iter().chain([&profile.missing]) {
            let value = if p.value.is_nan() {
                String::new()
            } else {
                p.value.to_string()
            };
            let survival = |k: usize| p.survival.get(k).map(f64::to_string).unwrap_or_default();
            out.write_record([
                value,
                p.text.clone(),
                p.risk.to_string(),
                survival(0),
                survival(1),
                u8::from(p.own).to_string(),
            ])?;
        }
    }
    out.flush()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
