//! Screening marker pairs in the network: Friedman's H statistic from double differences
//! with references drawn from real patients of the same entity.
//!
//! For a patient `x`, a reference patient `r` and markers `a`, `b` (all their encoded
//! inputs: value, missing indicator, one-hot levels, mirror), the **double difference**
//!
//! `I = f(x) - f(x with a from r) - f(x with b from r) + f(x with a and b from r)`
//!
//! is exactly zero for a network additive in `a` and `b` (`f = g(a, rest) + h(b, rest)`),
//! whatever `x` and `r`. The pair's **strength** is `mean I^2` over the screened patients
//! divided by the variance of the log-risk `f` over them: Friedman and Popescu's `H^2`
//! ("Predictive learning via rule ensembles", Ann. Appl. Stat. 2008, section 8.1) with the
//! partial-dependence functions estimated from one reference per patient. It is not the
//! signed mean of `I`: with references drawn from the same population as the patients, `E
//! I = 0` for every function, interacting or not, because swapping the roles of `x` and `r`
//! flips the sign.
//!
//! **References.** Each screened patient gets one reference, drawn uniformly (seeded) from
//! the other screening patients of the same stratum (the cancer entity), so `x with a from
//! r` combines values that occur together in that entity; a patient alone in its stratum
//! draws from all. `I = 0` whenever `a` or `b` takes the same encoded values in `x` and `r`
//! (two patients without the same rare drug), which keeps rare markers cheap.
//!
//! **Missing values are not values.** A marker moves from `r` only when its value is
//! observed in both patients, or missing in both (then nothing moves): moving a missing
//! value in would make a patient with one gene of a sequencing panel "unsequenced" and the
//! rest sequenced, a patient that never occurs, and the network's answer there says nothing.
//! Markers that share their missingness (a panel's genes) would otherwise couple through
//! their missing indicators alone.
//!
//! **Weight of a pair.** `mean I^2` over all patients grows with how often both markers
//! differ between patient and reference and with the size of the non-additivity when they
//! do: a strong coupling of two rare markers and a weak coupling of two common ones can have
//! the same strength. That is the right order for a screen whose survivors are tested on
//! outcomes: a likelihood-ratio test's non-centrality grows the same way (effect squared
//! times the number of patients exposed).
//!
//! **Candidates.** Natively every pair of markers is screened. Where time is short (the
//! page), only pairs among the `C` markers with the largest **total interaction** are:
//! `mean (f(x) - f(x with a from r) - f(r with a from x) + f(r))^2 / var f`, the double
//! difference between `a` and all other markers together (Friedman and Popescu's `H_j^2`),
//! which bounds what any pair with `a` can contribute (the search's outcome screen still
//! scores every pair). Markers listed as excluded (the entity, which is the stratum of the
//! outcome test) are never paired.
//!
//! **Computation.** For a network with one hidden ReLU layer, `f(x) = v . relu(z) + c`
//! with `z = W x + b`; moving marker `a` to `r`'s values adds `D_a = sum_{c in a} W[:, c]
//! (r_c - x_c)` to `z`. Each patient's `z` and each moved marker's `D_a` are computed once,
//! so a pair costs `O(hidden units)`: `I = sum_h v_h ((g0_h - ga_h) - (gb_h - relu(z_h +
//! D_a,h + D_b,h)))` with `g0 = relu(z)`, `ga = relu(z + D_a)`. Grouped per unit this way,
//! a unit that sees neither `a` nor `b` contributes exactly zero in floating point too, so an
//! additive network screens to exactly zero. Deeper networks run their upper layers on the
//! four hidden vectors of each pair (the same double difference, to float32 rounding).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{CoxNet, Dense};

use super::couplings::stratified_sample;
use crate::XaiError;
use crate::grouping::Grouping;

/// Default number of screened patients (a stratified sample of the screening rows).
pub const DEFAULT_SCREEN_PATIENTS: usize = 2_000;

/// Default seed of the screening sample and of the references.
pub const DEFAULT_SCREEN_SEED: u64 = 0x05C2_EE11_2026;

/// Patients per [`PairScreen::step`]: a few tenths of a second in the page's worker with
/// the page's candidate count.
pub const SCREEN_CHUNK: usize = 32;

