//! The job explains a cohort a chunk of patients per step: the chunks add up to exactly the
//! explanation of the whole cohort at once, and the worker can report progress (and look for
//! a cancel) between them; the interaction search is then prepared a chunk per step too.

use survlens_app::core::i18n::Lang;
use survlens_app::core::session::ENCODE_CHUNK;
use survlens_app::job::pipeline::{EXPLAIN_CHUNK, Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::sources::spec::{CohortSource, JobSpec};
use survlens_synth::{Preset, SynthConfig};
use survlens_xai::{Composite, Lrp};

/// `n` new pan-cancer patients, of another seed than the default model's: every patient is
/// held out.
fn pan_cancer(n: usize) -> SynthConfig {
    SynthConfig {
        n_patients: n,
        seed: 11,
        preset: Preset::PanCancer,
    }
}

/// The default model's job on [`pan_cancer`]`(n)`.
fn pan_cancer_job(n: usize) -> Job {
    Job::new(JobSpec {
        source: CohortSource::Synthetic(pan_cancer(n)),
        ..JobSpec::pan_cancer_default()
    })
}

#[test]
fn chunked_explanation_equals_the_whole_cohort_at_once_and_reports_its_progress() {
    // A pan-cancer cohort of another seed than the default model's: every patient is held
    // out, and the size spans three chunks, the last one partial.
    let n = 2 * EXPLAIN_CHUNK + 404;
    let mut job = pan_cancer_job(n);
    let mut done_counts = Vec::new();
    let session = loop {
        match job.step().expect("the job runs") {
            JobStep::Progress(Response::Progress { stage, fraction }) => {
                if let Some(rest) = stage.strip_prefix("Explaining every patient: ") {
                    assert!((0.0..=1.0).contains(&fraction), "{fraction}");
                    // Counts grouped as the page's language groups them: "4,500".
                    let (done, total) = rest.split_once(" of ").expect("k of n");
                    assert_eq!(total.trim_end_matches(" done"), Lang::En.integer(n as i64));
                    done_counts.push(done.replace(',', "").parse::<usize>().expect("a count"));
                }
            }
            JobStep::Progress(Response::Stage(stage)) => {
                // A stored model is not trained: the page must not say so.
                assert!(!stage.contains("Training"), "{stage}");
            }
            JobStep::Explained(session) => break session,
            JobStep::Progress(_) | JobStep::FirstLook(_) => {}
            JobStep::Done(_) => panic!("the preview comes before the interaction search"),
        }
    };
    assert_eq!(
        done_counts,
        vec![0, EXPLAIN_CHUNK, 2 * EXPLAIN_CHUNK, n],
        "one report per chunk"
    );
    assert!(
        session.held_out.iter().all(|&h| h),
        "another seed: all held out"
    );

    // Reference: the same network and encoder over the whole cohort in one batch, grouped
    // into markers. A chunk is a whole number of the explainer's inner blocks, so the
    // floating-point work per patient is the same: equal bit for bit.
    let cohort = survlens_synth::generate(&pan_cancer(n))
        .expect("generates")
        .to_cohort()
        .expect("converts");
    let encoder = &session.model.encoder;
    let x = encoder
        .transform(cohort.view())
        .expect("encodes")
        .design
        .into_vec();
    let lrp = Lrp::new(&session.model.network, &Composite::paper()).expect("explainer");
    let whole = lrp.explain_batch(&x, n).expect("explains");
    assert_eq!(session.risk.as_slice(), whole.outputs());
    let to_marker = encoder.feature_map().input_to_marker();
    let m = session.n_markers();
    for i in [0, EXPLAIN_CHUNK - 1, EXPLAIN_CHUNK, n - 1] {
        let mut grouped = vec![0.0f32; m];
        for (&r, &j) in whole.row(i).expect("a row").iter().zip(&to_marker) {
            grouped[j] += r;
        }
        assert_eq!(
            &session.relevance[i * m..(i + 1) * m],
            grouped.as_slice(),
            "patient {i}"
        );
        let acc = whole.accounting(i).expect("accounting");
        assert_eq!(
            session.bias_relevance[i],
            acc.bias_share + acc.stabilizer_share
        );
    }
}

#[test]
fn the_interaction_search_is_prepared_a_chunk_of_the_cohort_per_step() {
    // Three chunks of patients, the last one partial: the search's reference reads the
    // cohort three times over and its default method encodes every patient once, each a
    // chunk per step, so the worker answers the page's views between them.
    let n = 2 * ENCODE_CHUNK + 404;
    let mut job = pan_cancer_job(n);
    let mut explained = false;
    let mut preparing = Vec::new();
    loop {
        match job.step().expect("the job runs") {
            JobStep::Explained(_) => explained = true,
            JobStep::Progress(Response::Progress { stage, .. }) if explained => {
                match stage.strip_prefix("Interactions: preparing the search, ") {
                    Some(rest) => preparing.push(rest.to_owned()),
                    None => break,
                }
            }
            JobStep::Done(_) => panic!("the search ended before it trained"),
            _ => {}
        }
    }
    let chunks = n.div_ceil(ENCODE_CHUNK);
    assert!(preparing.len() >= 4 * chunks, "{preparing:?}");
    assert_eq!(preparing.last().map(String::as_str), Some("100% done"));
}
