//! Teaching view.

use yew::prelude::*;

use super::ViewProps;

#[function_component]
pub fn TeachingView(props: &ViewProps) -> Html {
    let _ = props;
    html! { <section class="panel"><h2>{ "Teaching" }</h2></section> }
}
