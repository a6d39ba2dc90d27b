//! The patient view as one value: everything the page shows about one patient, with the
//! recorded values or under a what-if scenario, built where the cohort lives.
//!
//! A scenario ([`Edits`]) is evaluated on a copy of the patient's values by the session's
//! own network and explainer ([`WhatIf`]); the session is never modified. Beside the
//! edited figures the report keeps the recorded ones, which the page shows as "recorded
//! values" and as outlines in the waterfall.

use serde::{Deserialize, Serialize};
use survlens_model::KaplanMeier;

use crate::core::session::Session;
use crate::views::patient::{PatientView, risk_group_note};
use crate::views::patient_flags::{Limitation, limitations};
use crate::views::patient_survival::{
    CurvePoint, SupportedRange, SurvivalFigures, chart_horizon_months, cohort_curve, cohort_km,
    predicted_curve, supported_ranges,
};
use crate::views::patient_waterfall::Waterfall;
use crate::views::whatif::{Edits, WhatIf, WhatIfField, form_fields};

/// Contributions shown before "all other markers".
pub const TOP_MARKERS: usize = 12;

/// What a session's patient reports share: the what-if engine (its explainer's weights
/// prepared once), the cohort's Kaplan-Meier estimate and its mean risk. Build it once per
/// session.
pub struct PatientEngine {
    whatif: Result<WhatIf, String>,
    km: Option<KaplanMeier>,
    /// What the calibration supports at each horizon: the same for every patient.
    ranges: Vec<SupportedRange>,
    cohort_mean: Option<f32>,
}

impl std::fmt::Debug for PatientEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatientEngine")
            .field("whatif", &self.whatif.as_ref().map(|_| "ready"))
            .field("cohort_mean", &self.cohort_mean)
            .finish_non_exhaustive()
    }
}

impl PatientEngine {
    /// The engine of `session`.
    pub fn new(session: &Session) -> Self {
        let n = session.n_patients().max(1) as f64;
        Self {
            whatif: WhatIf::new(session).map_err(|e| e.to_string()),
            km: cohort_km(session).ok(),
            ranges: supported_ranges(session),
            // A first look holds one patient: the cohort's mean is not known yet.
            cohort_mean: session
                .first_look_of
                .is_none()
                .then(|| (session.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / n) as f32),
        }
    }
}

/// The survival chart's curves: the cohort's Kaplan-Meier estimate with its band, the
/// patient's prediction with the recorded values and, under a scenario, with the edited
/// ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientCurves {
    /// The cohort's Kaplan-Meier step curve with its limits; empty for a cohort without
    /// outcomes.
    pub cohort: Vec<CurvePoint>,
    /// Level of the cohort's band (0.95), `NaN` without one.
    pub ci_level: f64,
    /// The prediction with the recorded values.
    pub predicted: Vec<CurvePoint>,
    /// The prediction with the edited values, under a scenario.
    pub what_if: Option<Vec<CurvePoint>>,
    /// Right end of the time axis, in months.
    pub horizon_months: f64,
}

/// Everything the patient view shows about one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientReport {
    /// The patient's explanation: under the scenario when one is evaluated, else recorded.
    pub view: PatientView,
    /// The log-risk with the recorded values.
    pub recorded_risk: f32,
    /// The scenario the figures use (empty: the recorded values).
    pub edits: Edits,
    /// Whether the figures use edited values (a non-empty scenario that could be evaluated).
    pub what_if: bool,
    /// The patient's recorded values, one per marker (NaN = missing).
    pub recorded: Vec<f32>,
    /// The values the figures use, one per marker.
    pub values: Vec<f32>,
    /// Predicted survival at one and two years and the median, against the cohort's.
    pub figures: Option<SurvivalFigures>,
    /// The same with the recorded values, under a scenario.
    pub recorded_figures: Option<SurvivalFigures>,
    /// The survival chart; `None` when the cohort's survival could not be estimated.
    pub curves: Option<PatientCurves>,
    /// The waterfall of the largest contributions.
    pub waterfall: Waterfall,
    /// The recorded relevances of every marker, under a scenario (the table's "Change").
    pub recorded_relevance: Option<Vec<f32>>,
    /// What the model does not know about this patient (with the values the figures use).
    pub limits: Vec<Limitation>,
    /// The what-if form's fields.
    pub fields: Vec<WhatIfField>,
    /// One sentence on the scenario against the recorded values, under a scenario.
    pub scenario_note: Option<String>,
    /// The sentence under the risk summary: the groups' cut-offs and the held-out C-index.
    pub risk_note: String,
    /// Why the scenario could not be evaluated (the figures then use the recorded values).
    pub failure: Option<String>,
}

