//! The cohort overview: who is in the cohort, how survival differs between the model's risk
//! groups, and how well the model ranks patients against the conventional scores.
//!
//! Three independent builders, so the page recomputes only what a control changes:
//! [`CohortSummary`] (the cohort alone), [`RiskGroupSurvival`] (Kaplan-Meier by risk group;
//! depends on the grouping and the patients chosen) and [`Discrimination`] (Harrell's C with
//! bootstrap intervals on the held-out patients; depends on the session only). Times are
//! shown in months of [`DAYS_PER_MONTH`] days.
//!
//! A session without outcomes (new patients explained by a stored model) has a summary
//! without deaths, follow-up or survival, and [`RiskGroupCounts`] in place of the curves;
//! the curves and C-indices refuse it with [`CohortViewError::NoOutcomes`].

use serde::{Deserialize, Serialize};
use survlens_data::{Describe, Message, MessageArg};
use survlens_model::{
    BootstrapConcordance, BootstrapConfig, BootstrapInterval, KaplanMeier, ModelError, RiskGroups,
    bootstrap_ci, harrell_c, logrank_test,
};

use crate::core::i18n::{Arg, Lang};
use crate::core::session::{
    OutcomeNeed, Session, SessionSummary, ShapeError, entity_name_in, modality_in,
};
use crate::core::units::DAYS_PER_MONTH;

/// The study's rule for a per-entity C-index: at least this many held-out patients...
pub const ENTITY_MIN_PATIENTS: usize = 10;
/// ...and more than this many events among them.
pub const ENTITY_MIN_EVENTS_EXCLUSIVE: usize = 5;

/// Most patients a C-index's bootstrap resamples on the page's thread.
///
/// Up to this many patients the interval is the plain percentile bootstrap. Above it, the
/// same bootstrap runs on a systematic sample of this many patients (every k-th in session
/// order), and its limits' distances from the sample's own estimate are scaled by
/// `sqrt(sample / patients)` around the estimate on every patient: the m-out-of-n bootstrap
/// (Bickel, Götze & van Zwet 1997), valid for an asymptotically normal statistic such as
/// Harrell's C. The point estimate always uses every patient. At 100,000 patients the
/// overview's 45 intervals then cost a fraction of a second instead of half a minute.
pub const BOOTSTRAP_MAX_PATIENTS: usize = 1_000;

/// Most patient draws of all the overview's bootstraps together (resamples x patients
/// resampled, the difference of two C-indices counting twice). A cohort beyond it gets
/// fewer resamples per interval, never fewer than [`MIN_PAGE_REPLICATES`]: with 38 entity
/// rows of 1,000 sampled patients each, 200 resamples would keep the page busy for a
/// second. Cohorts of a few thousand patients stay within it.
pub const BOOTSTRAP_DRAW_BUDGET: usize = 4_000_000;

/// Fewest resamples behind an overview interval, whatever the budget.
pub const MIN_PAGE_REPLICATES: usize = 50;

/// Why the cohort overview could not be computed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CohortViewError {
    /// The session breaks its own shape invariants (see [`Session::check_shapes`]).
    #[error("inconsistent cohort: {0}")]
    Shape(#[from] ShapeError),
    /// A statistic refused data the session guarantees to be valid.
    #[error("{}: {source}", Lang::En.message(what))]
    Statistic {
        /// Which statistic, for which patients (a message of the catalogues).
        what: Message,
        /// The model crate's error.
        source: ModelError,
    },
    /// The session has no outcomes; the message says what could not be shown and why.
    #[error("{needs}")]
    NoOutcomes {
        /// What could not be shown.
        needs: OutcomeNeed,
    },
}

impl Describe for CohortViewError {
    fn message(&self) -> Message {
        match self {
            Self::Shape(e) => Message::new(
                "error-cohort-shape",
                vec![("reason", MessageArg::nested(e))],
            ),
            Self::Statistic { what, source } => Message::new(
                "error-cohort-statistic",
                vec![
                    ("what", MessageArg::Nested(Box::new(what.clone()))),
                    ("reason", MessageArg::nested(source)),
                ],
            ),
            Self::NoOutcomes { needs } => needs.message(),
        }
    }
}

impl CohortViewError {
    fn no_outcomes(session: &Session, needs: OutcomeNeed) -> Result<(), Self> {
        if session.has_outcomes {
            Ok(())
        } else {
            Err(Self::NoOutcomes { needs })
        }
    }

    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Shape(e) => e.code(),
            Self::Statistic { source, .. } => source.code(),
            Self::NoOutcomes { .. } => "no_outcomes",
        }
    }

    fn statistic(what: Message) -> impl FnOnce(ModelError) -> Self {
        move |source| Self::Statistic { what, source }
    }
}

/// Days to months on the page's time axes.
pub fn months(days: f64) -> f64 {
    days / DAYS_PER_MONTH
}

// ---------------------------------------------------------------------------------------
// Cohort summary

/// Patients and events of one cancer entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityCount {
    /// Display name.
    pub name: String,
    /// Patients of the entity.
    pub patients: usize,
    /// Deaths observed among them.
    pub events: usize,
}

/// Missing values of one modality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModalityMissingness {
    /// Modality name, as the markers carry it.
    pub modality: String,
    /// Markers of the modality.
    pub markers: usize,
    /// Missing cells (patients x markers of the modality).
    pub missing_cells: usize,
    /// All cells, `patients * markers`.
    pub cells: usize,
}

impl ModalityMissingness {
    /// Share of the modality's cells that are missing, in [0, 1] (0 for no cells).
    pub fn share(&self) -> f64 {
        if self.cells == 0 {
            0.0
        } else {
            self.missing_cells as f64 / self.cells as f64
        }
    }
}

