//! Confirming a screened pair on outcomes: a stratified Cox model with the network's
//! out-of-fold risk as an offset, both markers' main effects and their product, and the
//! likelihood-ratio test of the product.
//!
//! For the pair `(a, b)` on the test patients (patients whose outcomes the network that
//! screened the pair never saw), the model is
//!
//! `log h_i(t) = log h0_s(i)(t) + f_i + c f_i + d (f_i - mean f)^2 + e g_i + m_a(a_i) +
//! m_b(b_i) + gamma u_a u_b`
//!
//! with a baseline hazard per stratum `s` (the entity), the network's log-risk `f_i` as an
//! offset plus a free coefficient `c` on the same risk (a calibration slope: an over- or
//! under-confident network would otherwise leave part of its own risk, which depends on `a`
//! and `b`, to the product) and `d` on its centred square (a curvature: where the risk
//! saturates, two risk factors together add less than apart, which reads as a product of
//! any two of them), further covariates `g` with free coefficients ([`TestSample::
//! covariates`]: the search gives an additive model's risk), `u` the markers as below
//! and `m_a`, `m_b` flexible main effects: `u` itself, for a numeric marker its square and a
//! step above each quintile of its scores, for an ordinal one a step per level from the
//! second up, and the missing indicator. They matter: with thousands of patients, a main
//! effect the network fits a little wrong and a linear term cannot bend to leaves its
//! curvature to the product of two correlated markers (weight and body mass index: their
//! product is nearly the square of either), a false interaction (Ganzach, "Misleading
//! interaction and curvilinear terms", Psychological Methods 1997). The likelihood-ratio statistic `2 (l_full - l_without_product)` is referred to a
//! chi-square with one degree of freedom; the product's hazard ratio `exp(gamma)` comes
//! with a 95% Wald interval. Efron's ties, no penalty ([`survlens_model::CoxPh`]).
//!
//! **Markers in the model** ([`MarkerScale`]): a binary marker as 0/1; an ordinal or
//! categorical one as its level index (one step per level: a categorical marker without an
//! order is read in its listed order); a numeric one as van der Waerden normal scores of its
//! observed values among the test patients (`Phi^-1(rank / (n + 1))`, average ranks for
//! ties), so a skewed laboratory value or an outlier cannot dominate the product and the
//! hazard ratio is per standard deviation of the scores. A missing value enters as 0 on
//! that scale (absent, the first level, the median) with a missing indicator beside it
//! (one for both markers when they are missing together, as the genes of a panel are); its
//! product term is then 0. With the main effects in the model, the product's test and
//! hazard ratio do not depend on where each scale is centred.
//!
//! **Missing values.** Where a marker has a missing indicator, the product of that
//! indicator with the other marker enters too: among patients whose value was not recorded,
//! a correlated partner carries what the value would have said, a difference between
//! recorded and unrecorded patients rather than a product of values.
//!
//! **Companions.** When another marker nearly determines the product (body mass index is
//! weight over height squared; a Charlson index sums comorbidities), its main effect, fitted
//! a little wrong by the network, would read as a product of its constituents. Every marker
//! `c` whose `u_c` and `u_c^2` explain at least 5% of the variance of `u_a u_b` (residualised
//! on `a`'s and `b`'s own terms) enters with its flexible main effect too, at most three,
//! chosen from the markers alone. [`PairTest::adjusted_for`] names them.
//!
//! **When a pair cannot be tested**, it keeps a p-value of 1 and says why: a marker
//! constant among the test patients, a product without variation, or a Cox fit that fails
//! (separation, a singular design).

use survlens_model::{CoxPh, CoxPhConfig, CoxPhDesign};

use crate::XaiError;

/// The normal quantile of a two-sided 95% interval.
const Z_95: f64 = 1.959_963_984_540_054;

/// How a marker's raw value enters the outcome test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MarkerScale {
    /// 0/1 (absent/present).
    Binary,
    /// A level index 0, 1, 2, ... (categorical markers, in their listed order).
    Ordinal,
    /// A number: normal scores of its ranks.
    Numeric,
}

