//! Model view.

use yew::prelude::*;

use super::ViewProps;

#[function_component]
pub fn ModelView(props: &ViewProps) -> Html {
    let _ = props;
    html! { <section class="panel"><h2>{ "Model" }</h2></section> }
}
