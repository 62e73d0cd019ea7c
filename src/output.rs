//! Writers for the export formats: JSON, JSON Lines and CSV.
//!
//! Shared by the CLI and the page, so an export from either is the same.

use crate::model::{Directive, Document, Meeting, Person};
use std::io::{self, Write};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `{"schema":"readout/1","documents":[…]}`
    Json,
    /// One document per line.
    Jsonl,
    /// One row per directive, meeting fields repeated; UTF-8 with a BOM.
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Format::Json),
            "jsonl" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Writes `docs` in `format`.
pub fn write(out: &mut dyn Write, docs: &[Document], format: Format) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, docs),
        Format::Jsonl => write_jsonl(out, docs),
        Format::Csv => write_csv(out, docs),
    }
}

/// The whole export as a string (for the page's download button).
pub fn to_string(docs: &[Document], format: Format) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail, and serialising these types cannot either.
    let _ = write(&mut buf, docs, format);
    String::from_utf8(buf).unwrap_or_default()
}

/// [`Corpus`](crate::model::Corpus) borrowed: the same JSON without cloning every document.
#[derive(serde::Serialize)]
struct CorpusRef<'a> {
    schema: &'static str,
    documents: &'a [Document],
}

pub fn write_json(out: &mut dyn Write, docs: &[Document]) -> io::Result<()> {
    let corpus = CorpusRef { schema: crate::model::SCHEMA, documents: docs };
    serde_json::to_writer_pretty(&mut *out, &corpus).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

pub fn write_jsonl(out: &mut dyn Write, docs: &[Document]) -> io::Result<()> {
    for d in docs {
        serde_json::to_writer(&mut *out, d).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "file",
    "error",
    "meeting",
    "date",
    "date_basis",
    "time_of_day",
    "body",
    "level",
    "meeting_name",
    "chair",
    "speakers",
    "attendees",
    "directive",
    "kind",
    "speaker",
    "marker",
    "list_name",
    "text",
    "truncated",
    "span_start",
    "span_end",
];

pub fn write_csv(out: &mut dyn Write, docs: &[Document]) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    write_row(out, CSV_COLUMNS.iter().map(|s| s.to_string()))?;
    for doc in docs {
        let error = doc.error.clone().unwrap_or_default();
        if doc.meetings.is_empty() {
            let mut row = vec![String::new(); CSV_COLUMNS.len()];
            row[0] = doc.file.clone();
            row[1] = error.clone();
            write_row(out, row.into_iter())?;
        }
        for (mi, m) in doc.meetings.iter().enumerate() {
            let meeting = meeting_cells(doc, &error, mi, m);
            if m.directives.is_empty() {
                let mut row = meeting.clone();
                row.resize(CSV_COLUMNS.len(), String::new());
                write_row(out, row.into_iter())?;
            }
            let mut rows = Vec::new();
            flatten_numbered(&m.directives, "", &mut rows);
            for (path, d) in rows {
                let mut row = meeting.clone();
                row.extend([
                    path,
                    serde_plain(&d.kind),
                    d.speaker.clone(),
                    d.marker.clone().unwrap_or_default(),
                    d.list_name.clone().unwrap_or_default(),
                    d.text.clone(),
                    if d.truncated { "true".into() } else { String::new() },
                    d.span.start.to_string(),
                    d.span.end.to_string(),
                ]);
                write_row(out, row.into_iter())?;
            }
        }
    }
    Ok(())
}

fn meeting_cells(doc: &Document, error: &str, index: usize, m: &Meeting) -> Vec<String> {
    let people = |ps: &[Person]| ps.iter().map(person_label).collect::<Vec<_>>().join("; ");
    vec![
        doc.file.clone(),
        error.to_owned(),
        (index + 1).to_string(),
        m.date.clone().unwrap_or_default(),
        serde_plain(&m.date_basis),
        m.time_of_day.as_ref().map(serde_plain).unwrap_or_default(),
        m.body.clone().unwrap_or_default(),
        m.level.map(|l| l.as_str().to_owned()).unwrap_or_default(),
        m.name.clone().unwrap_or_default(),
        m.chair.as_ref().map(person_label).unwrap_or_default(),
        people(&m.speakers),
        people(&m.attendees),
    ]
}

/// `title name`, or the name alone.
pub fn person_label(p: &Person) -> String {
    match &p.title {
        Some(t) if !t.is_empty() => format!("{t} {}", p.name),
        _ => p.name.clone(),
    }
}

/// Directives depth first, numbered `1`, `1.1`, `1.2`, `2`…
pub fn flatten_numbered<'a>(ds: &'a [Directive], prefix: &str, out: &mut Vec<(String, &'a Directive)>) {
    for (i, d) in ds.iter().enumerate() {
        let path = if prefix.is_empty() { format!("{}", i + 1) } else { format!("{prefix}.{}", i + 1) };
        out.push((path.clone(), d));
        flatten_numbered(&d.items, &path, out);
    }
}

/// A unit enum's serde name (`"morning"` → `morning`).
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    // Through the JSON text, not `serde_json::Value`: the page's wasm then
    // carries no `Value` code. Unit variant names need no escaping.
    match serde_json::to_string(v) {
        Ok(s) if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') && !s.contains('\\') => s[1..s.len() - 1].to_owned(),
        _ => String::new(),
    }
}

fn write_row(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> io::Result<()> {
    let mut first = true;
    for cell in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if cell.contains([',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(cell.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_bom() {
        let doc = Document::failed("a,b.txt", 3, "bad \"bytes\"");
        let s = to_string(&[doc], Format::Csv);
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
        assert!(lines[1].starts_with("\"a,b.txt\",\"bad \"\"bytes\"\"\""), "{}", lines[1]);
    }

    #[test]
    fn enum_cells_are_the_serde_names() {
        use crate::model::{DateBasis, DirectiveKind, TimeOfDay};
        let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        for k in [DirectiveKind::Enumerated, DirectiveKind::NamedList, DirectiveKind::ListMember] {
            assert_eq!(serde_plain(&k), json(serde_json::to_value(k).unwrap()));
        }
        assert_eq!(serde_plain(&DirectiveKind::NamedList), "named_list");
        assert_eq!(serde_plain(&DateBasis::Inferred), "inferred");
        assert_eq!(serde_plain(&TimeOfDay::Afternoon), "afternoon");
        // Not a plain string: no cell.
        assert_eq!(serde_plain(&7), "");
        assert_eq!(serde_plain(&"a\"b"), "");
    }

    #[test]
    fn numbering_is_hierarchical() {
        let d = |t: &str, items: Vec<Directive>| Directive {
            speaker: "會議".into(),
            kind: crate::model::DirectiveKind::Sentence,
            text: t.into(),
            span: Default::default(),
            marker: None,
            list_name: None,
            truncated: false,
            items,
        };
        let ds = vec![d("a", vec![d("b", vec![]), d("c", vec![])]), d("e", vec![])];
        let mut rows = Vec::new();
        flatten_numbered(&ds, "", &mut rows);
        let paths: Vec<_> = rows.iter().map(|(p, d)| format!("{p}={}", d.text)).collect();
        assert_eq!(paths, ["1=a", "1.1=b", "1.2=c", "2=e"]);
    }
}
