//! The date rail beside the timeline: years and months with their counts,
//! the one in view marked; choosing one scrolls the timeline there.

use crate::ui::i18n::Labels;
use yew::prelude::*;

/// A group of the timeline: its key (`2020-02`, `2020`, or empty for
/// undated), its number of meetings, and its row in the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RailGroup {
    pub key: String,
    pub count: usize,
    pub row: usize,
}

#[derive(Properties, PartialEq)]
pub struct DateRailProps {
    pub groups: std::rc::Rc<Vec<RailGroup>>,
    /// The key of the group at the top of the view.
    pub current: Option<String>,
    pub labels: &'static Labels,
    pub on_jump: Callback<usize>,
}

#[function_component(DateRail)]
pub fn date_rail(props: &DateRailProps) -> Html {
    let l = props.labels;
    let mut last_year = String::new();
    html! {
        <nav class="date-rail" aria-label={l.dates}>
            <ol>
                { for props.groups.iter().map(|g| {
                    let year = g.key.get(..4).unwrap_or("").to_owned();
                    let new_year = year != last_year;
                    last_year = year.clone();
                    let row = g.row;
                    let onclick = props.on_jump.reform(move |_: MouseEvent| row);
                    let current = props.current.as_deref() == Some(g.key.as_str());
                    let label = if g.key.is_empty() || g.key.len() == 4 { l.group(&g.key) } else { l.short_month(&g.key) };
                    html! {
                        <li key={g.key.clone()} class={classes!("rail-item", current.then_some("current"))}>
                            if new_year && g.key.len() > 4 {
                                <span class="rail-year">{ year }</span>
                            }
                            <button type="button" {onclick} aria-current={current.then_some("true")} title={l.group(&g.key)}>
                                <span class="rail-label">{ label }</span>
                                <span class="rail-count">{ g.count }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
