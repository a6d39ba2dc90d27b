//! The patient view as one value: everything the page shows about one patient, with the
//! recorded values or under a what-if scenario, built where the cohort lives.
//!
//! A scenario ([`Edits`]) is evaluated on a copy of the patient's values by the session's
//! own network and explainer ([`WhatIf`]); the session is never modified. Beside the
//! edited figures the report keeps the recorded ones, which the page shows as "recorded
//! values" and as outlines in the waterfall.

use serde::{Deserialize, Serialize};
use survlens_data::Describe;
use survlens_model::KaplanMeier;

use crate::core::error::{ComputeError, Failure};
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{Session, level_in};
use crate::views::patient::{Explained, PatientView, new_patient_entity, risk_group_note_in};
use crate::views::patient_flags::{Limitation, limitations_in};
use crate::views::patient_reference::{
    Explanation, ReferenceEngine, ReferenceExplained, ReferenceGroup,
};
use crate::views::patient_survival::{
    CurvePoint, SupportedRange, SurvivalFigures, chart_horizon_months, cohort_curve, cohort_km,
    predicted_curve, supported_ranges,
};
use crate::views::patient_waterfall::Waterfall;
use crate::views::whatif::{Edits, FieldKind, WhatIf, WhatIfField, form_fields, form_fields_of};

/// Contributions shown before "all other markers".
pub const TOP_MARKERS: usize = 12;

/// What a session's patient reports share: the what-if engine (its explainer's weights
/// prepared once), the cohort's Kaplan-Meier estimate and its mean risk. Build it once per
/// session.
pub struct PatientEngine {
    whatif: Result<WhatIf, Failure>,
    km: Option<KaplanMeier>,
    /// What the calibration supports at each horizon: the same for every patient.
    ranges: Vec<SupportedRange>,
    cohort_mean: Option<f32>,
    /// The typical patients, built when first asked for.
    references: ReferenceEngine,
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
            whatif: WhatIf::new(session).map_err(|e| Failure::new(e.code(), &e)),
            km: cohort_km(session).ok(),
            ranges: supported_ranges(session),
            // A first look holds one patient: the cohort's mean is not known yet.
            cohort_mean: session
                .first_look_of
                .is_none()
                .then(|| (session.risk.iter().map(|&r| f64::from(r)).sum::<f64>() / n) as f32),
            references: ReferenceEngine::default(),
        }
    }
}

impl PatientEngine {
    /// The session's what-if engine (it encodes raw values as the model does); `None` when
    /// it could not be built.
    pub fn whatif(&self) -> Option<&WhatIf> {
        self.whatif.as_ref().ok()
    }

    /// Patients `rows` of `session` with their recorded values, explained relative to the
    /// typical patient of `group` ([`ReferenceEngine::explain_recorded`]), with the typical
    /// patients this engine keeps.
    ///
    /// # Errors
    /// As [`ReferenceEngine::explain_recorded`]; the what-if engine's own error when it
    /// could not be built.
    pub fn explain_recorded(
        &mut self,
        session: &Session,
        group: ReferenceGroup,
        rows: &[usize],
    ) -> Result<Vec<(f32, ReferenceExplained)>, ComputeError> {
        let rebuilt;
        let whatif = match &self.whatif {
            Ok(w) => w,
            Err(_) => {
                rebuilt = WhatIf::new(session)?;
                &rebuilt
            }
        };
        self.references
            .explain_recorded(session, whatif, group, rows)
    }
}

