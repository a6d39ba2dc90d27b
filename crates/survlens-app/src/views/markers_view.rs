//! The markers view: which markers carry the network's decisions across the cohort, how each
//! one's relevance follows its value, and where (in which cancer entity) it matters.
//!
//! Four independent builders over a [`Session`], so the page recomputes only what a control
//! changes:
//!
//! - [`KeyMarkerView`]: importance (mean |relevance|, log-risk units) of every marker, the
//!   ranking, the cumulative share of total importance and the key markers that reach a
//!   threshold (the study's 0.9, [`survlens_xai::KEY_MARKER_SHARE`]);
//! - [`Beeswarm`]: one dot per patient for the top markers, x = relevance, colour = the
//!   marker's value from low to high, y = a deterministic density-shaped offset;
//! - [`DependenceView`]: one marker's value (x, in its unit) against its relevance (y),
//!   optionally coloured by a second marker; categorical markers as jittered columns;
//! - [`EntityHeatmap`]: mean |relevance| of the top markers within each cancer entity.
//!
//! The statistics come from [`survlens_xai::cohort`]; this module only arranges them for
//! drawing and for the tables that accompany every chart.

use serde::{Deserialize, Serialize};
use survlens_data::{Describe, Message, MessageArg};
use survlens_xai::{CohortRelevance, XaiError};

use crate::core::format::count_in;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{Session, entity_name_in, modality_in};

/// A modality's name in `lang` (English as the session names it).
fn modality_of(modality: &str, lang: Lang) -> String {
    match lang {
        Lang::En => modality.to_owned(),
        Lang::De => modality_in(modality, lang),
    }
}

/// Markers shown in the beeswarm (the most important first).
pub const BEESWARM_MARKERS: usize = 15;

/// Markers shown as columns of the entity heatmap.
pub const HEATMAP_MARKERS: usize = 20;

/// Most dots drawn per beeswarm row or dependence plot; larger cohorts are thinned to an
/// evenly spaced sample of patients (every k-th row), so a 15,726-patient cohort stays
/// drawable on the page's thread.
pub const MAX_DOTS: usize = 2_000;

/// Lower and upper percentile of a numeric marker's observed values that span the colour
/// scale (values beyond are drawn at its ends), so one outlier does not wash out the rest.
pub const COLOUR_PERCENTILES: (f64, f64) = (0.05, 0.95);

/// Bins along the relevance axis within which beeswarm dots are stacked.
const BEESWARM_BINS: usize = 80;

/// Why a markers-view figure could not be computed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MarkersViewError {
    /// The cohort statistic refused the session's data.
    #[error("cohort importance: {0}")]
    Xai(#[from] XaiError),
    /// A marker index outside the session.
    #[error("marker {marker} does not exist; the cohort has {n_markers} markers")]
    UnknownMarker {
        /// The index asked for.
        marker: usize,
        /// Markers in the session.
        n_markers: usize,
    },
}

impl MarkersViewError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Xai(e) => e.code(),
            Self::UnknownMarker { .. } => "unknown_marker",
        }
    }
}

impl Describe for MarkersViewError {
    fn message(&self) -> Message {
        match self {
            Self::Xai(e) => {
                Message::new("error-markers-xai", vec![("reason", MessageArg::nested(e))])
            }
            Self::UnknownMarker { marker, n_markers } => Message::new(
                "error-markers-unknown-marker",
                vec![
                    ("marker", MessageArg::text(marker)),
                    ("n_markers", MessageArg::text(n_markers)),
                ],
            ),
        }
    }
}

/// The session's relevances as a checked cohort matrix.
fn cohort(session: &Session) -> Result<CohortRelevance<'_>, MarkersViewError> {
    Ok(CohortRelevance::new(
        &session.relevance,
        session.n_patients(),
        session.n_markers(),
    )?)
}

fn check_marker(session: &Session, marker: usize) -> Result<(), MarkersViewError> {
    if marker >= session.n_markers() {
        return Err(MarkersViewError::UnknownMarker {
            marker,
            n_markers: session.n_markers(),
        });
    }
    Ok(())
}