/// Settings of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScreenSettings {
    /// Largest number of screened patients, `>= 2`: a sample of the screening rows
    /// stratified by entity ([`stratified_sample`]); fewer rows are all screened.
    pub max_patients: usize,
    /// Markers whose pairs are screened: `None`, every marker; `Some(c)`, the `c >= 2`
    /// markers with the largest total interaction.
    pub candidates: Option<usize>,
    /// Seed of the sample and the references.
    pub seed: u64,
}

impl Default for ScreenSettings {
    fn default() -> Self {
        Self {
            max_patients: DEFAULT_SCREEN_PATIENTS,
            candidates: None,
            seed: DEFAULT_SCREEN_SEED,
        }
    }
}

/// The cohort a screen reads: encoded inputs, how they group into markers, which input is
/// each marker's missing indicator, and each patient's stratum.
///
/// # Shapes
/// `n` patients, `d` inputs, `m` markers: `x`: `n x d` row-major; `to_marker` groups `d`
/// inputs into `m` markers; `missing_indicator`: `m` (the input that is 1 where the
/// marker's value is missing, when it has one); `strata`: `n`.
#[derive(Clone, Copy, Debug)]
pub struct ScreenData<'a> {
    /// Encoded inputs.
    pub x: &'a [f32],
    /// Input -> marker.
    pub to_marker: &'a Grouping,
    /// Each marker's missing indicator input, if any.
    pub missing_indicator: &'a [Option<usize>],
    /// Each patient's stratum (the entity).
    pub strata: &'a [u32],
}

impl ScreenData<'_> {
    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.strata.len()
    }
}

/// One screened pair `a < b` (unordered).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScreenedPair {
    /// The first marker (smaller index).
    pub a: usize,
    /// The second marker.
    pub b: usize,
    /// `H^2`: `mean I^2 / var f` over the screened patients (dimensionless, `>= 0`).
    pub strength: f64,
    /// `sqrt(mean I^2)`, the typical size of the double difference (log-risk units).
    pub rms_interaction: f64,
    /// Screened patients in whom both markers differed from their reference.
    pub patients: usize,
}

/// What the screen found on one network.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScreenResult {
    /// Screened patients.
    pub patients: usize,
    /// Variance of the log-risk over them (log-risk squared).
    pub risk_variance: f64,
    /// Each marker's total interaction `H_j^2` (0 for excluded markers); computed only when
    /// the candidates were limited, else empty.
    pub total_interaction: Vec<f64>,
    /// The markers whose pairs were screened, in increasing index.
    pub candidates: Vec<usize>,
    /// Every screened pair, by decreasing strength (ties by `(a, b)`).
    pub pairs: Vec<ScreenedPair>,
}

/// The network split into its first layer (transposed, one row of hidden units per input)
/// and what comes after it.
#[derive(Clone, Debug)]
struct Split {
    /// `d x h`: row `c` holds the first layer's weights of input `c`.
    weights_t: Vec<f32>,
    /// `h` biases of the first layer.
    bias: Vec<f32>,
    head: Head,
}

#[derive(Clone, Debug)]
enum Head {
    /// The network is linear (no hidden layer): every double difference is zero.
    None,
    /// One hidden layer: `f = v . relu(z) + c`.
    Linear { v: Vec<f32>, c: f32 },
    /// Upper layers after the first hidden one (ReLU between, linear output).
    Deep(Vec<Dense>),
}

impl Split {
    fn new(network: &CoxNet) -> Self {
        let layers = network.layers();
        let first = &layers[0];
        let (d, h) = (first.n_in(), first.n_out());
        let head = match &layers[1..] {
            [] => Head::None,
            [out] => Head::Linear {
                v: out.weight().to_vec(),
                c: out.bias()[0],
            },
            rest => Head::Deep(rest.to_vec()),
        };
        let mut weights_t = vec![0.0f32; d * h];
        for (unit, row) in first.weight().chunks_exact(d).enumerate() {
            for (c, &w) in row.iter().enumerate() {
                weights_t[c * h + unit] = w;
            }
        }
        Self {
            weights_t,
            bias: first.bias().to_vec(),
            head,
        }
    }

    fn width(&self) -> usize {
        self.bias.len()
    }

    /// `z = W x + b` into `z`.
    fn pre_activation(&self, x: &[f32], z: &mut [f32]) {
        let h = self.width();
        z.copy_from_slice(&self.bias);
        for (&xc, row) in x.iter().zip(self.weights_t.chunks_exact(h)) {
            if xc != 0.0 {
                z.iter_mut().zip(row).for_each(|(zi, &w)| *zi += w * xc);
            }
        }
    }
}

