//! `survlens overtime` on the teaching demo: the contributions at each horizon, with all
//! other markers, add up to the patient's predicted survival minus the reference patients'
//! average there, and every curve starts at 0.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::survlens;

#[test]
fn the_teaching_demos_first_patient_is_explained_over_time() {
    let out = std::env::temp_dir().join(format!("survlens-overtime-{}.csv", std::process::id()));
    let out_text = out.to_string_lossy().into_owned();
    let run = survlens(&["overtime", "--cohort", "teaching", "--out", &out_text]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("network evaluations in"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<(String, String, f64, f64)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_owned(),
                r[1].to_owned(),
                r[2].parse().unwrap(),
                r[3].parse().unwrap(),
            )
        })
        .collect();
    let at = |series: &str, months: f64| {
        rows.iter()
            .find(|(s, _, m, _)| s == series && *m == months)
            .map(|r| r.3)
            .unwrap_or_else(|| panic!("no {series} at {months} in {text}"))
    };
    for months in [12.0, 24.0] {
        let sum: f64 = rows
            .iter()
            .filter(|(s, _, m, _)| s == "horizon" && *m == months)
            .map(|r| r.3)
            .sum();
        let difference = at("survival", months) - at("reference", months);
        assert!((sum - difference).abs() < 1e-9, "{sum} vs {difference}");
    }
    let curves: Vec<_> = rows.iter().filter(|r| r.0 == "curve").collect();
    assert!(!curves.is_empty());
    assert!(curves.iter().filter(|r| r.2 == 0.0).all(|r| r.3 == 0.0));
}
