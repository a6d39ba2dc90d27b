//! The interactions view: which pairs of markers shape each other's contribution to the
//! risk, found by two documented methods (see [`survlens_xai::interactions`]).
//!
//! The search is the heavy part (one LRP pass per moved marker), so it runs in the worker
//! as [`InteractionSearch`], one candidate marker per step so the worker can report
//! progress and react to a cancel between steps ([`find_interactions`] runs it in one go);
//! its result travels in [`Session::interactions`]. The builders here only arrange it: [`InteractionTable`] (the
//! ranked pairs of one method), [`InteractionMatrix`] (strength for every ordered pair of
//! the top markers) and [`PairPlot`] (for one pair, the relevance of one marker against the
//! value of the other).

use serde::{Deserialize, Serialize};
use survlens_data::encode::{Feature, FeatureRole};
use survlens_xai::interactions::{
    DEFAULT_FDR, DEFAULT_MODEL_CANDIDATES, DEFAULT_SAMPLE_PATIENTS, Interactions,
    ModelInteractionSearch, ModelSearchSettings, median_reference,
};
use survlens_xai::{
    CohortRelevance, Composite, Grouping, InteractionMethod, Lrp, XaiError,
    statistical_interactions,
};

use crate::session::Session;

/// Markers considered by the statistical method: the `K` most important, `K (K - 1)`
/// ordered pairs.
pub const INTERACTION_TOP_K: usize = 20;

/// Markers the model-based method moves (each against every other marker), screened as
/// [`ModelInteractionSearch`] documents.
pub const MODEL_CANDIDATES: usize = DEFAULT_MODEL_CANDIDATES;

/// How a list of interactions was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// The change of `a`'s relevance when `b` is set to a reference value (asks the network).
    ModelBased,
    /// Mann-Whitney U of `a`'s relevance between `b` high and `b` low, Benjamini-Hochberg
    /// q-values (asks the relevances).
    Statistical,
}

impl Method {
    /// Both methods, in the order of the page's selector.
    pub const ALL: [Method; 2] = [Method::ModelBased, Method::Statistical];

    /// Name for the selector and the table.
    pub fn label(self) -> &'static str {
        match self {
            Method::ModelBased => "Model-based",
            Method::Statistical => "Statistical",
        }
    }

    /// What the effect column means, with its unit.
    pub fn effect_label(self) -> &'static str {
        match self {
            Method::ModelBased => "Mean change of A's relevance (log-risk)",
            Method::Statistical => "Rank-biserial correlation",
        }
    }

    /// How the method works and when a pair counts, in one or two sentences.
    pub fn explanation(self) -> String {
        match self {
            Method::ModelBased => format!(
                "Marker B is set to a typical value (each input's cohort median) in a fixed \
                 sample of up to {DEFAULT_SAMPLE_PATIENTS} patients (stratified by entity) and \
                 the network is explained again; the effect is how far marker A's relevance \
                 moves on average. A pair counts when A's relevance moves more than the \
                 network's background coupling of all pairs predicts (empirical null, \
                 Benjamini-Hochberg q-value below {DEFAULT_FDR}). It tests the network: \
                 markers that occur together can be coupled in it without a true interaction."
            ),
            Method::Statistical => format!(
                "Patients are split at the median of marker B (categorical markers at the \
                 median level in their listed order); marker A's relevance is compared between \
                 the halves with a two-sided Mann-Whitney U test. A pair counts when its \
                 Benjamini-Hochberg q-value is below {DEFAULT_FDR}. Correlated markers also \
                 give such differences without an interaction in the network."
            ),
        }
    }
}

