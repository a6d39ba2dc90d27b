//! The study's scale: 100,000 patients x 350 markers (about 200 MB of text). A measurement,
//! not a timed test; run it with
//!
//! ```text
//! cargo test --release -p survlens-data --test scale -- --ignored --nocapture
//! ```

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::time::Instant;

use survlens_data::{ColumnRoles, EncoderConfig, ImportOptions, MarkerKind, import_csv};

const PATIENTS: usize = 100_000;
const NUMERIC: usize = 340;
const CATEGORICAL: usize = 10;

/// A deterministic cohort file: numeric markers with 3 decimals and 5% missing cells,
/// categorical markers with 4 levels, 38 entities.
fn synthetic_csv() -> Vec<u8> {
    let mut s = String::with_capacity(PATIENTS * (NUMERIC * 7 + 64));
    s.push_str("id,time,event,entity");
    for j in 0..NUMERIC {
        let _ = write!(s, ",m{j}");
    }
    for j in 0..CATEGORICAL {
        let _ = write!(s, ",c{j}");
    }
    s.push('\n');
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..PATIENTS {
        let r = next();
        let _ = write!(
            s,
            "P{i},{}.{},{},E{}",
            1 + r % 3000,
            r % 10,
            (r >> 20) % 2,
            (r >> 30) % 38
        );
        for _ in 0..NUMERIC {
            let r = next();
            if r % 20 == 0 {
                s.push(',');
            } else {
                let _ = write!(s, ",{}.{:03}", (r >> 8) % 100, (r >> 24) % 1000);
            }
        }
        for _ in 0..CATEGORICAL {
            let r = next();
            let _ = write!(s, ",L{}", r % 4);
        }
        s.push('\n');
    }
    s.into_bytes()
}

/// Peak resident memory of this process in MiB (Linux), for the report.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[test]
#[ignore = "measurement: 200 MB of input, run in release"]
fn hundred_thousand_patients_by_350_markers() {
    let t = Instant::now();
    let bytes = synthetic_csv();
    println!(
        "generated {:.1} MB in {:.2?}",
        bytes.len() as f64 / 1e6,
        t.elapsed()
    );

    // The floor: the csv crate splitting records, without reading any cell.
    let t = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[..]);
    let mut record = csv::ByteRecord::new();
    let mut records = 0usize;
    while reader.read_byte_record(&mut record).unwrap() {
        records += 1;
    }
    assert_eq!(records, PATIENTS + 1);
    println!("csv records only: {:.2?}", t.elapsed());

    let roles = ColumnRoles::new("time", "event")
        .with_id("id")
        .with_entity("entity");
    let t = Instant::now();
    let imported = import_csv(&bytes, "scale.csv", &roles, &ImportOptions::default())
        .unwrap_or_else(|r| panic!("{r}"));
    let import_time = t.elapsed();
    let c = &imported.cohort;
    assert_eq!(
        (c.len(), c.markers().len()),
        (PATIENTS, NUMERIC + CATEGORICAL)
    );
    assert_eq!(c.entity().unwrap().levels().len(), 38);
    assert_eq!(c.markers()[NUMERIC].kind(), MarkerKind::Categorical);
    println!(
        "import: {import_time:.2?} ({:.0} MB/s), peak RSS so far {:?} MiB",
        bytes.len() as f64 / 1e6 / import_time.as_secs_f64(),
        peak_rss_mib()
    );

    let train: Vec<usize> = (0..PATIENTS).filter(|i| i % 5 != 0).collect();
    let t = Instant::now();
    let encoder = EncoderConfig::default()
        .fit(c.rows(&train).unwrap())
        .unwrap();
    let fit_time = t.elapsed();
    let t = Instant::now();
    let encoded = encoder.transform(c.view()).unwrap();
    println!(
        "fit on {} patients: {fit_time:.2?}; transform {} x {}: {:.2?}; peak RSS {:?} MiB",
        train.len(),
        encoded.design.rows(),
        encoded.design.cols(),
        t.elapsed(),
        peak_rss_mib()
    );
    // 340 values + 340 indicators (5% missing) + 10 x 4 levels + 38 entities.
    assert_eq!(encoded.design.cols(), 2 * NUMERIC + 4 * CATEGORICAL + 38);
}
