//! Cohort overview view.

use yew::prelude::*;

use super::ViewProps;

#[function_component]
pub fn CohortView(props: &ViewProps) -> Html {
    let _ = props;
    html! { <section class="panel"><h2>{ "Cohort overview" }</h2></section> }
}
