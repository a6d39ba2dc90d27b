//! The model view: how the network trained, how well it discriminates and calibrates on the
//! patients it never trained on (each figure with a percentile bootstrap interval), and how
//! five attribution methods explain one patient, ranked by deletion-curve faithfulness.
//!
//! Every statistic is a call of `survlens_model` on the held-out rows of the session; the
//! censoring distribution of the inverse-probability weights (Uno's C, Brier score,
//! time-dependent AUC) is the Kaplan-Meier estimate of the training patients' censoring.
//! Times are in days inside, in months on the page (a month is 365.25 / 12 days).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use survlens_model::recipe::AutoChoice;
use survlens_model::{
    CalibrationSlope, CalibrationSummary, RiskGroups, antolini_c, bootstrap_ci,
    calibration_summary, cumulative_dynamic_auc, harrell_c, integrated_brier_score, resample,
    uno_c,
};
use survlens_xai::{
    Attribution, Composite, GradientTimesInput, IntegratedGradients, LrpAttribution, LrpRule,
    Relevances, SampledShapley, deletion_curve,
};

pub use survlens_model::recipe::Candidate;
pub use survlens_model::{BaselineKind, BootstrapConfig, BootstrapInterval, CalibrationGroup};
use survlens_model::{ModelError, quantile_sorted};
pub use survlens_xai::Accounting;

use crate::core::cohort_kind::Endpoint;
use crate::core::error::{ComputeError, Failure};
use crate::core::format::{count_in, format_p, prose_count};
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{EpochLine, Session};
use crate::core::units::DAYS_PER_MONTH;

/// The smallest calibration slope the `auto` recipe's baseline uses.
pub const MIN_CALIBRATION_SLOPE: f64 = survlens_model::recipe::MIN_SLOPE;

/// Fewest bootstrap resamples behind an interval, whatever the budget.
pub const MIN_REPLICATES: usize = 20;

/// Everything that decides the model view's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricSettings {
    /// Bootstrap of every held-out figure (resamples of the held-out patients); its
    /// `replicates` is the most any figure gets.
    pub bootstrap: BootstrapConfig,
    /// Work limit of the O(n log n) figures' bootstraps: replicates x held-out patients
    /// stays within it, so a large held-out set gets fewer (never fewer than
    /// [`MIN_REPLICATES`]) resamples and the page stays responsive.
    pub resample_budget: usize,
    /// Work limit of Antolini's C, O(n^2) per resample: replicates x n^2 stays within it
    /// (never fewer than [`MIN_REPLICATES`] resamples).
    pub antolini_pair_budget: f64,
    /// Most held-out patients a bootstrap resamples. Above it, every figure's interval comes
    /// from the bootstrap of a systematic sample of this many held-out patients (every k-th
    /// in session order), its limits' distances from the sample's estimate scaled by
    /// `sqrt(sample / held-out)` around the estimate on every held-out patient (the
    /// m-out-of-n bootstrap); the sample's censoring weights come from a systematic sample
    /// of the same size of the censoring follow-up. Antolini's C, O(n^2) even once, is then
    /// estimated on the sample itself, with the sample's own interval.
    pub max_bootstrap_patients: usize,
    /// Most time points of Antolini's grid: the distinct held-out follow-up times, or this
    /// many of their quantiles when there are more.
    pub antolini_grid_points: usize,
    /// Uno's C counts events before `tau`, this quantile of the held-out follow-up times.
    pub uno_tau_quantile: f64,
    /// The integrated Brier score's grid runs between these quantiles of the held-out
    /// follow-up times (the score is undefined at and beyond the last one).
    pub brier_quantiles: (f64, f64),
    /// Number of equally spaced times in the Brier grid.
    pub brier_points: usize,
    /// Times of the time-dependent AUC, in months.
    pub auc_months: Vec<f64>,
    /// Times of the calibration plots, in months.
    pub calibration_months: Vec<f64>,
    /// Risk groups of the calibration plot (10: deciles).
    pub calibration_groups: usize,
}

impl Default for MetricSettings {
    /// Up to 500 bootstrap resamples for 95% intervals (seed 0) within 150,000 patient
    /// draws (500 for up to 300 held-out patients) and 2e8 pair comparisons for Antolini's
    /// C (a 300-point grid at most), resampling at most 2,000 held-out patients; Uno's tau at the 80th percentile of follow-up; Brier
    /// grid of 50 times from the 10th to the 90th percentile; AUC at 6, 12 and 24 months;
    /// calibration at 12 and 24 months by risk decile. Times beyond the training follow-up
    /// are capped at it.
    fn default() -> Self {
        Self {
            bootstrap: BootstrapConfig {
                replicates: 500,
                level: 0.95,
                seed: 0,
            },
            resample_budget: 150_000,
            antolini_pair_budget: 2e8,
            max_bootstrap_patients: 2_000,
            antolini_grid_points: 300,
            uno_tau_quantile: 0.8,
            brier_quantiles: (0.1, 0.9),
            brier_points: 50,
            auc_months: vec![6.0, 12.0, 24.0],
            calibration_months: vec![12.0, 24.0],
            calibration_groups: 10,
        }
    }
}

/// The training curve with its best epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingCurve {
    /// One line per epoch, as the worker reported it.
    pub epochs: Vec<EpochLine>,
    /// The epoch with the lowest validation loss (the trainer's stopping criterion, whose
    /// weights it keeps); `None` without a finite validation loss.
    pub best_epoch: Option<usize>,
}

impl TrainingCurve {
    /// The session's training history.
    pub fn of(session: &Session) -> Self {
        let best_epoch = session
            .history
            .iter()
            .filter(|e| e.validation_loss.is_finite())
            // The first of equal minima: the trainer only counts strict improvements.
            .min_by(|a, b| {
                a.validation_loss
                    .total_cmp(&b.validation_loss)
                    .then(a.epoch.cmp(&b.epoch))
            })
            .map(|e| e.epoch);
        Self {
            epochs: session.history.clone(),
            best_epoch,
        }
    }

    /// The line of the best epoch.
    pub fn best(&self) -> Option<&EpochLine> {
        let best = self.best_epoch?;
        self.epochs.iter().find(|e| e.epoch == best)
    }
}

/// Which patients trained the model and which judge it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    /// Rows the network and the baseline were fitted on.
    pub train: Vec<usize>,
    /// The held-out test rows: no part of developing the model saw them.
    pub held_out: Vec<usize>,
    /// Events among the training rows.
    pub train_events: usize,
    /// Events among the held-out rows.
    pub held_out_events: usize,
}