/// The network's value on first-layer activations `g` (no ReLU applied to the output).
fn head_value(head: &Head, g: &[f32], scratch: &mut Vec<Vec<f32>>) -> f32 {
    match head {
        Head::None => g.first().copied().unwrap_or(0.0),
        Head::Linear { v, c } => dot(v, g) + c,
        Head::Deep(layers) => {
            scratch.resize(layers.len() + 1, Vec::new());
            scratch[0].clear();
            scratch[0].extend_from_slice(g);
            let last = layers.len() - 1;
            for (l, layer) in layers.iter().enumerate() {
                let (done, rest) = scratch.split_at_mut(l + 1);
                let out = &mut rest[0];
                out.resize(layer.n_out(), 0.0);
                layer.forward(&done[l], 1, out);
                if l < last {
                    out.iter_mut().for_each(|v| *v = v.max(0.0));
                }
            }
            scratch[layers.len()].first().copied().unwrap_or(0.0)
        }
    }
}

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight partial sums: vectorisable, and the order is fixed (same result everywhere).
    let mut acc = [0.0f32; 8];
    let chunks = a.len() / 8;
    for k in 0..chunks {
        for l in 0..8 {
            acc[l] += a[8 * k + l] * b[8 * k + l];
        }
    }
    let mut sum = acc.iter().sum::<f32>();
    for k in 8 * chunks..a.len() {
        sum += a[k] * b[k];
    }
    sum
}

#[inline]
fn relu(v: f32) -> f32 {
    if v > 0.0 { v } else { 0.0 }
}

/// Sums of one pair over the screened patients.
#[derive(Clone, Copy, Debug, Default)]
struct PairSums {
    squares: f64,
    patients: usize,
}

/// The screen of one network, resumable: [`PairScreen::new`] samples the patients and draws
/// their references; each [`PairScreen::step`] screens [`SCREEN_CHUNK`] patients (first,
/// when the candidates are limited, for every marker's total interaction, then for the
/// pairs); [`PairScreen::finish`] runs what is left. Stepping to the end gives the same
/// result as [`screen_pairs`], bit for bit.
#[derive(Clone, Debug)]
pub struct PairScreen {
    split: Split,
    /// Encoded inputs of marker `j`.
    members: Vec<Vec<usize>>,
    /// Missing indicator input of marker `j`.
    indicator: Vec<Option<usize>>,
    /// Markers never paired.
    excluded: Vec<bool>,
    d: usize,
    /// Sampled patients' inputs, `s x d`.
    x: Vec<f32>,
    /// Their references' inputs, `s x d`.
    r: Vec<f32>,
    s: usize,
    /// Log-risk of each sampled patient.
    risk: Vec<f64>,
    /// Per marker sum of the total double difference squared (phase 1).
    totals: Vec<f64>,
    /// Whether phase 1 (totals) is needed.
    limit: Option<usize>,
    next_total: usize,
    candidates: Vec<usize>,
    sums: Vec<PairSums>,
    next_pair: usize,
}

