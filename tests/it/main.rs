//! Native integration tests (one binary).
#![cfg(not(target_arch = "wasm32"))]