impl Split {
    /// The session's split.
    pub fn of(session: &Session) -> Self {
        let (held_out, train): (Vec<usize>, Vec<usize>) =
            (0..session.n_patients()).partition(|&i| session.held_out[i]);
        let events = |rows: &[usize]| rows.iter().filter(|&&i| session.event[i]).count();
        Self {
            train_events: events(&train),
            held_out_events: events(&held_out),
            train,
            held_out,
        }
    }

    /// One sentence for the page in `lang`, counting the events `endpoint` names.
    pub fn sentence(&self, endpoint: Endpoint, lang: Lang) -> String {
        let endpoint = endpoint_arg(endpoint);
        if self.train.is_empty() {
            return lang.t_with(
                "vm-model-split-outside",
                &[
                    ("n", Arg::Text(&prose_count(lang, self.held_out.len()))),
                    (
                        "events",
                        Arg::Text(&prose_count(lang, self.held_out_events)),
                    ),
                    ("endpoint", Arg::Text(endpoint)),
                ],
            );
        }
        lang.t_with(
            "vm-model-split",
            &[
                ("train", Arg::Text(&prose_count(lang, self.train.len()))),
                (
                    "train-events",
                    Arg::Text(&prose_count(lang, self.train_events)),
                ),
                (
                    "held-out",
                    Arg::Text(&prose_count(lang, self.held_out.len())),
                ),
                (
                    "held-out-events",
                    Arg::Text(&prose_count(lang, self.held_out_events)),
                ),
                ("endpoint", Arg::Text(endpoint)),
            ],
        )
    }
}

/// A held-out figure: its bootstrap interval, or why it could not be computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Estimate {
    /// The figure with its percentile bootstrap interval.
    Value(BootstrapInterval),
    /// The figure is undefined for this cohort, and why (the statistic's error).
    Unavailable(Failure),
}

impl Estimate {
    fn from_result(result: Result<BootstrapInterval, ModelError>) -> Self {
        match result {
            Ok(interval) => Self::Value(interval),
            Err(e) => Self::Unavailable(Failure::new(e.code(), &e)),
        }
    }

    /// The point estimate, if there is one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Self::Value(i) => Some(i.estimate),
            Self::Unavailable(_) => None,
        }
    }

    /// The interval, if there is one.
    pub fn interval(&self) -> Option<&BootstrapInterval> {
        match self {
            Self::Value(i) => Some(i),
            Self::Unavailable(_) => None,
        }
    }

    /// `0.712 (95% CI 0.655-0.768)` with `decimals` places, or "not available", in
    /// `lang` (German `0,712 (95-%-KI 0,655–0,768)`).
    pub fn text(&self, decimals: usize, lang: Lang) -> String {
        match self {
            Self::Value(i) => lang.t_with(
                "vm-model-estimate",
                &[
                    ("value", Arg::Text(&lang.decimal(i.estimate, decimals))),
                    ("lower", Arg::Text(&lang.decimal(i.lower, decimals))),
                    ("upper", Arg::Text(&lang.decimal(i.upper, decimals))),
                ],
            ),
            Self::Unavailable(_) => lang.t("vm-model-not-available"),
        }
    }
}

/// The cumulative/dynamic AUC at one time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AucAt {
    /// Evaluation time in months.
    pub months: f64,
    /// Whether the requested time lay beyond the training follow-up and was capped at it.
    pub capped: bool,
    /// The AUC with its interval.
    pub auc: Estimate,
}

/// Discrimination and accuracy of the model on the held-out patients.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldOutMetrics {
    /// Harrell's C of the log-risk.
    pub harrell_c: Estimate,
    /// Uno's C of the log-risk, events before [`Self::uno_tau_days`].
    pub uno_c: Estimate,
    /// Uno's truncation time, days.
    pub uno_tau_days: f64,
    /// Antolini's time-dependent C of the predicted survival curves.
    pub antolini_c: Estimate,
    /// Time points of Antolini's grid (the distinct held-out follow-up times, or that many
    /// of their quantiles).
    pub antolini_grid_points: usize,
    /// Held-out patients Antolini's C was computed on: all of them, or the systematic
    /// sample of [`MetricSettings::max_bootstrap_patients`].
    pub antolini_patients: usize,
    /// Held-out patients each bootstrap resampled: all of them, or the sample (see
    /// [`MetricSettings::max_bootstrap_patients`]).
    pub bootstrap_patients: usize,
    /// Integrated Brier score of the predicted survival curves over
    /// [`Self::brier_grid_days`] (lower is better; 0.25 is predicting 50% for everyone).
    pub integrated_brier: Estimate,
    /// The Brier score's time grid, days.
    pub brier_grid_days: Vec<f64>,
    /// Cumulative/dynamic AUC at each requested time.
    pub auc: Vec<AucAt>,
    /// The bootstrap behind the intervals; each interval records its own number of
    /// resamples, fewer than `bootstrap.replicates` for a large held-out set.
    pub bootstrap: BootstrapConfig,
}

/// The calibration plot's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationPlot {
    /// Time of the comparison, months.
    pub months: f64,
    /// One point per risk group, lowest risk first: mean predicted survival against the
    /// Kaplan-Meier estimate with its 95% interval. Adjacent tenths are merged until each
    /// group has [`survlens_model::MIN_GROUP_EVENTS`] deaths by the time.
    pub groups: Vec<CalibrationGroup>,
    /// The D'Agostino-Nam test and observed / expected deaths over those groups.
    pub summary: CalibrationSummary,
    /// The calibration slope of the held-out patients' predictor (the log-risk times the
    /// baseline's own slope; 1: risks spread as they should), `None` when it cannot be fitted.
    pub slope: Option<CalibrationSlope>,
}

