//! SurvSHAP(t) (Krzyziński et al., Knowledge-Based Systems 2023): each player's Shapley
//! value of the function `x -> S(t | x)` at every time of a grid, where
//! `S(t | x) = exp(-H0(t) exp(c f(x)))` is the Cox network's predicted survival with the
//! caller's baseline cumulative hazard `H0`, calibration slope `c` and log-risk `f`.
//!
//! **The game.** A coalition `S` of players is worth the mean over a background sample of
//! patients `z_1..z_B` of `S(t | x_S, z_b,rest)`: the explained patient's inputs for the
//! players in `S`, each background patient's own inputs for the others (the interventional
//! value function survshap uses). A player is a group of inputs (`player_of`): a marker's
//! one-hot levels, its missing indicator and its mirror input join and leave together, so
//! a marker is one player. Shapley values at each `t` are efficient:
//! `sum_j phi_j(t) = S(t | x) - mean_b S(t | z_b)`.
//!
//! **One pass for every time.** `S(t | .)` is a monotone transform of `f` that differs
//! only by `H0(t)`, so a coalition's network outputs `f(x_S, z_b,rest)` (one per
//! background patient) are computed once and transformed for every `t` of the grid: the
//! cost of a whole curve is that of one time. The network is the expensive part; the
//! transform is `B x T` exponentials per coalition.
//!
//! **Two ways to enumerate coalitions.**
//! - [`survshap_exact`]: every one of the `2^m` coalitions with the Shapley weights
//!   `|S|! (m - |S| - 1)! / m!`, through any batched log-risk predictor; `m <=`
//!   [`EXACT_MAX_PLAYERS`].
//! - [`survshap_permutations`]: the mean over orderings of each player's marginal
//!   contribution when it joins the players before it (Castro et al. 2009), on a
//!   [`CoxNet`]: random orderings from a `ChaCha8Rng` of the caller's seed, each followed by
//!   its reverse (antithetic pairs), or every ordering of up to [`ALL_ORDERINGS_MAX_PLAYERS`]
//!   players (the exact values). Each walk adds one player at a time to every background
//!   row, so only the first layer's pre-activations of the inputs that player changes are
//!   updated (a rank-`k` update in float64) before the remaining layers run; a walk over
//!   349 markers costs about as much as 349 background rows through the whole network.
//!   Every ordering's contributions telescope to `v(all) - v(none)`, so the estimates are
//!   efficient whatever their number.
//!
//! **Reference.** survshap 0.4.2 (PyPI), `PredictSurvSHAP(calculation_method="kernel")`
//! with every coalition enumerated (its exact Kernel SHAP, the empty and full coalitions
//! weighted 1e9) and `calculation_method="sampling", exact=True` (every ordering), on a
//! network of 5 inputs and 4 hidden ReLU units with a Breslow baseline
//! (tools/references/survshap_fixtures.py, tests/fixtures/reference/xai_survshap.json):
//! both of survlens' ways agree with both of survshap's within 1e-6 at every time
//! (`tests/survshap_reference.rs`).

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use survlens_model::CoxNet;

use crate::XaiError;

/// Most players [`survshap_exact`] enumerates (`2^16` coalitions).
pub const EXACT_MAX_PLAYERS: usize = 16;

/// Most players whose every ordering [`Orderings::All`] walks (`8! = 40,320`).
pub const ALL_ORDERINGS_MAX_PLAYERS: usize = 8;

/// What is explained: one patient against a background sample, at a grid of times.
#[derive(Clone, Copy, Debug)]
pub struct SurvShapProblem<'a> {
    /// The patient's encoded inputs, `n_inputs`.
    pub x: &'a [f32],
    /// Background patients' encoded inputs, `n_background x n_inputs` row-major.
    pub background: &'a [f32],
    /// The player of every input (`n_inputs`), each `< n_players`.
    pub player_of: &'a [usize],
    /// Number of players; a player without inputs gets 0.
    pub n_players: usize,
    /// The baseline cumulative hazard `H0(t)` at every time of the grid, each `>= 0`.
    pub cumulative_hazard: &'a [f64],
    /// The calibration slope `c` of the baseline: survival is `exp(-H0(t) exp(c f(x)))`
    /// (1 for a baseline without recalibration).
    pub slope: f64,
}