/// The distinct modalities of the session's markers, in order of first appearance. Charts
/// colour a modality by its position here.
pub fn modalities(session: &Session) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in &session.markers {
        if !seen.contains(&m.modality) {
            seen.push(m.modality.clone());
        }
    }
    seen
}

// ---------------------------------------------------------------------------------------
// Key markers

/// One marker in the importance ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportanceRow {
    /// 1-based rank (1 = most important).
    pub rank: usize,
    /// Marker index in the session.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// Modality name.
    pub modality: String,
    /// Position of the modality in [`KeyMarkerView::modalities`] (for its colour).
    pub modality_index: usize,
    /// Mean |relevance| over the cohort, log-risk units.
    pub importance: f64,
    /// Share of total importance, in `[0, 1]`.
    pub share: f64,
    /// Cumulative share of total importance up to and including this rank, in `[0, 1]`.
    pub cumulative_share: f64,
    /// Whether the marker is a key marker (within the first `n_key` ranks).
    pub key: bool,
}

/// Importance summed over the markers of one modality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModalityShare {
    /// Modality name.
    pub modality: String,
    /// Markers of the modality.
    pub markers: usize,
    /// Of them, key markers.
    pub key_markers: usize,
    /// Share of total importance, in `[0, 1]`.
    pub share: f64,
}

/// Marker importance, the ranking, the cumulative share and the key markers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyMarkerView {
    /// The share of total importance the key markers must reach, in `(0, 1]`.
    pub threshold: f64,
    /// Number of key markers: the fewest top-ranked markers reaching `threshold`.
    pub n_key: usize,
    /// Total importance (sum over markers), log-risk units.
    pub total: f64,
    /// Patients averaged over.
    pub n_patients: usize,
    /// Every marker, most important first.
    pub rows: Vec<ImportanceRow>,
    /// The session's modalities in order of first appearance.
    pub modalities: Vec<String>,
    /// Share per modality, in the order of `modalities`.
    pub modality_shares: Vec<ModalityShare>,
}

impl KeyMarkerView {
    /// Ranks the session's markers by mean |relevance| and finds the key markers reaching
    /// `threshold` of the total.
    ///
    /// # Errors
    /// [`MarkersViewError::Xai`] for a session without patients, relevances of the wrong
    /// shape, or a threshold outside `(0, 1]`.
    pub fn build(session: &Session, threshold: f64) -> Result<Self, MarkersViewError> {
        Self::build_in(session, threshold, Lang::En)
    }

    /// [`KeyMarkerView::build`] with the markers' names and modalities in `lang`.
    ///
    /// # Errors
    /// As [`KeyMarkerView::build`].
    pub fn build_in(
        session: &Session,
        threshold: f64,
        lang: Lang,
    ) -> Result<Self, MarkersViewError> {
        let importance = cohort(session)?.importance()?;
        let key = importance.key_markers(threshold)?;
        let total = importance.total();
        let modalities: Vec<String> = modalities(session)
            .iter()
            .map(|m| modality_of(m, lang))
            .collect();
        let modality_index = |name: &str| modalities.iter().position(|m| m == name).unwrap_or(0);
        let rows: Vec<ImportanceRow> = key
            .ranking
            .iter()
            .zip(&key.cumulative_share)
            .enumerate()
            .map(|(r, (&marker, &cumulative_share))| {
                let info = &session.markers[marker];
                let value = importance.per_marker[marker];
                let modality = modality_of(&info.modality, lang);
                ImportanceRow {
                    rank: r + 1,
                    marker,
                    name: info.name_in(lang).to_owned(),
                    modality_index: modality_index(&modality),
                    modality,
                    importance: value,
                    share: if total > 0.0 { value / total } else { 0.0 },
                    cumulative_share,
                    key: r < key.n_key,
                }
            })
            .collect();
        let modality_shares = modalities
            .iter()
            .map(|name| {
                let of = rows.iter().filter(|r| &r.modality == name);
                ModalityShare {
                    modality: name.clone(),
                    markers: of.clone().count(),
                    key_markers: of.clone().filter(|r| r.key).count(),
                    share: of.map(|r| r.share).sum(),
                }
            })
            .collect();
        Ok(Self {
            threshold,
            n_key: key.n_key,
            total,
            n_patients: importance.n_patients,
            rows,
            modalities,
            modality_shares,
        })
    }

