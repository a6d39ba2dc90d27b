//! The known-answer runs: the shuffled cohort keeps every patient's markers and only moves
//! the outcomes, and the page's job on it and on the planted cohort gives the Cohort view's
//! log-rank test on the held-out patients and the Markers view's key markers.

use survlens_app::job::known_answers::{LEVEL, declared, run, run_spec};
use survlens_app::sources::spec::{CohortSource, JobSpec};
use survlens_data::{ImportOptions, import_csv};
use survlens_synth::{Preset, SynthConfig};

fn config(seed: u64) -> SynthConfig {
    SynthConfig {
        n_patients: 600,
        seed,
        preset: Preset::Teaching,
    }
}

#[test]
fn the_shuffled_cohort_is_a_permutation_of_the_outcomes_only() {
    let cohort = survlens_synth::generate(&config(3)).unwrap();
    let spec = run_spec(&JobSpec::demo(), config(3), true).unwrap();
    let CohortSource::Csv { bytes, roles, .. } = &spec.source else {
        panic!(
            "a shuffled cohort goes through the file import: {:?}",
            spec.source
        );
    };
    let read = import_csv(bytes, "shuffled.csv", roles, &ImportOptions::default())
        .unwrap()
        .cohort;
    let n = cohort.patient_ids.len();
    assert_eq!(read.len(), n);
    // The same times and events, in another order: a permutation that moved most patients.
    let mut before: Vec<(u64, bool)> = (0..n)
        .map(|i| (cohort.time_days[i].round() as u64, cohort.event[i]))
        .collect();
    let mut after: Vec<(u64, bool)> = (0..n)
        .map(|i| (read.time()[i].round() as u64, read.event()[i]))
        .collect();
    let moved = (0..n).filter(|&i| before[i] != after[i]).count();
    assert!(moved > n / 2, "{moved} of {n} patients got another outcome");
    before.sort_unstable();
    after.sort_unstable();
    assert_eq!(before, after);
    // The markers stay with their patients.
    assert_eq!(read.markers().len(), cohort.markers.len());
    // Without shuffling, the job reads the synthetic cohort itself.
    let planted = run_spec(&JobSpec::demo(), config(3), false).unwrap();
    assert_eq!(planted.source, CohortSource::Synthetic(config(3)));
}

#[test]
fn the_page_job_separates_planted_risk_and_not_shuffled_outcomes() {
    let planted = run(
        run_spec(&JobSpec::demo(), config(1), false).unwrap(),
        1,
        false,
    )
    .unwrap();
    let shuffled = run(
        run_spec(&JobSpec::demo(), config(1), true).unwrap(),
        1,
        true,
    )
    .unwrap();
    for r in [&planted, &shuffled] {
        // The page's split: fold 0 of five, validation and test halves held out.
        assert_eq!(r.held_out, 120, "{r:?}");
        let p = r.p_value.unwrap();
        assert!((0.0..=1.0).contains(&p), "{r:?}");
        assert_eq!(r.declared(), p < LEVEL);
    }
    // The planted effects separate the groups; shuffled outcomes leave the network nothing
    // to find on patients it did not train on.
    assert!(planted.declared(), "{planted:?}");
    assert!(planted.test_c_index > 0.65, "{planted:?}");
    assert!((shuffled.test_c_index - 0.5).abs() < 0.12, "{shuffled:?}");
    assert!(shuffled.shuffled && !planted.shuffled);
    // Key markers: a shuffled run's are all without prognostic value; a planted run's are
    // counted against the generator's planted effects.
    for r in [&planted, &shuffled] {
        assert!(r.key_markers >= 1 && r.key_markers <= r.markers, "{r:?}");
        assert!(r.key_prognostic <= r.key_markers.min(r.prognostic), "{r:?}");
    }
    assert_eq!((shuffled.prognostic, shuffled.key_prognostic), (0, 0));
    assert_eq!(shuffled.false_key_markers(), shuffled.key_markers);
    assert!(
        planted.prognostic > 0 && planted.key_prognostic > 0,
        "{planted:?}"
    );
    let expected = (1 + usize::from(shuffled.declared()), 2);
    assert_eq!(declared(&[planted, shuffled]), expected);
}
