//! The hostile-input corpus: every file under `tests/fixtures/bad/` runs through the loader
//! the page would use for it (CSV import, model-file decoder, ONNX import, FHIR import, the
//! whole job training on the file, or the whole job explaining it with a stored model: `stored` with
//! `tests/fixtures/bad/model_valid.json`, `stored_onnx` with
//! `tests/fixtures/onnx/plain.onnx`), and must give exactly the outcome `tests/fixtures/bad/manifest.json` states: the
//! stable error code, its position (spreadsheet row and column, JSON line and column,
//! network layer and index, ONNX node or tensor, FHIR line, Bundle entry, resource and
//! path) and a fragment of the message the user
//! reads, or a successful import of the stated size for valid-but-odd files.
//!
//! Files too large to commit (10,000 columns, 200 MB) are `generate`d here from a recipe
//! named in the manifest. The corpus bytes are written by
//! `tools/references/bad_inputs_corpus.py`; the expectations are only in the manifest.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use survlens_model::recipe::Recipe;

use serde::Deserialize;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::{CohortSource, JobSpec, ModelSource};
use survlens_data::{ColumnRoles, DataError, ImportOptions, Limits, MissingCodes, import_csv};
use survlens_model::bundle::{BundleError, ModelBundle};
use survlens_model::train::{HiddenWidth, TrainConfig};
use survlens_xai::import_onnx;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bad")
}

