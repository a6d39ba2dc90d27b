//! Prognostic interactions between markers, by two documented methods (the study's own
//! method is not public; see the crate documentation, "Interactions"):
//!
//! - [`model_interactions`]: how much marker `a`'s relevance changes when marker `b` is set
//!   to its reference value, averaged over the cohort (asks the network);
//! - [`statistical_interactions`]: whether `a`'s relevance differs between patients with `b`
//!   high and `b` low (Mann-Whitney U, Benjamini-Hochberg FDR; asks the relevances).
//!
//! Both consider ordered pairs `(a, b)`, `a != b`, among the `top_k` most important markers
//! (mean |relevance|, [`crate::cohort`]), and return the pairs ranked strongest first with
//! the number of pairs that count as interactions.

use crate::XaiError;
use crate::cohort::CohortRelevance;
use crate::grouping::Grouping;
use crate::lrp::Lrp;

/// Default significance level of the statistical method: BH q-value below 0.05.
pub const DEFAULT_FDR: f64 = 0.05;

/// Default threshold of the model-based method: a pair counts when `a`'s relevance moves by
/// at least 5% of `a`'s importance on average.
pub const DEFAULT_MIN_RELATIVE_EFFECT: f64 = 0.05;

/// The method that found a list of interactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InteractionMethod {
    /// [`model_interactions`].
    Model,
    /// [`statistical_interactions`].
    Statistical,
}

/// One ordered pair of markers: how marker `b` shapes marker `a`'s relevance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InteractionPair {
    /// The marker whose relevance is examined.
    pub a: usize,
    /// The marker that is moved (model) or split on (statistical).
    pub b: usize,
    /// The ranking quantity. Model: `mean_p |R'_pa - R_pa|`, log-risk units, `>= 0`.
    /// Statistical: rank-biserial correlation `2 U / (n_high n_low) - 1` in `[-1, 1]`,
    /// positive when `a`'s relevance is higher in patients with `b` high.
    pub effect: f64,
    /// A signed companion in log-risk units. Model: `mean_p (R'_pa - R_pa)`, the mean shift
    /// of `a`'s relevance when `b` goes to its reference. Statistical: median of `a`'s
    /// relevance in the `b`-high group minus that in the `b`-low group.
    pub shift: f64,
    /// Two-sided p-value of the Mann-Whitney U test (statistical method only).
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg q-value over all tested pairs (statistical method only).
    pub q_value: Option<f64>,
}

/// A ranked list of interactions.
#[derive(Clone, Debug, PartialEq)]
pub struct Interactions {
    /// How the pairs were found.
    pub method: InteractionMethod,
    /// The markers considered, most important first.
    pub candidates: Vec<usize>,
    /// Every examined pair, strongest first. Model: by decreasing `effect`. Statistical:
    /// by increasing p-value, then decreasing `|effect|`. Ties by `(a, b)`.
    pub pairs: Vec<InteractionPair>,
    /// Number of pairs that count as interactions. Model: `effect >= min_relative_effect x
    /// importance(a)`. Statistical: `q < fdr`.
    pub significant: usize,
}

/// The `k` most important markers of a cohort, most important first.
fn top_markers(
    relevance: &CohortRelevance<'_>,
    k: usize,
) -> Result<(Vec<usize>, Vec<f64>), XaiError> {
    if k < 2 {
        return Err(XaiError::InvalidSetting {
            setting: "top markers for interactions",
            value: k as f64,
            requirement: "at least 2",
        });
    }
    let importance = relevance.importance()?;
    let mut ranking = importance.ranking();
    ranking.truncate(k);
    Ok((ranking, importance.per_marker))
}