/// The cohort at a glance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortSummary {
    /// Patients.
    pub patients: usize,
    /// Whether the patients have outcomes; without, `events` is 0 and the medians `None`:
    /// the page says the file has none rather than showing them.
    pub has_outcomes: bool,
    /// Deaths observed.
    pub events: usize,
    /// Median follow-up in months by the reverse Kaplan-Meier method (censoring as the
    /// event, deaths as censored); `None` when the reverse curve never reaches 50%.
    pub median_follow_up_months: Option<f64>,
    /// Kaplan-Meier median overall survival in months; `None` when survival stays above 50%.
    pub median_survival_months: Option<f64>,
    /// Entities with their counts, most patients first (ties by name).
    pub entities: Vec<EntityCount>,
    /// Missing cells per modality, in order of first appearance among the markers.
    pub missingness: Vec<ModalityMissingness>,
}

impl CohortSummary {
    /// The same summary with its names in `lang`: the synthetic cohorts' entities by their
    /// German names, the marker dictionary's modalities translated.
    pub fn in_language(mut self, lang: Lang) -> Self {
        for e in &mut self.entities {
            e.name = entity_name_in(&e.name, lang);
        }
        for m in &mut self.missingness {
            m.modality = modality_in(&m.modality, lang);
        }
        self
    }

    /// Share of patients with an observed death, in [0, 1].
    pub fn event_rate(&self) -> f64 {
        if self.patients == 0 {
            0.0
        } else {
            self.events as f64 / self.patients as f64
        }
    }

    /// Summarises the whole cohort of `session`.
    pub fn build(session: &Session) -> Result<Self, CohortViewError> {
        session.check_shapes().map_err(CohortViewError::Shape)?;
        let n = session.n_patients();
        let m = session.n_markers();

        let mut entities: Vec<EntityCount> = session
            .entities
            .iter()
            .map(|name| EntityCount {
                name: name.clone(),
                patients: 0,
                events: 0,
            })
            .collect();
        for (&e, &dead) in session.entity_of.iter().zip(&session.event) {
            // check_shapes guarantees the index; `get_mut` keeps a broken session harmless.
            if let Some(count) = entities.get_mut(e as usize) {
                count.patients += 1;
                count.events += usize::from(dead);
            }
        }
        entities.retain(|e| e.patients > 0);
        entities.sort_by(|a, b| b.patients.cmp(&a.patients).then(a.name.cmp(&b.name)));

        // One pass in memory order (row by row): a column-wise walk strides over the
        // whole matrix once per marker, which at 100,000 x 350 costs hundreds of ms.
        let mut missing_of = vec![0usize; m];
        for row in session.values.chunks_exact(m.max(1)) {
            for (count, v) in missing_of.iter_mut().zip(row) {
                *count += usize::from(v.is_nan());
            }
        }
        let mut missingness: Vec<ModalityMissingness> = Vec::new();
        for (marker, &missing) in session.markers.iter().zip(&missing_of) {
            let slot = match missingness
                .iter()
                .position(|r| r.modality == marker.modality)
            {
                Some(k) => &mut missingness[k],
                None => {
                    missingness.push(ModalityMissingness {
                        modality: marker.modality.clone(),
                        markers: 0,
                        missing_cells: 0,
                        cells: 0,
                    });
                    let last = missingness.len() - 1;
                    &mut missingness[last]
                }
            };
            slot.markers += 1;
            slot.missing_cells += missing;
            slot.cells += n;
        }

        let (median_follow_up_months, median_survival_months) = if n == 0 || !session.has_outcomes {
            (None, None)
        } else {
            let censored: Vec<bool> = session.event.iter().map(|&e| !e).collect();
            let reverse = KaplanMeier::fit(&session.time, &censored).map_err(
                CohortViewError::statistic(Message::plain("error-cohort-what-reverse-km")),
            )?;
            let overall = KaplanMeier::fit(&session.time, &session.event).map_err(
                CohortViewError::statistic(Message::plain("error-cohort-what-km")),
            )?;
            (reverse.median().map(months), overall.median().map(months))
        };

        Ok(Self {
            patients: n,
            has_outcomes: session.has_outcomes,
            events: session.event.iter().filter(|&&e| e).count(),
            median_follow_up_months,
            median_survival_months,
            entities,
            missingness,
        })
    }
}

/// How the patients of a cohort fall into the model's risk groups (the patient view's
/// groups, at the session's cut-offs): what the overview shows of risk groups when the
/// cohort has no outcomes to draw survival curves from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskGroupCounts {
    /// Each group's label and its number of patients, lowest risk first.
    pub groups: Vec<(String, usize)>,
    /// The cut-offs between groups, log hazard ratio.
    pub cut_offs: [f32; 2],
}

impl RiskGroupCounts {
    /// Counts the patients of `session` per risk group.
    pub fn build(session: &Session) -> Self {
        Self::build_in(session, Lang::En)
    }

