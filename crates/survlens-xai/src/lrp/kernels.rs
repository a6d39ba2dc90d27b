//! Products of one patient with a layer's basis matrices, computed from `W` alone.
//!
//! For one row a GEMM kernel spends its time packing the weight matrix; these kernels read
//! each weight once instead and derive `W+` or `W-` on the fly, so a layer costs one pass
//! over `W` per direction. That pass is memory-bound (the study network's `W` is 4.9 MB),
//! which is why deriving beats storing the second basis matrix. The per-row work lives in
//! [`lanes`]: explicit SIMD128 in WebAssembly, auto-vectorised loops natively.

use super::Basis;

mod lanes;

use lanes::{Value, add_row, row_sums};

/// The two basis parts of a weight, `(first, second)`; the second is zero for
/// [`Basis::Weight`]. Lane-wise for a block of lanes.
///
/// On wasm32, `W+` and `W-` are formed with a comparison rather than `f32::max` /
/// `f32::min` so that WebAssembly can vectorise them (see [`Value`]). The two agree on every
/// weight, NaN included (both give `+0.0`), up to the sign of a zero part. Weights are
/// finite anyway (`Dense::new` in survlens-model rejects any other, and model files are
/// checked when read), but the argument does not need it: a zero part contributes a zero
/// product, and adding a zero of either sign to a sum that starts at `+0.0` leaves its bits
/// unchanged, so the relevances are the same on every target, bit for bit.
#[inline(always)]
fn parts<V: Value>(basis: Basis, w: V) -> (V, V) {
    match basis {
        Basis::Weight => (w, V::zero()),
        Basis::WeightAndPositive => (w, w.positive()),
        Basis::PositiveAndNegative => (w.positive(), w.negative()),
    }
}

/// `first_j = sum_i A_ji a_i`, `second_j = sum_i B_ji a_i` for the basis `(A, B)` of `w`.
///
/// # Shapes
/// `w`: `n_out x n_in`; `a`: `n_in`; `first`: `n_out`; `second`: `n_out`, or empty for
/// [`Basis::Weight`].
pub(super) fn forward_row(
    basis: Basis,
    w: &[f32],
    n_in: usize,
    a: &[f32],
    first: &mut [f32],
    second: &mut [f32],
) {
    // One inlined copy per basis, so that `parts` folds into the loop body.
    match basis {
        Basis::Weight => forward_impl(Basis::Weight, w, n_in, a, first, second),
        Basis::WeightAndPositive => {
            forward_impl(Basis::WeightAndPositive, w, n_in, a, first, second);
        }
        Basis::PositiveAndNegative => {
            forward_impl(Basis::PositiveAndNegative, w, n_in, a, first, second);
        }
    }
}

/// [`forward_row`] for a `basis` known at the call site.
///
/// Sums run in `LANES` (16) independent partial sums (lane `k` takes the terms
/// `i = k mod 16`), added up in lane order, then the remainder: the same order on every
/// target.
#[inline(always)]
fn forward_impl(
    basis: Basis,
    w: &[f32],
    n_in: usize,
    a: &[f32],
    first: &mut [f32],
    second: &mut [f32],
) {
    for (j, row) in w.chunks_exact(n_in).enumerate() {
        let (s1, s2) = row_sums(basis, row, a);
        first[j] = s1;
        if let Some(s) = second.get_mut(j) {
            *s = s2;
        }
    }
}

/// `out_i = sum_j (u_j A_ji + v_j B_ji)` for the basis `(A, B)` of `w`; `v = None` means
/// zero. Outputs with `u_j = v_j = 0` (switched-off units) are skipped.
///
/// # Shapes
/// `w`: `n_out x n_in`; `u`, `v`: `n_out`; `out`: `n_in` (overwritten).
pub(super) fn backward_row(
    basis: Basis,
    w: &[f32],
    n_in: usize,
    u: &[f32],
    v: Option<&[f32]>,
    out: &mut [f32],
) {
    match basis {
        Basis::Weight => backward_impl(Basis::Weight, w, n_in, u, v, out),
        Basis::WeightAndPositive => backward_impl(Basis::WeightAndPositive, w, n_in, u, v, out),
        Basis::PositiveAndNegative => {
            backward_impl(Basis::PositiveAndNegative, w, n_in, u, v, out);
        }
    }
}

/// [`backward_row`] for a `basis` known at the call site.
#[inline(always)]
fn backward_impl(
    basis: Basis,
    w: &[f32],
    n_in: usize,
    u: &[f32],
    v: Option<&[f32]>,
    out: &mut [f32],
) {
    out.fill(0.0);
    for (j, row) in w.chunks_exact(n_in).enumerate() {
        let (uj, vj) = (u[j], v.map_or(0.0, |v| v[j]));
        if uj == 0.0 && vj == 0.0 {
            continue;
        }
        add_row(basis, row, out, uj, vj);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_kernels_match_the_explicit_basis_matrices() {
        let (n_out, n_in) = (3, 37); // 37: two full lanes of 16 and a remainder
        let w: Vec<f32> = (0..n_out * n_in)
            .map(|i| ((i * 7919) % 23) as f32 / 11.0 - 1.0)
            .collect();
        let a: Vec<f32> = (0..n_in).map(|i| (i as f32 * 0.3).sin()).collect();
        let u = [0.5, 0.0, -2.0];
        let v = [1.5, 0.0, 0.25];
        for basis in [
            Basis::Weight,
            Basis::WeightAndPositive,
            Basis::PositiveAndNegative,
        ] {
            let (mut f, mut s) = (vec![0.0; n_out], vec![0.0; n_out]);
            forward_row(basis, &w, n_in, &a, &mut f, &mut s);
            let mut out = vec![0.0; n_in];
            backward_row(basis, &w, n_in, &u, Some(&v), &mut out);
            for j in 0..n_out {
                let row = &w[j * n_in..(j + 1) * n_in];
                let want1: f64 = row
                    .iter()
                    .zip(&a)
                    .map(|(&w, &a)| f64::from(parts(basis, w).0 * a))
                    .sum();
                let want2: f64 = row
                    .iter()
                    .zip(&a)
                    .map(|(&w, &a)| f64::from(parts(basis, w).1 * a))
                    .sum();
                // f32 sums of 37 terms of size <= 1: 1e-5 absolute.
                assert!(
                    (f64::from(f[j]) - want1).abs() < 1e-5,
                    "{basis:?} first {j}"
                );
                if basis != Basis::Weight {
                    assert!(
                        (f64::from(s[j]) - want2).abs() < 1e-5,
                        "{basis:?} second {j}"
                    );
                }
            }
            for i in 0..n_in {
                let want: f32 = (0..n_out)
                    .map(|j| {
                        let (p, q) = parts(basis, w[j * n_in + i]);
                        u[j] * p + v[j] * q
                    })
                    .sum();
                assert!((out[i] - want).abs() < 1e-5, "{basis:?} backward {i}");
            }
        }
    }
}