/// A reference patient in encoded space: each column's lower median over the cohort (the
/// `ceil(n/2)`-th smallest value), an observed value of the column. For a 0/1 column (a
/// binary marker, a one-hot level, a missing indicator) it is the more frequent value,
/// ties 0, which matches the encoder's imputation of binary markers. Use the encoder's own
/// imputation values when an encoder is at hand (categorical markers then get their most
/// frequent level as one consistent one-hot vector).
///
/// # Shapes
/// `x`: `n x d`, row-major; returns `d` values.
///
/// # Errors
/// [`XaiError::Shape`], [`XaiError::EmptyCohort`] for `n = 0`, and
/// [`XaiError::NonFiniteInput`] naming the first NaN or infinite value.
pub fn median_reference(x: &[f32], n: usize, d: usize) -> Result<Vec<f32>, XaiError> {
    let expected = n.saturating_mul(d);
    if x.len() != expected {
        return Err(XaiError::Shape {
            what: "input matrix",
            expected,
            found: x.len(),
        });
    }
    if n == 0 {
        return Err(XaiError::EmptyCohort {
            what: "median reference",
        });
    }
    if let Some(k) = x.iter().position(|v| !v.is_finite()) {
        return Err(XaiError::NonFiniteInput {
            patient: k / d,
            input: k % d,
            value: x[k],
        });
    }
    let mut column = vec![0.0f32; n];
    Ok((0..d)
        .map(|c| {
            column
                .iter_mut()
                .enumerate()
                .for_each(|(p, v)| *v = x[p * d + c]);
            let k = (n - 1) / 2;
            *column.select_nth_unstable_by(k, f32::total_cmp).1
        })
        .collect())
}

/// Model-based interactions: for markers `a`, `b` among the `top_k` most important, the
/// change of `a`'s relevance when all of `b`'s encoded inputs are set to the reference
/// patient's values, averaged over the cohort.
///
/// One LRP pass over all patients for the cohort and one per candidate `b` (`top_k + 1`
/// passes in all, not one per pair): `R' = LRP(x with b's inputs at the reference)`,
/// grouped into markers like `R`; then for every `a != b`:
/// `effect = mean_p |R'_pa - R_pa|`, `shift = mean_p (R'_pa - R_pa)`.
/// A pair counts when `effect >= min_relative_effect x importance(a)` (and `importance(a)
/// > 0`); the heuristic has no error control, so no q-values.
///
/// # Shapes
/// `x`: `n x d` encoded inputs, row-major; `reference`: `d`; `to_marker` groups the `d`
/// inputs into markers.
///
/// # Errors
/// [`XaiError::Shape`] for mismatched lengths, [`XaiError::NonFiniteInput`],
/// [`XaiError::EmptyCohort`], and [`XaiError::InvalidSetting`] for `top_k < 2` or a
/// negative or non-finite `min_relative_effect`.
pub fn model_interactions(
    lrp: &Lrp,
    x: &[f32],
    n: usize,
    to_marker: &Grouping,
    reference: &[f32],
    top_k: usize,
    min_relative_effect: f64,
) -> Result<Interactions, XaiError> {
    let d = lrp.n_inputs();
    if to_marker.n_columns() != d {
        return Err(XaiError::Shape {
            what: "input-to-marker map",
            expected: d,
            found: to_marker.n_columns(),
        });
    }
    if reference.len() != d {
        return Err(XaiError::Shape {
            what: "reference patient",
            expected: d,
            found: reference.len(),
        });
    }
    if let Some(c) = reference.iter().position(|v| !v.is_finite()) {
        return Err(XaiError::NonFiniteInput {
            patient: 0,
            input: c,
            value: reference[c],
        });
    }
    if !(min_relative_effect.is_finite() && min_relative_effect >= 0.0) {
        return Err(XaiError::InvalidSetting {
            setting: "minimum relative effect",
            value: min_relative_effect,
            requirement: "finite and >= 0",
        });
    }
    let m = to_marker.n_groups();
    let base = to_marker.apply(&lrp.explain_batch(x, n)?)?;
    let cohort = CohortRelevance::new(base.values(), n, m)?;
    let (candidates, importance) = top_markers(&cohort, top_k)?;

    let mut moved = x.to_vec();
    let mut pairs = Vec::with_capacity(candidates.len() * candidates.len().saturating_sub(1));
    for &b in &candidates {
        let columns: Vec<usize> = to_marker.members(b).collect();
        for p in 0..n {
            for &c in &columns {
                moved[p * d + c] = reference[c];
            }
        }
        let after = to_marker.apply(&lrp.explain_batch(&moved, n)?)?;
        for p in 0..n {
            for &c in &columns {
                moved[p * d + c] = x[p * d + c];
            }
        }
        for &a in candidates.iter().filter(|&&a| a != b) {
            let (mut abs, mut signed) = (0.0f64, 0.0f64);
            for p in 0..n {
                let delta =
                    f64::from(after.values()[p * m + a]) - f64::from(base.values()[p * m + a]);
                abs += delta.abs();
                signed += delta;
            }
            pairs.push(InteractionPair {
                a,
                b,
                effect: abs / n as f64,
                shift: signed / n as f64,
                p_value: None,
                q_value: None,
            });
        }
    }
    pairs.sort_by(|l, r| {
        r.effect
            .total_cmp(&l.effect)
            .then((l.a, l.b).cmp(&(r.a, r.b)))
    });
    let significant = pairs
        .iter()
        .filter(|p| importance[p.a] > 0.0 && p.effect >= min_relative_effect * importance[p.a])
        .count();
    Ok(Interactions {
        method: InteractionMethod::Model,
        candidates,
        pairs,
        significant,
    })
}

