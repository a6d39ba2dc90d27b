//! `survlens new-patient` on the teaching demo: the template's header, a row with every
//! marker missing explained (risk, group, percentile, one relevance per marker), and a row
//! without header of the wrong length refused with its count.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::survlens;

#[test]
fn a_new_patient_row_is_explained_against_the_teaching_demo() {
    let dir = std::env::temp_dir();
    let template = dir.join(format!("survlens-new-template-{}.csv", std::process::id()));
    let out = dir.join(format!("survlens-new-patient-{}.csv", std::process::id()));
    let (template_text, out_text) = (
        template.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    );
    let run = survlens(&[
        "new-patient",
        "--cohort",
        "teaching",
        "--template",
        "--out",
        &template_text,
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let header = std::fs::read_to_string(&template).unwrap();
    let _ = std::fs::remove_file(&template);
    let columns: Vec<&str> = header.trim_end().split(',').collect();
    assert!(columns.len() > 5, "{header}");

    let row = format!(
        "{}\n{}\n",
        header.trim_end(),
        vec![""; columns.len()].join(",")
    );
    let run = survlens(&[
        "new-patient",
        "--cohort",
        "teaching",
        "--row",
        &row,
        "--out",
        &out_text,
    ]);
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
    let risk: f32 = figures[0].2.parse().unwrap();
    assert_eq!(figures[0].0, "risk");
    assert!(risk.is_finite());
    assert!(["low", "intermediate", "high"].contains(&figures[1].2.as_str()));
    let relevances: Vec<&str> = figures
        .iter()
        .filter(|(f, _, _)| f == "relevance")
        .map(|(_, m, _)| m.as_str())
        .collect();
    assert_eq!(
        relevances, columns,
        "one relevance per marker, in the template's order"
    );

    let run = survlens(&[
        "new-patient",
        "--cohort",
        "teaching",
        "--row",
        "1,2,3",
        "--out",
        &out_text,
    ]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("has 3 columns"), "{}", run.stderr);
}
