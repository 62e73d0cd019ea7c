//! A load: files cut into batches, sent to the [`Parser`] at most two at a
//! time, each answer dispatched to the reducer with the progress so far.
//! Cancelling drops the batches not yet sent and ignores answers still due.

use super::backend::Parser;
use super::proto::{InFile, Request, Response};
use super::state::Action;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use yew::Callback;

/// A batch holds at most this many files…
pub const BATCH_FILES: usize = 25;
/// …and, past its first file, at most this many bytes.
pub const BATCH_BYTES: usize = 512 << 10;
const IN_FLIGHT: usize = 2;

/// Cuts files into batches, keeping their order (as [`Loader::feed`] does).
pub fn batches(files: Vec<InFile>) -> VecDeque<Vec<InFile>> {
    let mut out = VecDeque::new();
    let mut cur: Vec<InFile> = Vec::new();
    let mut bytes = 0;
    for f in files {
        if !cur.is_empty() && (cur.len() >= BATCH_FILES || bytes + f.bytes.len() > BATCH_BYTES) {
            out.push_back(std::mem::take(&mut cur));
            bytes = 0;
        }
        bytes += f.bytes.len();
        cur.push(f);
    }
    if !cur.is_empty() {
        out.push_back(cur);
    }
    out
}

pub struct Loader {
    parser: Option<Parser>,
    dispatch: Callback<Action>,
    job: u32,
    active: bool,
    queue: VecDeque<Vec<InFile>>,
    /// Files and bytes of the batches sent and not yet answered.
    in_flight: VecDeque<(usize, usize)>,
    started_ms: f64,
    /// Parser time summed over the answered batches of this load.
    parse_ms: f64,
    /// The per-file size cap of this load.
    max_bytes: usize,
    /// Files given but not yet a whole batch, and their bytes.
    pending: Vec<InFile>,
    pending_bytes: usize,
    /// Every file of the load has been given (see [`Loader::feed`]).
    input_done: bool,
    /// Bytes of the files given so far.
    given_bytes: usize,
}

pub type SharedLoader = Rc<RefCell<Loader>>;

impl Loader {
    pub fn new(dispatch: Callback<Action>) -> SharedLoader {
        let loader = Rc::new(RefCell::new(Loader {
            parser: None,
            dispatch,
            job: 0,
            active: false,
            queue: VecDeque::new(),
            in_flight: VecDeque::new(),
            started_ms: 0.0,
            parse_ms: 0.0,
            max_bytes: crate::DEFAULT_MAX_BYTES,
            pending: Vec::new(),
            pending_bytes: 0,
            input_done: true,
            given_bytes: 0,
        }));
        let weak: Weak<RefCell<Loader>> = Rc::downgrade(&loader);
        let parser = Parser::new(Rc::new(move |r: Response| {
            if let Some(l) = weak.upgrade() {
                Loader::answered(&l, r);
            }
        }));
        loader.borrow_mut().parser = Some(parser);
        loader
    }

    /// Starts loading `files`, refusing those over `max_bytes` (a load under
    /// way is cancelled first).
    pub fn load(this: &SharedLoader, files: Vec<InFile>, max_bytes: usize) {
        if files.is_empty() {
            return;
        }
        let bytes = files.iter().map(|f| f.bytes.len()).sum();
        let job = Loader::start(this, files.len(), bytes, max_bytes);
        Loader::feed(this, job, files);
        Loader::end_input(this, job);
    }

    /// Starts a load of `files` files, `bytes` bytes in all (0 when not known
    /// yet: the total then grows as they are given), given later with
    /// [`Loader::feed`] as they are read (so parsing starts with the first
    /// ones); returns its job. A load under way is cancelled first.
    pub fn start(this: &SharedLoader, files: usize, bytes: usize, max_bytes: usize) -> u32 {
        Loader::cancel(this);
        let (job, dispatch) = {
            let mut l = this.borrow_mut();
            l.job += 1;
            l.active = true;
            l.started_ms = now_ms();
            l.parse_ms = 0.0;
            l.max_bytes = max_bytes;
            l.queue.clear();
            l.in_flight.clear();
            l.pending.clear();
            l.pending_bytes = 0;
            l.input_done = false;
            l.given_bytes = 0;
            (l.job, l.dispatch.clone())
        };
        dispatch.emit(Action::Started { job, files, bytes });
        job
    }

