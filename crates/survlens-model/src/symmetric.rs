//! Small dense symmetric matrices (a few dozen rows at most: Cox information matrices,
//! log-rank covariances): Cholesky solve and inverse, and the Moore-Penrose pseudo-inverse
//! through a Jacobi eigendecomposition. Row-major `Vec<f64>`, `d x d`.

/// Lower Cholesky factor `L` with `a = L L^T`, or `None` when `a` is not numerically
/// positive definite (a pivot at or below `1e-13` times the largest diagonal entry).
///
/// # Shapes
/// `a`: `d x d`, symmetric; result `d x d`, zero above the diagonal.
pub(crate) fn cholesky(a: &[f64], d: usize) -> Option<Vec<f64>> {
    let scale = (0..d).map(|i| a[i * d + i].abs()).fold(0.0_f64, f64::max);
    let floor = 1e-13 * scale;
    let mut l = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..=i {
            let mut s = a[i * d + j];
            for k in 0..j {
                s -= l[i * d + k] * l[j * d + k];
            }
            if i == j {
                if s <= floor || !s.is_finite() {
                    return None;
                }
                l[i * d + i] = s.sqrt();
            } else {
                l[i * d + j] = s / l[j * d + j];
            }
        }
    }
    Some(l)
}

/// Solves `L L^T x = b` in place, given the Cholesky factor `l` of [`cholesky`].
pub(crate) fn cholesky_solve(l: &[f64], d: usize, b: &mut [f64]) {
    for i in 0..d {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * d + k] * b[k];
        }
        b[i] = s / l[i * d + i];
    }
    for i in (0..d).rev() {
        let mut s = b[i];
        for k in i + 1..d {
            s -= l[k * d + i] * b[k];
        }
        b[i] = s / l[i * d + i];
    }
}

/// Inverse of `L L^T` from its Cholesky factor.
pub(crate) fn cholesky_inverse(l: &[f64], d: usize) -> Vec<f64> {
    let mut inv = vec![0.0; d * d];
    let mut column = vec![0.0; d];
    for j in 0..d {
        column.fill(0.0);
        column[j] = 1.0;
        cholesky_solve(l, d, &mut column);
        for i in 0..d {
            inv[i * d + j] = column[i];
        }
    }
    // Symmetrise away the rounding differences between the two triangles.
    for i in 0..d {
        for j in 0..i {
            let m = 0.5 * (inv[i * d + j] + inv[j * d + i]);
            inv[i * d + j] = m;
            inv[j * d + i] = m;
        }
    }
    inv
}

/// Moore-Penrose pseudo-inverse of a symmetric matrix. Eigenvalues at or below
/// `d * f64::EPSILON` times the largest absolute eigenvalue count as zero (numpy's
/// `pinv` default cut-off for a `d x d` matrix).
///
/// # Shapes
/// `a`: `d x d`, symmetric; result `d x d`.
pub(crate) fn pseudo_inverse(a: &[f64], d: usize) -> Vec<f64> {
    let (values, vectors) = jacobi_eigen(a, d);
    let largest = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let cutoff = d as f64 * f64::EPSILON * largest;
    let mut inv = vec![0.0; d * d];
    for (k, &lambda) in values.iter().enumerate() {
        if lambda.abs() <= cutoff {
            continue;
        }
        for i in 0..d {
            for j in 0..d {
                inv[i * d + j] += vectors[i * d + k] * vectors[j * d + k] / lambda;
            }
        }
    }
    inv
}

/// Eigenvalues and eigenvectors (columns of the second result) of a symmetric matrix by
/// cyclic Jacobi rotations, accurate to rounding for the small matrices used here.
fn jacobi_eigen(a: &[f64], d: usize) -> (Vec<f64>, Vec<f64>) {
    let mut m = a.to_vec();
    let mut v = vec![0.0; d * d];
    for i in 0..d {
        v[i * d + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..d)
            .flat_map(|i| (0..d).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * d + j] * m[i * d + j])
            .sum();
        let total: f64 = m.iter().map(|x| x * x).sum();
        if off <= f64::EPSILON * f64::EPSILON * total {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                let apq = m[p * d + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * d + q] - m[p * d + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..d {
                    let mkp = m[k * d + p];
                    let mkq = m[k * d + q];
                    m[k * d + p] = c * mkp - s * mkq;
                    m[k * d + q] = s * mkp + c * mkq;
                }
                for k in 0..d {
                    let mpk = m[p * d + k];
                    let mqk = m[q * d + k];
                    m[p * d + k] = c * mpk - s * mqk;
                    m[q * d + k] = s * mpk + c * mqk;
                }
                for k in 0..d {
                    let vkp = v[k * d + p];
                    let vkq = v[k * d + q];
                    v[k * d + p] = c * vkp - s * vkq;
                    v[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..d).map(|i| m[i * d + i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_solves_a_known_system() {
        // a = [[4, 2], [2, 3]], x = [1, -1] -> b = [2, -1]
        let a = [4.0, 2.0, 2.0, 3.0];
        let l = cholesky(&a, 2).unwrap();
        let mut b = [2.0, -1.0];
        cholesky_solve(&l, 2, &mut b);
        assert!((b[0] - 1.0).abs() < 1e-14 && (b[1] + 1.0).abs() < 1e-14);
        let inv = cholesky_inverse(&l, 2);
        // inverse of [[4,2],[2,3]] is [[3,-2],[-2,4]] / 8
        for (got, want) in inv.iter().zip([0.375, -0.25, -0.25, 0.5]) {
            assert!((got - want).abs() < 1e-14);
        }
    }

    #[test]
    fn cholesky_rejects_a_singular_matrix() {
        assert!(cholesky(&[1.0, 1.0, 1.0, 1.0], 2).is_none());
    }

    #[test]
    fn pseudo_inverse_matches_the_inverse_when_regular_and_projects_when_singular() {
        let a = [2.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 4.0];
        let l = cholesky(&a, 3).unwrap();
        let inv = cholesky_inverse(&l, 3);
        let pinv = pseudo_inverse(&a, 3);
        for (x, y) in inv.iter().zip(&pinv) {
            assert!((x - y).abs() < 1e-13, "{x} vs {y}");
        }
        // [[1,1],[1,1]] has pseudo-inverse [[1,1],[1,1]] / 4
        let pinv = pseudo_inverse(&[1.0, 1.0, 1.0, 1.0], 2);
        for x in pinv {
            assert!((x - 0.25).abs() < 1e-14);
        }
    }
}
