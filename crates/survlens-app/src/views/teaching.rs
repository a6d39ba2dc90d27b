//! Teaching mode: the planted truth of a synthetic cohort beside the model's explanation,
//! for one patient and for the cohort, with the fidelity figures that say how far the
//! explanation can be trusted ([`crate::analysis::fidelity`]: AUROC, precision at k and Spearman over
//! the detectable markers, with bootstrap intervals and the oracle explainer's ceiling).
//!
//! Plain functions over a [`Session`], so the command line can print the same figures.
//! Everything here reads the session's LRP relevances (the study's gamma rule) and the
//! truth's per-patient log-hazard contributions; both are log-hazard units.

use crate::analysis::fidelity::{
    FIDELITY_BOOTSTRAP, FIDELITY_BOOTSTRAP_SEED, FidelityFigures, SeenTruth, fidelity_figures,
};
use crate::core::format::{unit_in, unit_per_in};
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{PlantedInteraction, Session};
use crate::core::stats::ranking;
use serde::{Deserialize, Serialize};

/// Most patients the page's fidelity figures read (evenly spaced through the cohort), so
/// that the bootstrap stays under a second on the page's thread.
pub const FIDELITY_MAX_PATIENTS: usize = 3_000;

/// A contribution smaller than this (log-hazard units, a hazard ratio within 1%) counts as
/// no effect for the patient.
pub const NEGLIGIBLE: f32 = 0.01;

/// A true contribution at least this large (a hazard ratio of 1.1 or 0.9) is one the
/// explanation should not miss.
pub const CLEAR_EFFECT: f32 = 0.1;

/// Top-k sizes of the recovery figure.
pub const RECOVERY_K: [usize; 2] = [5, 10];

/// One marker's cohort-level figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerFidelity {
    /// Session marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// True importance: mean |centred true contribution on the values the model sees,
    /// interactions split half to each partner| ([`SeenTruth`]).
    pub true_importance: f32,
    /// LRP importance: mean |centred relevance|.
    pub lrp_importance: f32,
    /// Whether the marker has a planted effect of its own.
    pub prognostic: bool,
    /// Whether an oracle test detects its effect (or an interaction it takes part in) at
    /// the cohort's size.
    pub detectable: bool,
    /// Names of the planted interactions the marker takes part in.
    pub interactions: Vec<String>,
}

/// How many of the truly most important markers are among the model's most important.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopKRecovery {
    /// Size of both top lists.
    pub k: usize,
    /// Markers in both lists.
    pub recovered: usize,
    /// Truly important markers the model's top list misses, most important first.
    pub missed: Vec<usize>,
}

/// The fidelity report of a synthetic cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fidelity {
    /// The explanation's figures (AUROC, precision at k, Spearman over the detectable
    /// markers, bootstrap intervals; [`crate::analysis::fidelity`]).
    pub figures: FidelityFigures,
    /// The same figures for an oracle explainer (its relevances are the truth): the
    /// ceiling.
    pub ceiling: FidelityFigures,
    /// Top-k recovery for each `k` of [`RECOVERY_K`] (capped at the number of markers).
    pub top_k: Vec<TopKRecovery>,
    /// Harrell's C of the model on the held-out test patients.
    pub model_test_cindex: f64,
    /// Harrell's C of the oracle (true log-hazard) on the same patients: the best any
    /// model can do with this much noise.
    pub oracle_test_cindex: f64,
    /// Every marker, by decreasing true importance.
    pub markers: Vec<MarkerFidelity>,
    /// The planted interactions.
    pub interactions: Vec<PlantedInteraction>,
}

impl Fidelity {
    /// How far the model falls short of the oracle, in C-index points.
    pub fn cindex_gap(&self) -> f64 {
        self.oracle_test_cindex - self.model_test_cindex
    }
}

/// The fidelity report of `session`; `None` when the cohort has no planted truth (a real
/// cohort or a user's file). The figures read at most [`FIDELITY_MAX_PATIENTS`] patients.
pub fn fidelity(session: &Session) -> Option<Fidelity> {
    fidelity_in(session, Lang::En)
}

