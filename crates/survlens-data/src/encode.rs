//! Preprocessing: turns a cohort's markers into the network's input matrix, with every
//! statistic learnt from the training patients only and stored (serde) with the model.
//!
//! # What each marker becomes
//! - **Numeric**: one *value* column, scaled by the training statistics: to [0, 1] by the
//!   training minimum and maximum ([`Scaling::MinMax`], the study's choice) or to
//!   `(x - mean) / sd` ([`Scaling::ZScore`], population sd as scikit-learn's
//!   `StandardScaler`). Statistics use the observed (non-missing) training values. Values
//!   outside the training range are **not clipped**: they are encoded as they are (below 0
//!   or above 1 with min-max) and reported as [`RangeFlag`]s for the viewer's warnings. A
//!   marker constant in training encodes as 0.
//! - **Skewed numeric** ([`NumericTransform::LogWhenSkewed`]): a marker whose observed
//!   training values are non-negative and right-skewed (sample skewness above
//!   [`SKEWNESS_THRESHOLD`], at least [`MIN_DISTINCT_FOR_LOG`] distinct values), as many
//!   laboratory values are (CRP, bilirubin, tumour markers), is first mapped to
//!   `ln(max(x + shift, floor))`, kept only when that lowers the absolute skewness; the
//!   scaling statistics are then those of the transformed values. `shift` is 0 when every
//!   training value is positive, else half the smallest positive one (a zero then maps
//!   just below the smallest positive value instead of to minus infinity); `floor` is half
//!   the smallest shifted training value, so a new cohort's value below every training value
//!   (which is also flagged) stays finite. Without it min-max scaling squeezes a skewed
//!   marker's bulk into a corner of [0, 1] and a z-score lets a few extreme values dominate.
//! - **Binary**: one value column holding 0/1 as is, under either scaling.
//! - **Categorical**: one 0/1 column per level seen in training (one-hot, the study's
//!   [`CategoricalCoding::AllLevels`]), levels in [`natural_order`]; or
//!   ([`CategoricalCoding::Reference`]) one column per level except a *reference level*
//!   that encodes as all zeros: the level that names an absent condition (`no`, `none`,
//!   `absent`, `negative`, `normal`, `false`, `0`, any case) when there is one, else the most
//!   frequent training level (ties: first in level order). With LRP an input of zero
//!   receives no relevance, so under reference coding "no AV block" is not an active input
//!   that draws relevance, and a level's relevance reads as its effect against the
//!   reference. A level not seen in training follows [`UnseenLevels`] and is always
//!   flagged.
//! - **Missing values**: imputed in the marker's own units, then encoded like any value:
//!   numeric by the training median, binary by the more frequent value (ties: 0),
//!   categorical by the most frequent level (ties: first in level order). A
//!   *missing indicator* column (1 = the value was missing) follows the marker's columns
//!   when [`MissingIndicators`] asks for one; its relevance belongs to the marker.
//!   A marker never observed in training imputes 0 (numeric, binary) or no level.
//! - **Entity** (cancer type), when included: one 0/1 column per training entity, like the
//!   study's `Cancer_*` inputs; it counts as one more "marker" after the real ones.
//! - **Mirror** (optional, min-max scaling only): every column `x` above is followed, as a
//!   second block, by `1 - x`. With LRP an input of 0 never receives relevance, so without
//!   the mirror a low value could never explain a risk; the mirror lets low values carry
//!   relevance too, and the two relevances are summed back into the marker (the mirroring
//!   of Keyl et al., Nature Cancer 2025, in the authors' published code, where it is built
//!   but switched off).
//!
//! Every statistic is computed from sorted values or counts, so the encoding of a patient
//! does not depend on the order of the training rows.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::cohort::{Categorical, CohortView, MarkerKind, MarkerValues, natural_order};
use crate::error::DataError;

/// How numeric markers are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scaling {
    /// `(x - min) / (max - min)` with training min and max: [0, 1] in training (the study).
    #[default]
    MinMax,
    /// `(x - mean) / sd` with training mean and population standard deviation.
    ZScore,
}

/// Whether skewed numeric markers are log-transformed before scaling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NumericTransform {
    /// Scale the values as they are (the study).
    #[default]
    None,
    /// `ln(max(x + shift, floor))` for non-negative markers with a training skewness above
    /// [`SKEWNESS_THRESHOLD`] when that lowers the skewness (see the module documentation).
    LogWhenSkewed,
}

/// How a categorical marker becomes input columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CategoricalCoding {
    /// One 0/1 column per training level (the study's one-hot encoding).
    #[default]
    AllLevels,
    /// One 0/1 column per training level except the reference level, which encodes as all
    /// zeros (see the module documentation).
    Reference,
}

/// Sample skewness above which [`NumericTransform::LogWhenSkewed`] considers a log
/// transform (1: a common rule of thumb for a "highly skewed" distribution, Bulmer 1979).
pub const SKEWNESS_THRESHOLD: f64 = 1.0;

