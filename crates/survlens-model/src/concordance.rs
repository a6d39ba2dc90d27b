//! Concordance indices: Harrell's C and Uno's IPCW C on risk scores (scikit-survival 0.28
//! `concordance_index_censored`, `concordance_index_ipcw`), and Antolini's time-dependent
//! C on predicted survival curves (pycox 0.3 `EvalSurv.concordance_td("antolini")`).
//!
//! Higher risk means shorter expected survival. The three variants disagree on ties and
//! censoring, so a reported C-index must always name its variant.

use crate::ModelError;
use crate::ipcw::CensoringSurvival;
use crate::survival_input::{check_follow_up, check_per_patient, check_time_grid, order_by_time};

/// Two risk scores closer than this count as tied (scikit-survival's `tied_tol`).
pub const RISK_TIE_TOLERANCE: f64 = 1e-8;

/// A concordance index with the pair counts behind it.
///
/// A pair (i, j) is comparable when patient i has an event at `t_i` and patient j was
/// still event-free after it: `t_j > t_i`, or `t_j = t_i` with j censored. It is
/// concordant when i has the higher risk; risks within [`RISK_TIE_TOLERANCE`] count half.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Concordance {
    /// The (weighted) proportion of comparable pairs ordered correctly, in [0, 1].
    pub index: f64,
    /// Comparable pairs ordered correctly (unweighted count).
    pub concordant: u64,
    /// Comparable pairs ordered wrongly (unweighted count).
    pub discordant: u64,
    /// Comparable pairs with tied risks (unweighted count).
    pub tied_risk: u64,
    /// Comparable pairs of an event and a censoring at the same time (unweighted count).
    pub tied_time: u64,
}

/// Harrell's concordance index of `risks` for right-censored follow-up.
///
/// Equal to scikit-survival's `concordance_index_censored` (tied risks count 1/2, two
/// events at the same time are not comparable, an event and a censoring at the same time
/// are). O(n log n). Fails without comparable pairs.
pub fn harrell_c(times: &[f64], events: &[bool], risks: &[f64]) -> Result<Concordance, ModelError> {
    check_follow_up(times, events, "Harrell's C")?;
    check_per_patient(risks, times.len(), "risk", "Harrell's C")?;
    let weights: Vec<f64> = events.iter().map(|&e| if e { 1.0 } else { 0.0 }).collect();
    weighted_concordance(times, events, risks, &weights)
}

/// Uno's concordance index: Harrell's pairs weighted by `1 / G(t_i)^2`, with `G` the
/// censoring survival function estimated on the training follow-up, and only events
/// before `tau` counted (all of them when `tau` is `None`).
///
/// Equal to scikit-survival's `concordance_index_ipcw(survival_train, survival_test,
/// estimate, tau)`. The weights make the index consistent for a censoring-independent
/// population value on `[0, tau)`. Fails when an event time before `tau` lies beyond the
/// last training time (where `G` is undefined) or has `G = 0`.
pub fn uno_c(
    train_times: &[f64],
    train_events: &[bool],
    times: &[f64],
    events: &[bool],
    risks: &[f64],
    tau: Option<f64>,
) -> Result<Concordance, ModelError> {
    check_follow_up(times, events, "Uno's C")?;
    check_per_patient(risks, times.len(), "risk", "Uno's C")?;
    if let Some(tau) = tau
        && tau.is_nan()
    {
        return Err(ModelError::non_finite(
            "Uno's C",
            "truncation time",
            None,
            None,
            f64::NAN,
        ));
    }
    let censoring = CensoringSurvival::fit(train_times, train_events)?;
    let before_tau = |t: f64| tau.is_none_or(|tau| t < tau);
    let weights = times
        .iter()
        .zip(events)
        .enumerate()
        .map(|(i, (&t, &e))| {
            if !(e && before_tau(t)) {
                return Ok(0.0);
            }
            let g = censoring.at(t)?;
            if g > 0.0 {
                Ok(1.0 / (g * g))
            } else {
                Err(ModelError::CensoringExhausted {
                    context: "Uno's C",
                    patient: i,
                    time: t,
                })
            }
        })
        .collect::<Result<Vec<f64>, ModelError>>()?;
    weighted_concordance(times, events, risks, &weights)
}