impl PatientEngine {
    /// The raw values of the typical patient of `group` for a patient of entity `entity`
    /// (an index into the session's entities), one per session marker: the reference the
    /// explanation relative to a typical patient measures from.
    ///
    /// # Errors
    /// As [`ReferenceEngine::typical`]; the what-if engine's own error when it could not be
    /// built.
    pub fn typical_values(
        &mut self,
        session: &Session,
        group: ReferenceGroup,
        entity: u32,
    ) -> Result<Vec<f32>, ComputeError> {
        let rebuilt;
        let whatif = match &self.whatif {
            Ok(w) => w,
            Err(_) => {
                rebuilt = WhatIf::new(session)?;
                &rebuilt
            }
        };
        Ok(self
            .references
            .typical(session, whatif, group, entity)?
            .values
            .clone())
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
    /// Whether the patient is a new patient typed in, not part of the cohort: no id, no
    /// place in the patient list, no observed outcome; "recorded" then means "as typed".
    pub new_patient: bool,
    /// Whether the model was fitted on this patient ([`Session::trained_on`]): `None` for
    /// a new patient, and when the session does not tell training from held-out patients.
    pub trained_on: Option<bool>,
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
    /// The explanation on screen (the study's when a typical patient was asked for in a
    /// first look or could not be built).
    pub explanation: Explanation,
    /// Whether the explanations relative to a typical patient are offered: not in a first
    /// look, which holds one patient and no cohort to find a typical patient in.
    pub typical_offered: bool,
    /// Relative to a typical patient: that patient, as the page describes it.
    pub typical: Option<TypicalNote>,
    /// One sentence on the explanation on screen: what the bars measure and how they add
    /// up (or why the typical patient is not offered).
    pub explanation_note: String,
}

/// The typical patient an explanation on screen is measured from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypicalNote {
    /// Whose typical patient.
    pub of: ReferenceGroup,
    /// Its log-risk, where the waterfall starts.
    pub risk: f32,
    /// The patient's log-risk minus the typical patient's: what the bars add up to.
    pub difference: f32,
    /// How many patients it is typical of.
    pub n_patients: usize,
    /// Each marker's typical value as the page shows it (a level name, a number with its
    /// unit, or "missing"), one per session marker.
    pub values: Vec<String>,
}

impl PatientReport {
    /// The report of patient `index` of `session` under `edits` with the study's
    /// explanation; `None` when `index` is not a patient of the session.
    pub fn build(
        session: &Session,
        engine: &mut PatientEngine,
        index: usize,
        edits: &Edits,
    ) -> Option<Self> {
        Self::build_with(session, engine, index, edits, Explanation::Study)
    }

    /// The report of patient `index` of `session` under `edits` with `explanation`; `None`
    /// when `index` is not a patient of the session. Relative to a typical patient, the
    /// relevances (and the waterfall, the modality totals and the what-if ghosts) are the
    /// patient's DeepLIFT-rescale contributions to `f(x) - f(reference)`; in a first look
    /// the study's explanation is shown instead, and the note says why.
    pub fn build_with(
        session: &Session,
        engine: &mut PatientEngine,
        index: usize,
        edits: &Edits,
        explanation: Explanation,
    ) -> Option<Self> {
        Self::build_in(session, engine, index, edits, explanation, Lang::En)
    }

    /// [`PatientReport::build_with`] with every text in `lang`.
    pub fn build_in(
        session: &Session,
        engine: &mut PatientEngine,
        index: usize,
        edits: &Edits,
        explanation: Explanation,
        lang: Lang,
    ) -> Option<Self> {
        let original = PatientView::build(session, index, TOP_MARKERS)?;
        let subject = Subject {
            index: Some(index),
            recorded: session.values_of(index).to_vec(),
            recorded_relevance: session.relevance_of(index).to_vec(),
            entity: session.entity_of.get(index).copied().unwrap_or(0),
        };
        Some(Self::assemble(
            session,
            engine,
            original,
            subject,
            (edits, explanation),
            lang,
        ))
    }

    /// The report of a new patient typed in, not part of the cohort, whose raw values are
    /// `values` (one per session marker, NaN = missing), under `edits` (a what-if over the
    /// typed values) with `explanation`. The patient goes through the session's own
    /// encoder and explainer, and is placed among the cohort (risk group, percentile) like
    /// a cohort patient; the report says it is new ([`PatientReport::new_patient`]) and
    /// carries no id, no index in the session and no observed outcome.
    ///
    /// # Errors
    /// When `values` has not one value per marker, or the encoder or the explainer refuse
    /// them.
    pub fn build_new(
        session: &Session,
        engine: &mut PatientEngine,
        values: &[f32],
        edits: &Edits,
        explanation: Explanation,
    ) -> Result<Self, Failure> {
        Self::build_new_in(session, engine, values, edits, explanation, Lang::En)
    }