/// Fewest distinct observed training values for a log transform: a marker with a handful
/// of values is a score or a count whose steps should stay evenly spaced.
pub const MIN_DISTINCT_FOR_LOG: usize = 10;

/// Level names that mean an absent condition, compared without regard to case: the
/// reference level of [`CategoricalCoding::Reference`] when a marker has one.
pub const ABSENT_LEVELS: [&str; 8] = [
    "no", "none", "absent", "negative", "normal", "false", "0", "never",
];

/// A log transform of a numeric marker, `ln(max(x + shift, floor))`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogTransform {
    /// Added before the logarithm (0 when every training value is positive).
    pub shift: f64,
    /// Smallest argument of the logarithm, `> 0`.
    pub floor: f64,
}

impl LogTransform {
    /// The transformed value of `x` (in the marker's units).
    pub fn apply(&self, x: f64) -> f64 {
        (x + self.shift).max(self.floor).ln()
    }
}

/// When a marker gets a missing-indicator column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MissingIndicators {
    /// Only markers with at least one missing value among the training patients (a column
    /// that is always 0 in training carries nothing the network could learn).
    #[default]
    WhenMissingInTraining,
    /// Every marker.
    Always,
    /// None: missing values are imputed silently.
    Never,
}

/// What a categorical level (or entity) never seen in training becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum UnseenLevels {
    /// All level columns 0 (as scikit-learn's `handle_unknown="ignore"`).
    #[default]
    AllZero,
    /// Treated as a missing value: imputed, and the missing indicator set if there is one.
    AsMissing,
    /// Refused with [`DataError::UnseenLevel`].
    Error,
}

/// Preprocessing settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncoderConfig {
    /// Scaling of numeric markers (default min-max, as the study).
    pub scaling: Scaling,
    /// Missing-indicator columns (default: for markers missing in training).
    pub missing_indicators: MissingIndicators,
    /// Unseen categorical levels (default: all level columns 0).
    pub unseen_levels: UnseenLevels,
    /// Append the `1 - x` mirror of every column (default off; min-max only).
    pub mirror: bool,
    /// One-hot encode the cancer entity as inputs when the training cohort has one
    /// (default on, as the study).
    pub include_entity: bool,
    /// Log transform of skewed numeric markers (default none, as the study).
    #[serde(default)]
    pub transform: NumericTransform,
    /// Columns of categorical markers (default one per level, as the study).
    #[serde(default)]
    pub categorical: CategoricalCoding,
}

impl Default for EncoderConfig {
    /// The study's preprocessing ([`EncoderConfig::study`]).
    fn default() -> Self {
        Self::study()
    }
}

impl EncoderConfig {
    /// The study's preprocessing: min-max scaling, one column per categorical level,
    /// missing indicators for markers missing in training, the entity one-hot.
    pub fn study() -> Self {
        Self {
            scaling: Scaling::MinMax,
            missing_indicators: MissingIndicators::WhenMissingInTraining,
            unseen_levels: UnseenLevels::AllZero,
            mirror: false,
            include_entity: true,
            transform: NumericTransform::None,
            categorical: CategoricalCoding::AllLevels,
        }
    }

    /// The preprocessing of survlens' `auto` training recipe: skewed markers
    /// log-transformed, then z-scores; categorical markers against a reference level;
    /// missing indicators for markers missing in training; the entity one-hot. Zero input
    /// then means "the training average" for a numeric marker and "the reference level" for
    /// a categorical one, which is what LRP measures relevance against.
    pub fn auto() -> Self {
        Self {
            scaling: Scaling::ZScore,
            transform: NumericTransform::LogWhenSkewed,
            categorical: CategoricalCoding::Reference,
            ..Self::study()
        }
    }

    /// Learns the preprocessing from the training patients `train` (only those rows are
    /// read). Fails on an empty training set or mirroring without min-max scaling.
    pub fn fit(&self, train: CohortView<'_>) -> Result<Encoder, DataError> {
        if train.is_empty() {
            return Err(DataError::EmptyTrainingSet);
        }
        if self.mirror && self.scaling != Scaling::MinMax {
            return Err(DataError::InvalidSettings {
                reason: "mirroring (1 - x) needs min-max scaling to [0, 1]",
            });
        }
        let cohort = train.cohort();
        let markers: Vec<MarkerPlan> = cohort
            .markers()
            .iter()
            .map(|m| MarkerPlan {
                name: m.name().to_owned(),
                encoding: match m.values() {
                    MarkerValues::Numeric(v) => self.fit_numeric(v, &train),
                    MarkerValues::Binary(v) => self.fit_binary(v, &train),
                    MarkerValues::Categorical(c) => self.fit_categorical(c, &train),
                },
            })
            .collect();
        let entity = match (
            self.include_entity,
            cohort.entity(),
            &cohort.columns().entity,
        ) {
            (true, Some(e), Some(name)) => Some(EntityPlan {
                name: name.clone(),
                levels: observed_levels(e, &train).0,
            }),
            _ => None,
        };
        let features = feature_map(&markers, entity.as_ref(), self.mirror);
        Ok(Encoder {
            config: *self,
            markers,
            entity,
            features,
        })
    }