    /// [`RiskGroupCounts::build`] with the groups named in `lang`.
    pub fn build_in(session: &Session, lang: Lang) -> Self {
        use crate::views::patient::RiskGroup;
        let order = [RiskGroup::Low, RiskGroup::Intermediate, RiskGroup::High];
        let mut counts = [0usize; 3];
        for &r in &session.risk {
            let g = RiskGroup::of(r, session.risk_cutoffs);
            if let Some(k) = order.iter().position(|&o| o == g) {
                counts[k] += 1;
            }
        }
        Self {
            groups: order
                .iter()
                .zip(counts)
                .map(|(g, n)| (g.label_in(lang), n))
                .collect(),
            cut_offs: session.risk_cutoffs,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Kaplan-Meier by risk group

/// How the model's risk scores are cut into groups.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum RiskGrouping {
    /// Three groups at the training patients' risk tertiles (the patient view's groups).
    #[default]
    Tertiles,
    /// Four groups at the training patients' risk quartiles.
    Quartiles,
}

impl RiskGrouping {
    /// Both choices, for a select control.
    pub const ALL: [RiskGrouping; 2] = [RiskGrouping::Tertiles, RiskGrouping::Quartiles];

    /// Number of groups.
    pub fn n_groups(self) -> usize {
        match self {
            Self::Tertiles => 3,
            Self::Quartiles => 4,
        }
    }

    /// Name of the choice ("tertiles").
    pub fn label(self) -> &'static str {
        match self {
            Self::Tertiles => "tertiles",
            Self::Quartiles => "quartiles",
        }
    }

    /// [`RiskGrouping::label`] in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        lang.t(self.key())
    }

    /// The catalogue key of its label.
    fn key(self) -> &'static str {
        match self {
            Self::Tertiles => "vm-cohort-grouping-tertiles",
            Self::Quartiles => "vm-cohort-grouping-quartiles",
        }
    }

    /// [`RiskGrouping::group_label`] in `lang`.
    pub fn group_label_in(self, g: usize, lang: Lang) -> String {
        match (self, g) {
            (Self::Tertiles, 0) => lang.t("vm-group-lower-third"),
            (Self::Tertiles, 1) => lang.t("vm-group-middle-third"),
            (Self::Tertiles, _) => lang.t("vm-group-upper-third"),
            (Self::Quartiles, 0) => lang.t("vm-group-q1"),
            (Self::Quartiles, 3) => lang.t("vm-group-q4"),
            (Self::Quartiles, g) => format!("Q{}", g + 1),
        }
    }

    /// Name of group `g` (0 = lowest risk).
    pub fn group_label(self, g: usize) -> String {
        match (self, g) {
            (Self::Tertiles, 0) => "Lower third".to_owned(),
            (Self::Tertiles, 1) => "Middle third".to_owned(),
            (Self::Tertiles, _) => "Upper third".to_owned(),
            (Self::Quartiles, 0) => "Q1 (lowest risk)".to_owned(),
            (Self::Quartiles, 3) => "Q4 (highest risk)".to_owned(),
            (Self::Quartiles, g) => format!("Q{}", g + 1),
        }
    }
}

/// Which patients a statistic is computed on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Population {
    /// Patients held out from training (validation and test halves): the model never fitted
    /// its weights to them.
    #[default]
    HeldOut,
    /// Every patient, training patients included (their separation is optimistic).
    All,
}

impl Population {
    /// Both choices, for a select control.
    pub const ALL: [Population; 2] = [Population::HeldOut, Population::All];

    /// Short name for a control.
    pub fn label(self) -> &'static str {
        match self {
            Self::HeldOut => "held-out patients",
            Self::All => "all patients",
        }
    }

    /// [`Population::label`] in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::HeldOut => "vm-cohort-population-held-out",
            Self::All => "vm-cohort-population-all",
        })
    }

    /// The patients of `session` it selects, in session order.
    pub fn rows(self, session: &Session) -> Vec<usize> {
        (0..session.n_patients())
            .filter(|&i| self == Self::All || session.held_out.get(i).copied().unwrap_or(false))
            .collect()
    }
}

/// A Kaplan-Meier curve on the month axis with its pointwise 95% interval.
///
/// # Shapes
/// All vectors have one entry per step (time 0 first), as [`KaplanMeier`] lays them out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurvivalCurve {
    /// Step times in months, increasing, starting at 0.
    pub time_months: Vec<f64>,
    /// Survival from each time to the next, in [0, 1].
    pub survival: Vec<f64>,
    /// Lower limit of the 95% exponential-Greenwood (log-log) interval.
    pub lower: Vec<f64>,
    /// Upper limit of the interval.
    pub upper: Vec<f64>,
    /// Months at which patients were censored (for tick marks on the curve).
    pub censored_months: Vec<f64>,
}

impl SurvivalCurve {
    fn from_km(km: &KaplanMeier) -> Self {
        Self {
            time_months: km.time.iter().map(|&t| months(t)).collect(),
            survival: km.survival.clone(),
            lower: km.ci_lower.clone(),
            upper: km.ci_upper.clone(),
            censored_months: km
                .time
                .iter()
                .zip(&km.censored)
                .filter(|(_, c)| **c > 0)
                .map(|(&t, _)| months(t))
                .collect(),
        }
    }

    /// Survival and its interval `(estimate, lower, upper)` at `t` months: the last step at
    /// or before `t`.
    pub fn at(&self, t: f64) -> (f64, f64, f64) {
        match self.time_months.partition_point(|&k| k <= t).checked_sub(1) {
            Some(k) => (self.survival[k], self.lower[k], self.upper[k]),
            None => (1.0, 1.0, 1.0),
        }
    }
}

impl SurvivalCurve {
    /// Survival and its interval at `t` months where the data determine it: up to the
    /// group's last follow-up, or anywhere once the curve has reached 0 (everyone died).
    /// `None` beyond the follow-up of a curve still above 0.
    pub fn known_at(&self, t: f64) -> Option<(f64, f64, f64)> {
        let last = self.time_months.last().copied().unwrap_or(0.0);
        let extinct = self.survival.last().is_some_and(|&s| s == 0.0);
        (t <= last || extinct).then(|| self.at(t))
    }
}

