//! Interactions view.

use yew::prelude::*;

use super::ViewProps;

#[function_component]
pub fn InteractionsView(props: &ViewProps) -> Html {
    let _ = props;
    html! { <section class="panel"><h2>{ "Interactions" }</h2></section> }
}
