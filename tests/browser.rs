//! Browser tests (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]
