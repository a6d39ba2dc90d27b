//! A network trained outside survlens made into a model file: the held-out split is fold 0
//! of the cross-validation's assignment, the preprocessing sees only training patients, the
//! cohort fingerprint notices any change, the encoding file round-trips and refuses foreign
//! files, the model is finished on the right patients (baseline and risk groups on the
//! training patients, metrics on validation and test), every disagreement between network,
//! record, encoding and cohort is named, and the model file round-trips bit for bit.

// Test helpers outside #[test] functions: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ops::ControlFlow;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_data::{Categorical, Cohort, EncoderConfig, FeatureRole, Marker, Scaling};
use survlens_model::bundle::{ModelBundle, OutcomeColumns};
use survlens_model::external::{
    Distribution, EncodingFile, ExternalError, ExternalModel, HeldOutSplit, RecordedFit,
    RecordedSettings, SplitCounts, SplitRole, TrainingRecord, bundle_external, cohort_fingerprint,
};
use survlens_model::{
    AdamConfig, BreslowBaseline, CoxLoss, CoxNet, Dense, FitOutcome, HeldOutRole, HiddenWidth,
    RiskGroups, SurvivalData, Ties, TrainConfig, assign_folds, fit, harrell_c,
};

const STAGES: [&str; 3] = ["I", "II", "III"];

/// `n` patients: age and a skewed laboratory value (numeric, a few missing), a 0/1 marker
/// and a three-level stage; exponential times whose log-hazard grows with age, the
/// laboratory value and the stage, independent exponential censoring.
fn cohort(n: usize, seed: u64) -> Cohort {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut age = Vec::with_capacity(n);
    let mut lab = Vec::with_capacity(n);
    let mut flag = Vec::with_capacity(n);
    let mut stage: Vec<Option<&str>> = Vec::with_capacity(n);
    let mut time = Vec::with_capacity(n);
    let mut event = Vec::with_capacity(n);
    for _ in 0..n {
        let a: f32 = rng.random_range(30.0..85.0);
        let l: f32 = (rng.random_range(0.0f32..3.0)).exp();
        let f = f32::from(u8::from(rng.random_bool(0.3)));
        let s = rng.random_range(0..3usize);
        let eta = 0.04 * f64::from(a - 60.0) + 0.3 * f64::from(l.ln()) + 0.5 * s as f64
            - 0.4 * f64::from(f);
        let u: f64 = rng.random_range(1e-12..1.0);
        let v: f64 = rng.random_range(1e-12..1.0);
        let t = -u.ln() / (0.02 * eta.exp());
        let c = -v.ln() / 0.01;
        age.push(a);
        lab.push(if rng.random_bool(0.05) { f32::NAN } else { l });
        flag.push(f);
        stage.push(Some(STAGES[s]));
        time.push(t.min(c).max(0.01));
        event.push(t <= c);
    }
    let ids = (0..n).map(|i| format!("p{i}")).collect();
    Cohort::new(ids, time, event)
        .unwrap()
        .with_marker(Marker::numeric("age", age).unwrap())
        .unwrap()
        .with_marker(Marker::numeric("crp", lab).unwrap())
        .unwrap()
        .with_marker(Marker::binary("smoker", flag).unwrap())
        .unwrap()
        .with_marker(Marker::categorical(
            "stage",
            Categorical::from_labels(&stage).unwrap(),
        ))
        .unwrap()
}

fn columns() -> OutcomeColumns {
    OutcomeColumns {
        id: Some("id".into()),
        time: "time".into(),
        event: "event".into(),
        entity: None,
        time_unit: Some("days".into()),
    }
}

fn min_max() -> EncoderConfig {
    EncoderConfig {
        scaling: Scaling::MinMax,
        ..EncoderConfig::default()
    }
}

/// The encoded cohort as survival data.
fn design(encoding: &EncodingFile, cohort: &Cohort) -> SurvivalData {
    let d = encoding.encoder.transform(cohort.view()).unwrap().design;
    let p = d.cols();
    SurvivalData::new(
        d.into_vec(),
        p,
        cohort.time().to_vec(),
        cohort.event().to_vec(),
    )
    .unwrap()
}