    /// [`PatientReport::build_new`] with every text in `lang`.
    ///
    /// # Errors
    /// As [`PatientReport::build_new`], the message in `lang` where survlens words it.
    pub fn build_new_in(
        session: &Session,
        engine: &mut PatientEngine,
        values: &[f32],
        edits: &Edits,
        explanation: Explanation,
        lang: Lang,
    ) -> Result<Self, Failure> {
        let m = session.n_markers();
        if values.len() != m {
            return Err(Failure::with("new_patient_length", |lang| {
                lang.t_with(
                    "problem-new-patient-values",
                    &[
                        ("values", Arg::Count(values.len() as u64)),
                        ("markers", Arg::Count(m as u64)),
                    ],
                )
            }));
        }
        let evaluated = match engine.whatif.as_mut() {
            Ok(whatif) => whatif
                .evaluate(session, values)
                .map_err(|e| Failure::new(e.code(), &e))?,
            Err(e) => return Err(e.clone()),
        };
        let original = PatientView::explain_new(session, evaluated.explained(values), TOP_MARKERS)
            .ok_or_else(|| {
                Failure::with("new_patient_length", |lang| {
                    lang.t("problem-new-patient-explanation")
                })
            })?;
        let subject = Subject {
            index: None,
            recorded: values.to_vec(),
            recorded_relevance: evaluated.relevance.clone(),
            entity: new_patient_entity(session, values).unwrap_or(0),
        };
        Ok(Self::assemble(
            session,
            engine,
            original,
            subject,
            (edits, explanation),
            lang,
        ))
    }

    fn assemble(
        session: &Session,
        engine: &mut PatientEngine,
        original: PatientView,
        subject: Subject,
        (edits, explanation): (&Edits, Explanation),
        lang: Lang,
    ) -> Self {
        let Subject {
            index,
            recorded,
            recorded_relevance: own_relevance,
            entity,
        } = subject;
        let explain = |explained: Explained<'_>| match index {
            Some(index) => PatientView::explain(session, index, explained, TOP_MARKERS),
            None => PatientView::explain_new(session, explained, TOP_MARKERS),
        };
        let values = edits.apply(&recorded);
        let (scenario, failure) = if edits.is_empty() {
            (None, None)
        } else {
            match engine.whatif.as_mut() {
                Ok(whatif) => match whatif.evaluate(session, &values) {
                    Ok(s) => (Some(s), None),
                    Err(e) => (None, Some(lang.message(&e.message()))),
                },
                Err(e) => (None, Some(e.message(lang).to_owned())),
            }
        };
        let what_if = scenario.is_some();
        let values = if what_if { values } else { recorded.clone() };
        let mut view = scenario
            .as_ref()
            .and_then(|s| explain(s.explained(&values)))
            .unwrap_or_else(|| original.clone());
        view.localize(session, &values, lang);