/// Concordance with a weight per event patient: every comparable pair (i, j) counts
/// `weights[i]`. Processes time groups from the latest down, keeping the risks of
/// patients still event-free in a Fenwick tree over risk ranks, so each event's
/// concordant and tied partners are two range counts.
fn weighted_concordance(
    times: &[f64],
    events: &[bool],
    risks: &[f64],
    weights: &[f64],
) -> Result<Concordance, ModelError> {
    if !events.iter().any(|&e| e) {
        return Err(ModelError::insufficient(
            "concordance",
            "at least one event",
            0,
            "events",
        ));
    }
    let n = times.len();
    let mut by_risk: Vec<usize> = (0..n).collect();
    by_risk.sort_by(|&a, &b| risks[a].total_cmp(&risks[b]));
    let sorted_risks: Vec<f64> = by_risk.iter().map(|&p| risks[p]).collect();
    let mut rank = vec![0usize; n];
    for (r, &p) in by_risk.iter().enumerate() {
        rank[p] = r;
    }

    let order = order_by_time(times);
    let mut tree = Fenwick::new(n);
    let (mut numerator, mut denominator) = (0.0_f64, 0.0_f64);
    let mut counts = Concordance {
        index: f64::NAN,
        concordant: 0,
        discordant: 0,
        tied_risk: 0,
        tied_time: 0,
    };
    let mut end = n;
    while end > 0 {
        let t = times[order[end - 1]];
        let mut start = end - 1;
        while start > 0 && times[order[start - 1]] == t {
            start -= 1;
        }
        let group = &order[start..end];
        // Censored at t are comparable with the events at t; events at t with each other not.
        let censored_here = group.iter().filter(|&&p| !events[p]).count() as u64;
        for &p in group.iter().filter(|&&p| !events[p]) {
            tree.add(rank[p]);
        }
        for &i in group.iter().filter(|&&p| events[p]) {
            let r = risks[i];
            let below = sorted_risks.partition_point(|&x| x < r - RISK_TIE_TOLERANCE);
            let within = sorted_risks.partition_point(|&x| x <= r + RISK_TIE_TOLERANCE);
            let concordant = tree.prefix(below);
            let tied = tree.prefix(within) - concordant;
            let comparable = tree.total();
            numerator += weights[i] * (concordant as f64 + 0.5 * tied as f64);
            denominator += weights[i] * comparable as f64;
            counts.concordant += concordant;
            counts.tied_risk += tied;
            counts.discordant += comparable - concordant - tied;
            counts.tied_time += censored_here;
        }
        for &p in group.iter().filter(|&&p| events[p]) {
            tree.add(rank[p]);
        }
        end = start;
    }
    if counts.concordant + counts.discordant + counts.tied_risk == 0 || denominator <= 0.0 {
        return Err(ModelError::insufficient(
            "concordance",
            "a comparable pair of patients (with positive weight)",
            0,
            "comparable pairs",
        ));
    }
    counts.index = numerator / denominator;
    Ok(counts)
}

/// Harrell's C of one set of patients, recomputed cheaply on bootstrap resamples.
///
/// A resample only changes how often each patient counts, so the time order, the risk
/// ranks and each patient's tie window are found once; a resample then costs one pass over
/// a Fenwick tree of multiplicities, without sorting or allocating. The result is
/// [`harrell_c`] of the resampled rows, to the bit: every sum is of halves of whole
/// numbers, which floating point adds exactly in any order.
#[derive(Clone, Debug)]
pub struct BootstrapConcordance {
    events: Vec<bool>,
    /// Patients in increasing time order.
    by_time: Vec<usize>,
    /// Start of each run of equal times in `by_time`, then `by_time.len()`.
    runs: Vec<usize>,
    /// Position of each patient in increasing risk order.
    rank: Vec<usize>,
    /// Per patient: risk positions below its tie window (risks < r - tolerance)...
    below: Vec<usize>,
    /// ...and up to its end (risks <= r + tolerance).
    within: Vec<usize>,
    /// How often each patient is drawn (scratch).
    counts: Vec<u32>,
    /// Multiplicities of the patients still at risk, over risk positions.
    tree: Fenwick,
}

