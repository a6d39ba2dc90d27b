//! The fidelity report of a model on a synthetic cohort (issue 5, item 4): how well the
//! model ranks held-out patients against the oracle, how well its LRP explanation recovers
//! the planted marker importance, and which planted interactions each interaction method
//! finds, with its false discoveries.
//!
//! The figures reuse the teaching view's statistics ([`crate::teaching::spearman`],
//! [`crate::teaching::top_k_recovery`]) and the interactions view's search
//! ([`crate::interactions_view::find_interactions`]) on an explained [`Session`] of the
//! held-out patients, so the command line reports exactly what the page shows.
//!
//! # Definitions
//! - **C-index**: Harrell's ([`harrell_c`]) of the model's log-risk and of the oracle (the
//!   generator's true log cumulative hazard at its horizon) on the held-out patients.
//! - **Marker importance**: LRP (the study's gamma rule) importance = mean |relevance| over
//!   the held-out patients, encoded inputs summed into their marker; true importance = mean
//!   |true contribution| over the same patients. The entity counts as one marker whose true
//!   contribution is its baseline log-hazard term centred on the patients' mean.
//! - **Spearman**: rank correlation of the two importances over all markers (average ranks
//!   for ties). **Top-k recovery**: how many of the `k` truly most important markers are
//!   among the `k` most important by LRP, for `k` in [`TOP_K`].
//! - **Interactions**: a planted interaction is *recovered* by a method when either order
//!   of its marker pair counts as an interaction under the method's rule (both: BH
//!   q < 0.05; model-based against the network's background coupling, statistical by the
//!   Mann-Whitney test, see [`survlens_xai::interactions`]); a *false discovery* is a pair
//!   (unordered) that counts as an interaction but was not planted. A method examines only
//!   some pairs (statistical: among the
//!   [`INTERACTION_TOP_K`](crate::interactions_view::INTERACTION_TOP_K) most important
//!   markers; model-based: the
//!   [`MODEL_CANDIDATES`](crate::interactions_view::MODEL_CANDIDATES) screened markers
//!   moved against every marker), so a planted pair neither of whose orders was examined
//!   cannot be recovered (reported as not examined).

use serde::{Deserialize, Serialize};
use survlens_model::bundle::ModelBundle;
use survlens_model::concordance::harrell_c;
use survlens_synth::{MarkerKind, SyntheticCohort};
use survlens_xai::{Composite, Grouping, Lrp};

use crate::default_model::DefaultModelError;
use crate::interactions_view::{CohortInteractions, Method, RankedInteractions, find_couplings};
use crate::session::{MarkerInfo, PlantedInteraction, PlantedTruth, Session, SessionModel};
use crate::teaching::{ranking, spearman, top_k_recovery};

/// Sizes of the top-k recovery figure.
pub const TOP_K: [usize; 2] = [10, 20];

/// How many of the truly most important markers the explanation ranks among its own top.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopK {
    /// Size of both lists.
    pub k: usize,
    /// Markers in both.
    pub recovered: usize,
    /// Ids of the truly important markers the explanation's list misses, most important
    /// first.
    pub missed: Vec<String>,
}

/// What one interaction method found among the planted interactions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionRecovery {
    /// `model-based` or `statistical`.
    pub method: String,
    /// Planted interactions (by id) recovered.
    pub recovered: Vec<String>,
    /// Planted interactions whose pair was examined but not counted.
    pub missed: Vec<String>,
    /// Planted interactions with a marker outside the examined top markers.
    pub not_examined: Vec<String>,
    /// Unordered marker pairs that count as interactions.
    pub discoveries: usize,
    /// Of those, pairs that were not planted, as `marker_a x marker_b` ids.
    pub false_discoveries: Vec<String>,
    /// Patients the method examined (model-based: the stratified sample).
    pub patients: usize,
    /// Markers the method considered (model-based: moved; statistical: most important).
    pub candidates: usize,
    /// Ordered pairs examined.
    pub pairs_examined: usize,
    /// Ordered pairs with a p-value (model-based: above the numerical floor with enough
    /// moved patients).
    pub pairs_tested: usize,
    /// Per planted interaction (by id), the 1-based rank of its better order in the
    /// method's ranking; absent when not examined.
    pub planted_ranks: Vec<(String, Option<usize>)>,
}