    fn indicator(&self, missing: usize) -> bool {
        match self.missing_indicators {
            MissingIndicators::WhenMissingInTraining => missing > 0,
            MissingIndicators::Always => true,
            MissingIndicators::Never => false,
        }
    }

    fn fit_numeric(&self, values: &[f32], train: &CohortView<'_>) -> MarkerEncoding {
        let mut observed: Vec<f64> = train
            .row_indices()
            .filter_map(|r| values.get(r).copied())
            .filter(|v| !v.is_nan())
            .map(f64::from)
            .collect();
        let missing = train.len() - observed.len();
        observed.sort_unstable_by(f64::total_cmp);
        let n = observed.len();
        let range = observed
            .first()
            .zip(observed.last())
            .map(|(&lo, &hi)| [lo, hi]);
        let median = if n == 0 {
            0.0
        } else if n % 2 == 1 {
            observed[n / 2]
        } else {
            0.5 * (observed[n / 2 - 1] + observed[n / 2])
        };
        let log = match self.transform {
            NumericTransform::LogWhenSkewed => log_transform_for(&observed),
            NumericTransform::None => None,
        };
        if let Some(t) = &log {
            // The transform is increasing, so the order (and the sorted sum) is kept.
            for x in &mut observed {
                *x = t.apply(*x);
            }
        }
        let (mean, sd) = moments(&observed);
        let (center, scale) = match (self.scaling, observed.first(), observed.last()) {
            (_, None, _) | (_, _, None) => (0.0, 0.0),
            (Scaling::MinMax, Some(&lo), Some(&hi)) => (lo, hi - lo),
            (Scaling::ZScore, Some(_), Some(_)) => (mean, sd),
        };
        MarkerEncoding::Numeric {
            range,
            center,
            scale,
            impute: median,
            observed: n,
            indicator: self.indicator(missing),
            log,
        }
    }

    fn fit_binary(&self, values: &[f32], train: &CohortView<'_>) -> MarkerEncoding {
        let (mut zeros, mut ones) = (0usize, 0usize);
        for r in train.row_indices() {
            let v = values.get(r).copied().unwrap_or(f32::NAN);
            if v == 1.0 {
                ones += 1;
            } else if v == 0.0 {
                zeros += 1;
            }
        }
        MarkerEncoding::Binary {
            impute: if ones > zeros { 1.0 } else { 0.0 },
            observed: zeros + ones,
            indicator: self.indicator(train.len() - zeros - ones),
        }
    }

    fn fit_categorical(&self, column: &Categorical, train: &CohortView<'_>) -> MarkerEncoding {
        let (levels, counts) = observed_levels(column, train);
        let observed: usize = counts.iter().sum();
        // First maximum in level order breaks ties.
        let mode = counts
            .iter()
            .enumerate()
            .fold(None, |best: Option<(usize, usize)>, (i, &c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ if c > 0 => Some((i, c)),
                _ => best,
            })
            .map(|(i, _)| i);
        let reference = match self.categorical {
            CategoricalCoding::AllLevels => None,
            CategoricalCoding::Reference => levels
                .iter()
                .position(|l| {
                    ABSENT_LEVELS
                        .iter()
                        .any(|a| l.trim().eq_ignore_ascii_case(a))
                })
                .or(mode),
        };
        MarkerEncoding::Categorical {
            levels,
            mode,
            observed,
            indicator: self.indicator(train.len() - observed),
            reference,
        }
    }
}

