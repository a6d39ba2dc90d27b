//! `survlens calibrate-views`: the page's whole job on synthetic teaching cohorts whose
//! answer is known, to measure what the Cohort and Markers views declare: the log-rank test
//! of the risk groups on the held-out patients, and the key markers (see
//! `survlens_app::job::known_answers`).
//!
//! For each of `--seeds` seeds, the cohort is run twice: with its survival times and events
//! shuffled among the patients (no difference exists and no marker matters; every
//! declaration is false) and as generated (planted effects). Each run line gives the
//! held-out patients, the network's held-out C-index, the test's p-value and the key markers
//! (with their planted ones); the summary gives the share of each kind of run that declared
//! a difference, with its 95% Clopper-Pearson interval, and the key markers per run.
//! `--json` prints the summary and the runs as one JSON line: `{"preset", "patients",
//! "level", "shuffled": {"declared", "runs", "low", "high"}, "planted": {...},
//! "key_markers": {"shuffled": {"mean_key", "mean_false", "markers"}, "planted": {...,
//! "mean_recall"}}, "runs": [...]}`.

use anyhow::{Context, Result};
use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF};
use survlens_app::job::known_answers::{
    KEY_MARKER_SHARE, KnownAnswerRun, LEVEL, declared, run, run_spec,
};
use survlens_app::sources::spec::JobSpec;
use survlens_synth::{Preset, SynthConfig};

use crate::common::{print_json, print_text};

/// Arguments of `survlens calibrate-views`.
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
    fn of(runs: &[KnownAnswerRun]) -> Self {
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

/// The key markers of one kind of run, averaged over its runs.
#[derive(Serialize)]
struct KeyMarkers {
    /// Markers they are chosen among.
    markers: usize,
    /// Key markers per run.
    mean_key: f64,
    /// Key markers without a planted effect per run.
    mean_false: f64,
    /// Share of the planted markers that are key markers (`NaN` without planted markers).
    mean_recall: f64,
}

impl KeyMarkers {
    fn of(runs: &[KnownAnswerRun]) -> Self {
        let n = runs.len().max(1) as f64;
        let mean = |f: &dyn Fn(&KnownAnswerRun) -> f64| runs.iter().map(f).sum::<f64>() / n;
        Self {
            markers: runs.first().map_or(0, |r| r.markers),
            mean_key: mean(&|r| r.key_markers as f64),
            mean_false: mean(&|r| r.false_key_markers() as f64),
            mean_recall: mean(&|r| r.key_prognostic as f64 / r.prognostic as f64),
        }
    }
}

#[derive(Serialize)]
struct KeyMarkerSummary {
    shuffled: KeyMarkers,
    planted: KeyMarkers,
}

#[derive(Serialize)]
struct Summary<'a> {
    preset: &'static str,
    patients: usize,
    level: f64,
    shuffled: Share,
    planted: Share,
    key_markers: KeyMarkerSummary,
    runs: &'a [KnownAnswerRun],
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
                "seed {:>3} {:<8}: {} held-out patients, C-index {:.3}, log-rank p {}{}; {} key \
                 markers of {}, {} planted\n",
                r.seed,
                if r.shuffled { "shuffled" } else { "planted" },
                r.held_out,
                r.test_c_index,
                r.p_value.map_or("none".to_owned(), |p| format!("{p:.4}")),
                if r.declared() { " (declared)" } else { "" },
                r.key_markers,
                r.markers,
                r.key_prognostic
            );
            if !args.json {
                eprint!("{line}");
            }
            text.push_str(&line);
            runs.push(r);
        }
    }
    let (shuffled, planted): (Vec<KnownAnswerRun>, Vec<KnownAnswerRun>) =
        runs.iter().cloned().partition(|r| r.shuffled);
    let summary = Summary {
        preset: Preset::Teaching.name(),
        patients: args.patients,
        level: LEVEL,
        shuffled: Share::of(&shuffled),
        planted: Share::of(&planted),
        key_markers: KeyMarkerSummary {
            shuffled: KeyMarkers::of(&shuffled),
            planted: KeyMarkers::of(&planted),
        },
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
    let (k_null, k_planted) = (&summary.key_markers.shuffled, &summary.key_markers.planted);
    text.push_str(&format!(
        "Key markers (the fewest carrying {:.0}% of the importance) among {} markers, per run:\n  \
         outcomes shuffled: {:.1} key markers, every one without prognostic value\n  as \
         generated: {:.1} key markers, {:.1} of them without a planted effect; {:.0}% of the \
         planted markers are key\n",
        100.0 * KEY_MARKER_SHARE,
        k_planted.markers,
        k_null.mean_key,
        k_planted.mean_key,
        k_planted.mean_false,
        100.0 * k_planted.mean_recall
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