impl CalibrationPlot {
    /// Groups whose prediction lies inside the observed 95% interval.
    pub fn inside(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| g.predicted >= g.observed_lower && g.predicted <= g.observed_upper)
            .count()
    }

    /// What the page says of the calibration: the test, the ratio of observed to expected
    /// deaths and the slope with their intervals, then the groups inside their interval,
    /// so that neither wide intervals nor merged groups hide a miscalibration; events
    /// counted as `endpoint` names them; in `lang`.
    pub fn sentence(&self, endpoint: Endpoint, lang: Lang) -> String {
        let s = &self.summary;
        let (lo, hi) = s.observed_expected_interval;
        let endpoint = endpoint_arg(endpoint);
        let merged = if s.groups.len() < s.requested_groups {
            format!(
                " {}",
                lang.t_with(
                    "vm-model-calibration-merged",
                    &[
                        (
                            "min",
                            Arg::Text(&count_in(lang, survlens_model::MIN_GROUP_EVENTS))
                        ),
                        ("endpoint", Arg::Text(endpoint)),
                        ("groups", Arg::Text(&count_in(lang, s.groups.len()))),
                    ],
                )
            )
        } else {
            String::new()
        };
        let slope = match &self.slope {
            Some(b) => {
                let (a, c) = b.interval();
                format!(
                    " {}",
                    lang.t_with(
                        "vm-model-calibration-slope",
                        &[
                            ("slope", Arg::Text(&lang.decimal(b.slope, 2))),
                            ("lower", Arg::Text(&lang.decimal(a, 2))),
                            ("upper", Arg::Text(&lang.decimal(c, 2))),
                        ],
                    )
                )
            }
            None => String::new(),
        };
        let verdict = if s.p_value < 0.05 {
            lang.t("vm-model-calibration-disagree")
        } else {
            lang.t("vm-model-calibration-agree")
        };
        let test = lang.t_with(
            "vm-model-calibration-test",
            &[
                ("chi", Arg::Text(&lang.decimal(s.chi_square, 1))),
                ("df", Arg::Text(&count_in(lang, s.degrees_of_freedom))),
                ("p", Arg::Text(&lang.number_text(&format_p(s.p_value)))),
                ("verdict", Arg::Text(&verdict)),
                ("endpoint", Arg::Text(endpoint)),
                ("months", Arg::Text(&lang.decimal(self.months, 0))),
                ("ratio", Arg::Text(&lang.decimal(s.observed_expected, 2))),
                ("lower", Arg::Text(&lang.decimal(lo, 2))),
                ("upper", Arg::Text(&lang.decimal(hi, 2))),
            ],
        );
        let inside = lang.t_with(
            "vm-model-calibration-inside",
            &[
                ("inside", Arg::Text(&count_in(lang, self.inside()))),
                ("groups", Arg::Text(&count_in(lang, self.groups.len()))),
            ],
        );
        format!("{test}{slope} {inside}{merged}")
    }
}

/// A baseline model's held-out figure beside the network's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineFigure {
    /// Which model.
    pub kind: BaselineKind,
    /// Its ridge penalty.
    pub penalizer: f64,
    /// Harrell's C of its log-risk on the held-out patients.
    pub harrell_c: Estimate,
    /// The network's Harrell's C minus this model's on the same resamples.
    pub network_minus_baseline: Estimate,
}

impl BaselineFigure {
    /// Whether the network's held-out C is below this model's.
    pub fn network_is_worse(&self) -> bool {
        self.network_minus_baseline.value().is_some_and(|d| d < 0.0)
    }
}

/// Everything the model view shows about the model as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelReport {
    /// The training curve.
    pub training: TrainingCurve,
    /// Training and held-out patients.
    pub split: Split,
    /// Whose follow-up estimates the censoring distribution of the weighted figures.
    pub censoring_from: CensoringSource,
    /// Held-out metrics.
    pub metrics: HeldOutMetrics,
    /// Calibration on the held-out patients at each of [`MetricSettings::calibration_months`]
    /// (capped at the training follow-up), or why it could not be computed.
    pub calibration: Vec<(f64, Result<CalibrationPlot, Failure>)>,
    /// The linear and spline Cox models on the same patients.
    pub baselines: Vec<BaselineFigure>,
    /// What the `auto` recipe chose, for a network it trained.
    pub recipe: Option<AutoChoice>,
}

impl ModelReport {
    /// The warning the page shows when the network does not beat the spline Cox model on
    /// the held-out patients, in `lang`; `None` when it does, or without the baseline.
    pub fn baseline_warning(&self, lang: Lang) -> Option<String> {
        let spline = self
            .baselines
            .iter()
            .find(|b| b.kind == BaselineKind::Spline)?;
        if !spline.network_is_worse() {
            return None;
        }
        Some(lang.t_with(
            "vm-model-baseline-warning",
            &[
                ("network", Arg::Text(&self.metrics.harrell_c.text(3, lang))),
                ("spline", Arg::Text(&spline.harrell_c.text(3, lang))),
            ],
        ))
    }
}

/// Whose follow-up estimates the censoring survival function `G` behind the inverse
/// probability weights of Uno's C, the Brier score and the time-dependent AUC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CensoringSource {
    /// The training patients (scikit-survival's `survival_train`).
    Training,
    /// The held-out patients themselves: the model came without its training cohort (a
    /// loaded model file evaluated on another cohort).
    HeldOut,
}

impl CensoringSource {
    /// In words, for the page, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Self::Training => lang.t("vm-model-censoring-training"),
            Self::HeldOut => lang.t("vm-model-censoring-held-out"),
        }
    }
}

/// Held-out follow-up with the model's predictions, and the follow-up that estimates the
/// censoring distribution.
struct Evaluation<'a> {
    settings: &'a MetricSettings,
    session: &'a Session,
    train_time: Vec<f64>,
    train_event: Vec<bool>,
    time: Vec<f64>,
    event: Vec<bool>,
    risk: Vec<f64>,
    /// The systematic sample the bootstraps resample, when the held-out patients exceed
    /// [`MetricSettings::max_bootstrap_patients`] (itself without a sample).
    sample: Option<Box<Evaluation<'a>>>,
}

