//! Stage 1: bytes to text, with the encoding found.
//!
//! PLACEHOLDER (to be completed by the cleaning issue): UTF-8 only.

use crate::model::Warning;
use std::fmt;

/// A decoded input.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The decoded text: every span in the output indexes this.
    pub text: String,
    /// The encoding's name (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`…).
    pub encoding: &'static str,
    /// True when the input is an HTML page rather than plain text.
    pub is_html: bool,
    /// Doubts about the decoding (BOM removed, invalid sequences replaced…).
    pub warnings: Vec<Warning>,
}

/// Why an input could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary(what) => write!(f, "not a text file: {what}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes`; `name` (a file name) hints at HTML.
pub fn decode(bytes: &[u8], name: &str) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let lower = name.to_ascii_lowercase();
    let is_html = lower.ends_with(".html") || lower.ends_with(".htm");
    Ok(Decoded { text, encoding: "UTF-8", is_html, warnings: Vec::new() })
}
