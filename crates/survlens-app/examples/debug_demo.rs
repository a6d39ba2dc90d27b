use survlens_app::pipeline::{Job, JobSpec, JobStep, Recipe};
fn main() {
    let mut spec = JobSpec::demo();
    spec.recipe = Recipe::Study;
    spec.training.epochs_per_stage = std::env::args().nth(1).map_or(5, |s| s.parse().unwrap());
    let mut job = Job::new(spec);
    let s = loop {
        match job.step() {
            Ok(JobStep::Done(s)) => break *s,
            Ok(JobStep::Progress(_)) => {}
            Err(e) => panic!("{e}"),
        }
    };
    let mut r: Vec<f32> = s.risk.clone();
    r.sort_by(f32::total_cmp);
    r.dedup();
    println!("{} patients, {} distinct risks, C {}", s.n_patients(), r.len(), s.test_cindex);
    println!("{:?}", &r[..r.len().min(10)]);
    for h in &s.history { println!("{:?}", h); }
}
