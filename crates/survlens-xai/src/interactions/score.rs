//! Screening pairs on the outcomes of the network's own training patients: an approximate
//! score test of each pair's product given the network's risk.
//!
//! The network screen ([`super::screen`]) finds the pairs the network couples. A network
//! fitted by early stopping learns an interaction of two rare markers (a targeted drug and
//! its target, given to 2% of a cohort) only weakly, if at all: measured on the synthetic
//! pan-cancer cohort, a network fitted to a planted effect of `-0.9` on such a pair, and
//! one fitted to `-2.7`, both changed the risk of the pair's carriers by less than 0.03
//! beyond the two markers' own effects. The outcomes of the patients the network trained on
//! still carry the interaction, so the search screens there too, never on the patients it
//! will test on: which pairs are tested stays independent of the outcomes that test them.
//!
//! **Statistic.** With each training patient's network log-risk `f_i` as an offset and a
//! baseline hazard per stratum (the entity; Breslow), the martingale residuals are `M_i =
//! d_i - Lambda_i`, `Lambda_i = H0_s(t_i) exp(f_i)`. For a pair, `z = u_a u_b` (the markers
//! on their test scales, [`super::confirm`]) is residualised on `1, u_a, u_b, u_a^2, u_b^2`
//! by least squares, so main effects of the two markers the network got a little wrong do
//! not read as a product; the statistic is `(sum_i z_i M_i)^2 / sum_i (z_i - zbar_s)^2
//! Lambda_i`, the score test of a covariate `z` with the variance approximated by its
//! predictable variation within strata (`zbar_s` the `Lambda`-weighted mean of `z` in the
//! patient's stratum: between entities a product carries no information). A
//! pair with fewer than [`MIN_CELL_EVENTS`] events in one of its four cells (both markers
//! low, one high, both high) scores 0: its statistic is far from chi-square and its product
//! could not be estimated on held-out patients. It only ranks pairs; the p-values come from
//! the test on held-out outcomes.

#[cfg(test)]
use super::confirm::MarkerScale;
use super::confirm::{MIN_CELL_EVENTS, OutcomeData, cell_events, scale_values, solve_symmetric};
use crate::XaiError;

/// One pair and its score statistic.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoredPair {
    /// First marker (smaller index).
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// The approximate score chi-square of the residualised product (dimensionless); 0
    /// when a cell of the pair has fewer than [`MIN_CELL_EVENTS`] events.
    pub chi2: f64,
    /// The sign of the score: +1 when the product goes with more events than the risk
    /// predicts (a hazard ratio of the product above 1), -1 with fewer, 0 with no score.
    pub direction: i8,
}

/// Martingale residuals `M_i` and cumulative hazards `Lambda_i` of the rows under the
/// offset-only model, stratified (Breslow baseline per stratum).
fn residuals(data: &OutcomeData<'_>, rows: &[usize], risk: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let k = rows.len();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| {
        let (i, j) = (rows[x], rows[y]);
        data.strata[i]
            .cmp(&data.strata[j])
            .then(data.times[i].total_cmp(&data.times[j]))
            .then(x.cmp(&y))
    });
    let mut lambda = vec![0.0f64; k];
    let mut martingale = vec![0.0f64; k];
    let mut start = 0;
    while start < k {
        let stratum = data.strata[rows[order[start]]];
        let mut end = start;
        while end < k && data.strata[rows[order[end]]] == stratum {
            end += 1;
        }
        let members = &order[start..end];
        let top = members
            .iter()
            .map(|&x| risk[x])
            .fold(f64::NEG_INFINITY, f64::max);
        let w: Vec<f64> = members.iter().map(|&x| (risk[x] - top).exp()).collect();
        // Risk-set sums from the latest time down, then the baseline hazard increments at
        // each event time, accumulated upwards.
        let mut s0 = vec![0.0f64; members.len()];
        let mut running = 0.0;
        for p in (0..members.len()).rev() {
            running += w[p];
            s0[p] = running;
        }
        let mut h0 = 0.0f64;
        let mut p = 0;
        while p < members.len() {
            let t = data.times[rows[members[p]]];
            let mut q = p;
            let mut deaths = 0usize;
            while q < members.len() && data.times[rows[members[q]]] == t {
                deaths += usize::from(data.events[rows[members[q]]]);
                q += 1;
            }
            if deaths > 0 && s0[p] > 0.0 {
                h0 += deaths as f64 / s0[p];
            }
            for r in p..q {
                let x = members[r];
                lambda[x] = h0 * w[r];
                martingale[x] = f64::from(u8::from(data.events[rows[x]])) - lambda[x];
            }
            p = q;
        }
        start = end;
    }
    (martingale, lambda)
}

