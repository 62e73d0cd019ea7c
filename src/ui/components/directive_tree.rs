//! Directives as the source numbers them: the marker as written (`一是`,
//! `(二)`, `3.`) or a running number, items nested under what heads them,
//! a named list with its count (and a warning badge when the count in its
//! name disagrees with the members found). Each directive is a button that
//! shows its span in the source pane.

use super::meeting_card::overlaps;
use super::Highlighted;
use crate::model::{Directive, DirectiveKind, WarningKind};
use crate::span::Span;
use crate::ui::i18n::Labels;
use crate::ui::state::{Action, MeetingRef, Selection};
use crate::ui::text::{list_count, Script};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DirectiveTreeProps {
    pub meeting: MeetingRef,
    /// The top-level directives shown here (indices into the meeting's).
    pub indices: Rc<Vec<usize>>,
    pub labels: &'static Labels,
    pub script: Script,
    pub query: Rc<Vec<char>>,
    pub selected: Option<Span>,
    pub on: Callback<Action>,
}

/// Whether a named list's count disagrees: with the number in its name, or
/// as the parser warned.
pub fn count_disagrees(d: &Directive, warnings: &[crate::model::Warning]) -> bool {
    let by_name = d.list_name.as_deref().and_then(list_count).is_some_and(|n| n != d.items.len());
    let warned = warnings.iter().any(|w| w.kind == WarningKind::ListCount && overlaps(w.span, d.span));
    by_name || warned
}

#[function_component(DirectiveTree)]
pub fn directive_tree(props: &DirectiveTreeProps) -> Html {
    let m = props.meeting.meeting();
    let items: Vec<(usize, &Directive)> = props.indices.iter().filter_map(|&i| m.directives.get(i).map(|d| (i, d))).collect();
    html! {
        <ol class="directive-list">
            { for items.into_iter().enumerate().map(|(n, (i, d))| node(props, d, format!("{}", n + 1), format!("{i}"))) }
        </ol>
    }
}

fn node(props: &DirectiveTreeProps, d: &Directive, number: String, path: String) -> Html {
    let l = props.labels;
    let doc = &props.meeting.doc.document;
    let m = props.meeting.meeting();
    let on = props.on.clone();
    let sel = Selection { file: doc.file.clone(), span: d.span, passage: Some(m.span) };
    let onclick = Callback::from(move |_: MouseEvent| on.emit(Action::Select(sel.clone())));
    let selected = props.selected == Some(d.span);
    let marker = d.marker.clone().map(|mk| props.script.apply(&mk)).unwrap_or_else(|| format!("{number}."));
    // The marker stands in its own column; the text need not repeat it.
    let text = match &d.marker {
        Some(mk) if d.text.starts_with(mk.as_str()) && d.text.len() > mk.len() => d.text[mk.len()..].to_owned(),
        _ => d.text.clone(),
    };
    let is_list = d.kind == DirectiveKind::NamedList || d.list_name.is_some();
    let disagrees = is_list && count_disagrees(d, &doc.warnings);
    html! {
        <li key={path.clone()} class={classes!("directive", format!("kind-{}", kind_code(d.kind)), selected.then_some("selected"))}
            data-path={path.clone()}>
            <button type="button" class="directive-text" aria-pressed={selected.to_string()} onclick={onclick}
                title={l.show_in_source} data-span={format!("{}..{}", d.span.start, d.span.end)}>
                <span class="marker">{ marker }</span>
                <span class="text"><Highlighted text={text} query={props.query.clone()} script={props.script} /></span>
                if d.truncated {
                    <span class="badge truncated">{ l.truncated }</span>
                }
            </button>
            if is_list {
                <div class="named-list" data-members={d.items.len().to_string()}>
                    <span class="badge list">{ l.named_list }</span>
                    <span class="list-name">{ props.script.apply(d.list_name.as_deref().unwrap_or("")) }</span>
                    <span class="list-count">{ format!("{} {}", d.items.len(), l.members) }</span>
                    if disagrees {
                        <span class="badge warn count-warning" title={l.count_disagrees} role="img" aria-label={l.count_disagrees}>{ "⚠" }</span>
                    }
                </div>
            }
            if !d.items.is_empty() {
                <ol class="directive-list nested">
                    { for d.items.iter().enumerate().map(|(k, it)| node(props, it, format!("{number}.{}", k + 1), format!("{path}.{k}"))) }
                </ol>
            }
        </li>
    }
}

fn kind_code(k: DirectiveKind) -> &'static str {
    match k {
        DirectiveKind::Enumerated => "enumerated",
        DirectiveKind::Headline => "headline",
        DirectiveKind::Sentence => "sentence",
        DirectiveKind::NamedList => "named-list",
        DirectiveKind::ListMember => "list-member",
    }
}
