//! The same split for every model: the network by either recipe beside the baselines a
//! statistician fits first, each judged by Harrell's C on patients none of them saw.
//!
//! `survlens benchmark` and the model view both use it, so the figures they print come from
//! one code path.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};
use survlens_data::{Cohort, CohortView, Encoder, EncoderConfig};

use crate::ModelError;
use crate::baselines::{BaselineCox, BaselineKind};
use crate::bootstrap::{BootstrapConfig, BootstrapInterval, bootstrap_ci, resample};
use crate::bundle::{BuildSettings, BundleError, ModelBundle, build_bundle};
use crate::concordance::harrell_c;

/// Folds of the penalty's cross-validation in the baselines.
pub const BASELINE_FOLDS: usize = 5;

/// A model of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Contender {
    /// The network by the `auto` recipe.
    Auto,
    /// The network by the study's recipe.
    Study,
    /// Ridge-penalised linear Cox model on the `auto` recipe's preprocessing.
    LinearCox,
    /// Ridge-penalised Cox model with splines on the `auto` recipe's preprocessing.
    SplineCox,
}

impl Contender {
    /// Every contender, in table order.
    pub const ALL: [Contender; 4] = [
        Contender::Auto,
        Contender::Study,
        Contender::LinearCox,
        Contender::SplineCox,
    ];

    /// The name a table shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "survlens auto",
            Self::Study => "survlens study",
            Self::LinearCox => "linear Cox (ridge)",
            Self::SplineCox => "spline Cox (ridge)",
        }
    }
}

/// A fitted contender.
#[derive(Clone, Debug)]
pub enum Fitted {
    /// A network with its model file.
    Network(Box<ModelBundle>),
    /// One baseline, with the preprocessing it reads.
    Baseline(Box<FittedBaselines>),
}

/// Baseline Cox models with the one preprocessing they read: what a model file stores so
/// that the statistician's first models are shown beside the network without refitting
/// them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedBaselines {
    /// The `auto` recipe's preprocessing, fitted on the models' training patients.
    pub encoder: Encoder,
    /// The fitted models (kind, penalty and coefficients), in the order asked for.
    pub models: Vec<BaselineCox>,
}

impl FittedBaselines {
    /// Fits a baseline of each of `kinds` on `train`: the `auto` recipe's preprocessing,
    /// then each ridge penalty chosen by [`BASELINE_FOLDS`]-fold cross-validation with
    /// fold seed `seed`.
    ///
    /// # Errors
    /// As [`EncoderConfig::fit`] and [`BaselineCox::fit`].
    pub fn fit(
        kinds: &[BaselineKind],
        train: CohortView<'_>,
        seed: u64,
    ) -> Result<Self, BundleError> {
        let encoder = EncoderConfig::auto().fit(train)?;
        let x = encoder.transform(train)?.design;
        let time: Vec<f64> = (0..train.len()).map(|i| train.time(i)).collect();
        let event: Vec<bool> = (0..train.len()).map(|i| train.event(i)).collect();
        let models = kinds
            .iter()
            .map(|&kind| {
                BaselineCox::fit(
                    kind,
                    x.as_slice(),
                    x.cols(),
                    &time,
                    &event,
                    BASELINE_FOLDS,
                    seed,
                )
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { encoder, models })
    }

    /// Log-risk of every patient of `cohort` under each model, in the models' order.
    ///
    /// # Errors
    /// When the cohort does not fit the preprocessing.
    pub fn log_risks(&self, cohort: CohortView<'_>) -> Result<Vec<Vec<f64>>, BundleError> {
        let x = self.encoder.transform(cohort)?.design;
        self.models
            .iter()
            .map(|model| Ok(model.log_risk(x.as_slice(), x.rows())?))
            .collect()
    }

    /// Checks that the preprocessing and every model fit together (as read from a file).
    ///
    /// # Errors
    /// [`BundleError::InvalidEncoder`] or [`BundleError::InputWidth`].
    pub fn validate(&self) -> Result<(), BundleError> {
        self.encoder
            .validate()
            .map_err(BundleError::InvalidEncoder)?;
        let encoder_features = self.encoder.n_features();
        match self
            .models
            .iter()
            .find(|model| model.n_inputs() != encoder_features)
        {
            Some(model) => Err(BundleError::InputWidth {
                encoder_features,
                network_inputs: model.n_inputs(),
            }),
            None => Ok(()),
        }
    }
}

impl Fitted {
    /// Log-risk of every patient of `cohort`.
    ///
    /// # Errors
    /// When the cohort does not fit the model's preprocessing.
    pub fn log_risk(&self, cohort: &Cohort) -> Result<Vec<f64>, BundleError> {
        match self {
            Self::Network(bundle) => {
                let x = bundle.encoder().transform(cohort.view())?.design;
                Ok(bundle
                    .network()
                    .predict(x.as_slice(), x.rows())
                    .into_iter()
                    .map(f64::from)
                    .collect())
            }
            Self::Baseline(fitted) => Ok(fitted
                .log_risks(cohort.view())?
                .into_iter()
                .next()
                .unwrap_or_default()),
        }
    }
}

/// Fits `contender` on `train` with `seed`.
///
/// # Errors
/// As [`build_bundle`] and [`BaselineCox::fit`].
pub fn fit_contender(
    contender: Contender,
    train: &Cohort,
    seed: u64,
    mut on_progress: impl FnMut() -> ControlFlow<()>,
) -> Result<Fitted, BundleError> {
    let mut network = |settings: BuildSettings| -> Result<Fitted, BundleError> {
        let bundle = build_bundle(train, &settings, |_| on_progress())?.ok_or({
            BundleError::Model(ModelError::Cancelled {
                context: "model comparison",
            })
        })?;
        Ok(Fitted::Network(Box::new(bundle)))
    };
    let mut settings = match contender {
        Contender::Auto => BuildSettings::default(),
        Contender::Study => BuildSettings::study(),
        Contender::LinearCox | Contender::SplineCox => {
            let kind = if contender == Contender::LinearCox {
                BaselineKind::Linear
            } else {
                BaselineKind::Spline
            };
            let fitted = FittedBaselines::fit(&[kind], train.view(), seed)?;
            return Ok(Fitted::Baseline(Box::new(fitted)));
        }
    };
    settings.training.seed = seed;
    // A held-out split judges the network: no cross-validation inside.
    settings.folds = 0;
    network(settings)
}

/// Harrell's C of `fitted` on `test`; `None` without a comparable pair.
///
/// # Errors
/// As [`Fitted::log_risk`].
pub fn held_out_c(fitted: &Fitted, test: &Cohort) -> Result<Option<f64>, BundleError> {
    let risk = fitted.log_risk(test)?;
    Ok(harrell_c(test.time(), test.event(), &risk)
        .ok()
        .map(|c| c.index))
}

/// A design matrix with its outcomes and a fold for every patient: what out-of-fold fits
/// share.
///
/// # Shapes
/// `x`: `n x p` (the `auto` preprocessing); `time`, `event`, `fold_of`: `n`.
#[derive(Clone, Copy, Debug)]
pub struct FoldedDesign<'a> {
    /// Row-major `n x p` inputs.
    pub x: &'a [f32],
    /// Columns of `x`.
    pub p: usize,
    /// Follow-up times.
    pub time: &'a [f64],
    /// Whether each follow-up ended in death.
    pub event: &'a [bool],
    /// Each patient's fold, below `folds`.
    pub fold_of: &'a [usize],
    /// Number of folds.
    pub folds: usize,
}

