//! Teaching mode: the rank statistics against their definitions and scipy, and the
//! fidelity report and patient comparison against the demo's planted truth.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use survlens_app::core::stats::{average_ranks, ranking, spearman, top_k_recovery};
use survlens_app::views::teaching::{CLEAR_EFFECT, NEGLIGIBLE, Verdict, compare_patient, fidelity};

use common::demo_session as session;

/// Distinct pseudo-random values (a fixed LCG: the tests need variety, not statistics).
fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

#[test]
fn spearman_of_a_vector_with_itself_is_one_and_with_its_reverse_order_minus_one() {
    for seed in 0..20 {
        let a = values(17, seed);
        // Exact identities; f64 rounding of the mean and sums only.
        assert!((spearman(&a, &a).unwrap() - 1.0).abs() < 1e-12);
        let reversed: Vec<f64> = a.iter().map(|v| -v).collect();
        assert!((spearman(&a, &reversed).unwrap() + 1.0).abs() < 1e-12);
        // Ranks only: any increasing transform leaves it unchanged.
        let b = values(17, seed + 100);
        let b_exp: Vec<f64> = b.iter().map(|v| (5.0 * v).exp()).collect();
        let (r, r_exp) = (spearman(&a, &b).unwrap(), spearman(&a, &b_exp).unwrap());
        assert!((r - r_exp).abs() < 1e-12);
        assert!((-1.0..=1.0).contains(&r));
        assert!((r - spearman(&b, &a).unwrap()).abs() < 1e-12);
    }
}

#[test]
fn spearman_with_ties_matches_scipy() {
    let a = [1.0, 2.0, 2.0, 3.0, 5.0, 0.5, 7.0];
    let b = [2.0, 1.0, 4.0, 4.0, 9.0, 0.0, 3.0];
    // scipy 1.17.1 `rankdata(a)` (average ranks).
    assert_eq!(average_ranks(&a), [2.0, 3.5, 3.5, 5.0, 6.0, 1.0, 7.0]);
    // scipy 1.17.1 `spearmanr(a, b).statistic` = 0.6818181818181819; tolerance 1e-12.
    assert!((spearman(&a, &b).unwrap() - 0.681_818_181_818_181_9).abs() < 1e-12);
    assert_eq!(spearman(&a, &[1.0; 7]), None, "constant vector");
    assert_eq!(spearman(&a[..1], &b[..1]), None, "a single pair");
    assert_eq!(spearman(&a, &b[..6]), None, "different lengths");
}

#[test]
fn top_k_recovery_of_the_truth_against_itself_is_k() {
    for seed in 0..10 {
        let truth = values(17, seed);
        for k in [1, 5, 10, 17] {
            assert_eq!(top_k_recovery(&truth, &truth, k), k);
        }
        // Reversed importance: the top k and the bottom k are disjoint while 2k <= n.
        let reversed: Vec<f64> = truth.iter().map(|v| -v).collect();
        assert_eq!(top_k_recovery(&truth, &reversed, 5), 0);
        // Beyond n, k is capped at n.
        assert_eq!(top_k_recovery(&truth, &reversed, 40), 17);
    }
    assert_eq!(ranking(&[0.2, f64::NAN, 0.5, 0.2]), [2, 0, 3, 1]);
}

