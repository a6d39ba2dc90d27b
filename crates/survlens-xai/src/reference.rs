//! The typical patient: the reference that "relative to a typical patient" explanations
//! ([`crate::DeepLift`]) are measured from, built in raw marker space so that it is a
//! patient who could exist.
//!
//! Each marker takes its median over the chosen patients (numeric markers; numpy's default
//! median, [`survlens_model::quantile_sorted`]) or its most frequent level (categorical and
//! binary markers, the entity included), missing values left out; a marker missing for all
//! of them stays missing, and the encoder then imputes it as for any patient. The caller
//! encodes the result with the model's own encoder, so one-hot levels, missing indicators
//! and mirrors are those of a real row, never averages of 0/1 columns.

use crate::XaiError;

/// The typical patient of `rows`: one raw value per marker.
///
/// # Shapes
/// `values`: `n x n_markers` row-major raw values (NaN = missing; a categorical or binary
/// marker's value is its level index); `categorical`: `n_markers` flags, `true` where the
/// value is a level index (most frequent level, ties to the lowest index) rather than a
/// number (median). Returns `n_markers` values.
///
/// # Errors
/// [`XaiError::Shape`] when `values` is not a whole number of rows of `categorical.len()`
/// values, [`XaiError::PatientOutOfRange`] for a row past the last,
/// [`XaiError::EmptyCohort`] when `rows` is empty.
pub fn typical_values(
    values: &[f32],
    categorical: &[bool],
    rows: &[usize],
) -> Result<Vec<f32>, XaiError> {
    let m = categorical.len();
    if m == 0 || !values.len().is_multiple_of(m) {
        return Err(XaiError::Shape {
            what: "raw marker values",
            expected: values.len().next_multiple_of(m.max(1)),
            found: values.len(),
        });
    }
    let n = values.len() / m;
    if let Some(&row) = rows.iter().find(|&&r| r >= n) {
        return Err(XaiError::PatientOutOfRange {
            what: "typical patient",
            row,
            n_patients: n,
        });
    }
    if rows.is_empty() {
        return Err(XaiError::EmptyCohort {
            what: "typical patient",
        });
    }
    let mut column: Vec<f64> = Vec::with_capacity(rows.len());
    let mut counts: Vec<usize> = Vec::new();
    Ok((0..m)
        .map(|j| {
            column.clear();
            column.extend(
                rows.iter()
                    .map(|&r| values[r * m + j])
                    .filter(|v| !v.is_nan())
                    .map(f64::from),
            );
            if column.is_empty() {
                return f32::NAN;
            }
            if categorical[j] {
                counts.clear();
                for &v in &column {
                    // Level indices are small non-negative integers; anything else is not
                    // a level and is left out.
                    if v >= 0.0 && v.fract() == 0.0 && v < 1e6 {
                        let k = v as usize;
                        if counts.len() <= k {
                            counts.resize(k + 1, 0);
                        }
                        counts[k] += 1;
                    }
                }
                counts
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
                    .map_or(f32::NAN, |(k, _)| k as f32)
            } else {
                column.sort_by(f64::total_cmp);
                survlens_model::quantile_sorted(&column, 0.5) as f32
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn medians_numbers_and_takes_the_most_frequent_level() {
        // Three markers: numeric, categorical (levels 0..2), numeric missing for all.
        let nan = f32::NAN;
        let values = [
            1.0, 2.0, nan, //
            4.0, 1.0, nan, //
            2.0, 1.0, nan, //
            nan, 2.0, nan, //
            10.0, 0.0, nan,
        ];
        let cat = [false, true, false];
        let all = typical_values(&values, &cat, &[0, 1, 2, 3, 4]).unwrap();
        // numpy.median([1, 4, 2, 10]) = 3.0; level 1 and 2 tie at two: the lower wins.
        assert_eq!(all[0], 3.0);
        assert_eq!(all[1], 1.0);
        assert!(all[2].is_nan());
        let some = typical_values(&values, &cat, &[0, 3, 4]).unwrap();
        // numpy.median([1, 10]) = 5.5; level 2 twice.
        assert_eq!(some[0], 5.5);
        assert_eq!(some[1], 2.0);
    }

    #[test]
    fn refuses_no_rows_a_row_past_the_end_and_a_ragged_matrix() {
        let values = [1.0, 0.0, 2.0, 1.0];
        let cat = [false, true];
        assert!(matches!(
            typical_values(&values, &cat, &[]),
            Err(XaiError::EmptyCohort { .. })
        ));
        assert!(matches!(
            typical_values(&values, &cat, &[2]),
            Err(XaiError::PatientOutOfRange {
                row: 2,
                n_patients: 2,
                ..
            })
        ));
        assert!(matches!(
            typical_values(&values[..3], &cat, &[0]),
            Err(XaiError::Shape { .. })
        ));
    }
}