impl ModelReport {
    /// The model view's figures for `session`. Never fails as a whole: a figure that is
    /// undefined for this cohort (too few held-out events, a time beyond the follow-up)
    /// carries the reason instead.
    pub fn build(session: &Session, settings: &MetricSettings) -> Self {
        let split = Split::of(session);
        let gather = |rows: &[usize]| {
            (
                rows.iter().map(|&i| session.time[i]).collect::<Vec<f64>>(),
                rows.iter()
                    .map(|&i| session.event[i])
                    .collect::<Vec<bool>>(),
            )
        };
        let (time, event) = gather(&split.held_out);
        // External validation of a loaded model has no training patients in the session;
        // the held-out follow-up then estimates its own censoring, as scikit-survival does
        // when `survival_train` is the test set.
        let censoring_from = if split.train.iter().any(|&i| !session.event[i]) {
            CensoringSource::Training
        } else {
            CensoringSource::HeldOut
        };
        let (train_time, train_event) = match censoring_from {
            CensoringSource::Training => gather(&split.train),
            CensoringSource::HeldOut => (time.clone(), event.clone()),
        };
        let risk: Vec<f64> = split
            .held_out
            .iter()
            .map(|&i| f64::from(session.risk[i]))
            .collect();
        let n = time.len();
        let cap = settings.max_bootstrap_patients.max(1);
        let sample = (n > cap).then(|| {
            // Evenly spaced positions: a sample stratified by session order.
            let kept = sample_positions(n, cap);
            let gather = |v: &[f64]| kept.iter().map(|&k| v[k]).collect::<Vec<f64>>();
            // The censoring follow-up is refitted on every resample: thinned the same way,
            // so a resample costs O(sample), not O(cohort). Only the intervals' widths
            // come from the sample; every estimate keeps the whole follow-up.
            let censoring = sample_positions(train_time.len(), train_time.len().min(cap));
            Box::new(Evaluation {
                settings,
                session,
                train_time: censoring.iter().map(|&k| train_time[k]).collect(),
                train_event: censoring.iter().map(|&k| train_event[k]).collect(),
                time: gather(&time),
                event: kept.iter().map(|&k| event[k]).collect(),
                risk: gather(&risk),
                sample: None,
            })
        });
        let eval = Evaluation {
            settings,
            session,
            train_time,
            train_event,
            time,
            event,
            risk,
            sample,
        };
        let metrics = eval.metrics();
        let calibration = settings
            .calibration_months
            .iter()
            .map(|&m| {
                let t = eval.capped(m * DAYS_PER_MONTH);
                (
                    t / DAYS_PER_MONTH,
                    eval.calibration(t).map_err(|e| Failure::new(e.code(), &e)),
                )
            })
            .collect();
        let baselines = eval.baselines();
        Self {
            training: TrainingCurve::of(session),
            metrics,
            calibration,
            baselines,
            recipe: session.model.auto.clone(),
            censoring_from,
            split,
        }
    }
}