/// The outcomes and raw marker values the tests read.
///
/// # Shapes
/// `n` patients, `m` markers: `times`, `events`, `strata`: `n`; `values`: `n x m`
/// row-major, NaN where missing; `scales`: `m`.
#[derive(Clone, Copy, Debug)]
pub struct OutcomeData<'a> {
    /// Follow-up time (any unit, positive).
    pub times: &'a [f64],
    /// Event observed.
    pub events: &'a [bool],
    /// Stratum of each patient (the entity).
    pub strata: &'a [u32],
    /// Raw marker values (binary 0/1, categorical level index, numbers), NaN = missing.
    pub values: &'a [f32],
    /// How each marker enters the test.
    pub scales: &'a [MarkerScale],
}

impl OutcomeData<'_> {
    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.times.len()
    }

    /// Number of markers.
    pub fn n_markers(&self) -> usize {
        self.scales.len()
    }

    /// Checks the shapes.
    ///
    /// # Errors
    /// [`XaiError::Shape`] naming the first buffer whose length disagrees.
    pub fn check(&self) -> Result<(), XaiError> {
        let (n, m) = (self.n_patients(), self.n_markers());
        for (what, expected, found) in [
            ("event indicators", n, self.events.len()),
            ("strata", n, self.strata.len()),
            ("marker values", n.saturating_mul(m), self.values.len()),
        ] {
            if expected != found {
                return Err(XaiError::Shape {
                    what,
                    expected,
                    found,
                });
            }
        }
        Ok(())
    }
}

/// The outcome test of one pair.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PairTest {
    /// First marker.
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// Test patients.
    pub patients: usize,
    /// Their events.
    pub events: usize,
    /// Test patients with both markers observed and away from the bottom of their scale
    /// (present, above the first level, above the median): how many carry the product.
    pub exposed: usize,
    /// The product's coefficient `gamma` (log hazard ratio per unit of `u_a u_b`).
    pub log_hazard_ratio: Option<f64>,
    /// Its Wald standard error.
    pub standard_error: Option<f64>,
    /// `exp(gamma)`.
    pub hazard_ratio: Option<f64>,
    /// 95% Wald interval of the hazard ratio.
    pub interval: Option<(f64, f64)>,
    /// Likelihood-ratio statistic of the product (1 degree of freedom).
    pub lr_statistic: Option<f64>,
    /// Its p-value; 1 when the pair could not be tested.
    pub p_value: f64,
    /// Why the pair could not be tested, if it could not.
    pub problem: Option<String>,
    /// Other markers whose flexible main effects entered the model because they nearly
    /// determine the pair's product (a marker derived from both, such as body mass index
    /// for height and weight).
    #[serde(default)]
    pub adjusted_for: Vec<usize>,
    /// Stronger pairs whose products the test was given ([`test_pair_given`]).
    #[serde(default)]
    pub given: Vec<(usize, usize)>,
}

/// One marker on the test scale over the test rows: values, and the missing indicator when
/// some (not all) are missing.
fn varies(u: &[f64]) -> bool {
    u.iter().any(|&v| v != u[0])
}

/// Marker `j` on its test scale over the rows, 0 where missing.
pub(crate) fn scale_values(data: &OutcomeData<'_>, j: usize, rows: &[usize]) -> Vec<f64> {
    let m = data.n_markers();
    let raw: Vec<f32> = rows.iter().map(|&i| data.values[i * m + j]).collect();
    match data.scales[j] {
        MarkerScale::Binary | MarkerScale::Ordinal => raw
            .iter()
            .map(|&v| if v.is_nan() { 0.0 } else { f64::from(v) })
            .collect(),
        MarkerScale::Numeric => normal_scores(&raw),
    }
}

