//! The k-group log-rank test: do the survival curves of k groups differ anywhere? Equal to
//! lifelines' `multivariate_logrank_test` (unweighted).

use std::collections::BTreeMap;

use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::ModelError;
use crate::survival_input::{check_follow_up, order_by_time};
use crate::symmetric::pseudo_inverse;

/// Result of a log-rank test across groups.
#[derive(Clone, Debug, PartialEq)]
pub struct LogRankTest<G> {
    /// Group labels in increasing order; the other vectors follow this order.
    pub groups: Vec<G>,
    /// Observed events per group.
    pub observed: Vec<f64>,
    /// Events expected per group if all groups shared one hazard.
    pub expected: Vec<f64>,
    /// Chi-square statistic `U^T V^+ U` on the first `k - 1` groups (`U` observed minus
    /// expected, `V` its hypergeometric covariance, `V^+` the pseudo-inverse).
    pub statistic: f64,
    /// Degrees of freedom, `k - 1`.
    pub df: usize,
    /// Upper-tail chi-square probability of the statistic.
    pub p_value: f64,
}

/// Log-rank test of equal survival in the groups named by `groups` (one label per
/// patient; any ordered label type).
///
/// At every distinct time with events, the events are shared out over the groups in
/// proportion to their numbers at risk; the statistic compares observed with expected
/// events using the hypergeometric covariance
/// `V_jl = sum_t d (n - d) / (n^2 (n - 1)) * n_j (delta_jl n - n_l)`. Times where a
/// single patient is at risk contribute no variance. Fails with fewer than two groups.
pub fn logrank_test<G: Ord + Clone>(
    times: &[f64],
    events: &[bool],
    groups: &[G],
) -> Result<LogRankTest<G>, ModelError> {
    check_follow_up(times, events, "log-rank test")?;
    if groups.len() != times.len() {
        return Err(ModelError::length(
            "log-rank test",
            "group label",
            times.len(),
            groups.len(),
        ));
    }
    let mut index = BTreeMap::new();
    for g in groups {
        index.entry(g.clone()).or_insert(0usize);
    }
    let labels: Vec<G> = index.keys().cloned().collect();
    for (k, slot) in index.values_mut().enumerate() {
        *slot = k;
    }
    let k = labels.len();
    if k < 2 {
        return Err(ModelError::insufficient(
            "log-rank test",
            "at least two groups",
            k,
            "groups",
        ));
    }
    let group_of: Vec<usize> = groups.iter().map(|g| index[g]).collect();

    let mut at_risk = vec![0.0_f64; k];
    for &g in &group_of {
        at_risk[g] += 1.0;
    }
    let mut observed = vec![0.0; k];
    let mut expected = vec![0.0; k];
    let mut variance = vec![0.0; k * k];
    let mut deaths = vec![0.0; k];
    let mut leaving = vec![0.0; k];

    let order = order_by_time(times);
    let mut i = 0;
    while i < order.len() {
        let t = times[order[i]];
        deaths.fill(0.0);
        leaving.fill(0.0);
        while i < order.len() && times[order[i]] == t {
            let (p, g) = (order[i], group_of[order[i]]);
            leaving[g] += 1.0;
            if events[p] {
                deaths[g] += 1.0;
            }
            i += 1;
        }
        let d: f64 = deaths.iter().sum();
        let n: f64 = at_risk.iter().sum();
        if d > 0.0 {
            let factor = if n > 1.0 {
                d * (n - d) / (n * n * (n - 1.0))
            } else {
                0.0
            };
            for j in 0..k {
                observed[j] += deaths[j];
                expected[j] += d * at_risk[j] / n;
                for l in 0..k {
                    let delta = if j == l { n } else { 0.0 };
                    variance[j * k + l] += factor * at_risk[j] * (delta - at_risk[l]);
                }
            }
        }
        for j in 0..k {
            at_risk[j] -= leaving[j];
        }
    }

    // The k deviations sum to zero: drop the last group and use the rest.
    let m = k - 1;
    let u: Vec<f64> = (0..m).map(|j| observed[j] - expected[j]).collect();
    let v: Vec<f64> = (0..m)
        .flat_map(|j| (0..m).map(move |l| (j, l)))
        .map(|(j, l)| variance[j * k + l])
        .collect();
    let v_plus = pseudo_inverse(&v, m);
    let mut statistic = 0.0;
    for j in 0..m {
        for l in 0..m {
            statistic += u[j] * v_plus[j * m + l] * u[l];
        }
    }
    let chi2 = ChiSquared::new(m as f64).map_err(|_| ModelError::ChiSquare {
        context: "log-rank test",
        df: m,
    })?;

    Ok(LogRankTest {
        groups: labels,
        observed,
        expected,
        statistic,
        df: m,
        p_value: chi2.sf(statistic),
    })
}