impl Evaluation<'_> {
    fn n(&self) -> usize {
        self.time.len()
    }

    /// The bootstrap of a statistic that costs about `n` per resample.
    fn bootstrap<F>(&self, statistic: F) -> Estimate
    where
        F: FnMut(&[usize]) -> Result<f64, ModelError>,
    {
        let affordable = self.settings.resample_budget / self.n().max(1);
        self.bootstrap_with(affordable, statistic)
    }

    /// The bootstrap with at most `affordable` resamples (never fewer than
    /// [`MIN_REPLICATES`], never more than the settings' replicates).
    fn bootstrap_with<F>(&self, affordable: usize, statistic: F) -> Estimate
    where
        F: FnMut(&[usize]) -> Result<f64, ModelError>,
    {
        let mut config = self.settings.bootstrap.clone();
        config.replicates = affordable.clamp(MIN_REPLICATES, config.replicates.max(MIN_REPLICATES));
        Estimate::from_result(bootstrap_ci(self.n(), &config, statistic))
    }

    /// A figure with its interval: the bootstrap of `statistic` on these patients, or on
    /// the sample rescaled around the figure on all of them (see
    /// [`MetricSettings::max_bootstrap_patients`]).
    fn figure<F>(&self, statistic: F) -> Estimate
    where
        F: Fn(&Evaluation<'_>, &[usize]) -> Result<f64, ModelError>,
    {
        let Some(sample) = &self.sample else {
            return self.bootstrap(|idx| statistic(self, idx));
        };
        let sampled = match sample.bootstrap(|idx| statistic(sample, idx)) {
            Estimate::Value(interval) => interval,
            unavailable => return unavailable,
        };
        let all: Vec<usize> = (0..self.n()).collect();
        match statistic(self, &all) {
            Ok(estimate) => {
                let scale = (sample.n() as f64 / self.n() as f64).sqrt();
                Estimate::Value(BootstrapInterval {
                    estimate,
                    lower: estimate + scale * (sampled.lower - sampled.estimate),
                    upper: estimate + scale * (sampled.upper - sampled.estimate),
                    ..sampled
                })
            }
            Err(e) => Estimate::Unavailable(Failure::new(e.code(), &e)),
        }
    }

    fn metrics(&self) -> HeldOutMetrics {
        let s = self.settings;
        let mut sorted_times = self.time.clone();
        sorted_times.sort_by(f64::total_cmp);
        let uno_tau_days = quantile_sorted(&sorted_times, s.uno_tau_quantile);
        let brier_grid_days = linear_grid(
            self.capped(quantile_sorted(&sorted_times, s.brier_quantiles.0)),
            self.capped(quantile_sorted(&sorted_times, s.brier_quantiles.1)),
            s.brier_points,
        );

        let harrell = self.figure(|e, idx| {
            Ok(harrell_c(
                &resample(&e.time, idx)?,
                &resample(&e.event, idx)?,
                &resample(&e.risk, idx)?,
            )?
            .index)
        });
        let uno = self.figure(|e, idx| {
            Ok(uno_c(
                &e.train_time,
                &e.train_event,
                &resample(&e.time, idx)?,
                &resample(&e.event, idx)?,
                &resample(&e.risk, idx)?,
                Some(uno_tau_days),
            )?
            .index)
        });
        let mut antolini_grid = distinct(&sorted_times);
        if antolini_grid.len() > s.antolini_grid_points {
            let points = s.antolini_grid_points.max(2);
            antolini_grid = distinct(
                &(0..points)
                    .map(|k| quantile_sorted(&sorted_times, k as f64 / (points - 1) as f64))
                    .collect::<Vec<f64>>(),
            );
        }
        // O(n^2) even once: on the sample when there is one, with the sample's interval.
        let on = self.sample.as_deref().unwrap_or(self);
        let pairs = (on.n() as f64).powi(2).max(1.0);
        let antolini_affordable = (s.antolini_pair_budget / pairs) as usize;
        let antolini = on.curves_on(&antolini_grid).map_or_else(
            |e| Estimate::Unavailable(Failure::new(e.code(), &e)),
            |(grid, survival)| {
                on.bootstrap_with(antolini_affordable, |idx| {
                    antolini_c(
                        &resample(&on.time, idx)?,
                        &resample(&on.event, idx)?,
                        &grid,
                        &resample_rows(&survival, grid.len(), idx)?,
                    )
                })
            },
        );
        let brier = match self.curves_on(&brier_grid_days) {
            Err(e) => Estimate::Unavailable(Failure::new(e.code(), &e)),
            Ok((grid, survival)) => {
                // The sample's own curves: the same rows as the sample's of `survival`,
                // computed for its patients alone.
                let sampled = self
                    .sample
                    .as_deref()
                    .map(|sample| sample.curves_on(&grid).map(|(_, curves)| curves));
                self.figure(|e, idx| {
                    let curves = match (&sampled, e.sample.is_some()) {
                        (Some(of_sample), false) => of_sample.as_ref().map_err(Clone::clone)?,
                        _ => &survival,
                    };
                    integrated_brier_score(
                        &e.train_time,
                        &e.train_event,
                        &resample(&e.time, idx)?,
                        &resample(&e.event, idx)?,
                        &resample_rows(curves, grid.len(), idx)?,
                        &grid,
                    )
                })
            }
        };
        let auc = s
            .auc_months
            .iter()
            .map(|&months| {
                let t = self.capped(months * DAYS_PER_MONTH);
                AucAt {
                    months: t / DAYS_PER_MONTH,
                    capped: t < months * DAYS_PER_MONTH,
                    auc: self.auc_at(t),
                }
            })
            .collect();
        HeldOutMetrics {
            harrell_c: harrell,
            uno_c: uno,
            uno_tau_days,
            antolini_c: antolini,
            antolini_grid_points: antolini_grid.len(),
            antolini_patients: on.n(),
            bootstrap_patients: self.sample.as_deref().map_or(self.n(), Evaluation::n),
            integrated_brier: brier,
            brier_grid_days,
            auc,
            bootstrap: s.bootstrap.clone(),
        }
    }

    /// The held-out patients' predicted survival curves on `grid`:
    /// `S(t | x) = exp(-H0(t) exp(risk))` with the session's Breslow baseline.
    ///
    /// # Shapes
    /// Returns the grid (`m`) and the curves, `n x m`.
    fn curves_on(&self, grid: &[f64]) -> Result<(Vec<f64>, Vec<f64>), ModelError> {
        let survival = self
            .session
            .model
            .baseline
            .survival_matrix(&self.risk, grid)?;
        Ok((grid.to_vec(), survival))
    }

    /// Cumulative/dynamic AUC at `t` days of the predicted death probability
    /// `1 - S(t | x)`.
    fn auc_at(&self, t: f64) -> Estimate {
        let baseline = &self.session.model.baseline;
        self.figure(|e, idx| {
            let dying: Vec<f64> = resample(&e.risk, idx)?
                .into_iter()
                .map(|r| 1.0 - baseline.survival_at(t, r))
                .collect();
            Ok(cumulative_dynamic_auc(
                &e.train_time,
                &e.train_event,
                &resample(&e.time, idx)?,
                &resample(&e.event, idx)?,
                &dying,
                &[t],
            )?
            .mean_auc)
        })
    }

    /// `t` days, or just below the last follow-up time of the censoring distribution's
    /// patients when `t` lies beyond it: the weighted figures are undefined from there on.
    fn capped(&self, t: f64) -> f64 {
        let last = self
            .train_time
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        if last.is_finite() && t >= last {
            last * (1.0 - 1e-9)
        } else {
            t
        }
    }

    fn calibration(&self, t: f64) -> Result<CalibrationPlot, ModelError> {
        let s = self.settings;
        let predicted: Vec<f64> = self
            .risk
            .iter()
            .map(|&r| self.session.model.baseline.survival_at(t, r))
            .collect();
        // Deciles of the held-out risks themselves, so that each point has a tenth of the
        // patients (training deciles would leave uneven groups on a small held-out set).
        let groups = RiskGroups::equal_sized(&self.risk, s.calibration_groups)?;
        let summary =
            calibration_summary(&self.time, &self.event, &self.risk, &predicted, t, &groups)?;
        Ok(CalibrationPlot {
            months: t / DAYS_PER_MONTH,
            groups: summary.groups.clone(),
            summary,
            slope: {
                // The slope of the predictor the survival curves use, `b * r` for a baseline
                // recalibrated with slope `b`: 1 when the model is calibrated.
                let b = self.session.model.baseline.slope();
                let predictor: Vec<f64> = self.risk.iter().map(|&r| b * r).collect();
                CalibrationSlope::fit(&self.time, &self.event, &predictor).ok()
            },
        })
    }

    /// The session's baselines on the held-out patients, with the network's difference on
    /// the same resamples. Their intervals come from the same bootstrap as the network's
    /// figures: on a held-out set above [`MetricSettings::max_bootstrap_patients`], that of
    /// the systematic sample, rescaled around the estimate on every held-out patient.
    fn baselines(&self) -> Vec<BaselineFigure> {
        let held_out: Vec<usize> = (0..self.session.n_patients())
            .filter(|&i| self.session.held_out[i])
            .collect();
        let kept = self
            .sample
            .as_deref()
            .map(|sample| sample_positions(self.n(), sample.n()));
        self.session
            .baselines
            .iter()
            .map(|b| {
                let risk: Vec<f64> = held_out
                    .iter()
                    .map(|&i| b.risk.get(i).map_or(f64::NAN, |&r| f64::from(r)))
                    .collect();
                let sampled: Option<Vec<f64>> = kept
                    .as_ref()
                    .map(|kept| kept.iter().map(|&k| risk[k]).collect());
                // The baseline's log-risks of the patients `e` holds: all of them, or the
                // sample's.
                let of = |e: &Evaluation<'_>| -> &[f64] {
                    match &sampled {
                        Some(sampled) if !std::ptr::eq(e, self) => sampled,
                        _ => &risk,
                    }
                };
                let c = |e: &Evaluation<'_>, risk: &[f64], idx: &[usize]| {
                    Ok(harrell_c(
                        &resample(&e.time, idx)?,
                        &resample(&e.event, idx)?,
                        &resample(risk, idx)?,
                    )?
                    .index)
                };
                BaselineFigure {
                    kind: b.kind,
                    penalizer: b.penalizer,
                    harrell_c: self.figure(|e, idx| c(e, of(e), idx)),
                    network_minus_baseline: self
                        .figure(|e, idx| Ok(c(e, &e.risk, idx)? - c(e, of(e), idx)?)),
                }
            })
            .collect()
    }
}

/// Harrell's C of `risk` (one log-risk per session patient) on the session's held-out
/// patients: the estimate the Model view shows for the network and for each baseline (its
/// interval is the bootstrap around it).
///
/// # Errors
/// As [`harrell_c`]: no comparable pair, or a `risk` of the wrong length.
pub fn held_out_harrell(session: &Session, risk: &[f32]) -> Result<f64, ModelError> {
    let held_out = Split::of(session).held_out;
    let mut time = Vec::with_capacity(held_out.len());
    let mut event = Vec::with_capacity(held_out.len());
    let mut score = Vec::with_capacity(held_out.len());
    for &i in &held_out {
        time.push(session.time[i]);
        event.push(session.event[i]);
        score.push(risk.get(i).map_or(f64::NAN, |&r| f64::from(r)));
    }
    Ok(harrell_c(&time, &event, &score)?.index)
}