fn scaled(data: &OutcomeData<'_>, j: usize, rows: &[usize]) -> (Vec<f64>, Option<Vec<f64>>) {
    let m = data.n_markers();
    let missing: Vec<bool> = rows
        .iter()
        .map(|&i| data.values[i * m + j].is_nan())
        .collect();
    let n_missing = missing.iter().filter(|&&x| x).count();
    let values = scale_values(data, j, rows);
    let indicator = (n_missing > 0 && n_missing < rows.len())
        .then(|| missing.iter().map(|&x| f64::from(u8::from(x))).collect());
    (values, indicator)
}

/// The columns that let a marker's main effect bend: for a numeric marker, its square and
/// 1 above each quintile of its scores (observed values only); for an ordinal marker, 1 at
/// or above each level from the second up; none for a binary marker.
fn steps(data: &OutcomeData<'_>, j: usize, rows: &[usize], u: &[f64]) -> Vec<Vec<f64>> {
    let m = data.n_markers();
    let observed = |i: usize| !data.values[rows[i] * m + j].is_nan();
    match data.scales[j] {
        MarkerScale::Binary => Vec::new(),
        MarkerScale::Ordinal => {
            let top = u.iter().copied().fold(0.0f64, f64::max) as usize;
            (2..=top.min(MAX_ORDINAL_STEPS + 1))
                .map(|level| {
                    u.iter()
                        .map(|&v| f64::from(u8::from(v >= level as f64)))
                        .collect()
                })
                .collect()
        }
        MarkerScale::Numeric => {
            let mut seen: Vec<f64> = (0..u.len())
                .filter(|&i| observed(i))
                .map(|i| u[i])
                .collect();
            if seen.is_empty() {
                return Vec::new();
            }
            seen.sort_by(f64::total_cmp);
            let mut out = vec![u.iter().map(|v| v * v).collect::<Vec<f64>>()];
            out.extend(NUMERIC_STEPS.iter().map(|q| {
                let cut = seen[((seen.len() - 1) as f64 * q) as usize];
                (0..u.len())
                    .map(|i| f64::from(u8::from(observed(i) && u[i] > cut)))
                    .collect()
            }));
            out
        }
    }
}

/// Quantiles of a numeric marker's scores above which a step starts.
const NUMERIC_STEPS: [f64; 4] = [0.2, 0.4, 0.6, 0.8];

/// A companion explains at least this share of the residualised product's variance.
const COMPANION_R2: f64 = 0.05;

/// Most companions per pair.
const MAX_COMPANIONS: usize = 3;

/// The markers `c` (not `a`, `b` or excluded) whose `u_c` and `u_c^2` explain at least
/// [`COMPANION_R2`] of the variance of the product `u_a u_b` residualised on `1, u_a, u_b,
/// u_a^2, u_b^2`, strongest first, at most [`MAX_COMPANIONS`]. Outcomes play no part.
fn companions(
    data: &OutcomeData<'_>,
    a: usize,
    b: usize,
    rows: &[usize],
    ua: &[f64],
    ub: &[f64],
    excluded: &[usize],
) -> Vec<usize> {
    let ones = vec![1.0; ua.len()];
    let (a2, b2): (Vec<f64>, Vec<f64>) = (
        ua.iter().map(|v| v * v).collect(),
        ub.iter().map(|v| v * v).collect(),
    );
    let product: Vec<f64> = ua.iter().zip(ub).map(|(x, y)| x * y).collect();
    let z = least_squares_residual(&product, &[&ones, ua, ub, &a2, &b2]);
    let total: f64 = z.iter().map(|v| v * v).sum();
    if total <= 1e-12 * ua.len() as f64 {
        return Vec::new();
    }
    let mut found: Vec<(f64, usize)> = (0..data.n_markers())
        .filter(|&c| c != a && c != b && !excluded.contains(&c))
        .filter_map(|c| {
            let uc = scale_values(data, c, rows);
            if !varies(&uc) {
                return None;
            }
            let c2: Vec<f64> = uc.iter().map(|v| v * v).collect();
            let rest = least_squares_residual(&z, &[&ones, &uc, &c2]);
            let r2 = 1.0 - rest.iter().map(|v| v * v).sum::<f64>() / total;
            (r2 >= COMPANION_R2).then_some((r2, c))
        })
        .collect();
    found.sort_by(|l, r| r.0.total_cmp(&l.0).then(l.1.cmp(&r.1)));
    found
        .into_iter()
        .take(MAX_COMPANIONS)
        .map(|(_, c)| c)
        .collect()
}

