//! The timeline: month headings and meeting cards in date order, beside the
//! date rail. Virtualised: only the rows near the viewport are in the DOM,
//! each row's height measured once rendered (estimated before), so 10,000
//! meetings scroll smoothly. Keyboard: ↑/↓ (and Home/End) move between
//! cards, Enter (on the focused card's toggle) expands, Esc collapses.

use super::date_rail::{DateRail, RailGroup};
use super::MeetingCard;
use crate::ui::i18n::{Labels, EN};
use crate::ui::state::{Action, MeetingRef, Phase, Row, Selection};
use crate::ui::text::Script;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Estimated heights (px) before a row is measured.
pub const GROUP_HEIGHT: f64 = 44.0;
pub const CARD_HEIGHT: f64 = 150.0;
pub const EXPANDED_HEIGHT: f64 = 700.0;
/// Rows this far (px) above and below the viewport are rendered too.
pub const OVERSCAN: f64 = 800.0;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub phase: Phase,
    pub rows: Rc<Vec<Row>>,
    pub timeline: Rc<Vec<MeetingRef>>,
    #[prop_or_default]
    pub expanded: Rc<BTreeSet<String>>,
    #[prop_or_default]
    pub selection: Option<Selection>,
    #[prop_or_default]
    pub query: Rc<Vec<char>>,
    #[prop_or_default]
    pub script: Script,
    #[prop_or(&EN)]
    pub labels: &'static Labels,
    #[prop_or_default]
    pub on: Callback<Action>,
    /// Render every row (printing).
    #[prop_or_default]
    pub all: bool,
    /// Viewport height assumed before it is measured (and on the server).
    #[prop_or(900.0)]
    pub viewport: f64,
    /// True when the corpus is empty only because nothing is loaded yet.
    #[prop_or_default]
    pub filtered: bool,
}

