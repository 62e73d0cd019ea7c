//! The original text of the selected document: the selected span marked and
//! scrolled to, the meeting's passage shaded, every repaired span marked
//! with what the cleaner did there. All of it text nodes.

use crate::model::WarningKind;
use crate::span::Span;
use crate::ui::i18n::Labels;
use crate::ui::state::{Action, Selection};
use crate::ui::text::{source_segments, warning_class, Script};
use crate::Parsed;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct SourcePaneProps {
    /// The selected document (None: nothing selected yet).
    pub doc: Option<Rc<Parsed>>,
    pub selection: Option<Selection>,
    pub labels: &'static Labels,
    pub script: Script,
    #[prop_or_default]
    pub on: Callback<Action>,
}

impl PartialEq for SourcePaneProps {
    fn eq(&self, other: &Self) -> bool {
        let same_doc = match (&self.doc, &other.doc) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_doc
            && self.selection == other.selection
            && self.labels == other.labels
            && self.script == other.script
            && self.on == other.on
    }
}

/// The warnings whose spans the source pane marks as repairs.
pub fn is_repair(k: WarningKind) -> bool {
    matches!(
        k,
        WarningKind::Pinyin
            | WarningKind::Mojibake
            | WarningKind::Unrecoverable
            | WarningKind::Punctuation
            | WarningKind::Duplicate
            | WarningKind::Boilerplate
            | WarningKind::Html
    )
}

#[function_component(SourcePane)]
pub fn source_pane(props: &SourcePaneProps) -> Html {
    let l = props.labels;
    let pane = use_node_ref();
    {
        // Bring the selected span into view whenever it changes.
        let pane = pane.clone();
        use_effect_with(props.selection.clone(), move |_| {
            if let Some(el) = pane.cast::<web_sys::Element>().and_then(|p| p.query_selector("[data-active]").ok().flatten())
            {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let close = props.on.reform(|_: MouseEvent| Action::Unselect);
    let body = match &props.doc {
        None => html! { <p class="hint">{ l.source_hint }</p> },
        Some(doc) if doc.source.is_empty() => html! { <p class="hint">{ l.source_missing }</p> },
        Some(doc) => {
            let sel = props.selection.as_ref().filter(|s| s.file == doc.document.file);
            let repairs: Vec<(Span, &crate::model::Warning)> = doc
                .document
                .warnings
                .iter()
                .filter(|w| is_repair(w.kind) && w.span.len() < doc.source.len())
                .map(|w| (w.span, w))
                .collect();
            let spans: Vec<Span> = repairs.iter().map(|(s, _)| *s).collect();
            let segments = source_segments(&doc.source, sel.map(|s| s.span), sel.and_then(|s| s.passage), &spans);
            let mut first_active = true;
            html! {
                <pre class="source-text" data-testid="source-text" lang="zh">
                    { for segments.into_iter().map(|seg| {
                        let text = props.script.apply(&doc.source[seg.range.clone()]);
                        let m = seg.marks;
                        let title = seg.repair.map(|i| {
                            let w = repairs[i].1;
                            let change = match (&w.before, &w.after) {
                                (Some(b), Some(a)) => format!(": «{b}» → «{a}»"),
                                _ => String::new(),
                            };
                            format!("{} ({}){change}", w.message, l.repaired)
                        });
                        let class = classes!(
                            m.passage.then_some("passage"),
                            m.repaired.then_some("repair"),
                            seg.repair.map(|i| warning_class(repairs[i].1.kind)),
                            m.active.then_some("active"),
                        );
                        if m.active {
                            let first = std::mem::replace(&mut first_active, false);
                            html! { <mark {class} {title} data-active={first.then_some("first")}>{ text }</mark> }
                        } else if m.repaired || m.passage {
                            html! { <span {class} {title}>{ text }</span> }
                        } else {
                            html! { { text } }
                        }
                    }) }
                </pre>
            }
        }
    };
    let file = props.doc.as_ref().map(|d| d.document.file.clone());
    html! {
        <aside class="source-pane" aria-label={l.source} ref={pane} data-testid="source-pane">
            <header class="source-head">
                <h2>{ l.source }</h2>
                if let Some(f) = file {
                    <span class="file">{ f }</span>
                    <button type="button" class="close" aria-label={l.close} onclick={close}>{ "×" }</button>
                }
            </header>
            { body }
        </aside>
    }
}