/// The fidelity report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FidelityReport {
    /// Held-out patients the figures are computed on.
    pub n_patients: usize,
    /// Their observed deaths.
    pub n_events: usize,
    /// Harrell's C of the model.
    pub model_harrell_c: f64,
    /// Harrell's C of the oracle.
    pub oracle_harrell_c: f64,
    /// Spearman correlation of LRP and true marker importance (`None`: one is constant).
    pub spearman: Option<f64>,
    /// Top-k recovery for each `k` of [`TOP_K`].
    pub top_k: Vec<TopK>,
    /// Markers examined for interactions.
    pub interaction_top_k: usize,
    /// Per interaction method (model-based, statistical).
    pub interactions: Vec<InteractionRecovery>,
}

/// The fidelity report of `model` on the patients `rows` of `synthetic` (patients the model
/// did not train on: the test half recorded in a default model file, or a cohort drawn with
/// another seed).
///
/// # Errors
/// [`DefaultModelError::MarkerMismatch`] for a model of another preset (its markers are not
/// the cohort's and the entity); [`DefaultModelError::Model`] for fewer than two held-out patients or no
/// comparable pair; [`DefaultModelError::Xai`] when the explainer refuses the network.
pub fn fidelity_report(
    model: &ModelBundle,
    synthetic: &SyntheticCohort,
    rows: &[usize],
) -> Result<FidelityReport, DefaultModelError> {
    let session = held_out_session(model, synthetic, rows)?;
    let x = model
        .encoder()
        .transform(synthetic.to_cohort()?.rows(rows)?)?
        .design
        .into_vec();
    let found = find_couplings(&session, &x)?;
    report(&session, &found)
}

/// The figures of an explained synthetic session and its interaction search.
fn report(
    session: &Session,
    found: &CohortInteractions,
) -> Result<FidelityReport, DefaultModelError> {
    let truth = session
        .truth
        .as_ref()
        .ok_or_else(|| DefaultModelError::Provenance("the session has no planted truth".into()))?;
    let (n, m) = (session.n_patients(), session.n_markers());
    let mut lrp = vec![0.0f64; m];
    for row in session.relevance.chunks_exact(m.max(1)) {
        for (s, &r) in lrp.iter_mut().zip(row) {
            *s += f64::from(r.abs());
        }
    }
    lrp.iter_mut().for_each(|s| *s /= n.max(1) as f64);
    let true_importance: Vec<f64> = truth.importance.iter().map(|&v| f64::from(v)).collect();
    let top_k = TOP_K
        .iter()
        .map(|&k| {
            let k = k.min(m);
            let model_top = &ranking(&lrp)[..k];
            TopK {
                k,
                recovered: top_k_recovery(&true_importance, &lrp, k),
                missed: ranking(&true_importance)[..k]
                    .iter()
                    .filter(|j| !model_top.contains(j))
                    .map(|&j| session.markers[j].id.clone())
                    .collect(),
            }
        })
        .collect();
    let interactions = Method::ALL
        .iter()
        .filter_map(|&method| {
            found
                .of(method)
                .map(|ranked| recovery(session, &truth.interactions, ranked, method))
        })
        .collect();
    let time: Vec<f64> = session.time.clone();
    let oracle: Vec<f64> = truth.oracle_risk.iter().map(|&v| f64::from(v)).collect();
    Ok(FidelityReport {
        n_patients: n,
        n_events: session.event.iter().filter(|&&e| e).count(),
        model_harrell_c: session.test_cindex,
        oracle_harrell_c: harrell_c(&time, &session.event, &oracle)?.index,
        spearman: spearman(&lrp, &true_importance),
        top_k,
        interaction_top_k: found.top_k,
        interactions,
    })
}

