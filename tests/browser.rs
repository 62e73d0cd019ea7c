//! Browser tests (wasm-bindgen-test in headless Chromium): the real core
//! compiled to wasm, and the page mounted into the document.
//!
//! ```text
//! cargo test --target wasm32-unknown-unknown --no-default-features --features inline-parse --test browser
//! ```
//!
//! The page is mounted as the single-file build runs it (`inline-parse`:
//! parsing on the main thread), since the test runner serves no worker script.
//!
//! ```text
//! ```
#![cfg(target_arch = "wasm32")]

use readout::Options;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The seed reports, embedded here independently of the UI's own list.
const SEEDS: &[(&str, &[u8])] = &[
    ("000_78a6936e3f6415f9.txt", include_bytes!("../static/samples/000_78a6936e3f6415f9.txt")),
    ("001_da66712a28116a4b.txt", include_bytes!("../static/samples/001_da66712a28116a4b.txt")),
    ("002_cbc853fa26fadfa5.txt", include_bytes!("../static/samples/002_cbc853fa26fadfa5.txt")),
    ("003_8dc450ce675dd6a7.txt", include_bytes!("../static/samples/003_8dc450ce675dd6a7.txt")),
    ("004_9ad8b461a22d7448.txt", include_bytes!("../static/samples/004_9ad8b461a22d7448.txt")),
];

#[wasm_bindgen_test]
fn core_decodes_every_seed_in_wasm() {
    for (file, bytes) in SEEDS {
        let parsed = readout::parse(file, bytes, &Options::default());
        let doc = &parsed.document;
        assert_eq!(doc.error, None, "{file}");
        assert_eq!(doc.file, *file);
        assert_eq!(doc.bytes, bytes.len(), "{file}");
        assert!(doc.encoding.is_some(), "{file}: encoding found");
        assert!(!parsed.source.is_empty(), "{file}: source kept");
    }
}

#[wasm_bindgen_test]
fn core_finds_meetings_in_every_seed_in_wasm() {
    for (file, bytes) in SEEDS {
        let doc = readout::parse_bytes(file, bytes, &Options::default());
        assert!(!doc.meetings.is_empty(), "{file}: no meeting found");
        for m in &doc.meetings {
            let span = m.span;
            assert!(span.start <= span.end && span.end <= bytes.len(), "{file}: meeting span {span:?} in bounds");
        }
    }
}

#[wasm_bindgen_test]
fn over_limit_input_is_a_per_file_error_in_wasm() {
    let doc = readout::parse_bytes("big.txt", SEEDS[0].1, &Options { max_bytes: 10, ..Options::default() });
    assert!(doc.error.is_some());
    assert!(doc.meetings.is_empty());
}

#[cfg(feature = "ui")]
mod page {
    use super::SEEDS;
    use readout::Options;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::Element;

    fn mount() -> Element {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<readout::ui::App>::with_root(root.clone()).render();
        root
    }

    fn summary(root: &Element) -> String {
        root.query_selector("[data-testid=summary]").unwrap().and_then(|e| e.text_content()).unwrap_or_default()
    }

    #[wasm_bindgen_test]
    async fn app_lists_one_card_per_meeting_the_core_finds() {
        let root = mount();
        // The corpus is parsed in an effect after the first render.
        for _ in 0..200 {
            if !summary(&root).is_empty() && !summary(&root).starts_with("Parsing") {
                break;
            }
            yew::platform::time::sleep(Duration::from_millis(25)).await;
        }
        let text = summary(&root);
        assert!(text.contains(&format!("{} files", SEEDS.len())), "{text}");
        assert!(text.contains("0 errors"), "{text}");

        let expected: usize = SEEDS
            .iter()
            .map(|(file, bytes)| readout::parse_bytes(file, bytes, &Options::default()).meetings.len())
            .sum();
        let cards = root.query_selector_all("li.meeting-card").unwrap();
        assert_eq!(cards.length() as usize, expected, "{}", root.inner_html());
        assert!(text.starts_with(&format!("{expected} meeting")), "{text}");

        for i in 0..cards.length() {
            let card: Element = cards.item(i).unwrap().dyn_into().unwrap();
            for part in [".date", ".card-title .body", ".card-title .name", ".chair", ".directive-count"] {
                assert!(card.query_selector(part).unwrap().is_some(), "card {i} lacks {part}");
            }
        }
        root.remove();
    }
}
