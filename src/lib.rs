//! # Readout
//!
//! Turns raw Chinese-language news reports of government and Party meetings
//! into meeting records with their directives, every field pointing back to
//! the bytes it came from.
//!
//! The pipeline is a chain of small stages, each a module with one job:
//!
//! ```text
//! bytes ─► decode ─► clean ─► segment ─► extract ─► Document
//! ```
//!
//! ```
//! let report = "1月6日晚,豐澤區召開專題會議。區委書記高金全強調,要切實做好疫情防控工作。";
//! let doc = readout::parse_bytes("example.txt", report.as_bytes(), &readout::Options::default());
//! assert_eq!(doc.error, None);
//! assert_eq!(doc.meetings.len(), 1);
//! let span = doc.meetings[0].directives[0].span;
//! assert!(report[span.start..span.end].starts_with("要切實"));
//! ```
#![forbid(unsafe_code)]

pub mod clean;
mod codec;
pub mod decode;
pub mod extract;
/// The synthetic corpus generator (`readout gen`), compiled with the CLI only.
#[cfg(feature = "cli")]
pub mod gen;
pub mod lexicon;
pub mod model;
pub mod output;
pub mod script;
pub mod segment;
pub mod span;

#[cfg(feature = "ui")]
pub mod ui;

pub use model::{Corpus, Directive, Document, Meeting, Person, Warning, SCHEMA};
pub use span::{CleanSpan, Span};

/// Limits and switches for one parse.
#[derive(Clone, Debug)]
pub struct Options {
    /// Files larger than this are refused with a per-file error.
    pub max_bytes: usize,
    /// At most this many meetings are read from one file; the text after
    /// the last one is skipped with a warning. A work bound: no real report
    /// tells of more than a few dozen.
    pub max_meetings: usize,
}

/// The default per-file size cap: 32 MiB.
pub const DEFAULT_MAX_BYTES: usize = 32 << 20;

/// The default per-file meeting cap.
pub const DEFAULT_MAX_MEETINGS: usize = 1000;

impl Default for Options {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_BYTES, max_meetings: DEFAULT_MAX_MEETINGS }
    }
}

/// The result of parsing one input: the record and the decoded original text
/// its spans index.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub document: Document,
    /// The decoded original text (empty when decoding failed).
    pub source: String,
}

/// Parses one input into its document record.
pub fn parse_bytes(file: &str, bytes: &[u8], opts: &Options) -> Document {
    parse(file, bytes, opts).document
}

/// Parses one input, keeping the decoded source text beside the record.
pub fn parse(file: &str, bytes: &[u8], opts: &Options) -> Parsed {
    if bytes.len() > opts.max_bytes {
        let msg = format!(
            "file is {} bytes, over the limit of {} bytes; raise the limit to read it",
            bytes.len(),
            opts.max_bytes
        );
        return Parsed { document: Document::failed(file, bytes.len(), msg), source: String::new() };
    }
    let decoded = match decode::decode(bytes, file) {
        Ok(d) => d,
        Err(e) => {
            return Parsed { document: Document::failed(file, bytes.len(), e.to_string()), source: String::new() }
        }
    };
    let cleaned = clean::clean(&decoded);
    if cleaned.text.trim().is_empty() {
        // Only markup, scripts, page furniture or white space: as good as empty.
        let msg = "no text left once markup, scripts and page furniture are removed";
        return Parsed { document: Document::failed(file, bytes.len(), msg), source: decoded.text };
    }
    let segments = segment::segment(&cleaned.text);
    let mut document = extract::extract_limited_owned(&decoded, cleaned, &segments, opts.max_meetings);
    document.file = file.to_owned();
    document.bytes = bytes.len();
    Parsed { document, source: decoded.text }
}
