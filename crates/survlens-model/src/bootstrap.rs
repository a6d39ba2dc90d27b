//! Percentile bootstrap confidence intervals for any statistic of a cohort (a C-index, an
//! integrated Brier score, a calibration slope...): patients are resampled with
//! replacement, the statistic is recomputed on each resample, and the interval is read
//! off the replicates' quantiles. Seeded ChaCha8 draws make it reproducible on every
//! target.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::ModelError;
use crate::risk_groups::quantile_sorted;

/// Settings of a bootstrap interval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BootstrapConfig {
    /// Number of resamples drawn.
    pub replicates: usize,
    /// Two-sided level of the interval, in (0, 1).
    pub level: f64,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
}

impl Default for BootstrapConfig {
    /// 1,000 resamples, a 95% interval, seed 0.
    fn default() -> Self {
        Self {
            replicates: 1000,
            level: 0.95,
            seed: 0,
        }
    }
}

/// A statistic with its percentile bootstrap interval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BootstrapInterval {
    /// The statistic on the original cohort.
    pub estimate: f64,
    /// Lower limit: the `(1 - level) / 2` quantile of the replicates.
    pub lower: f64,
    /// Upper limit: the `(1 + level) / 2` quantile of the replicates.
    pub upper: f64,
    /// Two-sided level.
    pub level: f64,
    /// Replicates that produced a finite value.
    pub replicates: usize,
    /// Replicates where the statistic was undefined (an error or a non-finite value, e.g.
    /// a resample without comparable pairs); they are left out of the quantiles.
    pub failed: usize,
}

/// Percentile bootstrap interval of `statistic` over a cohort of `n` patients.
///
/// `statistic` receives patient indices (`0..n` in order for the estimate, `n` draws with
/// replacement for each replicate) and gathers what it needs with [`resample`]. Fails if
/// the estimate itself fails, or if no replicate succeeds. Quantiles interpolate
/// linearly between order statistics (numpy's default).
pub fn bootstrap_ci<F>(
    n: usize,
    config: &BootstrapConfig,
    mut statistic: F,
) -> Result<BootstrapInterval, ModelError>
where
    F: FnMut(&[usize]) -> Result<f64, ModelError>,
{
    if !(config.level > 0.0 && config.level < 1.0) {
        return Err(ModelError::setting(
            "bootstrap",
            "the level",
            "in (0, 1)",
            config.level,
        ));
    }
    if config.replicates == 0 {
        return Err(ModelError::setting(
            "bootstrap",
            "the number of replicates",
            "at least 1",
            0.0,
        ));
    }
    // Draws are u32 so that the stream is the same on 64-bit hosts and wasm32.
    let Ok(n_draw) = u32::try_from(n) else {
        return Err(ModelError::setting(
            "bootstrap",
            "the number of patients",
            "at most 4,294,967,295",
            n as f64,
        ));
    };
    if n == 0 {
        return Err(ModelError::insufficient(
            "bootstrap",
            "at least one patient",
            0,
            "patients",
        ));
    }
    let identity: Vec<usize> = (0..n).collect();
    let estimate = statistic(&identity)?;

    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut indices = vec![0usize; n];
    let mut values = Vec::with_capacity(config.replicates);
    let mut failed = 0;
    for _ in 0..config.replicates {
        for slot in &mut indices {
            *slot = rng.random_range(0..n_draw) as usize;
        }
        match statistic(&indices) {
            Ok(v) if v.is_finite() => values.push(v),
            _ => failed += 1,
        }
    }
    if values.is_empty() {
        return Err(ModelError::insufficient(
            "bootstrap",
            "a resample on which the statistic is defined",
            0,
            "such resamples",
        ));
    }
    values.sort_by(f64::total_cmp);
    Ok(BootstrapInterval {
        estimate,
        lower: quantile_sorted(&values, (1.0 - config.level) / 2.0),
        upper: quantile_sorted(&values, (1.0 + config.level) / 2.0),
        level: config.level,
        replicates: values.len(),
        failed,
    })
}

/// The entries of `values` at `indices`, in that order (a bootstrap resample). Fails when
/// an index is out of range (`values` shorter than the cohort).
pub fn resample<T: Clone>(values: &[T], indices: &[usize]) -> Result<Vec<T>, ModelError> {
    indices
        .iter()
        .map(|&i| {
            values.get(i).cloned().ok_or(ModelError::RowOutOfRange {
                context: "resample",
                row: i,
                rows: values.len(),
            })
        })
        .collect()
}
