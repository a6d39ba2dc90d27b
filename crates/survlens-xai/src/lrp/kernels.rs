//! Products of one patient with a layer's basis matrices, computed from `W` alone.
//!
//! For one row a GEMM kernel spends its time packing the weight matrix; these kernels read
//! each weight once instead and derive `W+` or `W-` on the fly, so a layer costs one pass
//! over `W` per direction. That pass is memory-bound (the study network's `W` is 4.9 MB),
//! which is why deriving beats storing the second basis matrix.

use super::Basis;

/// Accumulator lanes: independent partial sums let the compiler vectorise the reductions
/// (SSE/AVX natively, SIMD128 in WebAssembly) without reassociating floating-point adds.
const LANES: usize = 16;

/// The two basis parts of a weight, `(first, second)`; the second is unused for
/// [`Basis::Weight`].
#[inline(always)]
fn parts(basis: Basis, w: f32) -> (f32, f32) {
    match basis {
        Basis::Weight => (w, 0.0),
        Basis::WeightAndPositive => (w, w.max(0.0)),
        Basis::PositiveAndNegative => (w.max(0.0), w.min(0.0)),
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
    match basis {
        // Monomorphised per basis so that `parts` folds into the loop body.
        Basis::Weight => forward_impl(w, n_in, a, first, second, |w| (w, 0.0)),
        Basis::WeightAndPositive => forward_impl(w, n_in, a, first, second, |w| {
            parts(Basis::WeightAndPositive, w)
        }),
        Basis::PositiveAndNegative => forward_impl(w, n_in, a, first, second, |w| {
            parts(Basis::PositiveAndNegative, w)
        }),
    }
}

#[inline(always)]
fn forward_impl(
    w: &[f32],
    n_in: usize,
    a: &[f32],
    first: &mut [f32],
    second: &mut [f32],
    parts: impl Fn(f32) -> (f32, f32) + Copy,
) {
    for (j, row) in w.chunks_exact(n_in).enumerate() {
        let mut acc1 = [0.0f32; LANES];
        let mut acc2 = [0.0f32; LANES];
        let (wc, ac) = (row.chunks_exact(LANES), a.chunks_exact(LANES));
        let (wr, ar) = (wc.remainder(), ac.remainder());
        for (wk, ak) in wc.zip(ac) {
            for ((s1, s2), (&wi, &ai)) in
                acc1.iter_mut().zip(acc2.iter_mut()).zip(wk.iter().zip(ak))
            {
                let (p, q) = parts(wi);
                *s1 += p * ai;
                *s2 += q * ai;
            }
        }
        let (mut s1, mut s2) = (acc1.iter().sum::<f32>(), acc2.iter().sum::<f32>());
        for (&wi, &ai) in wr.iter().zip(ar) {
            let (p, q) = parts(wi);
            s1 += p * ai;
            s2 += q * ai;
        }
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
        Basis::Weight => backward_impl(w, n_in, u, v, out, |w| (w, 0.0)),
        Basis::WeightAndPositive => {
            backward_impl(w, n_in, u, v, out, |w| parts(Basis::WeightAndPositive, w))
        }
        Basis::PositiveAndNegative => {
            backward_impl(w, n_in, u, v, out, |w| parts(Basis::PositiveAndNegative, w))
        }
    }
}

#[inline(always)]
fn backward_impl(
    w: &[f32],
    n_in: usize,
    u: &[f32],
    v: Option<&[f32]>,
    out: &mut [f32],
    parts: impl Fn(f32) -> (f32, f32) + Copy,
) {
    out.fill(0.0);
    for (j, row) in w.chunks_exact(n_in).enumerate() {
        let (uj, vj) = (u[j], v.map_or(0.0, |v| v[j]));
        if uj == 0.0 && vj == 0.0 {
            continue;
        }
        for (o, &wi) in out.iter_mut().zip(row) {
            let (p, q) = parts(wi);
            *o += uj * p + vj * q;
        }
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