/// Mean and population standard deviation of values summed in the given (sorted) order,
/// so the same training set in any row order gives the same bits; zeros when empty.
fn moments(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Sample skewness `m3 / m2^1.5` (the biased moment estimator, scipy's default); 0 for
/// constant or fewer than three values.
fn skewness(values: &[f64]) -> f64 {
    let (mean, sd) = moments(values);
    if values.len() < 3 || sd <= 0.0 {
        return 0.0;
    }
    let n = values.len() as f64;
    let m3 = values.iter().map(|x| (x - mean).powi(3)).sum::<f64>() / n;
    m3 / sd.powi(3)
}

/// The log transform of [`NumericTransform::LogWhenSkewed`] for sorted observed values, or
/// `None` when the marker does not qualify or the transform would not lower its skewness.
fn log_transform_for(sorted: &[f64]) -> Option<LogTransform> {
    let (&lo, _) = sorted.first().zip(sorted.last())?;
    if lo < 0.0 {
        return None;
    }
    let distinct = 1 + sorted.windows(2).filter(|w| w[1] > w[0]).count();
    if distinct < MIN_DISTINCT_FOR_LOG {
        return None;
    }
    let raw = skewness(sorted);
    if raw <= SKEWNESS_THRESHOLD {
        return None;
    }
    let smallest_positive = sorted.iter().copied().find(|&x| x > 0.0)?;
    let shift = if lo > 0.0 {
        0.0
    } else {
        smallest_positive / 2.0
    };
    let floor = (lo + shift) / 2.0;
    let transform = LogTransform { shift, floor };
    let logged: Vec<f64> = sorted.iter().map(|&x| transform.apply(x)).collect();
    (skewness(&logged).abs() < raw.abs()).then_some(transform)
}

/// Levels of `column` present among the training rows, in natural order, with counts.
fn observed_levels(column: &Categorical, train: &CohortView<'_>) -> (Vec<String>, Vec<usize>) {
    let mut counts = vec![0usize; column.levels().len()];
    for r in train.row_indices() {
        if let Some(slot) = column
            .codes()
            .get(r)
            .and_then(|&c| counts.get_mut(c as usize))
        {
            *slot += 1;
        }
    }
    let mut present: Vec<(&str, usize)> = column
        .levels()
        .iter()
        .zip(&counts)
        .filter(|&(_, &c)| c > 0)
        .map(|(l, &c)| (l.as_str(), c))
        .collect();
    present.sort_by(|a, b| natural_order(a.0, b.0));
    present.into_iter().map(|(l, c)| (l.to_owned(), c)).unzip()
}

/// How one marker is encoded, with the training statistics it needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MarkerEncoding {
    /// A numeric marker: `(x - center) / scale` (0 when `scale` is 0).
    Numeric {
        /// Training minimum and maximum, `None` when never observed in training.
        range: Option<[f64; 2]>,
        /// Subtracted before scaling: min (min-max) or mean (z-score).
        center: f64,
        /// Divisor: max - min (min-max) or the standard deviation (z-score).
        scale: f64,
        /// Imputed value for a missing cell, in the marker's units (the training median).
        impute: f64,
        /// Number of observed training values.
        observed: usize,
        /// Whether a missing-indicator column follows.
        indicator: bool,
        /// The log transform applied before `center` and `scale` (which are then
        /// statistics of the transformed values); `None`: the value as it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        log: Option<LogTransform>,
    },
    /// A binary marker, encoded as its 0/1 value.
    Binary {
        /// Imputed value (the more frequent one in training, ties 0).
        impute: f64,
        /// Number of observed training values.
        observed: usize,
        /// Whether a missing-indicator column follows.
        indicator: bool,
    },
    /// A categorical marker, one-hot over its training levels.
    Categorical {
        /// Training levels in natural order; one column each but the reference level's.
        levels: Vec<String>,
        /// Index of the imputed (most frequent) level; `None` if never observed.
        mode: Option<usize>,
        /// Number of observed training values.
        observed: usize,
        /// Whether a missing-indicator column follows.
        indicator: bool,
        /// Index of the reference level, which has no column (all zeros); `None`: every
        /// level has a column (the study's one-hot encoding).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<usize>,
    },
}

impl MarkerEncoding {
    /// The marker kind this encoding was fitted on.
    pub fn kind(&self) -> MarkerKind {
        match self {
            MarkerEncoding::Numeric { .. } => MarkerKind::Numeric,
            MarkerEncoding::Binary { .. } => MarkerKind::Binary,
            MarkerEncoding::Categorical { .. } => MarkerKind::Categorical,
        }
    }

    /// The level of a categorical marker that encodes as all zeros, if any.
    pub fn reference_level(&self) -> Option<&str> {
        match self {
            MarkerEncoding::Categorical {
                levels,
                reference: Some(r),
                ..
            } => levels.get(*r).map(String::as_str),
            _ => None,
        }
    }

    /// The log transform of a numeric marker, if any.
    pub fn log_transform(&self) -> Option<&LogTransform> {
        match self {
            MarkerEncoding::Numeric { log, .. } => log.as_ref(),
            _ => None,
        }
    }

    fn has_indicator(&self) -> bool {
        match self {
            MarkerEncoding::Numeric { indicator, .. }
            | MarkerEncoding::Binary { indicator, .. }
            | MarkerEncoding::Categorical { indicator, .. } => *indicator,
        }
    }
}

/// One marker's name and encoding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkerPlan {
    /// The marker name, matched by name in the cohorts to encode.
    pub name: String,
    /// Its encoding.
    pub encoding: MarkerEncoding,
}

/// The entity's one-hot encoding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityPlan {
    /// The entity column name.
    pub name: String,
    /// Training entities in natural order; one column each.
    pub levels: Vec<String>,
}

/// What an encoded input column stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureRole {
    /// A numeric or binary marker's (scaled) value.
    Value,
    /// 1 when the marker's value was missing (and imputed).
    MissingIndicator,
    /// 1 when a categorical marker has this level.
    Level(String),
    /// 1 when the patient's cancer entity is this one.
    Entity(String),
    /// `1 - x` of input column `of`.
    Mirror {
        /// Index of the mirrored column.
        of: usize,
    },
}

