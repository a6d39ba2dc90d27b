//! Summing relevances of encoded inputs back into markers, and markers into groups
//! (modalities, or any other partition).
//!
//! The network sees encoded inputs, not markers: a numeric marker may come with a missing
//! indicator and a mirror `1 - x`, a categorical marker with one input per level. The
//! relevance of the marker is the sum over all its inputs; relevances add up because LRP
//! (and every attribution of this crate) decomposes the prediction additively. Two
//! [`Grouping`]s are used in turn: `input_to_marker` (from the encoder's feature map) and
//! `marker_to_modality`; [`Grouping::then`] composes them into `input_to_modality`.
//! Grouping moves relevance between columns and never creates or drops any: each row's
//! total and the [`crate::Accounting`] stay what they were.

use crate::XaiError;
use crate::relevance::Relevances;

/// A map sending each column (encoded input, or marker) to one group (marker, or modality).
///
/// # Examples
/// ```
/// use survlens_xai::Grouping;
/// // inputs: age, age (missing), age (mirror), grade = I, grade = II
/// let to_marker = Grouping::new(&[0, 0, 0, 1, 1], 2).unwrap();
/// let summed = to_marker.sum_rows(&[0.5, 0.1, -0.2, 0.3, 0.0], 1).unwrap();
/// assert!((summed[0] - 0.4).abs() < 1e-6 && (summed[1] - 0.3).abs() < 1e-6);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grouping {
    group_of: Vec<usize>,
    n_groups: usize,
}

impl Grouping {
    /// A grouping of `group_of.len()` columns into `n_groups` groups; `group_of[c]` is the
    /// group of column `c`. Groups without columns are allowed (their sums are zero).
    ///
    /// # Errors
    /// [`XaiError::GroupOutOfRange`] naming the first column mapped to a group
    /// `>= n_groups`.
    pub fn new(group_of: &[usize], n_groups: usize) -> Result<Self, XaiError> {
        if let Some((column, &group)) = group_of.iter().enumerate().find(|(_, g)| **g >= n_groups) {
            return Err(XaiError::GroupOutOfRange {
                column,
                group,
                n_groups,
            });
        }
        Ok(Self {
            group_of: group_of.to_vec(),
            n_groups,
        })
    }

    /// The identity on `n` columns (every column its own group).
    pub fn identity(n: usize) -> Self {
        Self {
            group_of: (0..n).collect(),
            n_groups: n,
        }
    }

    /// Number of columns grouped.
    pub fn n_columns(&self) -> usize {
        self.group_of.len()
    }

    /// Number of groups.
    pub fn n_groups(&self) -> usize {
        self.n_groups
    }

    /// The group of every column.
    pub fn group_of(&self) -> &[usize] {
        &self.group_of
    }

    /// The columns of `group`, in column order.
    pub fn members(&self, group: usize) -> impl Iterator<Item = usize> + '_ {
        self.group_of
            .iter()
            .enumerate()
            .filter(move |(_, g)| **g == group)
            .map(|(c, _)| c)
    }

    /// This grouping followed by `next` (e.g. input -> marker, then marker -> modality).
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `next` does not group exactly this grouping's groups.
    pub fn then(&self, next: &Grouping) -> Result<Grouping, XaiError> {
        if next.n_columns() != self.n_groups {
            return Err(XaiError::Shape {
                what: "grouping of the groups",
                expected: self.n_groups,
                found: next.n_columns(),
            });
        }
        Ok(Grouping {
            group_of: self.group_of.iter().map(|&g| next.group_of[g]).collect(),
            n_groups: next.n_groups,
        })
    }

    /// Row-wise sums of `values` over each group's columns, accumulated in `f64`.
    ///
    /// # Shapes
    /// `values`: `n x n_columns`, row-major; returns `n x n_groups`.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `values.len() != n * n_columns`.
    pub fn sum_rows(&self, values: &[f32], n: usize) -> Result<Vec<f32>, XaiError> {
        let cols = self.n_columns();
        let expected = n.saturating_mul(cols);
        if values.len() != expected {
            return Err(XaiError::Shape {
                what: "values to group",
                expected,
                found: values.len(),
            });
        }
        let mut out = vec![0.0f32; n * self.n_groups];
        let mut acc = vec![0.0f64; self.n_groups];
        for (row, dst) in values
            .chunks_exact(cols.max(1))
            .zip(out.chunks_exact_mut(self.n_groups.max(1)))
        {
            acc.fill(0.0);
            for (&v, &g) in row.iter().zip(&self.group_of) {
                acc[g] += f64::from(v);
            }
            dst.iter_mut().zip(&acc).for_each(|(d, &a)| *d = a as f32);
        }
        Ok(out)
    }

    /// Relevances with one column per group; predictions and shares are unchanged.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when the relevances do not have `n_columns` columns.
    pub fn apply(&self, relevances: &Relevances) -> Result<Relevances, XaiError> {
        if relevances.n_inputs != self.n_columns() {
            return Err(XaiError::Shape {
                what: "relevance columns to group",
                expected: self.n_columns(),
                found: relevances.n_inputs,
            });
        }
        Ok(Relevances {
            n_patients: relevances.n_patients,
            n_inputs: self.n_groups,
            values: self.sum_rows(&relevances.values, relevances.n_patients)?,
            output: relevances.output.clone(),
            bias_share: relevances.bias_share.clone(),
            stabilizer_share: relevances.stabilizer_share.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_then_modalities() {
        // inputs: age, age (missing), grade=I, grade=II, albumin, albumin (mirror)
        let to_marker = Grouping::new(&[0, 0, 1, 1, 2, 2], 3).unwrap();
        // markers: age -> clinical (0), grade -> pathology (1), albumin -> laboratory (2)
        let to_modality = Grouping::new(&[0, 1, 2], 3).unwrap();
        let to_modality_direct = to_marker.then(&to_modality).unwrap();
        assert_eq!(to_modality_direct.group_of(), &[0, 0, 1, 1, 2, 2]);
        let values = [
            1.0, 0.5, -1.0, 0.25, 2.0, -0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0,
        ];
        let markers = to_marker.sum_rows(&values, 2).unwrap();
        assert_eq!(markers, vec![1.5, -0.75, 1.5, 0.0, 0.0, 2.0]);
        assert_eq!(to_marker.members(1).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn bad_maps_and_shapes_are_refused() {
        assert_eq!(
            Grouping::new(&[0, 3, 1], 2),
            Err(XaiError::GroupOutOfRange {
                column: 1,
                group: 3,
                n_groups: 2
            })
        );
        let g = Grouping::new(&[0, 1], 2).unwrap();
        assert!(g.sum_rows(&[1.0, 2.0, 3.0], 2).is_err());
        assert!(g.then(&Grouping::identity(3)).is_err());
    }

    #[test]
    fn empty_groups_sum_to_zero() {
        let g = Grouping::new(&[2, 2], 3).unwrap();
        assert_eq!(g.sum_rows(&[1.0, 2.0], 1).unwrap(), vec![0.0, 0.0, 3.0]);
    }
}
