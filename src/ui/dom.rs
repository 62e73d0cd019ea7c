//! Small browser helpers: reading chosen or dropped files, downloading an
//! export, the URL hash.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file the reader gave: its name (with its folder path when a folder was
/// chosen) and its bytes.
pub struct Given {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads every file of a list, in order; `folder` keeps only the kinds a
/// folder walk wants (see [`super::import::is_wanted_in_folder`]).
pub async fn read_files(mut files: Vec<web_sys::File>, folder: bool) -> Vec<Given> {
    let name_of = |f: &web_sys::File| {
        let rel = js_sys::Reflect::get(f, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        if rel.is_empty() {
            f.name()
        } else {
            rel
        }
    };
    files.sort_by_key(name_of);
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let name = name_of(&f);
        if folder && !super::import::is_wanted_in_folder(&name) {
            continue;
        }
        let Ok(buf) = JsFuture::from(f.array_buffer()).await else { continue };
        out.push(Given { name, bytes: js_sys::Uint8Array::new(&buf).to_vec() });
    }
    out
}

/// The files of a list (an input's or a drop's).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
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
