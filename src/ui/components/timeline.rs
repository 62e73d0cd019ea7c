//! The meetings of the corpus in date order, one card each.

use super::MeetingCard;
use crate::ui::state::{MeetingRef, Phase};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub phase: Phase,
    /// Already in timeline order (see [`crate::ui::state::timeline_order`]).
    pub meetings: Rc<Vec<MeetingRef>>,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    if props.meetings.is_empty() {
        return match props.phase {
            Phase::Loading => Html::default(),
            Phase::Ready => html! { <p class="empty">{ "No meetings found in these reports." }</p> },
        };
    }
    html! {
        <ol class="timeline" aria-label="Meetings in date order">
            { for props.meetings.iter().map(|m| html! {
                <MeetingCard key={m.key()} meeting={m.clone()} />
            }) }
        </ol>
    }
}
