//! What the page keeps between visits: the corpus as JSON, tagged with the
//! storage format and the record schema. A stored corpus written under
//! another format or schema is dropped (the reader is told), never trusted.
//!
//! Pure functions; the IndexedDB access is in [`super::storage`].

use super::proto::ParsedDoc;
use crate::model::SCHEMA;
use crate::Parsed;
use serde::{Deserialize, Serialize};

/// The layout of the stored corpus; bump it when `Stored` changes.
pub const STORE_FORMAT: &str = "readout-page/2";

#[derive(Serialize, Deserialize)]
struct Stored {
    store: String,
    schema: String,
    docs: Vec<ParsedDoc>,
}

/// Why a stored corpus was not restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dropped {
    /// Written by another version (its format and schema).
    OtherVersion(String),
    /// Not readable at all.
    Unreadable(String),
}

/// The IndexedDB key of the stored corpus. It names the storage format and
/// the record schema, so a corpus of another version is never read as this
/// one (the page deletes every other key when it opens).
pub fn key() -> String {
    format!("corpus:{STORE_FORMAT}:{SCHEMA}")
}

pub fn encode(docs: &[std::rc::Rc<Parsed>]) -> String {
    #[derive(Serialize)]
    struct StoredRef<'a> {
        store: &'a str,
        schema: &'a str,
        docs: Vec<ParsedDocRef<'a>>,
    }
    #[derive(Serialize)]
    struct ParsedDocRef<'a> {
        document: &'a crate::model::Document,
        source: &'a str,
    }
    let stored = StoredRef {
        store: STORE_FORMAT,
        schema: SCHEMA,
        docs: docs.iter().map(|d| ParsedDocRef { document: &d.document, source: &d.source }).collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

pub fn decode(text: &str) -> Result<Vec<Parsed>, Dropped> {
    #[derive(Deserialize)]
    struct Header {
        #[serde(default)]
        store: String,
        #[serde(default)]
        schema: String,
    }
    let header: Header = serde_json::from_str(text).map_err(|e| Dropped::Unreadable(e.to_string()))?;
    if header.store != STORE_FORMAT || header.schema != SCHEMA {
        return Err(Dropped::OtherVersion(format!("{} {}", header.store, header.schema).trim().to_owned()));
    }
    let stored: Stored = serde_json::from_str(text).map_err(|e| Dropped::Unreadable(e.to_string()))?;
    Ok(stored.docs.into_iter().map(Parsed::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use std::rc::Rc;

    #[test]
    fn round_trips_documents_and_sources() {
        let docs = vec![Rc::new(Parsed {
            document: Document { file: "a.txt".into(), encoding: Some("GBK".into()), ..Document::default() },
            source: "會議".into(),
        })];
        let back = decode(&encode(&docs)).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].document, docs[0].document);
        assert_eq!(back[0].source, "會議");
        assert_eq!(decode(&encode(&[])).unwrap().len(), 0);
    }

    #[test]
    fn other_versions_and_garbage_are_dropped() {
        let old = r#"{"store":"readout-page/1","schema":"readout/0","docs":[{"file":"a.txt"}]}"#;
        assert!(matches!(decode(old), Err(Dropped::OtherVersion(v)) if v.contains("readout/0")));
        assert!(matches!(decode(r#"[1,2,3]"#), Err(Dropped::Unreadable(_))));
        assert!(matches!(decode("not json"), Err(Dropped::Unreadable(_))));
        let bad = format!(r#"{{"store":"{STORE_FORMAT}","schema":"{SCHEMA}","docs":[{{"nope":1}}]}}"#);
        assert!(matches!(decode(&bad), Err(Dropped::Unreadable(_))));
    }

    #[test]
    fn the_key_names_the_format_and_the_schema() {
        let key = key();
        assert!(key.starts_with("corpus:") && key.contains(STORE_FORMAT) && key.contains(SCHEMA), "{key}");
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
            good(r#"[{"document":{"file":7},"source":""}]"#),
            good(r#"[{"document":{"file":"a.txt"},"source":null}]"#),
            format!("{}x", good("[]")),
        ];
        for text in &cases {
            assert!(matches!(decode(text), Err(Dropped::Unreadable(_))), "{text:?}: {:?}", decode(text).map(|d| d.len()));
        }
        // A header of the right shape but the wrong types is another version, not a crash.
        assert!(decode(r#"{"store":1,"schema":[],"docs":[]}"#).is_err());
        assert_eq!(decode(&good("[]")).unwrap().len(), 0);
    }
}