/// One ordered pair: how marker `b` shapes marker `a`'s relevance.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairFinding {
    /// The marker whose relevance is examined (session marker index).
    pub a: usize,
    /// The marker that is moved or split on.
    pub b: usize,
    /// Model-based: mean |change| of `a`'s relevance, log-risk units. Statistical:
    /// rank-biserial correlation in `[-1, 1]`.
    pub effect: f64,
    /// Model-based: mean signed change of `a`'s relevance when `b` goes to its reference.
    /// Statistical: median relevance of `a` with `b` high minus with `b` low. Log-risk.
    pub shift: f64,
    /// Patients behind the statistic: model-based, sampled patients whose B moved;
    /// statistical, patients with an observed B.
    pub patients: usize,
    /// Model-based: mean |change| of `a`'s relevance over the patients whose B moved.
    pub moved_effect: Option<f64>,
    /// Model-based: standardised statistic under the empirical null (tested pairs).
    pub z: Option<f64>,
    /// p-value: model-based, one-sided under the empirical null; statistical, two-sided
    /// Mann-Whitney. `None` for a pair that was not tested.
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg q-value over the method's tested pairs.
    pub q_value: Option<f64>,
    /// Whether the pair counts as an interaction: `q < DEFAULT_FDR`.
    pub significant: bool,
}

/// The ranked pairs of one method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedInteractions {
    /// The method.
    pub method: Method,
    /// The markers considered: model-based, the markers B moved (in screening order);
    /// statistical, the most important, most important first.
    pub candidates: Vec<usize>,
    /// Patients examined (model-based: the sample).
    pub patients: usize,
    /// Every examined pair, strongest first.
    pub pairs: Vec<PairFinding>,
    /// Number of pairs that count as interactions.
    pub significant: usize,
}

impl RankedInteractions {
    fn from_xai(found: Interactions) -> Self {
        let method = match found.method {
            InteractionMethod::Statistical => Method::Statistical,
            _ => Method::ModelBased,
        };
        let pairs = found
            .pairs
            .iter()
            .map(|p| PairFinding {
                a: p.a,
                b: p.b,
                effect: p.effect,
                shift: p.shift,
                patients: p.patients,
                moved_effect: p.moved_effect,
                z: p.z,
                p_value: p.p_value,
                q_value: p.q_value,
                // The library's counting rule, restated per pair so the table can mark it.
                significant: p.q_value.is_some_and(|q| q < DEFAULT_FDR),
            })
            .collect();
        Self {
            method,
            candidates: found.candidates,
            patients: found.patients,
            pairs,
            significant: found.significant,
        }
    }

    /// Whether either order of the pair `{x, y}` was examined.
    pub fn examined(&self, x: usize, y: usize) -> bool {
        self.rank_of_unordered(x, y).is_some()
    }

    /// 1-based rank of the better-ranked of the two orders `(x, y)` and `(y, x)`; `None`
    /// when neither was examined.
    pub fn rank_of_unordered(&self, x: usize, y: usize) -> Option<usize> {
        self.pairs
            .iter()
            .position(|p| (p.a == x && p.b == y) || (p.a == y && p.b == x))
            .map(|k| k + 1)
    }
}

/// Both methods' findings over the top markers of a cohort, computed once in the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortInteractions {
    /// Markers considered by the statistical method (`min(K, markers)`).
    pub top_k: usize,
    /// Model-based findings.
    pub model: RankedInteractions,
    /// Statistical findings.
    pub statistical: RankedInteractions,
}

impl CohortInteractions {
    /// The findings of `method`.
    pub fn of(&self, method: Method) -> &RankedInteractions {
        match method {
            Method::ModelBased => &self.model,
            Method::Statistical => &self.statistical,
        }
    }
}

/// The interaction search of an explained cohort, resumable: [`InteractionSearch::new`]
/// prepares the model-based search (samples and explains the patients, screens the
/// markers to move), each [`InteractionSearch::step`] moves one marker, and
/// [`InteractionSearch::finish`] runs what is left and the statistical method.
///
/// Model-based: the session's network and the study's LRP rule, the encoder's input-to-
/// marker map, as reference each encoded input's lower cohort median
/// ([`median_reference`]: an observed value, the more frequent one of a 0/1 input) except
/// that a categorical marker (and the entity) takes the one-hot vector of its most
/// frequent level, so the reference patient always has exactly one level; a sample of at
/// most [`DEFAULT_SAMPLE_PATIENTS`] patients stratified by entity; [`MODEL_CANDIDATES`]
/// markers moved, each against every other marker.
/// Statistical: the session's relevances and raw values (categorical markers as level
/// index) over the whole cohort, the [`INTERACTION_TOP_K`] most important markers.
/// Both count a pair at FDR [`DEFAULT_FDR`].
#[derive(Clone, Debug)]
pub struct InteractionSearch {
    model: ModelInteractionSearch,
}