/// Positions of the systematic sample of `kept` out of `n` patients (every k-th), as
/// [`ModelReport::build`] draws it.
fn sample_positions(n: usize, kept: usize) -> Vec<usize> {
    (0..kept).map(|k| k * n / kept.max(1)).collect()
}

/// Rows `indices` of a row-major matrix with `width` columns: the matrix itself when
/// `indices` are all its rows in order (the figure on every patient), never copied.
fn resample_rows<'m>(
    matrix: &'m [f64],
    width: usize,
    indices: &[usize],
) -> Result<Cow<'m, [f64]>, ModelError> {
    let rows = matrix.len() / width.max(1);
    if indices.len() == rows && indices.iter().enumerate().all(|(k, &i)| k == i) {
        return Ok(Cow::Borrowed(matrix));
    }
    let mut out = Vec::with_capacity(indices.len() * width);
    for &i in indices {
        let row = matrix
            .get(i * width..(i + 1) * width)
            .ok_or(ModelError::RowOutOfRange {
                context: "resample",
                row: i,
                rows,
            })?;
        out.extend_from_slice(row);
    }
    Ok(Cow::Owned(out))
}

/// `points` equally spaced values from `start` to `end` inclusive.
fn linear_grid(start: f64, end: f64, points: usize) -> Vec<f64> {
    match points {
        0 => Vec::new(),
        1 => vec![start],
        _ => (0..points)
            .map(|k| start + (end - start) * k as f64 / (points - 1) as f64)
            .collect(),
    }
}

/// The distinct values of a sorted slice.
fn distinct(sorted: &[f64]) -> Vec<f64> {
    let mut out = sorted.to_vec();
    out.dedup();
    out
}

/// The session's cohort encoded as the model's inputs, with the reference patient that
/// integrated gradients, Shapley values and deletion curves measure against.
///
/// # Shapes
/// `x`: `n x n_inputs` row-major; `reference`: `n_inputs`; `input_to_marker`: `n_inputs`
/// session marker indices.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodedCohort {
    /// Inputs per patient.
    pub n_inputs: usize,
    /// The cohort median patient in encoded space: the median of every input column.
    pub reference: Vec<f32>,
    /// The session marker of every input.
    pub input_to_marker: Vec<usize>,
}

impl EncodedCohort {
    /// The cohort's median patient in the network's input space, from the session's raw
    /// values encoded with its fitted encoder, as the pipeline did before training: each
    /// input's median (the mean of the two middle values for an even count). The cohort is
    /// streamed through the encoder in chunks ([`Session::input_order_statistics`]) and only
    /// the reference is kept: a patient's row is encoded again when asked for
    /// ([`Self::row`]), so the worker never holds a second copy of the cohort.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn build(session: &Session) -> Result<Self, ComputeError> {
        let n = session.n_patients();
        let encoder = &session.model.encoder;
        let p = encoder.n_features();
        let middle = session.input_order_statistics(&[n.saturating_sub(1) / 2, n / 2])?;
        let reference = middle
            .iter()
            .map(|pair| match pair.as_slice() {
                [lower, upper] if n.is_multiple_of(2) => {
                    ((f64::from(*lower) + f64::from(*upper)) / 2.0) as f32
                }
                [middle, ..] => *middle,
                [] => f32::NAN,
            })
            .collect();
        Ok(Self {
            n_inputs: p,
            reference,
            input_to_marker: encoder.feature_map().input_to_marker(),
        })
    }

    /// The encoded inputs of patient `i` of `session`; `None` for an index beyond it.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn row(&self, session: &Session, i: usize) -> Result<Option<Vec<f32>>, ComputeError> {
        if i >= session.n_patients() {
            return Ok(None);
        }
        session.encode_patients(&[i]).map(Some)
    }

    /// Sums per-input values into one value per session marker.
    ///
    /// # Shapes
    /// `per_input`: `n_inputs`; returns `n_markers`.
    pub fn to_markers(&self, per_input: &[f32], n_markers: usize) -> Vec<f32> {
        let mut out = vec![0.0f64; n_markers];
        for (&v, &j) in per_input.iter().zip(&self.input_to_marker) {
            if let Some(slot) = out.get_mut(j) {
                *slot += f64::from(v);
            }
        }
        out.into_iter().map(|v| v as f32).collect()
    }
}

/// The attribution methods compared on the model view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttributionMethod {
    /// LRP with the study's gamma rule on every layer (the session's explanation).
    LrpPaperGamma,
    /// LRP with the epsilon rule on every layer.
    LrpEpsilon,
    /// Gradient x input.
    GradientTimesInput,
    /// Integrated gradients from the reference patient.
    IntegratedGradients,
    /// Shapley values from random permutations, against the reference patient.
    SampledShapley,
}

impl AttributionMethod {
    /// Every method, in the order of the page.
    pub const ALL: [Self; 5] = [
        Self::LrpPaperGamma,
        Self::LrpEpsilon,
        Self::GradientTimesInput,
        Self::IntegratedGradients,
        Self::SampledShapley,
    ];

    /// Short name for legends and tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::LrpPaperGamma => "LRP (study's gamma)",
            Self::LrpEpsilon => "LRP epsilon",
            Self::GradientTimesInput => "Gradient \u{d7} input",
            Self::IntegratedGradients => "Integrated gradients",
            Self::SampledShapley => "Shapley (sampled)",
        }
    }

    /// [`Self::label`] in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        match self {
            Self::LrpPaperGamma => lang.t("vm-model-method-lrp-gamma"),
            Self::LrpEpsilon => lang.t("vm-model-method-lrp-epsilon"),
            Self::GradientTimesInput => lang.t("vm-model-method-gradient"),
            Self::IntegratedGradients => lang.t("vm-model-method-integrated"),
            Self::SampledShapley => lang.t("vm-model-method-shapley"),
        }
    }

    /// What the method's relevances add up to, in words, in `lang`.
    pub fn measured_against(self, lang: Lang) -> String {
        match self {
            Self::LrpPaperGamma | Self::LrpEpsilon => lang.t("vm-model-against-biases"),
            Self::GradientTimesInput => lang.t("vm-model-against-offset"),
            Self::IntegratedGradients | Self::SampledShapley => lang.t("vm-model-against-median"),
        }
    }
}