/// One risk group's survival.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupSurvival {
    /// Group index, 0 = lowest risk.
    pub group: usize,
    /// Display name.
    pub label: String,
    /// Patients in the group.
    pub patients: usize,
    /// Deaths observed among them.
    pub events: usize,
    /// Median survival in months, `None` when the curve stays above 50% (or the group is
    /// empty).
    pub median_months: Option<f64>,
    /// The curve; `None` for an empty group.
    pub curve: Option<SurvivalCurve>,
    /// Patients still followed at each of [`RiskGroupSurvival::landmarks_months`]
    /// (follow-up time >= the landmark).
    pub at_risk: Vec<usize>,
}

/// The k-group log-rank test across the risk groups.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogRank {
    /// Chi-square statistic.
    pub statistic: f64,
    /// Degrees of freedom (non-empty groups - 1).
    pub df: usize,
    /// Upper-tail p-value.
    pub p_value: f64,
}

/// Kaplan-Meier curves of the model's risk groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskGroupSurvival {
    /// How the risks were cut.
    pub grouping: RiskGrouping,
    /// Which patients the curves describe.
    pub population: Population,
    /// Log-risk cut-offs, increasing: quantiles of the training patients' risks.
    pub cut_offs: Vec<f64>,
    /// Training patients the cut-offs come from.
    pub training_patients: usize,
    /// One entry per group, lowest risk first.
    pub groups: Vec<GroupSurvival>,
    /// Regular times (months, starting at 0) for the numbers at risk and the time axis.
    pub landmarks_months: Vec<f64>,
    /// End of the time axis in months (the last landmark at or after the longest follow-up).
    pub axis_end_months: f64,
    /// Log-rank test of equal survival across the non-empty groups; `None` with fewer than
    /// two non-empty groups.
    pub logrank: Option<LogRank>,
}

impl RiskGroupSurvival {
    /// Kaplan-Meier curves of `population`, grouped by `grouping` at cut-offs taken from
    /// the training patients' risks (`!held_out`).
    ///
    /// Tertiles use the session's own cut-offs, so that a patient's group here is the one the
    /// patient view shows; quartiles are computed from the training risks by linear
    /// interpolation (numpy's default quantile), or from every patient's risk when the
    /// session has no training patients (a stored model explaining a new cohort). A risk
    /// equal to a cut-off joins the lower group.
    pub fn build(
        session: &Session,
        grouping: RiskGrouping,
        population: Population,
    ) -> Result<Self, CohortViewError> {
        session.check_shapes().map_err(CohortViewError::Shape)?;
        CohortViewError::no_outcomes(session, OutcomeNeed::RiskGroupSurvival)?;
        let train: Vec<f64> = (0..session.n_patients())
            .filter(|&i| !session.held_out[i])
            .map(|i| f64::from(session.risk[i]))
            .collect();
        let groups = match grouping {
            RiskGrouping::Tertiles => RiskGroups::from_cut_offs(
                session.risk_cutoffs.iter().map(|&c| f64::from(c)).collect(),
            ),
            // A cohort explained by a stored model has no training patients of its own
            // (every patient is held out): its quartiles are then those of every patient.
            RiskGrouping::Quartiles if train.is_empty() => {
                let all: Vec<f64> = session.risk.iter().map(|&r| f64::from(r)).collect();
                RiskGroups::equal_sized(&all, 4)
            }
            RiskGrouping::Quartiles => RiskGroups::equal_sized(&train, 4),
        }
        .map_err(CohortViewError::statistic(Message::new(
            "error-cohort-what-risk-groups",
            vec![(
                "grouping",
                MessageArg::Nested(Box::new(Message::plain(grouping.key()))),
            )],
        )))?;

        let rows = population.rows(session);
        let time: Vec<f64> = rows.iter().map(|&i| session.time[i]).collect();
        let event: Vec<bool> = rows.iter().map(|&i| session.event[i]).collect();
        let risk: Vec<f64> = rows.iter().map(|&i| f64::from(session.risk[i])).collect();
        let group_of = groups
            .assign_all(&risk)
            .map_err(CohortViewError::statistic(Message::plain(
                "error-cohort-what-assignment",
            )))?;

        let labels: Vec<String> = (0..groups.n_groups())
            .map(|g| grouping.group_label(g))
            .collect();
        let curves = SurvivalGroups::build(&time, &event, &group_of, &labels)?;

        Ok(Self {
            grouping,
            population,
            cut_offs: groups.cut_offs().to_vec(),
            training_patients: train.len(),
            groups: curves.groups,
            landmarks_months: curves.landmarks_months,
            axis_end_months: curves.axis_end_months,
            logrank: curves.logrank,
        })
    }

    /// Patients shown, over all groups.
    pub fn patients(&self) -> usize {
        self.groups.iter().map(|g| g.patients).sum()
    }

    /// The curves alone, as [`SurvivalGroups`].
    pub fn curves(&self) -> SurvivalGroups {
        SurvivalGroups {
            groups: self.groups.clone(),
            landmarks_months: self.landmarks_months.clone(),
            axis_end_months: self.axis_end_months,
            logrank: self.logrank,
        }
    }
}

/// Kaplan-Meier curves of groups of patients on one time axis, with the numbers at risk
/// and the log-rank test across the groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurvivalGroups {
    /// One entry per group, in the order of the labels.
    pub groups: Vec<GroupSurvival>,
    /// Regular times (months, starting at 0) for the numbers at risk and the time axis.
    pub landmarks_months: Vec<f64>,
    /// End of the time axis in months.
    pub axis_end_months: f64,
    /// Log-rank test of equal survival across the non-empty groups; `None` with fewer than
    /// two non-empty groups.
    pub logrank: Option<LogRank>,
}