impl InteractionSearch {
    /// Prepares the search of `session`, whose encoded inputs are `x`.
    ///
    /// # Shapes
    /// `x`: the cohort's encoded inputs, `n x n_inputs`, row-major, as the network saw them.
    ///
    /// # Errors
    /// [`XaiError`] when the inputs, the encoder's marker map and the session disagree in
    /// shape, or the cohort is empty.
    pub fn new(session: &Session, x: &[f32]) -> Result<Self, XaiError> {
        let n = session.n_patients();
        let m = session.n_markers();
        let features = session.model.encoder.feature_map();
        let to_marker = Grouping::new(&features.input_to_marker(), m)?;
        let lrp = Lrp::new(&session.model.network, &Composite::paper())?;
        let mut reference = median_reference(x, n, lrp.n_inputs())?;
        modal_levels(&mut reference, x, n, features.features());
        let settings = ModelSearchSettings {
            candidates: MODEL_CANDIDATES,
            ..ModelSearchSettings::default()
        };
        let model = ModelInteractionSearch::new(
            lrp,
            x,
            n,
            to_marker,
            reference,
            Some(&session.entity_of),
            settings,
        )?;
        Ok(Self { model })
    }

    /// Steps in all: one per marker the model-based method moves.
    pub fn n_steps(&self) -> usize {
        self.model.n_steps()
    }

    /// Steps done.
    pub fn steps_done(&self) -> usize {
        self.model.steps_done()
    }

    /// Fraction of the steps done, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        self.model.fraction()
    }

    /// Whether every step is done ([`InteractionSearch::finish`] then only runs the
    /// statistical method).
    pub fn is_finished(&self) -> bool {
        self.model.is_finished()
    }

    /// What the search is doing, for the progress line: "Interactions: marker 12 of 50".
    pub fn stage(&self) -> String {
        format!(
            "Interactions: marker {} of {}",
            (self.steps_done() + 1).min(self.n_steps()),
            self.n_steps()
        )
    }

    /// Moves the next marker; returns whether steps remain.
    ///
    /// # Errors
    /// [`XaiError`] from the explainer.
    pub fn step(&mut self) -> Result<bool, XaiError> {
        self.model.step()
    }

    /// Runs the steps left, then the statistical method over `session` (the session the
    /// search was prepared from).
    ///
    /// # Errors
    /// [`XaiError`] when `session` disagrees in shape with the search.
    pub fn finish(self, session: &Session) -> Result<CohortInteractions, XaiError> {
        let model = self.model.finish()?;
        let m = session.n_markers();
        let top_k = INTERACTION_TOP_K.min(m);
        let relevance = CohortRelevance::new(&session.relevance, session.n_patients(), m)?;
        let statistical =
            statistical_interactions(&relevance, &session.values, top_k, DEFAULT_FDR)?;
        Ok(CohortInteractions {
            top_k,
            model: RankedInteractions::from_xai(model),
            statistical: RankedInteractions::from_xai(statistical),
        })
    }
}

/// Finds interactions in an explained cohort by both methods in one go: the whole
/// [`InteractionSearch`].
///
/// # Shapes
/// `x`: the cohort's encoded inputs, `n x n_inputs`, row-major, as the network saw them.
///
/// # Errors
/// As [`InteractionSearch::new`] and [`InteractionSearch::finish`].
pub fn find_interactions(session: &Session, x: &[f32]) -> Result<CohortInteractions, XaiError> {
    InteractionSearch::new(session, x)?.finish(session)
}

