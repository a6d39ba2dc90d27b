//! Progress of the worker's job: stage, epoch, losses, validation C-index, and a cancel button.

use survlens_app::core::i18n::Arg;
use survlens_app::job::state::JobStatus;
use survlens_app::sources::data_source::BundledCohort;
use survlens_app::sources::spec::JobSpec;
use yew::prelude::*;

use super::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub job: JobStatus,
    pub on_cancel: Callback<()>,
    pub on_rerun: Callback<JobSpec>,
}

#[function_component]
pub fn JobPanel(props: &Props) -> Html {
    let lang = use_lang();
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
                        <button type="button" class="secondary" onclick={cancel}>{ lang.t("job-cancel") }</button>
                    </div>
                    <progress max="100" value={format!("{pct:.0}")} aria-label={lang.t("job-progress")}></progress>
                    if let Some(line) = last {
                        <p class="job-figures">
                            { lang.t_with("job-epoch", &[
                                ("epoch", Arg::Count(line.epoch as u64)),
                                ("max", Arg::Count(*max_epochs as u64)),
                                ("train", Arg::Text(&lang.decimal(line.train_loss, 4))),
                                ("validation", Arg::Text(&lang.decimal(line.validation_loss, 4))),
                                ("cindex", Arg::Text(&lang.decimal(line.validation_cindex, 3))),
                            ]) }
                        </p>
                    }
                </section>
            }
        }
        JobStatus::Cancelled => html! {
            <section class="job notice" role="status">
                <p>{ lang.t("job-cancelled") }</p>
                <button type="button" onclick={rerun}>{ lang.t("job-open-default") }</button>
            </section>
        },
        JobStatus::Failed(failure) => html! {
            <section class="job error" role="alert" data-code={failure.code.clone()}>
                <p>{ lang.t_with("job-failed", &[("reason", Arg::Text(failure.message(lang)))]) }</p>
                <button type="button" onclick={rerun}>{ lang.t("job-retry") }</button>
            </section>
        },
    }
}
