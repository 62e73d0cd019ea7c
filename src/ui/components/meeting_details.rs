//! An expanded meeting: its directives grouped by speaker, the people, the
//! report's outlet and reporters, and the warnings. Every value that has a
//! span is a button that shows it in the source pane.

use super::meeting_card::overlaps;
use super::DirectiveTree;
use crate::model::Person;
use crate::span::Span;
use crate::ui::i18n::Labels;
use crate::ui::state::{Action, MeetingRef, Selection};
use crate::ui::text::{warning_class, Script};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MeetingDetailsProps {
    pub meeting: MeetingRef,
    pub labels: &'static Labels,
    pub script: Script,
    pub query: Rc<Vec<char>>,
    pub selected: Option<Span>,
    pub on: Callback<Action>,
}

/// Consecutive top-level directives of the same speaker: (speaker, indices).
pub fn speaker_groups(ds: &[crate::model::Directive]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in ds.iter().enumerate() {
        match out.last_mut() {
            Some((s, v)) if *s == d.speaker => v.push(i),
            _ => out.push((d.speaker.clone(), vec![i])),
        }
    }
    out
}

#[function_component(MeetingDetails)]
pub fn meeting_details(props: &MeetingDetailsProps) -> Html {
    let l = props.labels;
    let m = props.meeting.meeting();
    let doc = &props.meeting.doc.document;
    let sc = |s: &str| props.script.apply(s);
    let select = |span: Span| {
        let on = props.on.clone();
        let sel = Selection { file: doc.file.clone(), span, passage: Some(m.span) };
        Callback::from(move |_: MouseEvent| on.emit(Action::Select(sel.clone())))
    };
    let is_sel = |span: Span| props.selected == Some(span);
    let link = |text: String, span: Option<Span>, class: &'static str| match span {
        Some(span) => html! {
            <button type="button" class={classes!("field-link", class, is_sel(span).then_some("selected"))}
                title={l.show_in_source} data-span={format!("{}..{}", span.start, span.end)} onclick={select(span)}>{ text }</button>
        },
        None => html! { <span class={class}>{ text }</span> },
    };
    let people = |ps: &[Person], class: &'static str| -> Html {
        if ps.is_empty() {
            return html! { <span class="none">{ l.not_named }</span> };
        }
        html! {
            <ul class={classes!("people", class)}>
                { for ps.iter().map(|p| {
                    let label = match &p.title { Some(t) => format!("{} {}", sc(t), sc(&p.name)), None => sc(&p.name) };
                    html! { <li>{ link(label, Some(p.span), "person") }</li> }
                }) }
            </ul>
        }
    };
    let warnings: Vec<&crate::model::Warning> = doc
        .warnings
        .iter()
        .filter(|w| overlaps(w.span, m.span) || matches!(w.kind, crate::model::WarningKind::Encoding))
        .collect();
    let groups = speaker_groups(&m.directives);

    html! {
        <div class="meeting-details">
            <dl class="facts wide">
                if let (Some(d), span) = (&m.date, m.spans.date) {
                    <div class="fact"><dt>{ l.dates }</dt><dd>{ link(d.clone(), span, "date-link") }</dd></div>
                }
                <div class="fact"><dt>{ l.body }</dt><dd>{ link(sc(m.body.as_deref().unwrap_or(l.unknown_body)), m.spans.body, "body-link") }</dd></div>
                <div class="fact"><dt>{ l.meeting_passage }</dt><dd>{ link(sc(m.name.as_deref().unwrap_or(l.unnamed_meeting)), Some(m.span), "passage-link") }</dd></div>
                <div class="fact"><dt>{ l.chair }</dt><dd>{ people(m.chair.as_slice(), "chair-list") }</dd></div>
                <div class="fact"><dt>{ l.speakers }</dt><dd>{ people(&m.speakers, "speaker-list") }</dd></div>
                <div class="fact"><dt>{ l.attendees }</dt><dd>{ people(&m.attendees, "attendees") }</dd></div>
                <div class="fact"><dt>{ l.outlet }</dt><dd class="outlet">{ match &doc.outlet {
                    Some(o) => link(sc(o), doc.spans.outlet, "outlet-link"),
                    None => html! { <span class="none">{ l.not_named }</span> },
                } }</dd></div>
                if let Some(p) = &doc.published {
                    <div class="fact"><dt>{ l.published }</dt><dd>{ link(p.clone(), doc.spans.published, "published-link") }</dd></div>
                }
                <div class="fact"><dt>{ l.reporters }</dt><dd class="reporters">{ people(&doc.reporters, "reporter-list") }</dd></div>
                <div class="fact"><dt>{ l.encoding }</dt><dd class="encoding">{ doc.encoding.clone().unwrap_or_default() }</dd></div>
            </dl>
            <section class="directives" aria-label={l.directives}>
                <h4>{ l.directives }</h4>
                if groups.is_empty() {
                    <p class="none">{ l.no_directives }</p>
                }
                { for groups.into_iter().map(|(speaker, indices)| html! {
                    <section class="speaker-group" data-speaker={speaker.clone()}>
                        <h5 class="speaker">{ sc(&speaker) }</h5>
                        <DirectiveTree meeting={props.meeting.clone()} indices={Rc::new(indices)} labels={l}
                            script={props.script} query={props.query.clone()} selected={props.selected} on={props.on.clone()} />
                    </section>
                }) }
            </section>
            <section class="warnings" aria-label={l.warnings}>
                <h4>{ l.warnings }{ format!(" ({})", warnings.len()) }</h4>
                if warnings.is_empty() {
                    <p class="none">{ l.no_warnings }</p>
                } else {
                    <ul>
                        { for warnings.iter().map(|w| {
                            let change = match (&w.before, &w.after) {
                                (Some(b), Some(a)) => format!(" «{b}» → «{a}»"),
                                (Some(b), None) => format!(" «{b}»"),
                                _ => String::new(),
                            };
                            html! {
                                <li class={classes!("warning", warning_class(w.kind))}>
                                    <button type="button" class={classes!("field-link", is_sel(w.span).then_some("selected"))}
                                        onclick={select(w.span)} title={l.show_in_source}>
                                        <span class="badge">{ l.warning_kind(w.kind) }</span>
                                        { " " }{ &w.message }{ change }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </section>
        </div>
    }
}