impl SurvivalGroups {
    /// The curves of patients with follow-up `time` (days) and `event`, patient `k` in
    /// group `group_of[k]` (an index into `labels`).
    ///
    /// # Shapes
    /// `time`, `event`, `group_of`: the same patients.
    ///
    /// # Errors
    /// [`CohortViewError::Statistic`] when a curve or the test refuses the data.
    pub fn build(
        time: &[f64],
        event: &[bool],
        group_of: &[usize],
        labels: &[String],
    ) -> Result<Self, CohortViewError> {
        let longest = time.iter().copied().fold(0.0, f64::max);
        let landmarks_months = landmarks(months(longest));
        let axis_end_months = landmarks_months
            .last()
            .copied()
            .unwrap_or(0.0)
            .max(months(longest));
        let mut groups = Vec::with_capacity(labels.len());
        for (g, label) in labels.iter().enumerate() {
            let members: Vec<usize> = (0..time.len()).filter(|&k| group_of[k] == g).collect();
            let t: Vec<f64> = members.iter().map(|&k| time[k]).collect();
            let e: Vec<bool> = members.iter().map(|&k| event[k]).collect();
            let km = if members.is_empty() {
                None
            } else {
                Some(
                    KaplanMeier::fit(&t, &e).map_err(CohortViewError::statistic(Message::new(
                        "error-cohort-what-group-km",
                        vec![("group", MessageArg::text(label))],
                    )))?,
                )
            };
            groups.push(GroupSurvival {
                group: g,
                label: label.clone(),
                patients: members.len(),
                events: e.iter().filter(|&&d| d).count(),
                median_months: km.as_ref().and_then(KaplanMeier::median).map(months),
                curve: km.as_ref().map(SurvivalCurve::from_km),
                at_risk: landmarks_months
                    .iter()
                    .map(|&l| t.iter().filter(|&&d| months(d) >= l).count())
                    .collect(),
            });
        }
        let non_empty = groups.iter().filter(|g| g.patients > 0).count();
        let logrank = if non_empty >= 2 {
            let test = logrank_test(time, event, group_of).map_err(CohortViewError::statistic(
                Message::plain("error-cohort-what-logrank"),
            ))?;
            Some(LogRank {
                statistic: test.statistic,
                df: test.df,
                p_value: test.p_value,
            })
        } else {
            None
        };
        Ok(Self {
            groups,
            landmarks_months,
            axis_end_months,
            logrank,
        })
    }
}

impl RiskGroupSurvival {
    /// The same curves with their groups named in `lang`.
    pub fn in_language(mut self, lang: Lang) -> Self {
        for g in &mut self.groups {
            g.label = self.grouping.group_label_in(g.group, lang);
        }
        self
    }
}

/// Regular times from 0 to at least `end` months: a step of 1, 3, 6, 12, 24, 36, 60 or 120
/// months, the smallest that needs at most 8 steps.
pub fn landmarks(end: f64) -> Vec<f64> {
    const STEPS: [f64; 8] = [1.0, 3.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0];
    let end = if end.is_finite() { end.max(0.0) } else { 0.0 };
    let step = STEPS
        .iter()
        .copied()
        .find(|&s| (end / s).ceil() <= 8.0)
        .unwrap_or_else(|| (end / 8.0 / 120.0).ceil() * 120.0);
    let n = (end / step).ceil().max(1.0) as usize;
    (0..=n).map(|k| k as f64 * step).collect()
}

// ---------------------------------------------------------------------------------------
// Discrimination

/// A C-index with its interval, three decimals: "0.769 (0.724–0.810)"; "not computable"
/// when there were no comparable pairs.
pub fn format_c(ci: Option<&BootstrapInterval>) -> String {
    match ci {
        Some(c) => format!("{:.3} ({:.3}–{:.3})", c.estimate, c.lower, c.upper),
        None => "not computable".to_owned(),
    }
}

/// [`format_c`] in `lang`: German "0,769 (0,724–0,810)".
pub fn format_c_in(ci: Option<&BootstrapInterval>, lang: Lang) -> String {
    match ci {
        Some(c) => format!(
            "{} ({}–{})",
            lang.decimal(c.estimate, 3),
            lang.decimal(c.lower, 3),
            lang.decimal(c.upper, 3)
        ),
        None => lang.t("vm-cohort-not-computable"),
    }
}

/// [`format_c_difference`] in `lang`: German "+0,147 (+0,097 bis +0,195)".
pub fn format_c_difference_in(ci: Option<&BootstrapInterval>, lang: Lang) -> String {
    match (ci, lang) {
        (_, Lang::En) => format_c_difference(ci),
        (Some(c), Lang::De) => format!(
            "{} ({} bis {})",
            lang.signed(c.estimate, 3),
            lang.signed(c.lower, 3),
            lang.signed(c.upper, 3)
        ),
        (None, Lang::De) => lang.t("vm-cohort-not-computable"),
    }
}

/// A difference of C-indices with its interval, signed: "+0.147 (+0.097 to +0.195)".
pub fn format_c_difference(ci: Option<&BootstrapInterval>) -> String {
    match ci {
        Some(c) => format!("{:+.3} ({:+.3} to {:+.3})", c.estimate, c.lower, c.upper),
        None => "not computable".to_owned(),
    }
}

/// A concordance index with its bootstrap interval, on a named set of patients.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CIndexRow {
    /// What the row is ("All held-out patients", an entity name).
    pub label: String,
    /// Patients.
    pub patients: usize,
    /// Deaths observed among them.
    pub events: usize,
    /// Harrell's C with its percentile bootstrap interval; `None` without comparable pairs.
    pub c: Option<BootstrapInterval>,
}

