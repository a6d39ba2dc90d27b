//! Risk groups: cut-offs on the log-risk fixed once on a training cohort (for instance its
//! terciles or deciles) and then applied unchanged to new patients, so that "high risk"
//! means the same thing in every cohort the model meets.

use serde::{Deserialize, Serialize};

use crate::ModelError;
use crate::survival_input::check_per_patient;

/// Increasing risk cut-offs `c_0 <= c_1 <= ...` splitting the risk axis into
/// `cut_offs.len() + 1` groups. Group `g` holds risks in `(c_{g-1}, c_g]` (group 0 is
/// `(-inf, c_0]`, the last `(c_last, inf)`): a risk equal to a cut-off joins the lower
/// group, as `pandas.cut` with `right=True`. Group 0 is the lowest risk.
///
/// Deserialising checks the cut-offs as [`RiskGroups::from_cut_offs`] does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RiskGroupsParts")]
pub struct RiskGroups {
    cut_offs: Vec<f64>,
}

/// The serialised form of [`RiskGroups`], before its checks.
#[derive(Deserialize)]
struct RiskGroupsParts {
    cut_offs: Vec<f64>,
}

impl TryFrom<RiskGroupsParts> for RiskGroups {
    type Error = ModelError;

    fn try_from(p: RiskGroupsParts) -> Result<Self, ModelError> {
        Self::from_cut_offs(p.cut_offs)
    }
}

impl RiskGroups {
    /// Groups from explicit cut-offs, which must be finite and non-decreasing.
    pub fn from_cut_offs(cut_offs: Vec<f64>) -> Result<Self, ModelError> {
        if let Some(i) = cut_offs.iter().position(|c| !c.is_finite()) {
            return Err(ModelError::non_finite(
                "risk groups",
                "cut-off",
                Some(i),
                None,
                cut_offs[i],
            ));
        }
        if let Some(i) = cut_offs.windows(2).position(|w| w[1] < w[0]) {
            return Err(ModelError::setting(
                "risk groups",
                "the cut-off after a smaller one",
                "at least the one before it",
                cut_offs[i + 1],
            ));
        }
        Ok(Self { cut_offs })
    }

    /// Cut-offs at the given quantiles (probabilities in (0, 1), increasing) of the
    /// training risks, by linear interpolation between order statistics (numpy's default
    /// `quantile` method).
    pub fn from_quantiles(train_risks: &[f64], probabilities: &[f64]) -> Result<Self, ModelError> {
        check_per_patient(train_risks, train_risks.len(), "risk", "risk groups")?;
        if train_risks.is_empty() {
            return Err(ModelError::insufficient(
                "risk groups",
                "the risks of training patients",
                0,
                "risks",
            ));
        }
        if let Some(i) = probabilities.iter().position(|q| !(*q > 0.0 && *q < 1.0)) {
            return Err(ModelError::setting(
                "risk groups",
                "a quantile",
                "in (0, 1)",
                probabilities[i],
            ));
        }
        let mut sorted = train_risks.to_vec();
        sorted.sort_by(f64::total_cmp);
        Self::from_cut_offs(
            probabilities
                .iter()
                .map(|&q| quantile_sorted(&sorted, q))
                .collect(),
        )
    }

    /// `k` groups of (nearly) equal size on the training risks: cut-offs at the quantiles
    /// `1/k, 2/k, ..., (k-1)/k` (terciles for 3, deciles for 10). Ties in the risks can
    /// make groups unequal or empty.
    pub fn equal_sized(train_risks: &[f64], k: usize) -> Result<Self, ModelError> {
        if k < 1 {
            return Err(ModelError::setting(
                "risk groups",
                "the number of groups",
                "at least 1",
                k as f64,
            ));
        }
        let probabilities: Vec<f64> = (1..k).map(|j| j as f64 / k as f64).collect();
        Self::from_quantiles(train_risks, &probabilities)
    }

    /// The cut-offs, increasing.
    pub fn cut_offs(&self) -> &[f64] {
        &self.cut_offs
    }

    /// Number of groups, `cut_offs().len() + 1`.
    pub fn n_groups(&self) -> usize {
        self.cut_offs.len() + 1
    }

    /// Group of one risk (0 = lowest risk). NaN joins the highest group.
    pub fn assign(&self, risk: f64) -> usize {
        self.cut_offs
            .partition_point(|&c| risk > c || risk.is_nan())
    }

    /// Groups of many risks; fails on a non-finite risk.
    pub fn assign_all(&self, risks: &[f64]) -> Result<Vec<usize>, ModelError> {
        check_per_patient(risks, risks.len(), "risk", "risk groups")?;
        Ok(risks.iter().map(|&r| self.assign(r)).collect())
    }
}

/// Quantile `q` of increasingly sorted values, numpy's default "linear" method (type 7 of
/// Hyndman and Fan) including its two-sided interpolation formula, so results agree with
/// `numpy.quantile` to the last bit. `q` is clamped to `[0, 1]`; NaN when `sorted` is empty.
/// The one quantile of the workspace: bootstrap intervals, risk-group cut-offs and the
/// view-model's summaries all use it.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let h = last as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor();
    let i = lo as usize;
    let t = h - lo;
    let a = sorted[i];
    let b = sorted[(i + 1).min(last)];
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}
