//! Filters: date range, level, body, speaker, and a free-text search over
//! directives whose input is debounced (a stored `gloo` Timeout).

use crate::model::Level;
use crate::ui::i18n::Labels;
use crate::ui::state::{Action, Facets};
use crate::ui::view::{valid_date, View};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How long typing must pause before the search runs.
pub const DEBOUNCE_MS: u32 = 250;

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    pub view: View,
    pub facets: Rc<Facets>,
    pub labels: &'static Labels,
    pub on: Callback<Action>,
}

#[function_component(Filters)]
pub fn filters(props: &FiltersProps) -> Html {
    let l = props.labels;
    let typed = use_state(|| props.view.query.clone());
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        // The view may change from elsewhere (the hash, reset): follow it.
        let typed = typed.clone();
        use_effect_with(props.view.query.clone(), move |q| {
            if *typed != *q {
                typed.set(q.clone());
            }
        });
    }
    let set = |f: fn(&mut View, String)| {
        let view = props.view.clone();
        let on = props.on.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut v = view.clone();
            f(&mut v, value);
            on.emit(Action::SetView(v));
        })
    };
    let on_query = {
        let typed = typed.clone();
        let on = props.on.clone();
        let timer = timer.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            typed.set(value.clone());
            let on = on.clone();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || on.emit(Action::SetQuery(value))));
        })
    };
    let reset = {
        let on = props.on.clone();
        let view = props.view.clone();
        Callback::from(move |_: MouseEvent| on.emit(Action::SetView(view.reset())))
    };
    let v = &props.view;
    html! {
        <form class="filters" role="search" aria-label={l.filters} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="field">
                <span>{ l.from }</span>
                <input type="date" data-testid="filter-from" value={v.from.clone()}
                    onchange={set(|v, s| v.from = if valid_date(&s) { s } else { String::new() })} />
            </label>
            <label class="field">
                <span>{ l.to }</span>
                <input type="date" data-testid="filter-to" value={v.to.clone()}
                    onchange={set(|v, s| v.to = if valid_date(&s) { s } else { String::new() })} />
            </label>
            <label class="field">
                <span>{ l.level }</span>
                <select data-testid="filter-level" onchange={set(|v, s| v.level = Level::parse(&s))}>
                    <option value="" selected={v.level.is_none()}>{ l.any_level }</option>
                    { for Level::ALL.iter().filter(|lv| props.facets.levels.contains(lv) || v.level == Some(**lv)).map(|&lv| html! {
                        <option value={lv.as_str()} selected={v.level == Some(lv)}>{ l.level(lv) }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ l.body }</span>
                <FacetSelect testid="filter-body" any={l.any_body} facets={props.facets.clone()} speakers={false}
                    selected={v.body.clone()} onchange={set(|v, s| v.body = s)} />
            </label>
            <label class="field">
                <span>{ l.speaker }</span>
                <FacetSelect testid="filter-speaker" any={l.any_speaker} facets={props.facets.clone()} speakers={true}
                    selected={v.speaker.clone()} onchange={set(|v, s| v.speaker = s)} />
            </label>
            <label class="field search">
                <span>{ l.search }</span>
                <input type="search" data-testid="search" placeholder={l.search_placeholder}
                    value={(*typed).clone()} oninput={on_query} />
            </label>
            <button type="button" class="reset" data-testid="reset" disabled={!v.filters()} onclick={reset}>{ l.reset }</button>
        </form>
    }
}

/// Lists longer than this get their options only once their select is
/// focused or pressed: a corpus of 10,000 reports names some 20,000 speakers,
/// and building that many options on every change of the corpus would hold
/// the main thread while a load runs.
pub const LAZY_OPTIONS: usize = 500;

#[derive(Properties, PartialEq)]
pub struct FacetSelectProps {
    pub testid: &'static str,
    /// The label of the empty choice.
    pub any: &'static str,
    pub facets: Rc<Facets>,
    /// The speakers, else the bodies.
    pub speakers: bool,
    pub selected: String,
    pub onchange: Callback<Event>,
}

/// A select over the bodies or the speakers of the corpus.
#[function_component(FacetSelect)]
pub fn facet_select(props: &FacetSelectProps) -> Html {
    let opened = use_state(|| false);
    let values = if props.speakers { &props.facets.speakers } else { &props.facets.bodies };
    let all = *opened || values.len() <= LAZY_OPTIONS;
    let open = {
        let opened = opened.clone();
        move || {
            if !*opened {
                opened.set(true);
            }
        }
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open())
    };
    let onmousedown = Callback::from(move |_: MouseEvent| open());
    let selected = &props.selected;
    html! {
        <select data-testid={props.testid} onchange={props.onchange.clone()} {onfocus} {onmousedown}
            data-options={values.len().to_string()}>
            <option value="" selected={selected.is_empty()}>{ props.any }</option>
            if all {
                { for values.iter().map(|b| html! {
                    <option value={b.clone()} selected={selected == b}>{ b }</option>
                }) }
            } else if !selected.is_empty() {
                <option value={selected.clone()} selected=true>{ selected }</option>
            }
        </select>
    }
}
