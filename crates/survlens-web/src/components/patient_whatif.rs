//! The what-if form: one input per marker (numbers with their unit, selects for levels and
//! treatments) holding the patient's values; every edit is sent up at once, and a reset
//! button returns to the recorded values. The form never touches the loaded cohort: it
//! only reports edits.

use survlens_app::core::session::MarkerInfo;
use survlens_app::views::whatif::{FieldKind, WhatIfField, parse_choice, parse_numeric};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Fields shown before "show all markers" on cohorts with many markers.
const FIRST_FIELDS: usize = 16;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Patient id, to label the form.
    pub patient: AttrValue,
    /// The fields, treatments first.
    pub fields: Vec<WhatIfField>,
    /// The markers, for formatting values.
    pub markers: Vec<MarkerInfo>,
    /// Current values, one per session marker (edited or recorded).
    pub values: Vec<f32>,
    /// One line on the change against the recorded values, when edited.
    #[prop_or_default]
    pub summary: Option<AttrValue>,
    /// An edit: session marker index and its new raw value (NaN = missing).
    pub on_edit: Callback<(usize, f32)>,
    /// Back to the recorded values.
    pub on_reset: Callback<()>,
    /// Why the engine could not run, if it could not.
    #[prop_or_default]
    pub failure: Option<AttrValue>,
    /// Whether the patient is a new one typed in: its starting values are the typed ones,
    /// not recorded data.
    #[prop_or_default]
    pub typed: bool,
}

fn same(a: f32, b: f32) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

#[function_component]
pub fn WhatIfForm(props: &Props) -> Html {
    let show_all = use_state(|| false);
    let many = props.fields.len() > FIRST_FIELDS + 4;
    let shown = if many && !*show_all {
        FIRST_FIELDS
    } else {
        props.fields.len()
    };
    let edited = props
        .fields
        .iter()
        .filter(|f| {
            !same(
                f.original,
                props.values.get(f.marker).copied().unwrap_or(f32::NAN),
            )
        })
        .count();
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    html! {
        <section class="whatif" aria-labelledby="whatif-heading" data-testid="whatif-form">
            <div class="whatif-head">
                <h3 id="whatif-heading">{ "What if?" }</h3>
                <button type="button" class="secondary" onclick={reset} disabled={edited == 0}
                    data-testid="whatif-reset" aria-label={if props.typed {
                        "Reset every marker to the typed values"
                    } else {
                        "Reset every marker to the recorded values"
                    }}>
                    { "Reset" }
                </button>
            </div>
            <p class="muted">{ if props.typed {
                "Change a value or a treatment of the new patient: risk, survival and contributions update at once. The typed values are kept for Reset.".to_owned()
            } else {
                format!("Change a value or a treatment of patient {}: risk, survival and contributions update at once. The recorded data are never changed.", props.patient)
            } }</p>
            if let Some(summary) = &props.summary {
                <p class="whatif-summary" role="status" aria-live="polite" data-testid="whatif-delta">{ summary.clone() }</p>
            }
            if let Some(failure) = &props.failure {
                <p class="error" role="alert">{ format!("What-if is unavailable: {failure}") }</p>
            }
            <div class="whatif-fields">
            { for props.fields.iter().take(shown).map(|f| field(f, props)) }
            </div>
            if many {
                <button type="button" class="link" onclick={toggle} aria-expanded={show_all.to_string()}>
                    { if *show_all { "Show fewer markers".to_owned() } else { format!("Show all {} markers", props.fields.len()) } }
                </button>
            }
        </section>
    }
}

fn field(f: &WhatIfField, props: &Props) -> Html {
    let value = props.values.get(f.marker).copied().unwrap_or(f32::NAN);
    let changed = !same(value, f.original);
    let input_id = format!("whatif-{}", f.id);
    let marker = f.marker;
    let was = props
        .markers
        .get(f.marker)
        .map(|m| m.format(f.original))
        .unwrap_or_default();
    let control = match &f.kind {
        FieldKind::Numeric {
            unit,
            training_range,
            reference_range,
        } => {
            let on_edit = props.on_edit.clone();
            // While typing, only complete numbers apply; an emptied field means "missing"
            // once the user leaves it.
            let oninput = Callback::from(move |e: InputEvent| {
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                if let Some(v) = parse_numeric(&text).filter(|v| !v.is_nan()) {
                    on_edit.emit((marker, v));
                }
            });
            let on_edit = props.on_edit.clone();
            let onchange = Callback::from(move |e: Event| {
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                if let Some(v) = parse_numeric(&text) {
                    on_edit.emit((marker, v));
                }
            });
            let hint = match (training_range, reference_range) {
                (Some([lo, hi]), Some((rlo, rhi))) => {
                    format!("training {lo:.4} to {hi:.4}; reference {rlo} to {rhi}")
                }
                (Some([lo, hi]), None) => format!("training {lo:.4} to {hi:.4}"),
                (None, Some((rlo, rhi))) => format!("reference {rlo} to {rhi}"),
                (None, None) => String::new(),
            };
            let hint = trim_zeros(&hint);
            html! {
                <div class="whatif-input">
                    <input id={input_id.clone()} type="number" step="any" inputmode="decimal"
                        value={if value.is_nan() { String::new() } else { value.to_string() }}
                        placeholder="missing" {oninput} {onchange} title={hint.clone()}
                        data-marker={f.id.clone()} />
                    if !unit.is_empty() { <span class="unit">{ unit.clone() }</span> }
                </div>
            }
        }
        FieldKind::Choice { levels } => {
            let on_edit = props.on_edit.clone();
            let n = levels.len();
            let onchange = Callback::from(move |e: Event| {
                let text = e.target_unchecked_into::<HtmlSelectElement>().value();
                if let Some(v) = parse_choice(&text, n) {
                    on_edit.emit((marker, v));
                }
            });
            html! {
                <div class="whatif-input">
                    <select id={input_id.clone()} {onchange} data-marker={f.id.clone()}>
                        <option value="" selected={value.is_nan()}>{ "missing" }</option>
                        { for levels.iter().enumerate().map(|(k, level)| html! {
                            <option value={k.to_string()} selected={!value.is_nan() && value as usize == k}>{ level.clone() }</option>
                        }) }
                    </select>
                </div>
            }
        }
    };
    html! {
        <div class={classes!("whatif-field", changed.then_some("changed"))}>
            <label for={input_id}>
                { f.name.clone() }
                if f.treatment { <span class="tag">{ "treatment" }</span> }
            </label>
            { control }
            if changed {
                <span class="was">{ format!("{}: {was}", if props.typed { "typed" } else { "recorded" }) }</span>
            }
        </div>
    }
}

/// "12.5000" -> "12.5" in a hint text: training ranges come as f64 with four decimals.
fn trim_zeros(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let (number, tail) = match word.strip_suffix(';') {
                Some(n) => (n, ";"),
                None => (word, ""),
            };
            if number.contains('.') && number.parse::<f64>().is_ok() {
                let t = number.trim_end_matches('0').trim_end_matches('.');
                format!("{t}{tail}")
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