/// [`fidelity`] with the markers' and planted interactions' names and the interactions'
/// meaning in `lang`; the figures are the same in every language.
pub fn fidelity_in(session: &Session, lang: Lang) -> Option<Fidelity> {
    let truth = session.truth.as_ref()?;
    let (n, m) = (session.n_patients(), session.n_markers());
    let step = n.div_ceil(FIDELITY_MAX_PATIENTS).max(1);
    let rows: Vec<usize> = (0..n).step_by(step).collect();
    let seen = SeenTruth::of_session(session, &rows)?;
    let relevance: Vec<f32> = rows
        .iter()
        .flat_map(|&i| session.relevance_of(i).iter().copied())
        .collect();
    let figures = fidelity_figures(
        &relevance,
        &seen,
        FIDELITY_BOOTSTRAP,
        FIDELITY_BOOTSTRAP_SEED,
    );
    let ceiling = fidelity_figures(
        &seen.contributions,
        &seen,
        FIDELITY_BOOTSTRAP,
        FIDELITY_BOOTSTRAP_SEED,
    );
    let lrp = centred_mean_abs(&relevance, m);
    let true_importance = centred_mean_abs(&seen.contributions, m);
    let top_k = RECOVERY_K
        .iter()
        .map(|&k| {
            let k = k.min(m);
            let model_top = &ranking(&lrp)[..k];
            let truth_top = &ranking(&true_importance)[..k];
            let missed: Vec<usize> = truth_top
                .iter()
                .copied()
                .filter(|j| !model_top.contains(j))
                .collect();
            TopKRecovery {
                k,
                recovered: k - missed.len(),
                missed,
            }
        })
        .collect();
    let interactions: Vec<PlantedInteraction> = truth
        .interactions
        .iter()
        .map(|t| interaction_in(t, session, lang))
        .collect();
    let markers = ranking(&true_importance)
        .into_iter()
        .map(|j| MarkerFidelity {
            marker: j,
            name: session.markers[j].name_in(lang).to_owned(),
            true_importance: true_importance[j] as f32,
            lrp_importance: lrp[j] as f32,
            prognostic: truth.prognostic.get(j).copied().unwrap_or(false),
            detectable: seen.detectable[j],
            interactions: interactions_of(&interactions, j),
        })
        .collect();
    Some(Fidelity {
        figures,
        ceiling,
        top_k,
        model_test_cindex: session.test_cindex,
        oracle_test_cindex: truth.oracle_test_cindex,
        markers,
        interactions,
    })
}

/// A planted interaction as `lang` writes it: in German its name joins its two markers'
/// German names, and its meaning comes from the catalogue (the generator's English where
/// the catalogue does not know it).
pub fn interaction_in(t: &PlantedInteraction, session: &Session, lang: Lang) -> PlantedInteraction {
    let name = match lang {
        Lang::En => t.name.clone(),
        Lang::De => {
            let [a, b] = t.markers;
            match (session.markers.get(a), session.markers.get(b)) {
                (Some(a), Some(b)) => format!("{} \u{d7} {}", a.name_in(lang), b.name_in(lang)),
                _ => t.name.clone(),
            }
        }
    };
    let description = match interaction_key(&t.description) {
        Some(key) => lang.t(key),
        None => t.description.clone(),
    };
    PlantedInteraction {
        name,
        description,
        ..t.clone()
    }
}

/// A planted effect in words (the generator's formula, `survlens_synth`'s effect
/// descriptions) as `lang` writes it, from the catalogue: the phrases translated, numbers
/// with the language's decimal mark, units of time in its words, level names as the data names them. A text
/// of another form stays as the generator wrote it.
pub fn effect_in(text: &str, lang: Lang) -> String {
    parse_effect(text, lang).unwrap_or_else(|| text.to_owned())
}