/// The score screen, resumable: [`ScoreScreen::new`] computes the residuals and the
/// markers' scales; each [`ScoreScreen::step`] scores the pairs of a few markers with the
/// later ones; [`ScoreScreen::finish`] ranks. Stepping to the end gives [`score_pairs`].
#[derive(Clone, Debug)]
pub struct ScoreScreen {
    candidates: Vec<usize>,
    scales: Vec<Vec<f64>>,
    martingale: Vec<f64>,
    lambda: Vec<f64>,
    /// Event of each row.
    events: Vec<bool>,
    /// Dense stratum of each row (`0..n_strata`).
    stratum: Vec<usize>,
    n_strata: usize,
    next: usize,
    per_step: usize,
    out: Vec<ScoredPair>,
}

impl ScoreScreen {
    /// Prepares the screen of the pairs among `candidates` on the patients `rows` with
    /// network log-risk `risk`; a step scores about `pairs_per_step` pairs.
    ///
    /// # Errors
    /// As [`score_pairs`].
    pub fn new(
        data: &OutcomeData<'_>,
        rows: &[usize],
        risk: &[f64],
        candidates: &[usize],
        pairs_per_step: usize,
    ) -> Result<Self, XaiError> {
        data.check()?;
        let (n, m) = (data.n_patients(), data.n_markers());
        if risk.len() != rows.len() {
            return Err(XaiError::Shape {
                what: "screening risks",
                expected: rows.len(),
                found: risk.len(),
            });
        }
        if let Some(&row) = rows.iter().find(|&&i| i >= n) {
            return Err(XaiError::PatientOutOfRange {
                what: "score screen",
                row,
                n_patients: n,
            });
        }
        if let Some(&marker) = candidates.iter().find(|&&j| j >= m) {
            return Err(XaiError::MarkerOutOfRange {
                what: "score screen",
                marker,
                n_markers: m,
            });
        }
        let (martingale, lambda) = residuals(data, rows, risk);
        let mut ids: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
        let stratum: Vec<usize> = rows
            .iter()
            .map(|&i| {
                let next = ids.len();
                *ids.entry(data.strata[i]).or_insert(next)
            })
            .collect();
        let n_strata = ids.len();
        let scales = candidates
            .iter()
            .map(|&j| scale_values(data, j, rows))
            .collect();
        let c = candidates.len();
        Ok(Self {
            candidates: candidates.to_vec(),
            scales,
            martingale,
            lambda,
            events: rows.iter().map(|&i| data.events[i]).collect(),
            stratum,
            n_strata,
            next: 0,
            per_step: pairs_per_step.max(1),
            out: Vec::with_capacity(c * c.saturating_sub(1) / 2),
        })
    }

    /// Steps in all.
    pub fn n_steps(&self) -> usize {
        let c = self.candidates.len();
        (c * c.saturating_sub(1) / 2).div_ceil(self.per_step).max(1)
    }

    /// Whether every pair is scored.
    pub fn is_finished(&self) -> bool {
        self.next + 1 >= self.candidates.len()
    }

