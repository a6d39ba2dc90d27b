//! `survlens stability` on the teaching demo (the `auto` recipe): one row per figure, the
//! members compared, and the note the Patient view shows.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::survlens;

#[test]
fn the_teaching_demos_first_patient_has_its_stability_figures() {
    let out = std::env::temp_dir().join(format!("survlens-stability-{}.csv", std::process::id()));
    let out_text = out.to_string_lossy().into_owned();
    let run = survlens(&["stability", "--cohort", "teaching", "--out", &out_text]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let figures: Vec<(String, String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect();
    let value = |name: &str| {
        figures
            .iter()
            .find(|(_, f, _)| f == name)
            .map(|(_, _, v)| v.clone())
            .unwrap_or_else(|| panic!("no {name} in {text}"))
    };
    assert_eq!(value("perturbed_copies"), "32");
    assert_eq!(value("noise_fraction_of_iqr"), "0.05");
    let mean: f64 = value("mean_overlap").parse().unwrap();
    let min: f64 = value("min_overlap").parse().unwrap();
    assert!(min <= mean && mean <= 10.0, "{mean} {min}");
    // The auto recipe's networks are compared, unless it kept the additive model alone.
    let members = figures.iter().any(|(_, f, _)| f == "members");
    assert!(members || value("unavailable") == "additive_only", "{text}");
    assert!(
        value("text").contains("32 slightly perturbed copies"),
        "{text}"
    );
}
