//! `survlens demo`: the page's demo, computed natively; and the explained session the
//! one-patient subcommands (`profile`, `stability`) read: a demo, or the user's files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use serde::Serialize;
use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::sources::data_source::{FileDraft, Mapping, MappingIssue, ProblemList};
use survlens_app::sources::model_file::ModelFile;
use survlens_app::sources::spec::JobSpec;

/// Arguments of `survlens demo`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the explained cohort as JSON (patient ids, marker ids, risks, relevances).
    #[arg(long)]
    json: bool,
    /// Which demo: the synthetic pan-cancer cohort explained by the default model (what the
    /// page opens on), or the small teaching cohort trained from scratch (the page's
    /// `?cohort=teaching`).
    #[arg(long, value_enum, default_value_t = Demo::PanCancer)]
    cohort: Demo,
}

/// The demos of the page, shared by the subcommands that explain one of them.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Demo {
    /// 15,726 synthetic patients, 38 entities, 349 markers, the embedded default model.
    PanCancer,
    /// 600 synthetic patients, 16 markers, networks trained on the spot.
    Teaching,
}

impl Demo {
    /// The page's job for this demo.
    pub fn spec(self) -> JobSpec {
        match self {
            Self::PanCancer => JobSpec::pan_cancer_default(),
            Self::Teaching => JobSpec::demo(),
        }
    }

    /// The demo's explained session, its job run quietly to the end.
    pub fn session(self) -> Result<Session> {
        run_quietly(self.spec(), "demo job")
    }
}

/// Where a subcommand's explained session comes from: one of the page's demos, or a CSV
/// file read as the page's Data panel reads it (its columns detected), explained by a model
/// file or by the study's network trained on it.
#[derive(clap::Args)]
pub struct SessionArgs {
    /// Which demo session [default: pan-cancer]: the synthetic pan-cancer cohort explained
    /// by the default model (the page's opening, one network) or the teaching cohort
    /// trained on the spot (the `auto` recipe's averaged networks).
    #[arg(long, value_enum, conflicts_with = "data")]
    cohort: Option<Demo>,
    /// A CSV file of patients instead of a demo; its columns are detected as the page's
    /// Data panel detects them (time, event, id, entity, markers).
    #[arg(long)]
    data: Option<PathBuf>,
    /// A model file (a survlens `.json` or an ONNX `.onnx`) that explains the `--data`
    /// file, which then needs no outcome columns [default: the study's network trained on
    /// the file, as the page's Train button does].
    #[arg(long, requires = "data")]
    model: Option<PathBuf>,
}

impl SessionArgs {
    /// The explained session, its job run quietly to the end.
    ///
    /// # Errors
    /// A file that cannot be read, with every problem the page would list (row, column).
    pub fn session(&self) -> Result<Session> {
        match &self.data {
            None => self.cohort.unwrap_or(Demo::PanCancer).session(),
            Some(data) => {
                let spec = file_spec(data, self.model.as_deref())?;
                run_quietly(spec, &format!("explaining {}", data.display()))
            }
        }
    }
}

/// The page's job for the CSV `data`, with the model file `model` or trained on the file.
fn file_spec(data: &Path, model: Option<&Path>) -> Result<JobSpec> {
    let (name, bytes) = read_named(data)?;
    let draft = FileDraft::read(&name, bytes).map_err(|list| problems(&list))?;
    let mapping = Mapping::detected(&draft);
    let unmapped = |issues: Vec<MappingIssue>| {
        let lines: Vec<String> = issues.into_iter().map(|i| i.message).collect();
        anyhow!(
            "{name}: the columns were not understood:\n{}",
            lines.join("\n")
        )
    };
    match model {
        None => mapping.job_spec(&draft).map_err(unmapped),
        Some(model) => {
            let source = mapping.source(&draft).map_err(unmapped)?;
            let (model_name, model_bytes) = read_named(model)?;
            let model = ModelFile::read(&model_name, model_bytes).map_err(|l| problems(&l))?;
            Ok(model.apply_to(JobSpec {
                source,
                ..JobSpec::demo()
            }))
        }
    }
}

/// The file's name (as messages name it) and its bytes.
fn read_named(path: &Path) -> Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, bytes))
}

/// The problems of a refused file, one line each with its row and column.
fn problems(list: &ProblemList) -> anyhow::Error {
    let mut text = list.summary();
    for p in &list.problems {
        text.push('\n');
        if let Some(row) = p.row {
            text.push_str(&format!("row {row}, "));
        }
        if let Some(column) = &p.column {
            text.push_str(&format!("column {column}: "));
        }
        text.push_str(&p.message);
    }
    if list.omitted > 0 {
        text.push_str(&format!("\n... and {} more", list.omitted));
    }
    anyhow!(text)
}

/// Runs `spec` to its explained session without printing progress.
fn run_quietly(spec: JobSpec, what: &str) -> Result<Session> {
    let mut job = Job::new(spec);
    loop {
        match job.step() {
            Ok(JobStep::Done(done)) => return Ok(done.into_session()),
            Ok(_) => {}
            Err(e) => return Err(anyhow!("{what}: {e}")),
        }
    }
}

/// The row of the patient `id` of `session`, or its first patient when `id` is `None`.
pub fn patient_row(session: &Session, id: Option<&str>) -> Result<usize> {
    match id {
        None => Ok(session.first_patient()),
        Some(id) => session
            .patient_ids
            .iter()
            .position(|p| p == id)
            .ok_or_else(|| anyhow!("the cohort has no patient \"{id}\"")),
    }
}

#[derive(Serialize)]
struct DemoJson<'a> {
    title: &'a str,
    patient_ids: &'a [String],
    marker_ids: Vec<&'a str>,
    risk: &'a [f32],
    relevance: &'a [f32],
    bias_relevance: &'a [f32],
    test_cindex: f64,
}

/// Runs the chosen demo job to completion, printing progress to stderr.
pub fn run(args: &Args) -> Result<()> {
    let mut job = Job::new(args.cohort.spec());
    let session = loop {
        match job.step().context("demo job")? {
            JobStep::Progress(Response::Stage(s)) => eprintln!("{s}"),
            JobStep::Progress(Response::Epoch { line, max_epochs }) => eprintln!(
                "epoch {}/{}: train loss {:.4}, validation loss {:.4}, validation C {:.3}",
                line.epoch,
                max_epochs,
                line.train_loss,
                line.validation_loss,
                line.validation_cindex
            ),
            JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_) => {}
            JobStep::Done(done) => break done.into_session(),
        }
    };
    if args.json {
        let title = session.title.to_string();
        let out = DemoJson {
            title: &title,
            patient_ids: &session.patient_ids,
            marker_ids: session.markers.iter().map(|m| m.id.as_str()).collect(),
            risk: &session.risk,
            relevance: &session.relevance,
            bias_relevance: &session.bias_relevance,
            test_cindex: session.test_cindex,
        };
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!(
            "{}: {} patients, {} markers, held-out C-index (Harrell) {:.3}",
            session.title,
            session.n_patients(),
            session.n_markers(),
            session.test_cindex
        );
    }
    Ok(())
}