fn row_key(row: &Row, timeline: &[MeetingRef]) -> String {
    match row {
        Row::Group { key, .. } => format!("group:{key}"),
        Row::Card { pos } => timeline[*pos].key(),
    }
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let scroller = use_node_ref();
    let scroll_top = use_state(|| 0.0f64);
    let viewport = use_state(|| props.viewport);
    let heights = use_mut_ref(HashMap::<String, f64>::new);
    let measured = use_state(|| 0u32);
    let pending_focus = use_mut_ref(|| None::<usize>);

    let keys: Vec<String> = props.rows.iter().map(|r| row_key(r, &props.timeline)).collect();
    let mut offsets = Vec::with_capacity(keys.len() + 1);
    {
        let h = heights.borrow();
        let mut y = 0.0;
        for (row, key) in props.rows.iter().zip(&keys) {
            offsets.push(y);
            y += h.get(key).copied().unwrap_or(match row {
                Row::Group { .. } => GROUP_HEIGHT,
                Row::Card { .. } if props.expanded.contains(key) => EXPANDED_HEIGHT,
                Row::Card { .. } => CARD_HEIGHT,
            });
        }
        offsets.push(y);
    }
    let total = *offsets.last().unwrap_or(&0.0);
    let (start, end) = if props.all {
        (0, props.rows.len())
    } else {
        let lo = *scroll_top - OVERSCAN;
        let hi = *scroll_top + *viewport + OVERSCAN;
        let start = offsets[..props.rows.len()].partition_point(|&o| o <= lo).saturating_sub(1);
        let end = offsets[..props.rows.len()].partition_point(|&o| o < hi).max(start);
        (start, end)
    };
    // Card ordinals (for keyboard moves) and their rows.
    let card_rows: Rc<Vec<usize>> =
        Rc::new(props.rows.iter().enumerate().filter(|(_, r)| matches!(r, Row::Card { .. })).map(|(i, _)| i).collect());
    let ord_of_row: HashMap<usize, usize> = card_rows.iter().enumerate().map(|(o, &r)| (r, o)).collect();

    // The group at the top of the view, for the rail and the sticky label.
    let top_row = offsets[..props.rows.len()].partition_point(|&o| o <= *scroll_top).saturating_sub(1);
    let current_group = props.rows[..(top_row + 1).min(props.rows.len())].iter().rev().find_map(|r| match r {
        Row::Group { key, .. } => Some(key.clone()),
        _ => None,
    });
    let groups: Vec<RailGroup> = props
        .rows
        .iter()
        .enumerate()
        .filter_map(|(row, r)| match r {
            Row::Group { key, count } => Some(RailGroup { key: key.clone(), count: *count, row }),
            _ => None,
        })
        .collect();

    // The rows not rendered are stood in for by padding, set through the
    // CSSOM (not a `style` attribute, which the page's CSP refuses).
    let list = use_node_ref();
    let pad = |px: f64| format!("{px:.0}px");
    let (pad_top, pad_bottom) = (pad(offsets[start]), pad(total - offsets[end]));
    {
        let list = list.clone();
        use_effect_with((pad_top.clone(), pad_bottom.clone()), move |(top, bottom)| {
            if let Some(el) = list.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("padding-top", top);
                let _ = el.style().set_property("padding-bottom", bottom);
            }
        });
    }
    {
        // After each render: measure the rendered rows; re-render when a
        // height changed; give focus to a card moved to by keyboard.
        let scroller = scroller.clone();
        let heights = heights.clone();
        let measured = measured.clone();
        let viewport = viewport.clone();
        let pending_focus = pending_focus.clone();
        use_effect(move || {
            if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                let h = f64::from(el.client_height());
                if h > 0.0 && (h - *viewport).abs() > 1.0 {
                    viewport.set(h);
                }
                let mut changed = false;
                if let Ok(list) = el.query_selector_all("[data-row]") {
                    let mut map = heights.borrow_mut();
                    for i in 0..list.length() {
                        let Some(node) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else {
                            continue;
                        };
                        let Some(key) = node.get_attribute("data-row") else { continue };
                        let height = f64::from(node.offset_height());
                        if height > 0.0 && map.get(&key).is_none_or(|old| (old - height).abs() > 0.5) {
                            map.insert(key, height);
                            changed = true;
                        }
                    }
                }
                if changed {
                    measured.set(*measured + 1);
                }
                let want = *pending_focus.borrow();
                if let Some(ord) = want {
                    let sel = format!("[data-ord=\"{ord}\"] .card-toggle");
                    if let Ok(Some(target)) = el.query_selector(&sel) {
                        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
                            let _ = target.focus();
                            *pending_focus.borrow_mut() = None;
                        }
                    }
                }
            }
        });
    }

    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            scroll_top.set(f64::from(el.scroll_top()));
        })
    };
    let scroll_to = {
        let scroller = scroller.clone();
        let scroll_top = scroll_top.clone();
        move |y: f64| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(y.max(0.0) as i32);
            }
            scroll_top.set(y.max(0.0));
        }
    };
    let on_jump = {
        let offsets = offsets.clone();
        let scroll_to = scroll_to.clone();
        let pending_focus = pending_focus.clone();
        let card_rows = card_rows.clone();
        Callback::from(move |row: usize| {
            scroll_to(offsets.get(row).copied().unwrap_or(0.0));
            // Focus the first card of the group.
            if let Some(ord) = card_rows.iter().position(|&r| r > row) {
                *pending_focus.borrow_mut() = Some(ord);
            }
        })
    };
    let onkeydown = {
        let offsets = offsets.clone();
        let card_rows = card_rows.clone();
        let pending_focus = pending_focus.clone();
        let on = props.on.clone();
        let scroll_top = scroll_top.clone();
        let viewport = viewport.clone();
        let measured = measured.clone();
        let scroll_to = scroll_to.clone();
        Callback::from(move |e: KeyboardEvent| {
            let focused = gloo::utils::document().active_element().and_then(|a| a.closest("[data-ord]").ok().flatten());
            let ord: Option<usize> = focused.as_ref().and_then(|f| f.get_attribute("data-ord")).and_then(|s| s.parse().ok());
            let n = card_rows.len();
            if n == 0 {
                return;
            }
            let next = match e.key().as_str() {
                "ArrowDown" => Some(ord.map_or(0, |o| (o + 1).min(n - 1))),
                "ArrowUp" => Some(ord.map_or(0, |o| o.saturating_sub(1))),
                "Home" => Some(0),
                "End" => Some(n - 1),
                "Escape" => {
                    if let Some(key) = focused.as_ref().and_then(|f| f.get_attribute("data-key")) {
                        on.emit(Action::Collapse(key));
                        *pending_focus.borrow_mut() = ord;
                    }
                    None
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(next) = next {
                let row = card_rows[next];
                let (top, bottom) = (offsets[row], offsets[row + 1]);
                let (view_top, view_h) = (*scroll_top, *viewport);
                if top < view_top {
                    scroll_to(top - GROUP_HEIGHT);
                } else if bottom > view_top + view_h {
                    scroll_to(bottom - view_h + 8.0);
                }
                *pending_focus.borrow_mut() = Some(next);
                measured.set(*measured + 1);
            }
        })
    };

    if props.rows.is_empty() {
        return match props.phase {
            Phase::Ready if props.filtered => html! { <p class="empty">{ props.labels.no_match }</p> },
            Phase::Ready if props.timeline.is_empty() => html! { <p class="empty">{ props.labels.no_meetings }</p> },
            _ => Html::default(),
        };
    }
    let selected_in = |m: &MeetingRef| props.selection.as_ref().filter(|s| s.file == m.file()).map(|s| s.span);
    let rows = (start..end).map(|i| match &props.rows[i] {
        Row::Group { key, count } => html! {
            <li key={keys[i].clone()} class="group-head" data-row={keys[i].clone()} data-group={key.clone()}>
                <h2>{ props.labels.group(key) }<span class="group-count">{ format!(" · {count}") }</span></h2>
            </li>
        },
        Row::Card { pos } => {
            let m = &props.timeline[*pos];
            html! {
                <MeetingCard key={keys[i].clone()} meeting={m.clone()} ord={ord_of_row.get(&i).copied().unwrap_or(0)} pos={*pos}
                    expanded={props.expanded.contains(&keys[i])} labels={props.labels} script={props.script}
                    query={props.query.clone()} selected={selected_in(m)} on={props.on.clone()} />
            }
        }
    });
    html! {
        <div class="timeline-wrap">
            <DateRail groups={groups} current={current_group.clone()} labels={props.labels} on_jump={on_jump} />
            <div class="timeline-column">
                <div class="current-group" aria-hidden="true">{ current_group.as_deref().map(|k| props.labels.group(k)).unwrap_or_default() }</div>
                <div class="timeline-scroll" ref={scroller} {onscroll} {onkeydown} data-testid="timeline"
                    data-rendered={(end - start).to_string()} data-rows={props.rows.len().to_string()}>
                    <ol class="timeline" aria-label={props.labels.timeline} ref={list}
                        data-pad-top={pad_top} data-pad-bottom={pad_bottom}>
                        { for rows }
                    </ol>
                    <p class="keyboard-hint">{ props.labels.keyboard_hint }</p>
                </div>
            </div>
        </div>
    }
}
