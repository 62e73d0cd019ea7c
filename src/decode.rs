//! Stage 1: bytes to text, with the encoding found.
//!
//! Order of evidence: a byte order mark; UTF-16 without a BOM when the zero
//! bytes (or the code units) make it plain; valid UTF-8; a `charset` an HTML
//! page declares; then chardetng's guess (GBK/GB18030, Big5 and the rest),
//! decoded with encoding_rs. Input that decodes to nothing sensible (binary
//! files, archives, images) gets a per-file error.
//!
//! Spans in the output index [`Decoded::text`]. For UTF-8 input that is the
//! file itself: a UTF-8 BOM is kept in the text (as U+FEFF) so offsets stay
//! file offsets, and the cleaning stage drops it with a warning.

use crate::model::{Warning, WarningKind};
use crate::span::Span;
use encoding_rs::{Encoding, BIG5, GBK, UTF_16BE, UTF_16LE, UTF_8};
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

impl Decoded {
    /// A decoded plain text (no warnings), e.g. for tests or text typed in.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), encoding: "UTF-8", is_html: false, warnings: Vec::new() }
    }
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

/// How much of the input the sniffers look at.
const SNIFF: usize = 64 * 1024;

/// Decodes `bytes`; `name` (a file name) hints at HTML.
pub fn decode(bytes: &[u8], name: &str) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(DecodeError::Binary(what.to_owned()));
    }
    let mut warnings = Vec::new();
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if enc == UTF_8 {
            // Keep the BOM as U+FEFF so offsets stay file offsets.
            let (text, errors) = decode_with(UTF_8, bytes);
            (checked(text, errors, "UTF-8", &mut warnings)?, "UTF-8")
        } else {
            let (text, errors) = decode_with(enc, &bytes[bom_len..]);
            warnings.push(warning(
                WarningKind::Encoding,
                format!("decoded as {} (byte order mark)", enc.name()),
                &text,
            ));
            (checked(text, errors, enc.name(), &mut warnings)?, enc.name())
        }
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        // Valid UTF-8 is never taken for UTF-16 (`sniff_utf16` says so
        // too): check it first, once, and copy it.
        (s.to_owned(), "UTF-8")
    } else if let Some(enc) = sniff_utf16(bytes) {
        let (text, errors) = decode_with(enc, bytes);
        warnings.push(warning(
            WarningKind::Encoding,
            format!("decoded as {} (no byte order mark; judged from the byte pattern)", enc.name()),
            &text,
        ));
        (checked(text, errors, enc.name(), &mut warnings)?, enc.name())
    } else {
        let enc = choose_legacy(bytes);
        let (text, errors) = decode_with(enc, bytes);
        let label = display_name(enc);
        if enc != UTF_8 {
            warnings.push(warning(WarningKind::Encoding, format!("decoded as {label} (not UTF-8)"), &text));
        }
        (checked(text, errors, label, &mut warnings)?, label)
    };
    if has_binary_controls(&text) {
        return Err(DecodeError::Binary("the bytes hold control characters no text file has".to_owned()));
    }
    let is_html = looks_like_html(name, &text);
    Ok(Decoded { text, encoding, is_html, warnings })
}

/// The name reported for an encoding (encoding_rs calls GBK `GBK` and
/// decodes GB18030 with the same decoder).
fn display_name(enc: &'static Encoding) -> &'static str {
    enc.name()
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len().saturating_mul(3) + 16);
    let mut out = String::with_capacity(cap);
    let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut out, true);
    let errors = if had_errors { out.chars().filter(|&c| c == '\u{FFFD}').count().max(1) } else { 0 };
    (out, errors)
}

