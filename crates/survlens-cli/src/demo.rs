//! `survlens demo`: the page's demo, computed natively.

use anyhow::{Context, Result, anyhow};
use serde::Serialize;
use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
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
        let mut job = Job::new(self.spec());
        loop {
            if let JobStep::Done(done) = job.step().context("demo job")? {
                return Ok(done.into_session());
            }
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
        let out = DemoJson {
            title: &session.title,
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
