//! The what-if form: one input per marker (numbers with their unit, selects for levels and
//! treatments) holding the patient's values; every edit is sent up at once, and a reset
//! button returns to the recorded values. The form never touches the loaded cohort: it
//! only reports edits.

use survlens_app::core::i18n::{Arg, Lang};
use survlens_app::core::session::MarkerInfo;
use survlens_app::views::whatif::{FieldKind, WhatIfField, parse_choice, parse_numeric};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_lang;

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
    let lang = use_lang();
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
                <h3 id="whatif-heading">{ lang.t("ui-whatif-heading") }</h3>
                <button type="button" class="secondary" onclick={reset} disabled={edited == 0}
                    data-testid="whatif-reset" aria-label={if props.typed {
                        lang.t("ui-whatif-reset-typed")
                    } else {
                        lang.t("ui-whatif-reset-recorded")
                    }}>
                    { lang.t("ui-whatif-reset") }
                </button>
            </div>
            <p class="muted">{ if props.typed {
                lang.t("ui-whatif-help-typed")
            } else {
                lang.t_with("ui-whatif-help", &[("id", Arg::Text(&props.patient))])
            } }</p>
            if let Some(summary) = &props.summary {
                <p class="whatif-summary" role="status" aria-live="polite" data-testid="whatif-delta">{ summary.clone() }</p>
            }
            if let Some(failure) = &props.failure {
                <p class="error" role="alert">{ lang.t_with("ui-whatif-unavailable", &[("reason", Arg::Text(failure))]) }</p>
            }
            <div class="whatif-fields">
            { for props.fields.iter().take(shown).map(|f| field(lang, f, props)) }
            </div>
            if many {
                <button type="button" class="link" onclick={toggle} aria-expanded={show_all.to_string()}>
                    { if *show_all { lang.t("ui-whatif-fewer") } else { lang.t_with("ui-whatif-all", &[("n", Arg::Count(props.fields.len() as u64))]) } }
                </button>
            }
        </section>
    }
}

fn field(lang: Lang, f: &WhatIfField, props: &Props) -> Html {
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
            let training = training_range.map(|[lo, hi]| {
                lang.t_with(
                    "ui-whatif-hint-training",
                    &[
                        ("low", Arg::Text(&short(lang, lo))),
                        ("high", Arg::Text(&short(lang, hi))),
                    ],
                )
            });
            let reference = reference_range.map(|(lo, hi)| {
                lang.t_with(
                    "ui-whatif-hint-reference",
                    &[
                        ("low", Arg::Text(&short(lang, f64::from(lo)))),
                        ("high", Arg::Text(&short(lang, f64::from(hi)))),
                    ],
                )
            });
            let hint = [training, reference]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            html! {
                <div class="whatif-input">
                    <input id={input_id.clone()} type="number" step="any" inputmode="decimal"
                        value={if value.is_nan() { String::new() } else { value.to_string() }}
                        placeholder={lang.t("ui-whatif-missing")} {oninput} {onchange} title={hint.clone()}
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
                        <option value="" selected={value.is_nan()}>{ lang.t("ui-whatif-missing") }</option>
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
                if f.treatment { <span class="tag">{ lang.t("ui-whatif-treatment") }</span> }
            </label>
            { control }
            if changed {
                <span class="was">{ if props.typed {
                    lang.t_with("ui-whatif-was-typed", &[("value", Arg::Text(&was))])
                } else {
                    lang.t_with("ui-whatif-was-recorded", &[("value", Arg::Text(&was))])
                } }</span>
            }
        </div>
    }
}

/// A range's end in a hint: at most four decimals, trailing zeros dropped ("12.5", not
/// "12.5000"), with the language's decimal mark.
fn short(lang: Lang, x: f64) -> String {
    let text = lang.decimal(x, 4);
    if text.contains(lang.decimal_mark()) {
        text.trim_end_matches('0')
            .trim_end_matches(lang.decimal_mark())
            .to_owned()
    } else {
        text
    }
}