/// Replaces, for every categorical marker and the entity, the per-column medians of their
/// one-hot inputs (all zeros when no level holds half the cohort: a patient of no level)
/// by one consistent one-hot vector of the cohort's most frequent level (ties: first level).
///
/// # Shapes
/// `reference`: `d`; `x`: `n x d`; `features`: `d`.
fn modal_levels(reference: &mut [f32], x: &[f32], n: usize, features: &[Feature]) {
    let d = features.len();
    if reference.len() != d || x.len() != n * d {
        return;
    }
    let one_hot = |f: &Feature| matches!(f.role, FeatureRole::Level(_) | FeatureRole::Entity(_));
    let mut markers: Vec<usize> = features
        .iter()
        .filter(|f| one_hot(f))
        .map(|f| f.marker)
        .collect();
    markers.sort_unstable();
    markers.dedup();
    for marker in markers {
        let columns: Vec<usize> = (0..d)
            .filter(|&c| features[c].marker == marker && one_hot(&features[c]))
            .collect();
        let count = |c: usize| (0..n).filter(|&p| x[p * d + c] > 0.5).count();
        let Some((&first, rest)) = columns.split_first() else {
            continue;
        };
        let mut modal = first;
        for &c in rest {
            if count(c) > count(modal) {
                modal = c;
            }
        }
        for &c in &columns {
            reference[c] = if c == modal { 1.0 } else { 0.0 };
        }
    }
}

// ---------------------------------------------------------------------------------------
// Table

/// One line of the ranked table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionRow {
    /// 1-based rank within the method.
    pub rank: usize,
    /// The pair.
    pub finding: PairFinding,
    /// Name of marker A (relevance examined).
    pub a_name: String,
    /// Name of marker B (moved or split on).
    pub b_name: String,
    /// Whether the pair (in either order) is one of the planted interactions of a
    /// synthetic cohort.
    pub planted: bool,
}

/// The ranked table of one method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionTable {
    /// The method.
    pub method: Method,
    /// The strongest pairs, at most the number asked for.
    pub rows: Vec<InteractionRow>,
    /// Ordered pairs examined.
    pub n_pairs: usize,
    /// Of them, pairs that count as interactions.
    pub significant: usize,
    /// Markers considered (model-based: markers moved).
    pub top_k: usize,
    /// Patients examined.
    pub patients: usize,
}

impl InteractionTable {
    /// The first `limit` pairs of `method`.
    pub fn build(
        session: &Session,
        found: &CohortInteractions,
        method: Method,
        limit: usize,
    ) -> Self {
        let ranked = found.of(method);
        let name = |j: usize| {
            session
                .markers
                .get(j)
                .map_or_else(|| format!("marker {j}"), |m| m.name.clone())
        };
        let planted = |a: usize, b: usize| {
            session.truth.as_ref().is_some_and(|t| {
                t.interactions
                    .iter()
                    .any(|i| i.markers == [a, b] || i.markers == [b, a])
            })
        };
        Self {
            method,
            rows: ranked
                .pairs
                .iter()
                .take(limit)
                .enumerate()
                .map(|(k, p)| InteractionRow {
                    rank: k + 1,
                    finding: *p,
                    a_name: name(p.a),
                    b_name: name(p.b),
                    planted: planted(p.a, p.b),
                })
                .collect(),
            n_pairs: ranked.pairs.len(),
            significant: ranked.significant,
            top_k: ranked.candidates.len(),
            patients: ranked.patients,
        }
    }

    /// One sentence for the page: "31 of 272 ordered pairs among the 17 most important
    /// markers count as interactions (statistical)."
    pub fn sentence(&self) -> String {
        match self.method {
            Method::Statistical => format!(
                "{} of {} ordered pairs among the {} most important markers count as \
                 interactions (statistical, {} patients).",
                self.significant, self.n_pairs, self.top_k, self.patients
            ),
            Method::ModelBased => format!(
                "{} of {} ordered pairs ({} screened markers moved, each against every other \
                 marker) count as interactions (model-based, {} sampled patients).",
                self.significant, self.n_pairs, self.top_k, self.patients
            ),
        }
    }
}

/// Where each planted interaction of a synthetic cohort lands in each method's ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlantedRank {
    /// The interaction's name.
    pub name: String,
    /// Its markers.
    pub markers: [usize; 2],
    /// 1-based rank of the better of its two orders, model-based; `None` when neither order
    /// was examined.
    pub model: Option<usize>,
    /// The same, statistical.
    pub statistical: Option<usize>,
}

