//! IndexedDB access (web-sys): one object store of text values. No
//! IndexedDB at all (a file:// page, a private window) is not an error the
//! reader sees: the page then simply does not remember. A store that exists
//! but cannot be read (corrupted, of an unknown layout) is cleared and
//! reported; a write that fails (quota exceeded) is reported too.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "readout";
const STORE: &str = "kv";

/// The name and message of a failure (a `DOMException` or anything else).
fn describe(e: &JsValue) -> String {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) => format!("{}: {}", d.name(), d.message()),
        None => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}

/// Errors that mean "no storage here", not "the storage is broken".
fn unavailable(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| matches!(d.name().as_str(), "SecurityError" | "NotAllowedError" | "InvalidStateError"))
        || e.as_string().is_some_and(|s| s == "no IndexedDB")
}

/// Resolves when `req` succeeds (with its result) or fails (with its error).
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |e: web_sys::Event| {
            let result = e.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()).and_then(|r| r.result().ok());
            let _ = resolve.call1(&JsValue::NULL, &result.unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |e: web_sys::Event| {
            let error = e.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()).and_then(|r| r.error().ok().flatten());
            let error = error.map(JsValue::from).unwrap_or_else(|| JsValue::from_str("IndexedDB request failed"));
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when `tx` has committed; fails if it aborted (a quota exceeded,
/// say), in which case none of its writes landed.
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let aborted = Closure::once_into_js(move |e: web_sys::Event| {
            let error = e.target().and_then(|t| t.dyn_into::<IdbTransaction>().ok()).and_then(|t| t.error());
            let error = error.map(JsValue::from).unwrap_or_else(|| JsValue::from_str("IndexedDB transaction aborted"));
            let _ = reject2.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

fn factory() -> Result<IdbFactory, JsValue> {
    gloo::utils::window().indexed_db()?.ok_or_else(|| JsValue::from_str("no IndexedDB"))
}

async fn open(factory: &IdbFactory) -> Result<IdbDatabase, JsValue> {
    let req: IdbOpenDbRequest = factory.open_with_u32(DB, 1)?;
    let upgrade = Closure::once_into_js(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = done(&req).await?;
    db.dyn_into::<IdbDatabase>()
}

/// What the page found in its store.
#[derive(Debug)]
pub enum Found {
    /// Nothing stored, or no storage here.
    Nothing,
    /// Only values under other keys (a corpus of another version): deleted.
    OtherVersion,
    /// The text stored under the header key.
    Text(String),
    /// The store could not be read; it has been cleared.
    Corrupt(String),
}

/// True for the keys of the current corpus: the header and its records.
fn ours(k: &JsValue, key: &str, prefix: &str) -> bool {
    k.as_string().is_some_and(|k| k == key || k.starts_with(prefix))
}

/// Reads the text under `key`, deleting every key that is neither it nor
/// one starting with `prefix` (what another version stored) in the same
/// transaction.
async fn read_and_prune(db: &IdbDatabase, key: &str, prefix: &str) -> Result<Found, JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE)?;
    // Both requests before the first await, so the transaction stays alive.
    let (get, all) = (store.get(&JsValue::from_str(key))?, store.get_all_keys()?);
    let value = done(&get).await?;
    let keys: js_sys::Array = done(&all).await?.dyn_into()?;
    let mut others = false;
    for k in keys.iter() {
        if !ours(&k, key, prefix) {
            others = true;
            store.delete(&k)?;
        }
    }
    let found = if value.is_undefined() {
        if others {
            Found::OtherVersion
        } else {
            Found::Nothing
        }
    } else if let Some(text) = value.as_string() {
        Found::Text(text)
    } else {
        store.delete(&JsValue::from_str(key))?;
        Found::Corrupt("the stored value is not text".into())
    };
    committed(&tx).await?;
    Ok(found)
}

/// Reads the header of the stored corpus under `key` (its records are
/// under `prefix`). A store that cannot be opened or read is deleted (the
/// next visit starts clean) and reported as corrupt.
pub async fn load(key: &str, prefix: &str) -> Found {
    let Ok(factory) = factory() else { return Found::Nothing };
    let result = match open(&factory).await {
        Ok(db) => {
            let r = read_and_prune(&db, key, prefix).await;
            db.close();
            r
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(found) => found,
        Err(e) if unavailable(&e) => Found::Nothing,
        Err(e) => {
            let _ = factory.delete_database(DB);
            Found::Corrupt(describe(&e))
        }
    }
}

/// The keys from just after `after` (or from `prefix` itself) to the last
/// key starting with `prefix`.
fn range(prefix: &str, after: Option<&JsValue>) -> Result<web_sys::IdbKeyRange, JsValue> {
    let upper = JsValue::from_str(&format!("{prefix}\u{10ffff}"));
    match after {
        Some(k) => web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(k, &upper, true, false),
        None => web_sys::IdbKeyRange::bound(&JsValue::from_str(prefix), &upper),
    }
}

/// Reads every value under a key starting with `prefix`, in key order,
/// `chunk` values per request; `each` gets each chunk in turn (in the task
/// of its request's answer, so a long read never holds the main thread).
/// `Err` when a read failed or `each` refused a chunk.
pub async fn read_prefixed(
    prefix: &str,
    chunk: u32,
    mut each: impl FnMut(js_sys::Array) -> Result<(), String>,
) -> Result<(), String> {
    let db = open(&factory().map_err(|e| describe(&e))?).await.map_err(|e| describe(&e))?;
    let mut after: Option<JsValue> = None;
    let result = loop {
        let step = async {
            let tx = db.transaction_with_str(STORE)?;
            let store = tx.object_store(STORE)?;
            let r = range(prefix, after.as_ref())?;
            let (values, keys) = (
                store.get_all_with_key_and_limit(&r, chunk)?,
                store.get_all_keys_with_key_and_limit(&r, chunk)?,
            );
            let values: js_sys::Array = done(&values).await?.dyn_into()?;
            let keys: js_sys::Array = done(&keys).await?.dyn_into()?;
            Ok::<_, JsValue>((values, keys))
        };
        match step.await {
            Err(e) => break Err(describe(&e)),
            Ok((values, keys)) => {
                if values.length() == 0 {
                    break Ok(());
                }
                after = Some(keys.get(keys.length() - 1));
                if let Err(e) = each(values) {
                    break Err(e);
                }
            }
        }
    };
    db.close();
    result
}

/// One transaction: deletes the keys from `delete_from` to the end of
/// `prefix`, then puts every record `next` yields (it is asked for the next
/// chunk once the previous one is written, so the encoding is spread over
/// tasks while the transaction stays open), then the header `last`. It lands
/// whole or not at all. `Err` (with the reason) when the write failed in a
/// browser that has storage; no storage at all is `Ok`.
pub async fn write(
    prefix: &str,
    delete_from: Option<String>,
    mut next: impl FnMut() -> Option<Vec<(String, String)>>,
    last: (String, String),
) -> Result<(), String> {
    async fn run(
        db: &IdbDatabase,
        prefix: &str,
        delete_from: Option<String>,
        next: &mut dyn FnMut() -> Option<Vec<(String, String)>>,
        last: (String, String),
    ) -> Result<(), JsValue> {
        let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
        let result = async {
            let store = tx.object_store(STORE)?;
            if let Some(from) = delete_from {
                let r = web_sys::IdbKeyRange::bound(
                    &JsValue::from_str(&from),
                    &JsValue::from_str(&format!("{prefix}\u{10ffff}")),
                )?;
                store.delete(&r)?;
            }
            while let Some(records) = next() {
                let mut last_put = None;
                for (k, v) in records {
                    last_put = Some(store.put_with_key(&JsValue::from_str(&v), &JsValue::from_str(&k))?);
                }
                // Written: the transaction is active again in this answer.
                if let Some(req) = last_put {
                    done(&req).await?;
                }
            }
            store.put_with_key(&JsValue::from_str(&last.1), &JsValue::from_str(&last.0))?;
            Ok::<_, JsValue>(())
        }
        .await;
        match result {
            Ok(()) => committed(&tx).await,
            Err(e) => {
                // Nothing of a failed save may land.
                let _ = tx.abort();
                Err(e)
            }
        }
    }
    let put = async {
        let db = open(&factory()?).await?;
        let r = run(&db, prefix, delete_from, &mut next, last).await;
        db.close();
        r
    };
    match put.await {
        Ok(()) => Ok(()),
        Err(e) if unavailable(&e) => Ok(()),
        Err(e) => Err(describe(&e)),
    }
}

/// Forgets `key` and every key starting with `prefix`.
pub async fn delete(key: &str, prefix: &str) -> Result<(), JsValue> {
    let db = open(&factory()?).await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE)?;
    store.delete(&JsValue::from_str(key))?;
    store.delete(&range(prefix, None)?.into())?;
    let r = committed(&tx).await;
    db.close();
    r
}
