//! Native integration tests (one binary).
#![cfg(not(target_arch = "wasm32"))]

mod clean;
mod cli;
mod extract;
mod fuzz_regressions;
mod gen;
mod hostile;
mod props;
mod score;
#[cfg(feature = "ui")]
mod ui_ssr;
