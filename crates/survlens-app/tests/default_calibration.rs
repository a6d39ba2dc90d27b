//! The page's opening model is calibrated on its held-out patients: at 12 and 24 months the
//! observed / expected deaths' interval and the calibration slope's interval contain 1
//! (weak calibration), and the predicted survival of at least 8 of the 10 risk tenths lies
//! inside that tenth's Kaplan-Meier 95% interval (a tenth that all died by then: the exact
//! binomial bound). Beside
//! it, the linear and spline Cox models its file stores, scoring the cohort as they do
//! when read from the file directly.

#![allow(clippy::unwrap_used, clippy::panic)]

use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::default_model::DefaultModel;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::model_view::{MetricSettings, ModelReport};
use survlens_model::{BaselineKind, BootstrapConfig};

#[test]
fn the_default_model_is_calibrated_and_shown_beside_its_stored_baselines() {
    let mut job = Job::new(JobSpec::pan_cancer_default());
    let session = loop {
        match job.step() {
            Ok(JobStep::Done(done)) => break done.into_session(),
            Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
            Err(e) => panic!("default job failed: {e}"),
        }
    };
    let settings = MetricSettings {
        bootstrap: BootstrapConfig {
            replicates: 20,
            level: 0.95,
            seed: 1,
        },
        ..MetricSettings::default()
    };
    let report = ModelReport::build(&session, &settings);

    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/models/default.json"
    ))
    .unwrap();
    let model = DefaultModel::from_slice(&file).unwrap();
    let stored = model.bundle.baseline_models().unwrap();
    let cohort = survlens_synth::generate(&model.provenance.cohort)
        .unwrap()
        .to_cohort()
        .unwrap();
    let expected = stored.log_risks(cohort.view()).unwrap();
    assert_eq!(session.baselines.len(), 2);
    for ((shown, fitted), risk) in session.baselines.iter().zip(&stored.models).zip(&expected) {
        assert_eq!(shown.kind, fitted.kind);
        assert_eq!(shown.penalizer, fitted.penalizer);
        let direct: Vec<f32> = risk.iter().map(|&r| r as f32).collect();
        assert_eq!(shown.risk, direct, "{:?}", shown.kind);
    }
    assert_eq!(
        report.baselines.iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BaselineKind::Linear, BaselineKind::Spline]
    );
    for months in [12.0, 24.0] {
        let (_, plot) = report
            .calibration
            .iter()
            .find(|(m, _)| *m == months)
            .unwrap_or_else(|| panic!("no calibration at {months} months"));
        let plot = plot.as_ref().unwrap();
        let table: Vec<String> = plot
            .groups
            .iter()
            .map(|g| {
                format!(
                    "predicted {:.3} observed {:.3} ({:.3}-{:.3})",
                    g.predicted, g.observed, g.observed_lower, g.observed_upper
                )
            })
            .collect();
        println!(
            "{months} months, {} of 10 inside: {table:#?}",
            plot.inside()
        );
        println!(
            "{}",
            plot.sentence(session.kind.endpoint, survlens_app::core::i18n::Lang::En)
        );
        assert_eq!(plot.groups.len(), 10, "{months} months: {table:#?}");
        // Calibration in the large: the observed / expected deaths' interval contains 1.
        let (lo, hi) = plot.summary.observed_expected_interval;
        assert!(
            lo <= 1.0 && 1.0 <= hi,
            "{months} months: observed / expected {} ({lo}-{hi})",
            plot.summary.observed_expected
        );
        // Moderate calibration: at least 8 of the 10 tenths inside their interval.
        assert!(
            plot.inside() >= 8,
            "{months} months: {} of 10 tenths inside: {table:#?}",
            plot.inside()
        );
        let slope = plot.slope.as_ref().unwrap();
        let (lo, hi) = slope.interval();
        assert!(
            lo <= 1.0 && 1.0 <= hi,
            "calibration slope {} ({lo}-{hi})",
            slope.slope
        );
    }
}