/// An entity left out of the per-entity C-indices, with its counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExcludedEntity {
    /// Display name.
    pub name: String,
    /// Held-out patients of the entity.
    pub patients: usize,
    /// Deaths among them.
    pub events: usize,
}

/// A conventional clinical score the cohort records, as a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConventionalScore {
    /// UICC TNM stage group.
    UiccStage,
    /// ECOG performance status.
    Ecog,
    /// Charlson comorbidity index.
    Charlson,
}

impl ConventionalScore {
    /// The scores the study compared the model with, in its order.
    pub const ALL: [ConventionalScore; 3] = [Self::UiccStage, Self::Ecog, Self::Charlson];

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Self::UiccStage => "UICC stage",
            Self::Ecog => "ECOG performance status",
            Self::Charlson => "Charlson comorbidity index",
        }
    }

    /// [`ConventionalScore::name`] in `lang`.
    pub fn name_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::UiccStage => "vm-cohort-score-uicc",
            Self::Ecog => "vm-cohort-score-ecog",
            Self::Charlson => "vm-cohort-score-charlson",
        })
    }

    /// Whether a marker id names this score: `uicc_stage`, an id containing `ecog`
    /// (`ecog`, `fac_ph_ecog`), or one starting with `charlson` (`charlson_index`),
    /// case-insensitively.
    pub fn matches(self, marker_id: &str) -> bool {
        let id = marker_id.to_ascii_lowercase();
        match self {
            Self::UiccStage => id == "uicc_stage" || id.starts_with("uicc"),
            Self::Ecog => id.contains("ecog"),
            Self::Charlson => id.starts_with("charlson"),
        }
    }
}

/// The model against one conventional score, on the same patients.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreComparison {
    /// Which score.
    pub score: ConventionalScore,
    /// The marker that holds it (index into the session's markers).
    pub marker: usize,
    /// Held-out patients with the score recorded (the others are left out of all three
    /// figures of the row).
    pub patients: usize,
    /// Deaths among them.
    pub events: usize,
    /// Held-out patients without the score.
    pub missing: usize,
    /// Harrell's C of the score itself (higher stage, ECOG or Charlson = higher risk; tied
    /// scores count one half).
    pub score_c: Option<BootstrapInterval>,
    /// Harrell's C of the model on the same patients.
    pub model_c: Option<BootstrapInterval>,
    /// Model C minus score C, with the interval of the paired difference (both computed on
    /// each resample).
    pub difference: Option<BootstrapInterval>,
}

/// How well the model ranks the held-out patients, overall, per entity and against the
/// conventional scores. Every C-index is Harrell's, every interval a percentile bootstrap
/// with the same seeded resamples.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discrimination {
    /// The bootstrap settings behind every interval: those asked for, with fewer resamples
    /// when the cohort exceeds [`BOOTSTRAP_DRAW_BUDGET`].
    pub bootstrap: BootstrapConfig,
    /// All held-out patients.
    pub overall: CIndexRow,
    /// Entities with at least [`ENTITY_MIN_PATIENTS`] held-out patients and more than
    /// [`ENTITY_MIN_EVENTS_EXCLUSIVE`] events, most patients first.
    pub entities: Vec<CIndexRow>,
    /// Entities left out by that rule.
    pub excluded: Vec<ExcludedEntity>,
    /// The model against each conventional score the cohort records.
    pub conventional: Vec<ScoreComparison>,
    /// Most patients behind an interval ([`BOOTSTRAP_MAX_PATIENTS`]): a row with more
    /// patients takes its interval from a rescaled bootstrap of a sample of this many.
    pub bootstrap_max_patients: usize,
}

impl Discrimination {
    /// The same figures with their rows named in `lang`: the overall row, the synthetic
    /// cohorts' entities by their German names.
    pub fn in_language(mut self, lang: Lang) -> Self {
        self.overall.label = lang.t("vm-c-row-all-held-out");
        for row in &mut self.entities {
            row.label = entity_name_in(&row.label, lang);
        }
        for e in &mut self.excluded {
            e.name = entity_name_in(&e.name, lang);
        }
        self
    }

    /// The bootstrap the page uses: 200 resamples (enough for a 95% interval to two
    /// decimals, fast enough to recompute on the main thread), seed 20250.
    pub fn page_bootstrap() -> BootstrapConfig {
        BootstrapConfig {
            replicates: 200,
            level: 0.95,
            seed: 20_250,
        }
    }

