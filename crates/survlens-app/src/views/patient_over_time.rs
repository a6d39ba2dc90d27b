//! The Patient view's explanation over time: how each marker moves the patient's predicted
//! survival `S(t | x) = exp(-H0(t) exp(c f(x)))` (the session's Breslow baseline and
//! calibration slope, as in [`crate::views::patient_survival`]) at every time, against
//! the mean predicted survival of [`N_REFERENCE`] reference patients of the cohort.
//!
//! The values are SurvSHAP(t) (Krzyziński et al. 2023, [`survlens_xai::survshap`]): each
//! marker (its one-hot levels, missing indicator and mirror input together, one player) gets
//! its Shapley value of `x -> S(t | x)` with a coalition worth the mean over the reference
//! patients of `S(t | x_S, z_rest)`. At every time they add up exactly to
//! `S(t | x) - mean_z S(t | z)` (efficiency). With hundreds of markers the values are
//! estimated from [`PAIRS`] seeded antithetic pairs of orderings ([`OVER_TIME_SEED`]), one
//! walk giving every time at once: each coalition's network outputs are computed once and
//! transformed for every time of the grid. The reference patients are drawn with the same
//! seed, so the same patient gets the same values every time.
//!
//! survlens-xai's SurvSHAP(t) agrees with survshap 0.4.2 (PyPI) within 1e-6 on a small
//! network (`survlens-xai/tests/survshap_reference.rs`).

use serde::{Deserialize, Serialize};
use survlens_xai::{Orderings, SurvShap, SurvShapProblem, sample_rows, survshap_permutations};

use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::Session;
use crate::core::units::DAYS_PER_MONTH;
use crate::views::patient_survival::{HORIZON_YEARS, chart_horizon_months};
use crate::views::whatif::WhatIf;

/// Reference patients the contributions are measured against.
pub const N_REFERENCE: usize = 32;
/// Antithetic pairs of orderings of the markers.
pub const PAIRS: usize = 8;
/// Seed of the reference patients and the orderings.
pub const OVER_TIME_SEED: u64 = 20_261_206;
/// Times of the grid besides the horizons (evenly spaced from 0 to the chart's reach).
pub const GRID_POINTS: usize = 49;
/// Markers shown as bars at a horizon.
pub const BAR_MARKERS: usize = 10;
/// Markers shown as curves over time.
pub const CURVE_MARKERS: usize = 5;

/// One marker's contribution at a horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerContribution {
    /// The marker (an index into the session's markers).
    pub marker: usize,
    /// Its name.
    pub name: String,
    /// The patient's value as the page shows it.
    pub value: String,
    /// Its contribution to the predicted survival, in probability (0.05 = 5 points).
    pub contribution: f64,
}

/// The contributions at one of the survival chart's horizons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HorizonContributions {
    /// The horizon in years.
    pub years: f64,
    /// The patient's predicted survival at the horizon.
    pub survival: f64,
    /// The reference patients' mean predicted survival at the horizon.
    pub reference: f64,
    /// The [`BAR_MARKERS`] markers with the largest absolute contributions, largest first.
    pub top: Vec<MarkerContribution>,
    /// The sum of every other marker's contribution.
    pub rest: f64,
    /// Markers in `rest`.
    pub n_rest: usize,
}

impl HorizonContributions {
    /// What the contributions add up to: the patient's survival minus the reference's.
    pub fn difference(&self) -> f64 {
        self.survival - self.reference
    }
}

/// One marker's contribution at every time of the grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerCurve {
    /// The marker (an index into the session's markers).
    pub marker: usize,
    /// Its name.
    pub name: String,
    /// Its contribution at every time of [`OverTime::months`], in probability.
    pub contribution: Vec<f64>,
}

/// The patient's explanation over time, as the Patient view's "Over time" section shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverTime {
    /// The patient (an index into the session).
    pub patient: usize,
    /// The patient's id.
    pub patient_id: String,
    /// The times of the grid in months, increasing from 0; the horizons are among them.
    pub months: Vec<f64>,
    /// The patient's predicted survival at every time.
    pub survival: Vec<f64>,
    /// The reference patients' mean predicted survival at every time.
    pub reference: Vec<f64>,
    /// The contributions at each of [`HORIZON_YEARS`].
    pub horizons: Vec<HorizonContributions>,
    /// The [`CURVE_MARKERS`] markers with the largest contributions over the grid (the
    /// integral of their absolute value over time, survshap's default ranking).
    pub curves: Vec<MarkerCurve>,
    /// Reference patients used.
    pub n_reference: usize,
    /// Orderings of the markers walked.
    pub orderings: usize,
    /// Network evaluations (one per coalition and reference patient).
    pub evaluations: usize,
    /// Largest gap between the contributions' sum and the difference they explain, over
    /// the grid (rounding only).
    pub efficiency_gap: f64,
}

/// The grid of times in months: [`GRID_POINTS`] evenly spaced from 0 to `reach`, with the
/// horizons of [`HORIZON_YEARS`] in place of the points within half a step of them.
pub fn time_grid(reach: f64) -> Vec<f64> {
    let step = reach / (GRID_POINTS - 1) as f64;
    let horizons = HORIZON_YEARS.map(|y| y * 12.0);
    // A grid point within half a step of a horizon gives way to the horizon.
    let mut months: Vec<f64> = (0..GRID_POINTS)
        .map(|k| step * k as f64)
        .filter(|m| *m == 0.0 || horizons.iter().all(|h| (m - h).abs() >= step / 2.0))
        .chain(horizons)
        .collect();
    months.sort_by(f64::total_cmp);
    months.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    months
}