impl PairScreen {
    /// Samples at most `settings.max_patients` of the screening `rows` (stratified by the
    /// data's strata), draws each one's reference from the other sampled patients of its
    /// stratum, and computes their log-risk.
    ///
    /// # Shapes
    /// As [`ScreenData`]; `rows`: indices into `0..n`; `excluded`: marker indices.
    ///
    /// # Errors
    /// [`XaiError::Shape`] for mismatched lengths, [`XaiError::PatientOutOfRange`] and
    /// [`XaiError::MarkerOutOfRange`] for bad indices, [`XaiError::NonFiniteInput`] for a
    /// NaN or infinite input of a screened patient, and [`XaiError::InvalidSetting`] for
    /// fewer than two screening rows, fewer than two markers to pair, or settings out of
    /// range.
    pub fn new(
        network: &CoxNet,
        data: &ScreenData<'_>,
        rows: &[usize],
        excluded: &[usize],
        settings: ScreenSettings,
    ) -> Result<Self, XaiError> {
        let ScreenData {
            x,
            to_marker,
            missing_indicator,
            strata,
        } = *data;
        let n = data.n_patients();
        let d = network.n_inputs();
        let m = to_marker.n_groups();
        for (what, expected, found) in [
            ("input matrix", n.saturating_mul(d), x.len()),
            ("input-to-marker map", d, to_marker.n_columns()),
            ("missing indicators", m, missing_indicator.len()),
        ] {
            if expected != found {
                return Err(XaiError::Shape {
                    what,
                    expected,
                    found,
                });
            }
        }
        if let Some(&row) = rows.iter().find(|&&row| row >= n) {
            return Err(XaiError::PatientOutOfRange {
                what: "screening rows",
                row,
                n_patients: n,
            });
        }
        if let Some(&marker) = excluded.iter().find(|&&j| j >= m) {
            return Err(XaiError::MarkerOutOfRange {
                what: "markers excluded from the screen",
                marker,
                n_markers: m,
            });
        }
        if let Some(&Some(c)) = missing_indicator.iter().find(|c| c.is_some_and(|c| c >= d)) {
            return Err(XaiError::GroupOutOfRange {
                column: c,
                group: c,
                n_groups: d,
            });
        }
        if settings.max_patients < 2 || rows.len() < 2 {
            return Err(XaiError::InvalidSetting {
                setting: "patients screened for interactions",
                value: settings.max_patients.min(rows.len()) as f64,
                requirement: "at least 2",
            });
        }
        let mut is_excluded = vec![false; m];
        excluded.iter().for_each(|&j| is_excluded[j] = true);
        let pairable = is_excluded.iter().filter(|e| !**e).count();
        if pairable < 2 {
            return Err(XaiError::InvalidSetting {
                setting: "markers screened for interactions",
                value: pairable as f64,
                requirement: "at least 2 besides the excluded ones",
            });
        }
        if let Some(c) = settings.candidates
            && c < 2
        {
            return Err(XaiError::InvalidSetting {
                setting: "candidate markers of the screen",
                value: c as f64,
                requirement: "at least 2",
            });
        }
        let members: Vec<Vec<usize>> = (0..m).map(|j| to_marker.members(j).collect()).collect();

        // The sample, stratified by entity, then one reference per patient from the other
        // sampled patients of its stratum.
        let pool_strata: Vec<u32> = rows.iter().map(|&p| strata[p]).collect();
        let sample: Vec<usize> =
            stratified_sample(&pool_strata, settings.max_patients, settings.seed)
                .into_iter()
                .map(|k| rows[k])
                .collect();
        let s = sample.len();
        let mut by_stratum: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for (k, &p) in sample.iter().enumerate() {
            by_stratum.entry(strata[p]).or_default().push(k);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed ^ 0x0EF0_2E4C_E5ED);
        let references: Vec<usize> = sample
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let same = by_stratum.get(&strata[p]).map_or(&[][..], Vec::as_slice);
                if same.len() >= 2 {
                    // Uniform over the others: draw among len - 1 and skip oneself.
                    let pick = rng.random_range(0..same.len() - 1);
                    let j = same[pick];
                    if j >= k { same[pick + 1] } else { j }
                } else {
                    let pick = rng.random_range(0..s - 1);
                    if pick >= k { pick + 1 } else { pick }
                }
            })
            .map(|k| sample[k])
            .collect();
        let gather = |which: &[usize]| -> Result<Vec<f32>, XaiError> {
            let mut out = Vec::with_capacity(which.len() * d);
            for (k, &p) in which.iter().enumerate() {
                let row = &x[p * d..(p + 1) * d];
                if let Some(c) = row.iter().position(|v| !v.is_finite()) {
                    return Err(XaiError::NonFiniteInput {
                        patient: p,
                        input: c,
                        value: row[c],
                    });
                }
                let _ = k;
                out.extend_from_slice(row);
            }
            Ok(out)
        };
        let xs = gather(&sample)?;
        let rs = gather(&references)?;
        let split = Split::new(network);
        let risk = network.predict(&xs, s).into_iter().map(f64::from).collect();
        let limit = settings.candidates.filter(|&c| c < pairable);
        let mut screen = Self {
            split,
            members,
            indicator: missing_indicator.to_vec(),
            excluded: is_excluded,

            d,
            x: xs,
            r: rs,
            s,
            risk,
            totals: vec![0.0; m],
            limit,
            next_total: 0,
            candidates: Vec::new(),
            sums: Vec::new(),
            next_pair: 0,
        };
        if limit.is_none() {
            screen.start_pairs((0..m).filter(|&j| !screen.excluded[j]).collect());
        }
        Ok(screen)
    }

    fn start_pairs(&mut self, candidates: Vec<usize>) {
        let c = candidates.len();
        self.sums = vec![PairSums::default(); c * c.saturating_sub(1) / 2];
        self.candidates = candidates;
    }

    /// Screened patients.
    pub fn n_patients(&self) -> usize {
        self.s
    }

    /// Steps in all: chunks of [`SCREEN_CHUNK`] patients, twice when the candidates are
    /// limited (totals, then pairs).
    pub fn n_steps(&self) -> usize {
        let chunks = self.s.div_ceil(SCREEN_CHUNK);
        if self.limit.is_some() {
            2 * chunks
        } else {
            chunks
        }
    }

    /// Steps done.
    pub fn steps_done(&self) -> usize {
        let chunks = |done: usize| done.div_ceil(SCREEN_CHUNK);
        match self.limit {
            Some(_) => chunks(self.next_total) + chunks(self.next_pair),
            None => chunks(self.next_pair),
        }
    }

    /// Fraction of the steps done, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        self.steps_done() as f64 / self.n_steps().max(1) as f64
    }

    /// Whether every patient has been screened for the pairs.
    pub fn is_finished(&self) -> bool {
        !self.candidates.is_empty() && self.next_pair >= self.s
    }

    /// Screens the next chunk of patients. Returns whether steps remain.
    ///
    /// # Errors
    /// None in practice (the inputs were checked); the signature leaves room for the
    /// explainer's errors.
    pub fn step(&mut self) -> Result<bool, XaiError> {
        if let Some(limit) = self.limit
            && self.candidates.is_empty()
        {
            let end = (self.next_total + SCREEN_CHUNK).min(self.s);
            for k in self.next_total..end {
                self.patient_totals(k);
            }
            self.next_total = end;
            if end == self.s {
                let mut order: Vec<usize> = (0..self.totals.len())
                    .filter(|&j| !self.excluded[j])
                    .collect();
                order.sort_by(|&i, &j| self.totals[j].total_cmp(&self.totals[i]).then(i.cmp(&j)));
                order.truncate(limit);
                order.sort_unstable();
                self.start_pairs(order);
            }
            return Ok(true);
        }
        let end = (self.next_pair + SCREEN_CHUNK).min(self.s);
        let mut work = Workspace::default();
        for k in self.next_pair..end {
            self.patient_pairs(k, &mut work);
        }
        self.next_pair = end;
        Ok(!self.is_finished())
    }

    /// Runs the steps left and ranks the pairs.
    ///
    /// # Errors
    /// As [`PairScreen::step`].
    pub fn finish(mut self) -> Result<ScreenResult, XaiError> {
        while self.step()? {}
        let s = self.s as f64;
        let mean = self.risk.iter().sum::<f64>() / s;
        let variance = self
            .risk
            .iter()
            .map(|r| (r - mean) * (r - mean))
            .sum::<f64>()
            / s;
        let scale = if variance > 0.0 { 1.0 / variance } else { 0.0 };
        let c = self.candidates.len();
        let mut pairs = Vec::with_capacity(self.sums.len());
        let mut idx = 0;
        for i in 0..c {
            for j in i + 1..c {
                let sums = self.sums[idx];
                idx += 1;
                let mean_square = sums.squares / s;
                pairs.push(ScreenedPair {
                    a: self.candidates[i],
                    b: self.candidates[j],
                    strength: mean_square * scale,
                    rms_interaction: mean_square.sqrt(),
                    patients: sums.patients,
                });
            }
        }
        pairs.sort_by(|l, r| {
            r.strength
                .total_cmp(&l.strength)
                .then((l.a, l.b).cmp(&(r.a, r.b)))
        });
        let total_interaction = if self.limit.is_some() {
            self.totals.iter().map(|t| t / s * scale).collect()
        } else {
            Vec::new()
        };
        Ok(ScreenResult {
            patients: self.s,
            risk_variance: variance,
            total_interaction,
            candidates: self.candidates,
            pairs,
        })
    }

    /// `D_j` of patient `k` (moving marker `j` to the reference) into `delta`; `false` when
    /// the marker has the same encoded values in both.
    fn delta(&self, k: usize, j: usize, delta: &mut [f32]) -> bool {
        let (d, h) = (self.d, self.split.width());
        let (x, r) = (&self.x[k * d..(k + 1) * d], &self.r[k * d..(k + 1) * d]);
        delta.fill(0.0);
        // Observed in one patient, missing in the other: not moved (see the module docs).
        if let Some(c) = self.indicator[j]
            && x[c] != r[c]
        {
            return false;
        }
        let mut moved = false;
        for &c in &self.members[j] {
            let step = r[c] - x[c];
            if step != 0.0 {
                moved = true;
                let row = &self.split.weights_t[c * h..(c + 1) * h];
                delta.iter_mut().zip(row).for_each(|(t, &w)| *t += w * step);
            }
        }
        moved
    }

    /// Adds patient `k`'s total double difference of every marker to the totals.
    fn patient_totals(&mut self, k: usize) {
        let (d, h) = (self.d, self.split.width());
        if matches!(self.split.head, Head::None) {
            return;
        }
        let mut z0 = vec![0.0f32; h];
        let mut zr = vec![0.0f32; h];
        self.split
            .pre_activation(&self.x[k * d..(k + 1) * d], &mut z0);
        self.split
            .pre_activation(&self.r[k * d..(k + 1) * d], &mut zr);
        let g0: Vec<f32> = z0.iter().map(|&v| relu(v)).collect();
        let gr: Vec<f32> = zr.iter().map(|&v| relu(v)).collect();
        let mut delta = vec![0.0f32; h];
        let mut ga = vec![0.0f32; h];
        let mut gra = vec![0.0f32; h];
        let mut scratch = Vec::new();
        for j in 0..self.members.len() {
            if self.excluded[j] || !self.delta(k, j, &mut delta) {
                continue;
            }
            for u in 0..h {
                ga[u] = relu(z0[u] + delta[u]);
                gra[u] = relu(zr[u] - delta[u]);
            }
            let i = match &self.split.head {
                Head::Linear { v, .. } => {
                    let mut sum = 0.0f32;
                    for u in 0..h {
                        sum += v[u] * ((g0[u] - ga[u]) - (gra[u] - gr[u]));
                    }
                    sum
                }
                head => {
                    head_value(head, &g0, &mut scratch)
                        - head_value(head, &ga, &mut scratch)
                        - head_value(head, &gra, &mut scratch)
                        + head_value(head, &gr, &mut scratch)
                }
            };
            self.totals[j] += f64::from(i) * f64::from(i);
        }
    }

    /// Adds patient `k`'s double differences of every candidate pair to the sums.
    fn patient_pairs(&mut self, k: usize, work: &mut Workspace) {
        let (d, h) = (self.d, self.split.width());
        if matches!(self.split.head, Head::None) {
            return;
        }
        let c = self.candidates.len();
        work.z0.resize(h, 0.0);
        self.split
            .pre_activation(&self.x[k * d..(k + 1) * d], &mut work.z0);
        work.g0.clear();
        work.g0.extend(work.z0.iter().map(|&v| relu(v)));
        // Per moved candidate: D, z + D, g0 - relu(z + D), relu(z + D).
        work.moved.clear();
        work.delta.resize(c * h, 0.0);
        work.za.resize(c * h, 0.0);
        work.da.resize(c * h, 0.0);
        work.ga.resize(c * h, 0.0);
        let mut delta = vec![0.0f32; h];
        for (pos, &j) in self.candidates.iter().enumerate() {
            if !self.delta(k, j, &mut delta) {
                continue;
            }
            let slot = work.moved.len();
            let range = slot * h..(slot + 1) * h;
            work.delta[range.clone()].copy_from_slice(&delta);
            for (u, &du) in delta.iter().enumerate() {
                let za = work.z0[u] + du;
                let ga = relu(za);
                work.za[slot * h + u] = za;
                work.ga[slot * h + u] = ga;
                work.da[slot * h + u] = work.g0[u] - ga;
            }
            work.moved.push(pos);
        }
        let moved = work.moved.len();
        let f0 = match &self.split.head {
            Head::Deep(_) => head_value(&self.split.head, &work.g0, &mut work.scratch),
            _ => 0.0,
        };
        let mut f_single = Vec::new();
        if let Head::Deep(_) = &self.split.head {
            for slot in 0..moved {
                let ga = work.ga[slot * h..(slot + 1) * h].to_vec();
                f_single.push(head_value(&self.split.head, &ga, &mut work.scratch));
            }
        }
        let mut gab = vec![0.0f32; h];
        for s1 in 0..moved {
            let i = work.moved[s1];
            let row_start = i * c - i * (i + 1) / 2;
            let za = &work.za[s1 * h..(s1 + 1) * h];
            let da = &work.da[s1 * h..(s1 + 1) * h];
            for s2 in s1 + 1..moved {
                let j = work.moved[s2];
                let db = &work.delta[s2 * h..(s2 + 1) * h];
                let value = match &self.split.head {
                    Head::Linear { v, .. } => {
                        let gb = &work.ga[s2 * h..(s2 + 1) * h];
                        pair_linear(v, za, da, db, gb)
                    }
                    head => {
                        for u in 0..h {
                            gab[u] = relu(za[u] + db[u]);
                        }
                        f0 - f_single[s1] - f_single[s2] + head_value(head, &gab, &mut work.scratch)
                    }
                };
                let sums = &mut self.sums[row_start + (j - i - 1)];
                sums.squares += f64::from(value) * f64::from(value);
                sums.patients += 1;
            }
        }
    }
}

