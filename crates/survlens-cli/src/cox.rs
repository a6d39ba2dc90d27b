//! `survlens cox`: linear Cox proportional-hazards regression of a cohort file.
//!
//! Contract of `--json` (stable keys): `{"coefficients": {name: value},
//! "standard_errors": {name: value}, "log_likelihood": x, "concordance": c,
//! "rows_dropped": k}`; `concordance` is Harrell's C of the fitted log-risk on the fitted
//! rows (`null` without comparable pairs).

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use serde::Serialize;
use survlens_data::{ColumnRoles, MarkerKind};
use survlens_model::{CoxPh, CoxPhConfig, CoxPhTies};

use std::fmt::Write as _;

use crate::common::{
    CohortArgs, CohortFile, InputArgs, fmt_num, note_dropped, print_json, print_text,
};

/// Tie handling of the partial likelihood.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum TiesArg {
    /// Efron's approximation (lifelines' and R's default).
    Efron,
    /// Breslow's approximation.
    Breslow,
}

/// Arguments of `survlens cox`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    cohort: CohortArgs,
    /// Covariate columns, comma separated [default: every numeric column except time, event
    /// and the patient id].
    #[arg(long, value_delimiter = ',')]
    covariates: Option<Vec<String>>,
    /// Patient id column, never a covariate [default: guessed from the header, e.g. `pid`].
    #[arg(long)]
    id: Option<String>,
    /// Tie handling.
    #[arg(long, value_enum, default_value = "efron")]
    ties: TiesArg,
    /// Ridge (L2) penalty strength, lifelines' `penalizer` convention.
    #[arg(long, default_value_t = 0.0)]
    penalty: f64,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Serialize)]
struct CoxJson {
    coefficients: BTreeMap<String, f64>,
    standard_errors: BTreeMap<String, f64>,
    log_likelihood: f64,
    concordance: Option<f64>,
    rows_dropped: usize,
}

/// Fits the model on the rows where every covariate is present and prints it.
pub fn run(args: &Args) -> Result<()> {
    let mut text = String::new();
    let file = CohortFile::open(&args.cohort.data)?;
    let options = args.input.options()?;
    let mut roles = ColumnRoles::new(&args.cohort.time, &args.cohort.event);
    match &args.covariates {
        Some(c) => {
            roles.id = args.id.clone();
            roles.markers = Some(c.clone());
        }
        None => roles.id = file.id_column(args.id.as_deref(), &options)?,
    }
    let cohort = file.import(&roles, &options)?;

    let mut names = Vec::new();
    let mut columns = Vec::new();
    for marker in cohort.markers() {
        match (marker.kind(), marker.as_f32()) {
            (MarkerKind::Numeric | MarkerKind::Binary, Some(values)) => {
                names.push(marker.name().to_owned());
                columns.push(values);
            }
            _ if args.covariates.is_some() => bail!(
                "{}: covariate \"{}\" holds text, not numbers; code it as numbers or leave it out",
                args.cohort.data.display(),
                marker.name()
            ),
            _ => eprintln!(
                "survlens: note: column \"{}\" holds text and is not used as a covariate",
                marker.name()
            ),
        }
    }
    if names.is_empty() {
        bail!(
            "{}: no numeric covariate to fit",
            args.cohort.data.display()
        );
    }

    // Complete cases: rows with every covariate present, in file order.
    let p = names.len();
    let (mut x, mut times, mut events) = (Vec::new(), Vec::new(), Vec::new());
    for row in 0..cohort.len() {
        if columns.iter().all(|c| !c[row].is_nan()) {
            x.extend(columns.iter().map(|c| f64::from(c[row])));
            times.push(cohort.time()[row]);
            events.push(cohort.event()[row]);
        }
    }
    let rows_dropped = cohort.len() - times.len();
    note_dropped(&file, rows_dropped, "a covariate is missing");
    let config = CoxPhConfig {
        ties: match args.ties {
            TiesArg::Efron => CoxPhTies::Efron,
            TiesArg::Breslow => CoxPhTies::Breslow,
        },
        penalizer: args.penalty,
        ..CoxPhConfig::default()
    };
    let model = CoxPh::fit(&x, times.len(), p, &times, &events, &config)?;

    if args.json {
        let by_name = |v: &[f64]| names.iter().cloned().zip(v.iter().copied()).collect();
        return print_json(&CoxJson {
            coefficients: by_name(&model.coefficients),
            standard_errors: by_name(&model.standard_errors),
            log_likelihood: model.log_likelihood,
            concordance: model.concordance,
            rows_dropped,
        });
    }
    let width = names.iter().map(String::len).max().unwrap_or(0).max(9);
    writeln!(
        text,
        "Cox model ({} ties{}) on {} patients, {} events; {rows_dropped} rows dropped",
        match args.ties {
            TiesArg::Efron => "Efron",
            TiesArg::Breslow => "Breslow",
        },
        if args.penalty > 0.0 {
            format!(", L2 penalty {}", args.penalty)
        } else {
            String::new()
        },
        model.n,
        model.n_events
    )?;
    writeln!(
        text,
        "{:<width$}  {:>10}  {:>10}  {:>8}  {:>10}  {:>10}",
        "covariate", "coef", "se", "z", "p", "HR"
    )?;
    for (j, name) in names.iter().enumerate() {
        writeln!(
            text,
            "{:<width$}  {:>10}  {:>10}  {:>8.3}  {:>10}  {:>10}",
            name,
            fmt_num(model.coefficients[j]),
            fmt_num(model.standard_errors[j]),
            model.z[j],
            fmt_num(model.p_values[j]),
            fmt_num(model.coefficients[j].exp())
        )?;
    }
    writeln!(text, "log-likelihood {:.4}", model.log_likelihood)?;
    match model.concordance {
        Some(c) => writeln!(text, "concordance (Harrell) {c:.4}")?,
        None => writeln!(text, "concordance (Harrell) undefined: no comparable pairs")?,
    }
    print_text(&text)
}
