//! Stage 3: paragraphs, sentences and clauses as spans of the cleaned text.
//! (Written by the extraction work.)

use crate::span::CleanSpan;

#[derive(Clone, Debug, Default)]
pub struct Segments {
    pub paragraphs: Vec<CleanSpan>,
}

pub fn segment(text: &str) -> Segments {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            if i > start {
                paragraphs.push(CleanSpan::new(start, i));
            }
            start = i + 1;
        }
    }
    if text.len() > start {
        paragraphs.push(CleanSpan::new(start, text.len()));
    }
    Segments { paragraphs }
}
