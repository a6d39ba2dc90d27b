//! How stable, against invariants on the demo sessions: zero noise keeps every copy's top
//! 10 and its order; the same seed gives the same figures; a single network (the study's
//! recipe) has no members and the note says so; the `auto` recipe's members, each explained
//! alone, add up to the model's relevance when weighted as in the average (a rule linear in
//! the output layer), and the note states their agreement.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::OnceLock;

use common::demo_session;
use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::patient_stability::{
    DRAWS, MemberNetworks, NOISE_FRACTION, NoMembers, Perturbation, STABILITY_SEED, Stability,
    TOP_K, marker_spreads,
};
use survlens_app::views::whatif::WhatIf;
use survlens_xai::{Composite, Lrp, LrpRule, LrpWorkspace};

/// The page's teaching demo as it runs by default (the `auto` recipe).
fn auto_session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let mut job = Job::new(JobSpec::demo());
        loop {
            match job.step() {
                Ok(JobStep::Done(done)) => return done.into_session(),
                Ok(_) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}

#[test]
fn zero_noise_keeps_every_copys_top_ten_in_order() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    let spreads = marker_spreads(s);
    for patient in [0, 5, s.n_patients() - 1] {
        let p = Perturbation::measure(s, &whatif, &spreads, patient, 0.0, STABILITY_SEED).unwrap();
        assert_eq!(p.top.len(), TOP_K.min(s.n_markers()));
        assert_eq!(p.overlaps, vec![p.top.len(); DRAWS]);
        assert_eq!(p.order_kept, DRAWS);
        assert!(p.sign_flips.is_empty());
        // The patient's own top 10 is the Patient view's.
        let own =
            survlens_app::views::patient_stability::top_markers(s.relevance_of(patient), TOP_K);
        assert_eq!(p.top, own);
    }
}

#[test]
fn the_same_seed_gives_the_same_figures_and_noise_moves_them() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    let a = Stability::build(s, &whatif, 3).unwrap();
    let b = Stability::build(s, &whatif, 3).unwrap();
    assert_eq!(a, b);
    assert!(a.perturbation.moved > 0);
    assert_eq!(a.perturbation.draws, DRAWS);
    assert!(a.perturbation.fraction == NOISE_FRACTION);
    // Large noise disturbs the top 10 more than the stated small noise does.
    let spreads = marker_spreads(s);
    let big = Perturbation::measure(s, &whatif, &spreads, 3, 2.0, STABILITY_SEED).unwrap();
    assert!(big.mean_overlap() <= a.perturbation.mean_overlap());
}

#[test]
fn a_single_network_has_no_members_and_the_note_says_so() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    let st = Stability::build(s, &whatif, 0).unwrap();
    assert_eq!(st.members, Err(NoMembers::SingleNetwork));
    let note = st.note();
    assert!(note.contains("32 slightly perturbed copies"), "{note}");
    assert!(note.contains("this model is a single network"), "{note}");
    assert!(Stability::build(s, &whatif, s.n_patients()).is_err());
}

#[test]
fn the_auto_recipes_members_add_up_to_the_model_and_are_compared() {
    let s = auto_session();
    let choice = s
        .model
        .auto
        .as_ref()
        .expect("the auto recipe records its choice");
    let split = MemberNetworks::split(&s.model.network, Some(choice));
    if choice.linear_weight >= 1.0 {
        assert_eq!(split.unwrap_err(), NoMembers::AdditiveOnly);
        return;
    }
    let split = split.unwrap();
    assert_eq!(split.members.len(), choice.members);
    // Conservation: with the epsilon rule (linear in the output layer), the members'
    // relevances weighted (1 - w) / k, plus the additive units', are the model's.
    let whatif = WhatIf::new(s).unwrap();
    let composite = Composite::uniform(LrpRule::epsilon(1e-9));
    let model = Lrp::new(&s.model.network, &composite).unwrap();
    let rest = split
        .rest
        .as_ref()
        .map(|r| Lrp::new(r, &composite).unwrap());
    for patient in [0, 11, s.n_patients() - 1] {
        let x = whatif.encode(s, s.values_of(patient)).unwrap();
        let mut whole = vec![0.0; x.len()];
        model
            .explain_one(&x, &mut LrpWorkspace::default(), &mut whole)
            .unwrap();
        let mut sum = vec![0.0f32; x.len()];
        for r in split.explain(&x, &composite).unwrap() {
            for (t, v) in sum.iter_mut().zip(&r) {
                *t += split.member_weight * v;
            }
        }
        if let Some(rest) = &rest {
            let mut r = vec![0.0; x.len()];
            rest.explain_one(&x, &mut LrpWorkspace::default(), &mut r)
                .unwrap();
            for (t, v) in sum.iter_mut().zip(&r) {
                *t += v;
            }
        }
        for (t, w) in sum.iter().zip(&whole) {
            assert!(
                (t - w).abs() < 1e-4 * (1.0 + w.abs()),
                "patient {patient}: {t} vs {w}"
            );
        }
    }
    let st = Stability::build(s, &whatif, 0).unwrap();
    let agreement = st.members.as_ref().unwrap();
    assert_eq!(agreement.tops.len(), choice.members);
    assert!(agreement.mean_pairwise >= agreement.in_every.len() as f64);
    let note = st.note();
    assert!(
        note.contains(&format!(
            "The {} networks averaged in this model",
            choice.members
        )),
        "{note}"
    );
}