/// What an external trainer would do, done by survlens' own trainer: fit on the training
/// rows, stop on the validation rows. Returns the network and its record.
fn external_training(encoding: &EncodingFile, cohort: &Cohort) -> (CoxNet, TrainingRecord) {
    let data = design(encoding, cohort);
    let config = TrainConfig {
        hidden_width: HiddenWidth::Fixed(12),
        input_dropout: 0.1,
        hidden_dropout: 0.1,
        learning_rate: 3e-3,
        batch_size: 64,
        stages: 1,
        epochs_per_stage: 15,
        seed: 3,
        ..TrainConfig::default()
    };
    let train = data.subset(&encoding.split.rows(SplitRole::Train)).unwrap();
    let validation = data
        .subset(&encoding.split.rows(SplitRole::Validation))
        .unwrap();
    let FitOutcome::Completed(model) = fit(config.clone(), train, validation, |_| {
        ControlFlow::Continue(())
    })
    .unwrap() else {
        panic!("not cancelled");
    };
    let count = |role| encoding.split.rows(role).len();
    let record = TrainingRecord {
        trainer: "survlens' own trainer, standing in for an external one".into(),
        framework: "survlens".into(),
        distribution: Some(Distribution {
            strategy: "none".into(),
            backend: "none".into(),
            world_size: 1,
        }),
        features: encoding
            .encoder
            .feature_map()
            .names()
            .map(str::to_owned)
            .collect(),
        patients: SplitCounts {
            train: count(SplitRole::Train),
            validation: count(SplitRole::Validation),
            test: count(SplitRole::Test),
        },
        settings: RecordedSettings {
            width_factor: None,
            input_dropout: config.input_dropout,
            hidden_dropout: config.hidden_dropout,
            loss: config.ties,
            learning_rate: config.learning_rate,
            adam: config.adam,
            batch_size: config.batch_size,
            max_grad_norm: config.max_grad_norm,
            stages: config.stages,
            epochs_per_stage: config.epochs_per_stage,
            stage_lr_factor: config.stage_lr_factor,
            patience: config.patience,
            seed: config.seed,
        },
        fit: RecordedFit {
            epochs: model.history.len(),
            best_epoch: model.best_epoch,
            validation_loss: model.best_validation_loss,
            seconds: None,
            test_harrell_c: None,
        },
    };
    (model.network, record)
}

#[test]
fn the_split_is_fold_zero_of_the_cross_validation_assignment() {
    let strata: Vec<u32> = (0..400).map(|i| (i % 3) as u32).collect();
    let split = HeldOutSplit::fold_zero(400, Some(&strata), 5, 9).unwrap();
    let assignment = assign_folds(400, Some(&strata), 5, 9).unwrap();
    for i in 0..400 {
        let expected = match (assignment.folds()[i], assignment.roles()[i]) {
            (0, HeldOutRole::Test) => SplitRole::Test,
            (0, HeldOutRole::Validation) => SplitRole::Validation,
            _ => SplitRole::Train,
        };
        assert_eq!(split.roles()[i], expected, "patient {i}");
    }
    // Three strata of 134, 133 and 133 patients: fold 0 holds about a fifth of each.
    let held_out = assignment.folds().iter().filter(|&&f| f == 0).count();
    assert!((78..=82).contains(&held_out), "{held_out}");
    assert_eq!(split.rows(SplitRole::Train).len(), 400 - held_out);
    assert_eq!(split.rows(SplitRole::Test).len(), held_out / 2);
    assert_eq!(
        split.rows(SplitRole::Validation).len(),
        held_out - held_out / 2
    );
    // Stored and read back through its rows, the split is the same.
    let again = HeldOutSplit::from_rows(
        400,
        &split.rows(SplitRole::Validation),
        &split.rows(SplitRole::Test),
        5,
        9,
    )
    .unwrap();
    assert_eq!(again, split);
}

