//! Report text in the chosen script, with the search matches marked.
//! Matches are found on the original text and each piece is converted on
//! its own, so the marks stay on the right characters in every script.

use crate::ui::text::{find_matches, pieces, Script};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    pub text: AttrValue,
    /// The normalised query (empty: nothing marked).
    pub query: Rc<Vec<char>>,
    pub script: Script,
}

#[function_component(Highlighted)]
pub fn highlighted(props: &HighlightedProps) -> Html {
    let ranges = find_matches(&props.text, &props.query);
    if ranges.is_empty() {
        return html! { { props.script.apply(&props.text) } };
    }
    html! {
        <>
            { for pieces(&props.text, &ranges).into_iter().map(|p| {
                let text = props.script.apply(p.text);
                if p.marked { html! { <mark class="match">{ text }</mark> } } else { html! { { text } } }
            }) }
        </>
    }
}
