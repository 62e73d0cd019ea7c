//! Where parsing runs: in the page's Web Worker (gloo-worker, the normal
//! build), or on the main thread, one batch per task, in the single-file
//! build (feature `inline-parse`), which a file:// page needs because it
//! cannot start a worker.

use super::proto::{Request, Response};
use std::rc::Rc;

/// Sends batches to be parsed; answers come back through the callback given
/// to [`Parser::new`], one per batch, in order.
pub struct Parser {
    #[cfg(not(feature = "inline-parse"))]
    bridge: gloo::worker::WorkerBridge<super::worker::ParseWorker>,
    #[cfg(feature = "inline-parse")]
    on_response: Rc<dyn Fn(Response)>,
}

/// The worker's loader shim, written by trunk next to the page
/// (`data-loader-shim`); relative, so the page works under any sub-path.
#[cfg(not(feature = "inline-parse"))]
pub const WORKER_LOADER: &str = "./readout-worker_loader.js";

impl Parser {
    #[cfg(not(feature = "inline-parse"))]
    pub fn new(on_response: Rc<dyn Fn(Response)>) -> Parser {
        use super::proto::JsonCodec;
        use gloo::worker::Spawnable;
        let bridge = super::worker::ParseWorker::spawner()
            .callback(move |r| on_response(r))
            .encoding::<JsonCodec>()
            .spawn_with_loader(WORKER_LOADER);
        Parser { bridge }
    }

    #[cfg(not(feature = "inline-parse"))]
    pub fn send(&self, request: Request) {
        self.bridge.send(request);
    }

    #[cfg(feature = "inline-parse")]
    pub fn new(on_response: Rc<dyn Fn(Response)>) -> Parser {
        Parser { on_response }
    }

    /// Parses in a later task, so the page repaints between batches.
    #[cfg(feature = "inline-parse")]
    pub fn send(&self, request: Request) {
        let on_response = Rc::clone(&self.on_response);
        gloo::timers::callback::Timeout::new(0, move || {
            let t0 = js_sys::Date::now();
            let docs = super::proto::parse_batch(request.files, request.max_bytes);
            let parse_ms = js_sys::Date::now() - t0;
            on_response(Response { job: request.job, docs, parse_ms });
        })
        .forget();
    }
}