/// Residuals of the least-squares fit of `y` on the columns `xs` (normal equations,
/// Gaussian elimination; a column collinear with earlier ones gets coefficient 0).
pub(crate) fn least_squares_residual(y: &[f64], xs: &[&[f64]]) -> Vec<f64> {
    let p = xs.len();
    let mut g = vec![0.0f64; p * p];
    let mut rhs = vec![0.0f64; p];
    for i in 0..y.len() {
        for r in 0..p {
            let xr = xs[r][i];
            rhs[r] += xr * y[i];
            for c in r..p {
                g[r * p + c] += xr * xs[c][i];
            }
        }
    }
    for r in 0..p {
        for c in 0..r {
            g[r * p + c] = g[c * p + r];
        }
    }
    let coef = solve_symmetric(g, rhs, p);
    (0..y.len())
        .map(|i| y[i] - (0..p).map(|r| coef[r] * xs[r][i]).sum::<f64>())
        .collect()
}

/// Solves the symmetric positive semi-definite `p x p` system `g c = rhs` by Gaussian
/// elimination, leaving out pivots that vanish (coefficient 0).
pub(crate) fn solve_symmetric(mut g: Vec<f64>, mut rhs: Vec<f64>, p: usize) -> Vec<f64> {
    let mut keep = vec![true; p];
    let scale = (0..p).map(|i| g[i * p + i].abs()).fold(0.0f64, f64::max);
    for k in 0..p {
        if g[k * p + k].abs() <= 1e-9 * scale.max(1e-300) {
            keep[k] = false;
            continue;
        }
        for r in k + 1..p {
            let f = g[r * p + k] / g[k * p + k];
            if f != 0.0 {
                for c in k..p {
                    g[r * p + c] -= f * g[k * p + c];
                }
                rhs[r] -= f * rhs[k];
            }
        }
    }
    let mut c = vec![0.0f64; p];
    for k in (0..p).rev() {
        if !keep[k] {
            continue;
        }
        let mut sum = rhs[k];
        for j in k + 1..p {
            sum -= g[k * p + j] * c[j];
        }
        c[k] = sum / g[k * p + k];
    }
    c
}

/// Fewest events in each of a pair's four cells ([`cell_events`]) among the screening
/// patients for the pair to be kept for the outcome test.
///
/// With a handful of events where both markers are high, a product's score statistic is
/// far from its chi-square distribution (one death among three patients can give 50), so
/// the screens would fill the test with pairs of rare markers that happen to die together;
/// and a product carried by a few events cannot be estimated on the held-out fifth of them.
pub const MIN_CELL_EVENTS: usize = 10;

/// Events in the four cells of a pair, each marker split at the bottom of its test scale
/// (absent / present, the first level / above, at or below / above the median score;
/// missing counts as bottom): `[low-low, low-high, high-low, high-high]` for `(a, b)`.
///
/// # Shapes
/// `ua`, `ub`, `events`: the same patients.
pub fn cell_events(ua: &[f64], ub: &[f64], events: &[bool]) -> [usize; 4] {
    let mut cells = [0usize; 4];
    for ((&a, &b), &e) in ua.iter().zip(ub).zip(events) {
        if e {
            cells[2 * usize::from(a > 0.0) + usize::from(b > 0.0)] += 1;
        }
    }
    cells
}

/// Ordinal levels beyond the second that get a step of their own (higher levels share the
/// last step).
const MAX_ORDINAL_STEPS: usize = 5;

