//! Network couplings, not tested against outcomes: two descriptions of how the network's
//! attribution to one marker depends on another. Neither asks whether the disease has an
//! interaction; the default method, which does, is in [`super::screen`] and
//! [`super::confirm`]. Both are kept because they show how the network uses its inputs:
//!
//! - [`model_interactions`] (the *relevance change*): how much marker `a`'s relevance
//!   changes when marker `b` is set to a reference value, against the network's own
//!   background of changes; [`ModelInteractionSearch`] runs it one moved marker at a time;
//! - [`statistical_interactions`] (the *relevance split*): whether `a`'s relevance differs
//!   between patients with `b` high and `b` low (Mann-Whitney U, Benjamini-Hochberg).
//!
//! Both return ordered pairs `(a, b)`, `a != b` ("how `b` shapes `a`'s relevance") ranked
//! strongest first, with the number of pairs whose coupling stands out under each method's
//! rule. Measured on an additive cohort (no interaction in the truth), both flag dozens of
//! pairs: a dense network couples almost every pair a little, and correlated markers make
//! relevances depend on each other's values. These counts describe the network, never the
//! disease.
//!
//! # Relevance change: effect, null hypothesis and decision rule
//!
//! **Effect.** For patient `p`, `delta_p(a, b) = R_pa(x_p with b at the reference) -
//! R_pa(x_p)`: all of `b`'s encoded inputs (value, missing indicator, one-hot levels,
//! mirror) take the reference patient's values, the patient is explained again with the
//! same rule, and `a`'s grouped relevance is compared (log-risk units). The pair's
//! `effect` is `mean_p |delta_p|` over the examined patients and its `shift` the signed
//! mean; a patient whose `b` already equals the reference has `delta_p = 0`. For a
//! one-hidden-layer ReLU network without biases this is `x_a` times the change of
//! `df/dx_a` when `b` moves, a finite-difference mixed derivative (as in Friedman's H), so
//! it vanishes for a network additive in `a` and `b`.
//!
//! **Patients.** The search runs on a fixed, seeded subsample of at most
//! [`DEFAULT_SAMPLE_PATIENTS`] patients, stratified by entity with proportional
//! allocation ([`stratified_sample`]): every entity keeps its share, and the same cohort
//! and seed give the same patients on every platform. Cost per candidate `b` is one LRP
//! pass over the sampled patients whose `b` differs from the reference (often a small
//! minority), independent of the cohort size. The price is power: a pair is tested on the
//! sampled patients whose `b` moved, so a marker moved in 2% of the cohort contributes
//! about 40 patients of 2,000, and pairs with fewer than [`MIN_MOVED_PATIENTS`] moved
//! patients are not tested at all. Raise the sample for rare markers (`survlens
//! interactions --patients`).
//!
//! **Candidates.** One pass per moved marker `b` yields the change of *every* marker's
//! relevance, so `a` ranges over all markers at no extra cost, and only the `K` markers
//! `b` are screened ([`DEFAULT_MODEL_CANDIDATES`] = 50): half the most important (mean
//! |relevance|), the rest the most important *where they deviate from the reference* (mean
//! |relevance| over the patients whose value differs from it, among markers moved in at
//! least [`MIN_MOVED_PATIENTS`] sampled patients). The second half lets a rare marker
//! with a large effect where present (a targeted drug) become a candidate; ranked by
//! cohort importance alone it would not (its mean over all patients is diluted by the
//! patients who never had it). The screen uses main effects only, never the interaction
//! statistic, so it does not select pairs by their outcome.
//!
//! **Null hypothesis and test.** In a dense ReLU network every hidden unit mixes many
//! inputs, so moving any marker switches some units and moves every other marker's
//! relevance a little: `delta` is rarely exactly zero, and "the change is zero" is a null
//! that every pair rejects with enough patients. The question a reader asks is whether `a`
//! and `b` are coupled *more than the network's background*. survlens therefore estimates
//! the background from the examined pairs themselves (Efron's empirical null, "Large-scale
//! simultaneous hypothesis testing: the choice of a null hypothesis", JASA 2004):
//!
//! 1. For each pair, over the `n_b` sampled patients whose `b` moved: the conditional
//!    effect `S = mean |delta_p|` and its standard error `sd(|delta|) / sqrt(n_b)`. A pair
//!    is *tested* when `n_b >=` [`MIN_MOVED_PATIENTS`] and `S` exceeds the numerical floor
//!    [`NUMERICAL_FLOOR`] `x mean |R_pa|` over the same patients (float32 rounding and the
//!    LRP stabiliser move relevances by about `1e-5` relative; smaller changes are
//!    treated as none).
//! 2. `y = ln S`, and a two-way median polish (Tukey) `y = mu + alpha_a + beta_b + r`
//!    removes what is not specific to the pair: `alpha_a`, a large marker's relevance moves
//!    more in absolute terms; `beta_b`, moving a strong marker perturbs the whole network.
//! 3. `t = r / sqrt(s0^2 + se^2)` with `s0 = 1.4826 MAD(r)` (the background spread) and
//!    `se` the delta-method standard error of `ln S` (`sd / (sqrt(n_b) S)`): a pair
//!    estimated from few patients needs a larger residual.
//! 4. The null distribution of `t` is `N(median t, (1.4826 MAD t)^2)` (central matching
//!    by robust location and scale); `z` is `t` standardised by it, the p-value the upper
//!    tail `1 - Phi(z)` (only *more* coupling than the background is an interaction),
//!    q-values by Benjamini-Hochberg over the tested pairs, and a pair counts when
//!    `q < fdr` (default [`DEFAULT_FDR`]).
//!
//! `H0(a, b)`: the coupling of `a` to `b` is drawn from the same distribution as that of
//! the bulk of pairs after the row and column effects. This needs the bulk of the tested
//! pairs to be null (interactions are sparse) and at least [`MIN_NULL_PAIRS`] tested pairs.
//! With fewer (a small network, or one whose couplings are nearly all below the floor),
//! the background cannot be estimated and the test falls back to the theoretical null
//! "the specific change is within the numerical floor" (`z = (S - floor) / se`), which
//! declares any coupling above the floor, specific or not; with a degenerate spread no
//! pair is declared. Under `H0` the BH q-values control the false discovery rate among
//! the tested pairs. Tests pin that a network with no interaction by construction
//! (additive in every pair) declares nothing over several seeds, that a product term is
//! found on its own and among the couplings of a dense random network, and that the
//! resumable search equals the one-shot search.
//!
//! **The rule's own coupling.** The gamma rule hands the output's relevance down in
//! proportion to modified contributions whose sum is not the output, so when `b` moves
//! the output, *every* relevance of the patient is rescaled by a common factor, in an
//! additive network too. The test therefore uses the pair-specific part of the change,
//! `e_p = delta_p - rho_p R_pa`, where `rho_p` is the patient's common rescaling (the
//! median over the markers `a != b` of `delta_pa / R_pa`, robust to the few markers that
//! do interact with `b`); the effect and shift
//! reported stay those of `delta`. When the output changes sign the rule switches paths and
//! the change is not a pure rescaling; those patients can leave a small residue.
//!
//! **What it cannot tell.** It tests the *network*, not the biology, and it cannot
//! separate interaction from correlation in the data the network learned from:
//! - markers that occur together (two drugs always co-prescribed, a drug and its target
//!   mutation) leave the network free to split their joint effect between them in any
//!   non-additive way, and resetting one then moves the other's relevance: a genuine
//!   interaction of the network that need not be one of the disease;
//! - resetting `b` in a patient whose `a` goes with `b` (a targeted drug without its
//!   mutation) asks the network about patients it never saw; its answer there is
//!   extrapolation;
//! - significance is relative to the network's own background: a network full of strong
//!   couplings has a wide null and declares only outliers;
//! - ordered pairs are tested separately; `(a, b)` and `(b, a)` can disagree.
//!
//! # Relevance split
//!
//! See [`statistical_interactions`]: a two-sided Mann-Whitney U test per pair among the
//! `top_k` most important markers (mean |relevance|, [`crate::cohort`]) over the whole
//! cohort, Benjamini-Hochberg q-values. It finds dependence of `a`'s contribution on `b`'s
//! value, which also arises from correlated markers without an interaction in the network.

