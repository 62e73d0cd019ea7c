//! One meeting: when, who held it, its level, name, chair and speakers; a
//! toggle opens its details ([`super::MeetingDetails`]).

use super::{Highlighted, MeetingDetails};
use crate::model::{DateBasis, Person, WarningKind};
use crate::span::Span;
use crate::ui::i18n::{Labels, EN};
use crate::ui::state::{matching_directives, Action, MeetingRef};
use crate::ui::text::{matches, Script};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MeetingCardProps {
    pub meeting: MeetingRef,
    /// Position among the cards shown (keyboard navigation).
    #[prop_or_default]
    pub ord: usize,
    /// Position in the whole timeline (element ids).
    #[prop_or_default]
    pub pos: usize,
    /// Position among the timeline's rows (the virtualised list measures it).
    #[prop_or_default]
    pub row: usize,
    #[prop_or_default]
    pub expanded: bool,
    #[prop_or(&EN)]
    pub labels: &'static Labels,
    #[prop_or_default]
    pub script: Script,
    #[prop_or_default]
    pub query: Rc<Vec<char>>,
    /// The selected span, when it lies in this meeting's document.
    #[prop_or_default]
    pub selected: Option<Span>,
    #[prop_or_default]
    pub on: Callback<Action>,
}

#[function_component(MeetingCard)]
pub fn meeting_card(props: &MeetingCardProps) -> Html {
    let m = props.meeting.meeting();
    let l = props.labels;
    let sc = |s: &str| props.script.apply(s);
    let count = m.directive_count();
    let id = format!("m{}", props.pos);
    let key = props.meeting.key();

    // How the date was found, with the inferring warning's words.
    let basis = m.date.as_ref().and_then(|_| l.basis(m.date_basis));
    let inferred_why: Vec<String> = props
        .meeting
        .doc
        .document
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::DateInferred && overlaps(w.span, m.span))
        .map(|w| w.message.clone())
        .collect();
    let date_title = basis.map(|b| {
        let mut t = b.to_owned();
        for why in &inferred_why {
            t.push_str(" — ");
            t.push_str(why);
        }
        t
    });
    let date = match &m.date {
        Some(d) => html! {
            <time class={classes!("date", basis.is_some().then_some("inferred"))} datetime={d.clone()} title={date_title.clone()}>{ d }</time>
        },
        None => html! { <span class="date undated">{ l.undated }</span> },
    };
    let basis_badge = basis.map(|b| {
        let kind = if m.date_basis == DateBasis::Inferred { "basis inferred-year" } else { "basis" };
        html! { <span class={kind} title={date_title.clone()}>{ "≈ " }{ b }</span> }
    });
    let toggle = {
        let on = props.on.clone();
        let key = key.clone();
        Callback::from(move |_: MouseEvent| on.emit(Action::Toggle(key.clone())))
    };
    let speakers: Vec<&Person> = m.speakers.iter().collect();

    // With a search, the first matching directives show on the card itself.
    let snippets: Vec<&crate::model::Directive> = if props.query.is_empty() {
        Vec::new()
    } else {
        m.directives.iter().flat_map(|d| d.flatten()).filter(|d| matches(&d.text, &props.query)).take(2).collect()
    };
    let n_matching = if props.query.is_empty() { 0 } else { matching_directives(&m.directives, &props.query) };

    html! {
        <li class={classes!("meeting-card", props.expanded.then_some("expanded"))}
            data-ri={props.row.to_string()} data-ord={props.ord.to_string()} data-key={key.clone()}
            data-date={m.date.clone().unwrap_or_default()}>
            <article aria-labelledby={format!("{id}-title")}>
                <header class="card-head">
                    { date }
                    if let Some(t) = m.time_of_day {
                        <span class="time-of-day">{ l.time_of_day(t) }</span>
                    }
                    { for basis_badge }
                    if let Some(level) = m.level {
                        <span class={classes!("level", format!("level-{}", level.as_str()))} data-level={level.as_str()}>{ l.level(level) }</span>
                    }
                    <span class="file" title={l.source_file}>{ props.meeting.file() }</span>
                </header>
                <h3 class="card-title" id={format!("{id}-title")}>
                    <button type="button" class="card-toggle" aria-expanded={props.expanded.to_string()}
                        aria-controls={format!("{id}-details")} onclick={toggle}>
                        <span class="chevron" aria-hidden="true">{ if props.expanded { "▾" } else { "▸" } }</span>
                        <span class="body">{ sc(m.body.as_deref().unwrap_or(l.unknown_body)) }</span>
                        <span class="name">{ sc(m.name.as_deref().unwrap_or(l.unnamed_meeting)) }</span>
                    </button>
                </h3>
                <dl class="facts">
                    <div class="fact">
                        <dt>{ l.chair }</dt>
                        <dd class="chair">{ person(m.chair.as_ref(), props.script, l) }</dd>
                    </div>
                    if !speakers.is_empty() {
                        <div class="fact">
                            <dt>{ l.speakers }</dt>
                            <dd class="speakers">
                                { for speakers.iter().enumerate().map(|(i, p)| html! {
                                    <>{ if i > 0 { "、" } else { "" } }{ person(Some(p), props.script, l) }</>
                                }) }
                            </dd>
                        </div>
                    }
                    <div class="fact">
                        <dt>{ l.directives }</dt>
                        <dd class="directive-count" data-count={count.to_string()}>{ count }</dd>
                    </div>
                    if n_matching > 0 {
                        <div class="fact">
                            <dt>{ l.search }</dt>
                            <dd class="match-count" data-count={n_matching.to_string()}>{ l.matching(n_matching) }</dd>
                        </div>
                    }
                </dl>
                if !snippets.is_empty() && !props.expanded {
                    <ul class="snippets">
                        { for snippets.iter().map(|d| html! {
                            <li class="snippet"><Highlighted text={d.text.clone()} query={props.query.clone()} script={props.script} /></li>
                        }) }
                    </ul>
                }
                if props.expanded {
                    <div id={format!("{id}-details")} class="details" role="region" aria-labelledby={format!("{id}-title")}>
                        <MeetingDetails meeting={props.meeting.clone()} labels={l} script={props.script}
                            query={props.query.clone()} selected={props.selected} on={props.on.clone()} />
                    </div>
                }
            </article>
        </li>
    }
}

/// Whether two spans share at least one byte (or an empty one sits inside).
pub fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end || (a.is_empty() && b.start <= a.start && a.start <= b.end)
}

pub(crate) fn person(p: Option<&Person>, script: Script, l: &Labels) -> Html {
    match p {
        None => html! { <span class="none">{ l.not_named }</span> },
        Some(p) => html! {
            <>
                if let Some(title) = &p.title {
                    <span class="title">{ script.apply(title) }</span>{ " " }
                }
                <span class="person">{ script.apply(&p.name) }</span>
            </>
        },
    }
}
