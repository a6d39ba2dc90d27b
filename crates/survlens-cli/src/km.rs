//! `survlens km`: Kaplan-Meier curves with exponential-Greenwood 95% intervals, per group,
//! and the log-rank test between groups.
//!
//! Contract of `--json` (stable keys): `{"groups": {label: {"time": [...],
//! "survival": [...], "at_risk": [...], "ci_lower": [...], "ci_upper": [...]}},
//! "logrank": {"statistic": x, "df": k, "p_value": p}}`. Without `--group` the single
//! group is labelled `all` and `logrank` is absent. Group labels are the column's text as
//! written; rows without a group (or with a `--missing` text) are left out (said on stderr).

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use survlens_data::{ColumnRoles, ImportOptions, MarkerKind};
use survlens_model::{KaplanMeier, logrank_test};

use std::fmt::Write as _;

use crate::common::{CohortArgs, CohortFile, InputArgs, note_dropped, print_json, print_text};

/// Arguments of `survlens km`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    cohort: CohortArgs,
    /// Column whose values define the groups (read as text).
    #[arg(long)]
    group: Option<String>,
    /// Group texts that mean "missing" besides the missing-value codes (see
    /// --missing-codes), comma separated; such rows are left out.
    #[arg(long, value_delimiter = ',', requires = "group")]
    missing: Vec<String>,
    /// Print machine-readable JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Serialize)]
struct CurveJson {
    time: Vec<f64>,
    survival: Vec<f64>,
    at_risk: Vec<usize>,
    ci_lower: Vec<f64>,
    ci_upper: Vec<f64>,
}

#[derive(Serialize)]
struct LogRankJson {
    statistic: f64,
    df: usize,
    p_value: f64,
}

#[derive(Serialize)]
struct KmJson {
    groups: BTreeMap<String, CurveJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logrank: Option<LogRankJson>,
}

/// Estimates the curves and, with groups, tests them against each other.
pub fn run(args: &Args) -> Result<()> {
    let mut text = String::new();
    let file = CohortFile::open(&args.cohort.data)?;
    let mut roles =
        ColumnRoles::new(&args.cohort.time, &args.cohort.event).with_markers(args.group.clone());
    if let Some(g) = &args.group {
        roles = roles.with_kind(g, MarkerKind::Categorical);
    }
    let options = ImportOptions {
        require_events: false,
        ..args.input.options()?
    };
    let cohort = file.import(&roles, &options)?;

    // (label, time, event) of every row with a group.
    let mut rows: Vec<(String, f64, bool)> = Vec::with_capacity(cohort.len());
    match &args.group {
        None => rows.extend(
            (0..cohort.len()).map(|i| ("all".to_owned(), cohort.time()[i], cohort.event()[i])),
        ),
        Some(g) => {
            let labels = cohort
                .marker(g)
                .and_then(|m| m.as_categorical())
                .with_context(|| format!("group column \"{g}\" was not read as text"))?;
            for i in 0..cohort.len() {
                if let Some(label) = labels
                    .label(i)
                    .filter(|l| !args.missing.iter().any(|m| m == l))
                {
                    rows.push((label.to_owned(), cohort.time()[i], cohort.event()[i]));
                }
            }
            note_dropped(&file, cohort.len() - rows.len(), "the group is missing");
        }
    }
    if rows.is_empty() {
        bail!("{}: no patient has a group", args.cohort.data.display());
    }

    let mut groups = BTreeMap::new();
    let mut by_label: BTreeMap<&str, (Vec<f64>, Vec<bool>)> = BTreeMap::new();
    for (label, t, e) in &rows {
        let entry = by_label.entry(label).or_default();
        entry.0.push(*t);
        entry.1.push(*e);
    }
    for (label, (t, e)) in &by_label {
        let km = KaplanMeier::fit(t, e).with_context(|| format!("group \"{label}\""))?;
        groups.insert(
            (*label).to_owned(),
            CurveJson {
                time: km.time,
                survival: km.survival,
                at_risk: km.at_risk,
                ci_lower: km.ci_lower,
                ci_upper: km.ci_upper,
            },
        );
    }
    let logrank = match &args.group {
        Some(_) if by_label.len() >= 2 => {
            let times: Vec<f64> = rows.iter().map(|r| r.1).collect();
            let events: Vec<bool> = rows.iter().map(|r| r.2).collect();
            let labels: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
            let test = logrank_test(&times, &events, &labels)?;
            Some(LogRankJson {
                statistic: test.statistic,
                df: test.df,
                p_value: test.p_value,
            })
        }
        Some(g) => {
            eprintln!("survlens: note: \"{g}\" has a single group: no log-rank test");
            None
        }
        None => None,
    };

    if args.json {
        return print_json(&KmJson { groups, logrank });
    }
    for (label, curve) in &groups {
        let n = curve.at_risk.first().copied().unwrap_or(0);
        let median =
            KaplanMeier::fit(&by_label[label.as_str()].0, &by_label[label.as_str()].1)?.median();
        writeln!(
            text,
            "{label}: {n} patients, median survival {}",
            median.map_or_else(|| "not reached".to_owned(), |m| m.to_string())
        )?;
    }
    if let Some(t) = logrank {
        writeln!(
            text,
            "log-rank test: chi-square {:.4} on {} df, p = {:.4e}",
            t.statistic, t.df, t.p_value
        )?;
    }
    print_text(&text)
}
