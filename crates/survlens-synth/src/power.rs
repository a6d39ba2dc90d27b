//! The power an oracle test has to detect a planted effect at a cohort's size.
//!
//! The oracle knows the truth: every other effect (it takes the true log-hazard as an
//! offset), the effect's exact shape (the true contribution of a marker, the true gates of
//! an interaction) and the entities (its Cox model is stratified by entity, which is how
//! the generator draws baselines). It sees the table a model sees: where a value is
//! missing (an untested gene, an unmeasured laboratory value) it does not know it. Its
//! test of a marker effect has the covariate `z`, the contribution where the value is
//! shown and the mean contribution of the patients without it elsewhere (and the marker's
//! missing indicator as a free main effect), while the truth is the contribution `c` on
//! the complete values with coefficient 1; its test of an interaction `coef * gate_a *
//! gate_b` has the covariates `gate_a`, `gate_b` on the shown values (0 where missing),
//! both missing indicators (free main effects, as any test of a product needs) and `z =
//! gate_a * gate_b` on the shown values, while the truth is `c`, the product on the complete
//! values, with coefficient `coef`. An interaction whose gates are partly hidden (a drug's
//! benefit in carriers of a gene that is not always tested) is detectable only as far as
//! the table shows it.
//!
//! The likelihood-ratio test of `z`'s coefficient is asymptotically non-central chi-square
//! with one degree of freedom and non-centrality `lambda = coef^2 I_zc^2 / I_zz`, with
//! `I_zz`, `I_zc` the efficient Fisher informations (what the free main effects leave of
//! them) of `z` and of `z` with `c` (`noncentrality_shown`; `coef^2 I_zz` when the table
//! shows everything, `z = c`), evaluated at the truth from the cohort's own risk sets
//! (Breslow):
//!
//! `I_full = sum over events of (S2 / S0 - S1 S1^T / S0^2)`, `S_k` the risk set's sums of
//! `w z^k` with `w = exp(true log-hazard)`, within the event's entity;
//! `I = I_gg - I_g,m I_m,m^-1 I_m,g` for the coefficient `g` and main effects `m`.
//!
//! The power at level `alpha` (two-sided) is `P(chi2_1(lambda) > z^2) = Phi(sqrt(lambda) -
//! z) + Phi(-sqrt(lambda) - z)` with `z = Phi^-1(1 - alpha / 2)`. The information grows in
//! proportion to the number of patients drawn the same way, so the power at another size
//! `n'` uses `lambda n' / n` ([`power_at`]). This is the best any method can do with the
//! markers the cohort has; a method sees only the observed values and has to find the
//! shape, so it does worse.

/// The level of the oracle test (two-sided).
pub const ORACLE_ALPHA: f64 = 0.05;

/// The normal quantile `Phi^-1(1 - 0.05 / 2)`.
const Z_ALPHA: f64 = 1.959_963_984_540_054;

/// A planted effect counts as detectable at a size when its oracle power there is at least
/// this.
pub const DETECTABLE_POWER: f64 = 0.8;

/// Power of the two-sided level-[`ORACLE_ALPHA`] test at non-centrality `lambda`.
pub fn power_of(lambda: f64) -> f64 {
    if !(lambda.is_finite() && lambda > 0.0) {
        return ORACLE_ALPHA;
    }
    let root = lambda.sqrt();
    (phi(root - Z_ALPHA) + phi(-root - Z_ALPHA)).clamp(0.0, 1.0)
}

/// The power at `n_to` patients of an effect whose non-centrality is `lambda` at `n_from`.
pub fn power_at(lambda: f64, n_from: usize, n_to: usize) -> f64 {
    if n_from == 0 {
        return ORACLE_ALPHA;
    }
    power_of(lambda * n_to as f64 / n_from as f64)
}

fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// The cohort's risk-set structure: patients by entity, then decreasing time.
pub(crate) struct RiskSets {
    /// Patient order.
    order: Vec<usize>,
    /// Start of each stratum in `order`, plus `n`.
    strata: Vec<usize>,
    times: Vec<f64>,
    events: Vec<bool>,
    /// `exp(true log-hazard)` per patient, scaled within each stratum by its largest.
    weight: Vec<f64>,
}