fn parse_effect(text: &str, lang: Lang) -> Option<String> {
    let n = |t: &str| lang.number_text(t);
    // "{value} {unit}", the unit possibly empty.
    let value_unit = |t: &str| -> (String, String) {
        match t.split_once(' ') {
            Some((v, u)) => (n(v), u.to_owned()),
            None => (n(t), String::new()),
        }
    };
    if text == "entity-specific Weibull baseline hazard" {
        return Some(lang.t("vm-teaching-effect-entity"));
    }
    if let Some(rest) = text.strip_prefix("linear: ") {
        let (slope, rest) = rest.split_once(" per ")?;
        let (unit, rest) = rest.split_once(" relative to ")?;
        let reference = rest.strip_suffix(&format!(" {unit}"))?;
        return Some(lang.t_with(
            "vm-teaching-effect-linear",
            &[
                ("slope", Arg::Text(&n(slope))),
                ("unit", Arg::Text(&unit_in(unit, lang))),
                ("per", Arg::Text(&unit_per_in(unit, lang))),
                ("reference", Arg::Text(&n(reference))),
            ],
        ));
    }
    if let Some(rest) = text.strip_prefix("hinge at ") {
        let (knot_unit, rest) = rest.split_once(": ")?;
        let (knot, unit) = value_unit(knot_unit);
        let rest = rest.strip_suffix(&format!(" per {unit} above"))?;
        let (below, above) = rest.split_once(&format!(" per {unit} below, "))?;
        return Some(lang.t_with(
            "vm-teaching-effect-hinge",
            &[
                ("knot", Arg::Text(&knot)),
                ("unit", Arg::Text(&unit_in(&unit, lang))),
                ("per", Arg::Text(&unit_per_in(&unit, lang))),
                ("below", Arg::Text(&n(below))),
                ("above", Arg::Text(&n(above))),
            ],
        ));
    }
    if let Some(rest) = text.strip_prefix("threshold: ") {
        let (key, (delta, cut_unit)) = match rest.split_once(" if > ") {
            Some(parts) => ("vm-teaching-effect-above", parts),
            None => ("vm-teaching-effect-below", rest.split_once(" if < ")?),
        };
        let (cut, unit) = value_unit(cut_unit);
        let args = [
            ("delta", Arg::Text(&n(delta))),
            ("cut", Arg::Text(&cut)),
            ("unit", Arg::Text(&unit_in(&unit, lang))),
        ];
        return Some(if key == "vm-teaching-effect-above" {
            lang.t_with("vm-teaching-effect-above", &args)
        } else {
            lang.t_with("vm-teaching-effect-below", &args)
        });
    }
    if let Some(rest) = text.strip_prefix("log-linear above ") {
        let rest = rest.strip_suffix(" per doubling")?;
        let (reference_unit, slope) = rest.split_once(": ")?;
        let (reference, unit) = value_unit(reference_unit);
        return Some(lang.t_with(
            "vm-teaching-effect-log",
            &[
                ("reference", Arg::Text(&reference)),
                ("unit", Arg::Text(&unit_in(&unit, lang))),
                ("slope", Arg::Text(&n(slope))),
            ],
        ));
    }
    if let Some(rest) = text.strip_prefix("U-shape: min(") {
        let (cap, rest) = rest.split_once(", ")?;
        let (coef, rest) = rest.split_once(" * ((x - ")?;
        let (optimum, rest) = rest.split_once(") / ")?;
        let (scale, rest) = rest.split_once(")^2), optimum ")?;
        let (_, unit) = value_unit(rest);
        return Some(lang.t_with(
            "vm-teaching-effect-ushape",
            &[
                ("cap", Arg::Text(&n(cap))),
                ("coef", Arg::Text(&n(coef))),
                ("optimum", Arg::Text(&n(optimum))),
                ("scale", Arg::Text(&n(scale))),
                ("unit", Arg::Text(&unit_in(&unit, lang))),
            ],
        ));
    }
    if let Some(delta) = text.strip_suffix(" if present") {
        return Some(lang.t_with(
            "vm-teaching-effect-present",
            &[("delta", Arg::Text(&n(delta)))],
        ));
    }
    if let Some(rest) = text.strip_prefix("by level:") {
        let mut levels = Vec::new();
        for item in rest.split(',') {
            let (level, beta) = item.strip_prefix(' ')?.rsplit_once(' ')?;
            let level = match level {
                "absent" => lang.t("vm-teaching-effect-absent"),
                "present" => lang.t("vm-teaching-effect-present-level"),
                other => other.to_owned(),
            };
            levels.push(format!(
                " {}",
                lang.t_with(
                    "vm-teaching-effect-level",
                    &[("level", Arg::Text(&level)), ("beta", Arg::Text(&n(beta)))],
                )
            ));
        }
        return Some(lang.t_with(
            "vm-teaching-effect-levels",
            &[(
                "levels",
                Arg::Text(&levels.join(&lang.t("vm-teaching-effect-separator"))),
            )],
        ));
    }
    None
}