/// Van der Waerden scores `Phi^-1(rank / (k + 1))` of the observed values (average ranks
/// for ties), 0 where missing.
fn normal_scores(raw: &[f32]) -> Vec<f64> {
    let mut observed: Vec<(f32, usize)> = raw
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_nan())
        .map(|(i, &v)| (v, i))
        .collect();
    observed.sort_by(|l, r| l.0.total_cmp(&r.0));
    let k = observed.len() as f64;
    let mut out = vec![0.0f64; raw.len()];
    let mut start = 0;
    while start < observed.len() {
        let mut end = start + 1;
        while end < observed.len() && observed[end].0 == observed[start].0 {
            end += 1;
        }
        let rank = (start + end + 1) as f64 / 2.0;
        let score = normal_quantile(rank / (k + 1.0));
        for &(_, i) in &observed[start..end] {
            out[i] = score;
        }
        start = end;
    }
    out
}

/// The standard normal quantile (Acklam's rational approximation refined by one Halley
/// step with `erfc`: about 1e-15 relative over `(0, 1)`).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let low = 0.024_25;
    let x = if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley step on Phi(x) - p.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// The patients a pair is tested on: rows of the cohort, their network log-risk and their
/// stratum within the test (the entity, made distinct per cross-fitting fold by the
/// caller).
///
/// # Shapes
/// `rows`, `risk`, `stratum`: the test patients, in the same order.
#[derive(Clone, Copy, Debug)]
pub struct TestSample<'a> {
    /// Patient rows of the cohort.
    pub rows: &'a [usize],
    /// Their network log-risk (the offset).
    pub risk: &'a [f64],
    /// Their stratum.
    pub stratum: &'a [u32],
    /// More columns that enter with free coefficients beside the network's risk (one value
    /// per test patient each): the log-risk of an additive model fitted where the network
    /// was, which corrects main effects the network fitted a little wrong in markers
    /// correlated with the product (a threshold of a derived marker such as eGFR below 45
    /// reads as creatinine x sex otherwise), and each cross-fitting fold's own calibration
    /// slope.
    pub covariates: &'a [Vec<f64>],
}

/// Tests the pair `(a, b)` on `sample`. `excluded` markers (the entity) never enter as
/// companions.
///
/// # Errors
/// [`XaiError::Shape`] for lengths that disagree, [`XaiError::MarkerOutOfRange`] and
/// [`XaiError::PatientOutOfRange`] for bad indices. A pair the data cannot test is not an
/// error: its [`PairTest::problem`] says why.
pub fn test_pair(
    data: &OutcomeData<'_>,
    a: usize,
    b: usize,
    sample: &TestSample<'_>,
    excluded: &[usize],
) -> Result<PairTest, XaiError> {
    test_pair_given(data, a, b, sample, excluded, &[])
}