#[test]
fn a_split_that_does_not_divide_the_cohort_is_named() {
    let cases: [(&[usize], &[usize], &str); 4] = [
        (
            &[0, 1],
            &[2, 9],
            "test row 9 is beyond the cohort's 6 patients",
        ),
        (
            &[0, 1],
            &[1, 2],
            "row 1 is listed as validation and as test",
        ),
        (&[], &[1, 2], "no validation patients"),
        (&[0, 1, 2], &[3, 4, 5], "no train patients"),
    ];
    for (validation, test, message) in cases {
        match HeldOutSplit::from_rows(6, validation, test, 5, 0) {
            Err(e) => assert_eq!(e.to_string(), format!("held-out split: {message}")),
            other => panic!("{validation:?} / {test:?}: {other:?}"),
        }
    }
}

#[test]
fn the_preprocessing_sees_only_the_training_patients() {
    let cohort = cohort(300, 1);
    let encoding = EncodingFile::fit(&cohort, &min_max(), 5, 2, columns()).unwrap();
    let train = encoding.split.rows(SplitRole::Train);
    let x = encoding.encoder.transform(cohort.view()).unwrap().design;
    let map = encoding.encoder.feature_map();
    let age = map
        .features()
        .iter()
        .position(|f| f.name == "age" && f.role == FeatureRole::Value)
        .unwrap();
    // Min-max scaling fitted on the training patients maps them onto [0, 1] exactly; the
    // held-out patients fall where the training range puts them.
    let column = |rows: &[usize]| -> Vec<f32> { rows.iter().map(|&i| x.row(i)[age]).collect() };
    let on_train = column(&train);
    assert_eq!(on_train.iter().copied().fold(f32::INFINITY, f32::min), 0.0);
    assert_eq!(
        on_train.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        1.0
    );
    let refit = min_max().fit(cohort.rows(&train).unwrap()).unwrap();
    assert_eq!(refit, encoding.encoder);
    let everyone = min_max().fit(cohort.view()).unwrap();
    assert_ne!(
        everyone, encoding.encoder,
        "the held-out patients would have moved the scaling"
    );
}

#[test]
fn the_fingerprint_notices_any_change() {
    let base = cohort(50, 4);
    let print = cohort_fingerprint(&base);
    assert_eq!(print.len(), 16);
    assert_eq!(print, cohort_fingerprint(&cohort(50, 4)), "deterministic");
    let mut time = base.time().to_vec();
    time[7] *= 1.0 + f64::EPSILON;
    let ids: Vec<String> = base.ids().map(str::to_owned).collect();
    let with_markers = |c: Cohort| {
        base.markers()
            .iter()
            .fold(c, |c, m| c.with_marker(m.clone()).unwrap())
    };
    let moved_time = with_markers(Cohort::new(ids.clone(), time, base.event().to_vec()).unwrap());
    let mut event = base.event().to_vec();
    event[3] = !event[3];
    let flipped = with_markers(Cohort::new(ids.clone(), base.time().to_vec(), event).unwrap());
    let mut renamed_ids = ids.clone();
    renamed_ids[0] = "someone else".into();
    let renamed = with_markers(
        Cohort::new(renamed_ids, base.time().to_vec(), base.event().to_vec()).unwrap(),
    );
    let mut age = base.marker("age").unwrap().as_f32().unwrap().to_vec();
    age[10] = f32::NAN;
    let bare = Cohort::new(ids, base.time().to_vec(), base.event().to_vec()).unwrap();
    let one_missing = base.markers().iter().fold(bare, |c, m| match m.name() {
        "age" => c
            .with_marker(Marker::numeric("age", age.clone()).unwrap())
            .unwrap(),
        _ => c.with_marker(m.clone()).unwrap(),
    });
    let reversed: Vec<usize> = (0..50).rev().collect();
    let reordered = base.subset(&reversed).unwrap();
    for (what, other) in [
        ("a time one ulp longer", moved_time),
        ("an event flipped", flipped),
        ("an id changed", renamed),
        ("a value missing", one_missing),
        ("the rows reversed", reordered),
    ] {
        assert_ne!(cohort_fingerprint(&other), print, "{what}");
    }
}