/// How [`survshap_permutations`] orders the players.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orderings {
    /// `pairs` random orderings, each followed by its reverse, from a `ChaCha8Rng` seeded
    /// with `seed`.
    Sampled {
        /// Antithetic pairs of orderings, `>= 1`.
        pairs: usize,
        /// Seed of the orderings: the same seed gives the same values.
        seed: u64,
    },
    /// Every ordering: the exact Shapley values, for up to [`ALL_ORDERINGS_MAX_PLAYERS`].
    All,
}

/// SurvSHAP(t) of one patient.
#[derive(Clone, Debug, PartialEq)]
pub struct SurvShap {
    /// Number of players.
    pub n_players: usize,
    /// Number of times.
    pub n_times: usize,
    /// `phi_j(t)`, `n_players x n_times` row-major, in survival probability.
    pub phi: Vec<f64>,
    /// The patient's predicted survival `S(t | x)` at every time.
    pub survival: Vec<f64>,
    /// The background's mean predicted survival `mean_b S(t | z_b)` at every time.
    pub reference: Vec<f64>,
    /// The patient's log-risk `f(x)`.
    pub log_risk: f64,
    /// Network rows evaluated (one per coalition and background patient).
    pub evaluations: usize,
    /// Orderings walked (0 for [`survshap_exact`]).
    pub orderings: usize,
}

impl SurvShap {
    /// Player `j`'s values over the time grid.
    pub fn player(&self, j: usize) -> &[f64] {
        self.phi
            .get(j * self.n_times..(j + 1) * self.n_times)
            .unwrap_or_default()
    }

    /// Largest `|sum_j phi_j(t) - (S(t | x) - reference(t))|` over the grid.
    pub fn efficiency_gap(&self) -> f64 {
        (0..self.n_times)
            .map(|t| {
                let sum: f64 = (0..self.n_players)
                    .map(|j| self.phi[j * self.n_times + t])
                    .sum();
                (sum - (self.survival[t] - self.reference[t])).abs()
            })
            .fold(0.0, f64::max)
    }
}

impl SurvShapProblem<'_> {
    fn check(&self, n_inputs: usize) -> Result<usize, XaiError> {
        if self.x.len() != n_inputs {
            return Err(XaiError::Shape {
                what: "patient inputs",
                expected: n_inputs,
                found: self.x.len(),
            });
        }
        if self.player_of.len() != n_inputs {
            return Err(XaiError::Shape {
                what: "player of every input",
                expected: n_inputs,
                found: self.player_of.len(),
            });
        }
        if let Some((input, &group)) = self
            .player_of
            .iter()
            .enumerate()
            .find(|&(_, &g)| g >= self.n_players)
        {
            return Err(XaiError::GroupOutOfRange {
                column: input,
                group,
                n_groups: self.n_players,
            });
        }
        if n_inputs == 0
            || self.background.is_empty()
            || !self.background.len().is_multiple_of(n_inputs)
        {
            return Err(XaiError::Shape {
                what: "background inputs",
                expected: n_inputs * (self.background.len() / n_inputs.max(1)).max(1),
                found: self.background.len(),
            });
        }
        for (k, &v) in self.x.iter().chain(self.background).enumerate() {
            if !v.is_finite() {
                return Err(XaiError::NonFiniteInput {
                    patient: k / n_inputs,
                    input: k % n_inputs,
                    value: v,
                });
            }
        }
        if let Some(&h) = self
            .cumulative_hazard
            .iter()
            .find(|h| !(h.is_finite() && **h >= 0.0))
        {
            return Err(XaiError::InvalidSetting {
                setting: "cumulative hazard",
                value: h,
                requirement: "a finite number of at least 0",
            });
        }
        if !self.slope.is_finite() {
            return Err(XaiError::InvalidSetting {
                setting: "calibration slope",
                value: self.slope,
                requirement: "a finite number",
            });
        }
        Ok(self.background.len() / n_inputs)
    }

    /// Mean over the background of `exp(-H0(t) exp(f_b))`, added to `out` with `sign`.
    fn value_into(&self, risks: &[f64], sign: f64, out: &mut [f64]) {
        let n = risks.len().max(1) as f64;
        let ratios: Vec<f64> = risks.iter().map(|r| (self.slope * r).exp()).collect();
        for (o, &h) in out.iter_mut().zip(self.cumulative_hazard) {
            let mean = ratios.iter().map(|e| (-h * e).exp()).sum::<f64>() / n;
            *o += sign * mean;
        }
    }

    fn survival_of(&self, log_risk: f64) -> Vec<f64> {
        let e = (self.slope * log_risk).exp();
        self.cumulative_hazard
            .iter()
            .map(|h| (-h * e).exp())
            .collect()
    }
}

