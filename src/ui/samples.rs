//! The sample corpus: the seed reports in `static/samples/`. The served page
//! fetches them from its own origin (trunk copies them to `dist/samples/`),
//! so they are not part of its wasm; the single-file page (`inline-parse`,
//! opened from file://, where nothing can be fetched) and the native build
//! (tests) embed them.

/// One embedded report: its file name and its raw bytes (decoding is the
/// core's job, as for any file a user would bring).
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub file: &'static str,
    pub bytes: &'static [u8],
}

/// Both lists from one list of names: the names, and (where embedded) the
/// bytes.
macro_rules! samples {
    ($($file:literal),* $(,)?) => {
        /// The seed reports' file names, in order.
        pub const SAMPLE_FILES: &[&str] = &[$($file),*];

        /// The seed reports, embedded, in file-name order.
        #[cfg(any(not(target_arch = "wasm32"), feature = "inline-parse"))]
        pub const SAMPLES: &[Sample] =
            &[$(Sample { file: $file, bytes: include_bytes!(concat!("../../static/samples/", $file)) }),*];
    };
}

samples![
    "000_78a6936e3f6415f9.txt",
    "001_da66712a28116a4b.txt",
    "002_cbc853fa26fadfa5.txt",
    "003_8dc450ce675dd6a7.txt",
    "004_9ad8b461a22d7448.txt",
];

/// The sample corpus as files to load: embedded.
#[cfg(any(not(target_arch = "wasm32"), feature = "inline-parse"))]
pub async fn files() -> Vec<crate::ui::proto::InFile> {
    SAMPLES.iter().map(|s| crate::ui::proto::InFile { name: s.file.to_owned(), bytes: s.bytes.to_vec() }).collect()
}

/// The sample corpus as files to load: fetched from `./samples/` (the
/// page's own origin; a file that cannot be fetched is left out).
#[cfg(all(target_arch = "wasm32", not(feature = "inline-parse")))]
pub async fn files() -> Vec<crate::ui::proto::InFile> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    async fn fetch(name: &str) -> Option<Vec<u8>> {
        let promise = gloo::utils::window().fetch_with_str(&format!("./samples/{name}"));
        let response: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let buf = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
        Some(js_sys::Uint8Array::new(&buf).to_vec())
    }
    let mut out = Vec::new();
    for name in SAMPLE_FILES {
        if let Some(bytes) = fetch(name).await {
            out.push(crate::ui::proto::InFile { name: (*name).to_owned(), bytes });
        }
    }
    out
}

/// Parses every sample with the real core, in order.
#[cfg(any(not(target_arch = "wasm32"), feature = "inline-parse"))]
pub fn parse_all(opts: &crate::Options) -> Vec<crate::Parsed> {
    SAMPLES.iter().map(|s| crate::parse(s.file, s.bytes, opts)).collect()
}
