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
                <select data-testid="filter-body" onchange={set(|v, s| v.body = s)}>
                    <option value="" selected={v.body.is_empty()}>{ l.any_body }</option>
                    { for props.facets.bodies.iter().map(|b| html! {
                        <option value={b.clone()} selected={v.body == *b}>{ b }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ l.speaker }</span>
                <select data-testid="filter-speaker" onchange={set(|v, s| v.speaker = s)}>
                    <option value="" selected={v.speaker.is_empty()}>{ l.any_speaker }</option>
                    { for props.facets.speakers.iter().map(|b| html! {
                        <option value={b.clone()} selected={v.speaker == *b}>{ b }</option>
                    }) }
                </select>
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
