//! Invariants over generated inputs: import never panics, whatever the bytes; a patient's
//! encoding does not depend on row order; export/import round-trips any cohort.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use survlens_data::{
    Categorical, Cohort, ColumnRoles, EncoderConfig, ImportOptions, Marker, Scaling, import_csv,
    preview, write_csv,
};

/// Bytes shaped like a messy CSV: separators, quotes, line breaks, numbers, missing codes,
/// non-UTF-8 bytes and a byte order mark, in random order.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"|".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"time".to_vec()),
        Just(b"event".to_vec()),
        Just(b"id".to_vec()),
        Just(b"NA".to_vec()),
        Just(b"NaN".to_vec()),
        Just(b"-inf".to_vec()),
        Just(b"1e308".to_vec()),
        Just(b"0".to_vec()),
        Just(b"1".to_vec()),
        Just(b"2,5".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        "[a-z0-9.,-]{1,6}".prop_map(String::into_bytes),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(token, 0..80).prop_map(|parts| parts.concat())
}

fn small_limits() -> ImportOptions {
    let mut options = ImportOptions::default();
    options.limits.max_levels = 5;
    options.limits.max_problems = 7;
    options
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn import_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let roles = ColumnRoles::new("time", "event").with_id("id");
        let _ = import_csv(&bytes, "fuzz.csv", &roles, &small_limits());
        let _ = preview(&bytes, "fuzz.csv", &small_limits(), 5);
    }

    #[test]
    fn import_never_panics_on_csv_shaped_bytes(bytes in csvish()) {
        let options = small_limits();
        for roles in [
            ColumnRoles::new("time", "event").with_id("id"),
            ColumnRoles::new("time", "event"),
        ] {
            match import_csv(&bytes, "fuzz.csv", &roles, &options) {
                // A success upholds the cohort's invariants.
                Ok(imported) => {
                    let c = &imported.cohort;
                    prop_assert!(c.time().iter().all(|t| t.is_finite() && *t > 0.0));
                    prop_assert!(c.event_count() > 0);
                    for m in c.markers() {
                        prop_assert_eq!(m.len(), c.len());
                        if let Some(v) = m.as_f32() {
                            prop_assert!(v.iter().all(|x| x.is_finite() || x.is_nan()));
                        }
                    }
                }
                // A failure lists at most the configured number of problems, each a message.
                Err(report) => {
                    prop_assert!(!report.problems.is_empty());
                    prop_assert!(report.problems.len() <= options.limits.max_problems);
                    prop_assert!(report.problems.iter().all(|p| !p.to_string().is_empty()));
                }
            }
        }
        if let Ok(p) = preview(&bytes, "fuzz.csv", &options, 5) {
            let _ = p.guess_roles();
        }
    }
}

/// A cohort of `n` patients with numeric (with gaps), binary and categorical markers and an
/// entity, from generated columns.
fn cohort_strategy() -> impl Strategy<Value = Cohort> {
    (2usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(0.01f64..1000.0, n),
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec(prop::option::weighted(0.8, -1e4f32..1e4), n),
            prop::collection::vec(prop::option::weighted(0.8, any::<bool>()), n),
            prop::collection::vec(prop::option::weighted(0.8, 0usize..4), n),
            prop::collection::vec(prop::option::weighted(0.9, 0usize..3), n),
        )
            .prop_map(move |(time, event, x, b, g, e)| {
                let ids = (0..n).map(|i| format!("p{i}")).collect();
                let grades = ["I", "II", "III", "10"];
                let entities = ["lung", "breast", "crc"];
                let g: Vec<Option<&str>> = g.iter().map(|o| o.map(|k| grades[k])).collect();
                let e: Vec<Option<&str>> = e.iter().map(|o| o.map(|k| entities[k])).collect();
                Cohort::new(ids, time, event)
                    .unwrap()
                    .with_entity("entity", Categorical::from_labels(&e).unwrap())
                    .unwrap()
                    .with_marker(
                        Marker::numeric("x", x.iter().map(|v| v.unwrap_or(f32::NAN)).collect())
                            .unwrap(),
                    )
                    .unwrap()
                    .with_marker(
                        Marker::binary(
                            "b",
                            b.iter()
                                .map(|v| v.map_or(f32::NAN, |t| if t { 1.0 } else { 0.0 }))
                                .collect(),
                        )
                        .unwrap(),
                    )
                    .unwrap()
                    .with_marker(Marker::categorical(
                        "g",
                        Categorical::from_labels(&g).unwrap(),
                    ))
                    .unwrap()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn row_order_does_not_change_any_patients_encoding(
        cohort in cohort_strategy(),
        seed in any::<u64>(),
        zscore in any::<bool>(),
        mirror in any::<bool>(),
    ) {
        // A permutation from the seed (Fisher-Yates with a small LCG).
        let n = cohort.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let shuffled = cohort.subset(&order).unwrap();
        let config = EncoderConfig {
            scaling: if zscore { Scaling::ZScore } else { Scaling::MinMax },
            mirror: mirror && !zscore,
            ..EncoderConfig::default()
        };
        let a = config.fit(cohort.view()).unwrap();
        let b = config.fit(shuffled.view()).unwrap();
        prop_assert_eq!(&a, &b);
        let ea = a.transform(cohort.view()).unwrap();
        let eb = b.transform(shuffled.view()).unwrap();
        for (j, &i) in order.iter().enumerate() {
            // Bit for bit: statistics come from sorted values and counts.
            let ra: Vec<u32> = ea.design.row(i).iter().map(|v| v.to_bits()).collect();
            let rb: Vec<u32> = eb.design.row(j).iter().map(|v| v.to_bits()).collect();
            prop_assert_eq!(ra, rb, "patient {}", cohort.id(i));
        }
    }

    #[test]
    fn export_then_import_round_trips(cohort in cohort_strategy()) {
        prop_assume!(cohort.event_count() > 0);
        let mut bytes = Vec::new();
        write_csv(&cohort, &mut bytes).unwrap();
        let back = import_csv(&bytes, "export.csv", &cohort.roles(), &ImportOptions::default()).unwrap().cohort;
        let mut again = Vec::new();
        write_csv(&back, &mut again).unwrap();
        prop_assert_eq!(&again, &bytes);
        prop_assert_eq!(back.time(), cohort.time());
        prop_assert_eq!(back.entity(), cohort.entity());
    }
}