    /// Scores the pairs of the next markers with every later marker. Returns whether steps
    /// remain.
    pub fn step(&mut self) -> bool {
        let c = self.candidates.len();
        let mut done = 0;
        while self.next + 1 < c && done < self.per_step {
            let i = self.next;
            for j in i + 1..c {
                let (ua, ub) = (&self.scales[i], &self.scales[j]);
                let cells = cell_events(ua, ub, &self.events);
                let (chi2, direction) = if cells.iter().all(|&e| e >= MIN_CELL_EVENTS) {
                    pair_statistic(
                        ua,
                        ub,
                        &self.martingale,
                        &self.lambda,
                        (&self.stratum, self.n_strata),
                    )
                } else {
                    (0.0, 0)
                };
                self.out.push(ScoredPair {
                    a: self.candidates[i],
                    b: self.candidates[j],
                    chi2,
                    direction,
                });
            }
            done += c - i - 1;
            self.next += 1;
        }
        !self.is_finished()
    }

    /// Runs the steps left and ranks the pairs, strongest first (ties by `(a, b)`).
    pub fn finish(mut self) -> Vec<ScoredPair> {
        while self.step() {}
        self.out
            .sort_by(|l, r| r.chi2.total_cmp(&l.chi2).then((l.a, l.b).cmp(&(r.a, r.b))));
        self.out
    }
}

/// Scores every pair among `candidates` on the patients `rows` with network log-risk
/// `risk` (same order as `rows`), strongest first (ties by `(a, b)`).
///
/// # Errors
/// [`XaiError::Shape`] when `risk` and `rows` differ in length, and the shape errors of
/// [`OutcomeData::check`]; [`XaiError::MarkerOutOfRange`] / [`XaiError::PatientOutOfRange`]
/// for bad indices.
pub fn score_pairs(
    data: &OutcomeData<'_>,
    rows: &[usize],
    risk: &[f64],
    candidates: &[usize],
) -> Result<Vec<ScoredPair>, XaiError> {
    Ok(ScoreScreen::new(data, rows, risk, candidates, usize::MAX)?.finish())
}