/// Tests the pair `(a, b)` on `sample` given the products of the pairs `given` (each
/// enters with its product and the flexible main effect of its markers that are not `a`
/// or `b`): whether `a x b` adds to stronger interactions it may stand in for. A pair that
/// shares a marker with a true interaction and is correlated with its partner (neutrophils
/// beside C-reactive protein, both with the same drug) otherwise carries part of that
/// interaction's product. [`PairTest::given`] names them.
///
/// # Errors
/// As [`test_pair`], and [`XaiError::MarkerOutOfRange`] for a bad marker in `given`.
pub fn test_pair_given(
    data: &OutcomeData<'_>,
    a: usize,
    b: usize,
    sample: &TestSample<'_>,
    excluded: &[usize],
    given: &[(usize, usize)],
) -> Result<PairTest, XaiError> {
    let TestSample {
        rows,
        risk,
        stratum,
        covariates,
    } = *sample;
    data.check()?;
    let (n, m) = (data.n_patients(), data.n_markers());
    for marker in [a, b]
        .into_iter()
        .chain(given.iter().flat_map(|&(c, d)| [c, d]))
    {
        if marker >= m {
            return Err(XaiError::MarkerOutOfRange {
                what: "outcome test of a pair",
                marker,
                n_markers: m,
            });
        }
    }
    if let Some(&row) = rows.iter().find(|&&i| i >= n) {
        return Err(XaiError::PatientOutOfRange {
            what: "outcome test of a pair",
            row,
            n_patients: n,
        });
    }
    for (what, found) in [("test risks", risk.len()), ("test strata", stratum.len())]
        .into_iter()
        .chain(
            covariates
                .iter()
                .map(|c| ("covariates of the test patients", c.len())),
        )
    {
        if found != rows.len() {
            return Err(XaiError::Shape {
                what,
                expected: rows.len(),
                found,
            });
        }
    }
    let times: Vec<f64> = rows.iter().map(|&i| data.times[i]).collect();
    let events: Vec<bool> = rows.iter().map(|&i| data.events[i]).collect();
    let (ua, ma) = scaled(data, a, rows);
    let (ub, mb) = scaled(data, b, rows);
    // On every scale a value above 0 is away from the bottom (present, above the first
    // level, above the median score); a missing value is 0.
    let exposed = ua
        .iter()
        .zip(&ub)
        .filter(|(x, y)| **x > 0.0 && **y > 0.0)
        .count();
    let mut test = PairTest {
        a,
        b,
        patients: rows.len(),
        events: events.iter().filter(|&&e| e).count(),
        exposed,
        log_hazard_ratio: None,
        standard_error: None,
        hazard_ratio: None,
        interval: None,
        lr_statistic: None,
        p_value: 1.0,
        problem: None,
        adjusted_for: Vec::new(),
        given: given.to_vec(),
    };
    if rows.len() < 2 || test.events == 0 {
        test.problem = Some("no events among the test patients".to_owned());
        return Ok(test);
    }
    for (j, u) in [(a, &ua), (b, &ub)] {
        if !varies(u) {
            test.problem = Some(format!(
                "marker {j} takes one value among the {} test patients",
                rows.len()
            ));
            return Ok(test);
        }
    }
    let product: Vec<f64> = ua.iter().zip(&ub).map(|(x, y)| x * y).collect();
    if !varies(&product) {
        test.problem = Some("the product of the two markers takes one value".to_owned());
        return Ok(test);
    }
    // Columns: risk (slope), each marker's main effect (its scale, steps, missing
    // indicator), then the product. Constant and repeated columns are left out: markers of
    // one panel share their missing indicator, an ordinal step can equal a binary marker.
    let mut mains: Vec<Vec<f64>> = vec![risk.to_vec()];
    let add = |mains: &mut Vec<Vec<f64>>, column: Vec<f64>| {
        if varies(&column) && !mains.contains(&column) {
            mains.push(column);
        }
    };
    for column in covariates {
        add(&mut mains, column.clone());
    }
    let centre = risk.iter().sum::<f64>() / risk.len().max(1) as f64;
    add(
        &mut mains,
        risk.iter().map(|r| (r - centre) * (r - centre)).collect(),
    );
    for (j, u, missing) in [(a, &ua, &ma), (b, &ub, &mb)] {
        add(&mut mains, u.clone());
        for step in steps(data, j, rows, u) {
            add(&mut mains, step);
        }
        if let Some(ind) = missing {
            add(&mut mains, ind.clone());
        }
    }
    // Where one marker is missing, the other may carry what the missing value would have
    // said (a correlated marker stands in for an unrecorded performance status): a
    // difference between patients with and without the value, not a product of values.
    for (missing, other) in [(&ma, &ub), (&mb, &ua)] {
        if let Some(ind) = missing {
            add(
                &mut mains,
                ind.iter().zip(other.iter()).map(|(m, u)| m * u).collect(),
            );
        }
    }
    // Companions: markers that nearly determine the product beyond a and b themselves.
    test.adjusted_for = companions(data, a, b, rows, &ua, &ub, excluded);
    for &c in &test.adjusted_for {
        let (uc, mc) = scaled(data, c, rows);
        for step in steps(data, c, rows, &uc) {
            add(&mut mains, step);
        }
        add(&mut mains, uc);
        if let Some(ind) = mc {
            add(&mut mains, ind);
        }
    }
    // Stronger pairs given: their other markers' main effects and their products.
    for &(c, d) in given {
        let (uc, mc) = scaled(data, c, rows);
        let (ud, md) = scaled(data, d, rows);
        for (j, u, missing) in [(c, &uc, &mc), (d, &ud, &md)] {
            if j == a || j == b {
                continue;
            }
            add(&mut mains, u.clone());
            for step in steps(data, j, rows, u) {
                add(&mut mains, step);
            }
            if let Some(ind) = missing {
                add(&mut mains, ind.clone());
            }
        }
        // The given product with each marker's steps: a gate (ECOG at least 2) is not a
        // straight line in the level index, and what a straight product leaves of it would
        // otherwise fall to a pair that shares the marker.
        let product =
            |x: &[f64], y: &[f64]| -> Vec<f64> { x.iter().zip(y).map(|(p, q)| p * q).collect() };
        add(&mut mains, product(&uc, &ud));
        for step in steps(data, c, rows, &uc) {
            add(&mut mains, product(&step, &ud));
        }
        for step in steps(data, d, rows, &ud) {
            add(&mut mains, product(&uc, &step));
        }
    }
    let mut columns: Vec<&[f64]> = mains.iter().map(Vec::as_slice).collect();
    let p_reduced = columns.len();
    columns.push(&product);
    let p_full = columns.len();
    let k = rows.len();
    let mut full = Vec::with_capacity(k * p_full);
    let mut reduced = Vec::with_capacity(k * p_reduced);
    for i in 0..k {
        for (c, col) in columns.iter().enumerate() {
            full.push(col[i]);
            if c < p_reduced {
                reduced.push(col[i]);
            }
        }
    }
    let design = CoxPhDesign {
        strata: Some(stratum),
        offset: Some(risk),
    };
    let config = CoxPhConfig::default();
    let fits =
        CoxPh::fit_design(&full, k, p_full, &times, &events, design, &config).and_then(|f| {
            let r = CoxPh::fit_design(&reduced, k, p_reduced, &times, &events, design, &config)?;
            Ok((f, r))
        });
    let (full_fit, reduced_fit) = match fits {
        Ok(fits) => fits,
        Err(e) => {
            test.problem = Some(format!("the Cox fit failed: {e}"));
            return Ok(test);
        }
    };
    match full_fit.nested_likelihood_ratio(&reduced_fit) {
        Ok(lr) => {
            let gamma = full_fit.coefficients[p_full - 1];
            let se = full_fit.standard_errors[p_full - 1];
            test.log_hazard_ratio = Some(gamma);
            test.standard_error = Some(se);
            test.hazard_ratio = Some(gamma.exp());
            test.interval = Some(((gamma - Z_95 * se).exp(), (gamma + Z_95 * se).exp()));
            test.lr_statistic = Some(lr.statistic);
            test.p_value = lr.p_value;
        }
        Err(e) => test.problem = Some(format!("the likelihood-ratio test failed: {e}")),
    }
    Ok(test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_inverts_the_normal_distribution() {
        // Reference values of scipy.stats.norm.ppf, 16 digits; tolerance 1e-12 absolute.
        for (p, want) in [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.025, -1.959_963_984_540_054),
            (0.001, -3.090_232_306_167_813_6),
            (0.9, 1.281_551_565_544_600_5),
        ] {
            assert!((normal_quantile(p) - want).abs() < 1e-12, "{p}");
        }
    }

    #[test]
    fn normal_scores_share_ranks_and_skip_missing() {
        let s = normal_scores(&[3.0, f32::NAN, 1.0, 3.0]);
        // Observed 1, 3, 3: ranks 1, 2.5, 2.5 of k = 3.
        assert_eq!(s[1], 0.0);
        assert!((s[2] - normal_quantile(0.25)).abs() < 1e-15);
        assert_eq!(s[0], s[3]);
        assert!((s[0] - normal_quantile(2.5 / 4.0)).abs() < 1e-15);
    }
}
