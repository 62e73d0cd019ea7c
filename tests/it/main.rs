//! Native integration tests (one binary).
#![cfg(not(target_arch = "wasm32"))]

mod clean;
mod cli;
mod extract;
mod gen;
mod score;
#[cfg(feature = "ui")]
mod ui_ssr;
