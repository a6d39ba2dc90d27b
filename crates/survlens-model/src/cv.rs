//! Entity-stratified k-fold cross-validation of the deep Cox network, the study's scheme:
//! every patient is held out exactly once, and each held-out fold is split in half into a
//! test half and a validation half (the latter drives early stopping). Every patient gets an
//! out-of-fold log-risk from the one model that never trained on it.
//!
//! # How folds are drawn (the study's procedure, with our random numbers)
//! The patients are put in a random order; within each stratum (cancer entity) that order is
//! cut into `k` contiguous chunks whose sizes differ by at most one; the chunks of each
//! stratum are dealt to the folds in a random order (so the larger chunks do not all land in
//! the first fold); each fold's patients are shuffled again, and the first half (rounded
//! down) is the test half, the rest the validation half. Every fold starts training from the
//! same initial weights. Everything is drawn from `ChaCha8Rng` seeded by the training
//! setting's seed, so folds and models are deterministic for a seed.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::concordance::harrell_c;
use crate::train::{
    FitOutcome, Progress, SurvivalData, TrainConfig, TrainedModel, Trainer, drive, shuffle,
};
use crate::{ModelError, Step};

/// `ChaCha8Rng` stream of the fold assignment (distinct from the training streams).
const FOLD_STREAM: u64 = 3;

/// Which half of its held-out fold a patient is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HeldOutRole {
    /// Used only to measure the fold's model.
    Test,
    /// Used for early stopping of the fold's model.
    Validation,
}

/// Which fold holds out each patient, and in which half.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoldAssignment {
    /// Per patient: the fold (0-based) that holds it out.
    fold: Vec<usize>,
    /// Per patient: its half of that fold.
    role: Vec<HeldOutRole>,
    /// Per fold: the held-out patients in their drawn order, test half first.
    held_out: Vec<Vec<usize>>,
}

impl FoldAssignment {
    /// Number of folds.
    pub fn n_folds(&self) -> usize {
        self.held_out.len()
    }

    /// Per patient, the fold (0-based) that holds it out.
    pub fn folds(&self) -> &[usize] {
        &self.fold
    }

    /// Per patient, its half of the held-out fold.
    pub fn roles(&self) -> &[HeldOutRole] {
        &self.role
    }

    /// The patients fold `k` trains on, in ascending row order.
    pub fn train_rows(&self, k: usize) -> Vec<usize> {
        (0..self.fold.len())
            .filter(|&i| self.fold[i] != k)
            .collect()
    }

    /// The test half of fold `k`, in drawn order (empty for a fold that does not exist).
    pub fn test_rows(&self, k: usize) -> &[usize] {
        self.held_out
            .get(k)
            .map_or(&[], |rows| &rows[..rows.len() / 2])
    }

    /// The validation half of fold `k`, in drawn order (empty for a fold that does not
    /// exist).
    pub fn validation_rows(&self, k: usize) -> &[usize] {
        self.held_out
            .get(k)
            .map_or(&[], |rows| &rows[rows.len() / 2..])
    }
}