impl RiskSets {
    pub(crate) fn new(entity: &[u16], times: &[f64], events: &[bool], log_hazard: &[f64]) -> Self {
        let n = times.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&i, &j| {
            entity[i]
                .cmp(&entity[j])
                .then(times[j].total_cmp(&times[i]))
                .then(i.cmp(&j))
        });
        let mut strata = vec![0];
        for k in 1..n {
            if entity[order[k]] != entity[order[k - 1]] {
                strata.push(k);
            }
        }
        strata.push(n);
        let mut weight = vec![0.0; n];
        for w in strata.windows(2) {
            let members = &order[w[0]..w[1]];
            let top = members
                .iter()
                .map(|&i| log_hazard[i])
                .fold(f64::NEG_INFINITY, f64::max);
            for &i in members {
                weight[i] = libm::exp(log_hazard[i] - top);
            }
        }
        Self {
            order,
            strata,
            times: times.to_vec(),
            events: events.to_vec(),
            weight,
        }
    }

    /// The `p x p` Fisher information (row-major) of covariates `z(i)` (`p` values per
    /// patient) at the truth, Breslow's ties.
    pub(crate) fn information(&self, p: usize, z: impl Fn(usize, &mut [f64])) -> Vec<f64> {
        let mut info = vec![0.0; p * p];
        let mut zi = vec![0.0; p];
        let (mut s1, mut s2) = (vec![0.0; p], vec![0.0; p * p]);
        for w in self.strata.windows(2) {
            let members = &self.order[w[0]..w[1]];
            let mut s0 = 0.0;
            s1.fill(0.0);
            s2.fill(0.0);
            let mut k = 0;
            while k < members.len() {
                // A group of equal times: all enter the risk set before its events count.
                let t = self.times[members[k]];
                let mut end = k;
                let mut events = 0usize;
                while end < members.len() && self.times[members[end]] == t {
                    let i = members[end];
                    let wi = self.weight[i];
                    z(i, &mut zi);
                    s0 += wi;
                    for a in 0..p {
                        s1[a] += wi * zi[a];
                        for b in 0..=a {
                            s2[a * p + b] += wi * zi[a] * zi[b];
                        }
                    }
                    events += usize::from(self.events[i]);
                    end += 1;
                }
                if events > 0 && s0 > 0.0 {
                    let e = events as f64;
                    for a in 0..p {
                        for b in 0..=a {
                            info[a * p + b] += e * (s2[a * p + b] / s0 - s1[a] * s1[b] / (s0 * s0));
                        }
                    }
                }
                k = end;
            }
        }
        for a in 0..p {
            for b in 0..a {
                info[b * p + a] = info[a * p + b];
            }
        }
        info
    }
}

/// The non-centrality of the oracle's test of the second-to-last of `p` covariates (what
/// the table shows, `z`) when the truth is the last one (`c`, on the complete values) with
/// coefficient `coef`, the others free: `coef^2 I_zc^2 / I_zz`, the efficient informations
/// of the `(z, c)` block given the others. The expected score of `z` at the null is `coef
/// I_zc`, its variance `I_zz`. With `z = c` it is `coef^2 I_zz`; a `z` that shows `c`
/// only partly (a gene untested in some patients) gets less.
pub(crate) fn noncentrality_shown(info: &[f64], p: usize, coef: f64) -> f64 {
    if p < 2 {
        return 0.0;
    }
    let block = efficient_block(info, p, 2);
    let (zz, zc) = (block[0], block[1]);
    if zz <= 0.0 {
        return 0.0;
    }
    coef * coef * zc * zc / zz
}

