//! Stage 3: paragraphs, sentences and clauses as spans of the cleaned text.
//!
//! A paragraph is a non-blank line. A sentence ends after `。`, `!`, `?`
//! (full or half width), `;`/`;`, or a colon that closes a line (quotes that
//! close right after the mark stay with the sentence). A clause is a
//! stretch between commas or enumeration commas inside a sentence; commas
//! inside quotation marks do not split.

use crate::span::CleanSpan;
use std::ops::Range;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, trimmed of surrounding white space.
    pub span: CleanSpan,
    /// True when it ends in `;` (a clause of a longer sentence).
    pub semicolon: bool,
    /// True when it ends in a terminal mark (not cut off).
    pub terminated: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub span: CleanSpan,
    pub sentences: Vec<Sentence>,
}

#[derive(Clone, Debug, Default)]
pub struct Segments {
    pub paragraphs: Vec<Paragraph>,
}

pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{FF0C}' | '、')
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\u{FF01}' | '\u{FF1F}' | ';' | '\u{FF1B}')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '\u{FF09}' | '》' | '"')
}

/// Trims white space off both ends of a span.
pub fn trim(text: &str, s: CleanSpan) -> CleanSpan {
    let r = trim_range(s.of(text));
    CleanSpan::new(s.start + r.start, s.start + r.end)
}

/// `t.trim()` as a range of `t` (an empty range at `t.len()` when `t` is
/// all white space). ASCII white space (a line's break) goes first, byte by
/// byte; then most stretches start and end with a character that is plainly
/// no white space, read off the bytes ([`visible_start`], [`visible_end`]),
/// so nothing is decoded.
#[inline]
pub(crate) fn trim_range(t: &str) -> Range<usize> {
    let b = t.as_bytes();
    let ascii_space = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let (mut start, mut end) = (0, b.len());
    while start < end && ascii_space(b[start]) {
        start += 1;
    }
    while end > start && ascii_space(b[end - 1]) {
        end -= 1;
    }
    let inner = &b[start..end];
    if visible_start(inner) && visible_end(inner) {
        return start..end;
    }
    let s = &t[start..end];
    let rest = s.trim_start_matches(is_space);
    let kept = rest.trim_end_matches(is_space).len();
    if kept == 0 {
        return b.len()..b.len();
    }
    let lead = start + s.len() - rest.len();
    lead..lead + kept
}

/// True when the first character of `b` (UTF-8) is certainly no white
/// space ([`is_space`]), judged by its bytes: visible ASCII, a Han
/// character (lead bytes E4–E9), anything led by EF (U+F000–U+FFFF holds
/// no space), E3 other than U+3000, E2 other than U+2000–U+200A, U+2028,
/// U+2029, U+202F and U+205F, C2 other than U+0085 and U+00A0.
#[inline]
pub(crate) fn visible_start(b: &[u8]) -> bool {
    match b {
        [0x21..=0x7E, ..] | [0xE4..=0xE9 | 0xEF, ..] => true,
        [0xE3, x, y, ..] => !(*x == 0x80 && *y == 0x80),
        [0xE2, x, y, ..] => !is_e2_space(*x, *y),
        [0xC2, x, ..] => !matches!(*x, 0x85 | 0xA0),
        _ => false,
    }
}

/// [`visible_start`] for the last character: a lead byte three (or two)
/// bytes from the end leads the last character.
#[inline]
pub(crate) fn visible_end(b: &[u8]) -> bool {
    match b {
        [.., 0x21..=0x7E] | [.., 0xE4..=0xE9 | 0xEF, _, _] => true,
        [.., 0xE3, x, y] => !(*x == 0x80 && *y == 0x80),
        [.., 0xE2, x, y] => !is_e2_space(*x, *y),
        [.., 0xC2, x] => !matches!(*x, 0x85 | 0xA0),
        _ => false,
    }
}

/// The white space led by E2: U+2000–U+200A, U+2028, U+2029, U+202F, U+205F.
#[inline]
fn is_e2_space(x: u8, y: u8) -> bool {
    x == 0x80 && (y <= 0x8A || matches!(y, 0xA8 | 0xA9 | 0xAF)) || x == 0x81 && y == 0x9F
}

/// Whether a character led by the byte `c` may be one the sentence
/// splitter acts on ([`splitter_char`]): `!` `"` `)` `.` `:` `;` `?`, or a
/// lead byte E2, E3 or EF (the full-width marks and quotes, among other
/// characters); no branch. No continuation byte passes.
#[inline(always)]
fn splitter_lead(c: u8) -> bool {
    (c.wrapping_sub(b'!') < 2)
        | (c == b')')
        | (c == b'.')
        | (c.wrapping_sub(b':') < 2)
        | (c == b'?')
        | (c.wrapping_sub(0xE2) < 2)
        | (c == 0xEF)
}

/// A character the sentence splitter acts on: a terminal or closing mark,
/// a colon or `.`.
fn splitter_char(c: char) -> bool {
    is_terminal(c) || is_closing(c) || matches!(c, ':' | '\u{FF1A}' | '.')
}