/// The catalogue key of a planted interaction's meaning, by the generator's English text.
fn interaction_key(description: &str) -> Option<&'static str> {
    Some(match description {
        "BRAF/MEK inhibition prolongs survival only in BRAF-mutant tumours." => {
            "vm-teaching-int-braf-teaching"
        }
        "Systemic inflammation blunts the benefit of checkpoint inhibition." => {
            "vm-teaching-int-crp-teaching"
        }
        "EGFR inhibitors prolong survival only in EGFR-mutant tumours." => "vm-teaching-int-egfr",
        "ALK inhibitors are highly effective in ALK-rearranged lung cancer." => {
            "vm-teaching-int-alk"
        }
        "BRAF/MEK inhibition helps only BRAF-mutant tumours." => "vm-teaching-int-braf",
        "HER2-directed drugs help tumours with ERBB2 amplification or mutation." => {
            "vm-teaching-int-erbb2"
        }
        "PARP inhibitors exploit homologous-recombination deficiency." => "vm-teaching-int-parp",
        "Cetuximab and panitumumab fail, and may harm, in KRAS-mutant tumours." => {
            "vm-teaching-int-kras"
        }
        "Systemic inflammation blunts the benefit of PD-1 blockade." => "vm-teaching-int-crp",
        "Tumours with many mutations present more neoantigens to T cells." => "vm-teaching-int-tmb",
        "Mismatch-repair-deficient tumours respond durably to PD-1 blockade." => {
            "vm-teaching-int-msi"
        }
        "Baseline corticosteroids are associated with worse outcomes on PD-1 blockade." => {
            "vm-teaching-int-steroids"
        }
        "Platinum doublets harm patients in poor performance status." => "vm-teaching-int-platinum",
        _ => return None,
    })
}

/// Mean |x - column mean| of every column of the `r x m` matrix `x`, in `f64`.
pub fn centred_mean_abs(x: &[f32], m: usize) -> Vec<f64> {
    let r = (x.len() / m.max(1)).max(1) as f64;
    let mut mean = vec![0.0f64; m];
    for row in x.chunks_exact(m.max(1)) {
        mean.iter_mut()
            .zip(row)
            .for_each(|(s, &v)| *s += f64::from(v));
    }
    mean.iter_mut().for_each(|s| *s /= r);
    let mut out = vec![0.0f64; m];
    for row in x.chunks_exact(m.max(1)) {
        for ((s, &v), mu) in out.iter_mut().zip(row).zip(&mean) {
            *s += (f64::from(v) - mu).abs();
        }
    }
    out.iter_mut().for_each(|s| *s /= r);
    out
}

fn interactions_of(interactions: &[PlantedInteraction], marker: usize) -> Vec<String> {
    interactions
        .iter()
        .filter(|t| t.markers.contains(&marker))
        .map(|t| t.name.clone())
        .collect()
}

/// One marker of the patient comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthRow {
    /// Session marker index.
    pub marker: usize,
    /// Display name.
    pub name: String,
    /// The patient's value with its unit.
    pub value_text: String,
    /// True log-hazard contribution for this patient.
    pub truth: f32,
    /// LRP relevance for this patient.
    pub relevance: f32,
    /// Whether the marker has a planted effect of its own.
    pub prognostic: bool,
    /// The planted effect in words (empty without one).
    pub effect: String,
    /// What the comparison says about this marker.
    pub verdict: Verdict,
}

/// How the explanation treats one marker against the truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Among both top lists, same direction.
    Agrees,
    /// The model credits it, but it has no planted effect for this patient.
    CreditedWithoutEffect,
    /// A clear planted effect the model's top list lacks.
    Missed,
    /// Both sizeable, opposite directions.
    OppositeSign,
    /// Nothing notable (small on at least one side).
    Minor,
}

