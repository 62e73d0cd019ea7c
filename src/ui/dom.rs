//! Small browser helpers: reading chosen or dropped files, downloading an
//! export, the URL hash.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A file the reader gave: its name (with its folder path when a folder was
/// chosen) and its bytes.
pub struct Given {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file's name: its path inside the folder chosen or dropped, if any.
pub fn name_of(f: &web_sys::File) -> String {
    let rel = js_sys::Reflect::get(f, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    if rel.is_empty() {
        f.name()
    } else {
        rel
    }
}

/// Waits for a later task (the page renders and answers meanwhile).
pub async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(p).await;
}

/// The files of a list with their names, sorted by name; `folder` keeps
/// only the kinds a folder walk wants (see
/// [`super::import::is_wanted_in_folder`]). Nothing is read yet. The names
/// are asked for a thousand files per task, so 10,000 files do not hold the
/// main thread.
pub async fn named(files: Vec<web_sys::File>, folder: bool) -> Vec<(String, web_sys::File)> {
    let mut named = Vec::with_capacity(files.len());
    for (i, f) in files.into_iter().enumerate() {
        if i > 0 && i % 1000 == 0 {
            next_task().await;
        }
        let name = name_of(&f);
        if !folder || super::import::is_wanted_in_folder(&name) {
            named.push((name, f));
        }
    }
    sort_by_name(&mut named);
    named
}

/// Sorts named files by name (one sort for every list of them: each
/// `sort_by` closure is another copy of the sort in the wasm).
pub fn sort_by_name(named: &mut [(String, web_sys::File)]) {
    named.sort_by(|a, b| a.0.cmp(&b.0));
}

/// Reads a few files at once (their reads overlap), in order; a file that
/// cannot be read is skipped.
pub async fn read_some(files: &[(String, web_sys::File)]) -> Vec<Given> {
    let reads = js_sys::Array::new();
    for (_, f) in files {
        reads.push(&f.array_buffer());
    }
    // allSettled: one unreadable file does not lose the others.
    let Ok(results) = JsFuture::from(js_sys::Promise::all_settled(&reads)).await else { return Vec::new() };
    let results: js_sys::Array = results.unchecked_into();
    let mut out = Vec::with_capacity(files.len());
    for ((name, _), r) in files.iter().zip(results.iter()) {
        let value = js_sys::Reflect::get(&r, &"value".into()).ok().filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>());
        if let Some(buf) = value {
            out.push(Given { name: name.clone(), bytes: js_sys::Uint8Array::new(&buf).to_vec() });
        }
    }
    out
}

/// The files of a list (an input's or a drop's).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| js_sys::Array::from(&l).iter().map(|f| f.unchecked_into()).collect()).unwrap_or_default()
}

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.set_hidden(true);
            if let Some(body) = document.body() {
                let _ = body.append_child(&a);
                a.click();
                a.remove();
            }
        }
    }
    // Revoke after the click has been handled.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The current URL hash, without `#`.
pub fn hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default().trim_start_matches('#').to_owned()
}

/// Replaces the URL hash without adding a history entry (or scrolling).
pub fn set_hash(hash: &str) {
    let window = gloo::utils::window();
    if self::hash() == hash {
        return;
    }
    let location = window.location();
    let base = location.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_owned();
    let url = if hash.is_empty() { base } else { format!("{base}#{hash}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Calls `target.method(resolve, reject)` (the callback style of the file
/// system entry API) and waits for the value.
async fn called_back(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = f.call2(target, &resolve, &reject) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    JsFuture::from(promise).await
}

fn flag(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &name.into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The entries of a drop (`webkitGetAsEntry`), taken while the drop event
/// runs (its data is gone after it); empty when the browser has no entries.
pub fn dropped_entries(dt: &web_sys::DataTransfer) -> Vec<JsValue> {
    let items = dt.items();
    let mut out = Vec::new();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        let get = js_sys::Reflect::get(&item, &"webkitGetAsEntry".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(entry) = get.and_then(|f| f.call0(&item).ok()).filter(|e| !e.is_null() && !e.is_undefined()) {
            out.push(entry);
        }
    }
    out
}

/// The files of dropped entries, folders walked: a dropped file by its
/// name, a file found in a dropped folder by its path from that folder
/// (`reports/2020/a.txt`, as when the folder is chosen) and only if a folder
/// walk wants it.
pub async fn walk_entries(entries: Vec<JsValue>) -> Vec<(String, web_sys::File)> {
    let mut out = Vec::new();
    // Depth first, in the order the browser lists them (sorted later).
    let mut stack: Vec<(JsValue, bool)> = entries.into_iter().rev().map(|e| (e, false)).collect();
    while let Some((entry, in_folder)) = stack.pop() {
        if flag(&entry, "isFile") {
            let path = js_sys::Reflect::get(&entry, &"fullPath".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
            let name = path.trim_start_matches('/').to_owned();
            if in_folder && !super::import::is_wanted_in_folder(&name) {
                continue;
            }
            if let Ok(file) = called_back(&entry, "file").await.and_then(|f| f.dyn_into::<web_sys::File>()) {
                let name = if name.is_empty() { file.name() } else { name };
                out.push((name, file));
            }
        } else if flag(&entry, "isDirectory") {
            let Ok(reader) = js_sys::Reflect::get(&entry, &"createReader".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
                .and_then(|f| f.call0(&entry))
            else {
                continue;
            };
            // readEntries gives a hundred or so at a time, then nothing.
            let mut children = Vec::new();
            while let Ok(batch) = called_back(&reader, "readEntries").await {
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                children.extend(batch.iter());
            }
            stack.extend(children.into_iter().rev().map(|c| (c, true)));
        }
    }
    out
}