/// The characters of `s` the sentence splitter acts on (terminal and
/// closing marks, colons, `.`: [`splitter_char`]), with their offsets.
/// Everything else (Han characters, letters, digits, commas…) is passed
/// over: the splitter acts only on these marks, and looks after a mark only
/// for a mark right next to it. Blocks of 64 bytes are tested without a
/// branch (the compiler vectorises it) into a mask of the positions whose
/// byte may lead such a character ([`splitter_lead`]); only those are
/// decoded. A walk character by character mispredicts a branch at every
/// mark.
fn sentence_marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = s.as_bytes();
    // The block starting at `at` and its positions not yet visited.
    let mut at = 0;
    let mut mask = 0u64;
    let mut started = false;
    std::iter::from_fn(move || loop {
        if mask != 0 {
            let i = at + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let c = s.get(i..)?.chars().next()?;
            if splitter_char(c) {
                return Some((i, c));
            }
            continue;
        }
        if started {
            at += 64;
        }
        started = true;
        if at >= b.len() {
            return None;
        }
        // The last block is padded with zero bytes, which lead nothing.
        let mut pad = [0u8; 64];
        let w: &[u8; 64] = match b.get(at..at + 64) {
            Some(w) => w.try_into().expect("64 bytes"),
            None => {
                pad[..b.len() - at].copy_from_slice(&b[at..]);
                &pad
            }
        };
        let mut flags = [0u8; 64];
        for t in 0..64 {
            flags[t] = u8::from(splitter_lead(w[t]));
        }
        // Eight 0/1 bytes to eight bits: the product puts byte k's bit at
        // bit 56 + k, with no carry from the terms below.
        for (k, chunk) in flags.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            mask |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
        }
    })
}