/// Settings of the method comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodSettings {
    /// Epsilon of the epsilon-LRP rule.
    pub epsilon: f32,
    /// Quadrature points of integrated gradients.
    pub ig_steps: usize,
    /// Independent batches of Shapley permutations (at least 2); the spread of their
    /// marker totals gives the standard errors.
    pub shapley_batches: usize,
    /// Permutations per batch (at least 2).
    pub shapley_permutations_per_batch: usize,
    /// Largest number of multiply-adds the Shapley estimate may spend: a large network
    /// gets fewer permutations per batch, then fewer batches, and no Shapley values if even
    /// two batches of two exceed it.
    pub shapley_budget: f64,
    /// Seed of the first Shapley batch (batch `b` uses `seed + b`).
    pub seed: u64,
    /// Markers shown side by side.
    pub top_markers: usize,
}

impl Default for MethodSettings {
    /// Epsilon 0.01, 64 integration steps, 8 x 16 Shapley permutations within 1e9
    /// multiply-adds (all 128 for the teaching cohort's network, 8 x 1 too few for the
    /// 626-input default model: 5 batches of 2), the 8 top markers.
    fn default() -> Self {
        Self {
            epsilon: 0.01,
            ig_steps: 64,
            shapley_batches: 8,
            shapley_permutations_per_batch: 16,
            shapley_budget: 1e9,
            seed: 0,
            top_markers: 8,
        }
    }
}

/// One method's explanation of one patient.
///
/// # Shapes
/// `marker_relevance`, `marker_std_err`: `n_markers`; `input_relevance`: `n_inputs`;
/// `deletion_risk`: `n_inputs + 1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodExplanation {
    /// The method.
    pub method: AttributionMethod,
    /// Relevance per session marker (log-risk units).
    pub marker_relevance: Vec<f32>,
    /// Standard error of each marker's relevance (sampled Shapley only; zero for the
    /// deterministic methods).
    pub marker_std_err: Vec<f32>,
    /// Relevance per encoded input.
    pub input_relevance: Vec<f32>,
    /// Output, relevance sum and the two shares (see `survlens_xai::attribution`: for
    /// LRP biases and stabilisers; for gradient x input the local offset; for integrated
    /// gradients and Shapley the reference's risk and what the method left unexplained).
    pub accounting: Accounting,
    /// The deletion curve: the log-risk as inputs are set to the reference's values, most
    /// relevant first.
    pub deletion_risk: Vec<f32>,
    /// Faithfulness, `f(x)` minus the area under the deletion curve (higher is better).
    pub faithfulness: f32,
}

/// Five methods explaining one patient, side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodComparison {
    /// The patient.
    pub patient: usize,
    /// The patient's identifier.
    pub patient_id: String,
    /// The patient's log-risk.
    pub risk: f32,
    /// The patient's raw values, one per marker (NaN = missing), for the bars' labels.
    pub values: Vec<f32>,
    /// The explanations, in [`AttributionMethod::ALL`] order (Shapley left out when over
    /// budget, see [`Self::shapley_note`]).
    pub methods: Vec<MethodExplanation>,
    /// The markers with the largest mean |relevance| over the methods, largest first.
    pub top_markers: Vec<usize>,
    /// Log-risk of the reference patient.
    pub reference_risk: f32,
    /// Shapley permutations drawn in total.
    pub shapley_permutations: usize,
    /// Independent batches they were drawn in (the standard errors' degrees of freedom
    /// plus one).
    pub shapley_batches: usize,
    /// Why Shapley values are missing, when they are (in the language of
    /// [`Self::in_language`], English as built).
    pub shapley_note: Option<String>,
    /// The network's inputs and the multiply-adds four permutations would take, when
    /// Shapley values are left out.
    pub shapley_cost: Option<(usize, f64)>,
}

impl MethodComparison {
    /// Explains patient `patient` with every method and scores each by its deletion curve.
    ///
    /// # Errors
    /// [`ComputeError::Xai`] from the explainers; [`ComputeError::Model`] for a patient
    /// index out of range.
    pub fn build(
        session: &Session,
        encoded: &EncodedCohort,
        patient: usize,
        settings: &MethodSettings,
    ) -> Result<Self, ComputeError> {
        let net = &session.model.network;
        let row = encoded
            .row(session, patient)?
            .ok_or_else(|| ModelError::RowOutOfRange {
                context: "method comparison",
                row: patient,
                rows: session.n_patients(),
            })?;
        let x = row.as_slice();
        let reference = &encoded.reference;
        let m = session.n_markers();
        let d = encoded.n_inputs;

        let plain = |method: AttributionMethod,
                     relevances: Relevances|
         -> Result<MethodExplanation, ComputeError> {
            let input_relevance = relevances.row(0).unwrap_or_default().to_vec();
            let accounting = relevances.accounting(0).unwrap_or(Accounting {
                output: 0.0,
                relevance_sum: 0.0,
                bias_share: 0.0,
                stabilizer_share: 0.0,
            });
            explanation(
                session,
                encoded,
                x,
                method,
                input_relevance,
                vec![0.0; m],
                accounting,
            )
        };

        let mut methods = Vec::with_capacity(AttributionMethod::ALL.len());
        let paper = LrpAttribution {
            composite: Composite::paper(),
        };
        methods.push(plain(
            AttributionMethod::LrpPaperGamma,
            paper.attribute(net, x, 1)?,
        )?);
        let epsilon = LrpAttribution {
            composite: Composite::uniform(LrpRule::epsilon(settings.epsilon)),
        };
        methods.push(plain(
            AttributionMethod::LrpEpsilon,
            epsilon.attribute(net, x, 1)?,
        )?);
        methods.push(plain(
            AttributionMethod::GradientTimesInput,
            GradientTimesInput.attribute(net, x, 1)?,
        )?);
        let ig = IntegratedGradients {
            reference: reference.clone(),
            steps: settings.ig_steps,
        };
        methods.push(plain(
            AttributionMethod::IntegratedGradients,
            ig.attribute(net, x, 1)?,
        )?);

        // One permutation evaluates d + 1 patients: about (d + 1) x n_params multiply-adds.
        let per_permutation = (d + 1) as f64 * net.n_params() as f64;
        let wanted =
            settings.shapley_batches.max(2) * settings.shapley_permutations_per_batch.max(2);
        let total = wanted.min((settings.shapley_budget / per_permutation) as usize);
        // A large network gets fewer permutations, then fewer batches; two batches of two
        // are the least that still gives a standard error.
        let batches = settings.shapley_batches.max(2).min(total / 2);
        let per_batch = if batches >= 2 { total / batches } else { 0 };
        let (mut shapley_permutations, mut shapley_batches_drawn, mut shapley_cost) = (0, 0, None);
        if batches >= 2 && per_batch >= 2 {
            let (input_relevance, std_err, accounting) = shapley_batches(
                net,
                x,
                reference,
                batches,
                per_batch,
                settings.seed,
                encoded,
                m,
            )?;
            shapley_permutations = batches * per_batch;
            shapley_batches_drawn = batches;
            methods.push(explanation(
                session,
                encoded,
                x,
                AttributionMethod::SampledShapley,
                input_relevance,
                std_err,
                accounting,
            )?);
        } else {
            shapley_cost = Some((d, 4.0 * per_permutation));
        }

        let mut mean_abs = vec![0.0f64; m];
        for e in &methods {
            for (acc, &r) in mean_abs.iter_mut().zip(&e.marker_relevance) {
                *acc += f64::from(r.abs()) / methods.len() as f64;
            }
        }
        let mut top_markers: Vec<usize> = (0..m).collect();
        top_markers.sort_by(|&a, &b| mean_abs[b].total_cmp(&mean_abs[a]).then(a.cmp(&b)));
        top_markers.truncate(settings.top_markers);

        Ok(Self {
            patient,
            patient_id: session.patient_ids[patient].clone(),
            risk: session.risk[patient],
            values: session.values_of(patient).to_vec(),
            methods,
            top_markers,
            reference_risk: net
                .predict(reference, 1)
                .first()
                .copied()
                .unwrap_or(f32::NAN),
            shapley_permutations,
            shapley_batches: shapley_batches_drawn,
            shapley_note: shapley_cost.map(|cost| shapley_note(cost, Lang::En)),
            shapley_cost,
        })
    }