/// Draws a stratified `k`-fold assignment of `n` patients.
///
/// `strata` gives each patient's stratum code (the study: cancer entity); `None` treats
/// all patients as one stratum.
///
/// # Errors
/// [`ModelError::InvalidSetting`] for `k < 2`; [`ModelError::Shape`] when `strata` does not
/// have `n` values; [`ModelError::InsufficientData`] when `n < 2k` (every fold needs a test
/// and a validation patient).
pub fn assign_folds(
    n: usize,
    strata: Option<&[u32]>,
    k: usize,
    seed: u64,
) -> Result<FoldAssignment, ModelError> {
    if k < 2 {
        return Err(ModelError::setting(
            "cross-validation",
            "the number of folds",
            "at least 2",
            k as f64,
        ));
    }
    if let Some(s) = strata
        && s.len() != n
    {
        return Err(ModelError::length(
            "cross-validation",
            "stratum code",
            n,
            s.len(),
        ));
    }
    if n < 2 * k {
        return Err(ModelError::insufficient(
            "cross-validation with test and validation halves",
            "two patients per fold, a test and a validation patient",
            n,
            "patients",
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(FOLD_STREAM);
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, &mut rng);

    let mut by_stratum: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let s = strata.map_or(0, |s| s[i]);
        by_stratum.entry(s).or_default().push(i);
    }
    let mut held_out: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut chunk_order: Vec<usize> = (0..k).collect();
    for members in by_stratum.values() {
        // Chunk c of an m-patient stratum has m/k patients, one more for c < m % k.
        let (base, extra) = (members.len() / k, members.len() % k);
        shuffle(&mut chunk_order, &mut rng);
        let mut start = 0;
        for (c, &fold) in chunk_order.iter().enumerate() {
            let len = base + usize::from(c < extra);
            held_out[fold].extend_from_slice(&members[start..start + len]);
            start += len;
        }
    }
    let mut fold = vec![0; n];
    let mut role = vec![HeldOutRole::Test; n];
    for (f, rows) in held_out.iter_mut().enumerate() {
        shuffle(rows, &mut rng);
        let half = rows.len() / 2;
        for (p, &i) in rows.iter().enumerate() {
            fold[i] = f;
            role[i] = if p < half {
                HeldOutRole::Test
            } else {
                HeldOutRole::Validation
            };
        }
    }
    if let Some(f) = held_out.iter().position(|rows| rows.len() < 2) {
        return Err(ModelError::insufficient(
            "cross-validation",
            "a test and a validation patient in every fold",
            held_out[f].len(),
            "held-out patients in this fold",
        )
        .in_step(Step::Fold {
            fold: f,
            stage: "held-out patients",
        }));
    }
    Ok(FoldAssignment {
        fold,
        role,
        held_out,
    })
}

/// `ChaCha8Rng` stream of [`holdout_split`].
const HOLDOUT_STREAM: u64 = 4;

/// A stratified split of `n` patients into training and test rows, both ascending: within
/// each stratum (`None`: one stratum) a random `test_fraction` of the patients, rounded to
/// the nearest patient, is held out.
///
/// # Errors
/// [`ModelError::InvalidSetting`] for a fraction outside (0, 1); [`ModelError::Shape`] when
/// `strata` does not have `n` values; [`ModelError::InsufficientData`] when either side
/// would be empty.
pub fn holdout_split(
    n: usize,
    strata: Option<&[u32]>,
    test_fraction: f64,
    seed: u64,
) -> Result<(Vec<usize>, Vec<usize>), ModelError> {
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(ModelError::setting(
            "held-out split",
            "the test fraction",
            "between 0 and 1",
            test_fraction,
        ));
    }
    if let Some(s) = strata
        && s.len() != n
    {
        return Err(ModelError::length(
            "held-out split",
            "stratum code",
            n,
            s.len(),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(HOLDOUT_STREAM);
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, &mut rng);
    let mut by_stratum: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in &order {
        by_stratum
            .entry(strata.map_or(0, |s| s[i]))
            .or_default()
            .push(i);
    }
    let mut is_test = vec![false; n];
    for members in by_stratum.values() {
        let k = (members.len() as f64 * test_fraction).round() as usize;
        for &i in &members[..k.min(members.len())] {
            is_test[i] = true;
        }
    }
    let (test, train): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| is_test[i]);
    if test.is_empty() || train.is_empty() {
        return Err(ModelError::insufficient(
            "held-out split",
            "a training and a test patient",
            n,
            "patients",
        ));
    }
    Ok((train, test))
}

/// The result of a cross-validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    /// Which fold held out each patient.
    pub assignment: FoldAssignment,
    /// Per patient, the log-risk from the fold model that held it out (test and
    /// validation halves alike, as the study saves them).
    pub out_of_fold_log_risk: Vec<f64>,
    /// Per fold, Harrell's C-index ([`crate::harrell_c`]) of its model on its test half;
    /// NaN without a comparable pair.
    pub test_c_index: Vec<f64>,
    /// Per fold, the trained model.
    pub models: Vec<TrainedModel>,
}

/// How [`cross_validate`] ended.
#[derive(Clone, Debug, PartialEq)]
pub enum CvOutcome {
    /// Every fold was trained.
    Completed(CrossValidation),
    /// The progress callback stopped training in fold `fold` (0-based).
    Cancelled {
        /// The fold being trained when cancelled.
        fold: usize,
    },
}

