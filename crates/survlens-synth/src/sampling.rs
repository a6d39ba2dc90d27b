//! Portable random draws: uniform, normal, gamma, exponential and Weibull from a seeded ChaCha8.
//!
//! Why not `rand_distr` or `rand`'s float sampling: a cohort must be identical byte for byte
//! on the host and in the browser for the same seed, and must stay so across dependency
//! upgrades. `rand_distr`'s algorithms (Ziggurat tables, its own use of `f64::exp`/`ln`) may
//! change between versions, and std's `exp`/`ln`/`cos` call the platform's maths library,
//! which differs between a Linux host and `wasm32-unknown-unknown` in the last bit. Here every
//! transcendental comes from the `libm` crate (the same pure-Rust code on every target) and
//! every algorithm is written out, so the only inputs are the ChaCha8 key stream and IEEE
//! arithmetic, which are the same everywhere.
//!
//! The exactly rounded operations are the exception: IEEE 754 fixes the result of a square
//! root and of truncation to the bit, so `f64::sqrt` and `f64::trunc` (one instruction on
//! both targets) give what `libm` gives. On stable Rust `libm` has to compute them in
//! software on `wasm32`, where that cost a tenth of the generator's time; [`round`] is
//! built on `trunc` for the same reason.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// Independent ChaCha8 streams of one seed, one per purpose, so that changing how one part
/// of a patient is drawn (e.g. missingness) does not reshuffle the others.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stream {
    /// Entity, latent factors and marker values.
    Covariates = 0,
    /// Which values are hidden (missingness).
    Missingness = 1,
    /// Event and censoring times.
    Outcomes = 2,
}

/// A seeded source of portable draws.
pub(crate) struct Draws {
    rng: ChaCha8Rng,
    /// The second normal of the last Box-Muller pair, not yet handed out.
    spare_normal: Option<f64>,
}

impl Draws {
    /// The `stream` of `seed`.
    pub(crate) fn new(seed: u64, stream: Stream) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream as u64);
        Self {
            rng,
            spare_normal: None,
        }
    }

    /// Uniform on the open interval (0, 1): 53 random bits, offset by half a step so that
    /// neither 0 nor 1 can occur (both would break `ln`).
    #[inline]
    pub(crate) fn uniform(&mut self) -> f64 {
        const STEP: f64 = 1.0 / (1u64 << 53) as f64;
        ((self.rng.next_u64() >> 11) as f64 + 0.5) * STEP
    }

    /// `true` with probability `p`.
    #[inline]
    pub(crate) fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Standard normal by the Box-Muller transform; the pair's second value is kept for the
    /// next call.
    #[inline]
    pub(crate) fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        let radius = (-2.0 * libm::log(self.uniform())).sqrt();
        let angle = core::f64::consts::TAU * self.uniform();
        // One argument reduction for both (the same kernels as libm's `sin` and `cos`).
        let (sin, cos) = libm::sincos(angle);
        self.spare_normal = Some(radius * sin);
        radius * cos
    }

    /// Exponential with rate 1.
    #[inline]
    pub(crate) fn exponential(&mut self) -> f64 {
        -libm::log(self.uniform())
    }

    /// Gamma with `shape` > 0 and scale 1 (Marsaglia and Tsang 2000, squeeze-and-reject;
    /// shapes below 1 by the boost `G(a) = G(a + 1) U^(1/a)`).
    pub(crate) fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let boost = libm::pow(self.uniform(), 1.0 / shape);
            return self.gamma(shape + 1.0) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x * x * x * x
                || libm::log(u) < 0.5 * x * x + d * (1.0 - v + libm::log(v))
            {
                return d * v;
            }
        }
    }

    /// Index drawn with probability proportional to `weights` (non-negative, positive sum).
    pub(crate) fn categorical(&mut self, weights: &[f64], total: f64) -> usize {
        let target = self.uniform() * total;
        let mut cumulative = 0.0;
        for (index, weight) in weights.iter().enumerate() {
            cumulative += weight;
            if target < cumulative {
                return index;
            }
        }
        weights.len().saturating_sub(1)
    }
}

/// Survival time of a Weibull proportional-hazards model by inversion: with cumulative
/// hazard `H(t) = (t / scale)^shape * exp(log_hazard_ratio)`, `T = H^-1(E)` for `E ~ Exp(1)`.
///
/// `exp_draw` is the Exp(1) draw, `scale_days` and the result are in days.
#[inline]
pub(crate) fn weibull_ph_time(exp_draw: f64, shape: f64, scale_days: f64, log_hr: f64) -> f64 {
    scale_days * libm::pow(exp_draw * libm::exp(-log_hr), 1.0 / shape)
}