    /// Marker indices, most important first.
    pub fn ranking(&self) -> Vec<usize> {
        self.rows.iter().map(|r| r.marker).collect()
    }

    /// The key markers, most important first.
    pub fn key_markers(&self) -> &[ImportanceRow] {
        &self.rows[..self.n_key]
    }

    /// One sentence for the page: "12 of 17 markers carry 90% of the network's decisions".
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`KeyMarkerView::sentence`] in `lang`, its numbers as the language writes them.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let percent = match lang {
            Lang::En => format!("{:.0}", self.threshold * 100.0),
            Lang::De => lang.decimal(self.threshold * 100.0, 0),
        };
        lang.t_with(
            "vm-markers-key-sentence",
            &[
                ("key", Arg::Text(&count_in(lang, self.n_key))),
                ("total", Arg::Text(&count_in(lang, self.rows.len()))),
                ("percent", Arg::Text(&percent)),
                ("patients", Arg::Text(&count_in(lang, self.n_patients))),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------
// Colour positions

/// How marker values map to a colour position in `[0, 1]` (low -> high).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueScale {
    /// The value at colour position 0 (in the marker's unit, or a level index).
    pub low: f32,
    /// The value at colour position 1.
    pub high: f32,
    /// Label of the low end ("12 mg/L", or the first level's name).
    pub low_label: String,
    /// Label of the high end.
    pub high_label: String,
}

impl ValueScale {
    /// The scale of `marker`: its levels' indices for a categorical or binary marker, the
    /// [`COLOUR_PERCENTILES`] of its observed values otherwise. `None` when the marker has
    /// no observed value.
    fn of(session: &Session, marker: usize, lang: Lang) -> Option<Self> {
        let info = &session.markers[marker];
        if !info.levels.is_empty() {
            let last = info.levels.len().saturating_sub(1);
            let level = |k: usize| match lang {
                Lang::En => info.levels[k].clone(),
                Lang::De => info.format_in(k as f32, lang),
            };
            return Some(Self {
                low: 0.0,
                high: last as f32,
                low_label: level(0),
                high_label: level(last),
            });
        }
        let mut observed: Vec<f32> = marker_values(session, marker)
            .filter(|v| !v.is_nan())
            .collect();
        if observed.is_empty() {
            return None;
        }
        // Two order statistics by selection, O(n): the same values a full sort would give.
        let mut at = |q: f64| {
            let k = ((observed.len() - 1) as f64 * q).round() as usize;
            *observed.select_nth_unstable_by(k, f32::total_cmp).1
        };
        let (low, high) = (at(COLOUR_PERCENTILES.0), at(COLOUR_PERCENTILES.1));
        Some(Self {
            low,
            high,
            low_label: info.format_in(low, lang),
            high_label: info.format_in(high, lang),
        })
    }

    /// Colour position of `value` in `[0, 1]`; `None` for a missing value. A scale without
    /// spread puts every value in the middle.
    pub fn position(&self, value: f32) -> Option<f32> {
        if value.is_nan() {
            return None;
        }
        let span = self.high - self.low;
        if span > 0.0 {
            Some(((value - self.low) / span).clamp(0.0, 1.0))
        } else {
            Some(0.5)
        }
    }
}

/// Column `marker` of the raw values, patient by patient.
fn marker_values(session: &Session, marker: usize) -> impl Iterator<Item = f32> + '_ {
    let m = session.n_markers();
    (0..session.n_patients()).map(move |p| session.values[p * m + marker])
}

/// Rows drawn when at most `max` dots fit: all patients, or every k-th row.
fn sampled_rows(n: usize, max: usize) -> Vec<usize> {
    if n <= max || max == 0 {
        return (0..n).collect();
    }
    // Evenly spaced over the row order, which is the cohort's (not sorted by any value).
    (0..max).map(|k| k * n / max).collect()
}