/// Statistical interactions: for markers `a`, `b` among the `top_k` most important, does
/// `a`'s relevance differ between patients with `b` high and `b` low?
///
/// Split on `b`'s values (NaN = missing, left out of the pair's test) at their lower median
/// `med`: high `v > med`, low `v <= med`; when no value exceeds `med`, high `v >= med`, low
/// `v < med`. A 0/1 marker thus splits into 1 vs 0 whichever value is more frequent; give a
/// categorical marker as the presence (0/1) of a level. Pairs where one group is empty are
/// not tested and not listed. Test: two-sided Mann-Whitney U of `a`'s relevance, high vs
/// low, normal approximation with tie correction and continuity correction (as
/// `scipy.stats.mannwhitneyu(method="asymptotic")`); q-values by Benjamini-Hochberg over
/// all tested pairs; a pair counts when `q < fdr`.
///
/// # Shapes
/// `relevance` holds `n x m` marker relevances; `values`: `n x m`, row-major, the markers'
/// values (any monotone encoding; NaN where missing).
///
/// # Errors
/// [`XaiError::Shape`], [`XaiError::EmptyCohort`], [`XaiError::InvalidSetting`] for
/// `top_k < 2` or `fdr` outside `(0, 1]`.
pub fn statistical_interactions(
    relevance: &CohortRelevance<'_>,
    values: &[f32],
    top_k: usize,
    fdr: f64,
) -> Result<Interactions, XaiError> {
    let (n, m) = (relevance.n_patients(), relevance.n_markers());
    if values.len() != n.saturating_mul(m) {
        return Err(XaiError::Shape {
            what: "marker values",
            expected: n.saturating_mul(m),
            found: values.len(),
        });
    }
    if !(fdr > 0.0 && fdr <= 1.0) {
        return Err(XaiError::InvalidSetting {
            setting: "false discovery rate",
            value: fdr,
            requirement: "in (0, 1]",
        });
    }
    let (candidates, _) = top_markers(relevance, top_k)?;
    let mut pairs = Vec::new();
    let (mut high, mut low) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for &b in &candidates {
        let column: Vec<f32> = (0..n).map(|p| values[p * m + b]).collect();
        let Some(split) = median_split(&column) else {
            continue;
        };
        for &a in candidates.iter().filter(|&&a| a != b) {
            let r = relevance.column(a)?;
            high.clear();
            low.clear();
            for (p, side) in split.iter().enumerate() {
                match side {
                    Some(true) => high.push(f64::from(r[p])),
                    Some(false) => low.push(f64::from(r[p])),
                    None => {}
                }
            }
            let test = mann_whitney_u(&high, &low);
            pairs.push(InteractionPair {
                a,
                b,
                effect: test.rank_biserial,
                shift: median(&mut high) - median(&mut low),
                p_value: Some(test.p_value),
                q_value: None,
            });
        }
    }
    let p_values: Vec<f64> = pairs.iter().filter_map(|p| p.p_value).collect();
    let q_values = benjamini_hochberg(&p_values)?;
    pairs
        .iter_mut()
        .zip(q_values)
        .for_each(|(pair, q)| pair.q_value = Some(q));
    pairs.sort_by(|l, r| {
        let (pl, pr) = (l.p_value.unwrap_or(1.0), r.p_value.unwrap_or(1.0));
        pl.total_cmp(&pr)
            .then(r.effect.abs().total_cmp(&l.effect.abs()))
            .then((l.a, l.b).cmp(&(r.a, r.b)))
    });
    let significant = pairs
        .iter()
        .filter(|p| p.q_value.is_some_and(|q| q < fdr))
        .count();
    Ok(Interactions {
        method: InteractionMethod::Statistical,
        candidates,
        pairs,
        significant,
    })
}

