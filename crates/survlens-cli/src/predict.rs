//! `survlens predict`: applies a model file to a cohort file.
//!
//! Output (CSV, stable columns): `id, log_risk, risk_group, survival_at_<t>` for every
//! requested time `t`, `median_survival` (empty when the predicted curve stays above 0.5
//! over the training follow-up). Numbers are written with the shortest text that reads back
//! to the same value, so the output is deterministic.
//!
//! The file must have the model's marker columns (extra columns are ignored; missing ones
//! are named in the error). A patient id column is optional, and so are the time and event
//! columns: a file of new patients without an outcome is predicted all the same. When the
//! file has both, stderr gets Harrell's C of the predicted log-risk on them (the model's
//! discrimination on this file); with one of the two only, the file is refused.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use survlens_model::bundle::ModelBundle;
use survlens_model::harrell_c;

use crate::common::{CohortFile, InputArgs, read_bytes};

/// How many out-of-range values are listed on stderr before the rest are only counted.
const SHOWN_FLAGS: usize = 5;

/// Arguments of `survlens predict`.
#[derive(clap::Args)]
pub struct Args {
    /// Model file written by `survlens train`.
    #[arg(long)]
    model: PathBuf,
    /// Cohort file with the model's marker columns.
    #[arg(long)]
    data: PathBuf,
    /// Times at which to predict survival, comma separated, increasing (model's time unit).
    #[arg(long, value_delimiter = ',')]
    times: Vec<f64>,
    /// Patient id column [default: the model's id column when the file has it].
    #[arg(long)]
    id: Option<String>,
    /// Output CSV file [default: stdout].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

/// Predicts and writes one row per patient.
pub fn run(args: &Args) -> Result<()> {
    let bundle = ModelBundle::from_slice(&read_bytes(&args.model)?)
        .with_context(|| format!("{}", args.model.display()))?;
    if let Some(w) = args.times.windows(2).find(|w| w[1] <= w[0]) {
        bail!("--times must increase, but {} follows {}", w[1], w[0]);
    }
    let file = CohortFile::open(&args.data)?;
    let id = match (&args.id, &bundle.columns().id) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(stored)) if file.header()?.contains(stored) => Some(stored.clone()),
        (None, _) => None,
    };
    let options = args.input.prediction_options()?;
    let cohort = file.import(&bundle.import_roles(id.as_deref()), &options)?;
    let p = bundle.predict(&cohort, &args.times)?;
    if cohort.has_outcome() {
        note_discrimination(&file, cohort.time(), cohort.event(), &p.log_risk);
    }

    let markers = bundle.feature_map().marker_names();
    for flag in p.flags.iter().take(SHOWN_FLAGS) {
        let marker = markers.get(flag.marker).map_or("?", String::as_str);
        eprintln!(
            "survlens: warning: patient \"{}\", marker \"{marker}\": {}",
            p.ids.get(flag.row).map_or("?", String::as_str),
            flag.kind
        );
    }
    if p.flags.len() > SHOWN_FLAGS {
        eprintln!(
            "survlens: warning: {} more values outside the training range or unseen levels",
            p.flags.len() - SHOWN_FLAGS
        );
    }

    let sink: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = csv::Writer::from_writer(sink);
    let mut header = vec!["id".to_owned(), "log_risk".into(), "risk_group".into()];
    header.extend(args.times.iter().map(|t| format!("survival_at_{t}")));
    header.push("median_survival".into());
    out.write_record(&header)?;
    let k = args.times.len();
    for i in 0..p.ids.len() {
        let mut row = vec![
            p.ids[i].clone(),
            p.log_risk[i].to_string(),
            bundle.risk_groups().label(p.risk_group[i]).to_owned(),
        ];
        row.extend(p.survival[i * k..(i + 1) * k].iter().map(f64::to_string));
        row.push(p.median[i].map_or_else(String::new, |m| m.to_string()));
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

/// Says on stderr how well the predictions order this file's outcomes (Harrell's C), or
/// why that cannot be said (e.g. no event, no comparable pair).
fn note_discrimination(file: &CohortFile, time: &[f64], event: &[bool], log_risk: &[f64]) {
    let events = event.iter().filter(|&&e| e).count();
    match harrell_c(time, event, log_risk) {
        Ok(c) => eprintln!(
            "survlens: note: {}: Harrell's C of the predicted log-risk on this file's \
             outcomes: {:.4} ({} patients, {events} events)",
            file.name(),
            c.index,
            time.len()
        ),
        Err(e) => eprintln!(
            "survlens: note: {}: no C-index on this file's outcomes: {e}",
            file.name()
        ),
    }
}
