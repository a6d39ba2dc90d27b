//! Markers view.

use yew::prelude::*;

use super::ViewProps;

#[function_component]
pub fn MarkersView(props: &ViewProps) -> Html {
    let _ = props;
    html! { <section class="panel"><h2>{ "Markers" }</h2></section> }
}
