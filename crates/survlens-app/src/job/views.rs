//! Views built where the cohort lives. The worker keeps the explained cohort it last showed
//! ([`ViewServer::show`]) and answers a view's request with that view's data
//! ([`ViewServer::answer`]), so the page's main thread neither computes the figures nor
//! needs the cohort they are computed from. Each answer is a view's worth of numbers, a few
//! kilobytes, never the cohort.
//!
//! Requests and answers carry the session's generation: the number of explained cohorts the
//! worker has shown, counted alike by the worker and by the page
//! ([`crate::job::state::AppState::generation`]). An answer to a request about an earlier
//! cohort is never given, and a late one is never shown.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::error::{ComputeError, Failure};
use crate::core::i18n::Lang;
use crate::core::session::{OutcomeNeed, Session};
use crate::sources::model_file::export_json;
use crate::views::cohort_view::{
    CohortSummary, CohortViewError, Discrimination, Population, RiskGroupCounts, RiskGroupSurvival,
    RiskGrouping,
};
use crate::views::interactions_view::{CohortInteractions, InteractionsOverview, Method, PairView};
use crate::views::marker_profile::{CohortEffects, MarkerProfile};
use crate::views::markers_view::{
    BEESWARM_MARKERS, Beeswarm, DependenceView, EntityHeatmap, HEATMAP_MARKERS, KeyMarkerView,
    MAX_DOTS,
};
use crate::views::model_view::{
    EncodedCohort, MethodComparison, MethodSettings, MetricSettings, ModelReport,
};
use crate::views::new_patient::NewPatientForm;
use crate::views::patient_compare::SideBySide;
use crate::views::patient_export::{relevance_csv_name_of, relevance_csv_of};
use crate::views::patient_list::PatientPage;
use crate::views::patient_over_time::OverTime;
use crate::views::patient_reference::Explanation;
use crate::views::patient_report::{PatientEngine, PatientReport};
use crate::views::patient_stability::Stability;
use crate::views::teaching::{
    Fidelity, TEACHING_TOP_K, TruthComparison, compare_patient_in, fidelity_in,
};
use crate::views::whatif::{Edits, WhatIf};

/// What a view asks of the worker.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ViewRequest {
    /// The Patient view's report of one patient, with the recorded values or a what-if
    /// scenario.
    Patient {
        /// The patient (an index into the session).
        patient: usize,
        /// The scenario (empty: the recorded values).
        edits: Edits,
        /// Which explanation: the study's, or relative to a typical patient.
        explanation: Explanation,
    },
    /// The Patient view's report of a new patient typed in or pasted, not part of the
    /// cohort, explained against it.
    NewPatient {
        /// The typed values (a scenario over a patient with every marker missing:
        /// [`Edits::from_values`]).
        values: Edits,
        /// A what-if over the typed values (empty: as typed).
        edits: Edits,
        /// Which explanation: the study's, or relative to a typical patient.
        explanation: Explanation,
    },
    /// The new-patient form's fields: one per model marker, with its unit, reference
    /// range and the cohort's observed range.
    NewPatientForm,
    /// The Patient view's comparison of two patients, marker by marker.
    PatientComparison {
        /// The patient on screen (left), an index into the session.
        patient: usize,
        /// The patient compared with it (right).
        other: usize,
        /// The explanation on screen.
        explanation: Explanation,
    },
    /// The Patient view's network and linear Cox model side by side for one patient.
    ModelContrast {
        /// The patient (an index into the session).
        patient: usize,
        /// The explanation on screen.
        explanation: Explanation,
    },
    /// The patient picker's rows matching a search.
    PatientList {
        /// The search text (empty: every patient).
        query: String,
    },
    /// The Model view's report: held-out figures, training, calibration, baselines.
    ModelReport,
    /// The Model view's comparison of attribution methods for one patient.
    MethodComparison {
        /// The patient (an index into the session).
        patient: usize,
    },
    /// The Cohort view's summary of the cohort.
    CohortSummary,
    /// The Cohort view's C-indices of the model beside the conventional scores.
    Discrimination,
    /// The Cohort view's Kaplan-Meier curves of the model's risk groups.
    RiskGroupSurvival {
        /// Tertiles or quartiles.
        grouping: RiskGrouping,
        /// Which patients.
        population: Population,
    },
    /// The Cohort view's patients per risk group (for a cohort without outcomes).
    RiskGroupCounts,
    /// The Markers view's importance ranking and the key markers carrying `percent`% of it.
    KeyMarkers {
        /// The share of the total importance, in percent (the study's: 90).
        percent: u32,
    },
    /// The Markers view's beeswarm of the most important markers.
    Beeswarm,
    /// The Markers view's entity x marker heatmap of the most important markers.
    EntityHeatmap,
    /// The Markers view's dependence plot of one marker.
    Dependence {
        /// The marker plotted.
        marker: usize,
        /// The marker that colours its dots, if any.
        colour: Option<usize>,
    },
    /// The Patient view's profile of one patient along one marker (recorded values).
    MarkerProfile {
        /// The patient (an index into the session).
        patient: usize,
        /// The marker varied.
        marker: usize,
    },
    /// The Patient view's note on how stable the patient's explanation is.
    Stability {
        /// The patient (an index into the session).
        patient: usize,
    },
    /// The Patient view's explanation over time: each marker's contribution to the
    /// predicted survival at every time.
    OverTime {
        /// The patient (an index into the session).
        patient: usize,
    },
    /// The Markers view's partial dependence and accumulated local effects of one marker.
    CohortEffects {
        /// The marker.
        marker: usize,
    },
    /// The Interactions view's tables of one method.
    Interactions {
        /// The method.
        method: Method,
    },
    /// The Teaching view's fidelity of the explanation to the planted truth.
    Fidelity,
    /// The Teaching view's planted truth beside one patient's explanation.
    TruthComparison {
        /// The patient (an index into the session).
        patient: usize,
    },
    /// The Interactions view's pair up close.
    InteractionPair {
        /// The method the pair is shown under.
        method: Method,
        /// Marker A.
        a: usize,
        /// Marker B.
        b: usize,
    },
}

