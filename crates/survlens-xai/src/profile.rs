//! One marker varied over its observed range: the ceteris-paribus profile of one patient,
//! the partial dependence (PDP) of a cohort and its accumulated local effects (ALE).
//!
//! Everything works in raw marker space, through the caller's `predict`: a function from
//! `n x n_markers` row-major raw values (NaN = missing; a categorical or binary marker's
//! value is its level index) to `n` log-risks. The caller encodes the rows with the model's
//! own encoder, so a missing value is imputed (and its missing indicator set) as for any
//! patient, and the one-hot levels of a categorical marker are those of a real row.
//!
//! - **Grid** ([`marker_grid`]): for a numeric marker, the quantiles `k / (points - 1)` of
//!   its observed (non-missing) values, numpy's default quantile
//!   ([`survlens_model::quantile_sorted`]), duplicates dropped; for a categorical or binary
//!   marker, every level observed at least once, in level order.
//! - **Ceteris paribus** ([`ceteris_paribus`]): the patient's log-risk with the marker set
//!   to each grid value and every other marker as recorded (Goldstein et al. 2015's ICE
//!   curve of one patient).
//! - **Partial dependence** ([`partial_dependence`]): the mean over patients of their
//!   ceteris-paribus log-risks (Friedman 2001), at each grid value.
//! - **Accumulated local effects** ([`ale`]): Apley & Zhu (2020), first order, as their R
//!   package ALEPlot 1.1 computes it. Numeric markers: bin edges are the quantiles
//!   `k / bins` of the observed values (duplicates dropped); each patient with a value in
//!   `(z_{k-1}, z_k]` (the first bin includes `z_0`) contributes
//!   `f(x with z_k) - f(x with z_{k-1})`; the per-bin means are accumulated from 0 at `z_0`
//!   and centred so that their mean over patients (each bin's effect taken at its
//!   midpoint, weighted by its count) is zero. Categorical and binary markers: levels in
//!   their stored order (ALEPlot first reorders them by the similarity of the other
//!   markers' distributions; the order does not change a binary marker's effect); the
//!   effect of stepping from one level to the next is the mean over the patients of both
//!   levels of the step, those of the lower level moved up and those of the upper level
//!   moved down; accumulated from 0 at the first level and centred so that their mean over
//!   patients (weighted by each level's count) is zero. Patients missing the marker take
//!   no part: they have no bin.
//!
//! For a model additive in the marker (`f(x) = g(x_j) + h(x_-j)`) the three agree: every
//! ceteris-paribus profile is `g` shifted, the PDP is `g` shifted, and the ALE is `g` at
//! the bin edges, centred. Tests hold them to it, and hold the PDP to scikit-learn's
//! brute-force `partial_dependence` and the ALE to PyALE's continuous and discrete ALE on a
//! cohort with interactions (`tests/profile_reference.rs`; PyALE given numpy's quantiles
//! as edges, since its own are R's type 1).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::XaiError;

/// How a marker's raw value is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A number.
    Number,
    /// A level index among this many levels (categorical, binary, the entity).
    Levels(usize),
}

/// Accumulated local effects of one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Ale {
    /// Numeric: the bin edges `z_0 < ... < z_K`; levels: the level indices observed, in
    /// order.
    pub at: Vec<f32>,
    /// The centred accumulated effect on the log-risk at each of `at`.
    pub effect: Vec<f32>,
    /// Numeric: patients per bin (`K`, one fewer than `at`); levels: patients per level.
    pub counts: Vec<usize>,
}

/// The rows of a cohort of `n` patients that a cohort-wide profile averages over: all of
/// them when `n <= max`, else `max` distinct rows drawn by a ChaCha8 stream seeded with
/// `seed`, in increasing order.
pub fn sample_rows(n: usize, max: usize, seed: u64) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    // A partial Fisher-Yates shuffle: the first `max` places are a uniform sample.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rows: Vec<usize> = (0..n).collect();
    for k in 0..max {
        let pick = rng.random_range(k..n);
        rows.swap(k, pick);
    }
    rows.truncate(max);
    rows.sort_unstable();
    rows
}