use std::collections::BTreeMap;

use crate::XaiError;
use crate::cohort::CohortRelevance;
use crate::grouping::Grouping;
use crate::lrp::Lrp;

/// Default false discovery rate of both methods: BH q-value below 0.05.
pub const DEFAULT_FDR: f64 = 0.05;

/// Default number of markers `b` the relevance-change search moves.
pub const DEFAULT_MODEL_CANDIDATES: usize = 50;

/// Default size of the model-based search's patient sample.
pub const DEFAULT_SAMPLE_PATIENTS: usize = 2_000;

/// Default seed of the model-based search's patient sample.
pub const DEFAULT_SAMPLE_SEED: u64 = 0x5EED_1A7E_2025;

/// Fewest sampled patients whose `b` moved for a model-based pair to be tested.
pub const MIN_MOVED_PATIENTS: usize = 10;

/// A model-based pair whose mean |change| is at most this fraction of `a`'s mean |relevance|
/// over the same patients counts as no change (f32 rounding and the stabiliser are about
/// `1e-5` relative; the floor leaves a factor of 100).
pub const NUMERICAL_FLOOR: f64 = 1e-3;

/// Fewest tested pairs from which the empirical null is estimated.
pub const MIN_NULL_PAIRS: usize = 30;

/// The method that found a list of interactions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InteractionMethod {
    /// [`model_interactions`].
    Model,
    /// [`statistical_interactions`].
    Statistical,
}

/// One ordered pair of markers: how marker `b` shapes marker `a`'s relevance.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InteractionPair {
    /// The marker whose relevance is examined.
    pub a: usize,
    /// The marker that is moved (model) or split on (statistical).
    pub b: usize,
    /// Effect size. Model: `mean_p |R'_pa - R_pa|` over the examined patients, log-risk
    /// units, `>= 0`. Statistical: rank-biserial correlation `2 U / (n_high n_low) - 1` in
    /// `[-1, 1]`, positive when `a`'s relevance is higher in patients with `b` high.
    pub effect: f64,
    /// A signed companion in log-risk units. Model: `mean_p (R'_pa - R_pa)`, the mean shift
    /// of `a`'s relevance when `b` goes to its reference. Statistical: median of `a`'s
    /// relevance in the `b`-high group minus that in the `b`-low group.
    pub shift: f64,
    /// Patients behind the statistic. Model: examined patients whose `b` moved.
    /// Statistical: patients with an observed `b`.
    pub patients: usize,
    /// Model: `mean |R'_pa - R_pa|` over the patients whose `b` moved (log-risk units).
    pub moved_effect: Option<f64>,
    /// Model: the pair's standardised statistic under the empirical null (tested pairs).
    pub z: Option<f64>,
    /// Model: one-sided p-value under the empirical null (tested pairs). Statistical:
    /// two-sided p-value of the Mann-Whitney U test.
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg q-value over all tested pairs of the method.
    pub q_value: Option<f64>,
}

impl InteractionPair {
    /// Whether the pair counts as an interaction at false discovery rate `fdr`: its
    /// Benjamini-Hochberg q-value is below it (an untested pair never counts).
    pub fn stands_out(&self, fdr: f64) -> bool {
        self.q_value.is_some_and(|q| q < fdr)
    }
}

/// The model-based search's estimate of the network's background coupling.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmpiricalNull {
    /// Spread `1.4826 MAD` of the median-polish residuals of `ln S` (natural-log units).
    pub residual_scale: f64,
    /// Centre (median) of the pairs' `t` statistics.
    pub centre: f64,
    /// Scale (`1.4826 MAD`) of the pairs' `t` statistics.
    pub scale: f64,
    /// Tested pairs it was estimated from.
    pub pairs: usize,
}