/// High (`Some(true)`) / low (`Some(false)`) / missing (`None`) per patient, or `None` when
/// one side would be empty.
fn median_split(values: &[f32]) -> Option<Vec<Option<bool>>> {
    let mut observed: Vec<f32> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if observed.is_empty() {
        return None;
    }
    let k = (observed.len() - 1) / 2;
    let med = *observed.select_nth_unstable_by(k, f32::total_cmp).1;
    let above = observed.iter().any(|&v| v > med);
    let split: Vec<Option<bool>> = values
        .iter()
        .map(|&v| (!v.is_nan()).then_some(if above { v > med } else { v >= med }))
        .collect();
    let highs = split.iter().filter(|s| **s == Some(true)).count();
    let lows = split.iter().filter(|s| **s == Some(false)).count();
    (highs > 0 && lows > 0).then_some(split)
}

/// Median of a non-empty sample (mean of the two middle values for even sizes); 0 for an
/// empty one, which the callers never pass.
fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    }
}

/// Result of a two-sided Mann-Whitney U test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MannWhitney {
    /// `U` of the first sample: the number of pairs `(x, y)` with `x > y`, ties counting
    /// one half.
    pub u: f64,
    /// Two-sided p-value, normal approximation with tie and continuity correction.
    pub p_value: f64,
    /// Rank-biserial correlation `2 U / (n_x n_y) - 1`, in `[-1, 1]`.
    pub rank_biserial: f64,
}