fn recovery(
    session: &Session,
    planted: &[PlantedInteraction],
    found: &RankedInteractions,
    method: Method,
) -> InteractionRecovery {
    let unordered = |a: usize, b: usize| (a.min(b), a.max(b));
    let mut discovered: Vec<(usize, usize)> = found
        .pairs
        .iter()
        .filter(|p| p.significant)
        .map(|p| unordered(p.a, p.b))
        .collect();
    discovered.sort_unstable();
    discovered.dedup();
    let is_planted = |pair: (usize, usize)| {
        planted
            .iter()
            .any(|t| unordered(t.markers[0], t.markers[1]) == pair)
    };
    let (mut recovered, mut missed, mut not_examined) = (Vec::new(), Vec::new(), Vec::new());
    for t in planted {
        let [a, b] = t.markers;
        if discovered.contains(&unordered(a, b)) {
            recovered.push(t.name.clone());
        } else if found.examined(a, b) {
            missed.push(t.name.clone());
        } else {
            not_examined.push(t.name.clone());
        }
    }
    let id = |j: usize| {
        session
            .markers
            .get(j)
            .map_or("?", |m| m.id.as_str())
            .to_owned()
    };
    InteractionRecovery {
        method: match method {
            Method::ModelBased => "model-based".to_owned(),
            Method::Statistical => "statistical".to_owned(),
            Method::Confirmed => "confirmed".to_owned(),
        },
        recovered,
        missed,
        not_examined,
        discoveries: discovered.len(),
        false_discoveries: discovered
            .iter()
            .filter(|&&pair| !is_planted(pair))
            .map(|&(a, b)| format!("{} x {}", id(a), id(b)))
            .collect(),
        patients: found.patients,
        candidates: found.candidates.len(),
        pairs_examined: found.pairs.len(),
        pairs_tested: found.pairs.iter().filter(|p| p.p_value.is_some()).count(),
        planted_ranks: planted
            .iter()
            .map(|t| {
                let [a, b] = t.markers;
                (t.name.clone(), found.rank_of_unordered(a, b))
            })
            .collect(),
    }
}