/// Refuses text that is mostly replacement characters; warns about a few.
fn checked(text: String, errors: usize, label: &str, warnings: &mut Vec<Warning>) -> Result<String, DecodeError> {
    if errors == 0 {
        return Ok(text);
    }
    let chars = text.chars().count().max(1);
    if errors * 20 > chars {
        return Err(DecodeError::Binary(format!(
            "{errors} of {chars} characters are invalid as {label}; the bytes decode to nothing sensible as UTF-8, UTF-16, GBK or Big5"
        )));
    }
    let first = text.find('\u{FFFD}').unwrap_or(0);
    warnings.push(Warning {
        kind: WarningKind::Encoding,
        message: format!("{errors} invalid byte sequence(s) in {label} replaced with U+FFFD"),
        span: Span::new(first, first + '\u{FFFD}'.len_utf8()),
        before: None,
        after: None,
    });
    Ok(text)
}

fn warning(kind: WarningKind, message: String, text: &str) -> Warning {
    let _ = text;
    Warning { kind, message, span: Span::new(0, 0), before: None, after: None }
}

/// Well-known binary formats, named for the error message.
fn binary_signature(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document (save it as text first)"),
        (b"PK\x03\x04", "a ZIP archive, e.g. a .docx file (save it as text first)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (save it as text first)"),
        (b"\x7FELF", "an executable"),
        (b"MZ\x90\x00", "an executable"),
    ];
    SIGS.iter().find(|(sig, _)| b.starts_with(sig)).map(|(_, what)| *what)
}

/// UTF-16 without a BOM: ASCII and line breaks leave zero bytes on one side
/// only; Han text without any ASCII is recognised by its code units.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(SNIFF) & !1];
    if b.len() < 4 {
        return None;
    }
    let units = b.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in b.chunks_exact(2) {
        zero_even += (pair[0] == 0) as usize;
        zero_odd += (pair[1] == 0) as usize;
    }
    if zero_even + zero_odd > 0 {
        // ASCII, digits and line breaks leave zero bytes in UTF-16: take the
        // byte order whose decoding reads as text.
        if std::str::from_utf8(bytes).is_ok() || zero_even.abs_diff(zero_odd) * 2 < zero_even + zero_odd {
            return None;
        }
        let enc = if zero_even > zero_odd { UTF_16BE } else { UTF_16LE };
        return (plausible_utf16(b, enc) && text_share(b, enc) >= 0.95).then_some(enc);
    }
    if std::str::from_utf8(bytes).is_ok() || units < 8 {
        return None;
    }
    // No zero bytes at all: plain Han text in UTF-16 still reads as Han.
    // The first 1 KiB must already read so (GBK or Big5 read as UTF-16
    // fail here at once) before the whole sniff window is decoded.
    let head = &b[..b.len().min(1024)];
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .find(|&enc| han_share(head, enc) >= 0.9 && plausible_utf16(b, enc) && han_share(b, enc) >= 0.9)
}

fn plausible_utf16(b: &[u8], enc: &'static Encoding) -> bool {
    let (text, errors) = enc.decode_without_bom_handling(b);
    if errors && text.chars().filter(|&c| c == '\u{FFFD}').count() > 2 {
        return false;
    }
    let total = text.chars().count().max(1);
    let good = text.chars().filter(|&c| is_texty(c)).count();
    good * 100 >= total * 95
}

/// The share of characters that are Han, CJK punctuation, printable ASCII
/// or whitespace.
fn text_share(b: &[u8], enc: &'static Encoding) -> f64 {
    let (text, _) = enc.decode_without_bom_handling(b);
    let total = text.chars().count().max(1);
    let good = text
        .chars()
        .filter(|&c| crate::clean::tables::is_han(c) || is_cjk_punct(c) || c.is_ascii_graphic() || c.is_whitespace())
        .count();
    good as f64 / total as f64
}

fn han_share(b: &[u8], enc: &'static Encoding) -> f64 {
    let (text, _) = enc.decode_without_bom_handling(b);
    let total = text.chars().count().max(1);
    let han = text.chars().filter(|&c| crate::clean::tables::is_han(c) || is_cjk_punct(c)).count();
    han as f64 / total as f64
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027)
}