        let typical_offered = session.first_look_of.is_none();
        let relative = match (explanation, typical_offered, engine.whatif.as_ref()) {
            (Explanation::TypicalPatient { of }, true, Ok(whatif)) => engine
                .references
                .typical(session, whatif, of, entity)
                .and_then(|typical| {
                    let now = typical.explain(session, whatif, &values)?;
                    let recorded_now = if what_if {
                        Some(typical.explain(session, whatif, &recorded)?)
                    } else {
                        None
                    };
                    Ok((
                        of,
                        typical.risk,
                        typical.n_patients,
                        typical.values.clone(),
                        now,
                        recorded_now,
                    ))
                })
                .map_err(|e| lang.message(&e.message())),
            (Explanation::TypicalPatient { .. }, true, Err(e)) => Err(e.message(lang).to_owned()),
            _ => Err(String::new()),
        };
        let (view, explanation, typical, reference_relevance, reference_failure) = match relative {
            Ok((of, reference_risk, n_patients, typical_values, now, recorded_now)) => {
                let explained = Explained {
                    values: &values,
                    risk: now.risk,
                    relevance: &now.relevance,
                    bias_relevance: reference_risk + now.residual,
                };
                let texts: Vec<String> = session
                    .markers
                    .iter()
                    .zip(&typical_values)
                    .map(|(m, &v)| m.format_in(v, lang))
                    .collect();
                match explain(explained) {
                    Some(mut v) => {
                        v.localize(session, &values, lang);
                        for c in &mut v.top {
                            c.typical_text = texts.get(c.marker).cloned();
                        }
                        let note = TypicalNote {
                            of,
                            risk: reference_risk,
                            difference: now.risk - reference_risk,
                            n_patients,
                            values: texts,
                        };
                        (
                            v,
                            explanation,
                            Some(note),
                            recorded_now.map(|r| r.relevance),
                            None,
                        )
                    }
                    None => (view, Explanation::Study, None, None, None),
                }
            }
            Err(e) if e.is_empty() => (view, Explanation::Study, None, None, None),
            Err(e) => (view, Explanation::Study, None, None, Some(e)),
        };
        let explanation_note = explanation_note(
            &view,
            typical.as_ref(),
            typical_offered,
            explanation,
            reference_failure.as_deref(),
            session,
            lang,
        );

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
        let recorded_relevance = match (&typical, reference_relevance) {
            (Some(_), recorded) => recorded,
            (None, _) => what_if.then(|| own_relevance.clone()),
        };
        let ghosts = recorded_relevance.as_deref().map(|r| (r, original.risk));
        let waterfall = match &typical {
            Some(t) => Waterfall::relative(&view, t.risk, engine.cohort_mean, ghosts),
            None => Waterfall::new(&view, engine.cohort_mean, ghosts),
        }
        .in_language(lang);
        let limits = limitations_in(session, &values, entity as usize, lang);
        let scenario_note = what_if.then(|| {
            let names: Vec<&str> = edits
                .markers()
                .filter_map(|j| session.markers.get(j).map(|m| m.name_in(lang)))
                .collect();
            let names = names.join(", ");
            let signed = |x: f32| lang.signed(f64::from(x), 3);
            let (risk, was, change) = (
                signed(view.risk),
                signed(original.risk),
                signed(view.risk - original.risk),
            );
            let mut args = vec![
                ("markers", Arg::Text(&names)),
                ("risk", Arg::Text(&risk)),
                ("was", Arg::Text(&was)),
                ("change", Arg::Text(&change)),
            ];
            let survival = match (&figures, &recorded_figures) {
                (Some(f), Some(r)) => Some((
                    f.horizons[0].predicted_text_in(lang),
                    r.horizons[0].predicted_text_in(lang),
                )),
                _ => None,
            };
            let key = match (index.is_some(), &survival) {
                (true, Some((now, before))) => {
                    args.push(("survival", Arg::Text(now)));
                    args.push(("survival-was", Arg::Text(before)));
                    "vm-scenario-edited-survival"
                }
                (true, None) => "vm-scenario-edited",
                (false, Some((now, before))) => {
                    args.push(("survival", Arg::Text(now)));
                    args.push(("survival-was", Arg::Text(before)));
                    "vm-scenario-typed-survival"
                }
                (false, None) => "vm-scenario-typed",
            };
            lang.t_with(key, &args)
        });
        let groups = risk_group_note_in(session.risk_cutoffs, &session.origin, lang);
        let risk_note = if let Some(of) = session.first_look_of {
            lang.t_with(
                "vm-risk-note-first-look",
                &[
                    ("groups", Arg::Text(&groups)),
                    ("patients", Arg::Count(of as u64)),
                ],
            )
        } else if session.has_outcomes {
            lang.t_with(
                "vm-risk-note",
                &[
                    ("groups", Arg::Text(&groups)),
                    ("cindex", Arg::Text(&lang.decimal(session.test_cindex, 3))),
                ],
            )
        } else {
            lang.t_with(
                "vm-risk-note-no-outcomes",
                &[("groups", Arg::Text(&groups))],
            )
        };
        let mut fields = match index {
            Some(index) => form_fields(session, index),
            None => form_fields_of(session, &recorded, &own_relevance),
        };
        localize_fields(&mut fields, session, lang);
        Self {
            new_patient: index.is_none(),
            trained_on: index.and_then(|i| session.trained_on(i)),
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
            fields,
            scenario_note,
            risk_note,
            failure,
            explanation,
            typical_offered,
            typical,
            explanation_note,
        }
    }
}

