//! Along one marker: the patient on screen's risk score and predicted 1- and 2-year
//! survival as one marker varies over the cohort's observed range, every other marker as
//! recorded (the ceteris-paribus profile, [`MarkerProfile`]), with the cohort's distribution
//! of that marker; and for the cohort, the partial dependence and the accumulated local
//! effects of the marker ([`CohortEffects`]).
//!
//! The computations are `survlens_xai::profile`'s, over raw marker values encoded by the
//! session's own encoder ([`WhatIf::encode_rows`]), so a marker set to "missing" is imputed
//! as the model imputes any missing value. Survival follows from the risk score as
//! everywhere in the page: `S(t) = S0(t)^exp(risk)` with the session's Breslow baseline
//! (and its calibration slope).

use serde::{Deserialize, Serialize};
use survlens_xai::{ValueKind, ale, ceteris_paribus, marker_grid, partial_dependence, sample_rows};

use crate::core::error::ComputeError;
use crate::core::i18n::Lang;
use crate::core::session::{MarkerInfo, Session};
use crate::core::units::DAYS_PER_YEAR;
use crate::views::patient_survival::HORIZON_YEARS;
use crate::views::whatif::WhatIf;

/// Points of a numeric marker's grid: its 5% quantiles.
pub const GRID_POINTS: usize = 21;
/// Bins of a numeric marker's accumulated local effects: its 5% quantiles, so that the ALE
/// is drawn at the same values as the partial dependence.
pub const ALE_BINS: usize = GRID_POINTS - 1;
/// The most patients the partial dependence and the ALE average over: beyond it, a sample
/// drawn with [`SAMPLE_SEED`]. 2,000 patients put the mean's sampling error well below the
/// chart's resolution and keep a marker's curves within a few hundred milliseconds in the
/// page.
pub const COHORT_SAMPLE: usize = 2_000;
/// The seed of the cohort sample.
pub const SAMPLE_SEED: u64 = 20_250_101;
/// Bars of a numeric marker's distribution.
pub const HISTOGRAM_BARS: usize = 20;

/// One value of the marker and what the model predicts there.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProfilePoint {
    /// The marker's raw value (a level index for a categorical marker; NaN: missing).
    pub value: f32,
    /// The value as the page shows it.
    pub text: String,
    /// The log-risk there.
    pub risk: f32,
    /// Predicted survival at each of [`HORIZON_YEARS`].
    pub survival: Vec<f64>,
    /// Whether this is the patient's own (recorded) value.
    pub own: bool,
}

/// Equal when every field is: the value by its bits, so that the missing point (NaN) equals
/// itself and a chart of the profile is not drawn again for an unchanged profile.
impl PartialEq for ProfilePoint {
    fn eq(&self, other: &Self) -> bool {
        self.value.to_bits() == other.value.to_bits()
            && self.text == other.text
            && self.risk.to_bits() == other.risk.to_bits()
            && self.survival.len() == other.survival.len()
            && self
                .survival
                .iter()
                .zip(&other.survival)
                .all(|(a, b)| a.to_bits() == b.to_bits())
            && self.own == other.own
    }
}

/// One bar of the cohort's distribution of a marker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistributionBar {
    /// Lower end (a numeric marker) or the level index.
    pub lo: f32,
    /// Upper end (a numeric marker) or the level index.
    pub hi: f32,
    /// The bar as a table names it: a range or a level.
    pub label: String,
    /// Patients with a value in `[lo, hi)` (the last bar includes `hi`) or at the level.
    pub count: usize,
}

/// The cohort's distribution of one marker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerDistribution {
    /// Equal-width bars over the observed range (numeric) or one per level.
    pub bars: Vec<DistributionBar>,
    /// Patients missing the marker.
    pub n_missing: usize,
}

/// What a marker is, as the profile charts name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerHeading {
    /// The marker (an index into the session's markers).
    pub marker: usize,
    /// Its name.
    pub name: String,
    /// Its unit (empty when unitless or categorical).
    pub unit: String,
    /// Whether its values are levels (categorical, binary, the entity).
    pub levels: bool,
}

impl MarkerHeading {
    /// The marker's name and unit as `lang` writes them.
    fn localize(&mut self, info: &MarkerInfo, lang: Lang) {
        self.name = info.name_in(lang).to_owned();
        self.unit = info.unit_in(lang);
    }
}

/// The ceteris-paribus profile of one patient along one marker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerProfile {
    /// The marker.
    pub heading: MarkerHeading,
    /// The patient's id.
    pub patient_id: String,
    /// The horizons of `survival`, in years.
    pub horizon_years: Vec<f64>,
    /// The marker's grid over the cohort's observed range, with the patient's own value
    /// among them (marked), in increasing order.
    pub points: Vec<ProfilePoint>,
    /// The marker missing (the encoder's imputation); marked as the patient's own when it is
    /// missing for the patient.
    pub missing: ProfilePoint,
    /// The cohort's distribution of the marker.
    pub distribution: MarkerDistribution,
}