/// Exact SurvSHAP(t) by enumerating every coalition, through `predict` (batched encoded
/// rows, `n x n_inputs`, to `n` log-risks).
///
/// # Errors
/// [`XaiError::TooManyInputs`] for more than [`EXACT_MAX_PLAYERS`] players; shape, group
/// and finiteness errors of the problem; whatever `predict` returns.
pub fn survshap_exact<P>(
    predict: &mut P,
    n_inputs: usize,
    problem: &SurvShapProblem<'_>,
) -> Result<SurvShap, XaiError>
where
    P: FnMut(&[f32], usize) -> Result<Vec<f32>, XaiError>,
{
    let n_background = problem.check(n_inputs)?;
    let m = problem.n_players;
    if m > EXACT_MAX_PLAYERS {
        return Err(XaiError::TooManyInputs {
            n_inputs: m,
            limit: EXACT_MAX_PLAYERS,
        });
    }
    let n_times = problem.cumulative_hazard.len();
    let n_coalitions = 1usize << m;
    let factorial = |k: usize| (1..=k).map(|v| v as f64).product::<f64>();
    let weight: Vec<f64> = (0..m.max(1))
        .map(|s| factorial(s) * factorial(m.saturating_sub(s + 1)) / factorial(m))
        .collect();
    // v[mask][t]
    let mut value = vec![0.0f64; n_coalitions * n_times];
    let mut rows = vec![0.0f32; n_background * n_inputs];
    let mut evaluations = 0;
    for mask in 0..n_coalitions {
        for (b, row) in rows.chunks_exact_mut(n_inputs).enumerate() {
            let z = &problem.background[b * n_inputs..(b + 1) * n_inputs];
            for (i, v) in row.iter_mut().enumerate() {
                *v = if mask >> problem.player_of[i] & 1 == 1 {
                    problem.x[i]
                } else {
                    z[i]
                };
            }
        }
        let risks = predict(&rows, n_background)?;
        if risks.len() != n_background {
            return Err(XaiError::Shape {
                what: "predicted log-risks",
                expected: n_background,
                found: risks.len(),
            });
        }
        evaluations += n_background;
        let risks: Vec<f64> = risks.iter().map(|&r| f64::from(r)).collect();
        problem.value_into(
            &risks,
            1.0,
            &mut value[mask * n_times..(mask + 1) * n_times],
        );
    }
    let mut phi = vec![0.0f64; m * n_times];
    for j in 0..m {
        let bit = 1usize << j;
        let out = &mut phi[j * n_times..(j + 1) * n_times];
        for mask in (0..n_coalitions).filter(|s| s & bit == 0) {
            let w = weight[mask.count_ones() as usize];
            for (t, o) in out.iter_mut().enumerate() {
                *o += w * (value[(mask | bit) * n_times + t] - value[mask * n_times + t]);
            }
        }
    }
    let log_risk = predict(problem.x, 1)?
        .first()
        .map_or(f64::NAN, |&r| f64::from(r));
    Ok(SurvShap {
        n_players: m,
        n_times,
        phi,
        survival: problem.survival_of(log_risk),
        reference: value[..n_times].to_vec(),
        log_risk,
        evaluations: evaluations + 1,
        orderings: 0,
    })
}