#[test]
fn the_encoding_file_round_trips_and_refuses_other_files() {
    let cohort = cohort(200, 5);
    let encoding = EncodingFile::fit(&cohort, &min_max(), 4, 8, columns()).unwrap();
    let text = encoding.to_json().unwrap();
    let back = EncodingFile::from_slice(text.as_bytes()).unwrap();
    assert_eq!(back, encoding);
    assert_eq!(back.to_json().unwrap(), text, "deterministic text");
    back.check_cohort(&cohort).unwrap();

    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let with = |key: &str, v: serde_json::Value| {
        let mut doc = value.clone();
        doc[key] = v;
        serde_json::to_vec(&doc).unwrap()
    };
    assert!(matches!(
        EncodingFile::from_slice(&with("format", "survlens-model".into())),
        Err(ExternalError::NotAnEncodingFile { found }) if found == "\"survlens-model\""
    ));
    assert!(matches!(
        EncodingFile::from_slice(&with("version", 2.into())),
        Err(ExternalError::UnsupportedVersion { found, supported: 1 }) if found == "2"
    ));
    assert!(matches!(
        EncodingFile::from_slice(b"[1, 2]"),
        Err(ExternalError::NotAnEncodingFile { .. })
    ));
    assert!(matches!(
        EncodingFile::from_slice(&text.as_bytes()[..text.len() / 2]),
        Err(ExternalError::Json {
            what: "encoding file",
            ..
        })
    ));
    let mut doc = value.clone();
    doc["split"]["test_rows"][0] = 10_000.into();
    assert!(matches!(
        EncodingFile::from_slice(&serde_json::to_vec(&doc).unwrap()),
        Err(ExternalError::SplitRow { row: 10_000, .. })
    ));
    let mut doc = value;
    doc["features"][1] = "not the feature".into();
    let message = EncodingFile::from_slice(&serde_json::to_vec(&doc).unwrap())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("position 1 lists \"not the feature\""),
        "{message}"
    );
}

#[test]
fn another_cohort_is_refused() {
    let encoding = EncodingFile::fit(&cohort(200, 5), &min_max(), 4, 8, columns()).unwrap();
    let smaller = cohort(199, 5);
    let message = encoding.check_cohort(&smaller).unwrap_err().to_string();
    assert!(message.contains("it has 199 patients"), "{message}");
    let redrawn = cohort(200, 6);
    let err = encoding.check_cohort(&redrawn).unwrap_err();
    assert!(
        matches!(&err, ExternalError::CohortFingerprint { .. }),
        "{err:?}"
    );
}