    /// Harrell's C of the model on the held-out patients of `session`, overall, per entity
    /// (the study's rule) and beside each conventional score found among the markers.
    pub fn build(session: &Session, bootstrap: &BootstrapConfig) -> Result<Self, CohortViewError> {
        session.check_shapes().map_err(CohortViewError::Shape)?;
        CohortViewError::no_outcomes(session, OutcomeNeed::CIndex)?;
        let rows = Population::HeldOut.rows(session);
        let risk = |i: usize| f64::from(session.risk[i]);

        let members_of: Vec<Vec<usize>> = {
            let mut members = vec![Vec::new(); session.entities.len()];
            for &i in &rows {
                // check_shapes guarantees the index; `get_mut` keeps a broken session harmless.
                if let Some(list) = members.get_mut(session.entity_of[i] as usize) {
                    list.push(i);
                }
            }
            members
        };
        let scores: Vec<(ConventionalScore, usize)> = ConventionalScore::ALL
            .into_iter()
            .filter_map(|score| {
                let marker = session.markers.iter().position(|m| score.matches(&m.id))?;
                Some((score, marker))
            })
            .collect();
        let bootstrap = &within_budget(bootstrap, {
            let kept = |n: usize| n.min(BOOTSTRAP_MAX_PATIENTS);
            let m = session.n_markers();
            let entity_rows: usize = members_of.iter().map(|e| kept(e.len())).sum();
            let score_rows: usize = scores
                .iter()
                .map(|&(_, j)| {
                    let with = rows
                        .iter()
                        .filter(|&&i| !session.values[i * m + j].is_nan());
                    // The score's C, the model's C, and both again for their difference.
                    4 * kept(with.count())
                })
                .sum();
            kept(rows.len()) + entity_rows + score_rows
        });

        let overall = c_row(session, "All held-out patients", &rows, risk, bootstrap)?;

        let mut entities = Vec::new();
        let mut excluded = Vec::new();
        for (name, members) in session.entities.iter().zip(&members_of) {
            let events = members.iter().filter(|&&i| session.event[i]).count();
            if members.is_empty() {
                continue;
            }
            if members.len() >= ENTITY_MIN_PATIENTS && events > ENTITY_MIN_EVENTS_EXCLUSIVE {
                entities.push(c_row(session, name, members, risk, bootstrap)?);
            } else {
                excluded.push(ExcludedEntity {
                    name: name.clone(),
                    patients: members.len(),
                    events,
                });
            }
        }
        entities.sort_by(|a, b| b.patients.cmp(&a.patients).then(a.label.cmp(&b.label)));

        let mut conventional = Vec::new();
        for (score, marker) in scores {
            conventional.push(compare(session, score, marker, &rows, bootstrap)?);
        }

        Ok(Self {
            bootstrap: bootstrap.clone(),
            overall,
            entities,
            excluded,
            conventional,
            bootstrap_max_patients: BOOTSTRAP_MAX_PATIENTS,
        })
    }

    /// Which patients the overall row counts, in one or two sentences: the held-out fold's
    /// validation and test halves of a network trained here, or, when no patient of this
    /// cohort trained the network (a stored model applied to a new cohort), every patient.
    pub fn held_out_note(&self, session: &SessionSummary) -> String {
        self.held_out_note_in(session, Lang::En)
    }

    /// [`Discrimination::held_out_note`] in `lang`.
    pub fn held_out_note_in(&self, session: &SessionSummary, lang: Lang) -> String {
        let (n, events) = (self.overall.patients, self.overall.events);
        let word = session.kind.endpoint.events_in(lang);
        let (n, events, c) = (
            lang.integer(n as i64),
            lang.integer(events as i64),
            lang.decimal(session.test_cindex, 3),
        );
        let args = [
            ("patients", Arg::Text(&n)),
            ("events", Arg::Text(&events)),
            ("word", Arg::Text(&word)),
            ("c", Arg::Text(&c)),
        ];
        if session.all_held_out {
            lang.t_with("vm-cohort-held-out-all", &args)
        } else {
            lang.t_with("vm-cohort-held-out-fold", &args)
        }
    }

    /// The caption's note on sampled intervals, in `lang`: "Intervals of rows with more
    /// than 2,000 patients: bootstrap of 2,000 of them, rescaled to the row's size." `None`
    /// when every row's interval resampled all its patients.
    pub fn sampling_note_in(&self, lang: Lang) -> Option<String> {
        let largest = self
            .entities
            .iter()
            .map(|r| r.patients)
            .chain(self.conventional.iter().map(|c| c.patients))
            .fold(self.overall.patients, usize::max);
        (largest > self.bootstrap_max_patients).then(|| {
            let cap = lang.integer(i64::try_from(self.bootstrap_max_patients).unwrap_or(i64::MAX));
            lang.t_with("vm-cohort-sampling-note", &[("cap", Arg::Text(&cap))])
        })
    }

    /// [`Discrimination::sampling_note_in`] in English.
    pub fn sampling_note(&self) -> Option<String> {
        self.sampling_note_in(Lang::En)
    }
}

/// `bootstrap` with its resamples cut so that `draws_per_replicate` patient draws each stay
/// within [`BOOTSTRAP_DRAW_BUDGET`] (never below [`MIN_PAGE_REPLICATES`], never above the
/// requested number).
fn within_budget(bootstrap: &BootstrapConfig, draws_per_replicate: usize) -> BootstrapConfig {
    let affordable = BOOTSTRAP_DRAW_BUDGET / draws_per_replicate.max(1);
    BootstrapConfig {
        replicates: bootstrap
            .replicates
            .min(affordable.max(MIN_PAGE_REPLICATES)),
        ..bootstrap.clone()
    }
}

/// The patients a bootstrap resamples: all `n` of a row, or a systematic sample of
/// [`BOOTSTRAP_MAX_PATIENTS`] of them (see there).
struct Resampling {
    /// Patients of the row.
    n: usize,
    /// Positions within the row that are resampled, increasing.
    kept: Vec<usize>,
}

impl Resampling {
    fn of(n: usize) -> Self {
        let kept = if n <= BOOTSTRAP_MAX_PATIENTS {
            (0..n).collect()
        } else {
            // Evenly spaced positions: a sample stratified by session order.
            (0..BOOTSTRAP_MAX_PATIENTS)
                .map(|k| k * n / BOOTSTRAP_MAX_PATIENTS)
                .collect()
        };
        Self { n, kept }
    }

    fn is_sampled(&self) -> bool {
        self.kept.len() < self.n
    }

    /// The kept entries of a per-patient vector of the row.
    fn gather<T: Copy>(&self, values: &[T]) -> Vec<T> {
        self.kept.iter().map(|&k| values[k]).collect()
    }