impl ViewRequest {
    /// Whether `other` asks for the same view's data with other parameters (another patient,
    /// another grouping): the page keeps a few answers of each kind.
    pub fn same_kind(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// Whether the answer depends on the interaction search (and so changes when it ends).
    pub fn needs_interactions(&self) -> bool {
        matches!(
            self,
            Self::Interactions { .. } | Self::InteractionPair { .. }
        )
    }
}

/// Why a view's data could not be computed, as the page shows it. It crosses from the
/// worker to the page, so it holds the worker's error as its code and sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum ViewError {
    /// The cohort has no outcomes; the sentence says what cannot be shown and why.
    #[error("{needs}")]
    NoOutcomes {
        /// What cannot be shown.
        needs: OutcomeNeed,
    },
    /// Anything else: the worker's error with its sentence in both languages.
    #[error("{0}")]
    Failed(Failure),
}

impl ViewError {
    /// The problem as the page says it in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            Self::NoOutcomes { needs } => needs.note_in(lang),
            Self::Failed(failure) => failure.message(lang).to_owned(),
        }
    }

    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &str {
        match self {
            Self::NoOutcomes { .. } => "no_outcomes",
            Self::Failed(failure) => &failure.code,
        }
    }
}

impl From<CohortViewError> for ViewError {
    fn from(e: CohortViewError) -> Self {
        match e {
            CohortViewError::NoOutcomes { needs } => Self::NoOutcomes { needs },
            other => Self::Failed(Failure::new(other.code(), &other)),
        }
    }
}

