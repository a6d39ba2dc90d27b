//! Progress of the worker's job: stage, epoch, losses, validation C-index, and a cancel button.

use survlens_app::job::state::JobStatus;
use survlens_app::sources::data_source::BundledCohort;
use survlens_app::sources::spec::JobSpec;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub job: JobStatus,
    pub on_cancel: Callback<()>,
    pub on_rerun: Callback<JobSpec>,
}

#[function_component]
pub fn JobPanel(props: &Props) -> Html {
    let rerun = {
        let cb = props.on_rerun.clone();
        Callback::from(move |_| cb.emit(BundledCohort::OPENING.job_spec()))
    };
    match &props.job {
        JobStatus::Idle => html! {},
        JobStatus::Running {
            stage,
            epochs,
            max_epochs,
            ..
        } => {
            let cancel = props.on_cancel.reform(|_: MouseEvent| ());
            let pct = props.job.fraction().unwrap_or(0.0) * 100.0;
            let last = epochs.last();
            html! {
                <section class="job" aria-live="polite" aria-busy="true" data-testid="job">
                    <div class="job-head">
                        <strong>{ stage.clone() }</strong>
                        <button type="button" class="secondary" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                    <progress max="100" value={format!("{pct:.0}")} aria-label="job progress"></progress>
                    if let Some(line) = last {
                        <p class="job-figures">
                            { format!(
                                "Epoch {} of at most {} · training loss {:.4} · validation loss {:.4} · validation C-index (Harrell) {:.3}",
                                line.epoch, max_epochs, line.train_loss, line.validation_loss, line.validation_cindex
                            ) }
                        </p>
                    }
                </section>
            }
        }
        JobStatus::Cancelled => html! {
            <section class="job notice" role="status">
                <p>{ "Training was cancelled. Nothing was changed." }</p>
                <button type="button" onclick={rerun}>{ "Open the default cohort again" }</button>
            </section>
        },
        JobStatus::Failed(failure) => html! {
            <section class="job error" role="alert" data-code={failure.code.clone()}>
                <p>{ format!("The job failed: {}", failure.message) }</p>
                <button type="button" onclick={rerun}>{ "Try again" }</button>
            </section>
        },
    }
}
