//! Nothing panics on damaged exports: the hand-written KDS Bundle, a synthetic bulk export
//! and the bad-input corpus, each cut short, with bytes changed, lines swapped and fields
//! renamed, thousands of times (a deterministic stand-in for the fuzz target, run with
//! every test). Each read gives a cohort or a refusal; every problem's line lies in the
//! input, and the counts by file and by resource type agree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_fhir::export::{Layout, export};
use survlens_fhir::{Catalogue, Day, Input, ReadOptions, read_with};
use survlens_synth::{Preset, SynthConfig, generate};

/// xorshift64*: a fixed stream of mutations, the same on every run.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens a mutation writes into the text: JSON syntax, FHIR field names and values.
const TOKENS: [&str; 16] = [
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "null",
    "-1e400",
    "NaN",
    "\"Patient/\"",
    "\"resourceType\"",
    "\"valueQuantity\"",
    "\"10*9/L\"",
    "\"2024-02-30\"",
    "\n",
];

fn mutate(text: &[u8], s: &mut Stream) -> Vec<u8> {
    let mut out = text.to_vec();
    for _ in 0..1 + s.below(4) {
        if out.is_empty() {
            break;
        }
        let at = s.below(out.len());
        match s.below(5) {
            0 => out.truncate(at),
            1 => out[at] = s.next() as u8,
            2 => {
                let token = TOKENS[s.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + 1 + s.below(40)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                // Swap two lines.
                let text = String::from_utf8_lossy(&out).into_owned();
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.len() > 1 {
                    let (a, b) = (s.below(lines.len()), s.below(lines.len()));
                    lines.swap(a, b);
                }
                out = lines.join("\n").into_bytes();
            }
        }
    }
    out
}

fn check(inputs: &[Input<'_>], catalogue: &Catalogue, index_date: Option<Day>) {
    let lines: u64 = inputs
        .iter()
        .map(|i| i.bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1)
        .max()
        .unwrap_or(1);
    let options = ReadOptions {
        index_date,
        markers: None,
    };
    let problems = match read_with(inputs, &options, catalogue) {
        Ok(imported) => {
            let r = &imported.report;
            assert_eq!(r.patients, imported.cohort.len());
            let by_type: usize = r.resources.iter().map(|c| c.read).sum();
            let by_file: usize = r.files.iter().map(|f| f.resources).sum();
            assert_eq!(by_type, by_file);
            let _ = r.to_string();
            let _ = r.to_json();
            r.problems.clone()
        }
        Err(failure) => {
            assert!(!failure.to_string().is_empty());
            failure.problems().to_vec()
        }
    };
    for p in &problems {
        if let Some(line) = p.at.line {
            assert!((1..=lines).contains(&line), "{p}");
        }
        assert!(!p.to_string().is_empty());
    }
}

#[test]
fn damaged_exports_never_panic() {
    let catalogue = Catalogue::standard().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut seeds: Vec<(String, Vec<u8>)> = vec![(
        "kds_transaction.json".into(),
        std::fs::read(format!("{root}/fhir/kds_transaction.json")).unwrap(),
    )];
    for entry in std::fs::read_dir(format!("{root}/bad/fhir")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        seeds.push((name, std::fs::read(&path).unwrap()));
    }
    let cohort = generate(&SynthConfig {
        n_patients: 10,
        seed: 1,
        preset: Preset::PanCancer,
    })
    .unwrap();
    for f in export(&cohort, &catalogue, Layout::BundlePerPatient)
        .into_iter()
        .chain(export(&cohort, &catalogue, Layout::PerResourceType))
    {
        seeds.push((f.name, f.text.into_bytes()));
    }
    let mut s = Stream(0x5EED_F1A7);
    let index = Day::from_ymd(2023, 6, 1);
    for round in 0..3_000 {
        let (name, bytes) = &seeds[round % seeds.len()];
        let damaged = mutate(bytes, &mut s);
        let inputs = [Input {
            name,
            bytes: &damaged,
        }];
        check(
            &inputs,
            &catalogue,
            if round % 2 == 0 { None } else { index },
        );
    }
}