/// A network's own double differences on a set of patients, pair by pair: what the
/// network says two markers do together beyond what each does alone, for each patient
/// against one reference patient of the same stratum. The outcome test subtracts it from
/// the network's risk, so that the offset is additive in the pair and the test asks whether
/// the outcomes show the product, not whether they show more of it than the network learnt.
///
/// `f(x) - I(x, r) = f(x with a from r) + f(x with b from r) - f(x with a and b from r)`,
/// additive in `a` and `b` for any `r`. References follow the screen's rules: drawn
/// (seeded) from the reference pool's patients of the same stratum (all of it when the
/// stratum has none), a marker moving only when observed in both or missing in both.
#[derive(Clone, Debug)]
pub struct NetworkInteraction {
    split: Split,
    members: Vec<Vec<usize>>,
    indicator: Vec<Option<usize>>,
    d: usize,
    /// The patients (rows of the cohort).
    rows: Vec<usize>,
    /// Their references (rows of the cohort).
    references: Vec<usize>,
    /// The patients' first-layer pre-activations, `s x h`.
    z: Vec<f32>,
}

impl NetworkInteraction {
    /// Prepares the double differences of `network` for the patients `rows`, each with a
    /// reference drawn from `pool` (same stratum) with `seed`.
    ///
    /// # Errors
    /// [`XaiError::Shape`] for mismatched lengths, [`XaiError::PatientOutOfRange`] for bad
    /// rows, [`XaiError::InvalidSetting`] for an empty pool.
    pub fn new(
        network: &CoxNet,
        data: &ScreenData<'_>,
        rows: &[usize],
        pool: &[usize],
        seed: u64,
    ) -> Result<Self, XaiError> {
        let n = data.n_patients();
        let d = network.n_inputs();
        let m = data.to_marker.n_groups();
        for (what, expected, found) in [
            ("input matrix", n.saturating_mul(d), data.x.len()),
            ("input-to-marker map", d, data.to_marker.n_columns()),
            ("missing indicators", m, data.missing_indicator.len()),
        ] {
            if expected != found {
                return Err(XaiError::Shape {
                    what,
                    expected,
                    found,
                });
            }
        }
        if let Some(&row) = rows.iter().chain(pool).find(|&&row| row >= n) {
            return Err(XaiError::PatientOutOfRange {
                what: "patients of the network's double differences",
                row,
                n_patients: n,
            });
        }
        if pool.is_empty() {
            return Err(XaiError::InvalidSetting {
                setting: "reference patients of the network's double differences",
                value: 0.0,
                requirement: "at least 1",
            });
        }
        let mut by_stratum: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for &p in pool {
            by_stratum.entry(data.strata[p]).or_default().push(p);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0EF0_2E4C_E5ED);
        let references: Vec<usize> = rows
            .iter()
            .map(|&p| {
                let same = by_stratum.get(&data.strata[p]).map_or(pool, Vec::as_slice);
                same[rng.random_range(0..same.len())]
            })
            .collect();
        let split = Split::new(network);
        let h = split.width();
        let mut z = vec![0.0f32; rows.len() * h];
        for (&p, zk) in rows.iter().zip(z.chunks_exact_mut(h.max(1))) {
            split.pre_activation(&data.x[p * d..(p + 1) * d], zk);
        }
        Ok(Self {
            members: (0..m)
                .map(|j| data.to_marker.members(j).collect())
                .collect(),
            indicator: data.missing_indicator.to_vec(),
            d,
            rows: rows.to_vec(),
            references,
            z,
            split,
        })
    }

