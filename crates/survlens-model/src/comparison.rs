//! The same split for every model: the network by either recipe beside the baselines a
//! statistician fits first, each judged by Harrell's C on patients none of them saw.
//!
//! `survlens benchmark` and the model view both use it, so the figures they print come from
//! one code path.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};
use survlens_data::{Cohort, EncoderConfig};

use crate::ModelError;
use crate::baselines::{BaselineCox, BaselineKind};
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
    /// A baseline, with the preprocessing it reads.
    Baseline(Box<BaselineCox>, Box<survlens_data::Encoder>),
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
            Self::Baseline(model, encoder) => {
                let x = encoder.transform(cohort.view())?.design;
                Ok(model.log_risk(x.as_slice(), x.rows())?)
            }
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
        let bundle = build_bundle(train, &settings, |_| on_progress())?.ok_or_else(|| {
            BundleError::Model(ModelError::InsufficientData(
                "training was cancelled".into(),
            ))
        })?;
        Ok(Fitted::Network(Box::new(bundle)))
    };
    let mut settings = match contender {
        Contender::Auto => BuildSettings::default(),
        Contender::Study => BuildSettings::study(),
        Contender::LinearCox | Contender::SplineCox => {
            let encoder = EncoderConfig::auto().fit(train.view())?;
            let x = encoder.transform(train.view())?.design;
            let kind = if contender == Contender::LinearCox {
                BaselineKind::Linear
            } else {
                BaselineKind::Spline
            };
            let model = BaselineCox::fit(
                kind,
                x.as_slice(),
                x.cols(),
                train.time(),
                train.event(),
                BASELINE_FOLDS,
                seed,
            )?;
            return Ok(Fitted::Baseline(Box::new(model), Box::new(encoder)));
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