/// A view's data, or why it could not be computed (a sentence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ViewReply {
    /// Answers [`ViewRequest::Patient`]; `None` for an index beyond the cohort.
    Patient(Option<Box<PatientReport>>),
    /// Answers [`ViewRequest::NewPatient`].
    NewPatient(Result<Box<PatientReport>, Failure>),
    /// Answers [`ViewRequest::NewPatientForm`].
    NewPatientForm(Box<NewPatientForm>),
    /// Answers [`ViewRequest::PatientComparison`].
    PatientComparison(Result<Box<SideBySide>, Failure>),
    /// Answers [`ViewRequest::ModelContrast`].
    ModelContrast(Result<Box<SideBySide>, Failure>),
    /// Answers [`ViewRequest::PatientList`].
    PatientList(PatientPage),
    /// Answers [`ViewRequest::ModelReport`].
    ModelReport(Box<ModelReport>),
    /// Answers [`ViewRequest::MethodComparison`].
    MethodComparison(Result<MethodComparison, Failure>),
    /// Answers [`ViewRequest::CohortSummary`].
    CohortSummary(Result<CohortSummary, ViewError>),
    /// Answers [`ViewRequest::Discrimination`].
    Discrimination(Result<Discrimination, ViewError>),
    /// Answers [`ViewRequest::RiskGroupSurvival`].
    RiskGroupSurvival(Result<RiskGroupSurvival, ViewError>),
    /// Answers [`ViewRequest::RiskGroupCounts`].
    RiskGroupCounts(RiskGroupCounts),
    /// Answers [`ViewRequest::KeyMarkers`].
    KeyMarkers(Result<KeyMarkerView, Failure>),
    /// Answers [`ViewRequest::Beeswarm`].
    Beeswarm(Result<Beeswarm, Failure>),
    /// Answers [`ViewRequest::EntityHeatmap`].
    EntityHeatmap(Result<EntityHeatmap, Failure>),
    /// Answers [`ViewRequest::Dependence`].
    Dependence(Result<DependenceView, Failure>),
    /// Answers [`ViewRequest::MarkerProfile`].
    MarkerProfile(Result<Box<MarkerProfile>, Failure>),
    /// Answers [`ViewRequest::Stability`].
    Stability(Result<Box<Stability>, Failure>),
    /// Answers [`ViewRequest::OverTime`].
    OverTime(Result<Box<OverTime>, Failure>),
    /// Answers [`ViewRequest::CohortEffects`].
    CohortEffects(Result<Box<CohortEffects>, Failure>),
    /// Answers [`ViewRequest::Interactions`].
    Interactions(Box<InteractionsOverview>),
    /// Answers [`ViewRequest::InteractionPair`].
    InteractionPair(Box<PairView>),
    /// Answers [`ViewRequest::Fidelity`]; `None` for a cohort without planted truth.
    Fidelity(Option<Box<Fidelity>>),
    /// Answers [`ViewRequest::TruthComparison`]; `None` without planted truth.
    TruthComparison(Option<Box<TruthComparison>>),
}

/// An answer as it reaches the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ViewAnswer {
    /// The generation of the session it was computed on.
    pub generation: u64,
    /// What was asked.
    pub request: ViewRequest,
    /// The view's data.
    pub reply: ViewReply,
    /// The language its texts are in: the page ignores an answer in another language than
    /// its own.
    pub lang: Lang,
    /// Milliseconds the worker took to compute it.
    pub ms: f64,
}

/// A file the page saves, made in the worker from the cohort on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Export {
    /// Every patient's relevances, one row per patient, as CSV, with the explanation on
    /// screen.
    RelevanceTable {
        /// The study's, or relative to a typical patient (then with its log-risk per row).
        explanation: Explanation,
    },
    /// The model on screen as a survlens model file (a network trained in this tab).
    ModelFile,
    /// The new-patient template: the header line of the model's markers, to fill in one
    /// row per patient.
    NewPatientTemplate,
}

/// A file's text with its name and media type.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportFile {
    /// The file name offered.
    pub name: String,
    /// Its media type.
    pub mime: &'static str,
    /// Its contents.
    pub text: String,
}

/// The worker's side of the views: the cohort on screen and what its views need computed
/// once (the encoded cohort of the method comparison, the patient reports' engine).
#[derive(Debug, Default)]
pub struct ViewServer {
    session: Option<Arc<Session>>,
    generation: u64,
    patients: Option<PatientEngine>,
    encoded: Option<Result<EncodedCohort, Failure>>,
    /// Markers by decreasing importance (the beeswarm's and the heatmap's order).
    ranking: Option<Result<Vec<usize>, Failure>>,
    /// The interactions of the cohort on screen, once its search has ended.
    interactions: Option<CohortInteractions>,
    /// The language of the texts the answers carry.
    lang: Lang,
}

impl ViewServer {
    /// Makes `session` the cohort on screen; returns its generation (1 for the first).
    pub fn show(&mut self, session: Arc<Session>) -> u64 {
        self.session = Some(session);
        self.patients = None;
        self.encoded = None;
        self.ranking = None;
        self.interactions = None;
        self.generation += 1;
        self.generation
    }

    /// Builds every answer from now on in `lang`.
    pub fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// The language the answers are built in.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// Keeps the interactions the search found in the cohort on screen.
    pub fn found(&mut self, interactions: CohortInteractions) {
        self.interactions = Some(interactions);
    }

