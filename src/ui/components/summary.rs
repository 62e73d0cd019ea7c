//! The count line above the timeline.

use crate::ui::state::{Counts, Phase};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub phase: Phase,
    pub counts: Counts,
}

/// `6 meetings (5 dated) · 48 directives · 5 files · 0 errors · 31 warnings`.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let c = props.counts;
    let text = match props.phase {
        Phase::Loading => "Parsing the sample corpus…".to_owned(),
        Phase::Ready => format!(
            "{} · {} · {} · {} · {}",
            plural(c.meetings, "meeting") + &format!(" ({} dated)", c.dated),
            plural(c.directives, "directive"),
            plural(c.files, "file"),
            plural(c.errors, "error"),
            plural(c.warnings, "warning"),
        ),
    };
    let class = classes!("summary", (c.errors > 0).then_some("has-errors"));
    html! {
        <p {class} data-testid="summary" aria-live="polite">{ text }</p>
    }
}

/// `1 meeting`, `2 meetings`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