/// The out-of-fold log-risk of a baseline on `design`'s folds: fitted on the other folds,
/// each fold's risks centred on that fit's mean over all patients so that folds share one
/// scale.
///
/// # Errors
/// As [`BaselineCox::fit`]; [`ModelError::Shape`] when `fold_of` names a fold `>= folds`.
pub fn baseline_out_of_fold(
    kind: BaselineKind,
    design: &FoldedDesign<'_>,
    seed: u64,
) -> Result<Vec<f64>, ModelError> {
    let FoldedDesign {
        x,
        p,
        time,
        event,
        fold_of,
        folds,
    } = *design;
    let n = time.len();
    if fold_of.len() != n {
        return Err(ModelError::length(
            "baseline out of fold",
            "fold index",
            n,
            fold_of.len(),
        ));
    }
    if let Some(&f) = fold_of.iter().find(|&&f| f >= folds) {
        return Err(ModelError::setting(
            "baseline out of fold",
            "a fold index",
            "below the number of folds",
            f as f64,
        ));
    }

    let mut out = vec![0.0; n];
    for k in 0..folds {
        let train: Vec<usize> = (0..n).filter(|&i| fold_of[i] != k).collect();
        let mut xt = Vec::with_capacity(train.len() * p);
        for &r in &train {
            xt.extend_from_slice(&x[r * p..(r + 1) * p]);
        }
        let t: Vec<f64> = train.iter().map(|&i| time[i]).collect();
        let e: Vec<bool> = train.iter().map(|&i| event[i]).collect();
        let model = BaselineCox::fit(kind, &xt, p, &t, &e, BASELINE_FOLDS, seed)?;
        let all = model.log_risk(x, n)?;
        let mean = all.iter().sum::<f64>() / n.max(1) as f64;
        for i in (0..n).filter(|&i| fold_of[i] == k) {
            out[i] = all[i] - mean;
        }
    }
    Ok(out)
}

/// A baseline's out-of-fold Harrell's C beside the network's, on the same folds, with
/// percentile bootstrap intervals: what `survlens train` reports and the model file keeps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineMetric {
    /// Which baseline.
    pub kind: BaselineKind,
    /// Its out-of-fold Harrell's C with interval.
    pub harrell_c: Option<BootstrapInterval>,
    /// The network's out-of-fold C minus the baseline's, with a paired interval (the same
    /// resamples for both).
    pub network_minus_baseline: Option<BootstrapInterval>,
}

/// Out-of-fold metrics of the linear and spline baselines on `design` against the
/// network's out-of-fold log-risks `network`, each with 200 bootstrap resamples (seed 0).
///
/// # Errors
/// As [`baseline_out_of_fold`].
pub fn baseline_metrics(
    design: &FoldedDesign<'_>,
    network: &[f64],
    seed: u64,
) -> Result<Vec<BaselineMetric>, ModelError> {
    let (time, event) = (design.time, design.event);
    let config = BootstrapConfig {
        replicates: 200,
        level: 0.95,
        seed: 0,
    };
    let c_of = |risk: &[f64], idx: &[usize]| -> Result<f64, ModelError> {
        Ok(harrell_c(
            &resample(time, idx)?,
            &resample(event, idx)?,
            &resample(risk, idx)?,
        )?
        .index)
    };
    [BaselineKind::Linear, BaselineKind::Spline]
        .into_iter()
        .map(|kind| {
            let risk = baseline_out_of_fold(kind, design, seed)?;
            let n = time.len();
            Ok(BaselineMetric {
                kind,
                harrell_c: bootstrap_ci(n, &config, |idx| c_of(&risk, idx)).ok(),
                network_minus_baseline: bootstrap_ci(n, &config, |idx| {
                    Ok(c_of(network, idx)? - c_of(&risk, idx)?)
                })
                .ok(),
            })
        })
        .collect()
}
