//! The blocks of [`LANES`] weights of the one-row kernels: explicit SIMD128 vectors on
//! `wasm32` with `+simd128`, per-lane loops that LLVM vectorises elsewhere.
//!
//! The page's WebAssembly is built at opt-level "s", where LLVM runs neither the loop nor the
//! SLP vectoriser, so a kernel that should use SIMD128 in the browser has to say so. Natively
//! (opt-level 3) the loop vectoriser does better with plain per-lane loops than with the
//! vector type written out (measured: 0.57 ms against 1.4 ms for one patient), so each target
//! keeps its own form. Both compute every lane as the scalar code does (a separate multiply
//! and add, no fused multiply-add; the same comparisons; partial sums in the same order), so
//! relevances are bit for bit the same on every target.

use std::ops::{Add, Mul};

/// Number of lanes: four SIMD128 vectors, or one AVX-512 register.
pub(super) const LANES: usize = 16;

/// A value the kernels compute with: one `f32` (the remainder of a row) or, in WebAssembly,
/// sixteen lanes.
pub(super) trait Value: Copy + Add<Output = Self> + Mul<Output = Self> {
    /// All lanes `+0.0`.
    fn zero() -> Self;
    /// Lane-wise `x.max(0.0)`, up to the sign of a zero result.
    fn positive(self) -> Self;
    /// Lane-wise `x.min(0.0)`, up to the sign of a zero result.
    fn negative(self) -> Self;
}

// On wasm32 a comparison and a select rather than `f32::max`: Rust's `max` returns the other
// operand for a NaN, which WebAssembly's `f32.max` does not, so there `x.max(0.0)` costs a NaN
// test (or a call to `fmaxf`) per value. Natively `max` is one `maxss`/`maxps` and the SLP
// vectoriser packs it where it leaves the select scalar (measured: one patient 0.49 ms with
// `max`, 1.07 ms with the select). The two forms differ only in the sign of a zero result
// (`max(-0.0, 0.0)` may be `-0.0`); NaN gives `+0.0` in both.
impl Value for f32 {
    #[inline(always)]
    fn zero() -> Self {
        0.0
    }

    #[inline(always)]
    fn positive(self) -> Self {
        if cfg!(target_arch = "wasm32") {
            if self > 0.0 { self } else { 0.0 }
        } else {
            self.max(0.0)
        }
    }

    #[inline(always)]
    fn negative(self) -> Self {
        if cfg!(target_arch = "wasm32") {
            if self < 0.0 { self } else { 0.0 }
        } else {
            self.min(0.0)
        }
    }
}