// ---------------------------------------------------------------------------------------
// Beeswarm

/// One dot of a beeswarm row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SwarmDot {
    /// Patient row.
    pub patient: usize,
    /// The marker's relevance for this patient, log-risk units (x).
    pub relevance: f32,
    /// Vertical offset within the row in `[-1, 1]` (0 = the row's centre line).
    pub offset: f32,
    /// Colour position of the patient's value in `[0, 1]`; `None` when missing.
    pub colour: Option<f32>,
}

/// One marker's row of the beeswarm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeeswarmRow {
    /// Marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// Modality name.
    pub modality: String,
    /// Mean |relevance| over all patients, log-risk units.
    pub importance: f64,
    /// The colour scale of the marker's values; `None` when nothing was observed.
    pub scale: Option<ValueScale>,
    /// One dot per drawn patient, in row order.
    pub dots: Vec<SwarmDot>,
    /// Median relevance of patients with a value in the top / bottom fifth of the colour
    /// scale (`high`, `low`), for the table: which values push risk up.
    pub median_relevance_low: Option<f32>,
    /// See `median_relevance_low`.
    pub median_relevance_high: Option<f32>,
    /// Patients with a missing value.
    pub missing: usize,
}

/// Relevance per patient for the top markers, coloured by the marker's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Beeswarm {
    /// Rows, most important marker first.
    pub rows: Vec<BeeswarmRow>,
    /// Largest |relevance| among the dots: the x-axis spans `[-extent, extent]`.
    pub extent: f32,
    /// Patients in the cohort.
    pub n_patients: usize,
    /// Patients drawn per row (all of them when the cohort has at most [`MAX_DOTS`]).
    pub n_drawn: usize,
}

impl Beeswarm {
    /// The beeswarm of the first `top` markers of `ranking` (most important first).
    ///
    /// Offsets: the relevance axis is cut into equal bins; within a bin the dots take turns
    /// above and below the centre line in row order (0, +1, -1, +2, ...), scaled by the
    /// fullest bin of the row, so the row's outline follows the density and the layout is
    /// the same on every run.
    ///
    /// # Errors
    /// [`MarkersViewError::UnknownMarker`] for a ranking entry outside the session.
    pub fn build(
        session: &Session,
        ranking: &[usize],
        top: usize,
        max_dots: usize,
    ) -> Result<Self, MarkersViewError> {
        Self::build_in(session, ranking, top, max_dots, Lang::En)
    }