    /// The generation of the cohort on screen (0 before the first).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The data of `request` about the cohort of `generation`; `None` when that cohort is
    /// no longer (or not yet) the one on screen.
    pub fn answer(&mut self, generation: u64, request: &ViewRequest) -> Option<ViewReply> {
        if generation != self.generation {
            return None;
        }
        let session = self.session.as_deref()?;
        let lang = self.lang;
        Some(match *request {
            ViewRequest::Patient {
                patient,
                ref edits,
                explanation,
            } => {
                let engine = self
                    .patients
                    .get_or_insert_with(|| PatientEngine::new(session));
                ViewReply::Patient(
                    PatientReport::build_in(session, engine, patient, edits, explanation, lang)
                        .map(Box::new),
                )
            }
            ViewRequest::NewPatient {
                ref values,
                ref edits,
                explanation,
            } => {
                let engine = self
                    .patients
                    .get_or_insert_with(|| PatientEngine::new(session));
                let typed = values.apply(&vec![f32::NAN; session.n_markers()]);
                ViewReply::NewPatient(
                    PatientReport::build_new_in(session, engine, &typed, edits, explanation, lang)
                        .map(Box::new),
                )
            }
            ViewRequest::NewPatientForm => {
                ViewReply::NewPatientForm(Box::new(NewPatientForm::build_in(session, lang)))
            }
            ViewRequest::PatientComparison {
                patient,
                other,
                explanation,
            } => {
                let engine = self
                    .patients
                    .get_or_insert_with(|| PatientEngine::new(session));
                ViewReply::PatientComparison(
                    SideBySide::patients_in(session, engine, patient, other, explanation, lang)
                        .map(Box::new)
                        .map_err(|e| Failure::new(e.code(), &e)),
                )
            }
            ViewRequest::ModelContrast {
                patient,
                explanation,
            } => {
                let engine = self
                    .patients
                    .get_or_insert_with(|| PatientEngine::new(session));
                ViewReply::ModelContrast(
                    SideBySide::models_in(session, engine, patient, explanation, lang)
                        .map(Box::new)
                        .map_err(|e| Failure::new(e.code(), &e)),
                )
            }
            ViewRequest::PatientList { ref query } => {
                ViewReply::PatientList(PatientPage::build(session, query))
            }
            ViewRequest::ModelReport => ViewReply::ModelReport(Box::new(ModelReport::build(
                session,
                &MetricSettings::default(),
            ))),
            ViewRequest::MethodComparison { patient } => {
                let encoded = self.encoded.get_or_insert_with(|| {
                    EncodedCohort::build(session).map_err(|e| Failure::new(e.code(), &e))
                });
                ViewReply::MethodComparison(match encoded {
                    Ok(encoded) => MethodComparison::build(
                        session,
                        encoded,
                        patient,
                        &MethodSettings::default(),
                    )
                    .map(|c| c.in_language(lang))
                    .map_err(|e| Failure::new(e.code(), &e)),
                    Err(e) => Err(e.clone()),
                })
            }
            ViewRequest::CohortSummary => ViewReply::CohortSummary(
                CohortSummary::build(session)
                    .map(|c| c.in_language(lang))
                    .map_err(ViewError::from),
            ),
            ViewRequest::Discrimination => ViewReply::Discrimination(
                Discrimination::build(session, &Discrimination::page_bootstrap())
                    .map(|d| d.in_language(lang))
                    .map_err(ViewError::from),
            ),
            ViewRequest::RiskGroupSurvival {
                grouping,
                population,
            } => ViewReply::RiskGroupSurvival(
                RiskGroupSurvival::build(session, grouping, population)
                    .map(|r| r.in_language(lang))
                    .map_err(ViewError::from),
            ),
            ViewRequest::RiskGroupCounts => {
                ViewReply::RiskGroupCounts(RiskGroupCounts::build_in(session, lang))
            }
            ViewRequest::KeyMarkers { percent } => ViewReply::KeyMarkers(
                KeyMarkerView::build_in(session, f64::from(percent) / 100.0, lang)
                    .map_err(|e| Failure::new(e.code(), &e)),
            ),
            ViewRequest::Beeswarm => {
                ViewReply::Beeswarm(ranking(&mut self.ranking, session).and_then(|r| {
                    Beeswarm::build_in(session, r, BEESWARM_MARKERS, MAX_DOTS, lang)
                        .map_err(|e| Failure::new(e.code(), &e))
                }))
            }
            ViewRequest::EntityHeatmap => {
                ViewReply::EntityHeatmap(ranking(&mut self.ranking, session).and_then(|r| {
                    EntityHeatmap::build_in(session, r, HEATMAP_MARKERS, lang)
                        .map_err(|e| Failure::new(e.code(), &e))
                }))
            }
            ViewRequest::Dependence { marker, colour } => ViewReply::Dependence(
                DependenceView::build_in(session, marker, colour, MAX_DOTS, lang)
                    .map_err(|e| Failure::new(e.code(), &e)),
            ),
            ViewRequest::MarkerProfile { patient, marker } => {
                ViewReply::MarkerProfile(what_if_view(&mut self.patients, session, |whatif| {
                    MarkerProfile::build(session, whatif, patient, marker)
                        .map(|p| p.in_language(session, lang))
                }))
            }
            ViewRequest::Stability { patient } => {
                ViewReply::Stability(what_if_view(&mut self.patients, session, |whatif| {
                    Stability::build(session, whatif, patient)
                }))
            }
            ViewRequest::OverTime { patient } => {
                ViewReply::OverTime(what_if_view(&mut self.patients, session, |whatif| {
                    OverTime::build(session, whatif, patient)
                }))
            }
            ViewRequest::CohortEffects { marker } => {
                ViewReply::CohortEffects(what_if_view(&mut self.patients, session, |whatif| {
                    CohortEffects::build(session, whatif, marker)
                        .map(|e| e.in_language(session, lang))
                }))
            }
            ViewRequest::Interactions { method } => ViewReply::Interactions(Box::new(
                InteractionsOverview::build_in(session, self.interactions.as_ref(), method, lang),
            )),
            ViewRequest::Fidelity => ViewReply::Fidelity(fidelity_in(session, lang).map(Box::new)),
            ViewRequest::TruthComparison { patient } => ViewReply::TruthComparison(
                compare_patient_in(session, patient, TEACHING_TOP_K, lang).map(Box::new),
            ),
            ViewRequest::InteractionPair { method, a, b } => ViewReply::InteractionPair(Box::new(
                PairView::build_in(session, self.interactions.as_ref(), method, (a, b), lang),
            )),
        })
    }
}