/// The values a marker is varied over: see the [module documentation](self).
///
/// # Shapes
/// `values`: `n x n_markers` row-major raw values; `rows`: indices of the patients whose
/// observed values span the range.
///
/// # Errors
/// [`XaiError::Shape`] for a ragged `values`, [`XaiError::MarkerOutOfRange`],
/// [`XaiError::PatientOutOfRange`], [`XaiError::InvalidSetting`] for fewer than 2 points,
/// [`XaiError::NoObservedValues`] when no patient of `rows` has the marker.
pub fn marker_grid(
    values: &[f32],
    n_markers: usize,
    rows: &[usize],
    marker: usize,
    scale: ValueKind,
    points: usize,
) -> Result<Vec<f32>, XaiError> {
    check_table(values, n_markers, rows, marker)?;
    if points < 2 {
        return Err(XaiError::InvalidSetting {
            setting: "grid points",
            value: points as f64,
            requirement: "at least 2",
        });
    }
    let observed = observed(values, n_markers, rows, marker);
    if observed.is_empty() {
        return Err(XaiError::NoObservedValues { marker });
    }
    Ok(match scale {
        ValueKind::Number => {
            let mut grid: Vec<f32> = (0..points)
                .map(|k| {
                    survlens_model::quantile_sorted(&observed, k as f64 / (points - 1) as f64)
                        as f32
                })
                .collect();
            grid.dedup();
            grid
        }
        ValueKind::Levels(n_levels) => (0..n_levels)
            .filter(|&l| observed.iter().any(|&v| v as usize == l))
            .map(|l| l as f32)
            .collect(),
    })
}

/// The log-risk of the patient with raw values `patient` when marker `marker` takes each
/// value of `grid` (NaN: missing) and every other marker keeps its value: one log-risk per
/// grid value, from one call of `predict` on `grid.len()` rows.
///
/// # Errors
/// [`XaiError::MarkerOutOfRange`]; `predict`'s own; [`XaiError::Shape`] when `predict`
/// does not return one value per row.
pub fn ceteris_paribus<E, F>(
    predict: &mut F,
    patient: &[f32],
    marker: usize,
    grid: &[f32],
) -> Result<Vec<f32>, E>
where
    E: From<XaiError>,
    F: FnMut(&[f32], usize) -> Result<Vec<f32>, E>,
{
    let m = patient.len();
    if marker >= m {
        return Err(XaiError::MarkerOutOfRange {
            what: "ceteris-paribus profile",
            marker,
            n_markers: m,
        }
        .into());
    }
    let mut rows = Vec::with_capacity(grid.len() * m);
    for &g in grid {
        rows.extend_from_slice(patient);
        let at = rows.len() - m + marker;
        rows[at] = g;
    }
    predicted(predict, &rows, grid.len())
}

/// The partial dependence of the log-risk on marker `marker`: at each value of `grid`, the
/// mean over the patients `rows` of their log-risk with the marker set to that value.
///
/// # Shapes
/// `values`: `n x n_markers` row-major raw values. Returns `grid.len()` values.
///
/// # Errors
/// As [`marker_grid`]'s checks of the table; [`XaiError::EmptyCohort`] for no rows;
/// `predict`'s own.
pub fn partial_dependence<E, F>(
    predict: &mut F,
    values: &[f32],
    n_markers: usize,
    rows: &[usize],
    marker: usize,
    grid: &[f32],
) -> Result<Vec<f32>, E>
where
    E: From<XaiError>,
    F: FnMut(&[f32], usize) -> Result<Vec<f32>, E>,
{
    check_table(values, n_markers, rows, marker)?;
    if rows.is_empty() {
        return Err(XaiError::EmptyCohort {
            what: "partial dependence",
        }
        .into());
    }
    let m = n_markers;
    let mut batch = Vec::with_capacity(rows.len() * m);
    grid.iter()
        .map(|&g| {
            batch.clear();
            for &i in rows {
                batch.extend_from_slice(&values[i * m..(i + 1) * m]);
                let at = batch.len() - m + marker;
                batch[at] = g;
            }
            let risks = predicted(predict, &batch, rows.len())?;
            Ok((risks.iter().map(|&r| f64::from(r)).sum::<f64>() / rows.len() as f64) as f32)
        })
        .collect()
}

