//! `survlens overtime`: one patient's explanation over time in one of the page's demo
//! sessions, as the Patient view's "Over time" section shows it: each marker's SurvSHAP(t)
//! contribution to the predicted survival against the average of the reference patients.
//!
//! Output (CSV, a stable contract): `series,marker,months,value`, one row per figure:
//! `survival` and `reference` (the patient's predicted survival and the reference
//! patients' average, marker empty) at every time of the grid; `curve` (each of the top
//! markers over time) at every time; `horizon` rows at each of the survival chart's horizons
//! (the top markers' contributions, then `all other markers`, their sum). Values are
//! probabilities (0.05 = 5 percentage points); numbers are the shortest text that reads back
//! to the same value. The time the computation took goes to standard error.

use std::path::PathBuf;

use anyhow::{Context, Result};
use survlens_app::views::patient_over_time::{OverTime, PAIRS};
use survlens_app::views::whatif::WhatIf;

use crate::demo::{Demo, patient_row};

/// Arguments of `survlens overtime`.
#[derive(clap::Args)]
pub struct Args {
    /// Which demo session: the synthetic pan-cancer cohort explained by the default model
    /// (the page's opening) or the teaching cohort trained on the spot.
    #[arg(long, value_enum, default_value_t = Demo::PanCancer)]
    cohort: Demo,
    /// The patient, by id [default: the cohort's first patient].
    #[arg(long)]
    patient: Option<String>,
    /// Antithetic pairs of orderings of the markers (the page uses 8); more for a smaller
    /// sampling error.
    #[arg(long, default_value_t = PAIRS)]
    pairs: usize,
    /// Output CSV file.
    #[arg(long)]
    out: PathBuf,
}

/// Runs the demo job and writes the patient's contributions over time.
pub fn run(args: &Args) -> Result<()> {
    let session = args.cohort.session()?;
    let patient = patient_row(&session, args.patient.as_deref())?;
    let whatif = WhatIf::new(&session)?;
    let started = std::time::Instant::now();
    let over = OverTime::build_with_pairs(&session, &whatif, patient, args.pairs)?;
    let elapsed = started.elapsed();
    let mut out = csv::Writer::from_path(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    out.write_record(["series", "marker", "months", "value"])?;
    for (series, values) in [("survival", &over.survival), ("reference", &over.reference)] {
        for (m, v) in over.months.iter().zip(values.iter()) {
            out.write_record([series, "", &m.to_string(), &v.to_string()])?;
        }
    }
    for curve in &over.curves {
        for (m, v) in over.months.iter().zip(&curve.contribution) {
            out.write_record(["curve", &curve.name, &m.to_string(), &v.to_string()])?;
        }
    }
    for h in &over.horizons {
        let months = (h.years * 12.0).to_string();
        for c in &h.top {
            out.write_record(["horizon", &c.name, &months, &c.contribution.to_string()])?;
        }
        out.write_record(["horizon", "all other markers", &months, &h.rest.to_string()])?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "patient {}: {} markers against {} reference patients, {} orderings, {} times, {} \
         network evaluations in {:.0} ms",
        over.patient_id,
        session.n_markers(),
        over.n_reference,
        over.orderings,
        over.months.len(),
        over.evaluations,
        elapsed.as_secs_f64() * 1e3
    );
    Ok(())
}
