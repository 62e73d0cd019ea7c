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
use std::cell::RefCell;
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

/// A row's identity for its measured height: stable while the row's
/// document is held, whatever rows are inserted before it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum RowId {
    Group(String),
    /// The meeting's document (by address) and its index there.
    Card(usize, usize),
}

fn row_id(row: &Row, timeline: &[MeetingRef]) -> RowId {
    match row {
        Row::Group { key, .. } => RowId::Group(key.clone()),
        Row::Card { pos } => {
            let m = &timeline[*pos];
            RowId::Card(Rc::as_ptr(&m.doc) as usize, m.index)
        }
    }
}

/// An `Rc` compared by identity (a memo's dependency: cheap, and holding it
/// keeps its address from being reused).
#[derive(Clone)]
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where every row sits, computed once per change of the rows, the
/// expansions or the measured heights (not per scroll frame).
#[derive(Default)]
struct Layout {
    /// The top of each row, and the total height last.
    offsets: Vec<f64>,
    /// The rows of the cards, in order (a card's ordinal is its index here).
    card_rows: Vec<usize>,
    /// The month groups, for the rail.
    groups: Rc<Vec<RailGroup>>,
}

impl Layout {
    fn new(rows: &[Row], timeline: &[MeetingRef], expanded: &BTreeSet<String>, heights: &HashMap<RowId, f64>) -> Layout {
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        let mut card_rows = Vec::with_capacity(rows.len());
        let mut groups = Vec::new();
        let mut y = 0.0;
        for (i, row) in rows.iter().enumerate() {
            offsets.push(y);
            let h = match row {
                Row::Group { key, count } => {
                    groups.push(RailGroup { key: key.clone(), count: *count, row: i });
                    heights.get(&RowId::Group(key.clone())).copied().unwrap_or(GROUP_HEIGHT)
                }
                Row::Card { pos } => {
                    card_rows.push(i);
                    let m = &timeline[*pos];
                    match heights.get(&RowId::Card(Rc::as_ptr(&m.doc) as usize, m.index)) {
                        Some(&h) => h,
                        None if !expanded.is_empty() && expanded.contains(&m.key()) => EXPANDED_HEIGHT,
                        None => CARD_HEIGHT,
                    }
                }
            };
            y += h;
        }
        offsets.push(y);
        Layout { offsets, card_rows, groups: Rc::new(groups) }
    }

    /// The ordinal of the card at row `row`.
    fn ord(&self, row: usize) -> usize {
        self.card_rows.partition_point(|&r| r < row)
    }
}

/// What the row measurements need: the heights found, and what the last
/// render showed.
#[derive(Default)]
struct Measure {
    heights: HashMap<RowId, f64>,
    /// Bumped when a height changed (the layout is then recomputed).
    generation: u32,
    rows: Rc<Vec<Row>>,
    timeline: Rc<Vec<MeetingRef>>,
    /// The rows rendered (start, end), the top of the first, the scroll
    /// position and the viewport's height.
    window: (usize, usize, f64, f64, f64),
}

type Observer = Option<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>)>;

impl Measure {
    /// The estimated or measured height of a row.
    fn height(&self, row: &Row, expanded: bool) -> f64 {
        self.heights.get(&row_id(row, &self.timeline)).copied().unwrap_or(match row {
            Row::Group { .. } => GROUP_HEIGHT,
            Row::Card { .. } if expanded => EXPANDED_HEIGHT,
            Row::Card { .. } => CARD_HEIGHT,
        })
    }

