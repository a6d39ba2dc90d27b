//! Relevances of a batch of patients and the per-patient account of where the predicted
//! log-risk went: to the inputs, to the biases, or to the stabilisers.

use serde::{Deserialize, Serialize};

/// How one patient's prediction is decomposed, in log-risk units.
///
/// `output = relevance_sum + bias_share + stabilizer_share` up to `f32` rounding: every
/// layer hands the relevance of each of its outputs down to its inputs, except the parts
/// that its bias term and its stabiliser take. Each share is computed from the bias and
/// stabiliser terms themselves, not as a remainder, so the identity is a check.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accounting {
    /// The network's output, the predicted log-risk, which is the relevance that enters the
    /// output layer.
    pub output: f32,
    /// Sum of the relevances of all encoded inputs.
    pub relevance_sum: f32,
    /// Relevance absorbed by the bias terms of all layers.
    pub bias_share: f32,
    /// Relevance absorbed by the stabilisers of the denominators, together with the
    /// relevance that the gamma rules drop at outputs that are exactly zero.
    pub stabilizer_share: f32,
}

impl Accounting {
    /// What the three shares leave unexplained: `f32` rounding only.
    pub fn residual(&self) -> f32 {
        self.output - self.relevance_sum - self.bias_share - self.stabilizer_share
    }

    /// The fraction of the output that reached the inputs, `relevance_sum / output`
    /// (`None` when the output is exactly zero).
    pub fn coverage(&self) -> Option<f32> {
        (self.output != 0.0).then(|| self.relevance_sum / self.output)
    }
}

/// Attributions of a batch of patients: one value per patient and encoded input, with the
/// prediction and, for LRP, the shares that did not reach the inputs.
///
/// # Shapes
/// `values`: `n_patients x n_inputs`, row-major; `output`, `bias_share`,
/// `stabilizer_share`: `n_patients`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relevances {
    pub(crate) n_patients: usize,
    pub(crate) n_inputs: usize,
    pub(crate) values: Vec<f32>,
    pub(crate) output: Vec<f32>,
    pub(crate) bias_share: Vec<f32>,
    pub(crate) stabilizer_share: Vec<f32>,
}

impl Relevances {
    /// Zeroed storage for `n_patients x n_inputs` relevances.
    pub(crate) fn zeros(n_patients: usize, n_inputs: usize) -> Self {
        Self {
            n_patients,
            n_inputs,
            values: vec![0.0; n_patients * n_inputs],
            output: vec![0.0; n_patients],
            bias_share: vec![0.0; n_patients],
            stabilizer_share: vec![0.0; n_patients],
        }
    }

    /// Number of patients (rows).
    pub fn n_patients(&self) -> usize {
        self.n_patients
    }

    /// Number of encoded inputs (columns).
    pub fn n_inputs(&self) -> usize {
        self.n_inputs
    }

    /// All relevances, `n_patients x n_inputs` row-major, log-risk units.
    pub fn values(&self) -> &[f32] {
        &self.values
    }

    /// The relevances, consuming `self` (`n_patients x n_inputs` row-major).
    pub fn into_values(self) -> Vec<f32> {
        self.values
    }

    /// One patient's relevances, `n_inputs` values; `None` past the last patient.
    pub fn row(&self, patient: usize) -> Option<&[f32]> {
        (patient < self.n_patients)
            .then(|| &self.values[patient * self.n_inputs..(patient + 1) * self.n_inputs])
    }

    /// The predicted log-risk of every patient.
    pub fn outputs(&self) -> &[f32] {
        &self.output
    }

    /// One patient's account; `None` past the last patient.
    pub fn accounting(&self, patient: usize) -> Option<Accounting> {
        let row = self.row(patient)?;
        // Summed in f64: with thousands of inputs of both signs, f32 summation error would
        // show up in the residual the viewer reports.
        let relevance_sum = row.iter().map(|&r| f64::from(r)).sum::<f64>() as f32;
        Some(Accounting {
            output: self.output[patient],
            relevance_sum,
            bias_share: self.bias_share[patient],
            stabilizer_share: self.stabilizer_share[patient],
        })
    }

    /// Every patient's account, in row order.
    pub fn accountings(&self) -> impl Iterator<Item = Accounting> + '_ {
        (0..self.n_patients).filter_map(|p| self.accounting(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_accounts_follow_the_layout() {
        let mut r = Relevances::zeros(2, 3);
        r.values.copy_from_slice(&[1.0, 2.0, 3.0, -1.0, 0.5, 0.25]);
        r.output.copy_from_slice(&[7.0, -1.0]);
        r.bias_share.copy_from_slice(&[0.5, 0.0]);
        r.stabilizer_share.copy_from_slice(&[0.5, 0.25]);
        assert_eq!(r.row(1), Some(&[-1.0, 0.5, 0.25][..]));
        assert_eq!(r.row(2), None);
        let a = r.accounting(0).unwrap();
        assert_eq!(a.relevance_sum, 6.0);
        assert_eq!(a.residual(), 0.0);
        assert_eq!(a.coverage(), Some(6.0 / 7.0));
        assert_eq!(r.accountings().count(), 2);
    }
}
