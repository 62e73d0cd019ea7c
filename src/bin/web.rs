//! The web page's entry point (built by trunk for wasm32).
fn main() {}