/// Characters a text file plausibly holds.
fn is_texty(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t') || (!c.is_control() && !matches!(c as u32, 0xE000..=0xF8FF | 0xFFFD))
}

/// Legacy encodings: a `charset` an HTML page declares, else chardetng.
fn choose_legacy(bytes: &[u8]) -> &'static Encoding {
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
        if enc != UTF_8 && !enc.decode_without_bom_handling(bytes).1 {
            return enc;
        }
    }
    // Mostly UTF-8 with a few broken bytes stays UTF-8.
    if mostly_utf8(bytes) {
        return UTF_8;
    }
    // GBK that decodes cleanly is the answer unless chardetng would guess
    // Big5 (see below); it cannot when its Big5 candidate is disqualified,
    // which a byte scan tells far more cheaply than running every candidate.
    if bytes.len() <= SNIFF * 4 && big5_disqualified(bytes) && !GBK.decode_without_bom_handling(bytes).1 {
        return GBK;
    }
    guess_legacy(bytes)
}

/// chardetng's guess, with GBK or Big5 preferred when one decodes cleanly.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(SNIFF * 4)], bytes.len() <= SNIFF * 4);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // Reports are Chinese: prefer GBK or Big5 when one of them decodes cleanly.
    if guess == GBK || guess == BIG5 || encoding_rs::GB18030 == guess {
        return if guess == encoding_rs::GB18030 { GBK } else { guess };
    }
    for enc in [GBK, BIG5] {
        if !enc.decode_without_bom_handling(bytes).1 {
            return enc;
        }
    }
    guess
}

/// True when chardetng 1.0's Big5 candidate, fed all of `bytes` as the last
/// chunk, is certainly disqualified, so its guess cannot be Big5. The scan
/// follows its Big5 decoder byte by byte (lead `81`–`FE`, trail `40`–`7E` or
/// `A1`–`FE`; an unmapped pair is only penalised, so the mapping does not
/// matter) and answers true only on the malformed sequences it never
/// forgives: a lead followed by `80`–`A0`, a lead other than `A0`, `FD`, `FE`
/// followed by ASCII below `40`, a lone `80`, or a lead left pending at the
/// end. Anything involving `FF` (forgiven in some cases) gives up: false.
/// Leading ASCII, which chardetng skips, holds no lead and changes nothing.
fn big5_disqualified(bytes: &[u8]) -> bool {
    let mut lead: Option<u8> = None;
    for &b in bytes {
        if b == 0xFF {
            return false;
        }
        match lead.take() {
            Some(l) => match b {
                0x40..=0x7E | 0xA1..=0xFE => {}
                0x00..=0x3F if !matches!(l, 0xA0 | 0xFD | 0xFE) => return true,
                0x00..=0x7F => {}
                _ => return true, // 0x80..=0xA0
            },
            None => match b {
                0x00..=0x7F => {}
                0x80 => return true,
                _ => lead = Some(b),
            },
        }
    }
    lead.is_some()
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut rest = bytes;
    let mut non_ascii = 0usize;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                non_ascii += s.bytes().filter(|b| *b >= 0x80).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                non_ascii += rest[..good].iter().filter(|b| **b >= 0x80).count();
                bad += 1;
                let skip = good + e.error_len().unwrap_or(rest.len() - good).max(1);
                rest = &rest[skip.min(rest.len())..];
            }
        }
    }
    // One broken sequence per ten valid non-ASCII bytes at most: a UTF-8
    // report with a few damaged bytes stays UTF-8 (read as windows-1252 it
    // would be all mojibake), while GBK or Big5 read as UTF-8 breaks at
    // nearly every character.
    non_ascii >= 30 && bad * 10 <= non_ascii
}

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"`.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// NUL and other C0 controls (besides tab, line breaks, form feed, escape)
/// in more than a trace: a binary file.
fn has_binary_controls(text: &str) -> bool {
    // Over the bytes: a character starts at every byte that is not a
    // continuation byte, and the controls are single ASCII bytes.
    let mut n = 0usize;
    let mut total = 0usize;
    for &b in text.as_bytes() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if total == SNIFF {
            break;
        }
        total += 1;
        if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B) {
            n += 1;
        }
    }
    n > 0 && (n * 100 > total || text.contains('\0'))
}

