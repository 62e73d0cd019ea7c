//! One meeting: when, who held it, what it was called, who chaired it and
//! how many directives it gave.

use crate::model::{DateBasis, Level, Person, TimeOfDay};
use crate::ui::state::MeetingRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MeetingCardProps {
    pub meeting: MeetingRef,
}

#[function_component(MeetingCard)]
pub fn meeting_card(props: &MeetingCardProps) -> Html {
    let m = props.meeting.meeting();
    let count = m.directive_count();

    let date = match &m.date {
        Some(d) => html! { <time class="date" datetime={d.clone()}>{ d }</time> },
        None => html! { <span class="date undated">{ "Undated" }</span> },
    };
    let time_of_day = m.time_of_day.map(|t| html! { <span class="time-of-day">{ time_of_day_label(t) }</span> });
    let basis = basis_note(m.date_basis, m.date.is_some()).map(|n| html! { <span class="basis">{ n }</span> });
    let level = m.level.map(|l| html! { <span class="level">{ level_label(l) }</span> });

    html! {
        <li class="meeting-card" data-date={m.date.clone().unwrap_or_default()}>
            <article>
                <header class="card-head">
                    { date }
                    { for time_of_day }
                    { for basis }
                    { for level }
                </header>
                <h2 class="card-title">
                    <span class="body">{ m.body.as_deref().unwrap_or("Unknown body") }</span>
                    <span class="name">{ m.name.as_deref().unwrap_or("Unnamed meeting") }</span>
                </h2>
                <dl class="facts">
                    <div class="fact">
                        <dt>{ "Chair" }</dt>
                        <dd class="chair">{ person(m.chair.as_ref()) }</dd>
                    </div>
                    <div class="fact">
                        <dt>{ "Directives" }</dt>
                        <dd class="directive-count" data-count={count.to_string()}>{ count }</dd>
                    </div>
                </dl>
                <footer class="provenance">
                    <span class="file" title="Source file">{ props.meeting.file() }</span>
                </footer>
            </article>
        </li>
    }
}

fn person(p: Option<&Person>) -> Html {
    match p {
        None => html! { <span class="none">{ "Not named" }</span> },
        Some(p) => html! {
            <>
                if let Some(title) = &p.title {
                    <span class="title">{ title }</span>{ " " }
                }
                <span class="person">{ &p.name }</span>
            </>
        },
    }
}

fn time_of_day_label(t: TimeOfDay) -> &'static str {
    match t {
        TimeOfDay::Morning => "上午",
        TimeOfDay::Afternoon => "下午",
        TimeOfDay::Evening => "晚上",
    }
}

fn level_label(l: Level) -> &'static str {
    l.as_str()
}

/// How the date was found, when it is not simply written out.
fn basis_note(basis: DateBasis, dated: bool) -> Option<&'static str> {
    match basis {
        _ if !dated => None,
        DateBasis::Explicit | DateBasis::Unknown => None,
        DateBasis::Published => Some("year from publication date"),
        DateBasis::Relative => Some("relative to publication"),
        DateBasis::Inferred => Some("year inferred"),
    }
}