/// Cross-validates the deep Cox network with `folds` folds stratified by `strata`
/// ([`assign_folds`], seeded by `config.seed`), training each fold as [`crate::fit`] does
/// and calling `on_progress(fold, progress)` after every mini-batch; returning
/// [`ControlFlow::Break`] cancels.
///
/// # Errors
/// As [`assign_folds`] and [`Trainer::new`]; [`ModelError::InsufficientData`] naming the
/// fold whose training set or validation half has no event.
pub fn cross_validate(
    config: &TrainConfig,
    data: &SurvivalData,
    strata: Option<&[u32]>,
    folds: usize,
    mut on_progress: impl FnMut(usize, &Progress) -> ControlFlow<()>,
) -> Result<CvOutcome, ModelError> {
    config.validate()?;
    let assignment = assign_folds(data.n_patients(), strata, folds, config.seed)?;
    let initial = config.initial_network(data.n_features())?;
    let mut out_of_fold = vec![f64::NAN; data.n_patients()];
    let mut test_c_index = Vec::with_capacity(folds);
    let mut models = Vec::with_capacity(folds);
    for k in 0..folds {
        let in_fold = |stage: &'static str, e: ModelError| e.in_step(Step::Fold { fold: k, stage });

        let train = data
            .subset(&assignment.train_rows(k))
            .map_err(|e| in_fold("training set", e))?;
        let validation = data
            .subset(assignment.validation_rows(k))
            .map_err(|e| in_fold("validation half", e))?;
        let fold_config = TrainConfig {
            seed: fold_seed(config.seed, k),
            ..config.clone()
        };
        let trainer = Trainer::from_network(fold_config, initial.clone(), train, validation)?;
        let model = match drive(trainer, &mut |p: &Progress| on_progress(k, p))? {
            FitOutcome::Completed(model) => model,
            FitOutcome::Cancelled(_) => return Ok(CvOutcome::Cancelled { fold: k }),
        };

        let held_out = &assignment.held_out[k];
        let mut x = Vec::with_capacity(held_out.len() * data.n_features());
        for &i in held_out {
            let d = data.n_features();
            x.extend_from_slice(&data.x()[i * d..(i + 1) * d]);
        }
        let risk = model.network.predict(&x, held_out.len());
        for (&i, &r) in held_out.iter().zip(&risk) {
            out_of_fold[i] = f64::from(r);
        }
        let test = assignment.test_rows(k);
        let test_risk: Vec<f64> = test.iter().map(|&i| out_of_fold[i]).collect();
        let test_time: Vec<f64> = test.iter().map(|&i| data.time()[i]).collect();
        let test_event: Vec<bool> = test.iter().map(|&i| data.event()[i]).collect();
        test_c_index
            .push(harrell_c(&test_time, &test_event, &test_risk).map_or(f64::NAN, |c| c.index));
        models.push(model);
    }
    Ok(CvOutcome::Completed(CrossValidation {
        assignment,
        out_of_fold_log_risk: out_of_fold,
        test_c_index,
        models,
    }))
}

/// The seed of fold `k`'s shuffles and dropout masks: distinct per fold, fixed by `seed`
/// (a SplitMix64 step of `seed + k + 1`).
fn fold_seed(seed: u64, k: usize) -> u64 {
    let mut z = seed.wrapping_add(
        (k as u64)
            .wrapping_add(1)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_cover_everyone_once() {
        // 3 strata of 23, 10 and 7 patients over 5 folds: each stratum's count per fold
        // differs by at most one across folds.
        let strata: Vec<u32> = (0..40)
            .map(|i| {
                if i < 23 {
                    0
                } else if i < 33 {
                    1
                } else {
                    2
                }
            })
            .collect();
        let a = assign_folds(40, Some(&strata), 5, 7).unwrap();
        for s in 0..3 {
            let counts: Vec<usize> = (0..5)
                .map(|f| {
                    (0..40)
                        .filter(|&i| strata[i] == s && a.folds()[i] == f)
                        .count()
                })
                .collect();
            let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
            assert!(hi - lo <= 1, "stratum {s}: {counts:?}");
        }
        let mut seen = [0; 40];
        for f in 0..5 {
            for &i in a.test_rows(f).iter().chain(a.validation_rows(f)) {
                seen[i] += 1;
                assert_eq!(a.folds()[i], f);
            }
            let (t, v) = (a.test_rows(f).len(), a.validation_rows(f).len());
            assert!(
                t >= 1 && (v == t || v == t + 1),
                "fold {f}: test {t}, validation {v}"
            );
        }
        assert!(seen.iter().all(|&c| c == 1));
        assert_eq!(a, assign_folds(40, Some(&strata), 5, 7).unwrap());
    }
}