impl PatientReport {
    /// The report of patient `index` of `session` under `edits`; `None` when `index` is
    /// not a patient of the session.
    pub fn build(
        session: &Session,
        engine: &mut PatientEngine,
        index: usize,
        edits: &Edits,
    ) -> Option<Self> {
        let original = PatientView::build(session, index, TOP_MARKERS)?;
        let recorded = session.values_of(index).to_vec();
        let values = edits.apply(&recorded);
        let (scenario, failure) = if edits.is_empty() {
            (None, None)
        } else {
            match engine.whatif.as_mut() {
                Ok(whatif) => match whatif.evaluate(session, &values) {
                    Ok(s) => (Some(s), None),
                    Err(e) => (None, Some(e.to_string())),
                },
                Err(e) => (None, Some(e.clone())),
            }
        };
        let view = scenario
            .as_ref()
            .and_then(|s| PatientView::explain(session, index, s.explained(&values), TOP_MARKERS))
            .unwrap_or_else(|| original.clone());
        let what_if = scenario.is_some();
        let values = if what_if { values } else { recorded.clone() };

        let km = engine.km.as_ref();
        let ranges = &engine.ranges;
        let figures = SurvivalFigures::with_ranges(session, km, ranges, f64::from(view.risk));
        let recorded_figures = what_if
            .then(|| SurvivalFigures::with_ranges(session, km, ranges, f64::from(original.risk)))
            .flatten();
        let baseline = &session.model.baseline;
        let horizon = chart_horizon_months(baseline);
        let cohort_band = match km {
            Some(km) => Some((cohort_curve(km, horizon), km.level)),
            None if !session.has_outcomes => Some((Vec::new(), f64::NAN)),
            None => None,
        };
        let curves = cohort_band.map(|(cohort, ci_level)| PatientCurves {
            cohort,
            ci_level,
            predicted: predicted_curve(baseline, f64::from(original.risk), horizon),
            what_if: what_if.then(|| predicted_curve(baseline, f64::from(view.risk), horizon)),
            horizon_months: horizon,
        });
        let recorded_relevance = what_if.then(|| session.relevance_of(index).to_vec());
        let waterfall = Waterfall::new(
            &view,
            engine.cohort_mean,
            recorded_relevance.as_deref().map(|r| (r, original.risk)),
        );
        let entity = session.entity_of.get(index).map_or(0, |&e| e as usize);
        let limits = limitations(session, &values, entity);
        let scenario_note = what_if.then(|| {
            let names: Vec<&str> = edits
                .markers()
                .filter_map(|j| session.markers.get(j).map(|m| m.name.as_str()))
                .collect();
            let survival = match (&figures, &recorded_figures) {
                (Some(f), Some(r)) => format!(
                    "; 1-year survival {} (recorded {})",
                    f.horizons[0].predicted_text(),
                    r.horizons[0].predicted_text()
                ),
                _ => String::new(),
            };
            format!(
                "Edited: {}. Risk score {:+.3} (recorded {:+.3}, change {:+.3}){survival}.",
                names.join(", "),
                view.risk,
                original.risk,
                view.risk - original.risk
            )
        });
        let risk_note = if let Some(of) = session.first_look_of {
            format!(
                "{} A first look: the cohort's first patient, explained as soon as the model was ready. Its place among the cohort's {} patients, the cohort's survival curve and the model's held-out C-index follow once every patient is explained.",
                risk_group_note(session.risk_cutoffs, &session.origin),
                crate::core::format::thousands(of)
            )
        } else if session.has_outcomes {
            format!(
                "{} Model C-index on held-out patients: {:.3} (Harrell).",
                risk_group_note(session.risk_cutoffs, &session.origin),
                session.test_cindex
            )
        } else {
            format!(
                "{} This file has no survival times or events, so the model's C-index cannot be computed on it.",
                risk_group_note(session.risk_cutoffs, &session.origin)
            )
        };
        Some(Self {
            view,
            recorded_risk: original.risk,
            edits: edits.clone(),
            what_if,
            recorded,
            values,
            figures,
            recorded_figures,
            curves,
            waterfall,
            recorded_relevance,
            limits,
            fields: form_fields(session, index),
            scenario_note,
            risk_note,
            failure,
        })
    }
}