/// The network in float64 with its first layer transposed, for walks that add one player
/// at a time.
struct Walker {
    /// First layer's weights, `n_inputs x n_hidden` (transposed).
    first_t: Vec<f64>,
    first_bias: Vec<f64>,
    /// The remaining layers: (`n_out x n_in` weights, biases, n_in, n_out).
    rest: Vec<(Vec<f64>, Vec<f64>, usize, usize)>,
    n_hidden: usize,
}

impl Walker {
    fn new(net: &CoxNet) -> Self {
        let layers = net.layers();
        let first = &layers[0];
        let (n_in, n_hidden) = (first.n_in(), first.n_out());
        let w = first.weight();
        let mut first_t = vec![0.0f64; n_in * n_hidden];
        for o in 0..n_hidden {
            for i in 0..n_in {
                first_t[i * n_hidden + o] = f64::from(w[o * n_in + i]);
            }
        }
        Self {
            first_t,
            first_bias: first.bias().iter().map(|&b| f64::from(b)).collect(),
            rest: layers[1..]
                .iter()
                .map(|l| {
                    (
                        l.weight().iter().map(|&v| f64::from(v)).collect(),
                        l.bias().iter().map(|&v| f64::from(v)).collect(),
                        l.n_in(),
                        l.n_out(),
                    )
                })
                .collect(),
            n_hidden,
        }
    }

    /// First layer's pre-activations of `x`.
    fn first(&self, x: &[f32]) -> Vec<f64> {
        let mut h = self.first_bias.clone();
        for (i, &v) in x.iter().enumerate() {
            if v != 0.0 {
                self.add_input(&mut h, i, f64::from(v));
            }
        }
        h
    }

    fn add_input(&self, h: &mut [f64], i: usize, delta: f64) {
        let column = &self.first_t[i * self.n_hidden..(i + 1) * self.n_hidden];
        for (a, &w) in h.iter_mut().zip(column) {
            *a += w * delta;
        }
    }

    /// The log-risk from the first layer's pre-activations.
    fn output(&self, pre: &[f64]) -> f64 {
        if self.rest.is_empty() {
            return pre.first().copied().unwrap_or(f64::NAN);
        }
        let mut a: Vec<f64> = pre.iter().map(|&v| v.max(0.0)).collect();
        let last = self.rest.len() - 1;
        for (l, (w, b, n_in, n_out)) in self.rest.iter().enumerate() {
            let mut y = b.clone();
            for (o, yo) in y.iter_mut().enumerate().take(*n_out) {
                *yo += w[o * n_in..(o + 1) * n_in]
                    .iter()
                    .zip(&a)
                    .map(|(w, x)| w * x)
                    .sum::<f64>();
            }
            if l < last {
                y.iter_mut().for_each(|v| *v = v.max(0.0));
            }
            a = y;
        }
        a.first().copied().unwrap_or(f64::NAN)
    }
}

