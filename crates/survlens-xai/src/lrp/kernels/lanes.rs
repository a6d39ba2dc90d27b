//! Sixteen `f32` lanes with the handful of operations the one-row kernels need, as
//! WebAssembly SIMD128 vectors on `wasm32` with `+simd128` and as a plain array elsewhere.
//!
//! The page's WebAssembly is built at opt-level "s", where LLVM runs neither the loop nor the
//! SLP vectoriser, so a kernel that should use SIMD128 in the browser has to say so. Both
//! implementations compute every lane exactly as the scalar code does (a separate multiply
//! and add, no fused multiply-add; the same comparisons), so results are bit for bit the same
//! on every target. Natively the array form is unrolled and vectorised by LLVM at opt-level 3.

use std::ops::{Add, Mul};

/// Number of lanes: four SIMD128 vectors, or one AVX-512 register.
pub(super) const LANES: usize = 16;

/// A value the kernels compute with: one `f32` (the remainder of a row) or [`Lanes`].
pub(super) trait Value: Copy + Add<Output = Self> + Mul<Output = Self> {
    /// All lanes `+0.0`.
    fn zero() -> Self;
    /// Lane-wise `if x > 0 { x } else { +0.0 }`: `x.max(0.0)` up to the sign of a zero.
    fn positive(self) -> Self;
    /// Lane-wise `if x < 0 { x } else { +0.0 }`: `x.min(0.0)` up to the sign of a zero.
    fn negative(self) -> Self;
}

// A comparison and a select rather than `f32::max`: Rust's `max` returns the other operand
// for a NaN, which WebAssembly's `f32.max` does not, so on wasm32 `x.max(0.0)` costs a NaN
// test (or a call to `fmaxf`) per value and keeps the loop scalar. The two forms differ only
// in the sign of a zero result (`max(-0.0, 0.0)` may be `-0.0`); NaN gives `+0.0` in both.
impl Value for f32 {
    #[inline(always)]
    fn zero() -> Self {
        0.0
    }

    #[inline(always)]
    fn positive(self) -> Self {
        if self > 0.0 { self } else { 0.0 }
    }

    #[inline(always)]
    fn negative(self) -> Self {
        if self < 0.0 { self } else { 0.0 }
    }
}

pub(super) use imp::Lanes;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use std::arch::wasm32::{
        f32x4, f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_pmax, f32x4_pmin, f32x4_splat, v128,
    };
    use std::ops::{Add, Mul};

    use super::{LANES, Value};

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
    use std::ops::{Add, Mul};

    use super::{LANES, Value};

    /// Sixteen lanes as an array; LLVM vectorises the lane-wise loops at opt-level 3.
    #[derive(Clone, Copy, Debug)]
    pub(in crate::lrp) struct Lanes([f32; LANES]);

    impl Lanes {
        /// The lanes of `x`, in order.
        #[inline(always)]
        pub(in crate::lrp) fn load(x: &[f32; LANES]) -> Self {
            Self(*x)
        }

        /// The lanes as an array, in order.
        #[inline(always)]
        pub(in crate::lrp) fn to_array(self) -> [f32; LANES] {
            self.0
        }

        /// `Lanes` with every lane `x`.
        #[inline(always)]
        pub(in crate::lrp) fn splat(x: f32) -> Self {
            Self([x; LANES])
        }
    }

    impl Add for Lanes {
        type Output = Self;
        #[inline(always)]
        fn add(self, other: Self) -> Self {
            Self(std::array::from_fn(|k| self.0[k] + other.0[k]))
        }
    }

    impl Mul for Lanes {
        type Output = Self;
        #[inline(always)]
        fn mul(self, other: Self) -> Self {
            Self(std::array::from_fn(|k| self.0[k] * other.0[k]))
        }
    }

    impl Value for Lanes {
        #[inline(always)]
        fn zero() -> Self {
            Self::splat(0.0)
        }

        #[inline(always)]
        fn positive(self) -> Self {
            Self(self.0.map(f32::positive))
        }

        #[inline(always)]
        fn negative(self) -> Self {
            Self(self.0.map(f32::negative))
        }
    }
}