#[test]
fn fidelity_reads_the_truth_and_the_relevances_of_the_demo() {
    let s = session();
    let truth = s.truth.as_ref().unwrap();
    let f = fidelity(s).unwrap();
    let m = s.n_markers();
    assert_eq!(f.markers.len(), m);
    assert!(
        f.markers
            .windows(2)
            .all(|w| w[0].true_importance >= w[1].true_importance)
    );
    let n = s.n_patients();
    for mf in &f.markers {
        // LRP importance: mean |relevance - the marker's mean relevance|.
        let mean = (0..n)
            .map(|i| f64::from(s.relevance_of(i)[mf.marker]))
            .sum::<f64>()
            / n as f64;
        let centred = (0..n)
            .map(|i| (f64::from(s.relevance_of(i)[mf.marker]) - mean).abs())
            .sum::<f64>()
            / n as f64;
        // f64 accumulation in both, rounded to f32 once.
        assert!((f64::from(mf.lrp_importance) - centred).abs() < 1e-6);
        assert_eq!(mf.prognostic, truth.prognostic[mf.marker]);
    }
    // A marker never missing and in no interaction: its truth is its own contribution,
    // centred.
    let m_all = s.n_markers();
    let plain = (0..m_all)
        .find(|&j| {
            truth.prognostic[j]
                && (0..n).all(|i| !s.values_of(i)[j].is_nan())
                && !truth.interactions.iter().any(|t| t.markers.contains(&j))
        })
        .unwrap();
    let mean = (0..n)
        .map(|i| f64::from(truth.contributions.get(i, plain)))
        .sum::<f64>()
        / n as f64;
    let want = (0..n)
        .map(|i| (f64::from(truth.contributions.get(i, plain)) - mean).abs())
        .sum::<f64>()
        / n as f64;
    let got = f.markers.iter().find(|x| x.marker == plain).unwrap();
    assert!((f64::from(got.true_importance) - want).abs() < 1e-6);
    let true_imp: Vec<f64> = f
        .markers
        .iter()
        .map(|x| f64::from(x.true_importance))
        .collect();
    let lrp_imp: Vec<f64> = f
        .markers
        .iter()
        .map(|x| f64::from(x.lrp_importance))
        .collect();
    // The figures: AUROC in [0, 1], the ceiling (the truth explaining itself) ranks every
    // prognostic marker above every null one and follows the truth exactly over the
    // detectable markers; each interval holds its estimate.
    for fig in [&f.figures, &f.ceiling] {
        for e in [fig.auroc, fig.precision_at_k, fig.spearman] {
            assert!(
                e.lower <= e.value + 1e-12 && e.value <= e.upper + 1e-12,
                "{e:?}"
            );
        }
        assert_eq!(fig.patients, s.n_patients());
    }
    assert_eq!(f.ceiling.auroc.value, 1.0);
    assert!((f.ceiling.spearman.value - 1.0).abs() < 1e-12);
    assert_eq!(
        f.figures.k,
        f.markers.iter().filter(|x| x.detectable).count()
    );
    // Detectable markers are prognostic (an effect of their own, or a planted partner).
    assert!(
        f.markers
            .iter()
            .all(|x| !x.detectable || x.prognostic || !x.interactions.is_empty())
    );
    assert_eq!(f.top_k.iter().map(|t| t.k).collect::<Vec<_>>(), [5, 10]);
    for t in &f.top_k {
        assert_eq!(t.recovered, top_k_recovery(&true_imp, &lrp_imp, t.k));
        assert_eq!(t.recovered + t.missed.len(), t.k);
    }
    assert_eq!(f.model_test_cindex, s.test_cindex);
    assert_eq!(f.oracle_test_cindex, truth.oracle_test_cindex);
    assert_eq!(f.interactions, truth.interactions);
    // Interaction partners are named on both markers.
    for t in &f.interactions {
        for j in t.markers {
            let mf = f.markers.iter().find(|x| x.marker == j).unwrap();
            assert!(mf.interactions.contains(&t.name));
        }
    }
}