    /// Patients.
    pub fn n_patients(&self) -> usize {
        self.rows.len()
    }

    /// `D_j` of patient `k` into `delta`; `false` when nothing moves.
    fn delta(&self, x_all: &[f32], k: usize, j: usize, delta: &mut [f32]) -> bool {
        let (d, h) = (self.d, self.split.width());
        let (p, q) = (self.rows[k], self.references[k]);
        let (Some(x), Some(r)) = (x_all.get(p * d..(p + 1) * d), x_all.get(q * d..(q + 1) * d))
        else {
            return false;
        };
        delta.fill(0.0);
        if let Some(c) = self.indicator.get(j).copied().flatten()
            && x[c] != r[c]
        {
            return false;
        }
        let mut moved = false;
        for &c in self.members.get(j).map_or(&[][..], Vec::as_slice) {
            let step = r[c] - x[c];
            if step != 0.0 {
                moved = true;
                let row = &self.split.weights_t[c * h..(c + 1) * h];
                delta.iter_mut().zip(row).for_each(|(t, &w)| *t += w * step);
            }
        }
        moved
    }

    /// The double difference `I` of markers `a` and `b` for every patient (log-risk); 0 for a
    /// patient where either marker does not move. `x_all` is the cohort's input matrix the
    /// double differences were prepared on.
    pub fn of_pair(&self, x_all: &[f32], a: usize, b: usize) -> Vec<f64> {
        let h = self.split.width();
        let (mut da, mut db) = (vec![0.0f32; h], vec![0.0f32; h]);
        let mut scratch = Vec::new();
        let mut buffers = [
            vec![0.0f32; h],
            vec![0.0f32; h],
            vec![0.0f32; h],
            vec![0.0f32; h],
        ];
        (0..self.n_patients())
            .map(|k| {
                if matches!(self.split.head, Head::None)
                    || !self.delta(x_all, k, a, &mut da)
                    || !self.delta(x_all, k, b, &mut db)
                {
                    return 0.0;
                }
                let z = &self.z[k * h..(k + 1) * h];
                let [g0, ga, gb, gab] = &mut buffers;
                for u in 0..h {
                    g0[u] = relu(z[u]);
                    ga[u] = relu(z[u] + da[u]);
                    gb[u] = relu(z[u] + db[u]);
                    gab[u] = relu(z[u] + da[u] + db[u]);
                }
                let value = match &self.split.head {
                    Head::Linear { v, .. } => {
                        let mut sum = 0.0f32;
                        for u in 0..h {
                            sum += v[u] * ((g0[u] - ga[u]) - (gb[u] - gab[u]));
                        }
                        sum
                    }
                    head => {
                        head_value(head, g0, &mut scratch)
                            - head_value(head, ga, &mut scratch)
                            - head_value(head, gb, &mut scratch)
                            + head_value(head, gab, &mut scratch)
                    }
                };
                f64::from(value)
            })
            .collect()
    }
}