/// One value of the marker in the cohort's curves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectPoint {
    /// The marker's raw value (a level index for a categorical marker).
    pub value: f32,
    /// The value as the page shows it.
    pub text: String,
    /// Partial dependence: the mean log-risk of the patients with the marker set here.
    pub pdp: f32,
    /// Accumulated local effect on the log-risk, centred on the patients' mean.
    pub ale: f32,
}

/// The partial dependence and accumulated local effects of one marker in the cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortEffects {
    /// The marker.
    pub heading: MarkerHeading,
    /// The curves at the marker's grid.
    pub points: Vec<EffectPoint>,
    /// Patients in each ALE bin (numeric: one fewer than `points`) or at each level.
    pub ale_counts: Vec<usize>,
    /// Patients the curves average over (a sample of [`COHORT_SAMPLE`] in a larger cohort).
    pub n_used: usize,
    /// Patients in the cohort.
    pub n_cohort: usize,
    /// The cohort's mean log-risk, the level the partial dependence hovers around.
    pub mean_risk: f32,
}

fn heading(session: &Session, marker: usize) -> Result<MarkerHeading, ComputeError> {
    let info = session
        .markers
        .get(marker)
        .ok_or(survlens_xai::XaiError::MarkerOutOfRange {
            what: "marker profile",
            marker,
            n_markers: session.n_markers(),
        })?;
    Ok(MarkerHeading {
        marker,
        name: info.name.clone(),
        unit: if info.levels.is_empty() {
            info.unit.clone()
        } else {
            String::new()
        },
        levels: !info.levels.is_empty(),
    })
}

fn scale(session: &Session, marker: usize) -> ValueKind {
    match session.markers.get(marker).map(|m| m.levels.len()) {
        Some(0) | None => ValueKind::Number,
        Some(n) => ValueKind::Levels(n),
    }
}

/// The log-risks of `n` rows of raw values (`n x n_markers`), encoded by the session's
/// encoder and predicted by its network.
fn predictor<'a>(
    session: &'a Session,
    whatif: &'a WhatIf,
) -> impl FnMut(&[f32], usize) -> Result<Vec<f32>, ComputeError> + 'a {
    let m = session.n_markers();
    move |rows: &[f32], n: usize| {
        let rows: Vec<&[f32]> = rows.chunks(m).collect();
        let x = whatif.encode_rows(session, &rows)?;
        Ok(session.model.network.predict(&x, n))
    }
}

fn survival(session: &Session, risk: f32) -> Vec<f64> {
    HORIZON_YEARS
        .iter()
        .map(|&y| {
            session
                .model
                .baseline
                .survival_at(y * DAYS_PER_YEAR, f64::from(risk))
        })
        .collect()
}

impl MarkerProfile {
    /// Patient `index` of `session` along marker `marker`.
    ///
    /// # Errors
    /// [`ComputeError::Xai`] for a patient or marker out of range or a marker nobody has;
    /// [`ComputeError::Data`] when the encoder refuses a value.
    pub fn build(
        session: &Session,
        whatif: &WhatIf,
        index: usize,
        marker: usize,
    ) -> Result<Self, ComputeError> {
        let heading = heading(session, marker)?;
        if index >= session.n_patients() {
            return Err(survlens_xai::XaiError::PatientOutOfRange {
                what: "marker profile",
                row: index,
                n_patients: session.n_patients(),
            }
            .into());
        }
        let m = session.n_markers();
        let all: Vec<usize> = (0..session.n_patients()).collect();
        let scale = scale(session, marker);
        let mut grid = marker_grid(&session.values, m, &all, marker, scale, GRID_POINTS)?;
        let patient = session.values_of(index);
        let own = patient[marker];
        if !own.is_nan() && !grid.contains(&own) {
            grid.push(own);
            grid.sort_by(f32::total_cmp);
        }
        grid.push(f32::NAN);
        let risks = ceteris_paribus(&mut predictor(session, whatif), patient, marker, &grid)?;
        let info = &session.markers[marker];
        let mut points: Vec<ProfilePoint> = grid
            .iter()
            .zip(&risks)
            .map(|(&value, &risk)| ProfilePoint {
                value,
                text: info.format(value),
                risk,
                survival: survival(session, risk),
                own: value.to_bits() == own.to_bits() || (own.is_nan() && value.is_nan()),
            })
            .collect();
        let missing = points
            .pop()
            .ok_or(survlens_xai::XaiError::NoObservedValues { marker })?;
        Ok(Self {
            heading,
            patient_id: session.patient_ids.get(index).cloned().unwrap_or_default(),
            horizon_years: HORIZON_YEARS.to_vec(),
            points,
            missing,
            distribution: distribution(session, marker),
        })
    }