/// `(sum z M)^2 / sum z^2 Lambda` for the product residualised on `1, u_a, u_b, u_a^2,
/// u_b^2` (the squares, so that the product of two correlated markers does not stand in
/// for the curvature of either), with the sign of `sum z M`; `(0, 0)` when the residual has
/// no variation.
pub(crate) fn pair_statistic(
    ua: &[f64],
    ub: &[f64],
    martingale: &[f64],
    lambda: &[f64],
    (stratum, n_strata): (&[usize], usize),
) -> (f64, i8) {
    // Normal equations of z = u_a u_b on the five regressors.
    let mut g = [0.0f64; 25];
    let mut rhs = [0.0f64; 5];
    for (&a, &b) in ua.iter().zip(ub) {
        let x = [1.0, a, b, a * a, b * b];
        let z = a * b;
        for r in 0..5 {
            rhs[r] += x[r] * z;
            for c in r..5 {
                g[r * 5 + c] += x[r] * x[c];
            }
        }
    }
    for r in 0..5 {
        for c in 0..r {
            g[r * 5 + c] = g[c * 5 + r];
        }
    }
    let c = solve_symmetric(g.to_vec(), rhs.to_vec(), 5);
    let residual =
        |a: f64, b: f64| a * b - (c[0] + c[1] * a + c[2] * b + c[3] * a * a + c[4] * b * b);
    // The variance is taken within strata (each stratum's Lambda-weighted mean removed): a
    // product that differs between entities carries no information against baselines of
    // their own, and would only inflate the variance.
    let (mut sum, mut weight) = (vec![0.0f64; n_strata], vec![0.0f64; n_strata]);
    for (((&a, &b), &li), &s) in ua.iter().zip(ub).zip(lambda).zip(stratum) {
        sum[s] += residual(a, b) * li;
        weight[s] += li;
    }
    let (mut u, mut v) = (0.0, 0.0);
    for ((((&a, &b), &mi), &li), &s) in ua.iter().zip(ub).zip(martingale).zip(lambda).zip(stratum) {
        let r = residual(a, b);
        let centred = r - if weight[s] > 0.0 {
            sum[s] / weight[s]
        } else {
            0.0
        };
        u += r * mi;
        v += centred * centred * li;
    }
    if v > 1e-12 && u != 0.0 {
        (u * u / v, if u > 0.0 { 1 } else { -1 })
    } else {
        (0.0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn martingale_residuals_sum_to_zero_in_each_stratum() {
        // Breslow martingale residuals of a model with its baseline estimated sum to zero
        // within each stratum (each event's mass 1 is spread over its risk set).
        let times = [1.0, 2.0, 2.0, 3.0, 5.0, 1.0, 4.0, 4.0];
        let events = [true, true, false, true, false, true, true, false];
        let strata = [0, 0, 0, 0, 0, 1, 1, 1];
        let values = [0.0f32; 8];
        let scales = [MarkerScale::Binary];
        let data = OutcomeData {
            times: &times,
            events: &events,
            strata: &strata,
            values: &values,
            scales: &scales,
        };
        let rows: Vec<usize> = (0..8).collect();
        let risk = [0.1, -0.3, 0.5, 0.0, 0.2, -0.1, 0.4, 0.3];
        let (m, l) = residuals(&data, &rows, &risk);
        let sum = |range: std::ops::Range<usize>| range.map(|i| m[i]).sum::<f64>();
        assert!(sum(0..5).abs() < 1e-12 && sum(5..8).abs() < 1e-12);
        assert!(l.iter().all(|&x| x >= 0.0));
    }

    /// The score's sign is the sign of the planted product's log hazard ratio: a product
    /// that raises the hazard scores +1, one that lowers it -1, in a cohort drawn with
    /// exponential times of rate `exp(gamma a b)` for two binary markers (and a third
    /// marker with no effect).
    #[test]
    fn the_scores_direction_is_the_sign_of_the_planted_product() {
        use rand::{Rng, SeedableRng};
        let n = 4000;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        // Uniform draws in (0, 1].
        let mut uniform = move || 1.0 - rng.random::<f64>();
        for gamma in [0.8, -0.8] {
            let mut values = Vec::with_capacity(3 * n);
            let mut times = Vec::with_capacity(n);
            for _ in 0..n {
                let [a, b, c] = [(); 3].map(|()| f32::from(uniform() < 0.5));
                values.extend([a, b, c]);
                let rate = (gamma * f64::from(a * b)).exp();
                times.push(-uniform().ln() / rate);
            }
            let events = vec![true; n];
            let strata = vec![0u32; n];
            let scales = [MarkerScale::Binary; 3];
            let data = OutcomeData {
                times: &times,
                events: &events,
                strata: &strata,
                values: &values,
                scales: &scales,
            };
            let rows: Vec<usize> = (0..n).collect();
            let scored = score_pairs(&data, &rows, &vec![0.0; n], &[0, 1, 2]).unwrap();
            let pair = |a, b| scored.iter().find(|p| (p.a, p.b) == (a, b)).unwrap();
            let planted = pair(0, 1);
            assert_eq!(
                scored[0], *planted,
                "the planted pair ranks first: {scored:?}"
            );
            assert_eq!(
                i8::try_from(gamma.signum() as i32).unwrap(),
                planted.direction
            );
            assert!(planted.chi2 > 10.0, "{planted:?}");
        }
    }

    #[test]
    fn a_product_explained_by_main_effects_scores_zero() {
        // Binary a and b with u_b = 1 - u_a: the product is identically 0.
        let ua = [1.0, 0.0, 1.0, 0.0];
        let ub = [0.0, 1.0, 0.0, 1.0];
        let s = pair_statistic(
            &ua,
            &ub,
            &[0.5, -0.5, 0.2, -0.2],
            &[1.0; 4],
            (&[0, 0, 0, 0], 1),
        );
        assert_eq!(s, (0.0, 0));
    }
}