/// `sum_h v_h (da_h - (gb_h - relu(za_h + db_h)))` with eight partial sums.
#[inline]
fn pair_linear(v: &[f32], za: &[f32], da: &[f32], db: &[f32], gb: &[f32]) -> f32 {
    let h = v.len();
    let mut acc = [0.0f32; 8];
    let chunks = h / 8;
    for k in 0..chunks {
        for (l, partial) in acc.iter_mut().enumerate() {
            let u = 8 * k + l;
            let gab = relu(za[u] + db[u]);
            *partial += v[u] * (da[u] - (gb[u] - gab));
        }
    }
    let mut sum = acc.iter().sum::<f32>();
    for u in 8 * chunks..h {
        let gab = relu(za[u] + db[u]);
        sum += v[u] * (da[u] - (gb[u] - gab));
    }
    sum
}

/// Buffers reused across the patients of a step.
#[derive(Debug, Default)]
struct Workspace {
    z0: Vec<f32>,
    g0: Vec<f32>,
    moved: Vec<usize>,
    delta: Vec<f32>,
    za: Vec<f32>,
    da: Vec<f32>,
    ga: Vec<f32>,
    scratch: Vec<Vec<f32>>,
}

/// The whole screen in one go ([`PairScreen`] step by step).
///
/// # Shapes and errors
/// As [`PairScreen::new`].
pub fn screen_pairs(
    network: &CoxNet,
    data: &ScreenData<'_>,
    rows: &[usize],
    excluded: &[usize],
    settings: ScreenSettings,
) -> Result<ScreenResult, XaiError> {
    PairScreen::new(network, data, rows, excluded, settings)?.finish()
}
