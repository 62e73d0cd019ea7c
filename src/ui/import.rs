//! Reading a Readout export (JSON or JSON Lines) back into the page. The
//! records carry no source text, so the source pane says so for them.

use crate::model::{Corpus, Document, SCHEMA};
use crate::Parsed;

/// True for names the page reads as exports rather than reports.
pub fn is_export(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".jsonl")
}

/// True for names a folder walk picks up (as the CLI does: `.txt`, `.html`,
/// `.htm`), plus exports.
pub fn is_wanted_in_folder(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".txt", ".html", ".htm"].iter().any(|e| lower.ends_with(e)) || is_export(&lower)
}

/// The documents of an export: `{"schema":"readout/1","documents":[…]}` or
/// one document per line.
pub fn read_export(bytes: &[u8]) -> Result<Vec<Parsed>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text.trim_start_matches('\u{feff}').trim();
    let docs: Vec<Document> = if text.starts_with('{') && text.contains("\"documents\"") && !is_jsonl(text) {
        let corpus: Corpus = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if corpus.schema != SCHEMA {
            return Err(format!("schema \"{}\", expected \"{SCHEMA}\"", corpus.schema));
        }
        corpus.documents
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
            .collect::<Result<_, _>>()?
    };
    Ok(docs.into_iter().map(|document| Parsed { document, source: String::new() }).collect())
}

/// More than one line, each a JSON object of its own.
fn is_jsonl(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    lines.next().is_some() && first.trim_end().ends_with('}') && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{to_string, Format};

    #[test]
    fn reads_both_export_formats() {
        let docs = vec![
            Document { file: "a.txt".into(), ..Document::default() },
            Document::failed("b.txt", 3, "bad"),
        ];
        for format in [Format::Json, Format::Jsonl] {
            let back = read_export(to_string(&docs, format).as_bytes()).unwrap();
            let files: Vec<&str> = back.iter().map(|p| p.document.file.as_str()).collect();
            assert_eq!(files, ["a.txt", "b.txt"], "{format:?}");
            assert_eq!(back[1].document.error.as_deref(), Some("bad"));
            assert!(back.iter().all(|p| p.source.is_empty()));
        }
    }

    #[test]
    fn refuses_what_is_not_an_export() {
        assert!(read_export(br#"{"schema":"other/9","documents":[]}"#).is_err());
        assert!(read_export(b"\xff\xfe").is_err());
        assert!(read_export(b"hello").is_err());
        assert!(is_export("X.JSONL") && !is_export("a.txt"));
        assert!(is_wanted_in_folder("d/a.htm") && !is_wanted_in_folder("a.png"));
    }
}