/// A ranked list of interactions.
#[derive(Clone, Debug, PartialEq)]
pub struct Interactions {
    /// How the pairs were found.
    pub method: InteractionMethod,
    /// The markers considered: model, the markers `b` moved, in screening order;
    /// statistical, the `top_k` most important, most important first.
    pub candidates: Vec<usize>,
    /// Patients examined (model: the sample; statistical: the cohort).
    pub patients: usize,
    /// Every examined pair, strongest first. Model: tested pairs by decreasing `z`, then the
    /// untested by decreasing `effect`. Statistical: by increasing p-value, then decreasing
    /// `|effect|`. Ties by `(a, b)`.
    pub pairs: Vec<InteractionPair>,
    /// Number of pairs that count as interactions: `q < fdr`.
    pub significant: usize,
    /// Model: the background the pairs were tested against (`None` when it could not be
    /// estimated: too few tested pairs or no spread).
    pub null: Option<EmpiricalNull>,
}

/// The `k` most important markers of a cohort, most important first.
fn top_markers(
    relevance: &CohortRelevance<'_>,
    k: usize,
) -> Result<(Vec<usize>, Vec<f64>), XaiError> {
    if k < 2 {
        return Err(XaiError::InvalidSetting {
            setting: "top markers for interactions",
            value: k as f64,
            requirement: "at least 2",
        });
    }
    let importance = relevance.importance()?;
    let mut ranking = importance.ranking();
    ranking.truncate(k);
    Ok((ranking, importance.per_marker))
}

/// A reference patient in encoded space: each column's lower median over the cohort (the
/// `ceil(n/2)`-th smallest value), an observed value of the column. For a 0/1 column (a
/// binary marker, a one-hot level, a missing indicator) it is the more frequent value,
/// ties 0, which matches the encoder's imputation of binary markers. Use the encoder's own
/// imputation values when an encoder is at hand (categorical markers then get their most
/// frequent level as one consistent one-hot vector).
///
/// # Shapes
/// `x`: `n x d`, row-major; returns `d` values.
///
/// # Errors
/// [`XaiError::Shape`], [`XaiError::EmptyCohort`] for `n = 0`, and
/// [`XaiError::NonFiniteInput`] naming the first NaN or infinite value.
pub fn median_reference(x: &[f32], n: usize, d: usize) -> Result<Vec<f32>, XaiError> {
    let expected = n.saturating_mul(d);
    if x.len() != expected {
        return Err(XaiError::Shape {
            what: "input matrix",
            expected,
            found: x.len(),
        });
    }
    if n == 0 {
        return Err(XaiError::EmptyCohort {
            what: "median reference",
        });
    }
    if let Some(k) = x.iter().position(|v| !v.is_finite()) {
        return Err(XaiError::NonFiniteInput {
            patient: k / d,
            input: k % d,
            value: x[k],
        });
    }
    let mut column = vec![0.0f32; n];
    Ok((0..d)
        .map(|c| {
            column
                .iter_mut()
                .enumerate()
                .for_each(|(p, v)| *v = x[p * d + c]);
            let k = (n - 1) / 2;
            *column.select_nth_unstable_by(k, f32::total_cmp).1
        })
        .collect())
}

/// Settings of the model-based search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelSearchSettings {
    /// Markers `b` to move, `>= 1` ([`DEFAULT_MODEL_CANDIDATES`]); capped at the number of
    /// markers.
    pub candidates: usize,
    /// Largest patient sample, `>= 1` ([`DEFAULT_SAMPLE_PATIENTS`]); smaller cohorts are
    /// examined whole.
    pub max_patients: usize,
    /// Seed of the sample ([`DEFAULT_SAMPLE_SEED`]).
    pub seed: u64,
    /// False discovery rate in `(0, 1]` ([`DEFAULT_FDR`]).
    pub fdr: f64,
}

impl Default for ModelSearchSettings {
    fn default() -> Self {
        Self {
            candidates: DEFAULT_MODEL_CANDIDATES,
            max_patients: DEFAULT_SAMPLE_PATIENTS,
            seed: DEFAULT_SAMPLE_SEED,
            fdr: DEFAULT_FDR,
        }
    }
}

impl ModelSearchSettings {
    fn check(&self) -> Result<(), XaiError> {
        if self.candidates < 1 {
            return Err(XaiError::InvalidSetting {
                setting: "markers to move for interactions",
                value: self.candidates as f64,
                requirement: "at least 1",
            });
        }
        if self.max_patients < 1 {
            return Err(XaiError::InvalidSetting {
                setting: "patients sampled for interactions",
                value: self.max_patients as f64,
                requirement: "at least 1",
            });
        }
        check_fdr(self.fdr)
    }
}

fn check_fdr(fdr: f64) -> Result<(), XaiError> {
    if fdr > 0.0 && fdr <= 1.0 {
        Ok(())
    } else {
        Err(XaiError::InvalidSetting {
            setting: "false discovery rate",
            value: fdr,
            requirement: "in (0, 1]",
        })
    }
}

/// A fixed, seeded sample of at most `max_patients` of the `strata.len()` patients,
/// stratified with proportional allocation: stratum `s` with `n_s` patients gets
/// `floor(max n_s / n)` places, and the places left over go to the largest remainders
/// (ties: lower stratum id first). Within a stratum the patients with the smallest
/// `splitmix64(seed ^ splitmix64(row))` are taken, so the sample depends only on the
/// strata, the size and the seed (the same on every platform). Returns sorted row indices;
/// every patient when `n <= max_patients`.
pub fn stratified_sample(strata: &[u32], max_patients: usize, seed: u64) -> Vec<usize> {
    let n = strata.len();
    if n <= max_patients {
        return (0..n).collect();
    }
    let mut by_stratum: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (row, &s) in strata.iter().enumerate() {
        by_stratum.entry(s).or_default().push(row);
    }
    // Quotas in exact integer arithmetic: max * n_s fits u128 for any cohort.
    let mut quota: Vec<(usize, u128, u32)> = by_stratum
        .iter()
        .map(|(&s, rows)| {
            let share = max_patients as u128 * rows.len() as u128;
            ((share / n as u128) as usize, share % n as u128, s)
        })
        .collect();
    let left = max_patients - quota.iter().map(|q| q.0).sum::<usize>();
    let mut by_remainder: Vec<usize> = (0..quota.len()).collect();
    by_remainder.sort_by(|&i, &j| {
        quota[j]
            .1
            .cmp(&quota[i].1)
            .then(quota[i].2.cmp(&quota[j].2))
    });
    for &i in by_remainder.iter().take(left) {
        quota[i].0 += 1;
    }
    let mut sample = Vec::with_capacity(max_patients);
    for ((_, rows), (take, _, _)) in by_stratum.iter_mut().zip(&quota) {
        rows.sort_by_key(|&row| (splitmix64(seed ^ splitmix64(row as u64)), row));
        sample.extend_from_slice(&rows[..(*take).min(rows.len())]);
    }
    sample.sort_unstable();
    sample
}