    /// [`Beeswarm::build`] with the markers' names, modalities and value labels in `lang`.
    ///
    /// # Errors
    /// As [`Beeswarm::build`].
    pub fn build_in(
        session: &Session,
        ranking: &[usize],
        top: usize,
        max_dots: usize,
        lang: Lang,
    ) -> Result<Self, MarkersViewError> {
        let n = session.n_patients();
        let m = session.n_markers();
        let rows_drawn = sampled_rows(n, max_dots);
        let markers = &ranking[..top.min(ranking.len())];
        for &j in markers {
            check_marker(session, j)?;
        }
        let extent = markers
            .iter()
            .flat_map(|&j| {
                rows_drawn
                    .iter()
                    .map(move |&p| session.relevance[p * m + j])
            })
            .fold(0.0f32, |acc, r| acc.max(r.abs()))
            .max(1e-6);
        let rows = markers
            .iter()
            .map(|&j| {
                let info = &session.markers[j];
                let scale = ValueScale::of(session, j, lang);
                let bin = |r: f32| {
                    let t = (r + extent) / (2.0 * extent);
                    ((t * BEESWARM_BINS as f32) as usize).min(BEESWARM_BINS - 1)
                };
                let mut filled = vec![0usize; BEESWARM_BINS];
                let slots: Vec<usize> = rows_drawn
                    .iter()
                    .map(|&p| {
                        let b = bin(session.relevance[p * m + j]);
                        filled[b] += 1;
                        filled[b] - 1
                    })
                    .collect();
                let half = (filled.iter().copied().max().unwrap_or(1) / 2).max(1) as f32;
                let dots: Vec<SwarmDot> = rows_drawn
                    .iter()
                    .zip(slots)
                    .map(|(&p, slot)| {
                        let step = slot.div_ceil(2) as f32;
                        let sign = if slot % 2 == 1 { 1.0 } else { -1.0 };
                        let value = session.values[p * m + j];
                        SwarmDot {
                            patient: p,
                            relevance: session.relevance[p * m + j],
                            offset: (sign * step / half).clamp(-1.0, 1.0),
                            colour: scale.as_ref().and_then(|s| s.position(value)),
                        }
                    })
                    .collect();
                let mut low = Vec::new();
                let mut high = Vec::new();
                let mut missing = 0;
                for p in 0..n {
                    match scale
                        .as_ref()
                        .and_then(|s| s.position(session.values[p * m + j]))
                    {
                        None => missing += 1,
                        Some(c) if c <= 0.2 => low.push(session.relevance[p * m + j]),
                        Some(c) if c >= 0.8 => high.push(session.relevance[p * m + j]),
                        Some(_) => {}
                    }
                }
                let importance = (0..n)
                    .map(|p| f64::from(session.relevance[p * m + j]).abs())
                    .sum::<f64>()
                    / n.max(1) as f64;
                BeeswarmRow {
                    marker: j,
                    name: info.name_in(lang).to_owned(),
                    modality: modality_of(&info.modality, lang),
                    importance,
                    scale,
                    dots,
                    median_relevance_low: median_f32(&mut low),
                    median_relevance_high: median_f32(&mut high),
                    missing,
                }
            })
            .collect();
        Ok(Self {
            rows,
            extent,
            n_patients: n,
            n_drawn: rows_drawn.len(),
        })
    }
}

/// Median (mean of the middle two for even sizes); `None` when empty. O(n) by selection;
/// reorders `values`.
fn median_f32(values: &mut [f32]) -> Option<f32> {
    let k = values.len();
    if k == 0 {
        return None;
    }
    let (below, &mut upper, _) = values.select_nth_unstable_by(k / 2, f32::total_cmp);
    if k % 2 == 1 {
        return Some(upper);
    }
    let lower = below
        .iter()
        .copied()
        .max_by(f32::total_cmp)
        .unwrap_or(upper);
    Some(0.5 * (lower + upper))
}

// ---------------------------------------------------------------------------------------
// Dependence

/// One patient in a dependence plot.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependenceDot {
    /// Patient row.
    pub patient: usize,
    /// The marker's raw value (unit of the marker, or level index).
    pub value: f32,
    /// Horizontal position: the value, or for a categorical marker its level index plus a
    /// deterministic jitter in `[-0.3, 0.3]`.
    pub x: f32,
    /// The marker's relevance for this patient, log-risk units.
    pub relevance: f32,
    /// Colour position of the colouring marker's value; `None` without a colouring
    /// marker or when its value is missing.
    pub colour: Option<f32>,
}

/// A summary line of the dependence table: one level, or one value bin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependenceBin {
    /// The level's name or the bin's value range with unit; "missing" for missing values.
    pub label: String,
    /// Patients in the bin.
    pub patients: usize,
    /// Mean relevance, log-risk units.
    pub mean_relevance: f64,
    /// Median relevance, log-risk units.
    pub median_relevance: f32,
}

/// The colouring marker of a dependence plot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColourMarker {
    /// Marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// Its value scale.
    pub scale: ValueScale,
    /// Level names of a categorical or binary colouring marker (colour position
    /// `k / (levels - 1)` for level `k`); empty for a numeric one.
    pub levels: Vec<String>,
}

/// One marker's value against its relevance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DependenceView {
    /// Marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// Unit of the value (empty when unitless).
    pub unit: String,
    /// Level names of a categorical or binary marker; empty for a numeric marker.
    pub levels: Vec<String>,
    /// Patients with an observed value (a sample when the cohort exceeds the dot limit).
    pub dots: Vec<DependenceDot>,
    /// Patients with a missing value, over the whole cohort.
    pub missing: usize,
    /// The colouring marker, when one was chosen and it has observed values.
    pub colour_by: Option<ColourMarker>,
    /// Summary per level (categorical) or per value decile (numeric), then missing values.
    pub bins: Vec<DependenceBin>,
    /// The marker's reference range, when one exists.
    pub reference_range: Option<(f32, f32)>,
}

