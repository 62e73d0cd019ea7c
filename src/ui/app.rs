//! The root component: owns the reducer, loads the sample corpus, lays out
//! the page. Everything it shows comes from the core through [`State`].

use super::components::{FileErrors, Summary, Timeline};
use super::samples;
use super::state::{Action, State};
use crate::Options;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    {
        // Parse the embedded seeds once, after the first paint (so the page
        // shows its loading line first). A worker can take this over later:
        // it only has to dispatch `Action::Loaded`.
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            dispatcher.dispatch(Action::Loaded(samples::parse_all(&Options::default())));
        });
    }

    html! {
        <div class="page">
            <header class="masthead">
                <h1 class="brand">{ "Readout" }</h1>
                <p class="tagline">{ "Meetings and their directives, read out of Chinese-language meeting reports." }</p>
            </header>
            <main class="content">
                <Summary phase={state.phase} counts={state.counts} />
                <FileErrors errors={state.errors.clone()} />
                <Timeline phase={state.phase} meetings={state.timeline.clone()} />
            </main>
            <footer class="colophon">
                <p>
                    { format!("Sample corpus: {} seed reports, parsed in this browser by the same Rust core as the readout CLI.", samples::SAMPLES.len()) }
                </p>
            </footer>
        </div>
    }
}