/// Two-sided Mann-Whitney U test of `x` against `y`, as
/// `scipy.stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=True)`:
/// `U = R_x - n_x (n_x + 1) / 2` with mid-ranks `R`; `z = (max(U, n_x n_y - U) - n_x n_y / 2
/// - 1/2) / s`, `s^2 = n_x n_y / 12 ((N + 1) - sum_t (t^3 - t) / (N (N - 1)))` over the tie
/// groups `t`; `p = min(1, 2 (1 - Phi(z)))`. When every value is tied (`s = 0`), `p = 1`.
/// An empty sample gives `U = 0`, `p = 1`, correlation 0.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> MannWhitney {
    let (nx, ny) = (x.len(), y.len());
    if nx == 0 || ny == 0 {
        return MannWhitney {
            u: 0.0,
            p_value: 1.0,
            rank_biserial: 0.0,
        };
    }
    let mut all: Vec<(f64, bool)> = x
        .iter()
        .map(|&v| (v, true))
        .chain(y.iter().map(|&v| (v, false)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let big_n = all.len();
    let (mut rank_sum_x, mut tie_term) = (0.0f64, 0.0f64);
    let mut start = 0;
    while start < big_n {
        let mut end = start + 1;
        while end < big_n && all[end].0 == all[start].0 {
            end += 1;
        }
        // Ranks start..end (0-based) share the mid-rank.
        let t = (end - start) as f64;
        let mid_rank = (start + end + 1) as f64 / 2.0;
        rank_sum_x += mid_rank * all[start..end].iter().filter(|e| e.1).count() as f64;
        tie_term += t * t * t - t;
        start = end;
    }
    let (nxf, nyf, nf) = (nx as f64, ny as f64, big_n as f64);
    let u = rank_sum_x - nxf * (nxf + 1.0) / 2.0;
    let mu = nxf * nyf / 2.0;
    let var = nxf * nyf / 12.0 * ((nf + 1.0) - tie_term / (nf * (nf - 1.0)));
    let p_value = if var > 0.0 {
        let z = (u.max(nxf * nyf - u) - mu - 0.5) / var.sqrt();
        (2.0 * normal_sf(z)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    MannWhitney {
        u,
        p_value,
        rank_biserial: 2.0 * u / (nxf * nyf) - 1.0,
    }
}

/// `1 - Phi(z)` for the standard normal, accurate in the far tail.
fn normal_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

/// Benjamini-Hochberg q-values, in the order of `p`: `q_(k) = min_{j >= k} min(1, m p_(j) /
/// j)` over the p-values sorted increasingly (as `statsmodels multipletests(method=
/// "fdr_bh")` and `scipy.stats.false_discovery_control(method="bh")`). Each `q >= p`, and
/// the q-values are monotone in the p-values.
///
/// # Errors
/// [`XaiError::InvalidSetting`] for a p-value outside `[0, 1]` (or NaN).
pub fn benjamini_hochberg(p: &[f64]) -> Result<Vec<f64>, XaiError> {
    if let Some(&bad) = p.iter().find(|v| !(0.0..=1.0).contains(*v)) {
        return Err(XaiError::InvalidSetting {
            setting: "p-value",
            value: bad,
            requirement: "in [0, 1]",
        });
    }
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut q = vec![0.0f64; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        // `m / k >= 1` rounds to a factor `>= 1`, so the product never falls below `p`.
        running = running.min(p[i] * (m as f64 / (rank + 1) as f64));
        q[i] = running;
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_split_handles_binary_and_missing() {
        // Majority 1: the lower median is 1, nothing exceeds it, so high = (v >= 1).
        let s = median_split(&[1.0, 1.0, 0.0, f32::NAN, 1.0]).unwrap();
        assert_eq!(
            s,
            vec![Some(true), Some(true), Some(false), None, Some(true)]
        );
        // Majority 0: the lower median is 0, high = (v > 0).
        let s = median_split(&[0.0, 1.0, 0.0]).unwrap();
        assert_eq!(s, vec![Some(false), Some(true), Some(false)]);
        assert_eq!(median_split(&[2.0, 2.0]), None);
        assert_eq!(median_split(&[f32::NAN]), None);
    }

    #[test]
    fn hand_computed_u() {
        // x = [3, 4], y = [1, 2, 3]: pairs x > y: 3>1, 3>2, 4>1, 4>2, 4>3 = 5, tie 3=3: 0.5.
        let t = mann_whitney_u(&[3.0, 4.0], &[1.0, 2.0, 3.0]);
        assert_eq!(t.u, 5.5);
        assert!((t.rank_biserial - (2.0 * 5.5 / 6.0 - 1.0)).abs() < 1e-15);
        assert_eq!(mann_whitney_u(&[1.0, 1.0], &[1.0]).p_value, 1.0);
    }

    #[test]
    fn bh_by_hand() {
        // m = 4: sorted p 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5.
        let q = benjamini_hochberg(&[0.5, 0.03, 0.01, 0.02]).unwrap();
        let expected = [0.5, 0.04, 0.04, 0.04];
        for (a, b) in q.iter().zip(expected) {
            assert!((a - b).abs() < 1e-15, "{q:?}");
        }
        assert!(benjamini_hochberg(&[1.5]).is_err());
        assert_eq!(benjamini_hochberg(&[]).unwrap(), Vec::<f64>::new());
    }

    #[test]
    fn median_reference_is_an_observed_value() {
        let x = [0.0, 5.0, 1.0, 3.0, 1.0, 4.0, 0.0, 1.0];
        // columns: [0, 1, 1, 0] -> lower median 0; [5, 3, 4, 1] -> sorted 1 3 4 5 -> 3.
        assert_eq!(median_reference(&x, 4, 2).unwrap(), vec![0.0, 3.0]);
        assert!(median_reference(&x, 3, 2).is_err());
        assert!(median_reference(&[], 0, 2).is_err());
    }
}