/// The SplitMix64 finaliser (Steele, Lea and Flood 2014): a portable 64-bit mix.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Sums over the moved patients of one ordered pair.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct PairSums {
    a: usize,
    b: usize,
    moved: usize,
    /// `sum |delta|`.
    abs: f64,
    /// `sum delta^2`.
    squares: f64,
    /// `sum delta`.
    signed: f64,
    /// `sum |R_pa|` over the moved patients (scale of the numerical floor).
    relevance: f64,
    /// `sum |e|` of the pair-specific changes `e = delta - rho_p R_pa`.
    specific: f64,
    /// `sum e^2`.
    specific_squares: f64,
}

/// The model-based search, resumable: [`ModelInteractionSearch::new`] samples the patients,
/// explains them once and screens the candidates; each [`ModelInteractionSearch::step`]
/// moves one candidate marker `b` (one LRP pass over the sampled patients whose `b`
/// differs from the reference); [`ModelInteractionSearch::finish`] runs the steps left and
/// tests the pairs (see the module documentation). Stepping to the end and finishing gives
/// the same result as [`model_interactions`], bit for bit.
#[derive(Clone, Debug)]
pub struct ModelInteractionSearch {
    lrp: Lrp,
    to_marker: Grouping,
    reference: Vec<f32>,
    settings: ModelSearchSettings,
    /// Sampled patients' encoded inputs, `n x d`.
    x: Vec<f32>,
    n: usize,
    /// Their grouped relevances, `n x m`.
    base: Vec<f32>,
    candidates: Vec<usize>,
    next: usize,
    sums: Vec<PairSums>,
}

impl ModelInteractionSearch {
    /// Samples at most `settings.max_patients` of the `n` patients (stratified by
    /// `strata`, e.g. the entity; all in one stratum when `None`), explains them, and
    /// screens the markers to move.
    ///
    /// # Shapes
    /// `x`: `n x d` encoded inputs, row-major; `reference`: `d`; `to_marker` groups the `d`
    /// inputs into `m >= 2` markers; `strata`: `n`.
    ///
    /// # Errors
    /// [`XaiError::Shape`] for mismatched lengths, [`XaiError::NonFiniteInput`] for a NaN or
    /// infinite input or reference value, [`XaiError::EmptyCohort`] for `n = 0`, and
    /// [`XaiError::InvalidSetting`] for fewer than two markers or invalid settings.
    pub fn new(
        lrp: Lrp,
        x: &[f32],
        n: usize,
        to_marker: Grouping,
        reference: Vec<f32>,
        strata: Option<&[u32]>,
        settings: ModelSearchSettings,
    ) -> Result<Self, XaiError> {
        let d = lrp.n_inputs();
        for (what, expected, found) in [
            ("input matrix", n.saturating_mul(d), x.len()),
            ("strata", n, strata.map_or(n, <[u32]>::len)),
        ] {
            if expected != found {
                return Err(XaiError::Shape {
                    what,
                    expected,
                    found,
                });
            }
        }
        let rows = Self::sample_rows(n, strata, &settings);
        let sample: Vec<f32> = rows
            .iter()
            .flat_map(|&p| x[p * d..(p + 1) * d].iter().copied())
            .collect();
        Self::on_sample(lrp, sample, to_marker, reference, settings)
    }

    /// The patients [`ModelInteractionSearch::new`] examines among `n` (stratified by
    /// `strata`; all in one stratum when `None`): sorted row indices, every patient when
    /// `n <= settings.max_patients`. A caller that encodes inputs on demand encodes these
    /// rows alone and hands them to [`ModelInteractionSearch::on_sample`].
    pub fn sample_rows(
        n: usize,
        strata: Option<&[u32]>,
        settings: &ModelSearchSettings,
    ) -> Vec<usize> {
        match strata {
            Some(s) => stratified_sample(s, settings.max_patients, settings.seed),
            None => stratified_sample(&vec![0; n], settings.max_patients, settings.seed),
        }
    }

    /// As [`ModelInteractionSearch::new`], given the encoded inputs of the sampled patients
    /// alone ([`ModelInteractionSearch::sample_rows`], in that order): the same search,
    /// bit for bit.
    ///
    /// # Shapes
    /// `sample`: `n_sample x d` encoded inputs, row-major; `reference`: `d`.
    ///
    /// # Errors
    /// As [`ModelInteractionSearch::new`].
    pub fn on_sample(
        lrp: Lrp,
        sample: Vec<f32>,
        to_marker: Grouping,
        reference: Vec<f32>,
        settings: ModelSearchSettings,
    ) -> Result<Self, XaiError> {
        settings.check()?;
        let d = lrp.n_inputs();
        for (what, expected, found) in [
            ("input-to-marker map", d, to_marker.n_columns()),
            ("reference patient", d, reference.len()),
        ] {
            if expected != found {
                return Err(XaiError::Shape {
                    what,
                    expected,
                    found,
                });
            }
        }
        let n_sample = sample.len() / d.max(1);
        if n_sample.saturating_mul(d) != sample.len() {
            return Err(XaiError::Shape {
                what: "input matrix",
                expected: n_sample.saturating_mul(d),
                found: sample.len(),
            });
        }
        if n_sample == 0 {
            return Err(XaiError::EmptyCohort {
                what: "model-based interactions",
            });
        }
        if let Some(c) = reference.iter().position(|v| !v.is_finite()) {
            return Err(XaiError::NonFiniteInput {
                patient: 0,
                input: c,
                value: reference[c],
            });
        }
        let m = to_marker.n_groups();
        if m < 2 {
            return Err(XaiError::InvalidSetting {
                setting: "markers for interactions",
                value: m as f64,
                requirement: "at least 2",
            });
        }
        let base = to_marker
            .apply(&lrp.explain_batch(&sample, n_sample)?)?
            .into_values();
        let mut search = Self {
            lrp,
            to_marker,
            reference,
            settings,
            x: sample,
            n: n_sample,
            base,
            candidates: Vec::new(),
            next: 0,
            sums: Vec::new(),
        };
        search.candidates = search.screen();
        Ok(search)
    }