    /// Gives more files to load `job`, in order; `false` when that load has
    /// ended (cancelled, or replaced by another): stop reading then.
    pub fn feed(this: &SharedLoader, job: u32, files: Vec<InFile>) -> bool {
        {
            let mut l = this.borrow_mut();
            if !l.active || l.job != job {
                return false;
            }
            for f in files {
                l.given_bytes += f.bytes.len();
                if !l.pending.is_empty() && (l.pending.len() >= BATCH_FILES || l.pending_bytes + f.bytes.len() > BATCH_BYTES) {
                    let batch = std::mem::take(&mut l.pending);
                    l.queue.push_back(batch);
                    l.pending_bytes = 0;
                }
                l.pending_bytes += f.bytes.len();
                l.pending.push(f);
            }
            if l.pending.len() >= BATCH_FILES {
                let batch = std::mem::take(&mut l.pending);
                l.queue.push_back(batch);
                l.pending_bytes = 0;
            }
        }
        Loader::pump(this);
        true
    }

    /// Every file of `job` has been given.
    pub fn end_input(this: &SharedLoader, job: u32) {
        let finished = {
            let mut l = this.borrow_mut();
            if !l.active || l.job != job {
                return;
            }
            l.input_done = true;
            if !l.pending.is_empty() {
                let batch = std::mem::take(&mut l.pending);
                l.queue.push_back(batch);
                l.pending_bytes = 0;
            }
            let finished = l.queue.is_empty() && l.in_flight.is_empty();
            if finished {
                l.active = false;
            }
            finished.then(|| l.dispatch.clone())
        };
        match finished {
            // Nothing was given after all.
            Some(dispatch) => dispatch.emit(Action::Finished { job }),
            None => Loader::pump(this),
        }
    }

    /// Stops the load under way, keeping what was parsed.
    pub fn cancel(this: &SharedLoader) {
        let (job, dispatch, was) = {
            let mut l = this.borrow_mut();
            let was = l.active;
            l.active = false;
            l.queue.clear();
            l.in_flight.clear();
            l.pending.clear();
            l.input_done = true;
            (l.job, l.dispatch.clone(), was)
        };
        if was {
            dispatch.emit(Action::Finished { job });
        }
    }

    pub fn busy(this: &SharedLoader) -> bool {
        this.borrow().active
    }

    fn pump(this: &SharedLoader) {
        let mut l = this.borrow_mut();
        while l.active && l.in_flight.len() < IN_FLIGHT {
            let Some(files) = l.queue.pop_front() else { break };
            let size = (files.len(), files.iter().map(|f| f.bytes.len()).sum());
            l.in_flight.push_back(size);
            let request = Request { job: l.job, files, max_bytes: l.max_bytes };
            if let Some(p) = &l.parser {
                p.send(request);
            }
        }
    }

    fn answered(this: &SharedLoader, r: Response) {
        let (dispatch, advanced, given, finished) = {
            let mut l = this.borrow_mut();
            if !l.active || r.job != l.job {
                return;
            }
            let (files, bytes) = l.in_flight.pop_front().unwrap_or((r.docs.len(), 0));
            let elapsed_ms = now_ms() - l.started_ms;
            l.parse_ms += r.parse_ms;
            perf_hook(l.parse_ms);
            let finished = l.input_done && l.queue.is_empty() && l.in_flight.is_empty();
            if finished {
                l.active = false;
            }
            let given = Action::Given { job: r.job, bytes: l.given_bytes };
            (l.dispatch.clone(), Action::Advanced { job: r.job, files, bytes, elapsed_ms }, given, finished.then_some(r.job))
        };
        // One action, so the page renders once per batch.
        let mut actions = vec![given, Action::Loaded(r.docs.into_iter().map(Into::into).collect()), advanced];
        match finished {
            Some(job) => actions.push(Action::Finished { job }),
            None => Loader::pump(this),
        }
        dispatch.emit(Action::All(actions));
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The perf hook: the parser time of the current load so far, in ms, as
/// `<html data-perf-parse-ms>` (read by e2e/perf.mjs; nothing else uses it).
fn perf_hook(parse_ms: f64) {
    if let Some(el) = gloo::utils::document().document_element() {
        let _ = el.set_attribute("data-perf-parse-ms", &super::text::whole(parse_ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(n: usize, len: usize) -> InFile {
        InFile { name: format!("{n}.txt"), bytes: vec![b'a'; len] }
    }

    #[test]
    fn batches_keep_order_and_limits() {
        let files: Vec<InFile> = (0..60).map(|i| file(i, 1000)).collect();
        let b = batches(files);
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [25, 25, 10]);
        let names: Vec<String> = b.iter().flatten().map(|f| f.name.clone()).collect();
        assert_eq!(names, (0..60).map(|i| format!("{i}.txt")).collect::<Vec<_>>());
        // A file over the byte limit travels alone.
        let b = batches(vec![file(0, 10), file(1, BATCH_BYTES + 1), file(2, 10)]);
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 1]);
        assert!(batches(Vec::new()).is_empty());
    }
}