/// The Schur complement of the last `k` of `p` covariates given the others (`k x k`,
/// row-major), by Gaussian elimination of the others; a covariate whose remaining
/// information vanishes is left out.
pub(crate) fn efficient_block(info: &[f64], p: usize, k: usize) -> Vec<f64> {
    let mut a = info.to_vec();
    let scale = (0..p).map(|i| a[i * p + i].abs()).fold(0.0f64, f64::max);
    let first = p.saturating_sub(k);
    for e in 0..first {
        let pivot = a[e * p + e];
        if pivot.abs() <= 1e-12 * scale.max(1e-300) {
            continue;
        }
        for r in e + 1..p {
            let f = a[r * p + e] / pivot;
            if f != 0.0 {
                for c in e..p {
                    a[r * p + c] -= f * a[e * p + c];
                }
            }
        }
    }
    (first..p)
        .flat_map(|r| (first..p).map(move |c| (r, c)))
        .map(|(r, c)| a[r * p + c])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_matches_the_normal_approximation() {
        // Non-centrality (1.96 + 0.8416)^2 = 7.849 gives 80% power (the textbook sample-size
        // rule); tolerance 1e-3 (the far tail term is 1e-8).
        let lambda = (1.959_964f64 + 0.841_621).powi(2);
        assert!((power_of(lambda) - 0.8).abs() < 1e-3);
        assert!((power_of(0.0) - ORACLE_ALPHA).abs() < 1e-12);
        assert!((power_at(lambda, 100, 400) - power_of(4.0 * lambda)).abs() < 1e-15);
    }

    #[test]
    fn information_of_a_binary_covariate_without_ties() {
        // Three patients in one stratum, all with events at times 3, 2, 1 and weight 1;
        // z = 1, 0, 1 (by decreasing time). Risk sets: {t3}: var 0; {t3, t2}: p = 1/2,
        // var 1/4; {all}: p = 2/3, var 2/9. Total 1/4 + 2/9 = 17/36.
        let sets = RiskSets::new(&[0, 0, 0], &[3.0, 2.0, 1.0], &[true; 3], &[0.0; 3]);
        let z = [1.0, 0.0, 1.0];
        let info = sets.information(1, |i, out| out[0] = z[i]);
        assert!((info[0] - 17.0 / 36.0).abs() < 1e-15);
    }

    #[test]
    fn the_schur_complement_of_two_covariates_by_hand() {
        // [[4, 2], [2, 3]]: 3 - 2 * 2 / 4 = 2.
        assert!((efficient_block(&[4.0, 2.0, 2.0, 3.0], 2, 1)[0] - 2.0).abs() < 1e-15);
        // A covariate without information (a missing indicator of a marker never missing)
        // is left out: the last keeps its own information.
        assert!((efficient_block(&[0.0, 0.0, 0.0, 3.0], 2, 1)[0] - 3.0).abs() < 1e-15);
        let info = [
            4.0, 0.0, 2.0, //
            0.0, 0.0, 0.0, //
            2.0, 0.0, 3.0,
        ];
        assert!((efficient_block(&info, 3, 1)[0] - 2.0).abs() < 1e-15);
    }

    #[test]
    fn a_covariate_that_shows_the_truth_partly_gets_a_smaller_noncentrality() {
        // Block [[I_zz, I_zc], [I_zc, I_cc]] = [[2, 1], [1, 2]] without nuisance: coef^2 *
        // 1 / 2; with z = c (I_zc = I_zz = 2): coef^2 * 2.
        assert!((noncentrality_shown(&[2.0, 1.0, 1.0, 2.0], 2, 3.0) - 4.5).abs() < 1e-12);
        assert!((noncentrality_shown(&[2.0, 2.0, 2.0, 2.0], 2, 3.0) - 18.0).abs() < 1e-12);
        // A nuisance covariate uncorrelated with both leaves the block as it is.
        let info = [
            5.0, 0.0, 0.0, //
            0.0, 2.0, 1.0, //
            0.0, 1.0, 2.0,
        ];
        assert!((noncentrality_shown(&info, 3, 3.0) - 4.5).abs() < 1e-12);
    }

    #[test]
    fn the_schur_complement_removes_what_main_effects_explain() {
        // A product identical to a main effect carries no information of its own.
        let info = [2.0, 0.5, 2.0, 0.5, 1.0, 0.5, 2.0, 0.5, 2.0];
        assert!(efficient_block(&info, 3, 1)[0].abs() < 1e-12);
        // An uncorrelated product keeps its own information.
        let info = [2.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 3.0];
        assert!((efficient_block(&info, 3, 1)[0] - 3.0).abs() < 1e-15);
    }
}
