//! What the page keeps between visits: one record per document (its JSON,
//! with its source) under a key naming the storage format, the record schema
//! and the document's position in the corpus, and a header record with the
//! number of documents. A corpus stored under another format or schema is
//! dropped (the reader is told), never trusted.
//!
//! Per-document records let a save write only the documents that changed,
//! a few at a time (see [`super::persist`]), and let a restore read them back
//! in chunks, so neither ever holds the main thread for long.
//!
//! Pure functions; the IndexedDB access is in [`super::storage`].

use super::proto::ParsedDoc;
use crate::model::SCHEMA;
use crate::Parsed;
use serde::{Deserialize, Serialize};

/// The layout of the stored corpus; bump it when the records change.
pub const STORE_FORMAT: &str = "readout-page/3";

/// Why a stored corpus was not restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dropped {
    /// Written by another version (its format and schema).
    OtherVersion(String),
    /// Not readable at all.
    Unreadable(String),
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dropped::OtherVersion(v) => write!(f, "stored by another version ({v})"),
            Dropped::Unreadable(e) => write!(f, "unreadable: {e}"),
        }
    }
}

/// The IndexedDB key of the header record. It names the storage format and
/// the record schema, so a corpus of another version is never read as this
/// one (the page deletes every key of another version when it opens).
pub fn key() -> String {
    format!("corpus:{STORE_FORMAT}:{SCHEMA}")
}

/// What every document record's key starts with.
pub fn doc_prefix() -> String {
    format!("{}#", key())
}

/// The key of the document at position `i` of the corpus: zero-padded, so
/// the keys sort in corpus order.
pub fn doc_key(i: usize) -> String {
    format!("{}{i:09}", doc_prefix())
}

#[derive(Serialize, Deserialize)]
struct Header {
    #[serde(default)]
    store: String,
    #[serde(default)]
    schema: String,
    /// How many document records there are (keys 0 to docs - 1).
    docs: usize,
}

/// The header record for a corpus of `count` documents.
pub fn encode_header(count: usize) -> String {
    let h = Header { store: STORE_FORMAT.into(), schema: SCHEMA.into(), docs: count };
    serde_json::to_string(&h).unwrap_or_default()
}

/// The number of documents a header announces.
pub fn decode_header(text: &str) -> Result<usize, Dropped> {
    #[derive(Deserialize)]
    struct Version {
        #[serde(default)]
        store: String,
        #[serde(default)]
        schema: String,
    }
    let v: Version = serde_json::from_str(text).map_err(|e| Dropped::Unreadable(e.to_string()))?;
    if v.store != STORE_FORMAT || v.schema != SCHEMA {
        return Err(Dropped::OtherVersion(format!("{} {}", v.store, v.schema).trim().to_owned()));
    }
    let h: Header = serde_json::from_str(text).map_err(|e| Dropped::Unreadable(e.to_string()))?;
    Ok(h.docs)
}

/// One document's record: its JSON and its source text.
pub fn encode_doc(doc: &Parsed) -> String {
    #[derive(Serialize)]
    struct ParsedDocRef<'a> {
        document: &'a crate::model::Document,
        source: &'a str,
    }
    serde_json::to_string(&ParsedDocRef { document: &doc.document, source: &doc.source }).unwrap_or_default()
}

pub fn decode_doc(text: &str) -> Result<Parsed, Dropped> {
    serde_json::from_str::<ParsedDoc>(text).map(Parsed::from).map_err(|e| Dropped::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    #[test]
    fn round_trips_documents_and_sources() {
        let doc = Parsed {
            document: Document { file: "a.txt".into(), encoding: Some("GBK".into()), ..Document::default() },
            source: "會議".into(),
        };
        let back = decode_doc(&encode_doc(&doc)).unwrap();
        assert_eq!(back.document, doc.document);
        assert_eq!(back.source, "會議");
        assert_eq!(decode_header(&encode_header(0)), Ok(0));
        assert_eq!(decode_header(&encode_header(10_000)), Ok(10_000));
    }

    #[test]
    fn other_versions_and_garbage_are_dropped() {
        let old = r#"{"store":"readout-page/2","schema":"readout/1","docs":[{"document":{"file":"a.txt"}}]}"#;
        assert!(matches!(decode_header(old), Err(Dropped::OtherVersion(v)) if v.contains("readout-page/2")));
        let old = r#"{"store":"readout-page/3","schema":"readout/0","docs":1}"#;
        assert!(matches!(decode_header(old), Err(Dropped::OtherVersion(v)) if v.contains("readout/0")));
        assert!(matches!(decode_header(r#"[1,2,3]"#), Err(Dropped::Unreadable(_))));
        assert!(matches!(decode_header("not json"), Err(Dropped::Unreadable(_))));
        assert!(matches!(decode_doc(r#"{"nope":1}"#), Err(Dropped::Unreadable(_))));
        let why = decode_doc("not json").unwrap_err().to_string();
        assert!(why.starts_with("unreadable: ") && why.len() > 12, "{why}");
        let old = r#"{"store":"readout-page/2","schema":"readout/1","docs":1}"#;
        assert_eq!(decode_header(old).unwrap_err().to_string(), "stored by another version (readout-page/2 readout/1)");
    }

    #[test]
    fn keys_name_the_format_and_the_schema_and_sort_in_corpus_order() {
        let key = key();
        assert!(key.starts_with("corpus:") && key.contains(STORE_FORMAT) && key.contains(SCHEMA), "{key}");
        assert!(doc_key(0).starts_with(&doc_prefix()) && doc_key(0) != key);
        let keys: Vec<String> = [0, 9, 10, 99, 100, 12_345].iter().map(|&i| doc_key(i)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn garbage_of_any_shape_is_unreadable_never_a_panic() {
        let good = |docs: &str| format!(r#"{{"store":"{STORE_FORMAT}","schema":"{SCHEMA}","docs":{docs}}}"#);
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let cases = [
            String::new(),
            "null".into(),
            "42".into(),
            r#""corpus""#.into(),
            "{".into(),
            "\u{0}\u{fffd}\u{feff}{}".into(),
            String::from_utf8_lossy(&bytes).into_owned(),
            good("null"),
            good("{}"),
            good(r#""docs""#),
            good("[1]"),
            good("-1"),
            format!("{}x", good("0")),
        ];
        for text in &cases {
            assert!(matches!(decode_header(text), Err(Dropped::Unreadable(_))), "{text:?}: {:?}", decode_header(text));
            assert!(matches!(decode_doc(text), Err(Dropped::Unreadable(_))), "{text:?}");
        }
        for text in [r#"{"document":{"file":7},"source":""}"#, r#"{"document":{"file":"a.txt"},"source":null}"#] {
            assert!(matches!(decode_doc(text), Err(Dropped::Unreadable(_))), "{text:?}");
        }
        // A header of the right shape but the wrong types is another version, not a crash.
        assert!(decode_header(r#"{"store":1,"schema":[],"docs":0}"#).is_err());
        assert_eq!(decode_header(&good("3")), Ok(3));
    }
}