/// One input column of the design matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feature {
    /// Index of the marker it belongs to (see [`FeatureMap::marker_names`]).
    pub marker: usize,
    /// What it stands for.
    pub role: FeatureRole,
    /// Display name, e.g. `age`, `age (missing)`, `grade = II`, `age (mirror)`.
    pub name: String,
}

/// Describes every column of the design matrix and the marker it belongs to, so relevances
/// of values, indicators, levels and mirrors can be summed back into one per marker.
///
/// Marker indices `0..n` are the cohort's markers in order; when the entity is encoded it
/// is marker `n`, named after its column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureMap {
    marker_names: Vec<String>,
    features: Vec<Feature>,
}

impl FeatureMap {
    /// Number of input columns.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// Whether there are no input columns.
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The input columns in design-matrix order.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// Display names of the input columns, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.features.iter().map(|f| f.name.as_str())
    }

    /// Names of the markers (and the entity, last, when encoded).
    pub fn marker_names(&self) -> &[String] {
        &self.marker_names
    }

    /// Number of markers, counting an encoded entity as one.
    pub fn n_markers(&self) -> usize {
        self.marker_names.len()
    }

    /// The marker index of every input column.
    ///
    /// # Shapes
    /// Returns `len()` indices, each below `n_markers()`.
    pub fn input_to_marker(&self) -> Vec<usize> {
        self.features.iter().map(|f| f.marker).collect()
    }

    /// Sums per-input values (e.g. one patient's relevances) into one value per marker.
    ///
    /// # Shapes
    /// `per_input`: `len()` values; returns `n_markers()` sums.
    pub fn sum_by_marker<T: Copy + Into<f64>>(
        &self,
        per_input: &[T],
    ) -> Result<Vec<f64>, DataError> {
        if per_input.len() != self.features.len() {
            return Err(DataError::LengthMismatch {
                column: "inputs".into(),
                expected: self.features.len(),
                found: per_input.len(),
            });
        }
        let mut sums = vec![0.0; self.marker_names.len()];
        for (f, &v) in self.features.iter().zip(per_input) {
            if let Some(s) = sums.get_mut(f.marker) {
                *s += v.into();
            }
        }
        Ok(sums)
    }

    /// Indices of the input columns of marker `marker`.
    pub fn columns_of(&self, marker: usize) -> impl Iterator<Item = usize> + '_ {
        self.features
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.marker == marker)
            .map(|(i, _)| i)
    }
}

/// Builds the feature map; the single source of the column layout for fit, transform and
/// validation.
fn feature_map(markers: &[MarkerPlan], entity: Option<&EntityPlan>, mirror: bool) -> FeatureMap {
    let mut features = Vec::new();
    let mut marker_names: Vec<String> = markers.iter().map(|m| m.name.clone()).collect();
    for (k, m) in markers.iter().enumerate() {
        let name = &m.name;
        match &m.encoding {
            MarkerEncoding::Numeric { .. } | MarkerEncoding::Binary { .. } => {
                features.push(Feature {
                    marker: k,
                    role: FeatureRole::Value,
                    name: name.clone(),
                });
            }
            MarkerEncoding::Categorical {
                levels, reference, ..
            } => {
                features.extend(
                    levels
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| Some(i) != *reference)
                        .map(|(_, l)| Feature {
                            marker: k,
                            role: FeatureRole::Level(l.clone()),
                            name: format!("{name} = {l}"),
                        }),
                );
            }
        }
        if m.encoding.has_indicator() {
            features.push(Feature {
                marker: k,
                role: FeatureRole::MissingIndicator,
                name: format!("{name} (missing)"),
            });
        }
    }
    if let Some(e) = entity {
        let k = marker_names.len();
        marker_names.push(e.name.clone());
        features.extend(e.levels.iter().map(|l| Feature {
            marker: k,
            role: FeatureRole::Entity(l.clone()),
            name: format!("{} = {l}", e.name),
        }));
    }
    if mirror {
        let base = features.len();
        for of in 0..base {
            let f = &features[of];
            let mirrored = Feature {
                marker: f.marker,
                role: FeatureRole::Mirror { of },
                name: format!("{} (mirror)", f.name),
            };
            features.push(mirrored);
        }
    }
    FeatureMap {
        marker_names,
        features,
    }
}

/// A patient-major `f32` matrix.
///
/// # Shapes
/// `rows x cols`, row-major: value `(i, j)` at `i * cols + j`.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignMatrix {
    values: Vec<f32>,
    rows: usize,
    cols: usize,
}

impl DesignMatrix {
    /// Number of rows (patients).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (inputs).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// All values, row-major.
    pub fn as_slice(&self) -> &[f32] {
        &self.values
    }

    /// Row `i` (`cols` values); empty when out of range.
    pub fn row(&self, i: usize) -> &[f32] {
        self.values
            .get(i * self.cols..(i + 1) * self.cols)
            .unwrap_or(&[])
    }