/// First-order accumulated local effects of marker `marker` over the patients `rows`
/// (those missing the marker left out): see the [module documentation](self). Numeric
/// markers use `bins` quantile bins; a marker with one observed value has one point and no
/// effect.
///
/// # Shapes
/// `values`: `n x n_markers` row-major raw values.
///
/// # Errors
/// As [`marker_grid`] (with `bins + 1` points); `predict`'s own.
pub fn ale<E, F>(
    predict: &mut F,
    values: &[f32],
    n_markers: usize,
    rows: &[usize],
    marker: usize,
    scale: ValueKind,
    bins: usize,
) -> Result<Ale, E>
where
    E: From<XaiError>,
    F: FnMut(&[f32], usize) -> Result<Vec<f32>, E>,
{
    let at = marker_grid(values, n_markers, rows, marker, scale, bins.max(1) + 1)?;
    let m = n_markers;
    let present: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| !values[i * m + marker].is_nan())
        .collect();
    // Each patient's place: the bin (numeric) or the position of its level in `at`.
    let place: Vec<Option<usize>> = present
        .iter()
        .map(|&i| {
            let v = values[i * m + marker];
            match scale {
                ValueKind::Number => Some(
                    at.iter()
                        .skip(1)
                        .position(|&z| v <= z)
                        .unwrap_or(at.len().saturating_sub(2)),
                ),
                ValueKind::Levels(_) => at.iter().position(|&l| l == v),
            }
        })
        .collect();
    if at.len() < 2 {
        return Ok(Ale {
            effect: vec![0.0; at.len()],
            counts: vec![present.len(); at.len()],
            at,
        });
    }
    let steps = at.len() - 1;
    // Local effects of each step, summed in f64, and how many patients made them.
    let mut sum = vec![0.0f64; steps];
    let mut count = vec![0usize; steps];
    let counts: Vec<usize> = match scale {
        ValueKind::Number => {
            let mut lower = Vec::with_capacity(present.len() * m);
            let mut upper = Vec::with_capacity(present.len() * m);
            let mut bin_of = Vec::with_capacity(present.len());
            for (&i, &b) in present.iter().zip(&place) {
                let Some(b) = b else { continue };
                lower.extend_from_slice(&values[i * m..(i + 1) * m]);
                upper.extend_from_slice(&values[i * m..(i + 1) * m]);
                let (lo_at, hi_at) = (lower.len() - m + marker, upper.len() - m + marker);
                lower[lo_at] = at[b];
                upper[hi_at] = at[b + 1];
                bin_of.push(b);
            }
            let f_lo = predicted(predict, &lower, bin_of.len())?;
            let f_hi = predicted(predict, &upper, bin_of.len())?;
            for ((&b, &lo), &hi) in bin_of.iter().zip(&f_lo).zip(&f_hi) {
                sum[b] += f64::from(hi) - f64::from(lo);
                count[b] += 1;
            }
            count.clone()
        }
        ValueKind::Levels(_) => {
            let mut at_level = vec![0usize; at.len()];
            let mut moved = Vec::new();
            // (step, sign): +1 moved up from the step's lower level, -1 moved down from
            // its upper level.
            let mut step_of: Vec<(usize, f64)> = Vec::new();
            let mut own = Vec::new();
            for (&i, &p) in present.iter().zip(&place) {
                let Some(p) = p else { continue };
                at_level[p] += 1;
                let row = &values[i * m..(i + 1) * m];
                if p + 1 < at.len() {
                    own.extend_from_slice(row);
                    moved.extend_from_slice(row);
                    let k = moved.len() - m + marker;
                    moved[k] = at[p + 1];
                    step_of.push((p, 1.0));
                }
                if p > 0 {
                    own.extend_from_slice(row);
                    moved.extend_from_slice(row);
                    let k = moved.len() - m + marker;
                    moved[k] = at[p - 1];
                    step_of.push((p - 1, -1.0));
                }
            }
            let f_own = predicted(predict, &own, step_of.len())?;
            let f_moved = predicted(predict, &moved, step_of.len())?;
            for ((&(s, sign), &o), &mv) in step_of.iter().zip(&f_own).zip(&f_moved) {
                sum[s] += sign * (f64::from(mv) - f64::from(o));
                count[s] += 1;
            }
            at_level
        }
    };
    // Accumulate from 0 at the first point; a step no patient made adds nothing.
    let mut accumulated = Vec::with_capacity(at.len());
    accumulated.push(0.0f64);
    for s in 0..steps {
        let local = if count[s] > 0 {
            sum[s] / count[s] as f64
        } else {
            0.0
        };
        accumulated.push(accumulated[s] + local);
    }
    let (weighted, total) = match scale {
        ValueKind::Number => counts
            .iter()
            .enumerate()
            .fold((0.0, 0usize), |(w, t), (b, &c)| {
                (
                    w + (accumulated[b] + accumulated[b + 1]) / 2.0 * c as f64,
                    t + c,
                )
            }),
        ValueKind::Levels(_) => counts
            .iter()
            .zip(&accumulated)
            .fold((0.0, 0usize), |(w, t), (&c, &a)| (w + a * c as f64, t + c)),
    };
    let centre = if total > 0 {
        weighted / total as f64
    } else {
        0.0
    };
    Ok(Ale {
        effect: accumulated.iter().map(|a| (a - centre) as f32).collect(),
        counts,
        at,
    })
}

