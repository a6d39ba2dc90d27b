//! The page's opening model is calibrated: on its held-out patients, the predicted 12- and
//! 24-month survival of each risk tenth lies inside that tenth's Kaplan-Meier 95% interval
//! for at least 8 of the 10 tenths, and the calibration slope's interval contains 1.

#![allow(clippy::unwrap_used, clippy::panic)]

use survlens_app::model_view::{MetricSettings, ModelReport};
use survlens_app::pipeline::{Job, JobSpec, JobStep};
use survlens_model::BootstrapConfig;

#[test]
fn the_default_model_is_calibrated_at_12_and_24_months() {
    let mut job = Job::new(JobSpec::pan_cancer_default());
    let session = loop {
        match job.step() {
            Ok(JobStep::Done(s)) => break *s,
            Ok(JobStep::Progress(_)) => {}
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
        println!("{}", plot.sentence());
        assert_eq!(plot.groups.len(), 10, "{months} months: {table:#?}");
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
