//! The page's exports: byte for byte what [`crate::output`] writes for the
//! CLI, built so the page's wasm serialises a document one way only (compact
//! JSON, as it stores documents): the JSON export is the compact text
//! re-indented as serde_json's pretty printer would, instead of a second and
//! third serialiser (pretty, and to a `dyn Write`) for every record type.

use crate::model::{Document, SCHEMA};
use crate::output::{self, Format};

/// The whole export, as [`output::to_string`] gives it.
pub fn to_string(docs: &[Document], format: Format) -> String {
    match format {
        Format::Json => {
            let mut compact = format!("{{\"schema\":{},\"documents\":[", quoted(SCHEMA));
            for (i, d) in docs.iter().enumerate() {
                if i > 0 {
                    compact.push(',');
                }
                compact.push_str(&serde_json::to_string(d).unwrap_or_default());
            }
            compact.push_str("]}");
            let mut out = pretty(&compact);
            out.push('\n');
            out
        }
        Format::Jsonl => {
            let mut out = String::new();
            for d in docs {
                out.push_str(&serde_json::to_string(d).unwrap_or_default());
                out.push('\n');
            }
            out
        }
        Format::Csv => {
            let mut buf = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = output::write_csv(&mut buf, docs);
            String::from_utf8(buf).unwrap_or_default()
        }
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Compact JSON (no white space outside strings, as serde_json writes it)
/// re-indented as serde_json's `PrettyFormatter` writes it: two spaces a
/// level, `": "` after keys, `[]` and `{}` when empty.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Warning, WarningKind};
    use crate::span::Span;

    fn corpus() -> Vec<Document> {
        let mut docs: Vec<Document> =
            crate::ui::samples::parse_all(&crate::Options::default()).into_iter().map(|p| p.document).collect();
        docs.push(Document::failed("a,\"b\"\\{c}[d]:e.txt", 3, "bad \"bytes\"\n\t\u{1}\u{7f}"));
        let mut odd = Document { file: "空/{}[]\",:.txt".into(), title: Some(String::new()), ..Document::default() };
        odd.reporters.push(Person { name: "\\\"".into(), ..Person::default() });
        odd.warnings.push(Warning {
            kind: WarningKind::Doubt,
            message: "a \"quoted\" {brace}, [bracket]: colon \u{2028}".into(),
            span: Span::new(1, 2),
            before: Some("\\".into()),
            after: None,
        });
        docs.push(odd);
        docs.push(Document::default());
        docs
    }

    #[test]
    fn exports_equal_the_cli_writers_byte_for_byte() {
        let docs = corpus();
        assert!(docs.iter().map(|d| d.meetings.len()).sum::<usize>() > 3);
        for format in [Format::Json, Format::Jsonl, Format::Csv] {
            assert_eq!(to_string(&docs, format), output::to_string(&docs, format), "{format:?}");
            assert_eq!(to_string(&[], format), output::to_string(&[], format), "{format:?}");
            assert_eq!(to_string(&docs[..1], format), output::to_string(&docs[..1], format), "{format:?}");
        }
    }

    #[test]
    fn pretty_matches_serde_json_on_any_value() {
        for text in [
            r#"{}"#,
            r#"[]"#,
            r#"[[],{},[{}],{"a":[]}]"#,
            r#"{"a":{"b":{"c":[1,2,{"d":null}]}},"e":"x\"y\\z{}[],:","f":-1.5e-7,"g":true}"#,
            r#""just a string""#,
            r#"[1,"\u0000\n",[[[]]]]"#,
        ] {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(pretty(&serde_json::to_string(&v).unwrap()), serde_json::to_string_pretty(&v).unwrap(), "{text}");
        }
        // Not JSON at all: some text, never a panic.
        for junk in ["}}]]", "\"unterminated \\", "{[", ""] {
            let _ = pretty(junk);
        }
    }
}
