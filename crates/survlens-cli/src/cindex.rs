//! `survlens cindex`: the concordance of a risk column with the follow-up.
//!
//! Contract of `--json` (stable keys): `{"cindex": c}`, higher risk = shorter survival.
//! Harrell's C equals scikit-survival's `concordance_index_censored`; Uno's C equals its
//! `concordance_index_ipcw` with the file's own follow-up as the censoring reference.
//! Rows without a risk are left out (said on stderr).

use anyhow::{Context, Result};
use serde::Serialize;
use survlens_data::{ColumnRoles, MarkerKind};
use survlens_model::{harrell_c, uno_c};

use std::fmt::Write as _;

use crate::common::{CohortArgs, CohortFile, InputArgs, note_dropped, print_json, print_text};

/// Which concordance index.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum KindArg {
    /// Harrell's C (tied risks count one half).
    Harrell,
    /// Uno's C: Harrell's pairs weighted by the inverse squared censoring survival.
    Uno,
}

/// Arguments of `survlens cindex`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    cohort: CohortArgs,
    /// Risk column (higher = shorter expected survival).
    #[arg(long)]
    risk: String,
    /// Which index.
    #[arg(long, value_enum, default_value = "harrell")]
    kind: KindArg,
    /// Uno's C only: count events before this time only (same unit as the time column).
    #[arg(long)]
    tau: Option<f64>,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Serialize)]
struct CIndexJson {
    cindex: f64,
}

/// Computes and prints the index.
pub fn run(args: &Args) -> Result<()> {
    let mut text = String::new();
    let file = CohortFile::open(&args.cohort.data)?;
    let roles = ColumnRoles::new(&args.cohort.time, &args.cohort.event)
        .with_markers([args.risk.clone()])
        .with_kind(&args.risk, MarkerKind::Numeric);
    let cohort = file.import(&roles, &args.input.options()?)?;
    let risk_column = cohort
        .marker(&args.risk)
        .and_then(|m| m.as_f32())
        .with_context(|| format!("risk column \"{}\" was not read as numbers", args.risk))?;
    let (mut times, mut events, mut risks) = (Vec::new(), Vec::new(), Vec::new());
    for (i, &r) in risk_column.iter().enumerate() {
        if !r.is_nan() {
            times.push(cohort.time()[i]);
            events.push(cohort.event()[i]);
            risks.push(f64::from(r));
        }
    }
    note_dropped(&file, cohort.len() - risks.len(), "the risk is missing");
    let (cindex, name) = match args.kind {
        KindArg::Harrell => (harrell_c(&times, &events, &risks)?.index, "Harrell's C"),
        KindArg::Uno => (
            uno_c(&times, &events, &times, &events, &risks, args.tau)?.index,
            "Uno's C",
        ),
    };
    if args.json {
        return print_json(&CIndexJson { cindex });
    }
    writeln!(text, "{name} {cindex:.6} ({} patients)", risks.len())?;
    print_text(&text)
}