impl DependenceView {
    /// Whether the marker is shown as columns of levels.
    pub fn is_categorical(&self) -> bool {
        !self.levels.is_empty()
    }

    /// The x-axis label: name and unit.
    pub fn axis_label(&self) -> String {
        if self.unit.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.unit)
        }
    }

    /// The dependence plot of `marker`, coloured by `colour_by` when given.
    ///
    /// # Errors
    /// [`MarkersViewError::UnknownMarker`], and [`MarkersViewError::Xai`] for a session of
    /// inconsistent shape.
    pub fn build(
        session: &Session,
        marker: usize,
        colour_by: Option<usize>,
        max_dots: usize,
    ) -> Result<Self, MarkersViewError> {
        Self::build_in(session, marker, colour_by, max_dots, Lang::En)
    }

    /// [`DependenceView::build`] with names, levels and the table's labels in `lang`.
    ///
    /// # Errors
    /// As [`DependenceView::build`].
    pub fn build_in(
        session: &Session,
        marker: usize,
        colour_by: Option<usize>,
        max_dots: usize,
        lang: Lang,
    ) -> Result<Self, MarkersViewError> {
        check_marker(session, marker)?;
        if let Some(c) = colour_by {
            check_marker(session, c)?;
        }
        let dependence = cohort(session)?.dependence(marker, &session.values)?;
        let info = &session.markers[marker];
        let m = session.n_markers();
        // Level names as the page shows them: as the data names them in English, "no" and
        // "yes" and the cancer entities translated in German.
        let levels_of = |c: usize| -> Vec<String> {
            let info = &session.markers[c];
            match lang {
                Lang::En => info.levels.clone(),
                Lang::De => (0..info.levels.len())
                    .map(|k| info.format_in(k as f32, lang))
                    .collect(),
            }
        };
        let colour = colour_by.and_then(|c| {
            ValueScale::of(session, c, lang).map(|scale| ColourMarker {
                marker: c,
                name: session.markers[c].name_in(lang).to_owned(),
                scale,
                levels: levels_of(c),
            })
        });
        let levels = levels_of(marker);
        let categorical = !info.levels.is_empty();
        let keep = sampled_rows(dependence.points.len(), max_dots);
        let dots = keep
            .iter()
            .map(|&k| {
                let pt = dependence.points[k];
                let x = if categorical {
                    pt.value + jitter(pt.patient) * 0.6
                } else {
                    pt.value
                };
                DependenceDot {
                    patient: pt.patient,
                    value: pt.value,
                    x,
                    relevance: pt.relevance,
                    colour: colour
                        .as_ref()
                        .and_then(|c| c.scale.position(session.values[pt.patient * m + c.marker])),
                }
            })
            .collect();

        let mut bins = Vec::new();
        if categorical {
            for (level, name) in levels.iter().enumerate() {
                let rel: Vec<f32> = dependence
                    .points
                    .iter()
                    .filter(|p| p.value == level as f32)
                    .map(|p| p.relevance)
                    .collect();
                bins.extend(summary(name.clone(), rel));
            }
        } else {
            let mut sorted: Vec<(f32, f32)> = dependence
                .points
                .iter()
                .map(|p| (p.value, p.relevance))
                .collect();
            sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
            let n_bins = sorted.len().min(10);
            for b in 0..n_bins {
                let chunk = &sorted[b * sorted.len() / n_bins..(b + 1) * sorted.len() / n_bins];
                if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
                    let label = lang.t_with(
                        "vm-markers-bin-range",
                        &[
                            ("from", Arg::Text(&info.format_in(first.0, lang))),
                            ("to", Arg::Text(&info.format_in(last.0, lang))),
                        ],
                    );
                    bins.extend(summary(label, chunk.iter().map(|c| c.1).collect()));
                }
            }
        }
        bins.extend(summary(
            lang.t("vm-markers-bin-missing"),
            dependence.missing.iter().map(|m| m.1).collect(),
        ));
        Ok(Self {
            marker,
            name: info.name_in(lang).to_owned(),
            unit: info.unit_in(lang),
            levels,
            dots,
            missing: dependence.missing.len(),
            colour_by: colour,
            bins,
            reference_range: info.reference_range,
        })
    }
}