    /// Sampled patients whose marker `j` differs from the reference in any encoded input.
    fn moved(&self, j: usize) -> Vec<usize> {
        let d = self.reference.len();
        let columns: Vec<usize> = self.to_marker.members(j).collect();
        (0..self.n)
            .filter(|&p| {
                columns
                    .iter()
                    .any(|&c| self.x[p * d + c] != self.reference[c])
            })
            .collect()
    }

    /// Half the candidates by importance over the sample, the rest by importance over the
    /// patients where the marker deviates from the reference (markers moved in at least
    /// [`MIN_MOVED_PATIENTS`] patients), then by importance again if markers run out.
    fn screen(&self) -> Vec<usize> {
        let m = self.to_marker.n_groups();
        let k = self.settings.candidates.min(m);
        let mean_abs = |j: usize, rows: &mut dyn Iterator<Item = usize>| {
            let (mut sum, mut count) = (0.0f64, 0usize);
            for p in rows {
                sum += f64::from(self.base[p * m + j].abs());
                count += 1;
            }
            if count == 0 { 0.0 } else { sum / count as f64 }
        };
        let importance: Vec<f64> = (0..m).map(|j| mean_abs(j, &mut (0..self.n))).collect();
        let conditional: Vec<f64> = (0..m)
            .map(|j| {
                let moved = self.moved(j);
                if moved.len() < MIN_MOVED_PATIENTS {
                    -1.0
                } else {
                    mean_abs(j, &mut moved.into_iter())
                }
            })
            .collect();
        let rank = |score: &[f64]| {
            let mut order: Vec<usize> = (0..m).collect();
            order.sort_by(|&i, &j| score[j].total_cmp(&score[i]).then(i.cmp(&j)));
            order
        };
        let mut chosen: Vec<usize> = rank(&importance).into_iter().take(k.div_ceil(2)).collect();
        let eligible = rank(&conditional)
            .into_iter()
            .filter(|&j| conditional[j] >= 0.0);
        for j in eligible.chain(rank(&importance)) {
            if chosen.len() >= k {
                break;
            }
            if !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        chosen
    }

    /// The markers `b` to move, in screening order.
    pub fn candidates(&self) -> &[usize] {
        &self.candidates
    }

    /// Patients in the sample.
    pub fn n_patients(&self) -> usize {
        self.n
    }

    /// Candidates moved so far.
    pub fn steps_done(&self) -> usize {
        self.next
    }

    /// Steps in all: one per candidate.
    pub fn n_steps(&self) -> usize {
        self.candidates.len()
    }

    /// Fraction of the steps done, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        if self.candidates.is_empty() {
            1.0
        } else {
            self.next as f64 / self.candidates.len() as f64
        }
    }

    /// Whether every candidate has been moved.
    pub fn is_finished(&self) -> bool {
        self.next >= self.candidates.len()
    }

    /// Moves the next candidate marker `b` and records the change of every other marker's
    /// relevance. Returns whether steps remain; after the last step it does nothing.
    ///
    /// # Errors
    /// [`XaiError`] from the explainer (not expected: the inputs were checked).
    pub fn step(&mut self) -> Result<bool, XaiError> {
        let Some(&b) = self.candidates.get(self.next) else {
            return Ok(false);
        };
        let (d, m) = (self.reference.len(), self.to_marker.n_groups());
        let moved = self.moved(b);
        let columns: Vec<usize> = self.to_marker.members(b).collect();
        let mut batch = Vec::with_capacity(moved.len() * d);
        for &p in &moved {
            batch.extend_from_slice(&self.x[p * d..(p + 1) * d]);
            let row = batch.len() - d;
            for &c in &columns {
                batch[row + c] = self.reference[c];
            }
        }
        let after = self
            .to_marker
            .apply(&self.lrp.explain_batch(&batch, moved.len())?)?;
        let after = after.values();
        // The patient's common rescaling rho_p: the median over the markers a != b with a
        // relevance of the ratio delta_pa / R_pa (zero when none has one). The median, so
        // that the pairs that do interact do not pull it.
        let mut ratios = Vec::with_capacity(m);
        let rho: Vec<f64> = moved
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                ratios.clear();
                for a in (0..m).filter(|&a| a != b) {
                    let before = f64::from(self.base[p * m + a]);
                    if before != 0.0 {
                        ratios.push((f64::from(after[k * m + a]) - before) / before);
                    }
                }
                median(&mut ratios)
            })
            .collect();
        for a in (0..m).filter(|&a| a != b) {
            let mut sums = PairSums {
                a,
                b,
                moved: moved.len(),
                ..PairSums::default()
            };
            for (k, &p) in moved.iter().enumerate() {
                let before = f64::from(self.base[p * m + a]);
                let delta = f64::from(after[k * m + a]) - before;
                let specific = delta - rho[k] * before;
                sums.abs += delta.abs();
                sums.squares += delta * delta;
                sums.signed += delta;
                sums.relevance += before.abs();
                sums.specific += specific.abs();
                sums.specific_squares += specific * specific;
            }
            self.sums.push(sums);
        }
        self.next += 1;
        Ok(!self.is_finished())
    }

    /// Runs the steps left and tests every pair against the empirical null.
    ///
    /// # Errors
    /// As [`ModelInteractionSearch::step`].
    pub fn finish(mut self) -> Result<Interactions, XaiError> {
        while self.step()? {}
        let (pairs, null) = test_pairs(&self.sums, self.n);
        let q_values =
            benjamini_hochberg(&pairs.iter().filter_map(|p| p.p_value).collect::<Vec<_>>())?;
        let mut q = q_values.into_iter();
        let mut pairs = pairs;
        for pair in pairs.iter_mut().filter(|p| p.p_value.is_some()) {
            pair.q_value = q.next();
        }
        pairs.sort_by(|l, r| {
            let (zl, zr) = (
                l.z.unwrap_or(f64::NEG_INFINITY),
                r.z.unwrap_or(f64::NEG_INFINITY),
            );
            r.p_value
                .is_some()
                .cmp(&l.p_value.is_some())
                .then(zr.total_cmp(&zl))
                .then(r.effect.total_cmp(&l.effect))
                .then((l.a, l.b).cmp(&(r.a, r.b)))
        });
        let fdr = self.settings.fdr;
        let significant = pairs.iter().filter(|p| p.stands_out(fdr)).count();
        Ok(Interactions {
            method: InteractionMethod::Model,
            candidates: self.candidates,
            patients: self.n,
            pairs,
            significant,
            null,
        })
    }
}