    /// A ResizeObserver recording the heights of the rows it is given
    /// (`data-ri`: their index in the rows last rendered).
    fn observer(this: Rc<RefCell<Measure>>, rerender: UseStateSetter<u32>) -> Observer {
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut m = this.borrow_mut();
            let mut changed = false;
            for entry in entries.iter() {
                let entry: web_sys::ResizeObserverEntry = entry.unchecked_into();
                let Some(ri) = entry.target().get_attribute("data-ri").and_then(|r| r.parse::<usize>().ok()) else {
                    continue;
                };
                let Some(size) = entry.border_box_size().get(0).dyn_into::<web_sys::ResizeObserverSize>().ok() else {
                    continue;
                };
                let height = size.block_size();
                let Some(id) = m.rows.get(ri).map(|r| row_id(r, &m.timeline)) else { continue };
                if height > 0.0 && m.heights.get(&id).is_none_or(|old| (old - height).abs() > 0.5) {
                    m.heights.insert(id, height);
                    changed = true;
                }
            }
            if changed {
                m.generation += 1;
                // Re-render only when the rendered rows fall short of the viewport.
                let (start, end, top, scroll_top, viewport) = m.window;
                let bottom = top + m.rows.get(start..end).unwrap_or(&[]).iter().map(|r| m.height(r, false)).sum::<f64>();
                if end < m.rows.len() && bottom < scroll_top + viewport {
                    rerender.set(m.generation);
                }
            }
        });
        let ro = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        Some((ro, callback))
    }
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let scroller = use_node_ref();
    let scroll_top = use_state(|| 0.0f64);
    let viewport = use_state(|| props.viewport);
    let measure = use_mut_ref(Measure::default);
    let observer = use_mut_ref(|| None::<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>)>);
    let measured = use_state(|| 0u32);
    // Re-renders asked for by the row measurements.
    let tick = use_state(|| 0u32);
    let pending_focus = use_mut_ref(|| None::<usize>);

    let layout = {
        let m = measure.clone();
        let generation = measure.borrow().generation;
        use_memo(
            (Same(props.rows.clone()), Same(props.timeline.clone()), Same(props.expanded.clone()), generation),
            move |(rows, timeline, expanded, _)| Layout::new(&rows.0, &timeline.0, &expanded.0, &m.borrow().heights),
        )
    };
    let offsets = &layout.offsets;
    let n_rows = props.rows.len();
    let total = *offsets.last().unwrap_or(&0.0);
    let (start, end) = if props.all {
        (0, n_rows)
    } else {
        let lo = *scroll_top - OVERSCAN;
        let hi = *scroll_top + *viewport + OVERSCAN;
        let start = offsets[..n_rows].partition_point(|&o| o <= lo).saturating_sub(1);
        let end = offsets[..n_rows].partition_point(|&o| o < hi).max(start);
        (start, end)
    };

    // The group at the top of the view, for the rail; its label above the
    // list only once its own heading has scrolled out of view (else the
    // month would show twice).
    let top_row = offsets[..n_rows].partition_point(|&o| o <= *scroll_top).saturating_sub(1);
    let current = layout.groups.partition_point(|g| g.row <= top_row).checked_sub(1).map(|i| &layout.groups[i]);
    let current_group = current.map(|g| g.key.clone());
    let sticky_label = current.filter(|g| offsets[g.row] < *scroll_top - 1.0).map(|g| props.labels.group(&g.key));

    // The rows not rendered are stood in for by padding, set through the
    // CSSOM (not a `style` attribute, which the page's CSP refuses).
    let list = use_node_ref();
    let pad = |px: f64| format!("{}px", crate::ui::text::whole(px));
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
        // The viewport's height: once mounted, then on each window resize
        // (not read on every render: reading layout after the DOM changed
        // forces the browser to lay out the page then and there).
        let scroller = scroller.clone();
        let viewport = viewport.clone();
        use_effect_with((), move |_| {
            let read = move || {
                if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                    let h = f64::from(el.client_height());
                    if h > 0.0 {
                        viewport.set(h);
                    }
                }
            };
            read();
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| read());
            move || drop(listener)
        });
    }
    {
        // Row heights come from a ResizeObserver on the rendered rows: it
        // reports sizes from the layout the browser does anyway, so nothing
        // here forces a layout, and a row changing height (expanded, another
        // script or language, a narrower window) is reported too. A new
        // height only re-renders when the rendered rows no longer cover the
        // viewport: the rows rendered lay themselves out, and the padding
        // around them depends only on rows not rendered.
        {
            let mut m = measure.borrow_mut();
            m.rows = Rc::clone(&props.rows);
            m.timeline = Rc::clone(&props.timeline);
            m.window = (start, end, offsets[start], *scroll_top, *viewport);
        }
        let scroller = scroller.clone();
        let measure = measure.clone();
        let observer = observer.clone();
        let rerender = tick.setter();
        let pending_focus = pending_focus.clone();
        use_effect(move || {
            let Some(el) = scroller.cast::<web_sys::HtmlElement>() else { return };
            if observer.borrow().is_none() {
                *observer.borrow_mut() = Measure::observer(measure, rerender);
            }
            if let (Some((ro, _)), Ok(list)) = (observer.borrow().as_ref(), el.query_selector_all("[data-ri]")) {
                ro.disconnect();
                for i in 0..list.length() {
                    if let Some(node) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                        ro.observe(&node);
                    }
                }
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
    // Given to the rail: the same callback while the layout stands, so the
    // rail is not re-rendered on every scroll frame.
    let on_jump = {
        let scroll_to = scroll_to.clone();
        let pending_focus = pending_focus.clone();
        use_memo(Same(layout.clone()), move |layout| {
            let layout = layout.0.clone();
            Callback::from(move |row: usize| {
                scroll_to(layout.offsets.get(row).copied().unwrap_or(0.0));
                // Focus the first card of the group.
                if let Some(ord) = layout.card_rows.iter().position(|&r| r > row) {
                    *pending_focus.borrow_mut() = Some(ord);
                }
            })
        })
    };
    let onkeydown = {
        let layout = layout.clone();
        let pending_focus = pending_focus.clone();
        let on = props.on.clone();
        let scroll_top = scroll_top.clone();
        let viewport = viewport.clone();
        let measured = measured.clone();
        let scroll_to = scroll_to.clone();
        Callback::from(move |e: KeyboardEvent| {
            let focused = gloo::utils::document().active_element().and_then(|a| a.closest("[data-ord]").ok().flatten());
            let ord: Option<usize> = focused.as_ref().and_then(|f| f.get_attribute("data-ord")).and_then(|s| s.parse().ok());
            let card_rows = &layout.card_rows;
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
                let (top, bottom) = (layout.offsets[row], layout.offsets[row + 1]);
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
            <li key={format!("group:{key}")} class="group-head" data-ri={i.to_string()} data-group={key.clone()}>
                <h2>{ props.labels.group(key) }<span class="group-count">{ format!(" · {count}") }</span></h2>
            </li>
        },
        Row::Card { pos } => {
            let m = &props.timeline[*pos];
            let key = m.key();
            html! {
                <MeetingCard key={key.clone()} meeting={m.clone()} ord={layout.ord(i)} pos={*pos} row={i}
                    expanded={props.expanded.contains(&key)} labels={props.labels} script={props.script}
                    query={props.query.clone()} selected={selected_in(m)} on={props.on.clone()} />
            }
        }
    });
    html! {
        <div class="timeline-wrap">
            <DateRail groups={layout.groups.clone()} current={current_group} labels={props.labels} on_jump={(*on_jump).clone()} />
            <div class="timeline-column">
                <div class="current-group" aria-hidden="true">{ sticky_label.unwrap_or_default() }</div>
                <div class="timeline-scroll" ref={scroller} {onscroll} {onkeydown} data-testid="timeline"
                    data-rendered={(end - start).to_string()} data-rows={n_rows.to_string()}>
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