pub(super) use imp::{add_row, row_sums};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use std::arch::wasm32::{
        f32x4, f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_pmax, f32x4_pmin, f32x4_splat, v128,
    };
    use std::ops::{Add, Mul};

    use super::super::{Basis, parts};
    use super::{LANES, Value};

    /// One row of [`super::super::forward_row`]: `(sum_i A(w_i) a_i, sum_i B(w_i) a_i)`,
    /// partial sums per lane added up in lane order, then the remainder.
    #[inline(always)]
    pub(in crate::lrp) fn row_sums(basis: Basis, w: &[f32], a: &[f32]) -> (f32, f32) {
        let ((w_blocks, w_rest), (a_blocks, a_rest)) =
            (w.as_chunks::<LANES>(), a.as_chunks::<LANES>());
        let (mut acc1, mut acc2) = (Lanes::zero(), Lanes::zero());
        for (wk, ak) in w_blocks.iter().zip(a_blocks) {
            let ak = Lanes::load(ak);
            let (p, q) = parts(basis, Lanes::load(wk));
            acc1 = acc1 + p * ak;
            if basis != Basis::Weight {
                acc2 = acc2 + q * ak;
            }
        }
        let mut s1: f32 = acc1.to_array().iter().sum();
        let mut s2: f32 = acc2.to_array().iter().sum();
        for (&wi, &ai) in w_rest.iter().zip(a_rest) {
            let (p, q) = parts(basis, wi);
            s1 += p * ai;
            s2 += q * ai;
        }
        (s1, s2)
    }

    /// One row of [`super::super::backward_row`]: `out_i += u A(w_i) + v B(w_i)`.
    #[inline(always)]
    pub(in crate::lrp) fn add_row(basis: Basis, w: &[f32], out: &mut [f32], u: f32, v: f32) {
        let ((w_blocks, w_rest), (out_blocks, out_rest)) =
            (w.as_chunks::<LANES>(), out.as_chunks_mut::<LANES>());
        let (ul, vl) = (Lanes::splat(u), Lanes::splat(v));
        for (ok, wk) in out_blocks.iter_mut().zip(w_blocks) {
            let (p, q) = parts(basis, Lanes::load(wk));
            *ok = (Lanes::load(ok) + (ul * p + vl * q)).to_array();
        }
        for (o, &wi) in out_rest.iter_mut().zip(w_rest) {
            let (p, q) = parts(basis, wi);
            *o += u * p + v * q;
        }
    }

    /// Sixteen lanes as four SIMD128 vectors; lane `4 q + k` is lane `k` of vector `q`.
    ///
    /// Four named vectors rather than an array, and every operation written out: at
    /// opt-level "s" LLVM does not unroll the loop of `array::from_fn`, and an array of
    /// vectors then lives in memory instead of in WebAssembly locals.
    #[derive(Clone, Copy, Debug)]
    pub(in crate::lrp) struct Lanes(v128, v128, v128, v128);

    /// The four lanes of `x` from `at`.
    #[inline(always)]
    fn quad(x: &[f32; LANES], at: usize) -> v128 {
        f32x4(x[at], x[at + 1], x[at + 2], x[at + 3])
    }

    /// The four lanes of `v`, in order.
    #[inline(always)]
    fn unquad(v: v128) -> [f32; 4] {
        [
            f32x4_extract_lane::<0>(v),
            f32x4_extract_lane::<1>(v),
            f32x4_extract_lane::<2>(v),
            f32x4_extract_lane::<3>(v),
        ]
    }

    impl Lanes {
        /// The lanes of `x`, in order.
        #[inline(always)]
        pub(in crate::lrp) fn load(x: &[f32; LANES]) -> Self {
            // Scalar reads that LLVM merges into `v128.load`s (the loading intrinsic takes a
            // raw pointer, and `unsafe` is not allowed in this crate).
            Self(quad(x, 0), quad(x, 4), quad(x, 8), quad(x, 12))
        }

        /// The lanes as an array, in order.
        #[inline(always)]
        pub(in crate::lrp) fn to_array(self) -> [f32; LANES] {
            let ([a0, a1, a2, a3], [b0, b1, b2, b3]) = (unquad(self.0), unquad(self.1));
            let ([c0, c1, c2, c3], [d0, d1, d2, d3]) = (unquad(self.2), unquad(self.3));
            [
                a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3, d0, d1, d2, d3,
            ]
        }

        /// `Lanes` with every lane `x`.
        #[inline(always)]
        pub(in crate::lrp) fn splat(x: f32) -> Self {
            let v = f32x4_splat(x);
            Self(v, v, v, v)
        }
    }

    impl Add for Lanes {
        type Output = Self;
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Self(
                f32x4_add(self.0, o.0),
                f32x4_add(self.1, o.1),
                f32x4_add(self.2, o.2),
                f32x4_add(self.3, o.3),
            )
        }
    }

    impl Mul for Lanes {
        type Output = Self;
        #[inline(always)]
        fn mul(self, o: Self) -> Self {
            Self(
                f32x4_mul(self.0, o.0),
                f32x4_mul(self.1, o.1),
                f32x4_mul(self.2, o.2),
                f32x4_mul(self.3, o.3),
            )
        }
    }

    impl Value for Lanes {
        #[inline(always)]
        fn zero() -> Self {
            Self::splat(0.0)
        }

        // `pmax(a, b) = a < b ? b : a` and `pmin(a, b) = b < a ? b : a` (the WebAssembly
        // pseudo-maximum and -minimum): with `a = +0.0` these are the scalar selects of
        // `f32`, lane for lane, signed zeros and NaN included.
        #[inline(always)]
        fn positive(self) -> Self {
            let z = f32x4_splat(0.0);
            Self(
                f32x4_pmax(z, self.0),
                f32x4_pmax(z, self.1),
                f32x4_pmax(z, self.2),
                f32x4_pmax(z, self.3),
            )
        }

        #[inline(always)]
        fn negative(self) -> Self {
            let z = f32x4_splat(0.0);
            Self(
                f32x4_pmin(z, self.0),
                f32x4_pmin(z, self.1),
                f32x4_pmin(z, self.2),
                f32x4_pmin(z, self.3),
            )
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::super::{Basis, parts};
    use super::LANES;

    /// One row of [`super::super::forward_row`]: `(sum_i A(w_i) a_i, sum_i B(w_i) a_i)`,
    /// partial sums per lane added up in lane order, then the remainder.
    #[inline(always)]
    pub(in crate::lrp) fn row_sums(basis: Basis, w: &[f32], a: &[f32]) -> (f32, f32) {
        let ((w_blocks, w_rest), (a_blocks, a_rest)) =
            (w.as_chunks::<LANES>(), a.as_chunks::<LANES>());
        let mut acc1 = [0.0f32; LANES];
        let mut acc2 = [0.0f32; LANES];
        for (wk, ak) in w_blocks.iter().zip(a_blocks) {
            for ((s1, s2), (&wi, &ai)) in acc1.iter_mut().zip(&mut acc2).zip(wk.iter().zip(ak)) {
                let (p, q) = parts(basis, wi);
                *s1 += p * ai;
                *s2 += q * ai;
            }
        }
        let mut s1: f32 = acc1.iter().sum();
        let mut s2: f32 = acc2.iter().sum();
        for (&wi, &ai) in w_rest.iter().zip(a_rest) {
            let (p, q) = parts(basis, wi);
            s1 += p * ai;
            s2 += q * ai;
        }
        (s1, s2)
    }

    /// One row of [`super::super::backward_row`]: `out_i += u A(w_i) + v B(w_i)`, in one
    /// flat loop, the form the loop vectoriser handles best.
    #[inline(always)]
    pub(in crate::lrp) fn add_row(basis: Basis, w: &[f32], out: &mut [f32], u: f32, v: f32) {
        for (o, &wi) in out.iter_mut().zip(w) {
            let (p, q) = parts(basis, wi);
            *o += u * p + v * q;
        }
    }
}