/// `x` rounded to the nearest integer, halfway cases away from zero: bit for bit what
/// `libm::round` returns (tested), from `f64::trunc`, an instruction on `wasm32` where
/// `libm::round` is software.
///
/// Exact: `t = trunc(x)` has the sign of `x` and `|x - t| < 1`, so the fraction `x - t` is
/// representable and computed exactly (Sterbenz); `t +- 1` is exact wherever `x` has a
/// fraction at all (`|x| < 2^52`). Zeros keep their sign, infinities stay infinite.
#[inline]
pub(crate) fn round(x: f64) -> f64 {
    let t = x.trunc();
    if (x - t).abs() >= 0.5 {
        t + 1.0_f64.copysign(x)
    } else {
        t
    }
}

/// The logistic function `1 / (1 + e^-x)`.
#[inline]
pub(crate) fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-x))
}

/// The logit `ln(p / (1 - p))` of a probability in (0, 1).
#[inline]
pub(crate) fn logit(p: f64) -> f64 {
    libm::log(p / (1.0 - p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(samples: &[f64]) -> (f64, f64) {
        let n = samples.len() as f64;
        let mean = samples.iter().sum::<f64>() / n;
        let var = samples.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
        (mean, var)
    }

    #[test]
    fn normal_has_unit_moments() {
        let mut draws = Draws::new(7, Stream::Covariates);
        let samples: Vec<f64> = (0..200_000).map(|_| draws.normal()).collect();
        let (mean, var) = moments(&samples);
        // Reference: N(0, 1); tolerance ~5 standard errors (SE of mean 0.0022, of var 0.0032).
        assert!(mean.abs() < 0.012, "mean {mean}");
        assert!((var - 1.0).abs() < 0.016, "variance {var}");
    }

    #[test]
    fn gamma_matches_shape_moments() {
        let mut draws = Draws::new(11, Stream::Covariates);
        for shape in [0.5, 1.0, 2.5, 9.0] {
            let samples: Vec<f64> = (0..200_000).map(|_| draws.gamma(shape)).collect();
            let (mean, var) = moments(&samples);
            // Reference: Gamma(shape, 1) has mean = variance = shape; tolerance 3% relative
            // (about 6 standard errors of the mean at shape 0.5).
            assert!(
                (mean - shape).abs() < 0.03 * shape,
                "shape {shape}: mean {mean}"
            );
            assert!(
                (var - shape).abs() < 0.06 * shape,
                "shape {shape}: variance {var}"
            );
        }
    }

    #[test]
    fn weibull_inversion_has_the_analytic_median() {
        let mut draws = Draws::new(3, Stream::Outcomes);
        let (shape, scale) = (1.3, 500.0);
        let mut times: Vec<f64> = (0..100_001)
            .map(|_| weibull_ph_time(draws.exponential(), shape, scale, 0.0))
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[50_000];
        // Reference: Weibull median = scale * ln(2)^(1/shape) = 377.7 days; tolerance 1.5%.
        let expected = scale * libm::pow(core::f64::consts::LN_2, 1.0 / shape);
        assert!(
            (median - expected).abs() < 0.015 * expected,
            "median {median} vs {expected}"
        );
    }

    #[test]
    fn round_is_libm_round_bit_for_bit() {
        // Reference: libm 0.2 `round` (musl's algorithm), compared on the bits: the halfway
        // cases, the largest values with a fraction, signed zeros, infinities, subnormals,
        // then random magnitudes from 1e-3 to 1e17 and random bit patterns.
        let edges = [
            0.0,
            0.5,
            1.5,
            2.5,
            0.499_999_999_999_999_94,
            1.0 - f64::EPSILON / 2.0,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            9_007_199_254_740_993.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::INFINITY,
        ];
        let mut draws = Draws::new(5, Stream::Covariates);
        let scaled = (0..200_000).map(|_| {
            let magnitude = libm::pow(10.0, 20.0 * draws.uniform() - 3.0);
            // Values on a grid of tenths, as `round_to` sees them, and arbitrary ones.
            let x = magnitude * (draws.uniform() - 0.5);
            if draws.uniform() < 0.5 { x } else { x * 10.0 }
        });
        let mut bits = Draws::new(6, Stream::Covariates);
        let random_bits = (0..200_000).map(|_| f64::from_bits(bits.rng.next_u64()));
        for x in edges
            .into_iter()
            .flat_map(|x| [x, -x])
            .chain(scaled.collect::<Vec<_>>())
            .chain(random_bits)
            .filter(|x| !x.is_nan())
        {
            assert_eq!(round(x).to_bits(), libm::round(x).to_bits(), "round({x:e})");
        }
    }

    #[test]
    fn streams_are_independent_sequences() {
        let mut a = Draws::new(42, Stream::Covariates);
        let mut b = Draws::new(42, Stream::Missingness);
        let mut c = Draws::new(42, Stream::Covariates);
        let xa: Vec<f64> = (0..4).map(|_| a.uniform()).collect();
        let xb: Vec<f64> = (0..4).map(|_| b.uniform()).collect();
        let xc: Vec<f64> = (0..4).map(|_| c.uniform()).collect();
        assert_ne!(xa, xb);
        assert_eq!(xa, xc);
    }
}
