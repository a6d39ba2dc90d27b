//! The page's interaction search on the page's opening cohort (the synthetic pan-cancer
//! cohort, 15,726 patients, explained by the default model), timed natively stage by stage:
//! the two cross-fitted networks, the default method's screens and tests, the network
//! couplings. One run (minutes), no repetitions: `cargo bench -p survlens-app --bench
//! interaction_search`. Prints, never asserts; the figures are in the interactions
//! documentation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Instant;

use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::interactions_view::{ConfirmedOutcome, InteractionSearch};

fn main() {
    let spec = JobSpec::pan_cancer_default();
    let mut job = Job::new(spec);
    let start = Instant::now();
    let session = loop {
        match job.step() {
            Ok(JobStep::Explained(s)) => break s,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    };
    println!(
        "explained {} patients in {:.1} s",
        session.n_patients(),
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let mut search = InteractionSearch::new(&session).unwrap();
    let mut last_stage = String::new();
    let mut stage_start = Instant::now();
    let mut steps = 0usize;
    let mut longest = 0.0f64;
    loop {
        let stage = search.stage(survlens_app::core::i18n::Lang::En);
        // The stage without its counters: "Interactions: training network", "...: testing
        // pair", and so on.
        let kind: String = stage
            .split_whitespace()
            .take_while(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ");
        if kind != last_stage {
            if !last_stage.is_empty() {
                println!(
                    "  {last_stage:<48} {:.1} s",
                    stage_start.elapsed().as_secs_f64()
                );
            }
            last_stage = kind;
            stage_start = Instant::now();
        }
        let step = Instant::now();
        let more = search.step().unwrap();
        longest = longest.max(step.elapsed().as_secs_f64());
        steps += 1;
        if !more {
            break;
        }
    }
    println!(
        "  {last_stage:<48} {:.1} s",
        stage_start.elapsed().as_secs_f64()
    );
    let found = search.finish(&session).unwrap();
    println!(
        "interaction search: {:.1} s in {steps} steps (longest step {longest:.2} s)",
        start.elapsed().as_secs_f64()
    );
    match &found.confirmed {
        ConfirmedOutcome::Found(c) => println!(
            "default method: {} of {} tested pairs declared, {} candidate markers, {} pairs screened per network",
            c.declared,
            c.pairs.len(),
            c.candidates.len(),
            c.screened_pairs
        ),
        ConfirmedOutcome::NotRun(why) => println!("default method did not run: {why}"),
    }
}
