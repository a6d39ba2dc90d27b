//! Times the FHIR reader on a synthetic pan-cancer cohort exported as bulk NDJSON:
//! `cargo run --release -p survlens-fhir --example read_speed -- [patients] [dir]`.
//! With a folder, also writes the export there (for timing other parsers on the same bytes).
#![allow(missing_docs)]

use std::time::Instant;

use survlens_fhir::export::{Layout, export};
use survlens_fhir::{Catalogue, Input, ReadOptions, read_with};
use survlens_synth::{Preset, SynthConfig, generate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(Ok(3000), |a| a.parse())?;
    let cohort = generate(&SynthConfig {
        n_patients: n,
        seed: 42,
        preset: Preset::PanCancer,
    })?;
    let catalogue = Catalogue::standard()?;
    let files = export(&cohort, &catalogue, Layout::PerResourceType);
    if let Some(dir) = args.get(2) {
        std::fs::create_dir_all(dir)?;
        for f in &files {
            std::fs::write(std::path::Path::new(dir).join(&f.name), &f.text)?;
        }
    }
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let lines: usize = files.iter().map(|f| f.text.lines().count()).sum();
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|f| Input {
            name: &f.name,
            bytes: f.text.as_bytes(),
        })
        .collect();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let imported = read_with(&inputs, &ReadOptions::default(), &catalogue)?;
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(imported.cohort.len(), n);
    }
    // JSON parsing alone, into serde_json::Value.
    let mut parse = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let mut objects = 0usize;
        for f in &files {
            for line in f.text.lines() {
                objects +=
                    usize::from(serde_json::from_str::<serde_json::Value>(line)?.is_object());
            }
        }
        parse = parse.min(start.elapsed().as_secs_f64());
        assert_eq!(objects, lines);
    }
    println!(
        "{n} patients, {lines} resources, {:.1} MB: read into the cohort in {best:.3} s ({:.0} MB/s); JSON parse alone {parse:.3} s ({:.0} MB/s)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        bytes as f64 / 1e6 / parse,
    );
    Ok(())
}
