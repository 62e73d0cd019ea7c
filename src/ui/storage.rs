//! IndexedDB access (web-sys): one object store of text values. Every
//! failure (no IndexedDB, a file:// page, a private window) is an `Err` the
//! page shrugs off: it then simply does not remember.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB: &str = "readout";
const STORE: &str = "kv";
/// The key of the stored corpus (see [`super::store`]).
pub const CORPUS: &str = "corpus";

/// Resolves when `req` succeeds (with its result) or fails.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |e: web_sys::Event| {
            let result = e.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()).and_then(|r| r.result().ok());
            let _ = resolve.call1(&JsValue::NULL, &result.unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("IndexedDB request failed"));
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = gloo::utils::window().indexed_db()?.ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
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

/// The text stored under `key`, if any.
pub async fn get(key: &str) -> Result<Option<String>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE)?;
    let req = tx.object_store(STORE)?.get(&JsValue::from_str(key))?;
    let value = done(&req).await?;
    db.close();
    Ok(value.as_string())
}

/// Stores `value` under `key`.
pub async fn put(key: &str, value: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let req = tx.object_store(STORE)?.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))?;
    done(&req).await?;
    db.close();
    Ok(())
}

/// Forgets `key`.
pub async fn delete(key: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let req = tx.object_store(STORE)?.delete(&JsValue::from_str(key))?;
    done(&req).await?;
    db.close();
    Ok(())
}