/// Splits a paragraph into sentences.
pub fn sentences(text: &str, para: CleanSpan) -> Vec<Sentence> {
    let body = para.of(text);
    // Room for a sentence every 48 bytes (most are longer): grown rarely.
    let mut out = Vec::with_capacity(body.len() / 48 + 1);
    let mut start = 0;
    let mut it = sentence_marks(body).peekable();
    while let Some((i, c)) = it.next() {
        let colon_at_end = matches!(c, ':' | '\u{FF1A}') && body[i + c.len_utf8()..].trim().is_empty();
        // A half-width full stop between Chinese text (`問題.招商`) ends a sentence.
        let cjk = |c: Option<char>| c.is_some_and(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || matches!(c, '”' | '"' | ')'));
        let ascii_stop = c == '.' && cjk(body[..i].chars().next_back()) && (cjk(body[i + 1..].chars().next()) || body[i + 1..].trim().is_empty());
        if is_terminal(c) || colon_at_end || ascii_stop {
            let mut end = i + c.len_utf8();
            // Only marks right after it (the next one visited may lie
            // beyond Han characters).
            while let Some(&(j, d)) = it.peek() {
                if j == end && (is_closing(d) || is_terminal(d)) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let span = trim(text, CleanSpan::new(para.start + start, para.start + end));
            if !span.is_empty() {
                out.push(Sentence { span, semicolon: matches!(c, ';' | '\u{FF1B}'), terminated: true });
            }
            start = end;
        }
    }
    let span = trim(text, CleanSpan::new(para.start + start, para.end));
    if !span.is_empty() {
        out.push(Sentence { span, semicolon: false, terminated: false });
    }
    out
}

/// Splits a stretch into clauses at commas (not `、`) outside quotation marks.
pub fn clauses(text: &str, s: CleanSpan) -> Vec<CleanSpan> {
    split_outside_quotes(text, s, |c| matches!(c, ',' | '\u{FF0C}'))
}

/// Splits at every comma and enumeration comma outside quotation marks.
pub fn phrases(text: &str, s: CleanSpan) -> Vec<CleanSpan> {
    split_outside_quotes(text, s, |c| matches!(c, ',' | '\u{FF0C}' | '、'))
}

fn split_outside_quotes(text: &str, s: CleanSpan, at: impl Fn(char) -> bool) -> Vec<CleanSpan> {
    let body = s.of(text);
    // Room for a piece every 24 bytes (most are longer): grown rarely.
    let mut out = Vec::with_capacity(body.len() / 24 + 1);
    let mut depth = 0usize;
    let mut ascii_open = false;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth = depth.saturating_sub(1),
            '"' => {
                // ASCII quotes open and close alike.
                if ascii_open {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                }
                ascii_open = !ascii_open;
            }
            c if depth == 0 && at(c) => {
                let span = trim(text, CleanSpan::new(s.start + start, s.start + i));
                if !span.is_empty() {
                    out.push(span);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    let span = trim(text, CleanSpan::new(s.start + start, s.end));
    if !span.is_empty() {
        out.push(span);
    }
    out
}

/// The most paragraphs [`segment`] makes room for before it begins.
const MAX_RESERVED_LINES: usize = 4096;

/// Paragraphs and their sentences.
pub fn segment(text: &str) -> Segments {
    let b = text.as_bytes();
    // Room for every line of a report (the list is never grown), but not
    // reserved up front for a file of many thousands of lines, most of them
    // perhaps blank: the wasm never gives memory back.
    let mut paragraphs = Vec::with_capacity((memchr::memchr_iter(b'\n', b).count() + 1).min(MAX_RESERVED_LINES));
    let mut start = 0;
    // Each line with its break (as `split_inclusive('\n')`), the breaks
    // found by memchr's vectorised search.
    while start < b.len() {
        let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |p| start + p + 1);
        let span = trim(text, CleanSpan::new(start, end));
        start = end;
        if !span.is_empty() {
            paragraphs.push(Paragraph { span, sentences: sentences(text, span) });
        }
    }
    Segments { paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<&str>> {
        segment(text).paragraphs.iter().map(|p| p.sentences.iter().map(|s| s.span.of(text)).collect()).collect()
    }

    #[test]
    fn splits_paragraphs_and_sentences() {
        let t = "甲要做好。乙要抓牢;丙要落實。\n\n  “丁要跟上。”戊要\n";
        assert_eq!(texts(t), vec![vec!["甲要做好。", "乙要抓牢;", "丙要落實。"], vec!["“丁要跟上。”", "戊要"]]);
        let segs = segment(t);
        assert!(segs.paragraphs[0].sentences[1].semicolon);
        assert!(!segs.paragraphs[1].sentences[1].terminated);
    }

    #[test]
    fn sentence_marks_visit_every_mark() {
        let s = "甲要做好。乙“丙”a é 𠀀㐀鿿\n!?;:.\"),，、；：！？）」』》’a1_";
        let marks: Vec<(usize, char)> = sentence_marks(s).collect();
        for (i, c) in s.char_indices() {
            if splitter_char(c) {
                assert!(marks.contains(&(i, c)), "{c:?} at {i}");
            }
        }
        assert!(marks.iter().all(|&(i, c)| s[i..].starts_with(c) && !('\u{4000}'..='\u{9fff}').contains(&c)));
        assert!(!marks.iter().any(|&(_, c)| matches!(c, 'a' | '1' | ',' | 'é' | '𠀀' | '\n')));
        // A mark after Han text is not taken as following the one before it.
        assert_eq!(texts("甲。乙”丙。"), vec![vec!["甲。", "乙”丙。"]]);
        assert_eq!(texts("甲。a”丙。1)"), vec![vec!["甲。", "a”丙。", "1)"]]);
    }

    /// The marks visited are exactly the splitter's characters, wherever
    /// they stand relative to the 64-byte blocks.
    #[test]
    fn sentence_marks_are_the_splitter_characters() {
        assert!((0..0x11_0000).filter_map(char::from_u32).all(|c| !splitter_char(c) || splitter_lead(c.to_string().as_bytes()[0])));
        let mut texts: Vec<String> = crate::gen::generate(300, 4).filter_map(|r| String::from_utf8(r.bytes).ok()).collect();
        let marks = "!\").:;?。」』》”’！）：；？，、“《「（,a1é𠀀\n";
        for fill in ["會", "a", "é", "😀"] {
            for n in 0..70 {
                for m in marks.chars() {
                    texts.push(format!("{}{m}{m}會{m}", fill.repeat(n)));
                }
            }
        }
        for t in &texts {
            let want: Vec<(usize, char)> = t.char_indices().filter(|&(_, c)| splitter_char(c)).collect();
            assert_eq!(sentence_marks(t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn trim_is_trimming_spaces() {
        let t = "\u{3000}甲 \u{3000}。 a\u{3000}\n\t㐀\u{2000}乙\u{3001}\u{00A0}“，\u{2028}·\u{205F}”\u{202F}\u{0085}\u{FEFF}\u{200B}\u{2010}";
        let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let s = &t[a..b];
                let lead = s.len() - s.trim_start_matches(is_space).len();
                let want = if s.trim_matches(is_space).is_empty() {
                    CleanSpan::new(a + lead, a + lead)
                } else {
                    CleanSpan::new(a + lead, a + s.trim_end_matches(is_space).len())
                };
                assert_eq!(trim(t, CleanSpan::new(a, b)), want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn colon_at_line_end_ends_a_sentence() {
        let t = "做到“十個不放松”:\n甲不放松,乙不放松。";
        assert_eq!(texts(t), vec![vec!["做到“十個不放松”:"], vec!["甲不放松,乙不放松。"]]);
    }

    #[test]
    fn clauses_ignore_commas_in_quotes() {
        let t = "落實“保健康、防重症,穩”要求,確保穩定";
        let cs: Vec<&str> = clauses(t, CleanSpan::new(0, t.len())).iter().map(|s| s.of(t)).collect();
        assert_eq!(cs, ["落實“保健康、防重症,穩”要求", "確保穩定"]);
        let ps: Vec<&str> = phrases(t, CleanSpan::new(0, t.len())).iter().map(|s| s.of(t)).collect();
        assert_eq!(ps.len(), 2);
    }
}
