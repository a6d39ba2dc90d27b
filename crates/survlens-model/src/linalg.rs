//! Dense single-precision matrix products over row-major slices.
//!
//! The only module of the numeric crates that calls `unsafe` code: the GEMM kernels of the
//! `matrixmultiply` crate take raw pointers and strides. Every public function here checks
//! the slice lengths against the stated shapes first, so the kernels never read or write
//! out of bounds.
#![allow(unsafe_code)]

/// Whether an operand is used as stored or transposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trans {
    /// Use the matrix as stored (row-major).
    No,
    /// Use the transpose of the stored matrix.
    Yes,
}

/// `c = alpha * op(a) * op(b) + beta * c`, all row-major.
///
/// # Shapes
/// `op(a)` is `m x k`, `op(b)` is `k x n`, `c` is `m x n`. `a` is stored as `m x k` when
/// `ta == Trans::No` and as `k x m` otherwise; likewise `b`.
///
/// # Panics
/// When a slice's length does not match its shape: a programming error, never user data.
#[allow(clippy::too_many_arguments, clippy::panic)]
pub fn sgemm(
    m: usize,
    k: usize,
    n: usize,
    alpha: f32,
    a: &[f32],
    ta: Trans,
    b: &[f32],
    tb: Trans,
    beta: f32,
    c: &mut [f32],
) {
    if a.len() != m * k || b.len() != k * n || c.len() != m * n {
        panic!(
            "sgemm shape mismatch: m={m} k={k} n={n}, a={} b={} c={}",
            a.len(),
            b.len(),
            c.len()
        );
    }
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c.iter_mut().for_each(|x| *x *= beta);
        return;
    }
    // Strides in elements (row stride, column stride) of the operand as used.
    let (rsa, csa) = match ta {
        Trans::No => (k as isize, 1),
        Trans::Yes => (1, m as isize),
    };
    let (rsb, csb) = match tb {
        Trans::No => (n as isize, 1),
        Trans::Yes => (1, k as isize),
    };
    // SAFETY: the lengths were checked above: with these strides the largest index read
    // from `a` is (m-1)*rsa + (k-1)*csa = m*k - 1 (either layout), from `b` k*n - 1, and
    // the largest index written in `c` is m*n - 1. `c` is a unique borrow, so it does not
    // alias `a` or `b`.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            alpha,
            a.as_ptr(),
            rsa,
            csa,
            b.as_ptr(),
            rsb,
            csb,
            beta,
            c.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(m: usize, k: usize, n: usize, a: &[f32], ta: Trans, b: &[f32], tb: Trans) -> Vec<f32> {
        let at = |i: usize, p: usize| match ta {
            Trans::No => a[i * k + p],
            Trans::Yes => a[p * m + i],
        };
        let bt = |p: usize, j: usize| match tb {
            Trans::No => b[p * n + j],
            Trans::Yes => b[j * k + p],
        };
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| at(i, p) * bt(p, j)).sum();
            }
        }
        c
    }

    #[test]
    fn all_transpositions_match_the_naive_product() {
        let (m, k, n) = (5, 7, 3);
        let a: Vec<f32> = (0..m * k).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..k * n).map(|i| (i as f32 * 0.11).cos()).collect();
        for ta in [Trans::No, Trans::Yes] {
            for tb in [Trans::No, Trans::Yes] {
                let mut c = vec![1.0; m * n];
                sgemm(m, k, n, 1.0, &a, ta, &b, tb, 0.0, &mut c);
                let want = naive(m, k, n, &a, ta, &b, tb);
                for (x, y) in c.iter().zip(&want) {
                    assert!((x - y).abs() < 1e-5, "{ta:?} {tb:?}: {x} vs {y}");
                }
            }
        }
    }

    #[test]
    fn beta_accumulates() {
        let a = [1.0, 2.0];
        let b = [3.0, 4.0];
        let mut c = [10.0];
        sgemm(1, 2, 1, 1.0, &a, Trans::No, &b, Trans::No, 1.0, &mut c);
        assert_eq!(c, [21.0]);
    }
}