impl OverTime {
    /// Patient `index` of `session`, its markers' contributions over time.
    ///
    /// # Errors
    /// [`ComputeError::Xai`] for a patient out of range; [`ComputeError::Data`] when the
    /// encoder refuses a value.
    pub fn build(session: &Session, whatif: &WhatIf, index: usize) -> Result<Self, ComputeError> {
        Self::build_with_pairs(session, whatif, index, PAIRS)
    }

    /// As [`OverTime::build`] with `pairs` antithetic pairs of orderings instead of
    /// [`PAIRS`] (to measure the sampling error against many more).
    ///
    /// # Errors
    /// As [`OverTime::build`]; [`ComputeError::Xai`] for no pairs.
    pub fn build_with_pairs(
        session: &Session,
        whatif: &WhatIf,
        index: usize,
        pairs: usize,
    ) -> Result<Self, ComputeError> {
        if index >= session.n_patients() {
            return Err(survlens_xai::XaiError::PatientOutOfRange {
                what: "explanation over time",
                row: index,
                n_patients: session.n_patients(),
            }
            .into());
        }
        let reference_rows = sample_rows(session.n_patients(), N_REFERENCE, OVER_TIME_SEED);
        let rows: Vec<&[f32]> = reference_rows
            .iter()
            .map(|&i| session.values_of(i))
            .collect();
        let background = whatif.encode_rows(session, &rows)?;
        let x = whatif.encode(session, session.values_of(index))?;
        let baseline = &session.model.baseline;
        let months = time_grid(chart_horizon_months(baseline));
        let hazard: Vec<f64> = months
            .iter()
            .map(|m| baseline.cumulative_hazard_at(m * DAYS_PER_MONTH))
            .collect();
        let problem = SurvShapProblem {
            x: &x,
            background: &background,
            player_of: whatif.input_to_marker(),
            n_players: session.n_markers(),
            cumulative_hazard: &hazard,
            slope: baseline.slope(),
        };
        let shap = survshap_permutations(
            &session.model.network,
            &problem,
            Orderings::Sampled {
                pairs,
                seed: OVER_TIME_SEED,
            },
        )?;
        let values = session.values_of(index);
        let horizons = HORIZON_YEARS
            .iter()
            .filter_map(|&years| {
                let t = months
                    .iter()
                    .position(|&m| (m - years * 12.0).abs() < 1e-9)?;
                Some(horizon(session, values, &shap, years, t))
            })
            .collect();
        let mut ranked: Vec<(usize, f64)> = (0..shap.n_players)
            .map(|j| (j, integral(&months, shap.player(j))))
            .filter(|&(_, a)| a > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let curves = ranked
            .iter()
            .take(CURVE_MARKERS)
            .map(|&(j, _)| MarkerCurve {
                marker: j,
                name: session.markers[j].name.clone(),
                contribution: shap.player(j).to_vec(),
            })
            .collect();
        Ok(Self {
            patient: index,
            patient_id: session.patient_ids.get(index).cloned().unwrap_or_default(),
            months,
            efficiency_gap: shap.efficiency_gap(),
            survival: shap.survival,
            reference: shap.reference,
            horizons,
            curves,
            n_reference: reference_rows.len(),
            orderings: shap.orderings,
            evaluations: shap.evaluations,
        })
    }

    /// The contributions at the horizon of `years`, if it is one of [`HORIZON_YEARS`].
    pub fn at(&self, years: f64) -> Option<&HorizonContributions> {
        self.horizons
            .iter()
            .find(|h| (h.years - years).abs() < 1e-9)
    }

    /// The caption: what is shown, in plain words.
    pub fn caption(&self) -> String {
        self.caption_in(Lang::En)
    }

    /// [`Self::caption`] in `lang`.
    pub fn caption_in(&self, lang: Lang) -> String {
        lang.t_with(
            "vm-overtime-caption",
            &[
                ("references", Arg::Count(self.n_reference as u64)),
                ("orderings", Arg::Count(self.orderings as u64)),
            ],
        )
    }
}

fn horizon(
    session: &Session,
    values: &[f32],
    shap: &SurvShap,
    years: f64,
    t: usize,
) -> HorizonContributions {
    let mut order: Vec<usize> = (0..shap.n_players).collect();
    let at = |j: usize| shap.player(j).get(t).copied().unwrap_or(0.0);
    order.sort_by(|&a, &b| at(b).abs().total_cmp(&at(a).abs()).then(a.cmp(&b)));
    let (top, rest) = order.split_at(BAR_MARKERS.min(order.len()));
    HorizonContributions {
        years,
        survival: shap.survival.get(t).copied().unwrap_or(f64::NAN),
        reference: shap.reference.get(t).copied().unwrap_or(f64::NAN),
        top: top
            .iter()
            .map(|&j| MarkerContribution {
                marker: j,
                name: session.markers[j].name.clone(),
                value: session.markers[j].format(values.get(j).copied().unwrap_or(f32::NAN)),
                contribution: at(j),
            })
            .collect(),
        rest: rest.iter().map(|&j| at(j)).sum(),
        n_rest: rest.len(),
    }
}

/// The trapezoidal integral of `|y|` over `x`.
fn integral(x: &[f64], y: &[f64]) -> f64 {
    x.windows(2)
        .zip(y.windows(2))
        .map(|(x, y)| (x[1] - x[0]) * (y[0].abs() + y[1].abs()) / 2.0)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_holds_the_horizons_once_and_increases() {
        let g = time_grid(60.0);
        assert!(g.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(g.first(), Some(&0.0));
        assert_eq!(g.last(), Some(&60.0));
        for y in HORIZON_YEARS {
            assert_eq!(g.iter().filter(|&&m| m == y * 12.0).count(), 1);
        }
    }
}
