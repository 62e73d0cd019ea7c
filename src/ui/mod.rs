//! The browser UI (Yew), compiled only with the `ui` feature.
//!
//! Layout, meant to grow (worker, filters, provenance pane):
//!
//! - [`state`]: the page's state and its pure reducer. No DOM, no browser
//!   API: unit-tested natively.
//! - [`samples`]: the sample corpus (the seed reports), embedded in the binary.
//! - [`app`]: the thin root component: holds the reducer, loads the samples,
//!   lays out the components.
//! - [`components`]: one presentational component per file. They take what
//!   they show as props and render every piece of report text as text, never
//!   as markup.

pub mod app;
pub mod components;
pub mod samples;
pub mod state;

pub use app::App;