    /// The same profile in `lang`: the marker's name and unit, the values with the
    /// language's decimal mark, and the level names (no and yes, the synthetic cohorts'
    /// cancer entities by their German names, other levels as the file names them).
    pub fn in_language(mut self, session: &Session, lang: Lang) -> Self {
        if lang == Lang::En {
            return self;
        }
        if let Some(info) = session.markers.get(self.heading.marker) {
            self.heading.localize(info, lang);
            for p in self
                .points
                .iter_mut()
                .chain(std::iter::once(&mut self.missing))
            {
                p.text = info.format_in(p.value, lang);
            }
            for b in &mut self.distribution.bars {
                b.label = if self.heading.levels {
                    info.format_in(b.lo, lang)
                } else {
                    format!(
                        "{}–{}",
                        info.format_in(b.lo, lang),
                        info.format_in(b.hi, lang)
                    )
                };
            }
        }
        self
    }

    /// The patient's own point (its recorded value, or the missing point).
    pub fn own(&self) -> &ProfilePoint {
        self.points.iter().find(|p| p.own).unwrap_or(&self.missing)
    }
}

impl CohortEffects {
    /// The same curves with the marker's name and values as `lang` writes them (German
    /// names from the marker dictionary, decimal commas, translated levels).
    pub fn in_language(mut self, session: &Session, lang: Lang) -> Self {
        if lang == Lang::En {
            return self;
        }
        if let Some(info) = session.markers.get(self.heading.marker) {
            self.heading.localize(info, lang);
            for p in &mut self.points {
                p.text = info.format_in(p.value, lang);
            }
        }
        self
    }

    /// The partial dependence and ALE of marker `marker` over `session`'s patients (a
    /// sample of [`COHORT_SAMPLE`] in a larger cohort).
    ///
    /// # Errors
    /// As [`MarkerProfile::build`].
    pub fn build(session: &Session, whatif: &WhatIf, marker: usize) -> Result<Self, ComputeError> {
        let heading = heading(session, marker)?;
        let m = session.n_markers();
        let rows = sample_rows(session.n_patients(), COHORT_SAMPLE, SAMPLE_SEED);
        let scale = scale(session, marker);
        let mut predict = predictor(session, whatif);
        let a = ale(
            &mut predict,
            &session.values,
            m,
            &rows,
            marker,
            scale,
            ALE_BINS,
        )?;
        let pdp = partial_dependence(&mut predict, &session.values, m, &rows, marker, &a.at)?;
        let info = &session.markers[marker];
        let n = session.n_patients().max(1) as f64;
        Ok(Self {
            heading,
            points: a
                .at
                .iter()
                .zip(&a.effect)
                .zip(&pdp)
                .map(|((&value, &ale), &pdp)| EffectPoint {
                    value,
                    text: info.format(value),
                    pdp,
                    ale,
                })
                .collect(),
            ale_counts: a.counts,
            n_used: rows.len(),
            n_cohort: session.n_patients(),
            mean_risk: (session.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / n) as f32,
        })
    }
}

/// The cohort's distribution of marker `marker`: equal-width bars over the observed range
/// (numeric) or one bar per level.
pub fn distribution(session: &Session, marker: usize) -> MarkerDistribution {
    let m = session.n_markers();
    let Some(info) = session.markers.get(marker) else {
        return MarkerDistribution {
            bars: Vec::new(),
            n_missing: 0,
        };
    };
    let column = (0..session.n_patients()).map(|i| session.values[i * m + marker]);
    let n_missing = column.clone().filter(|v| v.is_nan()).count();
    let bars = if info.levels.is_empty() {
        let (lo, hi) = column
            .clone()
            .filter(|v| !v.is_nan())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        if lo > hi {
            Vec::new()
        } else {
            let k = if hi > lo { HISTOGRAM_BARS } else { 1 };
            let width = (f64::from(hi) - f64::from(lo)) / k as f64;
            let mut counts = vec![0usize; k];
            for v in column.filter(|v| !v.is_nan()) {
                let b = if width > 0.0 {
                    (((f64::from(v) - f64::from(lo)) / width) as usize).min(k - 1)
                } else {
                    0
                };
                counts[b] += 1;
            }
            counts
                .into_iter()
                .enumerate()
                .map(|(b, count)| {
                    let a = (f64::from(lo) + width * b as f64) as f32;
                    let z = if b + 1 == k {
                        hi
                    } else {
                        (f64::from(lo) + width * (b + 1) as f64) as f32
                    };
                    DistributionBar {
                        lo: a,
                        hi: z,
                        label: format!("{}–{}", info.format(a), info.format(z)),
                        count,
                    }
                })
                .collect()
        }
    } else {
        let mut counts = vec![0usize; info.levels.len()];
        for v in column.filter(|v| !v.is_nan()) {
            if let Some(c) = counts.get_mut(v as usize) {
                *c += 1;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .map(|(l, count)| DistributionBar {
                lo: l as f32,
                hi: l as f32,
                label: info.levels[l].clone(),
                count,
            })
            .collect()
    };
    MarkerDistribution { bars, n_missing }
}