impl BootstrapConcordance {
    /// Prepares Harrell's C of `risks`; fails where [`harrell_c`] fails on these patients
    /// (mismatched lengths, non-finite values, no comparable pairs).
    pub fn new(times: &[f64], events: &[bool], risks: &[f64]) -> Result<Self, ModelError> {
        harrell_c(times, events, risks)?;
        let n = times.len();
        let mut by_time: Vec<usize> = (0..n).collect();
        by_time.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
        let mut runs: Vec<usize> = (0..n)
            .filter(|&k| k == 0 || times[by_time[k]] != times[by_time[k - 1]])
            .collect();
        runs.push(n);
        let mut by_risk: Vec<usize> = (0..n).collect();
        by_risk.sort_by(|&a, &b| risks[a].total_cmp(&risks[b]));
        let sorted: Vec<f64> = by_risk.iter().map(|&p| risks[p]).collect();
        let mut rank = vec![0; n];
        for (r, &p) in by_risk.iter().enumerate() {
            rank[p] = r;
        }
        let tol = RISK_TIE_TOLERANCE;
        Ok(Self {
            events: events.to_vec(),
            by_time,
            runs,
            rank,
            below: risks
                .iter()
                .map(|&r| sorted.partition_point(|&x| x < r - tol))
                .collect(),
            within: risks
                .iter()
                .map(|&r| sorted.partition_point(|&x| x <= r + tol))
                .collect(),
            counts: vec![0; n],
            tree: Fenwick::new(n),
        })
    }

    /// Harrell's C of the resample `indices` (positions among the prepared patients,
    /// repeats allowed): equal to [`harrell_c`] of the rows gathered with [`crate::resample`].
    /// Fails on an index out of range, and like `harrell_c` without comparable pairs.
    pub fn resampled(&mut self, indices: &[usize]) -> Result<f64, ModelError> {
        self.counts.fill(0);
        for &k in indices {
            let n = self.counts.len();
            let Some(c) = self.counts.get_mut(k) else {
                return Err(ModelError::RowOutOfRange {
                    context: "bootstrap concordance",
                    row: k,
                    rows: n,
                });
            };
            *c += 1;
        }
        self.tree.clear();
        let mut at_risk = 0_u64;
        let (mut numerator, mut denominator) = (0.0_f64, 0.0_f64);
        // Latest times first: the tree holds everyone still event-free after the current
        // time; censored at this time are comparable with its events, events with each
        // other not.
        for w in self.runs.windows(2).rev() {
            let run = &self.by_time[w[0]..w[1]];
            for &p in run.iter().filter(|&&p| !self.events[p]) {
                at_risk += self.tree.add_count(self.rank[p], self.counts[p]);
            }
            for &i in run.iter().filter(|&&p| self.events[p]) {
                let weight = f64::from(self.counts[i]);
                if weight == 0.0 {
                    continue;
                }
                let concordant = self.tree.prefix(self.below[i]);
                let tied = self.tree.prefix(self.within[i]) - concordant;
                numerator += weight * (concordant as f64 + 0.5 * tied as f64);
                denominator += weight * at_risk as f64;
            }
            for &p in run.iter().filter(|&&p| self.events[p]) {
                at_risk += self.tree.add_count(self.rank[p], self.counts[p]);
            }
        }
        if denominator > 0.0 {
            Ok(numerator / denominator)
        } else {
            Err(ModelError::insufficient(
                "Harrell's C of a resample",
                "a comparable pair of patients",
                0,
                "comparable pairs",
            ))
        }
    }
}