/// Whom a report is about: a patient of the session, or a new patient typed in.
struct Subject {
    /// The patient's index in the session; `None` for a new patient.
    index: Option<usize>,
    /// The recorded (or typed) values, one per marker.
    recorded: Vec<f32>,
    /// Their relevances, one per marker.
    recorded_relevance: Vec<f32>,
    /// The patient's entity, an index into the session's entities.
    entity: u32,
}

/// The what-if form's fields in `lang`: marker names, modalities, "no" and "yes".
fn localize_fields(fields: &mut [WhatIfField], session: &Session, lang: Lang) {
    if lang == Lang::En {
        return;
    }
    for field in fields {
        if let Some(info) = session.markers.get(field.marker) {
            field.name = info.name_in(lang).to_owned();
            field.modality = info.modality_in(lang);
        }
        match &mut field.kind {
            FieldKind::Choice { levels } => {
                for level in levels {
                    *level = level_in(level, lang);
                }
            }
            FieldKind::Numeric { unit, .. } => *unit = crate::core::format::unit_in(unit, lang),
        }
    }
}

/// The sentence under the waterfall: which explanation is on screen and how its bars add
/// up.
fn explanation_note(
    view: &PatientView,
    typical: Option<&TypicalNote>,
    offered: bool,
    asked: Explanation,
    failure: Option<&str>,
    session: &Session,
    lang: Lang,
) -> String {
    let a = &view.accounting;
    let signed = |x: f32| lang.signed(f64::from(x), 3);
    match typical {
        Some(t) => {
            let patients = Arg::Count(t.n_patients as u64);
            let whose = match t.of {
                ReferenceGroup::Cohort => {
                    lang.t_with("vm-typical-of-cohort", &[("patients", patients)])
                }
                ReferenceGroup::Entity if view.entity.is_empty() => {
                    lang.t_with("vm-typical-of-this-entity", &[("patients", patients)])
                }
                ReferenceGroup::Entity => lang.t_with(
                    "vm-typical-of-entity",
                    &[("patients", patients), ("entity", Arg::Text(&view.entity))],
                ),
            };
            lang.t_with(
                "vm-explanation-note-typical",
                &[
                    ("whose", Arg::Text(&whose)),
                    ("typical", Arg::Text(&signed(t.risk))),
                    ("sum", Arg::Text(&signed(a.relevance_sum))),
                    ("risk", Arg::Text(&signed(a.output))),
                ],
            )
        }
        None => {
            let study = lang.t_with(
                "vm-explanation-note-study",
                &[("accounting", Arg::Text(&a.sentence_in(lang)))],
            );
            if !offered {
                let why = lang.t_with(
                    "vm-typical-needs-cohort",
                    &[(
                        "patients",
                        Arg::Count(session.first_look_of.unwrap_or(0) as u64),
                    )],
                );
                format!("{study} {why}")
            } else if let (Explanation::TypicalPatient { .. }, Some(e)) = (asked, failure) {
                let why = lang.t_with("vm-typical-failed", &[("why", Arg::Text(e))]);
                format!("{study} {why}")
            } else {
                study
            }
        }
    }
}
