//! The browser UI (Yew), compiled only with the `ui` feature.
//!
//! - [`state`]: the page's state and its pure reducer; [`view`]: the filters,
//!   script and language, kept in the URL hash; [`text`]: script conversion
//!   (with [`convert`]'s tables), search and highlighting as byte ranges;
//!   [`i18n`]: interface labels; [`store`]: the stored-corpus format;
//!   [`import`]: reading exports; [`export`]: writing them. No DOM in any
//!   of these: all unit-tested natively.
//! - [`app`]: the thin root; [`components`]: one component per file.
//! - [`proto`], [`worker`], [`backend`], [`loader`]: parsing off the main
//!   thread in a gloo-worker (or inline in the single-file build), in batches
//!   with progress. Only the worker binary links the parsing core.
//! - [`dom`], [`storage`]: the browser edge (files, downloads, hash, IndexedDB).
//! - [`samples`]: the sample corpus (the seed reports), embedded.

pub mod app;
pub mod backend;
pub mod components;
pub mod convert;
pub mod dom;
pub mod export;
pub mod i18n;
pub mod import;
pub mod loader;
pub mod persist;
pub mod proto;
pub mod samples;
pub mod state;
pub mod storage;
pub mod store;
pub mod text;
pub mod view;
pub mod worker;

pub use app::App;