/// One row of the manifest.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Path under `tests/fixtures/bad/`; exactly one of `file` and `generate`.
    file: Option<String>,
    /// A recipe for input built here (see [`generate`]).
    generate: Option<String>,
    /// `csv`, `model`, `onnx`, `fhir` (the FHIR import: refused when it reports any
    /// problem, the first one compared), `job` (a CSV through the page's whole job, training), or
    /// `stored` / `stored_onnx` (a CSV explained by a stored model through the whole job).
    loader: String,
    /// Why the file is in the corpus.
    about: String,
    /// Column roles for `csv` and `job` (default: id `id`, time `time`, event `event`).
    roles: Option<Roles>,
    /// Import settings that differ from the defaults.
    options: Option<Options>,
    /// The expected outcome.
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Roles {
    id: Option<String>,
    time: String,
    event: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Options {
    delimiter: Option<char>,
    max_bytes: Option<usize>,
    max_columns: Option<usize>,
    /// Off: a file without time and event columns imports without outcomes.
    require_outcome: Option<bool>,
    /// Codes read as missing besides the built-in ones.
    missing_codes: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Accepted: the file imports (or the job finishes with finite numbers).
    #[serde(default)]
    ok: bool,
    /// Patients of an accepted cohort.
    patients: Option<usize>,
    /// Markers of an accepted cohort.
    markers: Option<usize>,
    /// Whether an accepted cohort has outcomes.
    outcomes: Option<bool>,
    /// Missing marker values of an accepted cohort (all markers, all patients).
    missing_cells: Option<usize>,
    /// Stable code of the first problem.
    code: Option<String>,
    /// Where the first problem is: only the keys given are compared.
    #[serde(default)]
    at: BTreeMap<String, serde_json::Value>,
    /// A fragment of the first problem's message.
    message: Option<String>,
    /// Total number of problems, when the loader reports several.
    problems: Option<usize>,
}

/// What a loader did with one input, in the manifest's terms.
#[derive(Debug, Default)]
struct Outcome {
    ok: bool,
    patients: Option<usize>,
    markers: Option<usize>,
    outcomes: Option<bool>,
    missing_cells: Option<usize>,
    code: String,
    at: BTreeMap<String, serde_json::Value>,
    message: String,
    problems: usize,
}

impl Outcome {
    fn accepted(patients: Option<usize>, markers: Option<usize>) -> Self {
        Self {
            ok: true,
            patients,
            markers,
            ..Self::default()
        }
    }

    fn refused(code: &str, message: String, problems: usize) -> Self {
        Self {
            code: code.to_owned(),
            message,
            problems,
            ..Self::default()
        }
    }

    fn at(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.at.insert(key.to_owned(), value.into());
        self
    }
}

fn options(entry: &Entry) -> ImportOptions {
    let o = entry.options.as_ref();
    let default = Limits::default();
    ImportOptions {
        delimiter: o.and_then(|o| o.delimiter).map(|c| c as u8),
        require_outcome: o.and_then(|o| o.require_outcome).unwrap_or(true),
        missing_codes: MissingCodes::new(codes(entry)).unwrap(),
        limits: Limits {
            max_bytes: o.and_then(|o| o.max_bytes).unwrap_or(default.max_bytes),
            max_columns: o.and_then(|o| o.max_columns).unwrap_or(default.max_columns),
            ..default
        },
        ..ImportOptions::default()
    }
}

fn codes(entry: &Entry) -> Vec<String> {
    entry
        .options
        .as_ref()
        .and_then(|o| o.missing_codes.clone())
        .unwrap_or_default()
}

fn roles(entry: &Entry) -> ColumnRoles {
    match &entry.roles {
        None => ColumnRoles::new("time", "event").with_id("id"),
        Some(r) => ColumnRoles {
            id: r.id.clone(),
            ..ColumnRoles::new(r.time.clone(), r.event.clone())
        },
    }
}

/// The outcome of the CSV import: the first problem with its cell, or the cohort's size.
fn run_csv(bytes: &[u8], file: &str, entry: &Entry) -> Outcome {
    match import_csv(bytes, file, &roles(entry), &options(entry)) {
        Ok(imported) => {
            let cohort = &imported.cohort;
            Outcome {
                outcomes: Some(cohort.has_outcome()),
                missing_cells: Some(cohort.markers().iter().map(|m| m.missing_count()).sum()),
                ..Outcome::accepted(Some(cohort.len()), Some(cohort.markers().len()))
            }
        }
        Err(report) => {
            let first: &DataError = &report.problems[0];
            let mut outcome = Outcome::refused(first.code(), first.to_string(), report.total());
            if let Some(row) = first.row() {
                outcome = outcome.at("row", row);
            }
            if let Some(cell) = first.cell() {
                outcome = outcome.at("column", cell.column.clone());
            }
            outcome
        }
    }
}

fn run_model(bytes: &[u8]) -> Outcome {
    let e = match ModelBundle::from_slice(bytes) {
        Ok(bundle) => {
            return Outcome::accepted(None, Some(bundle.feature_map().marker_names().len()));
        }
        Err(e) => e,
    };
    let outcome = Outcome::refused(e.code(), e.to_string(), 1);
    match &e {
        BundleError::Truncated { line, column }
        | BundleError::Malformed { line, column, .. }
        | BundleError::Schema { line, column, .. } => {
            outcome.at("line", *line).at("column", *column)
        }
        BundleError::LayerShape { layer, .. } => outcome.at("layer", *layer),
        BundleError::NonFiniteWeight {
            layer,
            parameter,
            index,
            ..
        } => outcome
            .at("layer", *layer)
            .at("parameter", *parameter)
            .at("index", *index),
        _ => outcome,
    }
}

/// The FHIR import of one file. An input that reads with problems is "refused" in the
/// manifest's terms: the first problem is compared, and the total counted.
fn run_fhir(bytes: &[u8], file: &str) -> Outcome {
    let inputs = [survlens_fhir::Input { name: file, bytes }];
    let (problems, cohort) = match survlens_fhir::read(&inputs, &Default::default()) {
        Ok(imported) => (imported.report.problems, Some(imported.cohort)),
        Err(failure) => (failure.problems().to_vec(), None),
    };
    match (problems.first(), cohort) {
        (None, Some(cohort)) => {
            let mut o = Outcome::accepted(Some(cohort.len()), Some(cohort.markers().len()));
            o.outcomes = Some(cohort.has_outcome());
            o
        }
        (Some(p), _) => {
            let mut o = Outcome::refused(p.code(), p.to_string(), problems.len());
            if let Some(line) = p.at.line {
                o = o.at("line", line);
            }
            for (key, value) in [
                ("entry", &p.at.entry),
                ("resource", &p.at.resource),
                ("path", &p.at.path),
            ] {
                if let Some(v) = value {
                    o = o.at(key, v.as_str());
                }
            }
            o
        }
        (None, None) => Outcome::refused("no_patients", String::new(), 0),
    }
}

fn run_onnx(bytes: &[u8]) -> Outcome {
    let e = match import_onnx(bytes) {
        Ok(model) => return Outcome::accepted(None, Some(model.net.n_inputs())),
        Err(e) => e,
    };
    let outcome = Outcome::refused(e.code(), e.to_string(), 1);
    match (e.node(), e.tensor()) {
        (Some(node), _) => outcome.at("node", node),
        (None, Some(tensor)) => outcome.at("tensor", tensor),
        (None, None) => outcome,
    }
}

/// A small, fast training setting: the corpus checks messages, not model quality.
fn quick_training() -> TrainConfig {
    TrainConfig {
        hidden_width: HiddenWidth::Fixed(4),
        epochs_per_stage: 2,
        stages: 1,
        batch_size: 16,
        learning_rate: 1e-2,
        seed: 3,
        ..JobSpec::small_cohort_training()
    }
}

/// The page's whole job on a CSV, training (`model` is `ModelSource::Train`) or with a
/// stored model: the worker's message on failure; on success, every number the views draw
/// must be finite.
fn run_job(bytes: &[u8], file: &str, entry: &Entry, model: ModelSource) -> Outcome {
    let spec = JobSpec {
        source: CohortSource::Csv {
            file_name: file.to_owned(),
            bytes: bytes.to_vec(),
            roles: roles(entry),
            days_per_time_unit: 1.0,
            missing_codes: MissingCodes::new(codes(entry)).unwrap(),
            labels: Vec::new(),
        },
        model,
        recipe: Recipe::Study,
        training: quick_training(),
        folds: 2,
    };
    let mut job = Job::new(spec);
    for _ in 0..1_000 {
        match job.step() {
            Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
            Ok(JobStep::Done(done)) => {
                let session = done.session;
                let finite = session.risk.iter().all(|v| v.is_finite())
                    && session.relevance.iter().all(|v| v.is_finite())
                    && session.bias_relevance.iter().all(|v| v.is_finite())
                    && session.risk_cutoffs.iter().all(|v| v.is_finite());
                if !finite {
                    return Outcome::refused(
                        "not_finite",
                        "a view number is NaN or infinite".into(),
                        1,
                    );
                }
                return Outcome {
                    outcomes: Some(session.has_outcomes),
                    missing_cells: Some(session.values.iter().filter(|v| v.is_nan()).count()),
                    ..Outcome::accepted(
                        Some(session.patient_ids.len()),
                        Some(session.markers.len()),
                    )
                };
            }
            Err(e) => return Outcome::refused("job_failed", e.to_string(), 1),
        }
    }
    Outcome::refused("job_did_not_finish", "more than 1,000 steps".into(), 1)
}

/// Inputs too large to commit, built from a recipe name.
fn generate(recipe: &str) -> Vec<u8> {
    match recipe {
        // 10,000 columns: id, time, event and 9,997 markers, three patients.
        "columns_10000" => {
            let markers = 9_997;
            let mut s = String::from("id,time,event");
            for m in 0..markers {
                write!(s, ",m{m}").unwrap();
            }
            for (id, time, event) in [(1, 120, 1), (2, 30, 0), (3, 400, 1)] {
                write!(s, "\n{id},{time},{event}").unwrap();
                for m in 0..markers {
                    write!(s, ",{}", (id * 7 + m) % 10).unwrap();
                }
            }
            s.push('\n');
            s.into_bytes()
        }
        // 200 MB (200,000,000 bytes): a valid header then one long run of patient rows.
        // Refused by its size alone, before any byte is parsed.
        "bytes_200mb" => {
            let mut bytes = b"id,time,event,age\n".to_vec();
            let row = b"1,120,1,64\n";
            bytes.reserve(200_000_000 - bytes.len());
            while bytes.len() + row.len() <= 200_000_000 {
                bytes.extend_from_slice(row);
            }
            bytes.resize(200_000_000, b'\n');
            bytes
        }
        other => panic!("unknown recipe {other:?}"),
    }
}

fn check(entry: &Entry) -> Result<(), String> {
    let (name, bytes) = match (&entry.file, &entry.generate) {
        (Some(file), None) => {
            let path = corpus_dir().join(file);
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            (file.clone(), bytes)
        }
        (None, Some(recipe)) => (recipe.clone(), generate(recipe)),
        _ => return Err("give exactly one of file and generate".into()),
    };
    let display_name = Path::new(&name)
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
    let outcome = match entry.loader.as_str() {
        "csv" => run_csv(&bytes, &display_name, entry),
        "model" => run_model(&bytes),
        "onnx" => run_onnx(&bytes),
        "fhir" => run_fhir(&bytes, &display_name),
        "job" => run_job(&bytes, &display_name, entry, ModelSource::Train),
        "stored" | "stored_onnx" => {
            let (path, onnx) = if entry.loader == "stored" {
                (corpus_dir().join("model_valid.json"), false)
            } else {
                (corpus_dir().join("../onnx/plain.onnx"), true)
            };
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes_of_model = std::fs::read(&path).unwrap();
            let model = if onnx {
                ModelSource::Onnx {
                    file_name,
                    bytes: bytes_of_model,
                }
            } else {
                ModelSource::File {
                    file_name,
                    bytes: bytes_of_model,
                }
            };
            run_job(&bytes, &display_name, entry, model)
        }
        other => return Err(format!("unknown loader {other:?}")),
    };
    let e = &entry.expect;
    let mut wrong = Vec::new();
    if e.ok != outcome.ok {
        wrong.push(format!("ok: expected {}, found {}", e.ok, outcome.ok));
    }
    if e.ok {
        if e.code.is_some() || e.message.is_some() || !e.at.is_empty() {
            wrong.push("an accepted entry states no error".into());
        }
        if e.patients.is_some() && e.patients != outcome.patients {
            wrong.push(format!(
                "patients: expected {:?}, found {:?}",
                e.patients, outcome.patients
            ));
        }
        if e.markers.is_some() && e.markers != outcome.markers {
            wrong.push(format!(
                "markers: expected {:?}, found {:?}",
                e.markers, outcome.markers
            ));
        }
        if e.outcomes.is_some() && e.outcomes != outcome.outcomes {
            wrong.push(format!(
                "outcomes: expected {:?}, found {:?}",
                e.outcomes, outcome.outcomes
            ));
        }
        if e.missing_cells.is_some() && e.missing_cells != outcome.missing_cells {
            wrong.push(format!(
                "missing cells: expected {:?}, found {:?}",
                e.missing_cells, outcome.missing_cells
            ));
        }
    } else {
        match &e.code {
            None => wrong.push("a refused entry must state its code".into()),
            Some(code) if *code != outcome.code => {
                wrong.push(format!("code: expected {code}, found {}", outcome.code));
            }
            Some(_) => {}
        }
        match &e.message {
            None => wrong.push("a refused entry must state a message fragment".into()),
            Some(m) if !outcome.message.contains(m.as_str()) => {
                wrong.push(format!("message does not contain {m:?}"));
            }
            Some(_) => {}
        }
        for (key, value) in &e.at {
            if outcome.at.get(key) != Some(value) {
                wrong.push(format!(
                    "position {key}: expected {value}, found {:?}",
                    outcome.at.get(key)
                ));
            }
        }
        if let Some(n) = e.problems
            && n != outcome.problems
        {
            wrong.push(format!(
                "problems: expected {n}, found {}",
                outcome.problems
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n    found: {outcome:?}", wrong.join("\n    ")))
    }
}

fn manifest() -> Vec<Entry> {
    let path = corpus_dir().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    #[derive(Deserialize)]
    struct Manifest {
        entries: Vec<Entry>,
    }
    serde_json::from_str::<Manifest>(&text).unwrap().entries
}

/// Runs every entry of one loader; collects all failures so one run shows them all.
fn check_loader(loader: &str) {
    let entries: Vec<Entry> = manifest()
        .into_iter()
        .filter(|e| e.loader == loader)
        .collect();
    assert!(!entries.is_empty(), "no {loader} entries");
    let failures: Vec<String> = entries
        .iter()
        .filter_map(|entry| {
            check(entry).err().map(|why| {
                let name = entry
                    .file
                    .as_deref()
                    .or(entry.generate.as_deref())
                    .unwrap_or("?");
                format!("{name} ({}):\n    {why}", entry.about)
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {loader} entries differ from the manifest:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

#[test]
fn csv_corpus_gives_the_stated_problem_at_the_stated_cell() {
    check_loader("csv");
}

#[test]
fn model_file_corpus_gives_the_stated_problem() {
    check_loader("model");
}

#[test]
fn onnx_corpus_gives_the_stated_problem() {
    check_loader("onnx");
}

#[test]
fn fhir_corpus_gives_the_stated_problem_at_the_stated_resource() {
    check_loader("fhir");
}

#[test]
fn job_corpus_fails_with_a_message_or_finishes_with_finite_numbers() {
    check_loader("job");
}

#[test]
fn stored_model_corpus_explains_new_patients_or_says_why_not() {
    check_loader("stored");
    check_loader("stored_onnx");
}

/// Every file under the corpus is in the manifest, and every manifest file exists: a file
/// added without its expectation, or an expectation whose file was removed, fails here.
#[test]
fn manifest_lists_every_corpus_file() {
    let listed: std::collections::BTreeSet<String> =
        manifest().into_iter().filter_map(|e| e.file).collect();
    let mut on_disk = std::collections::BTreeSet::new();
    let root = corpus_dir();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name() != Some("manifest.json".as_ref()) {
                let rel = path.strip_prefix(&root).unwrap();
                on_disk.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "corpus files without an expectation: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "manifest files not in the corpus: {missing:?}"
    );
    assert!(
        on_disk.len() >= 40,
        "the corpus has {} files",
        on_disk.len()
    );
}