/// The held-out patients `rows` of `synthetic`, explained by `model` (LRP, the study's
/// rule) with their planted truth: a [`Session`] like the job's, limited to those patients.
/// Its markers are the model's (the cohort's markers, then the entity); `test_cindex` is
/// Harrell's C on all of them.
///
/// # Errors
/// As [`fidelity_report`].
pub fn held_out_session(
    model: &ModelBundle,
    synthetic: &SyntheticCohort,
    rows: &[usize],
) -> Result<Session, DefaultModelError> {
    let features = model.feature_map();
    let m = features.n_markers();
    let m_synth = synthetic.n_markers();
    let names = features.marker_names();
    let same = names.len() == m_synth + 1
        && synthetic
            .markers
            .iter()
            .zip(names)
            .all(|(spec, name)| spec.id == name);
    if !same {
        return Err(DefaultModelError::MarkerMismatch(format!(
            "the model has {} markers, the {} cohort {} markers and the entity",
            names.len(),
            synthetic.config.preset.name(),
            m_synth
        )));
    }
    let cohort = synthetic.to_cohort()?;
    let x = model
        .encoder()
        .transform(cohort.rows(rows)?)?
        .design
        .into_vec();
    let n = rows.len();
    let lrp = Lrp::new(model.network(), &Composite::paper())?;
    let to_marker = Grouping::new(&features.input_to_marker(), m)?;
    let explained = lrp.explain_batch(&x, n)?;
    let relevance = to_marker.apply(&explained)?.values().to_vec();
    let risk = explained.outputs().to_vec();
    let bias_relevance = (0..n)
        .map(|i| {
            explained
                .accounting(i)
                .map_or(0.0, |a| a.bias_share + a.stabilizer_share)
        })
        .collect();

    let pick_f64 = |v: &[f64]| -> Vec<f64> { rows.iter().map(|&i| v[i]).collect() };
    let time = pick_f64(&synthetic.time_days);
    let event: Vec<bool> = rows.iter().map(|&i| synthetic.event[i]).collect();
    let risk_f64: Vec<f64> = risk.iter().map(|&r| f64::from(r)).collect();
    let test_cindex = harrell_c(&time, &event, &risk_f64)?.index;

    // Raw values and true contributions in the model's marker order: the cohort's markers,
    // then the entity (its level index; its baseline log-hazard term, centred).
    let entity_term: Vec<f64> = rows
        .iter()
        .map(|&i| f64::from(synthetic.truth.entity_log_hazard[i]))
        .collect();
    let entity_mean = entity_term.iter().sum::<f64>() / n.max(1) as f64;
    let mut values = Vec::with_capacity(n * m);
    let mut contributions = Vec::with_capacity(n * m);
    for (k, &i) in rows.iter().enumerate() {
        values.extend_from_slice(&synthetic.values[i * m_synth..(i + 1) * m_synth]);
        contributions
            .extend_from_slice(&synthetic.truth.contributions[i * m_synth..(i + 1) * m_synth]);
        for _ in m_synth..m {
            values.push(f32::from(synthetic.entity[i]));
            contributions.push((entity_term[k] - entity_mean) as f32);
        }
    }
    let importance = (0..m)
        .map(|j| {
            (0..n)
                .map(|p| f64::from(contributions[p * m + j].abs()))
                .sum::<f64>() as f32
                / n.max(1) as f32
        })
        .collect();
    let oracle_risk: Vec<f32> = rows
        .iter()
        .map(|&i| synthetic.truth.log_hazard[i] as f32)
        .collect();
    let oracle_f64 = pick_f64(&synthetic.truth.log_hazard);
    let truth = PlantedTruth {
        contributions,
        importance,
        prognostic: (0..m)
            .map(|j| synthetic.truth.markers.get(j).is_none_or(|t| t.prognostic))
            .collect(),
        effect: (0..m)
            .map(|j| match synthetic.truth.markers.get(j) {
                Some(t) => t.effect.clone().unwrap_or_default(),
                None => "entity-specific Weibull baseline hazard".to_owned(),
            })
            .collect(),
        interactions: synthetic
            .truth
            .interactions
            .iter()
            .map(|t| PlantedInteraction {
                name: t.id.clone(),
                markers: t.marker_indices,
                description: t.description.clone(),
                oracle_noncentrality: t.oracle_noncentrality,
                cohort_patients: synthetic.n_patients(),
            })
            .collect(),
        oracle_risk,
        oracle_test_cindex: harrell_c(&time, &event, &oracle_f64)?.index,
    };
    let cut_offs = model.risk_groups().groups().cut_offs();
    let cut = |k: usize| cut_offs.get(k).map_or(f32::NAN, |&c| c as f32);
    Ok(Session {
        has_outcomes: true,
        title: format!(
            "Synthetic {} cohort, seed {}: {n} held-out patients",
            synthetic.config.preset.name().replace('_', "-"),
            synthetic.config.seed
        ),
        markers: marker_infos(synthetic, features.marker_names()),
        patient_ids: rows
            .iter()
            .map(|&i| synthetic.patient_ids[i].clone())
            .collect(),
        entities: synthetic
            .entities
            .iter()
            .map(|e| e.name.to_owned())
            .collect(),
        entity_ids: synthetic.entities.iter().map(|e| e.id.to_owned()).collect(),
        entity_of: rows
            .iter()
            .map(|&i| u32::from(synthetic.entity[i]))
            .collect(),
        time,
        event,
        values,
        risk,
        relevance,
        bias_relevance,
        risk_cutoffs: [cut(0), cut(1)],
        history: Vec::new(),
        test_cindex,
        held_out: vec![true; n],
        rule: "LRP, the study's sign-aware gamma rule (gamma 0.01)".to_owned(),
        model: SessionModel {
            network: model.network().clone(),
            encoder: model.encoder().clone(),
            baseline: model.baseline().clone(),
            auto: None,
        },
        truth: Some(truth),
        interactions: None,
        origin: crate::model_file::ModelOrigin::Unrecorded,
        baselines: Vec::new(),
    })
}

/// Display information of the model's markers: the dictionary's for the cohort's markers,
/// then the entity.
fn marker_infos(s: &SyntheticCohort, names: &[String]) -> Vec<MarkerInfo> {
    names
        .iter()
        .enumerate()
        .map(|(j, id)| match s.markers.get(j) {
            Some(spec) => MarkerInfo {
                id: spec.id.to_owned(),
                name: spec.name.to_owned(),
                unit: if spec.unit == "1" {
                    String::new()
                } else {
                    spec.unit.to_owned()
                },
                modality: spec.modality.name().to_owned(),
                reference_range: spec.reference_range,
                levels: match spec.kind {
                    MarkerKind::Categorical { levels, .. } => {
                        levels.iter().map(|&l| l.to_owned()).collect()
                    }
                    MarkerKind::Binary => vec!["no".to_owned(), "yes".to_owned()],
                    MarkerKind::Numeric => Vec::new(),
                },
            },
            None => MarkerInfo {
                id: id.clone(),
                name: "Cancer entity".to_owned(),
                unit: String::new(),
                modality: "Clinical records".to_owned(),
                reference_range: None,
                levels: s.entities.iter().map(|e| e.name.to_owned()).collect(),
            },
        })
        .collect()
}
