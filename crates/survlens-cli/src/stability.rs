//! `survlens stability`: how stable one patient's explanation is in one of the page's demo
//! sessions or in a CSV file explained by a model file (or by the network trained on it),
//! as the Patient view's note says it.
//!
//! Output (CSV, a stable contract): one row per figure, `measure,figure,value`, the
//! perturbation's (`perturbed_copies`, `noise_fraction_of_iqr`, `moved_markers`, `top_k`,
//! `mean_overlap`, `min_overlap`, `top3_order_kept`, `sign_flips`) and the members'
//! (`members`, `mean_pairwise_overlap`, `in_every_top`, or `unavailable` with the reason's
//! code); then the note itself (`note,text,...`). Numbers are the shortest text that reads
//! back to the same value.

use std::path::PathBuf;

use anyhow::{Context, Result};
use survlens_app::views::patient_stability::Stability;
use survlens_app::views::whatif::WhatIf;

use crate::demo::{SessionArgs, patient_row};

/// Arguments of `survlens stability`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    session: SessionArgs,
    /// The patient, by id [default: the cohort's first patient].
    #[arg(long)]
    patient: Option<String>,
    /// Output CSV file.
    #[arg(long)]
    out: PathBuf,
}

/// Runs the session's job and writes the patient's stability figures.
pub fn run(args: &Args) -> Result<()> {
    let session = args.session.session()?;
    let patient = patient_row(&session, args.patient.as_deref())?;
    let whatif = WhatIf::new(&session)?;
    let stability = Stability::build(&session, &whatif, patient)?;
    let p = &stability.perturbation;
    let mut rows: Vec<[String; 3]> = vec![
        [
            "perturbation".into(),
            "perturbed_copies".into(),
            p.draws.to_string(),
        ],
        [
            "perturbation".into(),
            "noise_fraction_of_iqr".into(),
            p.fraction.to_string(),
        ],
        [
            "perturbation".into(),
            "moved_markers".into(),
            p.moved.to_string(),
        ],
        [
            "perturbation".into(),
            "top_k".into(),
            p.top.len().to_string(),
        ],
        [
            "perturbation".into(),
            "mean_overlap".into(),
            p.mean_overlap().to_string(),
        ],
        [
            "perturbation".into(),
            "min_overlap".into(),
            p.min_overlap().to_string(),
        ],
        [
            "perturbation".into(),
            "top3_order_kept".into(),
            p.order_kept.to_string(),
        ],
        [
            "perturbation".into(),
            "sign_flips".into(),
            p.sign_flips.len().to_string(),
        ],
    ];
    match &stability.members {
        Ok(a) => rows.extend([
            ["members".into(), "members".into(), a.tops.len().to_string()],
            [
                "members".into(),
                "mean_pairwise_overlap".into(),
                a.mean_pairwise.to_string(),
            ],
            [
                "members".into(),
                "in_every_top".into(),
                a.in_every.len().to_string(),
            ],
        ]),
        Err(why) => rows.push(["members".into(), "unavailable".into(), why.code().into()]),
    }
    rows.push(["note".into(), "text".into(), stability.note()]);
    let mut out = csv::Writer::from_path(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    out.write_record(["measure", "figure", "value"])?;
    for row in rows {
        out.write_record(row)?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(())
}