impl Verdict {
    /// The verdict in a few words, for the table, in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        match self {
            Self::Agrees => lang.t("vm-teaching-verdict-agrees"),
            Self::CreditedWithoutEffect => lang.t("vm-teaching-verdict-credited"),
            Self::Missed => lang.t("vm-teaching-verdict-missed"),
            Self::OppositeSign => lang.t("vm-teaching-verdict-opposite"),
            Self::Minor => lang.t("vm-teaching-verdict-minor"),
        }
    }

    /// The verdict in a few words, for the table.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agrees => "agrees",
            Self::CreditedWithoutEffect => "credited, no planted effect",
            Self::Missed => "missed by the model",
            Self::OppositeSign => "opposite direction",
            Self::Minor => "small",
        }
    }
}

/// Markers in each top list of the page's patient comparison.
pub const TEACHING_TOP_K: usize = 6;

/// The planted truth beside the explanation for one patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthComparison {
    /// The patient.
    pub patient: usize,
    /// Patient identifier.
    pub id: String,
    /// The markers in either top list, by decreasing max(|truth|, |relevance|).
    pub rows: Vec<TruthRow>,
    /// Size of each top list.
    pub k: usize,
    /// Where they agree and where they do not, in plain words.
    pub sentence: String,
}

/// Compares patient `patient`'s explanation with the planted truth over the `k` largest
/// markers of each. `None` without a truth or for an index out of range.
pub fn compare_patient(session: &Session, patient: usize, k: usize) -> Option<TruthComparison> {
    compare_patient_in(session, patient, k, Lang::En)
}

/// [`compare_patient`] with the markers' names, values and the agreement sentence in
/// `lang`; the verdicts and numbers are the same in every language.
pub fn compare_patient_in(
    session: &Session,
    patient: usize,
    k: usize,
    lang: Lang,
) -> Option<TruthComparison> {
    let truth = session.truth.as_ref()?;
    if patient >= session.n_patients() {
        return None;
    }
    let m = session.n_markers();
    let true_row = truth.contributions.row(patient)?;
    let true_row = true_row.as_slice();
    let relevance = session.relevance_of(patient);
    let values = session.values_of(patient);
    let abs = |v: &[f32]| v.iter().map(|x| f64::from(x.abs())).collect::<Vec<f64>>();
    let k = k.min(m);
    let model_top: Vec<usize> = ranking(&abs(relevance))[..k].to_vec();
    let truth_top: Vec<usize> = ranking(&abs(true_row))[..k].to_vec();

    let verdict = |j: usize| -> Verdict {
        let (t, r) = (true_row[j], relevance[j]);
        let in_model = model_top.contains(&j);
        let in_truth = truth_top.contains(&j);
        // Opposite directions count when both sides are more than negligible and one of
        // them is clear; a tiny true effect against a tiny relevance is noise.
        if (in_model || in_truth)
            && t.abs() >= NEGLIGIBLE
            && r.abs() >= NEGLIGIBLE
            && t.abs().max(r.abs()) >= CLEAR_EFFECT
            && t.signum() != r.signum()
        {
            Verdict::OppositeSign
        } else if in_model && t.abs() < NEGLIGIBLE && r.abs() >= NEGLIGIBLE {
            Verdict::CreditedWithoutEffect
        } else if in_truth && !in_model && t.abs() >= CLEAR_EFFECT {
            Verdict::Missed
        } else if in_model && in_truth && t.abs() >= NEGLIGIBLE && t.signum() == r.signum() {
            Verdict::Agrees
        } else {
            Verdict::Minor
        }
    };

    let mut markers: Vec<usize> = model_top.clone();
    markers.extend(truth_top.iter().filter(|j| !model_top.contains(j)));
    markers.sort_by(|&a, &b| {
        let size = |j: usize| true_row[j].abs().max(relevance[j].abs());
        size(b).total_cmp(&size(a)).then(a.cmp(&b))
    });
    let rows: Vec<TruthRow> = markers
        .into_iter()
        .map(|j| TruthRow {
            marker: j,
            name: session.markers[j].name_in(lang).to_owned(),
            value_text: session.markers[j].format_in(values[j], lang),
            truth: true_row[j],
            relevance: relevance[j],
            prognostic: truth.prognostic.get(j).copied().unwrap_or(false),
            effect: truth
                .effect
                .get(j)
                .map(|e| effect_in(e, lang))
                .unwrap_or_default(),
            verdict: verdict(j),
        })
        .collect();
    let id = session.patient_ids[patient].clone();
    let interactions: Vec<PlantedInteraction> = truth
        .interactions
        .iter()
        .map(|t| interaction_in(t, session, lang))
        .collect();
    let sentence = agreement_sentence(&id, &rows, k, &interactions, lang);
    Some(TruthComparison {
        patient,
        id,
        rows,
        k,
        sentence,
    })
}