/// SurvSHAP(t) on `net` by walking orderings of the players (see the module's
/// documentation).
///
/// # Errors
/// [`XaiError::InvalidSetting`] for no pairs of orderings; [`XaiError::TooManyInputs`]
/// for [`Orderings::All`] with more than [`ALL_ORDERINGS_MAX_PLAYERS`] players; shape,
/// group and finiteness errors of the problem.
pub fn survshap_permutations(
    net: &CoxNet,
    problem: &SurvShapProblem<'_>,
    orderings: Orderings,
) -> Result<SurvShap, XaiError> {
    let n_inputs = net.n_inputs();
    let n_background = problem.check(n_inputs)?;
    let m = problem.n_players;
    let n_times = problem.cumulative_hazard.len();
    let walker = Walker::new(net);
    let mut inputs_of: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (i, &j) in problem.player_of.iter().enumerate() {
        inputs_of[j].push(i);
    }
    let orders: Vec<Vec<usize>> = match orderings {
        Orderings::Sampled { pairs: 0, .. } => {
            return Err(XaiError::InvalidSetting {
                setting: "pairs of orderings",
                value: 0.0,
                requirement: "at least 1",
            });
        }
        Orderings::Sampled { pairs, seed } => {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut orders = Vec::with_capacity(2 * pairs);
            for _ in 0..pairs {
                let mut order: Vec<usize> = (0..m).collect();
                order.shuffle(&mut rng);
                let reversed = order.iter().rev().copied().collect();
                orders.push(order);
                orders.push(reversed);
            }
            orders
        }
        Orderings::All if m > ALL_ORDERINGS_MAX_PLAYERS => {
            return Err(XaiError::TooManyInputs {
                n_inputs: m,
                limit: ALL_ORDERINGS_MAX_PLAYERS,
            });
        }
        Orderings::All => all_orderings(m),
    };
    let start: Vec<Vec<f64>> = problem
        .background
        .chunks_exact(n_inputs)
        .map(|z| walker.first(z))
        .collect();
    let start_risks: Vec<f64> = start.iter().map(|h| walker.output(h)).collect();
    let mut reference = vec![0.0f64; n_times];
    problem.value_into(&start_risks, 1.0, &mut reference);
    let log_risk = walker.output(&walker.first(problem.x));
    let mut phi = vec![0.0f64; m * n_times];
    let mut evaluations = n_background + 1;
    let mut risks = vec![0.0f64; n_background];
    let mut before = vec![0.0f64; n_times];
    let mut after = vec![0.0f64; n_times];
    for order in &orders {
        let mut state = start.clone();
        before.copy_from_slice(&reference);
        for &j in order {
            let inputs = &inputs_of[j];
            let mut changed = false;
            for (b, h) in state.iter_mut().enumerate() {
                let z = &problem.background[b * n_inputs..(b + 1) * n_inputs];
                for &i in inputs {
                    let delta = f64::from(problem.x[i]) - f64::from(z[i]);
                    if delta != 0.0 {
                        walker.add_input(h, i, delta);
                        changed = true;
                    }
                }
            }
            if !changed {
                // The player's inputs equal every background patient's: no coalition
                // changes, its marginal contribution is exactly 0.
                continue;
            }
            for (r, h) in risks.iter_mut().zip(&state) {
                *r = walker.output(h);
            }
            evaluations += n_background;
            after.iter_mut().for_each(|v| *v = 0.0);
            problem.value_into(&risks, 1.0, &mut after);
            let out = &mut phi[j * n_times..(j + 1) * n_times];
            for ((o, a), b) in out.iter_mut().zip(&after).zip(&before) {
                *o += a - b;
            }
            before.copy_from_slice(&after);
        }
    }
    let count = orders.len().max(1) as f64;
    phi.iter_mut().for_each(|v| *v /= count);
    Ok(SurvShap {
        n_players: m,
        n_times,
        phi,
        survival: problem.survival_of(log_risk),
        reference,
        log_risk,
        evaluations,
        orderings: orders.len(),
    })
}

/// Every ordering of `0..m` (Heap's algorithm).
fn all_orderings(m: usize) -> Vec<Vec<usize>> {
    let mut a: Vec<usize> = (0..m).collect();
    let mut out = vec![a.clone()];
    let mut c = vec![0usize; m];
    let mut i = 0;
    while i < m {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            out.push(a.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn every_ordering_once() {
        for m in 0..6 {
            let mut all = all_orderings(m);
            let n = all.len();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), n);
            assert_eq!(n, (1..=m).product::<usize>().max(1));
        }
    }
}