/// Counts of inserted positions, with prefix counts in O(log n).
#[derive(Clone, Debug)]
struct Fenwick {
    tree: Vec<u64>,
    total: u64,
}

impl Fenwick {
    fn new(n: usize) -> Self {
        Self {
            tree: vec![0; n + 1],
            total: 0,
        }
    }

    /// Marks position `i` (0-based) once more.
    fn add(&mut self, i: usize) {
        self.add_count(i, 1);
    }

    /// Marks position `i` (0-based) `count` times more; returns `count`.
    fn add_count(&mut self, i: usize, count: u32) -> u64 {
        let count = u64::from(count);
        if count > 0 {
            let mut k = i + 1;
            while k < self.tree.len() {
                self.tree[k] += count;
                k += k & k.wrapping_neg();
            }
            self.total += count;
        }
        count
    }

    /// No marks.
    fn clear(&mut self) {
        self.tree.fill(0);
        self.total = 0;
    }

    /// Marks at positions `0..end`.
    fn prefix(&self, end: usize) -> u64 {
        let mut k = end;
        let mut s = 0;
        while k > 0 {
            s += self.tree[k];
            k &= k - 1;
        }
        s
    }

    fn total(&self) -> u64 {
        self.total
    }
}

/// Antolini's time-dependent concordance of predicted survival curves.
///
/// A pair (i, j) is comparable when i has an event at `t_i` and j is known to outlive it
/// (`t_j > t_i`, or `t_j = t_i` with j censored); it is concordant when i's predicted
/// survival at `t_i` is strictly lower than j's at the same time. Curves are read at
/// `t_i` as a step function: the last grid point at or before `t_i` (the first grid point
/// when `t_i` precedes the grid). Equal to pycox 0.3's `EvalSurv(surv, durations,
/// events).concordance_td("antolini")` with the default `steps="post"`. O(n^2). Fails
/// without comparable pairs.
///
/// # Shapes
/// `grid`: `m` increasing times; `survival`: `n x m` row-major, row i patient i's curve.
pub fn antolini_c(
    times: &[f64],
    events: &[bool],
    grid: &[f64],
    survival: &[f64],
) -> Result<f64, ModelError> {
    check_follow_up(times, events, "Antolini's C")?;
    check_time_grid(grid, "Antolini's C")?;
    let (n, m) = (times.len(), grid.len());
    if survival.len() != n * m {
        return Err(ModelError::length(
            "Antolini's C",
            "predicted survival",
            n * m,
            survival.len(),
        ));
    }
    if let Some(k) = survival.iter().position(|s| !s.is_finite()) {
        return Err(ModelError::non_finite(
            "Antolini's C",
            "predicted survival at grid time",
            Some(k % m),
            Some(k / m),
            survival[k],
        ));
    }
    let order = order_by_time(times);
    let (mut concordant, mut comparable) = (0u64, 0u64);
    // Patients in `order[later..]` have times strictly after the current group's.
    let mut start = 0;
    while start < n {
        let t = times[order[start]];
        let mut end = start + 1;
        while end < n && times[order[end]] == t {
            end += 1;
        }
        let column = grid.partition_point(|&g| g <= t).saturating_sub(1);
        for &i in order[start..end].iter().filter(|&&p| events[p]) {
            let s_i = survival[i * m + column];
            let partners = order[start..end]
                .iter()
                .filter(|&&j| !events[j])
                .chain(&order[end..]);
            for &j in partners {
                comparable += 1;
                if s_i < survival[j * m + column] {
                    concordant += 1;
                }
            }
        }
        start = end;
    }
    if comparable == 0 {
        return Err(ModelError::insufficient(
            "Antolini's C",
            "a comparable pair of patients",
            0,
            "comparable pairs",
        ));
    }
    Ok(concordant as f64 / comparable as f64)
}
