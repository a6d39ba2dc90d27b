//! What several test files share: the demo session, computed once per test binary, and
//! the workspace's Rust sources for the tests that read them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Finished, Job, JobStep};
use survlens_app::job::views::ViewRequest;
use survlens_app::sources::spec::{JobSpec, Recipe};
use survlens_app::views::cohort_view::{Population, RiskGrouping};

/// The page's teaching demo trained by the study's recipe with a short budget (5 epochs per
/// stage), computed once for all tests of a file. The `auto` recipe's own path is tested in
/// `view_model.rs`.
#[allow(dead_code, reason = "not every test binary uses the demo session")]
pub fn demo_session() -> &'static Session {
    &demo_job().session
}

/// The finished demo job of [`demo_session`]: the session and its interactions.
#[allow(
    dead_code,
    reason = "not every test file that shares the session reads the search"
)]
pub fn demo_job() -> &'static Finished {
    static JOB: OnceLock<Finished> = OnceLock::new();
    JOB.get_or_init(|| {
        let mut spec = JobSpec::demo();
        spec.recipe = Recipe::Study;
        spec.training.epochs_per_stage = 5;
        let mut job = Job::new(spec);
        loop {
            match job.step() {
                Ok(JobStep::Done(done)) => return *done,
                Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}

/// Every kind of view request once, about patient `patient` and markers `marker` and
/// `marker + 1`; the patient's report both with its recorded values and with one edit.
#[allow(dead_code, reason = "not every test binary walks the views")]
pub fn every_view_request(patient: usize, marker: usize) -> Vec<ViewRequest> {
    use survlens_app::views::interactions_view::Method;
    use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};
    use survlens_app::views::whatif::Edits;
    let mut edits = Edits::default();
    edits.set(&[f32::NAN; 1024], marker, 1.0);
    let edits_new = edits.clone();
    let mut requests = vec![
        ViewRequest::Patient {
            patient,
            edits: Edits::default(),
            explanation: Explanation::Study,
        },
        ViewRequest::Patient {
            patient,
            edits,
            explanation: Explanation::Study,
        },
        ViewRequest::Patient {
            patient,
            edits: Edits::default(),
            explanation: Explanation::TypicalPatient {
                of: ReferenceGroup::Entity,
            },
        },
        ViewRequest::NewPatientForm,
        ViewRequest::NewPatient {
            values: Edits::default(),
            edits: edits_new.clone(),
            explanation: Explanation::Study,
        },
        ViewRequest::PatientComparison {
            patient,
            other: patient + 1,
            explanation: Explanation::TypicalPatient {
                of: ReferenceGroup::Entity,
            },
        },
        ViewRequest::ModelContrast {
            patient,
            explanation: Explanation::Study,
        },
        ViewRequest::PatientList {
            query: String::new(),
        },
        ViewRequest::ModelReport,
        ViewRequest::MethodComparison { patient },
        ViewRequest::CohortSummary,
        ViewRequest::Discrimination,
        ViewRequest::RiskGroupCounts,
        ViewRequest::KeyMarkers { percent: 90 },
        ViewRequest::Beeswarm,
        ViewRequest::EntityHeatmap,
        ViewRequest::Dependence {
            marker,
            colour: Some(marker + 1),
        },
        ViewRequest::MarkerProfile { patient, marker },
        ViewRequest::Stability { patient },
        ViewRequest::OverTime { patient },
        ViewRequest::CohortEffects { marker },
        ViewRequest::Fidelity,
        ViewRequest::TruthComparison { patient },
    ];
    for grouping in RiskGrouping::ALL {
        for population in Population::ALL {
            requests.push(ViewRequest::RiskGroupSurvival {
                grouping,
                population,
            });
        }
    }
    for method in Method::ALL {
        requests.push(ViewRequest::Interactions { method });
        requests.push(ViewRequest::InteractionPair {
            method,
            a: marker,
            b: marker + 1,
        });
    }
    requests
}

/// Every `.rs` file under `dir`, for the tests that read the sources.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The sources of the workspace crate `krate` (`survlens-xai`), each file without its test
/// module; the files of a `tests` module of their own (`bundle/tests.rs`) are left out.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn sources(krate: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join(krate).join("src"), &mut files);
    files
        .iter()
        .filter(|file| !file.ends_with("tests.rs"))
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            match text.find("mod tests {") {
                Some(end) => text[..end].to_owned(),
                None => text,
            }
        })
        .collect()
}

/// The text of a Rust string literal starting right after its opening quotation mark: its
/// escapes resolved and line continuations (`\` at a line's end) joined.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn literal(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'n' => out.push('\n'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The arguments of every call of `function` in `text` (`function` as written before the
/// opening parenthesis, `ModelError::length`), one list per call: each argument's text
/// when it is a string literal, `None` otherwise.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn call_arguments(text: &str, function: &str) -> Vec<Vec<Option<String>>> {
    let call = format!("{function}(");
    text.match_indices(&call)
        // A call of `function`, not of a longer name that ends with it.
        .filter(|(at, _)| starts_a_name(text, *at))
        .map(|(at, _)| arguments(&text[at + call.len()..]))
        .collect()
}

/// Whether a name starts at byte `at` of `text`: no letter, digit or `_` before it.
fn starts_a_name(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The top-level arguments of a call whose text starts right after its opening parenthesis.
fn arguments(rest: &str) -> Vec<Option<String>> {
    let mut args = Vec::new();
    let (mut depth, mut start, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    let argument = |text: &str| {
        let text = text.trim();
        text.strip_prefix('"')
            .and_then(literal)
            .filter(|l| text.len() >= l.len() + 2 && text.ends_with('"'))
    };
    for (i, c) in rest.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                if !rest[start..i].trim().is_empty() {
                    args.push(argument(&rest[start..i]));
                }
                return args;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(argument(&rest[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    args
}

/// The string literals given as the second argument of calls of `function` in `text`.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn second_arguments(text: &str, function: &str) -> Vec<String> {
    call_arguments(text, function)
        .into_iter()
        .filter_map(|args| args.into_iter().nth(1).flatten())
        .collect()
}

/// The string literals given as `field: "..."` in `text`.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn field_literals(text: &str, field: &str) -> Vec<String> {
    let pattern = format!("{field}: \"");
    text.match_indices(&pattern)
        .filter(|(at, _)| starts_a_name(text, *at))
        .filter_map(|(at, _)| literal(&text[at + pattern.len()..]))
        .collect()
}

/// `text` as a `&'static str`, for an error field a test builds from a scanned phrase.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// Whether argument `arg` of `message` is a message of its own (a catalogue phrase), not
/// a text quoted as it is.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn is_nested(message: &survlens_data::Message, arg: &str) -> bool {
    message
        .args
        .iter()
        .any(|(name, value)| *name == arg && matches!(value, survlens_data::MessageArg::Nested(_)))
}