#[test]
fn the_agreement_sentence_names_a_planted_marker_and_matches_the_verdicts() {
    let s = session();
    let truth = s.truth.as_ref().unwrap();
    let m = s.n_markers();
    let planted: Vec<&str> = (0..m)
        .filter(|&j| truth.prognostic[j])
        .map(|j| s.markers[j].name.as_str())
        .collect();
    for patient in [0, 5, 42, 101, s.n_patients() - 1] {
        let c = compare_patient(s, patient, 6).unwrap();
        assert!(
            planted.iter().any(|name| c.sentence.contains(name)),
            "patient {patient}: {}",
            c.sentence
        );
        assert!(c.sentence.contains(&s.patient_ids[patient]));
        // Every marker of either top-6 list is a row; nothing else is.
        let abs = |v: &[f32]| v.iter().map(|x| f64::from(x.abs())).collect::<Vec<_>>();
        let t_row = truth.contributions.row(patient).unwrap();
        let t_row = t_row.as_slice();
        let r_row = s.relevance_of(patient);
        let mut want: Vec<usize> = ranking(&abs(r_row))[..6].to_vec();
        want.extend(ranking(&abs(t_row))[..6].iter().copied());
        want.sort_unstable();
        want.dedup();
        let mut got: Vec<usize> = c.rows.iter().map(|r| r.marker).collect();
        got.sort_unstable();
        assert_eq!(got, want);
        for row in &c.rows {
            assert_eq!(row.truth, t_row[row.marker]);
            assert_eq!(row.relevance, r_row[row.marker]);
            match row.verdict {
                Verdict::CreditedWithoutEffect => {
                    assert!(row.truth.abs() < NEGLIGIBLE);
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Missed => {
                    assert!(row.truth.abs() >= CLEAR_EFFECT);
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::OppositeSign => {
                    assert!(row.truth.signum() != row.relevance.signum());
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Agrees => {
                    assert_eq!(row.truth.signum(), row.relevance.signum());
                    assert!(c.sentence.contains(&row.name));
                }
                Verdict::Minor => {}
            }
        }
    }
}

#[test]
fn a_cohort_without_truth_has_no_teaching_figures() {
    let mut s = session().clone();
    s.truth = None;
    assert!(fidelity(&s).is_none());
    assert!(compare_patient(&s, 0, 6).is_none());
    assert!(compare_patient(session(), session().n_patients(), 6).is_none());
}

/// The agreement sentence as the page wrote it before the catalogues: the English reference
/// the catalogue's English must reproduce word for word.
fn english_reference(
    c: &survlens_app::views::teaching::TruthComparison,
    s: &survlens_app::core::session::Session,
) -> String {
    let join = |names: &[String]| match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let interactions = &s.truth.as_ref().unwrap().interactions;
    let partners = |j: usize| -> Vec<String> {
        interactions
            .iter()
            .filter(|t| t.markers.contains(&j))
            .map(|t| t.name.clone())
            .collect()
    };
    let k = c.k;
    let with = |v: Verdict| c.rows.iter().filter(move |r| r.verdict == v);
    let agree: Vec<String> = with(Verdict::Agrees).map(|r| r.name.clone()).collect();
    let mut parts = Vec::new();
    if agree.is_empty() {
        parts.push(format!("For patient {}, the explanation and the planted truth share no marker among their {k} largest with the same direction.", c.id));
    } else {
        parts.push(format!("For patient {}, the explanation agrees with the planted truth on {} (same direction, among the {k} largest of both).", c.id, join(&agree)));
    }
    let credited: Vec<String> = with(Verdict::CreditedWithoutEffect)
        .map(|r| {
            let p = partners(r.marker);
            if p.is_empty() {
                format!("{} ({:+.2})", r.name, r.relevance)
            } else {
                format!(
                    "{} ({:+.2}; it takes part in the planted interaction {})",
                    r.name,
                    r.relevance,
                    join(&p)
                )
            }
        })
        .collect();
    if !credited.is_empty() {
        let one = credited.len() == 1;
        parts.push(format!(
            "It credits {}, which {} no planted effect of {} own for this patient.",
            join(&credited),
            if one { "has" } else { "have" },
            if one { "its" } else { "their" }
        ));
    }
    let missed: Vec<String> = with(Verdict::Missed)
        .map(|r| format!("{} (true {:+.2})", r.name, r.truth))
        .collect();
    if !missed.is_empty() {
        parts.push(format!(
            "It misses {} among its {k} largest.",
            join(&missed)
        ));
    }
    let opposite: Vec<String> = with(Verdict::OppositeSign)
        .map(|r| {
            format!(
                "{} (true {:+.2}, relevance {:+.2})",
                r.name, r.truth, r.relevance
            )
        })
        .collect();
    if !opposite.is_empty() {
        parts.push(format!(
            "It gives {} the opposite direction.",
            join(&opposite)
        ));
    }
    if parts.len() == 1 && !agree.is_empty() {
        parts.push("Nothing among the largest contradicts the truth.".to_owned());
    }
    parts.join(" ")
}

/// The Teaching view's worker texts in German: marker names from the marker dictionary,
/// values with the decimal comma, the agreement sentence and verdicts, the planted
/// interactions' names and meaning, and the measured fidelity study with the German date
/// and numbers; the English texts stay word for word as they were, and the figures and
/// verdicts are the same in both languages.
#[test]
fn the_teaching_view_speaks_german() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::core::session::rule_in;
    use survlens_app::views::measured::{FIDELITY_PAN_CANCER, FIDELITY_TEACHING};
    use survlens_app::views::teaching::{compare_patient_in, fidelity_in};
    let s = session();
    let mut verdicts = std::collections::BTreeSet::new();
    for patient in [0, 5, 42, 101, 250, 333, s.n_patients() - 1] {
        let en = compare_patient(s, patient, 6).unwrap();
        assert_eq!(en, compare_patient_in(s, patient, 6, Lang::En).unwrap());
        assert_eq!(en.sentence, english_reference(&en, s), "patient {patient}");
        let de = compare_patient_in(s, patient, 6, Lang::De).unwrap();
        assert_eq!(en.rows.len(), de.rows.len());
        for (e, d) in en.rows.iter().zip(&de.rows) {
            assert_eq!(
                (e.marker, e.truth, e.relevance, e.verdict),
                (d.marker, d.truth, d.relevance, d.verdict)
            );
            assert_eq!(d.name, s.markers[d.marker].name_in(Lang::De));
            assert_eq!(
                d.value_text,
                s.markers[d.marker].format_in(s.values_of(patient)[d.marker], Lang::De)
            );
            assert_eq!(e.verdict.label_in(Lang::En), e.verdict.label());
            assert_ne!(d.verdict.label_in(Lang::De), d.verdict.label());
            verdicts.insert(format!("{:?}", d.verdict));
            if d.verdict != Verdict::Minor {
                assert!(de.sentence.contains(&d.name), "{}: {}", d.name, de.sentence);
            }
        }
        assert!(
            de.sentence.starts_with(&format!("Bei Patient {} ", de.id)),
            "{}",
            de.sentence
        );
        for english in [
            "For patient",
            "explanation",
            "planted truth",
            "It credits",
            "It misses",
            "It gives",
            "Nothing among",
            " and ",
            "(true ",
            "relevance ",
        ] {
            assert!(
                !de.sentence.contains(english),
                "{english:?} in {}",
                de.sentence
            );
        }
        // Signed numbers with the decimal comma.
        assert!(
            !de.sentence.contains("+0.") && !de.sentence.contains("-0."),
            "{}",
            de.sentence
        );
    }
    assert!(
        verdicts.len() >= 3,
        "only the verdicts {verdicts:?} were seen"
    );

    let en = fidelity(s).unwrap();
    let de = fidelity_in(s, Lang::De).unwrap();
    assert_eq!(en, fidelity_in(s, Lang::En).unwrap());
    assert_eq!(en.figures, de.figures);
    assert_eq!(en.top_k, de.top_k);
    for m in &de.markers {
        assert_eq!(m.name, s.markers[m.marker].name_in(Lang::De));
    }
    assert!(!de.interactions.is_empty());
    for (e, d) in en.interactions.iter().zip(&de.interactions) {
        let [a, b] = d.markers;
        assert_eq!(
            d.name,
            format!(
                "{} \u{d7} {}",
                s.markers[a].name_in(Lang::De),
                s.markers[b].name_in(Lang::De)
            )
        );
        assert_ne!(
            e.description, d.description,
            "{} has no German meaning",
            e.name
        );
        assert_eq!(e.oracle_noncentrality, d.oracle_noncentrality);
    }
    assert_eq!(
        de.interactions[0].description,
        "Die BRAF/MEK-Hemmung verlängert das Überleben nur bei BRAF-mutierten Tumoren."
    );
    assert_eq!(rule_in(&s.rule, Lang::En), s.rule);
    assert_eq!(
        rule_in(&s.rule, Lang::De),
        "LRP, die vorzeichenbewusste Gamma-Regel der Studie (Gamma 0,01)"
    );
    assert_eq!(en.figures.auroc.text_in(Lang::En), en.figures.auroc.text());
    assert_eq!(
        en.figures.auroc.text_in(Lang::De),
        en.figures.auroc.text().replace('.', ",")
    );

    for measured in [&FIDELITY_TEACHING, &FIDELITY_PAN_CANCER] {
        assert_eq!(measured.sentence_in(Lang::En), measured.sentence());
        let german = measured.sentence_in(Lang::De);
        assert!(
            german.starts_with("Nativ gemessen (05.12.2026, `survlens fidelity"),
            "{german}"
        );
        for english in [
            "Measured natively",
            "patients of this cohort",
            "scores",
            "retrained",
            "Ceiling",
            "Floor",
            "precision at k",
            "seed 1 (",
        ] {
            assert!(!german.contains(english), "{english:?} in {german}");
        }
    }
    let german = FIDELITY_TEACHING.sentence_in(Lang::De);
    assert!(
        german.contains("an 60 der 600 Patientinnen und Patienten"),
        "{german}"
    );
    assert!(german.contains("AUROC 0,90 (0,75–0,92)"), "{german}");
    assert!(german.contains("das Netz der Studie"), "{german}");
    let german = FIDELITY_PAN_CANCER.sentence_in(Lang::De);
    assert!(
        german.contains("an 1.573 der 15.726 Patientinnen und Patienten"),
        "{german}"
    );
    assert!(
        german.contains("das Standardmodell (C 0,746, Orakel 0,765)"),
        "{german}"
    );
}

/// Every planted effect and interaction of both synthetic presets reads in German from the
/// catalogue: the effect formulas' phrases translated with decimal commas, every
/// interaction's meaning known; the English catalogue rebuilds the generator's own words
/// exactly.
#[test]
fn every_planted_effect_and_interaction_reads_in_german() {
    use survlens_app::core::i18n::Lang;
    use survlens_app::core::session::PlantedInteraction;
    use survlens_app::views::teaching::{effect_in, interaction_in};
    use survlens_synth::{Preset, SynthConfig, generate};
    let s = session();
    let mut forms = std::collections::BTreeSet::new();
    for preset in [Preset::Teaching, Preset::PanCancer] {
        let cohort = generate(&SynthConfig {
            n_patients: 60,
            seed: 3,
            preset,
        })
        .unwrap();
        let mut effects: Vec<String> = cohort
            .truth
            .markers
            .iter()
            .filter_map(|m| m.effect.clone())
            .collect();
        effects.push("entity-specific Weibull baseline hazard".to_owned());
        assert!(effects.len() > 5);
        for e in &effects {
            assert_eq!(&effect_in(e, Lang::En), e);
            let german = effect_in(e, Lang::De);
            assert_ne!(&german, e, "{e} has no German form");
            forms.insert(
                german
                    .split([':', ' '])
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            );
            for english in [
                "per ",
                "relative",
                "hinge",
                "threshold",
                " if ",
                "above",
                "below",
                "doubling",
                "shape",
                "optimum",
                "by level",
                "absent",
                "present",
                "entity",
            ] {
                assert!(!german.contains(english), "{english:?} in {german}");
            }
            // Units stay as the data writes them (mL/min/1.73m2).
            let numbers: Vec<char> = german.replace("1.73m2", "").chars().collect();
            assert!(
                !numbers
                    .windows(3)
                    .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit()),
                "a decimal point in {german}"
            );
        }
        for t in &cohort.truth.interactions {
            let planted = PlantedInteraction {
                name: t.name.clone(),
                markers: [0, 1],
                description: t.description.clone(),
                oracle_noncentrality: 0.0,
                cohort_patients: 60,
            };
            assert_eq!(
                interaction_in(&planted, s, Lang::En).description,
                t.description
            );
            assert_ne!(
                interaction_in(&planted, s, Lang::De).description,
                t.description,
                "{} has no German meaning",
                t.id
            );
        }
    }
    // Every form of effect the generator writes was met.
    assert!(forms.len() >= 6, "{forms:?}");
    assert_eq!(
        effect_in(
            "hinge at 60 years: +0 per years below, +0.04 per years above",
            Lang::De
        ),
        "Knickstelle 60 Jahre: +0 je Jahr darunter, +0,04 je Jahr darüber"
    );
    assert_eq!(
        effect_in("by level: 0 +0, 1 +0.3, 2 +0.75, 3-4 +1.3", Lang::De),
        "je Stufe: 0 +0; 1 +0,3; 2 +0,75; 3-4 +1,3"
    );
}