/// The observed (non-missing) values of `marker` over `rows`, sorted.
fn observed(values: &[f32], m: usize, rows: &[usize], marker: usize) -> Vec<f64> {
    let mut v: Vec<f64> = rows
        .iter()
        .map(|&i| values[i * m + marker])
        .filter(|v| !v.is_nan())
        .map(f64::from)
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

fn check_table(
    values: &[f32],
    n_markers: usize,
    rows: &[usize],
    marker: usize,
) -> Result<(), XaiError> {
    if n_markers == 0 || !values.len().is_multiple_of(n_markers) {
        return Err(XaiError::Shape {
            what: "raw marker values",
            expected: values.len().next_multiple_of(n_markers.max(1)),
            found: values.len(),
        });
    }
    if marker >= n_markers {
        return Err(XaiError::MarkerOutOfRange {
            what: "marker profile",
            marker,
            n_markers,
        });
    }
    let n = values.len() / n_markers;
    if let Some(&row) = rows.iter().find(|&&r| r >= n) {
        return Err(XaiError::PatientOutOfRange {
            what: "marker profile",
            row,
            n_patients: n,
        });
    }
    Ok(())
}

/// `predict` on `n` rows, checked to answer one value per row.
fn predicted<E, F>(predict: &mut F, rows: &[f32], n: usize) -> Result<Vec<f32>, E>
where
    E: From<XaiError>,
    F: FnMut(&[f32], usize) -> Result<Vec<f32>, E>,
{
    if n == 0 {
        return Ok(Vec::new());
    }
    let out = predict(rows, n)?;
    if out.len() != n {
        return Err(XaiError::Shape {
            what: "predictions",
            expected: n,
            found: out.len(),
        }
        .into());
    }
    Ok(out)
}
