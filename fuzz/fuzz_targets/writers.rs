//! The export writers on arbitrary documents: JSON, JSONL and CSV never
//! panic, JSON and JSONL read back to the same documents, and reading an
//! arbitrary byte string as an export fails cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout::model::{Corpus, Document};
use readout::output::{self, Format};

fuzz_target!(|data: &[u8]| {
    // Arbitrary bytes read as an export (wrong schema, truncated, binary):
    // an error, never a panic.
    let _ = serde_json::from_slice::<Corpus>(data);
    let _ = serde_json::from_slice::<Document>(data);

    // A real document from the bytes, then each format.
    let parsed = readout::parse("fuzz.txt", data, &readout::Options::default());
    let mut docs = vec![parsed.document];
    // And a hand-made one whose strings are the raw text (quotes, commas,
    // line breaks, control characters in every CSV cell).
    let text = String::from_utf8_lossy(data).into_owned();
    docs.push(Document::failed(text.clone(), data.len(), text));
    for f in [Format::Json, Format::Jsonl, Format::Csv] {
        let s = output::to_string(&docs, f);
        assert!(!s.is_empty());
    }
    let json = output::to_string(&docs, Format::Json);
    let back: Corpus = serde_json::from_str(&json).expect("our own JSON reads back");
    assert_eq!(back.documents, docs);
    let jsonl = output::to_string(&docs, Format::Jsonl);
    let back: Vec<Document> =
        jsonl.lines().map(|l| serde_json::from_str(l).expect("each JSONL line reads back")).collect();
    assert_eq!(back, docs);
});