    /// The comparison with its note in `lang`.
    pub fn in_language(mut self, lang: Lang) -> Self {
        self.shapley_note = self.shapley_cost.map(|cost| shapley_note(cost, lang));
        self
    }

    /// Method indices by decreasing faithfulness.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.methods.len()).collect();
        order.sort_by(|&a, &b| {
            self.methods[b]
                .faithfulness
                .total_cmp(&self.methods[a].faithfulness)
        });
        order
    }

    /// The explanation of `method`, if it was computed.
    pub fn get(&self, method: AttributionMethod) -> Option<&MethodExplanation> {
        self.methods.iter().find(|e| e.method == method)
    }
}

/// Groups one method's input relevances into markers and scores them by deletion.
fn explanation(
    session: &Session,
    encoded: &EncodedCohort,
    x: &[f32],
    method: AttributionMethod,
    input_relevance: Vec<f32>,
    marker_std_err: Vec<f32>,
    accounting: Accounting,
) -> Result<MethodExplanation, ComputeError> {
    let curve = deletion_curve(
        &session.model.network,
        x,
        &input_relevance,
        &encoded.reference,
    )?;
    Ok(MethodExplanation {
        method,
        marker_relevance: encoded.to_markers(&input_relevance, session.n_markers()),
        marker_std_err,
        input_relevance,
        accounting,
        faithfulness: curve.faithfulness(),
        deletion_risk: curve.risk,
    })
}

/// Sampled Shapley values from `batches` independent runs of `per_batch` permutations:
/// the input relevances are the mean over all permutations; each marker's standard error
/// is the spread of its batch totals over `sqrt(batches)`, which, unlike the inputs'
/// standard errors, accounts for the covariance of one marker's inputs.
#[allow(clippy::too_many_arguments)]
fn shapley_batches(
    net: &survlens_model::CoxNet,
    x: &[f32],
    reference: &[f32],
    batches: usize,
    per_batch: usize,
    seed: u64,
    encoded: &EncodedCohort,
    n_markers: usize,
) -> Result<(Vec<f32>, Vec<f32>, Accounting), ComputeError> {
    let d = x.len();
    let mut input_sum = vec![0.0f64; d];
    let mut totals = Vec::with_capacity(batches);
    let mut accounting = None;
    for b in 0..batches {
        let method = SampledShapley {
            reference: reference.to_vec(),
            permutations: per_batch,
            seed: seed.wrapping_add(b as u64),
        };
        let r = method.attribute(net, x, 1)?;
        let row = r.row(0).unwrap_or_default();
        for (acc, &v) in input_sum.iter_mut().zip(row) {
            *acc += f64::from(v);
        }
        totals.push(encoded.to_markers(row, n_markers));
        accounting.get_or_insert(r.accounting(0));
    }
    let input_relevance: Vec<f32> = input_sum
        .iter()
        .map(|&s| (s / batches as f64) as f32)
        .collect();
    let std_err = (0..n_markers)
        .map(|j| {
            let mean = totals.iter().map(|t| f64::from(t[j])).sum::<f64>() / batches as f64;
            let var = totals
                .iter()
                .map(|t| (f64::from(t[j]) - mean).powi(2))
                .sum::<f64>()
                / (batches - 1) as f64;
            (var / batches as f64).sqrt() as f32
        })
        .collect();
    // The shares of the mean: the reference's risk is common to all batches; what the
    // mean leaves unexplained is recomputed from its own sum.
    let first = accounting.flatten().unwrap_or(Accounting {
        output: 0.0,
        relevance_sum: 0.0,
        bias_share: 0.0,
        stabilizer_share: 0.0,
    });
    let relevance_sum = input_sum.iter().sum::<f64>() / batches as f64;
    let accounting = Accounting {
        output: first.output,
        relevance_sum: relevance_sum as f32,
        bias_share: first.bias_share,
        stabilizer_share: (f64::from(first.output) - f64::from(first.bias_share) - relevance_sum)
            as f32,
    };
    Ok((input_relevance, std_err, accounting))
}

/// Why Shapley values are left out: `inputs` inputs, `cost` multiply-adds for four
/// permutations.
fn shapley_note((inputs, cost): (usize, f64), lang: Lang) -> String {
    lang.t_with(
        "vm-model-shapley-left-out",
        &[
            ("inputs", Arg::Text(&count_in(lang, inputs))),
            ("cost", Arg::Text(&lang.number_text(&format!("{cost:.0e}")))),
        ],
    )
}

/// The events an endpoint counts, as a message's selector (`death` or `other`).
pub fn endpoint_arg(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::Death => "death",
        Endpoint::RelapseOrDeath | Endpoint::Event => "other",
    }
}
