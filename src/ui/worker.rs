//! The parsing worker (gloo-worker): receives batches of files, parses each
//! with the core, answers with the documents. Only `src/bin/worker.rs` links
//! it, so the page's main wasm stays free of the parsing pipeline.

use super::proto::{parse_batch, Request, Response};
use gloo::worker::{HandlerId, Worker, WorkerScope};

pub struct ParseWorker;

impl Worker for ParseWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ParseWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Request, id: HandlerId) {
        let t0 = js_sys::Date::now();
        let docs = parse_batch(msg.files, msg.max_bytes);
        let parse_ms = js_sys::Date::now() - t0;
        scope.respond(id, Response { job: msg.job, docs, parse_ms });
    }
}
