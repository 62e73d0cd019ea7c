//! The count line above the timeline: what was found, and how much of it
//! the filters show.

use crate::ui::i18n::{Labels, EN};
use crate::ui::state::{Counts, Phase};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub phase: Phase,
    pub counts: Counts,
    /// Meetings passing the filters.
    #[prop_or_default]
    pub shown: Option<usize>,
    /// Directives matching the search, when there is one.
    #[prop_or_default]
    pub matches: Option<usize>,
    #[prop_or(&EN)]
    pub labels: &'static Labels,
}

/// `6 meetings (5 dated) · 48 directives · 5 files · 0 errors · 31 warnings`.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let c = props.counts;
    let l = props.labels;
    let text = match props.phase {
        Phase::Loading => l.parsing().to_owned(),
        Phase::Parsing if c.files == 0 => l.parsing().to_owned(),
        _ => {
            let shown = props.shown.unwrap_or(c.meetings);
            let mut s = l.summary(&c, shown, shown != c.meetings);
            if let Some(n) = props.matches {
                s = format!("{s} · {}", l.matching(n));
            }
            s
        }
    };
    let class = classes!("summary", (c.errors > 0).then_some("has-errors"));
    html! {
        <p {class} data-testid="summary" aria-live="polite">{ text }</p>
    }
}
