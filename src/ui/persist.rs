//! Keeping the corpus in IndexedDB without holding the main thread: a save
//! writes only the documents that changed since the last one (a load adds
//! its new documents; nothing else is rewritten), encoding them a few at a
//! time between the writes of one transaction; a restore reads the records
//! back in chunks, each decoded and shown in its own task.
//!
//! One save runs at a time; a save asked for meanwhile runs after it with
//! the latest corpus. A failed save (quota exceeded) is reported and the
//! corpus stays open in the page; the store keeps the last corpus saved.

use super::state::{Action, Notice};
use super::{storage, store};
use crate::Parsed;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Callback;

/// Documents encoded per write of a save: small, so a save running while
/// the reader scrolls costs a frame a few milliseconds at most…
pub const CHUNK_DOCS: usize = 16;
/// …and at most about this many bytes of JSON per write.
pub const CHUNK_BYTES: usize = 256 << 10;
/// Documents read back per request of a restore.
pub const RESTORE_DOCS: u32 = 64;

/// The documents at positions `from..` of `docs` that differ from the ones
/// stored at the same positions (by identity: a document is never changed,
/// only replaced).
pub fn changed(stored: &[Rc<Parsed>], docs: &[Rc<Parsed>]) -> Vec<usize> {
    (0..docs.len()).filter(|&i| stored.get(i).is_none_or(|s| !Rc::ptr_eq(s, &docs[i]))).collect()
}

#[derive(Default)]
pub struct Saver {
    /// What the store holds, position by position.
    stored: Vec<Rc<Parsed>>,
    running: bool,
    /// The corpus to save once the running save is done.
    wanted: Option<Rc<Vec<Rc<Parsed>>>>,
}

pub type SharedSaver = Rc<RefCell<Saver>>;

impl Saver {
    /// Documents read back from the store: they need no saving.
    pub fn restored(this: &SharedSaver, docs: &[Rc<Parsed>]) {
        this.borrow_mut().stored.extend(docs.iter().cloned());
    }

    /// Forgets what was restored (the store was found damaged and cleared).
    pub fn reset(this: &SharedSaver) {
        this.borrow_mut().stored.clear();
    }

    /// Stores `docs` (now, or after the save under way).
    pub fn save(this: &SharedSaver, docs: Rc<Vec<Rc<Parsed>>>, dispatch: Callback<Action>) {
        {
            let mut s = this.borrow_mut();
            if s.running {
                s.wanted = Some(docs);
                return;
            }
            s.running = true;
        }
        let this = Rc::clone(this);
        wasm_bindgen_futures::spawn_local(async move {
            let mut docs = docs;
            loop {
                let (todo, delete_from) = {
                    let s = this.borrow();
                    let stale = s.stored.len() > docs.len();
                    (changed(&s.stored, &docs), stale.then(|| store::doc_key(docs.len())))
                };
                if !todo.is_empty() || delete_from.is_some() {
                    let mut todo = todo.into_iter().peekable();
                    let corpus = Rc::clone(&docs);
                    let next = move || {
                        todo.peek()?;
                        let (mut chunk, mut bytes) = (Vec::new(), 0);
                        while chunk.len() < CHUNK_DOCS && bytes < CHUNK_BYTES {
                            let Some(i) = todo.next() else { break };
                            let text = store::encode_doc(&corpus[i]);
                            bytes += text.len();
                            chunk.push((store::doc_key(i), text));
                        }
                        Some(chunk)
                    };
                    let header = (store::key(), store::encode_header(docs.len()));
                    match storage::write(&store::doc_prefix(), delete_from, next, header).await {
                        Ok(()) => this.borrow_mut().stored = docs.to_vec(),
                        Err(reason) => dispatch.emit(Action::Notify(Some(Notice::SaveFailed(reason)))),
                    }
                }
                let again = {
                    let mut s = this.borrow_mut();
                    let again = s.wanted.take();
                    if again.is_none() {
                        s.running = false;
                    }
                    again
                };
                match again {
                    Some(d) => docs = d,
                    None => break,
                }
            }
        });
    }
}

/// How a restore ended.
pub enum Restore {
    /// Every stored document was shown (none when nothing was stored).
    Done,
    /// The store held another version's corpus, or a damaged one: it has
    /// been cleared, and the reader should be told.
    Dropped(Notice),
}

/// Reads the stored corpus back, dispatching it chunk by chunk
/// (`Action::Restored`); `None` when nothing was stored (or there is no
/// storage here).
pub async fn restore(saver: &SharedSaver, dispatch: &Callback<Action>) -> Option<Restore> {
    let (key, prefix) = (store::key(), store::doc_prefix());
    let count = match storage::load(&key, &prefix).await {
        storage::Found::Nothing => return None,
        storage::Found::OtherVersion => return Some(Restore::Dropped(Notice::StoredDropped)),
        storage::Found::Corrupt(_) => return Some(Restore::Dropped(Notice::StoredUnreadable)),
        storage::Found::Text(text) => match store::decode_header(&text) {
            Ok(count) => count,
            Err(why) => {
                let _ = storage::delete(&key, &prefix).await;
                return Some(Restore::Dropped(match why {
                    store::Dropped::OtherVersion(_) => Notice::StoredDropped,
                    store::Dropped::Unreadable(_) => Notice::StoredUnreadable,
                }));
            }
        },
    };
    let mut got = 0;
    let read = storage::read_prefixed(&prefix, RESTORE_DOCS, |values| {
        let mut docs = Vec::with_capacity(values.length() as usize);
        for v in values.iter() {
            let text = v.as_string().ok_or("a stored record is not text")?;
            let doc = store::decode_doc(&text).map_err(|e| e.to_string())?;
            docs.push(Rc::new(doc));
        }
        got += docs.len();
        if got > count {
            return Err("more records than the header says".into());
        }
        Saver::restored(saver, &docs);
        dispatch.emit(Action::Restored { docs, done: false });
        Ok(())
    })
    .await;
    if read.is_ok() && got == count {
        dispatch.emit(Action::Restored { docs: Vec::new(), done: true });
        return Some(Restore::Done);
    }
    // Damaged: forget what was shown of it, and clear the store.
    Saver::reset(saver);
    if got > 0 {
        dispatch.emit(Action::Clear);
    }
    let _ = storage::delete(&key, &prefix).await;
    Some(Restore::Dropped(Notice::StoredUnreadable))
}