/// Model-based interactions: for each of `settings.candidates` screened markers `b`, the
/// change of every other marker `a`'s relevance when `b`'s encoded inputs are set to the
/// reference patient's values, on a stratified patient sample, tested against the
/// network's background coupling (module documentation). `effect` and `shift` are means
/// over the sampled patients; `q_value < settings.fdr` counts.
///
/// # Shapes
/// `x`: `n x d` encoded inputs, row-major; `reference`: `d`; `to_marker` groups the `d`
/// inputs into markers; `strata`: `n` (e.g. the entity), or `None` for one stratum.
///
/// # Errors
/// As [`ModelInteractionSearch::new`].
pub fn model_interactions(
    lrp: &Lrp,
    x: &[f32],
    n: usize,
    to_marker: &Grouping,
    reference: &[f32],
    strata: Option<&[u32]>,
    settings: &ModelSearchSettings,
) -> Result<Interactions, XaiError> {
    ModelInteractionSearch::new(
        lrp.clone(),
        x,
        n,
        to_marker.clone(),
        reference.to_vec(),
        strata,
        *settings,
    )?
    .finish()
}

/// Pairs with effects, and for the tested ones `z` and the one-sided p-value under the
/// empirical null (steps 1 to 4 of the module documentation); q-values are left to the
/// caller. `n` is the number of examined patients.
fn test_pairs(sums: &[PairSums], n: usize) -> (Vec<InteractionPair>, Option<EmpiricalNull>) {
    let mut pairs: Vec<InteractionPair> = sums
        .iter()
        .map(|s| InteractionPair {
            a: s.a,
            b: s.b,
            effect: s.abs / n.max(1) as f64,
            shift: s.signed / n.max(1) as f64,
            patients: s.moved,
            moved_effect: (s.moved > 0).then(|| s.abs / s.moved as f64),
            z: None,
            p_value: None,
            q_value: None,
        })
        .collect();
    // Step 1: the tested pairs, with ln S and the delta-method standard error of ln S.
    let tested: Vec<(usize, f64, f64)> = sums
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let k = s.moved as f64;
            let mean = s.specific / k;
            let floor = NUMERICAL_FLOOR * s.relevance / k;
            (s.moved >= MIN_MOVED_PATIENTS && mean > floor && mean > 0.0).then(|| {
                let variance = ((s.specific_squares - k * mean * mean) / (k - 1.0)).max(0.0);
                (i, mean.ln(), (variance / k).sqrt() / mean)
            })
        })
        .collect();
    if tested.len() < MIN_NULL_PAIRS {
        // No background to estimate: the theoretical null, "the specific change is within
        // the numerical floor", tested one-sided with the pair's standard error.
        for &(i, ln_mean, se_ln) in &tested {
            let s = &sums[i];
            let (mean, floor) = (
                ln_mean.exp(),
                NUMERICAL_FLOOR * s.relevance / s.moved as f64,
            );
            let se = se_ln * mean;
            let z = if se > 0.0 {
                (mean - floor) / se
            } else {
                f64::INFINITY
            };
            pairs[i].z = Some(z);
            pairs[i].p_value = Some(normal_sf(z).clamp(0.0, 1.0));
        }
        return (pairs, None);
    }
    // Step 2: two-way median polish of ln S over rows a and columns b.
    let rows: Vec<usize> = tested.iter().map(|&(i, ..)| sums[i].a).collect();
    let cols: Vec<usize> = tested.iter().map(|&(i, ..)| sums[i].b).collect();
    let mut residual: Vec<f64> = tested.iter().map(|t| t.1).collect();
    for _ in 0..MEDIAN_POLISH_ROUNDS {
        for groups in [&rows, &cols] {
            subtract_group_medians(&mut residual, groups);
        }
    }
    let Some(residual_scale) = robust_scale(&residual).map(|(_, s)| s) else {
        return (pairs, None);
    };
    // Step 3: residuals on the scale of the background and their own uncertainty.
    let t: Vec<f64> = residual
        .iter()
        .zip(&tested)
        .map(|(r, &(_, _, se))| r / (residual_scale * residual_scale + se * se).sqrt())
        .collect();
    // Step 4: the empirical null of t, central matching by median and MAD.
    let Some((centre, scale)) = robust_scale(&t) else {
        return (pairs, None);
    };
    for (&(i, ..), t) in tested.iter().zip(&t) {
        let z = (t - centre) / scale;
        pairs[i].z = Some(z);
        pairs[i].p_value = Some(normal_sf(z).clamp(0.0, 1.0));
    }
    let null = EmpiricalNull {
        residual_scale,
        centre,
        scale,
        pairs: tested.len(),
    };
    (pairs, Some(null))
}