impl ViewServer {
    /// The file `export` of the cohort of `generation`; `None` when that cohort is no
    /// longer (or not yet) the one on screen.
    pub fn export(
        &mut self,
        generation: u64,
        export: Export,
    ) -> Option<Result<ExportFile, Failure>> {
        if generation != self.generation {
            return None;
        }
        let session = self.session.as_deref()?;
        Some(match export {
            Export::RelevanceTable { explanation } => {
                let engine = self
                    .patients
                    .get_or_insert_with(|| PatientEngine::new(session));
                relevance_csv_of(session, engine, explanation)
                    .map(|text| ExportFile {
                        name: relevance_csv_name_of(session, explanation),
                        mime: "text/csv",
                        text,
                    })
                    .map_err(|e| Failure::new(e.code(), &e))
            }
            Export::NewPatientTemplate => Ok(ExportFile {
                name: "new-patient-template.csv".to_owned(),
                mime: "text/csv",
                text: NewPatientForm::build(session).template(),
            }),
            Export::ModelFile => export_json(session)
                .map(|(name, text)| ExportFile {
                    name,
                    mime: "application/json",
                    text,
                })
                .map_err(|e| Failure::new(e.code(), &e)),
        })
    }
}

/// `f` with the patient engine's what-if engine, or one built afresh when the engine's
/// could not be (its error then comes back).
/// A view built with the session's what-if engine (made on first use), boxed, its error as
/// the page reports it.
fn what_if_view<T>(
    patients: &mut Option<PatientEngine>,
    session: &Session,
    build: impl FnOnce(&WhatIf) -> Result<T, ComputeError>,
) -> Result<Box<T>, Failure> {
    let engine = patients.get_or_insert_with(|| PatientEngine::new(session));
    with_whatif(session, engine, build)
        .map(Box::new)
        .map_err(|e| Failure::new(e.code(), &e))
}

fn with_whatif<T>(
    session: &Session,
    engine: &PatientEngine,
    f: impl FnOnce(&WhatIf) -> Result<T, ComputeError>,
) -> Result<T, ComputeError> {
    match engine.whatif() {
        Some(whatif) => f(whatif),
        None => f(&WhatIf::new(session)?),
    }
}

/// The markers by decreasing importance, computed once per cohort into `cache`.
fn ranking<'a>(
    cache: &'a mut Option<Result<Vec<usize>, Failure>>,
    session: &Session,
) -> Result<&'a [usize], Failure> {
    cache
        .get_or_insert_with(|| {
            KeyMarkerView::build(session, survlens_xai::KEY_MARKER_SHARE)
                .map(|k| k.ranking())
                .map_err(|e| Failure::new(e.code(), &e))
        })
        .as_deref()
        .map_err(Clone::clone)
}