#[test]
fn the_model_file_is_finished_on_the_training_patients_and_measured_on_the_others() {
    let cohort = cohort(400, 11);
    let encoding = EncodingFile::fit(&cohort, &min_max(), 5, 1, columns()).unwrap();
    let (network, record) = external_training(&encoding, &cohort);
    let model = bundle_external(&cohort, &encoding, network.clone(), &record, "a test", 3).unwrap();
    let bundle = &model.bundle;
    assert_eq!(bundle.network(), &network);
    assert_eq!(bundle.encoder(), &encoding.encoder);

    let data = design(&encoding, &cohort);
    let risk: Vec<f64> = network
        .predict(data.x(), data.n_patients())
        .into_iter()
        .map(f64::from)
        .collect();
    assert_eq!(model.log_risk, risk);
    let pick =
        |role, v: &[f64]| -> Vec<f64> { encoding.split.rows(role).iter().map(|&i| v[i]).collect() };
    let times = |role| pick(role, cohort.time());
    let events = |role| -> Vec<bool> {
        encoding
            .split
            .rows(role)
            .iter()
            .map(|&i| cohort.event()[i])
            .collect()
    };
    let (train, val, test) = (SplitRole::Train, SplitRole::Validation, SplitRole::Test);

    // Baseline and cut-offs: the training patients', not the cohort's.
    let baseline =
        BreslowBaseline::fit(&times(train), &events(train), &pick(train, &risk)).unwrap();
    assert_eq!(bundle.baseline(), &baseline);
    let everyone = BreslowBaseline::fit(cohort.time(), cohort.event(), &risk).unwrap();
    assert_ne!(bundle.baseline(), &everyone);
    let cut_offs = RiskGroups::equal_sized(&pick(train, &risk), 3).unwrap();
    assert_eq!(bundle.risk_groups().groups(), &cut_offs);

    let m = bundle.metrics();
    assert_eq!((m.n_patients, m.n_events), (400, cohort.event_count()));
    let f = &m.final_fit;
    assert_eq!((f.n_train, f.n_validation), (320, 40));
    assert_eq!(
        (f.epochs, f.best_epoch),
        (record.fit.epochs, record.fit.best_epoch)
    );
    // survlens' trainer kept the weights of the best validation loss, which it measured
    // exactly as the file does: the whole validation set's partial likelihood.
    let loss = CoxLoss::new(Ties::Pycox)
        .value(&pick(val, &risk), &times(val), &events(val))
        .unwrap();
    assert_eq!(f.validation_loss, Some(loss));
    let recorded = record.fit.validation_loss.unwrap();
    // The trainer's forward pass and the file's may round the f32 log-risks differently.
    assert!(
        (loss - recorded).abs() <= 1e-6 * recorded.abs(),
        "{loss} vs {recorded}"
    );
    let test_c = harrell_c(&times(test), &events(test), &pick(test, &risk))
        .unwrap()
        .index;
    let held_out = m.out_of_fold.as_ref().unwrap();
    assert_eq!((held_out.folds, held_out.n_test), (1, 40));
    assert_eq!(held_out.harrell_c, Some(test_c));
    assert_eq!(held_out.fold_test_harrell_c, vec![Some(test_c)]);
    let antolini = held_out.antolini_c.unwrap();
    let ibs = held_out.integrated_brier_score.unwrap();
    assert!(
        (0.0..=1.0).contains(&antolini) && (0.0..0.5).contains(&ibs),
        "{antolini} {ibs}"
    );

    // The recorded shape and setting describe the network.
    let training = bundle.training();
    assert_eq!(training.hidden_width, HiddenWidth::Fixed(12));
    assert_eq!(training.hidden_layers, 1);
    assert_eq!(bundle.architecture().hidden, vec![12]);
    assert_eq!(training.learning_rate, record.settings.learning_rate);

    // The file round-trips bit for bit and predicts what the network predicts.
    let text = model.to_json().unwrap();
    let read = ModelBundle::from_slice(text.as_bytes()).unwrap();
    assert_eq!(&read, bundle);
    assert_eq!(read.to_json().unwrap(), bundle.to_json().unwrap());
    let predictions = read.predict(&cohort, &[100.0]).unwrap();
    assert_eq!(predictions.log_risk, risk);
    let provenance = ExternalModel::provenance_of(text.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(provenance, model.provenance);
    assert!(
        provenance.record.features.is_empty(),
        "the file lists them once"
    );
    assert_eq!(provenance.network_file_producer, "a test");
    let plain = bundle.to_json().unwrap();
    assert_eq!(
        ExternalModel::provenance_of(plain.as_bytes()).unwrap(),
        None
    );
}

#[test]
fn disagreements_between_network_record_encoding_and_cohort_are_named() {
    let cohort = cohort(300, 12);
    let encoding = EncodingFile::fit(&cohort, &min_max(), 5, 1, columns()).unwrap();
    let (network, record) = external_training(&encoding, &cohort);
    let p = network.n_inputs();
    let attempt = |net: CoxNet, record: &TrainingRecord, cohort: &Cohort| {
        bundle_external(cohort, &encoding, net, record, "", 3).unwrap_err()
    };

    let mut renamed = record.clone();
    renamed.features[2] = "something else".into();
    match attempt(network.clone(), &renamed, &cohort) {
        ExternalError::FeatureMismatch {
            position: 2,
            record,
            encoding: e,
        } => {
            assert_eq!(record, "something else");
            assert_eq!(e, encoding.encoder.feature_map().features()[2].name);
        }
        other => panic!("{other:?}"),
    }
    let mut short = record.clone();
    short.features.pop();
    assert!(matches!(
        attempt(network.clone(), &short, &cohort),
        ExternalError::FeatureCount { record: r, encoding: e } if r + 1 == e
    ));
    let mut miscounted = record.clone();
    miscounted.patients.test += 1;
    assert!(matches!(
        attempt(network.clone(), &miscounted, &cohort),
        ExternalError::SplitMismatch { part: "test", .. }
    ));
    let mut bad_rate = record.clone();
    bad_rate.settings.learning_rate = -1.0;
    assert!(matches!(
        attempt(network.clone(), &bad_rate, &cohort),
        ExternalError::Setting(_)
    ));

    let dense = |n_in: usize, n_out: usize| {
        Dense::new(n_in, n_out, vec![0.01; n_in * n_out], vec![0.0; n_out]).unwrap()
    };
    let narrow = CoxNet::new(vec![dense(p - 1, 4), dense(4, 1)]).unwrap();
    assert!(matches!(
        attempt(narrow, &record, &cohort),
        ExternalError::InputCount { network, encoding: e } if network == p - 1 && e == p
    ));
    let uneven = CoxNet::new(vec![dense(p, 8), dense(8, 4), dense(4, 1)]).unwrap();
    assert!(matches!(
        attempt(uneven, &record, &cohort),
        ExternalError::HiddenWidths { widths } if widths == vec![8, 4]
    ));
    assert!(matches!(
        attempt(
            network,
            &record,
            &cohort.subset(&(0..299).collect::<Vec<_>>()).unwrap()
        ),
        ExternalError::CohortSize { patients: 299, .. }
    ));
}

#[test]
fn a_width_given_as_a_multiple_of_the_inputs_is_recorded_so() {
    let cohort = cohort(200, 13);
    let encoding = EncodingFile::fit(&cohort, &min_max(), 5, 1, columns()).unwrap();
    let (_, mut record) = external_training(&encoding, &cohort);
    let p = encoding.encoder.n_features();
    let dense = |n_in: usize, n_out: usize| {
        Dense::new(n_in, n_out, vec![0.01; n_in * n_out], vec![0.0; n_out]).unwrap()
    };
    let study = CoxNet::new(vec![dense(p, 10 * p), dense(10 * p, 1)]).unwrap();
    record.settings.width_factor = Some(10);
    let config = record.train_config(&study).unwrap();
    assert_eq!(config.hidden_width, HiddenWidth::TimesInputs(10));
    record.settings.width_factor = Some(7);
    let config = record.train_config(&study).unwrap();
    assert_eq!(config.hidden_width, HiddenWidth::Fixed(10 * p));
    assert_eq!(config.adam, AdamConfig::default());
}

#[test]
fn a_record_is_read_with_its_fields_named_on_error() {
    let text = r#"{"trainer": "t", "framework": "f", "distribution": null,
        "patients": {"train": 1, "validation": 1, "test": 1},
        "settings": {"width_factor": null, "input_dropout": 0.5, "hidden_dropout": 0.5,
          "loss": "Pycox", "learning_rate": 0.0001,
          "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, "batch_size": 1024,
          "max_grad_norm": 1.0, "stages": 3, "epochs_per_stage": 50, "stage_lr_factor": 0.1,
          "patience": 10, "seed": 0},
        "fit": {"epochs": 3, "best_epoch": 2, "validation_loss": 1.5, "seconds": null,
          "test_harrell_c": null}}"#;
    let record = TrainingRecord::from_json(text).unwrap();
    assert_eq!(record.settings.loss, Ties::Pycox);
    assert!(record.features.is_empty());
    match TrainingRecord::from_json(&text.replace("\"patience\": 10,", "")) {
        Err(ExternalError::Json {
            what: "training record",
            description,
            ..
        }) => assert!(
            description.contains("missing field `patience`"),
            "{description}"
        ),
        other => panic!("{other:?}"),
    }
}