/// A deterministic jitter in `[-0.5, 0.5)` for patient row `p`: the fractional part of
/// `p` times the golden ratio, a low-discrepancy sequence that spreads any run of rows
/// evenly across the column.
pub fn jitter(p: usize) -> f32 {
    const PHI_FRACTION: f64 = 0.618_033_988_749_894_9;
    ((p as f64 * PHI_FRACTION).fract() - 0.5) as f32
}

fn summary(label: String, mut relevance: Vec<f32>) -> Option<DependenceBin> {
    let patients = relevance.len();
    let mean_relevance =
        relevance.iter().map(|&r| f64::from(r)).sum::<f64>() / patients.max(1) as f64;
    median_f32(&mut relevance).map(|median_relevance| DependenceBin {
        label,
        patients,
        mean_relevance,
        median_relevance,
    })
}

// ---------------------------------------------------------------------------------------
// Entity heatmap

/// One entity's row of the heatmap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    /// Entity index in the session.
    pub entity: usize,
    /// Display name.
    pub name: String,
    /// Patients of the entity.
    pub patients: usize,
    /// Mean |relevance| of each column marker within the entity, log-risk units.
    pub values: Vec<f64>,
}

/// Mean |relevance| of the top markers within each entity.
///
/// # Shapes
/// `rows[e].values`: one per entry of `markers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityHeatmap {
    /// Column markers, most important (over the cohort) first.
    pub markers: Vec<usize>,
    /// Their display names.
    pub marker_names: Vec<String>,
    /// Entities with at least one patient, most patients first (ties by name).
    pub rows: Vec<EntityRow>,
    /// Largest cell value, log-risk units (the top of the colour scale).
    pub max: f64,
}

impl EntityHeatmap {
    /// The heatmap of the first `top` markers of `ranking`.
    ///
    /// # Errors
    /// [`MarkersViewError::UnknownMarker`], and [`MarkersViewError::Xai`] for a session of
    /// inconsistent shape.
    pub fn build(
        session: &Session,
        ranking: &[usize],
        top: usize,
    ) -> Result<Self, MarkersViewError> {
        Self::build_in(session, ranking, top, Lang::En)
    }

    /// [`EntityHeatmap::build`] with the markers' and entities' names in `lang`.
    ///
    /// # Errors
    /// As [`EntityHeatmap::build`].
    pub fn build_in(
        session: &Session,
        ranking: &[usize],
        top: usize,
        lang: Lang,
    ) -> Result<Self, MarkersViewError> {
        let markers: Vec<usize> = ranking[..top.min(ranking.len())].to_vec();
        for &j in &markers {
            check_marker(session, j)?;
        }
        let codes: Vec<usize> = session.entity_of.iter().map(|&e| e as usize).collect();
        let by_entity = cohort(session)?.entity_importance(&codes, session.entities.len())?;
        let mut rows: Vec<EntityRow> = (0..by_entity.n_entities)
            .filter(|&e| by_entity.counts[e] > 0)
            .map(|e| EntityRow {
                entity: e,
                name: entity_name_in(&session.entities[e], lang),
                patients: by_entity.counts[e],
                values: markers
                    .iter()
                    .map(|&j| by_entity.values[e * by_entity.n_markers + j])
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| b.patients.cmp(&a.patients).then(a.name.cmp(&b.name)));
        let max = rows
            .iter()
            .flat_map(|r| r.values.iter().copied())
            .fold(0.0f64, f64::max);
        Ok(Self {
            marker_names: markers
                .iter()
                .map(|&j| session.markers[j].name_in(lang).to_owned())
                .collect(),
            markers,
            rows,
            max,
        })
    }
}