    /// The values, row-major.
    pub fn into_vec(self) -> Vec<f32> {
        self.values
    }
}

/// Why a value was flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeFlagKind {
    /// Below the training minimum (encoded unclipped).
    BelowTraining {
        /// The value.
        value: f32,
        /// The training minimum.
        min: f64,
    },
    /// Above the training maximum (encoded unclipped).
    AboveTraining {
        /// The value.
        value: f32,
        /// The training maximum.
        max: f64,
    },
    /// A category (or entity) never seen in training.
    UnseenLevel {
        /// The level.
        level: String,
    },
}

/// One clause for a reader, numbers rounded ([`crate::display::distinct_pair`]):
/// "0.04 is below the training minimum of 0.047; the model extrapolates". The caller names
/// the patient and the marker.
impl std::fmt::Display for RangeFlagKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BelowTraining { value, min } => {
                let (value, min) = crate::display::distinct_pair(f64::from(*value), *min);
                write!(
                    f,
                    "{value} is below the training minimum of {min}; the model extrapolates"
                )
            }
            Self::AboveTraining { value, max } => {
                let (value, max) = crate::display::distinct_pair(f64::from(*value), *max);
                write!(
                    f,
                    "{value} is above the training maximum of {max}; the model extrapolates"
                )
            }
            Self::UnseenLevel { level } => write!(
                f,
                "\"{level}\" never occurred in training; the model cannot use it"
            ),
        }
    }
}

/// A value outside what the model saw in training, for the viewer's warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RangeFlag {
    /// Patient index within the encoded view.
    pub row: usize,
    /// Marker index (see [`FeatureMap::marker_names`]).
    pub marker: usize,
    /// What is unusual.
    pub kind: RangeFlagKind,
}

/// The design matrix of a set of patients and the values flagged on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The input matrix.
    ///
    /// # Shapes
    /// `patients x features`, row-major, rows in view order.
    pub design: DesignMatrix,
    /// Flags, ordered by marker then patient.
    pub flags: Vec<RangeFlag>,
}

/// Fitted preprocessing: serialise it with the model, apply it to any cohort with the same
/// marker names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    config: EncoderConfig,
    markers: Vec<MarkerPlan>,
    entity: Option<EntityPlan>,
    features: FeatureMap,
}

impl Encoder {
    /// The settings it was fitted with.
    pub fn config(&self) -> &EncoderConfig {
        &self.config
    }

    /// Per-marker encodings with their training statistics.
    pub fn markers(&self) -> &[MarkerPlan] {
        &self.markers
    }

    /// The entity encoding, if the entity is an input.
    pub fn entity(&self) -> Option<&EntityPlan> {
        self.entity.as_ref()
    }

    /// The input columns.
    pub fn feature_map(&self) -> &FeatureMap {
        &self.features
    }

    /// Number of input columns.
    pub fn n_features(&self) -> usize {
        self.features.len()
    }

    /// Marker kinds at training time, to fix them when importing a new file
    /// ([`crate::ColumnRoles::kinds`]) so e.g. a grade coded 1-3 stays categorical.
    pub fn marker_kinds(&self) -> BTreeMap<String, MarkerKind> {
        self.markers
            .iter()
            .map(|m| (m.name.clone(), m.encoding.kind()))
            .collect()
    }

    /// Checks a stored (deserialised) encoder: finite statistics, valid level indices,
    /// and a feature map that matches the encodings.
    pub fn validate(&self) -> Result<(), DataError> {
        let bad = |m: &MarkerPlan, reason| DataError::InvalidEncoder {
            marker: m.name.clone(),
            reason,
        };
        for m in &self.markers {
            match &m.encoding {
                MarkerEncoding::Numeric {
                    range,
                    center,
                    scale,
                    impute,
                    log,
                    ..
                } => {
                    let finite = [*center, *scale, *impute]
                        .iter()
                        .chain(range.iter().flatten())
                        .all(|v| v.is_finite());
                    if !finite || *scale < 0.0 || range.is_some_and(|[lo, hi]| lo > hi) {
                        return Err(bad(
                            m,
                            "statistics must be finite, with scale >= 0 and min <= max",
                        ));
                    }
                    let valid = |t: &LogTransform| {
                        t.shift.is_finite()
                            && t.shift >= 0.0
                            && t.floor.is_finite()
                            && t.floor > 0.0
                    };
                    if log.as_ref().is_some_and(|t| !valid(t)) {
                        return Err(bad(
                            m,
                            "a log transform needs a finite shift >= 0 and a floor > 0",
                        ));
                    }
                }
                MarkerEncoding::Binary { impute, .. } => {
                    if *impute != 0.0 && *impute != 1.0 {
                        return Err(bad(m, "a binary marker imputes 0 or 1"));
                    }
                }
                MarkerEncoding::Categorical {
                    levels,
                    mode,
                    reference,
                    ..
                } => {
                    if mode.is_some_and(|i| i >= levels.len()) {
                        return Err(bad(m, "the imputed level is not a level"));
                    }
                    if reference.is_some_and(|i| i >= levels.len()) {
                        return Err(bad(m, "the reference level is not a level"));
                    }
                    if unique_count(levels) != levels.len() {
                        return Err(bad(m, "levels must be unique"));
                    }
                }
            }
        }
        if let Some(e) = &self.entity
            && unique_count(&e.levels) != e.levels.len()
        {
            return Err(DataError::InvalidEncoder {
                marker: e.name.clone(),
                reason: "levels must be unique",
            });
        }
        if self.config.mirror && self.config.scaling != Scaling::MinMax {
            return Err(DataError::InvalidSettings {
                reason: "mirroring (1 - x) needs min-max scaling to [0, 1]",
            });
        }
        if feature_map(&self.markers, self.entity.as_ref(), self.config.mirror) != self.features {
            return Err(DataError::InvalidEncoder {
                marker: String::new(),
                reason: "the feature list does not match the marker encodings",
            });
        }
        Ok(())
    }

