//! Native integration tests (one binary).
#![cfg(not(target_arch = "wasm32"))]

#[cfg(feature = "ui")]
mod ui_ssr;