    /// The interval of a statistic: `statistic` sees indices into the kept patients (all
    /// of them for the estimate, draws with replacement for each replicate); `on_all`
    /// gives the estimate on every patient of the row, used only when they were sampled.
    fn interval(
        &self,
        bootstrap: &BootstrapConfig,
        on_all: impl FnOnce() -> Result<f64, ModelError>,
        statistic: impl FnMut(&[usize]) -> Result<f64, ModelError>,
    ) -> Result<BootstrapInterval, ModelError> {
        let sampled = bootstrap_ci(self.kept.len(), bootstrap, statistic)?;
        if !self.is_sampled() {
            return Ok(sampled);
        }
        let estimate = on_all()?;
        let scale = (self.kept.len() as f64 / self.n as f64).sqrt();
        Ok(BootstrapInterval {
            estimate,
            lower: estimate + scale * (sampled.lower - sampled.estimate),
            upper: estimate + scale * (sampled.upper - sampled.estimate),
            ..sampled
        })
    }
}

/// Harrell's C of `score(i)` over `rows`, with its bootstrap interval.
fn c_row(
    session: &Session,
    label: &str,
    rows: &[usize],
    score: impl Fn(usize) -> f64,
    bootstrap: &BootstrapConfig,
) -> Result<CIndexRow, CohortViewError> {
    let time: Vec<f64> = rows.iter().map(|&i| session.time[i]).collect();
    let event: Vec<bool> = rows.iter().map(|&i| session.event[i]).collect();
    let values: Vec<f64> = rows.iter().map(|&i| score(i)).collect();
    let resampling = Resampling::of(rows.len());
    let c = match BootstrapConcordance::new(
        &resampling.gather(&time),
        &resampling.gather(&event),
        &resampling.gather(&values),
    ) {
        Ok(mut harrell) => defined(
            resampling.interval(
                bootstrap,
                || Ok(harrell_c(&time, &event, &values)?.index),
                |idx| harrell.resampled(idx),
            ),
            label,
        )?,
        Err(e) => defined(Err(e), label)?,
    };
    Ok(CIndexRow {
        label: label.to_owned(),
        patients: rows.len(),
        events: event.iter().filter(|&&e| e).count(),
        c,
    })
}

/// The model against `score` (held in `marker`) on the held-out patients who have it.
fn compare(
    session: &Session,
    score: ConventionalScore,
    marker: usize,
    held_out: &[usize],
    bootstrap: &BootstrapConfig,
) -> Result<ScoreComparison, CohortViewError> {
    let m = session.n_markers();
    let with: Vec<usize> = held_out
        .iter()
        .copied()
        .filter(|&i| !session.values[i * m + marker].is_nan())
        .collect();
    let time: Vec<f64> = with.iter().map(|&i| session.time[i]).collect();
    let event: Vec<bool> = with.iter().map(|&i| session.event[i]).collect();
    let model: Vec<f64> = with.iter().map(|&i| f64::from(session.risk[i])).collect();
    let clinical: Vec<f64> = with
        .iter()
        .map(|&i| f64::from(session.values[i * m + marker]))
        .collect();
    let what = score.name();
    let resampling = Resampling::of(with.len());
    let (kept_time, kept_event) = (resampling.gather(&time), resampling.gather(&event));
    let (mut by_model, mut by_score) = match (
        BootstrapConcordance::new(&kept_time, &kept_event, &resampling.gather(&model)),
        BootstrapConcordance::new(&kept_time, &kept_event, &resampling.gather(&clinical)),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            let none = defined(Err(e), what)?;
            return Ok(ScoreComparison {
                score,
                marker,
                patients: with.len(),
                events: event.iter().filter(|&&e| e).count(),
                missing: held_out.len() - with.len(),
                score_c: none.clone(),
                model_c: none.clone(),
                difference: none,
            });
        }
    };
    let model_on_all = || Ok(harrell_c(&time, &event, &model)?.index);
    let score_on_all = || Ok(harrell_c(&time, &event, &clinical)?.index);
    let score_c = defined(
        resampling.interval(bootstrap, score_on_all, |idx| by_score.resampled(idx)),
        what,
    )?;
    let model_c = defined(
        resampling.interval(bootstrap, model_on_all, |idx| by_model.resampled(idx)),
        what,
    )?;
    // The same seed draws the same resamples, so each replicate of the difference pairs
    // the two indices on identical patients.
    let difference = defined(
        resampling.interval(
            bootstrap,
            || match (&model_c, &score_c) {
                (Some(m), Some(s)) => Ok(m.estimate - s.estimate),
                _ => Ok(model_on_all()? - score_on_all()?),
            },
            |idx| Ok(by_model.resampled(idx)? - by_score.resampled(idx)?),
        ),
        what,
    )?;
    Ok(ScoreComparison {
        score,
        marker,
        patients: with.len(),
        events: event.iter().filter(|&&e| e).count(),
        missing: held_out.len() - with.len(),
        score_c,
        model_c,
        difference,
    })
}

/// A bootstrap result, with "no comparable pairs" (or no patients) as `None`: a small group
/// is a fact of the data to show, not an error.
fn defined(
    result: Result<BootstrapInterval, ModelError>,
    what: &str,
) -> Result<Option<BootstrapInterval>, CohortViewError> {
    match result {
        Ok(interval) => Ok(Some(interval)),
        Err(e) if matches!(e.root(), ModelError::InsufficientData { .. }) => Ok(None),
        Err(source) => Err(CohortViewError::Statistic {
            what: Message::new(
                "error-cohort-what-c-index",
                vec![("of", MessageArg::text(what))],
            ),
            source,
        }),
    }
}