    /// Encodes the patients of `cohort` (markers matched by name).
    ///
    /// # Shapes
    /// Returns a `cohort.len() x n_features()` matrix, rows in view order.
    ///
    /// # Errors
    /// [`DataError::MarkerNotFound`] or [`DataError::KindMismatch`] for a marker the
    /// preprocessing knows that the cohort lacks or holds as another kind;
    /// [`DataError::InvalidValue`] for a value so far outside the training range that,
    /// scaled, it leaves the `f32` range (e.g. 3e38 against a training range of 1e-7):
    /// every input is finite or the cohort is refused.
    pub fn transform(&self, cohort: CohortView<'_>) -> Result<Encoded, DataError> {
        self.validate()?;
        let n = cohort.len();
        let p = self.features.len();
        let mut out = vec![0.0f32; n.saturating_mul(p)];
        let mut flags = Vec::new();
        let by_name: HashMap<&str, usize> = cohort
            .cohort()
            .markers()
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name(), i))
            .collect();
        let mut col = 0;
        for (k, plan) in self.markers.iter().enumerate() {
            let marker = by_name
                .get(plan.name.as_str())
                .and_then(|&i| cohort.cohort().markers().get(i))
                .ok_or_else(|| DataError::MarkerNotFound {
                    marker: plan.name.clone(),
                })?;
            let mismatch = || DataError::KindMismatch {
                marker: plan.name.clone(),
                expected: plan.encoding.kind(),
                found: marker.kind(),
            };
            let mut w = Writer {
                out: &mut out,
                p,
                col,
            };
            match (&plan.encoding, marker.values()) {
                (
                    MarkerEncoding::Numeric {
                        range,
                        center,
                        scale,
                        impute,
                        indicator,
                        log,
                        ..
                    },
                    MarkerValues::Numeric(v) | MarkerValues::Binary(v),
                ) => {
                    for i in 0..n {
                        let x = v.get(cohort.row(i)).copied().unwrap_or(f32::NAN);
                        let missing = x.is_nan();
                        let raw = if missing { *impute } else { f64::from(x) };
                        let raw = log.map_or(raw, |t| t.apply(raw));
                        let scaled = if *scale > 0.0 {
                            (raw - center) / scale
                        } else {
                            0.0
                        };
                        // Training values scale into [0, 1] (or a few standard deviations);
                        // only a new cohort's outlier can overflow, and an infinite input
                        // would make the log-risk NaN.
                        let scaled = scaled as f32;
                        if !scaled.is_finite() {
                            return Err(DataError::InvalidValue {
                                column: plan.name.clone(),
                                index: cohort.row(i),
                                value: format!("{x:e}"),
                                reason: "the value is so far outside the training range that \
                                         the model cannot use it",
                            });
                        }
                        w.set(i, 0, scaled);
                        if *indicator {
                            w.set(i, 1, if missing { 1.0 } else { 0.0 });
                        }
                        if let (false, Some([lo, hi])) = (missing, range) {
                            push_range_flag(&mut flags, i, k, x, *lo, *hi);
                        }
                    }
                    col += 1 + usize::from(*indicator);
                }
                (
                    MarkerEncoding::Binary {
                        impute, indicator, ..
                    },
                    MarkerValues::Binary(v) | MarkerValues::Numeric(v),
                ) => {
                    for i in 0..n {
                        let x = v.get(cohort.row(i)).copied().unwrap_or(f32::NAN);
                        let missing = x.is_nan();
                        w.set(i, 0, if missing { *impute as f32 } else { x });
                        if *indicator {
                            w.set(i, 1, if missing { 1.0 } else { 0.0 });
                        }
                        if !missing {
                            push_range_flag(&mut flags, i, k, x, 0.0, 1.0);
                        }
                    }
                    col += 1 + usize::from(*indicator);
                }
                (
                    MarkerEncoding::Categorical {
                        levels,
                        mode,
                        indicator,
                        reference,
                        ..
                    },
                    MarkerValues::Categorical(c),
                ) => {
                    // Training level index -> column offset; the reference has no column.
                    let column_of = |level: usize| match reference {
                        Some(r) if level == *r => None,
                        Some(r) if level > *r => Some(level - 1),
                        _ => Some(level),
                    };
                    let n_columns = levels.len() - usize::from(reference.is_some());
                    let slots = level_slots(c, levels);
                    for i in 0..n {
                        let code = c
                            .codes()
                            .get(cohort.row(i))
                            .copied()
                            .unwrap_or(Categorical::MISSING);
                        let (slot, missing) = self.resolve(
                            c,
                            &slots,
                            code,
                            i,
                            k,
                            &plan.name,
                            cohort.id(i),
                            &mut flags,
                        )?;
                        if let Some(s) = slot
                            .or(if missing { *mode } else { None })
                            .and_then(column_of)
                        {
                            w.set(i, s, 1.0);
                        }
                        if *indicator {
                            w.set(i, n_columns, if missing { 1.0 } else { 0.0 });
                        }
                    }
                    col += n_columns + usize::from(*indicator);
                }
                _ => return Err(mismatch()),
            }
        }
        if let Some(plan) = &self.entity {
            let entity = cohort.cohort().entity().ok_or(DataError::EntityMissing)?;
            let slots = level_slots(entity, &plan.levels);
            let k = self.markers.len();
            let mut w = Writer {
                out: &mut out,
                p,
                col,
            };
            for i in 0..n {
                let code = entity
                    .codes()
                    .get(cohort.row(i))
                    .copied()
                    .unwrap_or(Categorical::MISSING);
                // A missing or unseen entity leaves every entity column 0.
                let (slot, _) = self.resolve(
                    entity,
                    &slots,
                    code,
                    i,
                    k,
                    &plan.name,
                    cohort.id(i),
                    &mut flags,
                )?;
                if let Some(s) = slot {
                    w.set(i, s, 1.0);
                }
            }
            col += plan.levels.len();
        }
        if self.config.mirror {
            for row in out.chunks_exact_mut(p.max(1)) {
                let (base, mirror) = row.split_at_mut(col);
                for (m, &x) in mirror.iter_mut().zip(base.iter()) {
                    *m = 1.0 - x;
                }
            }
        }
        Ok(Encoded {
            design: DesignMatrix {
                values: out,
                rows: n,
                cols: p,
            },
            flags,
        })
    }

    /// Maps a cohort code to a training level slot; returns `(slot, treat_as_missing)`.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        column: &Categorical,
        slots: &[Option<usize>],
        code: u32,
        row: usize,
        marker: usize,
        name: &str,
        id: &str,
        flags: &mut Vec<RangeFlag>,
    ) -> Result<(Option<usize>, bool), DataError> {
        if code == Categorical::MISSING {
            return Ok((None, true));
        }
        if let Some(&Some(slot)) = slots.get(code as usize) {
            return Ok((Some(slot), false));
        }
        let level = column
            .levels()
            .get(code as usize)
            .cloned()
            .unwrap_or_default();
        match self.config.unseen_levels {
            UnseenLevels::Error => Err(DataError::UnseenLevel {
                marker: name.to_owned(),
                level,
                id: id.to_owned(),
            }),
            policy => {
                flags.push(RangeFlag {
                    row,
                    marker,
                    kind: RangeFlagKind::UnseenLevel { level },
                });
                Ok((None, policy == UnseenLevels::AsMissing))
            }
        }
    }
}