/// The ranks of the planted interactions (empty for a cohort without planted truth).
pub fn planted_ranks(session: &Session, found: &CohortInteractions) -> Vec<PlantedRank> {
    let Some(truth) = &session.truth else {
        return Vec::new();
    };
    truth
        .interactions
        .iter()
        .map(|t| {
            let [x, y] = t.markers;
            PlantedRank {
                name: t.name.clone(),
                markers: t.markers,
                model: found.model.rank_of_unordered(x, y),
                statistical: found.statistical.rank_of_unordered(x, y),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Matrix

/// Interaction strength for every ordered pair of the top markers.
///
/// # Shapes
/// `values`: `k x k`, row-major, row = marker A (relevance examined), column = marker B;
/// NaN on the diagonal and for pairs not examined.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionMatrix {
    /// The method.
    pub method: Method,
    /// The markers, most important first.
    pub markers: Vec<usize>,
    /// Their display names.
    pub names: Vec<String>,
    /// Strength: |effect| (model-based: log-risk units; statistical: |rank-biserial|).
    pub values: Vec<f64>,
    /// Whether each cell's pair counts as an interaction (same layout as `values`).
    pub significant: Vec<bool>,
    /// Largest strength (top of the colour scale).
    pub max: f64,
}

impl InteractionMatrix {
    /// The matrix of `method` over its first `k` candidates.
    pub fn build(session: &Session, found: &CohortInteractions, method: Method, k: usize) -> Self {
        let ranked = found.of(method);
        let markers: Vec<usize> = ranked.candidates.iter().take(k).copied().collect();
        let k = markers.len();
        let mut values = vec![f64::NAN; k * k];
        let mut significant = vec![false; k * k];
        for p in &ranked.pairs {
            if let (Some(r), Some(c)) = (
                markers.iter().position(|&j| j == p.a),
                markers.iter().position(|&j| j == p.b),
            ) {
                values[r * k + c] = p.effect.abs();
                significant[r * k + c] = p.significant;
            }
        }
        let max = values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max);
        Self {
            method,
            names: markers
                .iter()
                .map(|&j| {
                    session
                        .markers
                        .get(j)
                        .map_or_else(|| format!("marker {j}"), |m| m.name.clone())
                })
                .collect(),
            markers,
            values,
            significant,
            max,
        }
    }
}

// ---------------------------------------------------------------------------------------
// One pair

/// Why a pair plot could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PairPlotError {
    /// A marker index outside the session.
    #[error("marker {marker} does not exist; the cohort has {n_markers} markers")]
    UnknownMarker {
        /// The index asked for.
        marker: usize,
        /// Markers in the session.
        n_markers: usize,
    },
    /// The same marker twice.
    #[error("a pair needs two different markers, got {0} twice")]
    SameMarker(usize),
}

/// One patient of a pair plot.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairDot {
    /// Patient row.
    pub patient: usize,
    /// Marker B's value (unit of B, or level index).
    pub value: f32,
    /// Horizontal position: the value, plus a deterministic jitter for a categorical B.
    pub x: f32,
    /// Marker A's relevance, log-risk units.
    pub relevance: f32,
}

/// Distribution of A's relevance within one level or value bin of B.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelevanceBox {
    /// The level's name or the bin's value range.
    pub label: String,
    /// Horizontal centre: the level index, or the bin's median value of B.
    pub x: f32,
    /// Patients.
    pub patients: usize,
    /// Quartiles of A's relevance: lower quartile, median, upper quartile (log-risk).
    pub quartiles: [f32; 3],
    /// Whisker ends: the most extreme relevances within 1.5 interquartile ranges.
    pub whiskers: [f32; 2],
}

/// For one pair: marker A's relevance against marker B's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairPlot {
    /// Marker A (relevance, y).
    pub a: usize,
    /// Marker B (value, x).
    pub b: usize,
    /// A's name.
    pub a_name: String,
    /// B's name.
    pub b_name: String,
    /// B's unit (empty when unitless).
    pub b_unit: String,
    /// B's level names (categorical or binary B); empty for a numeric B.
    pub b_levels: Vec<String>,
    /// Patients with an observed B (a sample when the cohort exceeds the dot limit).
    pub dots: Vec<PairDot>,
    /// One box per level of a categorical B, or per fifth of a numeric B's values.
    pub boxes: Vec<RelevanceBox>,
    /// Patients whose B is missing (not drawn).
    pub missing: usize,
}

