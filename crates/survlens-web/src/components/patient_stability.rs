//! How stable: the plain-language note beside the Patient view's waterfall on whether the
//! patient's top markers survive small changes of the measured values and agree across the
//! networks averaged in the model. The worker computes it on request
//! ([`ViewRequest::Stability`]); the sentence is `survlens_app`'s
//! ([`survlens_app::views::patient_stability::Stability::note`]).

use survlens_app::core::i18n::Arg;
use survlens_app::job::views::{ViewReply, ViewRequest};
use yew::prelude::*;

use super::{ViewProps, use_ask, use_lang};

/// The note for the selected patient.
#[function_component]
pub fn PatientStability(props: &ViewProps) -> Html {
    let lang = use_lang();
    let request = ViewRequest::Stability {
        patient: props.selected,
    };
    use_ask(props, vec![request.clone()]);
    let answer = props
        .answers
        .current_or_last(&request)
        .filter(|a| a.request == request);
    let body = match answer.map(|a| (&a.reply, a.ms)) {
        Some((ViewReply::Stability(Ok(s)), ms)) => html! {
            <p data-testid="stability-note" data-ms={format!("{ms:.2}")}
                data-mean-overlap={s.perturbation.mean_overlap().to_string()}
                data-members={s.members.as_ref().map_or(0, |m| m.tops.len()).to_string()}>
                { s.note_in(lang) }
            </p>
        },
        Some((ViewReply::Stability(Err(e)), _)) => html! {
            <p class="error" role="alert">{ lang.t_with("ui-stability-failed", &[("reason", Arg::Text(e.message(lang)))]) }</p>
        },
        _ => html! {
            <p class="computing" role="status" aria-live="polite">{ lang.t("ui-stability-computing") }</p>
        },
    };
    html! {
        <section class="stability" aria-labelledby="stability-heading" data-testid="stability">
            <h4 id="stability-heading">{ lang.t("ui-stability-heading") }</h4>
            { body }
        </section>
    }
}