/// Rounds of the median polish: Tukey's procedure converges in a few; ten is ample and
/// fixed, so the result does not depend on a tolerance.
const MEDIAN_POLISH_ROUNDS: usize = 10;

/// Subtracts from each value the median of its group (`groups[i]` is value `i`'s group).
fn subtract_group_medians(values: &mut [f64], groups: &[usize]) {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    let mut scratch = Vec::new();
    for indices in members.values() {
        scratch.clear();
        scratch.extend(indices.iter().map(|&i| values[i]));
        let med = median(&mut scratch);
        for &i in indices {
            values[i] -= med;
        }
    }
}

/// Median and `1.4826 MAD` (consistent for the normal standard deviation); `None` when
/// the spread is zero or not finite.
fn robust_scale(values: &[f64]) -> Option<(f64, f64)> {
    let mut scratch = values.to_vec();
    let centre = median(&mut scratch);
    scratch
        .iter_mut()
        .zip(values)
        .for_each(|(s, v)| *s = (v - centre).abs());
    let scale = 1.4826 * median(&mut scratch);
    (scale.is_finite() && scale > 0.0 && centre.is_finite()).then_some((centre, scale))
}

/// Statistical interactions: for markers `a`, `b` among the `top_k` most important, does
/// `a`'s relevance differ between patients with `b` high and `b` low?
///
/// Split on `b`'s values (NaN = missing, left out of the pair's test) at their lower median
/// `med`: high `v > med`, low `v <= med`; when no value exceeds `med`, high `v >= med`, low
/// `v < med`. A 0/1 marker thus splits into 1 vs 0 whichever value is more frequent; give a
/// categorical marker as the presence (0/1) of a level. Pairs where one group is empty are
/// not tested and not listed. Test: two-sided Mann-Whitney U of `a`'s relevance, high vs
/// low, normal approximation with tie correction and continuity correction (as
/// `scipy.stats.mannwhitneyu(method="asymptotic")`); q-values by Benjamini-Hochberg over
/// all tested pairs; a pair counts when `q < fdr`.
///
/// # Shapes
/// `relevance` holds `n x m` marker relevances; `values`: `n x m`, row-major, the markers'
/// values (any monotone encoding; NaN where missing).
///
/// # Errors
/// [`XaiError::Shape`], [`XaiError::EmptyCohort`], [`XaiError::InvalidSetting`] for
/// `top_k < 2` or `fdr` outside `(0, 1]`.
pub fn statistical_interactions(
    relevance: &CohortRelevance<'_>,
    values: &[f32],
    top_k: usize,
    fdr: f64,
) -> Result<Interactions, XaiError> {
    let (n, m) = (relevance.n_patients(), relevance.n_markers());
    if values.len() != n.saturating_mul(m) {
        return Err(XaiError::Shape {
            what: "marker values",
            expected: n.saturating_mul(m),
            found: values.len(),
        });
    }
    check_fdr(fdr)?;
    let (candidates, _) = top_markers(relevance, top_k)?;
    let mut pairs = Vec::new();
    let (mut high, mut low) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for &b in &candidates {
        let column: Vec<f32> = (0..n).map(|p| values[p * m + b]).collect();
        let Some(split) = median_split(&column) else {
            continue;
        };
        for &a in candidates.iter().filter(|&&a| a != b) {
            let r = relevance.column(a)?;
            high.clear();
            low.clear();
            for (p, side) in split.iter().enumerate() {
                match side {
                    Some(true) => high.push(f64::from(r[p])),
                    Some(false) => low.push(f64::from(r[p])),
                    None => {}
                }
            }
            let test = mann_whitney_u(&high, &low);
            pairs.push(InteractionPair {
                a,
                b,
                effect: test.rank_biserial,
                shift: median(&mut high) - median(&mut low),
                patients: high.len() + low.len(),
                moved_effect: None,
                z: None,
                p_value: Some(test.p_value),
                q_value: None,
            });
        }
    }
    let p_values: Vec<f64> = pairs.iter().filter_map(|p| p.p_value).collect();
    let q_values = benjamini_hochberg(&p_values)?;
    pairs
        .iter_mut()
        .zip(q_values)
        .for_each(|(pair, q)| pair.q_value = Some(q));
    pairs.sort_by(|l, r| {
        let (pl, pr) = (l.p_value.unwrap_or(1.0), r.p_value.unwrap_or(1.0));
        pl.total_cmp(&pr)
            .then(r.effect.abs().total_cmp(&l.effect.abs()))
            .then((l.a, l.b).cmp(&(r.a, r.b)))
    });
    let significant = pairs.iter().filter(|p| p.stands_out(fdr)).count();
    Ok(Interactions {
        method: InteractionMethod::Statistical,
        candidates,
        patients: n,
        pairs,
        significant,
        null: None,
    })
}

/// High (`Some(true)`) / low (`Some(false)`) / missing (`None`) per patient, or `None` when
/// one side would be empty.
fn median_split(values: &[f32]) -> Option<Vec<Option<bool>>> {
    let mut observed: Vec<f32> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    if observed.is_empty() {
        return None;
    }
    let k = (observed.len() - 1) / 2;
    let med = *observed.select_nth_unstable_by(k, f32::total_cmp).1;
    let above = observed.iter().any(|&v| v > med);
    let split: Vec<Option<bool>> = values
        .iter()
        .map(|&v| (!v.is_nan()).then_some(if above { v > med } else { v >= med }))
        .collect();
    let highs = split.iter().filter(|s| **s == Some(true)).count();
    let lows = split.iter().filter(|s| **s == Some(false)).count();
    (highs > 0 && lows > 0).then_some(split)
}

/// Median of a non-empty sample (mean of the two middle values for even sizes); 0 for an
/// empty one, which the callers never pass.
fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    }
}

/// Result of a two-sided Mann-Whitney U test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MannWhitney {
    /// `U` of the first sample: the number of pairs `(x, y)` with `x > y`, ties counting
    /// one half.
    pub u: f64,
    /// Two-sided p-value, normal approximation with tie and continuity correction.
    pub p_value: f64,
    /// Rank-biserial correlation `2 U / (n_x n_y) - 1`, in `[-1, 1]`.
    pub rank_biserial: f64,
}

