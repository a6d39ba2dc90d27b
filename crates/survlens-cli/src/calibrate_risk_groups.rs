//! `survlens calibrate-risk-groups`: the page's whole job on synthetic teaching cohorts whose
//! answer is known, to measure the Cohort view's log-rank test of the risk groups on the
//! held-out patients (see `survlens_app::job::risk_group_calibration`).
//!
//! For each of `--seeds` seeds, the cohort is run twice: with its survival times and events
//! shuffled among the patients (no difference exists; a declaration is false) and as
//! generated (planted effects; a declaration is right). Each run line gives the held-out
//! patients, the network's held-out C-index and the test's p-value; the summary gives the
//! share of each kind declared, with its 95% Clopper-Pearson interval. `--json` prints the
//! summary and the runs as one JSON line: `{"preset", "patients", "level", "shuffled":
//! {"declared", "runs", "low", "high"}, "planted": {...}, "runs": [...]}`.

use anyhow::{Context, Result};
use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF};
use survlens_app::job::risk_group_calibration::{LEVEL, RiskGroupRun, declared, run, run_spec};
use survlens_app::sources::spec::JobSpec;
use survlens_synth::{Preset, SynthConfig};

use crate::common::{print_json, print_text};

/// Arguments of `survlens calibrate-risk-groups`.
#[derive(clap::Args)]
pub struct Args {
    /// Patients per cohort (the page's teaching cohort has 600).
    #[arg(long, default_value_t = 600)]
    patients: usize,
    /// Seeds (each gives a shuffled and a planted run).
    #[arg(long, default_value_t = 20)]
    seeds: u64,
    /// First seed (seeds are consecutive).
    #[arg(long, default_value_t = 1)]
    first_seed: u64,
    /// Print the summary and the runs as JSON.
    #[arg(long)]
    json: bool,
}

/// The declarations of one kind of run.
#[derive(Serialize)]
struct Share {
    declared: usize,
    runs: usize,
    /// 95% Clopper-Pearson interval of the share declared.
    low: f64,
    high: f64,
}

impl Share {
    fn of(runs: &[RiskGroupRun]) -> Self {
        let (k, n) = declared(runs);
        let (low, high) = clopper_pearson(k, n);
        Self {
            declared: k,
            runs: n,
            low,
            high,
        }
    }

    fn sentence(&self) -> String {
        format!(
            "{} of {} declared ({:.0}%, 95% interval {:.0}% to {:.0}%)",
            self.declared,
            self.runs,
            100.0 * self.declared as f64 / self.runs.max(1) as f64,
            100.0 * self.low,
            100.0 * self.high
        )
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    preset: &'static str,
    patients: usize,
    level: f64,
    shuffled: Share,
    planted: Share,
    runs: &'a [RiskGroupRun],
}

/// The exact 95% interval of a binomial share `k / n` (Clopper and Pearson, 1934).
fn clopper_pearson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (k as f64, n as f64);
    let quantile =
        |a: f64, b: f64, p: f64| Beta::new(a, b).map_or(f64::NAN, |beta| beta.inverse_cdf(p));
    let low = if k == 0.0 {
        0.0
    } else {
        quantile(k, n - k + 1.0, 0.025)
    };
    let high = if k == n {
        1.0
    } else {
        quantile(k + 1.0, n - k, 0.975)
    };
    (low, high)
}

/// Runs the calibration.
pub fn run_calibration(args: &Args) -> Result<()> {
    let base = JobSpec::demo();
    let mut runs = Vec::new();
    let mut text = String::new();
    for seed in args.first_seed..args.first_seed + args.seeds {
        for shuffled in [true, false] {
            let config = SynthConfig {
                n_patients: args.patients,
                seed,
                preset: Preset::Teaching,
            };
            let spec = run_spec(&base, config, shuffled).with_context(|| format!("seed {seed}"))?;
            let r = run(spec, seed, shuffled).with_context(|| format!("seed {seed}"))?;
            let line = format!(
                "seed {:>3} {:<8}: {} held-out patients, C-index {:.3}, log-rank p {}{}\n",
                r.seed,
                if r.shuffled { "shuffled" } else { "planted" },
                r.held_out,
                r.test_c_index,
                r.p_value.map_or("none".to_owned(), |p| format!("{p:.4}")),
                if r.declared() { " (declared)" } else { "" }
            );
            if !args.json {
                eprint!("{line}");
            }
            text.push_str(&line);
            runs.push(r);
        }
    }
    let (shuffled, planted): (Vec<RiskGroupRun>, Vec<RiskGroupRun>) =
        runs.iter().cloned().partition(|r| r.shuffled);
    let summary = Summary {
        preset: Preset::Teaching.name(),
        patients: args.patients,
        level: LEVEL,
        shuffled: Share::of(&shuffled),
        planted: Share::of(&planted),
        runs: &runs,
    };
    if args.json {
        return print_json(&summary);
    }
    text.push_str(&format!(
        "\nLog-rank test of the tertile groups on the held-out patients, p < {LEVEL}, {} \
         cohorts of {} patients:\n  outcomes shuffled (no difference exists): {}\n  as \
         generated (planted effects): {}\n",
        summary.preset,
        args.patients,
        summary.shuffled.sentence(),
        summary.planted.sentence()
    ));
    print_text(&text)
}

#[cfg(test)]
mod tests {
    use super::clopper_pearson;

    #[test]
    fn clopper_pearson_matches_the_published_intervals() {
        // R: binom.test(1, 20)$conf.int = 0.001265 0.248733; binom.test(0, 20) = 0 0.168433.
        let (lo, hi) = clopper_pearson(1, 20);
        assert!(
            (lo - 0.001265).abs() < 1e-5 && (hi - 0.248733).abs() < 1e-5,
            "{lo} {hi}"
        );
        let (lo, hi) = clopper_pearson(0, 20);
        assert!(lo == 0.0 && (hi - 0.168433).abs() < 1e-5, "{hi}");
        let (lo, hi) = clopper_pearson(20, 20);
        assert!((lo - 0.831567).abs() < 1e-5 && hi == 1.0, "{lo}");
    }
}
