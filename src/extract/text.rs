//! Character-level helpers over the cleaned text and its Simplified copy.

use crate::clean::OffsetMap;
use crate::span::{CleanSpan, Span};

use super::lex::{self, Lexicons};

/// What every extractor works on: the cleaned text, a Simplified copy with
/// the same byte offsets (fast2s maps each 3-byte character to a 3-byte
/// character), and the map back to the original.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub simp: String,
    pub map: &'a OffsetMap,
    pub lex: &'static Lexicons,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, map: &'a OffsetMap) -> Self {
        let simp = crate::script::simplified(text);
        Self { text, simp, map, lex: lex::get() }
    }

    /// The original span of a cleaned span.
    pub fn orig(&self, s: CleanSpan) -> Span {
        self.map.to_original(s)
    }

    /// The text as written (original script).
    pub fn raw(&self, s: CleanSpan) -> &str {
        s.of(self.text)
    }

    /// The Simplified text.
    pub fn s(&self, s: CleanSpan) -> &str {
        s.of(&self.simp)
    }

    pub fn char_at(&self, pos: usize) -> Option<char> {
        self.simp.get(pos..).and_then(|t| t.chars().next())
    }

    pub fn char_before(&self, pos: usize) -> Option<char> {
        self.simp.get(..pos).and_then(|t| t.chars().next_back())
    }

    /// The position `n` characters after `pos` (or the end).
    pub fn fwd(&self, pos: usize, n: usize) -> usize {
        let rest = self.simp.get(pos..).unwrap_or("");
        match rest.char_indices().nth(n) {
            Some((i, _)) => pos + i,
            None => self.simp.len(),
        }
    }

    /// The position `n` characters before `pos` (or 0).
    pub fn back(&self, pos: usize, n: usize) -> usize {
        let head = self.simp.get(..pos).unwrap_or("");
        let mut p = pos;
        for (i, _) in head.char_indices().rev().take(n) {
            p = i;
        }
        if n == 0 {
            pos
        } else {
            p
        }
    }

    pub fn starts(&self, pos: usize, word: &str) -> bool {
        self.simp.get(pos..).is_some_and(|t| t.starts_with(word))
    }

    /// Skips the given characters forward.
    pub fn skip(&self, mut pos: usize, end: usize, f: impl Fn(char) -> bool) -> usize {
        while pos < end {
            match self.char_at(pos) {
                Some(c) if f(c) => pos += c.len_utf8(),
                _ => break,
            }
        }
        pos
    }

    /// Number of characters in a span.
    pub fn chars(&self, s: CleanSpan) -> usize {
        self.s(s).chars().count()
    }
}

/// A CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Punctuation that separates clauses or sentences.
pub fn is_break(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{FF0C}' | '。' | ';' | '\u{FF1B}' | ':' | '\u{FF1A}' | '!' | '\u{FF01}' | '?' | '\u{FF1F}' | '\n' | '、' | '(' | ')' | '\u{FF08}' | '\u{FF09}'
    ) || c.is_whitespace()
        || c == '\u{3000}'
}

pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{FF0C}')
}

pub fn is_colon(c: char) -> bool {
    matches!(c, ':' | '\u{FF1A}')
}

/// Characters that carry no words: punctuation, spaces.
pub fn is_punct_or_space(c: char) -> bool {
    !(c.is_alphanumeric())
}