/// Two-sided Mann-Whitney U test of `x` against `y`, as
/// `scipy.stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=True)`:
/// `U = R_x - n_x (n_x + 1) / 2` with mid-ranks `R`; `z = (max(U, n_x n_y - U) - n_x n_y / 2
/// - 1/2) / s`, `s^2 = n_x n_y / 12 ((N + 1) - sum_t (t^3 - t) / (N (N - 1)))` over the tie
/// groups `t`; `p = min(1, 2 (1 - Phi(z)))`. When every value is tied (`s = 0`), `p = 1`.
/// An empty sample gives `U = 0`, `p = 1`, correlation 0.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> MannWhitney {
    let (nx, ny) = (x.len(), y.len());
    if nx == 0 || ny == 0 {
        return MannWhitney {
            u: 0.0,
            p_value: 1.0,
            rank_biserial: 0.0,
        };
    }
    let mut all: Vec<(f64, bool)> = x
        .iter()
        .map(|&v| (v, true))
        .chain(y.iter().map(|&v| (v, false)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let big_n = all.len();
    let (mut rank_sum_x, mut tie_term) = (0.0f64, 0.0f64);
    let mut start = 0;
    while start < big_n {
        let mut end = start + 1;
        while end < big_n && all[end].0 == all[start].0 {
            end += 1;
        }
        // Ranks start..end (0-based) share the mid-rank.
        let t = (end - start) as f64;
        let mid_rank = (start + end + 1) as f64 / 2.0;
        rank_sum_x += mid_rank * all[start..end].iter().filter(|e| e.1).count() as f64;
        tie_term += t * t * t - t;
        start = end;
    }
    let (nxf, nyf, nf) = (nx as f64, ny as f64, big_n as f64);
    let u = rank_sum_x - nxf * (nxf + 1.0) / 2.0;
    let mu = nxf * nyf / 2.0;
    let var = nxf * nyf / 12.0 * ((nf + 1.0) - tie_term / (nf * (nf - 1.0)));
    let p_value = if var > 0.0 {
        let z = (u.max(nxf * nyf - u) - mu - 0.5) / var.sqrt();
        (2.0 * normal_sf(z)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    MannWhitney {
        u,
        p_value,
        rank_biserial: 2.0 * u / (nxf * nyf) - 1.0,
    }
}

/// `1 - Phi(z)` for the standard normal, accurate in the far tail.
fn normal_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

/// Benjamini-Hochberg q-values, in the order of `p`: `q_(k) = min_{j >= k} min(1, m p_(j) /
/// j)` over the p-values sorted increasingly (as `statsmodels multipletests(method=
/// "fdr_bh")` and `scipy.stats.false_discovery_control(method="bh")`). Each `q >= p`, and
/// the q-values are monotone in the p-values.
///
/// # Errors
/// [`XaiError::InvalidSetting`] for a p-value outside `[0, 1]` (or NaN).
pub fn benjamini_hochberg(p: &[f64]) -> Result<Vec<f64>, XaiError> {
    if let Some(&bad) = p.iter().find(|v| !(0.0..=1.0).contains(*v)) {
        return Err(XaiError::InvalidSetting {
            setting: "p-value",
            value: bad,
            requirement: "in [0, 1]",
        });
    }
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut q = vec![0.0f64; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        // `m / k >= 1` rounds to a factor `>= 1`, so the product never falls below `p`.
        running = running.min(p[i] * (m as f64 / (rank + 1) as f64));
        q[i] = running;
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_split_handles_binary_and_missing() {
        // Majority 1: the lower median is 1, nothing exceeds it, so high = (v >= 1).
        let s = median_split(&[1.0, 1.0, 0.0, f32::NAN, 1.0]).unwrap();
        assert_eq!(
            s,
            vec![Some(true), Some(true), Some(false), None, Some(true)]
        );
        // Majority 0: the lower median is 0, high = (v > 0).
        let s = median_split(&[0.0, 1.0, 0.0]).unwrap();
        assert_eq!(s, vec![Some(false), Some(true), Some(false)]);
        assert_eq!(median_split(&[2.0, 2.0]), None);
        assert_eq!(median_split(&[f32::NAN]), None);
    }

    #[test]
    fn hand_computed_u() {
        // x = [3, 4], y = [1, 2, 3]: pairs x > y: 3>1, 3>2, 4>1, 4>2, 4>3 = 5, tie 3=3: 0.5.
        let t = mann_whitney_u(&[3.0, 4.0], &[1.0, 2.0, 3.0]);
        assert_eq!(t.u, 5.5);
        assert!((t.rank_biserial - (2.0 * 5.5 / 6.0 - 1.0)).abs() < 1e-15);
        assert_eq!(mann_whitney_u(&[1.0, 1.0], &[1.0]).p_value, 1.0);
    }

    #[test]
    fn bh_by_hand() {
        // m = 4: sorted p 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5.
        let q = benjamini_hochberg(&[0.5, 0.03, 0.01, 0.02]).unwrap();
        let expected = [0.5, 0.04, 0.04, 0.04];
        for (a, b) in q.iter().zip(expected) {
            assert!((a - b).abs() < 1e-15, "{q:?}");
        }
        assert!(benjamini_hochberg(&[1.5]).is_err());
        assert_eq!(benjamini_hochberg(&[]).unwrap(), Vec::<f64>::new());
    }

    #[test]
    fn median_reference_is_an_observed_value() {
        let x = [0.0, 5.0, 1.0, 3.0, 1.0, 4.0, 0.0, 1.0];
        // columns: [0, 1, 1, 0] -> lower median 0; [5, 3, 4, 1] -> sorted 1 3 4 5 -> 3.
        assert_eq!(median_reference(&x, 4, 2).unwrap(), vec![0.0, 3.0]);
        assert!(median_reference(&x, 3, 2).is_err());
        assert!(median_reference(&[], 0, 2).is_err());
    }
}