/// A saved web page: by its name, or text that is plainly HTML.
pub fn looks_like_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head = &head[..floor_boundary(head, 2048)];
    let h = head.to_ascii_lowercase();
    if h.starts_with("<!doctype html") || h.starts_with("<html") || h.starts_with("<?xml") && h.contains("<html") {
        return true;
    }
    if !h.starts_with('<') {
        return false;
    }
    ["<head", "<body", "<div", "<p>", "<p ", "<br", "<meta", "<title"].iter().filter(|t| h.contains(*t)).count() >= 2
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"", "a.txt").unwrap_err(), DecodeError::Empty);
        assert!(matches!(decode(b"%PDF-1.4 ...", "a.txt"), Err(DecodeError::Binary(_))));
        let bin: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert!(decode(&bin, "a.bin").is_err());
    }

    #[test]
    fn encodings() {
        let s = "區委書記高金全出席會議並作講話,要求切實做好疫情防控工作。";
        let d = decode(s.as_bytes(), "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", s));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        let d = decode(&bom, "a.txt").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.strip_prefix('\u{FEFF}'), Some(s));

        let gbk = GBK.encode(s).0.into_owned();
        let d = decode(&gbk, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("GBK", s));

        let big5 = BIG5.encode(s).0.into_owned();
        let d = decode(&big5, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("Big5", s));

        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&le, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", s));
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", s));
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend_from_slice(&be);
        assert_eq!(decode(&be_bom, "a.txt").unwrap().text, s);
    }

    /// The Big5 scan short-cuts chardetng only where chardetng would give
    /// the same answer: every generated GBK or Big5 report, and each
    /// byte pattern the scan decides on.
    #[test]
    fn big5_scan_agrees_with_chardetng() {
        let mut checked = 0;
        for r in crate::gen::generate(3000, 7) {
            if std::str::from_utf8(&r.bytes).is_err() {
                let b = &r.bytes;
                let fast = if big5_disqualified(b) && !GBK.decode_without_bom_handling(b).1 { Some(GBK) } else { None };
                if let Some(f) = fast {
                    assert_eq!(f, guess_legacy(b), "{}", r.name);
                    checked += 1;
                }
            }
        }
        assert!(checked > 0);
        let s = "區委書記高金全出席會議並作講話,要求切實做好疫情防控工作。";
        for enc in [GBK, BIG5] {
            let b = enc.encode(s).0.into_owned();
            if big5_disqualified(&b) && !GBK.decode_without_bom_handling(&b).1 {
                assert_eq!(guess_legacy(&b), GBK);
            }
        }
        for b in [&b"\xB0\x80abc"[..], b"abc\x80", b"\xB0", b"\xB0\x30", b"\xA1\xA1\xB0\x9F"] {
            assert!(big5_disqualified(b), "{b:?}");
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(b, true);
            assert_ne!(det.guess(None, chardetng::Utf8Detection::Allow), BIG5, "{b:?}");
        }
        for b in [&b"\xFD\x30"[..], b"\xB0\xFF", b"\xA1\xA1", b"\xB0\x40"] {
            assert!(!big5_disqualified(b), "{b:?}");
        }
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html("a.htm", "x"));
        assert!(looks_like_html("a.txt", "<!DOCTYPE html><html>"));
        assert!(looks_like_html("a", "  <html><head><title>x</title></head>"));
        assert!(!looks_like_html("a.txt", "會議強調,<要>堅持"));
    }
}