/// Writes one marker's columns, starting at `col`, into the row-major output.
struct Writer<'o> {
    out: &'o mut [f32],
    p: usize,
    col: usize,
}

impl Writer<'_> {
    fn set(&mut self, row: usize, offset: usize, value: f32) {
        if let Some(slot) = self.out.get_mut(row * self.p + self.col + offset) {
            *slot = value;
        }
    }
}

fn push_range_flag(
    flags: &mut Vec<RangeFlag>,
    row: usize,
    marker: usize,
    x: f32,
    lo: f64,
    hi: f64,
) {
    let v = f64::from(x);
    if v < lo {
        flags.push(RangeFlag {
            row,
            marker,
            kind: RangeFlagKind::BelowTraining { value: x, min: lo },
        });
    } else if v > hi {
        flags.push(RangeFlag {
            row,
            marker,
            kind: RangeFlagKind::AboveTraining { value: x, max: hi },
        });
    }
}

/// For each level of the cohort's column, its slot among the training levels.
fn level_slots(column: &Categorical, training: &[String]) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = training
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    column
        .levels()
        .iter()
        .map(|l| index.get(l.as_str()).copied())
        .collect()
}

fn unique_count(levels: &[String]) -> usize {
    let mut sorted: Vec<&String> = levels.iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.len()
}