/// "A, B and C" ("A, B und C").
fn join_names(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => lang.t_with(
            "vm-teaching-and",
            &[
                ("init", Arg::Text(&init.join(", "))),
                ("last", Arg::Text(last)),
            ],
        ),
    }
}

/// A log-hazard number with its sign and two decimals: `+0.53`, German `+0,53`.
fn signed(x: f32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{x:+.2}"),
        Lang::De => lang.signed(f64::from(x), 2),
    }
}

fn agreement_sentence(
    id: &str,
    rows: &[TruthRow],
    k: usize,
    interactions: &[PlantedInteraction],
    lang: Lang,
) -> String {
    let with = |v: Verdict| rows.iter().filter(move |r| r.verdict == v);
    let agree: Vec<String> = with(Verdict::Agrees).map(|r| r.name.clone()).collect();
    let k_text = k.to_string();
    let mut parts = Vec::new();
    if agree.is_empty() {
        parts.push(lang.t_with(
            "vm-teaching-agree-none",
            &[("id", Arg::Text(id)), ("k", Arg::Text(&k_text))],
        ));
    } else {
        parts.push(lang.t_with(
            "vm-teaching-agree",
            &[
                ("id", Arg::Text(id)),
                ("markers", Arg::Text(&join_names(&agree, lang))),
                ("k", Arg::Text(&k_text)),
            ],
        ));
    }
    let credited: Vec<String> = with(Verdict::CreditedWithoutEffect)
        .map(|r| {
            let partners = interactions_of(interactions, r.marker);
            let relevance = signed(r.relevance, lang);
            if partners.is_empty() {
                lang.t_with(
                    "vm-teaching-credited-marker",
                    &[
                        ("name", Arg::Text(&r.name)),
                        ("relevance", Arg::Text(&relevance)),
                    ],
                )
            } else {
                lang.t_with(
                    "vm-teaching-credited-partner",
                    &[
                        ("name", Arg::Text(&r.name)),
                        ("relevance", Arg::Text(&relevance)),
                        ("interactions", Arg::Text(&join_names(&partners, lang))),
                    ],
                )
            }
        })
        .collect();
    if !credited.is_empty() {
        parts.push(lang.t_with(
            "vm-teaching-credited",
            &[
                ("markers", Arg::Text(&join_names(&credited, lang))),
                ("n", Arg::Count(credited.len() as u64)),
            ],
        ));
    }
    let missed: Vec<String> = with(Verdict::Missed)
        .map(|r| {
            lang.t_with(
                "vm-teaching-missed-marker",
                &[
                    ("name", Arg::Text(&r.name)),
                    ("truth", Arg::Text(&signed(r.truth, lang))),
                ],
            )
        })
        .collect();
    if !missed.is_empty() {
        parts.push(lang.t_with(
            "vm-teaching-missed",
            &[
                ("markers", Arg::Text(&join_names(&missed, lang))),
                ("k", Arg::Text(&k_text)),
            ],
        ));
    }
    let opposite: Vec<String> = with(Verdict::OppositeSign)
        .map(|r| {
            lang.t_with(
                "vm-teaching-opposite-marker",
                &[
                    ("name", Arg::Text(&r.name)),
                    ("truth", Arg::Text(&signed(r.truth, lang))),
                    ("relevance", Arg::Text(&signed(r.relevance, lang))),
                ],
            )
        })
        .collect();
    if !opposite.is_empty() {
        parts.push(lang.t_with(
            "vm-teaching-opposite",
            &[("markers", Arg::Text(&join_names(&opposite, lang)))],
        ));
    }
    if parts.len() == 1 && !agree.is_empty() {
        parts.push(lang.t("vm-teaching-no-contradiction"));
    }
    parts.join(" ")
}