impl PairPlot {
    /// Whether B is shown as levels (boxes per level) rather than on a value axis.
    pub fn is_categorical(&self) -> bool {
        !self.b_levels.is_empty()
    }

    /// The x-axis label: B's name and unit.
    pub fn axis_label(&self) -> String {
        if self.b_unit.is_empty() {
            format!("{} (value)", self.b_name)
        } else {
            format!("{} ({})", self.b_name, self.b_unit)
        }
    }

    /// The plot of marker `a`'s relevance against marker `b`'s value.
    ///
    /// # Errors
    /// [`PairPlotError`] for unknown markers or `a == b`.
    pub fn build(
        session: &Session,
        a: usize,
        b: usize,
        max_dots: usize,
    ) -> Result<Self, PairPlotError> {
        let m = session.n_markers();
        for marker in [a, b] {
            if marker >= m {
                return Err(PairPlotError::UnknownMarker {
                    marker,
                    n_markers: m,
                });
            }
        }
        if a == b {
            return Err(PairPlotError::SameMarker(a));
        }
        let info_b = &session.markers[b];
        let categorical = !info_b.levels.is_empty();
        let observed: Vec<(usize, f32, f32)> = (0..session.n_patients())
            .map(|p| (p, session.values[p * m + b], session.relevance[p * m + a]))
            .filter(|(_, v, _)| !v.is_nan())
            .collect();
        let missing = session.n_patients() - observed.len();
        let stride = observed.len().div_ceil(max_dots.max(1)).max(1);
        let dots = observed
            .iter()
            .step_by(stride)
            .map(|&(patient, value, relevance)| PairDot {
                patient,
                value,
                x: if categorical {
                    value + crate::markers_view::jitter(patient) * 0.5
                } else {
                    value
                },
                relevance,
            })
            .collect();
        let mut boxes = Vec::new();
        if categorical {
            for (level, name) in info_b.levels.iter().enumerate() {
                let rel: Vec<f32> = observed
                    .iter()
                    .filter(|o| o.1 == level as f32)
                    .map(|o| o.2)
                    .collect();
                boxes.extend(relevance_box(name.clone(), level as f32, rel));
            }
        } else {
            let mut sorted = observed.clone();
            sorted.sort_by(|l, r| l.1.total_cmp(&r.1));
            let n_bins = sorted.len().min(5);
            for k in 0..n_bins {
                let chunk = &sorted[k * sorted.len() / n_bins..(k + 1) * sorted.len() / n_bins];
                if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
                    let centre = chunk[chunk.len() / 2].1;
                    let label = format!("{} to {}", info_b.format(first.1), info_b.format(last.1));
                    boxes.extend(relevance_box(
                        label,
                        centre,
                        chunk.iter().map(|c| c.2).collect(),
                    ));
                }
            }
        }
        Ok(Self {
            a,
            b,
            a_name: session.markers[a].name.clone(),
            b_name: info_b.name.clone(),
            b_unit: info_b.unit.clone(),
            b_levels: info_b.levels.clone(),
            dots,
            boxes,
            missing,
        })
    }
}

/// Quartiles by linear interpolation between order statistics (numpy's default, type 7).
fn quantile_sorted(sorted: &[f32], q: f32) -> f32 {
    let pos = q * (sorted.len() - 1) as f32;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f32)
}

fn relevance_box(label: String, x: f32, mut relevance: Vec<f32>) -> Option<RelevanceBox> {
    if relevance.is_empty() {
        return None;
    }
    relevance.sort_by(f32::total_cmp);
    let q = [0.25, 0.5, 0.75].map(|q| quantile_sorted(&relevance, q));
    let reach = 1.5 * (q[2] - q[0]);
    let low = relevance
        .iter()
        .copied()
        .find(|&r| r >= q[0] - reach)
        .unwrap_or(q[0]);
    let high = relevance
        .iter()
        .rev()
        .copied()
        .find(|&r| r <= q[2] + reach)
        .unwrap_or(q[2]);
    Some(RelevanceBox {
        label,
        x,
        patients: relevance.len(),
        quartiles: q,
        whiskers: [low, high],
    })
}
