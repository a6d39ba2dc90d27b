//! `survlens synth`: same seed, same bytes; the cohort, truth and contributions files have
//! the columns and fields other tools read (a stable contract, checked by name), and the
//! truth file reads back exactly.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use survlens_synth::{Preset, SynthConfig, TruthFile, generate};

/// Files of one `survlens synth` run.
struct Written {
    cohort: String,
    truth: String,
    contributions: String,
}

/// Runs `survlens synth` into a fresh temporary folder named after `tag`.
fn synth(tag: &str, preset: &str, patients: usize, seed: u64) -> Written {
    let dir = std::env::temp_dir().join(format!("survlens-synth-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| -> PathBuf { dir.join(name) };
    let out = Command::new(env!("CARGO_BIN_EXE_survlens"))
        .args(["synth", "--preset", preset, "--patients"])
        .arg(patients.to_string())
        .arg("--seed")
        .arg(seed.to_string())
        .arg("--out")
        .arg(path("cohort.csv"))
        .arg("--truth")
        .arg(path("truth.json"))
        .arg("--contributions")
        .arg(path("contributions.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(path(name)).unwrap();
    let written = Written {
        cohort: read("cohort.csv"),
        truth: read("truth.json"),
        contributions: read("contributions.csv"),
    };
    std::fs::remove_dir_all(&dir).unwrap();
    written
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let a = synth("a", "pan-cancer", 150, 7);
    let b = synth("b", "pan-cancer", 150, 7);
    let c = synth("c", "pan-cancer", 150, 8);
    assert_eq!(a.cohort, b.cohort);
    assert_eq!(a.contributions, b.contributions);
    // The truth names its contributions file, whose folder differs per run.
    let strip = |t: &str| {
        let mut f = TruthFile::from_json(t).unwrap();
        f.contributions_csv = None;
        f
    };
    assert_eq!(strip(&a.truth), strip(&b.truth));
    assert_ne!(a.cohort, c.cohort);
    assert_ne!(a.contributions, c.contributions);
}

#[test]
fn cohort_columns_are_id_entity_time_event_then_markers() {
    let w = synth("columns", "pan-cancer", 120, 3);
    let s = generate(&SynthConfig {
        n_patients: 120,
        seed: 3,
        preset: Preset::PanCancer,
    })
    .unwrap();
    let mut lines = w.cohort.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[..4], ["patient_id", "entity", "time", "event"]);
    let markers: Vec<&str> = s.markers.iter().map(|m| m.id).collect();
    assert_eq!(header[4..], markers[..]);
    assert_eq!(header.len(), 4 + 349);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 120);
    let entity_ids: Vec<&str> = s.entities.iter().map(|e| e.id).collect();
    let mut missing = 0;
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), header.len(), "row {i}");
        assert_eq!(row[0], s.patient_ids[i]);
        assert!(entity_ids.contains(&row[1]), "entity {}", row[1]);
        let time: f64 = row[2].parse().unwrap();
        assert!(
            time >= 1.0 && time.fract() == 0.0,
            "time {time} is whole days >= 1"
        );
        assert!(row[3] == "0" || row[3] == "1", "event {}", row[3]);
        missing += row[4..].iter().filter(|c| c.is_empty()).count();
    }
    // Real-world missingness: empty cells exist (mutations are tested in a minority).
    assert!(missing > 0);
}

#[test]
fn contributions_have_a_column_per_marker_and_interaction_and_sum_to_the_oracle() {
    let w = synth("contrib", "teaching", 100, 5);
    let truth = TruthFile::from_json(&w.truth).unwrap();
    let mut lines = w.contributions.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut expected = vec!["patient_id"];
    expected.extend(truth.markers.iter().map(|m| m.id.as_str()));
    expected.extend(truth.interactions.iter().map(|t| t.id.as_str()));
    expected.extend(["entity_log_hazard", "log_hazard"]);
    assert_eq!(header, expected);
    let mut rows = 0;
    for line in lines {
        let cells: Vec<f64> = line
            .split(',')
            .skip(1)
            .map(|c| c.parse().unwrap())
            .collect();
        let (terms, oracle) = cells.split_at(cells.len() - 1);
        let sum: f64 = terms.iter().sum();
        // The oracle log-hazard is the sum of the f32 terms, accumulated in f64 by the
        // generator; re-summing the printed f32 values in another order: 1e-5 absolute.
        assert!((sum - oracle[0]).abs() < 1e-5, "sum {sum} vs {}", oracle[0]);
        rows += 1;
    }
    assert_eq!(rows, 100);
}

#[test]
fn truth_file_parses_and_names_its_settings_and_contributions() {
    let w = synth("truth", "pan-cancer", 200, 11);
    let truth = TruthFile::from_json(&w.truth).unwrap();
    let s = generate(&SynthConfig {
        n_patients: 200,
        seed: 11,
        preset: Preset::PanCancer,
    })
    .unwrap();
    assert_eq!(truth.config().unwrap(), s.config);
    // Read back exactly (serde_json's float_roundtrip): the same settings and markers.
    assert_eq!(truth.settings, s.truth.settings);
    assert_eq!(truth.markers, s.truth.markers);
    assert_eq!(truth.interactions, s.truth.interactions);
    assert_eq!(truth.markers.len(), 349);
    assert!(truth.markers.iter().filter(|m| m.prognostic).count() >= 80);
    assert!(
        truth
            .markers
            .iter()
            .all(|m| m.prognostic == m.effect.is_some())
    );
    assert_eq!(truth.interactions.len(), 11);
    assert!(
        truth
            .contributions_csv
            .as_deref()
            .is_some_and(|p| p.ends_with("contributions.csv"))
    );
    // No per-patient arrays inline: the file stays small.
    assert!(w.truth.len() < 200_000, "{} bytes", w.truth.len());
}
