//! Stage 1: bytes to text, with the encoding found.
//!
//! Order of evidence: a byte order mark; UTF-16 without a BOM when the zero
//! bytes (or the code units) make it plain; valid UTF-8; a `charset` an HTML
//! page declares; UTF-8 with a few broken bytes; then GBK (GB18030's decoder)
//! or Big5, decided by which one decodes cleanly and, when both do, by which
//! reads as more common characters (see `chinese_legacy`). Input that
//! decodes to nothing sensible (binary files, archives, images) gets a
//! per-file error.
//!
//! Spans in the output index [`Decoded::text`]. For UTF-8 input that is the
//! file itself: a UTF-8 BOM is kept in the text (as U+FEFF) so offsets stay
//! file offsets, and the cleaning stage drops it with a warning.

use crate::codec;
use crate::model::{Warning, WarningKind};
use crate::span::Span;
use encoding_rs::{Encoding, BIG5, GBK, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::fmt;

/// A decoded input.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The decoded text: every span in the output indexes this. Change it
    /// through [`Decoded::text_mut`].
    pub text: String,
    /// The encoding's name (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`…).
    pub encoding: &'static str,
    /// True when the input is an HTML page rather than plain text.
    pub is_html: bool,
    /// Doubts about the decoding (BOM removed, invalid sequences replaced…).
    pub warnings: Vec<Warning>,
    /// True when [`decode`] found nothing in `text` for the cleaner's text
    /// hygiene (no C0 control other than tab and line feed, no U+FEFF or
    /// U+200B), so the cleaner need not look again; false when not known.
    /// Only [`decode`] sets it, and [`Decoded::text_mut`] clears it.
    pub(crate) hygienic: bool,
}

impl Decoded {
    /// A decoded plain text (no warnings), e.g. for tests or text typed in.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), encoding: "UTF-8", is_html: false, warnings: Vec::new(), hygienic: false }
    }

    /// The text, to change: the cleaner then looks for control characters
    /// again rather than trust what [`decode`] found.
    pub fn text_mut(&mut self) -> &mut String {
        self.hygienic = false;
        &mut self.text
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
    } else if let Some(s) = codec::decode_strict(UTF_8, bytes) {
        // Valid UTF-8 is never taken for UTF-16 (`sniff_utf16` says so
        // too): check it first, once, and copy it. encoding_rs validates
        // (and borrows) several times faster than `str::from_utf8` on CJK.
        (s.into_owned(), "UTF-8")
    } else if let Some(enc) = sniff_utf16(bytes) {
        let (text, errors) = decode_with(enc, bytes);
        warnings.push(warning(
            WarningKind::Encoding,
            format!("decoded as {} (no byte order mark; judged from the byte pattern)", enc.name()),
            &text,
        ));
        if !reads_as_chinese(&text) {
            warnings.push(doubt(enc.name(), &text));
        }
        (checked(text, errors, enc.name(), &mut warnings)?, enc.name())
    } else {
        let Legacy { enc, text, errors, doubt: odd } = choose_legacy(bytes);
        let label = display_name(enc);
        if enc != UTF_8 {
            warnings.push(warning(WarningKind::Encoding, format!("decoded as {label} (not UTF-8)"), &text));
        }
        if odd {
            warnings.push(doubt(label, &text));
        }
        (checked(text, errors, label, &mut warnings)?, label)
    };
    // One scan serves the binary test here and the cleaner's hygiene pass:
    // a text without a control character has none that marks it binary.
    let hygienic = hygiene_free(text.as_bytes());
    if !hygienic && has_binary_controls(&text) {
        return Err(DecodeError::Binary("the bytes hold control characters no text file has".to_owned()));
    }
    let is_html = looks_like_html(name, &text);
    Ok(Decoded { text, encoding, is_html, warnings, hygienic })
}

/// The name reported for an encoding (encoding_rs calls GBK `GBK` and
/// decodes GB18030 with the same decoder).
fn display_name(enc: &'static Encoding) -> &'static str {
    enc.name()
}

#[cfg(not(target_arch = "wasm32"))]
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len().saturating_mul(3) + 16);
    let mut out = String::with_capacity(cap);
    let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut out, true);
    let errors = if had_errors { out.chars().filter(|&c| c == '\u{FFFD}').count().max(1) } else { 0 };
    (out, errors)
}

#[cfg(target_arch = "wasm32")]
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (out, had_errors) = codec::decode(enc, bytes);
    let errors = if had_errors { out.chars().filter(|&c| c == '\u{FFFD}').count().max(1) } else { 0 };
    (out.into_owned(), errors)
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

/// The warning for a decoding that does not read as Chinese.
fn doubt(label: &str, text: &str) -> Warning {
    warning(
        WarningKind::Encoding,
        format!(
            "the text hardly reads as Chinese decoded as {label} (few common words): \
             the file may be in another encoding, e.g. Japanese or Korean"
        ),
        text,
    )
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
        if is_utf8(bytes) || zero_even.abs_diff(zero_odd) * 2 < zero_even + zero_odd {
            return None;
        }
        let enc = if zero_even > zero_odd { UTF_16BE } else { UTF_16LE };
        return (plausible_utf16(b, enc) && text_share(b, enc) >= 0.95).then_some(enc);
    }
    if is_utf8(bytes) || units < 8 {
        return None;
    }
    // No zero bytes at all: plain Han text in UTF-16 still reads as Han.
    // The first 1 KiB must already read so (GBK or Big5 read as UTF-16
    // fail here at once) before the whole sniff window is decoded.
    let head = &b[..b.len().min(1024)];
    [UTF_16LE, UTF_16BE].into_iter().find(|&enc| {
        !surely_not_han(head, enc == UTF_16BE)
            && han_share(head, enc) >= 0.9
            && plausible_utf16(b, enc)
            && han_share(b, enc) >= 0.9
    })
}

/// True when `b` read as UTF-16 certainly has a [`han_share`] below 0.9:
/// more than a tenth of its code units (an upper bound on its characters)
/// are BMP characters, not surrogates, that are neither Han nor CJK
/// punctuation. A cheap test over the code units, so GBK or Big5 bytes
/// are turned down without decoding them.
fn surely_not_han(b: &[u8], big_endian: bool) -> bool {
    let units = b.len() / 2;
    // The count only grows: it stops as soon as it is over the bar (GBK or
    // Big5 read as UTF-16 gets there within a few dozen units).
    let mut other = 0usize;
    for p in b.chunks_exact(2) {
        let u = if big_endian { u16::from_be_bytes([p[0], p[1]]) } else { u16::from_le_bytes([p[0], p[1]]) };
        // Surrogates may pair up into Han of the supplementary planes.
        if !matches!(u, 0xD800..=0xDFFF)
            && char::from_u32(u32::from(u)).is_some_and(|c| !crate::clean::tables::is_han(c) && !is_cjk_punct(c))
        {
            other += 1;
            if other * 10 > units + 1 {
                return true;
            }
        }
    }
    false
}

fn is_utf8(bytes: &[u8]) -> bool {
    Encoding::utf8_valid_up_to(bytes) == bytes.len()
}

fn plausible_utf16(b: &[u8], enc: &'static Encoding) -> bool {
    let (text, errors) = codec::decode(enc, b);
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
    let (text, _) = codec::decode(enc, b);
    let total = text.chars().count().max(1);
    let good = text
        .chars()
        .filter(|&c| crate::clean::tables::is_han(c) || is_cjk_punct(c) || c.is_ascii_graphic() || c.is_whitespace())
        .count();
    good as f64 / total as f64
}

fn han_share(b: &[u8], enc: &'static Encoding) -> f64 {
    let (text, _) = codec::decode(enc, b);
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

/// The decision for bytes that are neither UTF-8 nor UTF-16: the encoding,
/// the text decoded with it and the number of invalid sequences in it.
struct Legacy {
    enc: &'static Encoding,
    text: String,
    errors: usize,
    /// The text decodes, but hardly reads as Chinese.
    doubt: bool,
}

/// Legacy encodings: a `charset` an HTML page declares (when the page
/// decodes cleanly with it), UTF-8 with a few broken bytes, else GBK or
/// Big5.
fn choose_legacy(bytes: &[u8]) -> Legacy {
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
        if enc != UTF_8 {
            let (text, errors) = decode_with(enc, bytes);
            if errors == 0 {
                return Legacy { enc, text, errors, doubt: false };
            }
        }
    }
    // Mostly UTF-8 with a few broken bytes stays UTF-8.
    if mostly_utf8(bytes) {
        let (text, errors) = decode_with(UTF_8, bytes);
        return Legacy { enc: UTF_8, text, errors, doubt: false };
    }
    chinese_legacy(bytes)
}

/// GBK or Big5. A Chinese report that is neither UTF-8 nor UTF-16 is one of
/// the two (GB2312 and GB18030 files decode as GBK: encoding_rs reads all
/// three with one decoder). The one that decodes without an invalid
/// sequence wins; when both do (Big5 bytes always pair up as GBK, and
/// GB2312 text often as Big5), the one whose decoding holds the larger share
/// of common characters ([`common_share`]); GBK on a tie. When both have
/// invalid sequences: windows-1252 if the high bytes stand alone, as in a
/// Latin text (GBK and Big5 pair them), else the one with fewer.
///
/// A text that decodes but hardly forms common words (Japanese or Korean in
/// their legacy encodings decode as GBK or Big5 nonsense) is flagged
/// (`doubt`), so the file carries a warning that says so.
fn chinese_legacy(bytes: &[u8]) -> Legacy {
    let (gbk, gbk_errors) = decode_with(GBK, bytes);
    let (enc, text, errors) = if gbk_errors == 0 {
        // Stops at Big5's first invalid sequence, which a GBK file soon has.
        match codec::decode_strict(BIG5, bytes) {
            Some(big5) if common_share(&big5) > common_share(&gbk) => (BIG5, big5.into_owned(), 0),
            _ => (GBK, gbk, 0),
        }
    } else {
        let (big5, big5_errors) = decode_with(BIG5, bytes);
        if big5_errors == 0 {
            (BIG5, big5, 0)
        } else if single_byte_text(bytes) {
            let (text, errors) = decode_with(WINDOWS_1252, bytes);
            return Legacy { enc: WINDOWS_1252, text, errors, doubt: false };
        } else if big5_errors < gbk_errors {
            (BIG5, big5, big5_errors)
        } else {
            (GBK, gbk, gbk_errors)
        }
    };
    let doubt = !reads_as_chinese(&text);
    Legacy { enc, text, errors, doubt }
}

/// The share of the non-ASCII characters (of the first [`SNIFF`]) that are
/// common Han characters (the frequency bands of `lexicon/char_freq.txt` up
/// to 10, either script) or CJK punctuation. GBK read as Big5 or Big5 read
/// as GBK gives rare characters, kana, Greek, box drawing and private-use
/// characters: on reports the right decoding scores near 1, the wrong one
/// below 0.6.
fn common_share(text: &str) -> f64 {
    let t = crate::clean::tables::tables();
    let (mut n, mut good) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()).take(SNIFF) {
        n += 1;
        good += (t.band(c).is_some_and(|b| b <= 10) || is_cjk_punct(c)) as usize;
    }
    if n == 0 {
        0.0
    } else {
        good as f64 / n as f64
    }
}

/// How many Han characters [`reads_as_chinese`] looks at, at most.
const WORD_SAMPLE: usize = 400;

/// Whether a decoded text reads as Chinese: at least one adjacent pair of
/// Han characters in 20 is a common word (`lexicon/word_pairs.txt`), over
/// the first [`WORD_SAMPLE`] Han characters. Reports have one in 7 or more;
/// Japanese or Korean decoded as GBK or Big5 has none. Texts with fewer than
/// 20 Han characters are given the benefit of the doubt.
fn reads_as_chinese(text: &str) -> bool {
    let t = crate::clean::tables::tables();
    let is_han = crate::clean::tables::is_han;
    let (mut han, mut words) = (0usize, 0usize);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !is_han(c) {
            prev = None;
            continue;
        }
        han += 1;
        if prev.is_some_and(|p| t.is_word(p, c)) {
            words += 1;
            if words * 20 >= WORD_SAMPLE {
                return true;
            }
        }
        if han == WORD_SAMPLE {
            break;
        }
        prev = Some(c);
    }
    han < 20 || words * 20 >= han
}

/// Whether the non-ASCII bytes mostly stand alone between ASCII bytes, as
/// in a Latin text in a single-byte encoding (GBK and Big5 characters are
/// byte pairs).
fn single_byte_text(bytes: &[u8]) -> bool {
    let (mut high, mut alone) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            high += 1;
            let before = i == 0 || bytes[i - 1] < 0x80;
            let after = bytes.get(i + 1).is_none_or(|&n| n < 0x80);
            alone += (before && after) as usize;
        }
    }
    high > 0 && alone * 2 > high
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    // Every non-ASCII byte counted below is a byte >= 0x80 of the input:
    // their total bounds the count, so the scan can stop as soon as the
    // broken sequences are too many for any outcome but false (GBK or Big5
    // read as UTF-8 breaks at nearly every character).
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high < 30 {
        return false;
    }
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
                if bad * 10 > high {
                    return false;
                }
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

/// `<meta charset="gbk">` or `content="text/html; charset=gb2312"`: an
/// encoding [`codec`] decodes with (the wasm ignores a Japanese or Korean
/// one).
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end]).filter(|&enc| codec::supports(enc))
}

/// NUL and other C0 controls (besides tab, line breaks, form feed, escape)
/// in more than a trace: a binary file.
fn has_binary_controls(text: &str) -> bool {
    // Most texts have no such control at all: one pass that vectorises
    // (chunks without an early exit inside) settles them.
    if !any_byte(text.as_bytes(), |b| (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0C) & (b != 0x1B)) {
        return false;
    }
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

/// Whether some byte of `b` passes `test`: over blocks of 64 bytes without
/// an early exit inside (the test must not branch, e.g. `&` not `&&`), so
/// the compiler vectorises it.
#[inline]
pub(crate) fn any_byte(b: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let mut blocks = b.chunks_exact(64);
    for block in &mut blocks {
        let mut any = 0u8;
        for &c in block {
            any |= test(c) as u8;
        }
        if any != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&c| test(c))
}

/// True when `b` (UTF-8) holds nothing the cleaner's text hygiene removes
/// or changes: no C0 control other than tab and line feed (`\r` included),
/// no U+FEFF, no U+200B.
pub(crate) fn hygiene_free(b: &[u8]) -> bool {
    use memchr::memmem::Finder;
    use std::sync::OnceLock;
    // The searchers are built once, not per document.
    static FINDERS: OnceLock<[Finder<'static>; 2]> = OnceLock::new();
    let [feff, zwsp] = FINDERS.get_or_init(|| [Finder::new("\u{FEFF}".as_bytes()), Finder::new("\u{200B}".as_bytes())]);
    !any_byte(b, |c| (c < 0x20) & (c != b'\n') & (c != b'\t')) && feff.find(b).is_none() && zwsp.find(b).is_none()
}

/// A saved web page: by its name, or text that is plainly HTML.
pub fn looks_like_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    // Every test below needs the text to open with a tag.
    if !head.starts_with('<') {
        return false;
    }
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

    /// The one-pass hygiene test agrees with a walk over the characters,
    /// wherever the character stands relative to the 64-byte blocks.
    #[test]
    fn hygiene_free_agrees_with_a_character_scan() {
        let reference =
            |s: &str| !s.chars().any(|c| ((c as u32) < 0x20 && c != '\n' && c != '\t') || c == '\u{FEFF}' || c == '\u{200B}');
        let odd = ["", "\r", "\0", "\u{1}", "\u{1F}", "\u{FEFF}", "\u{200B}", "\u{200C}", "\u{FEFE}", "\u{FFFD}", "\n\t", "\u{7F}", "\u{BBF}"];
        let mut dirty = 0;
        for fill in ["會", "a", "é", "😀", "\n"] {
            for n in 0..80 {
                for x in odd {
                    for after in ["", "會議", &"會".repeat(30)] {
                        let t = format!("{}{x}{after}", fill.repeat(n));
                        assert_eq!(hygiene_free(t.as_bytes()), reference(&t), "{t:?}");
                        dirty += !reference(&t) as usize;
                    }
                }
            }
        }
        assert!(dirty > 1000, "{dirty}");
    }

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

    /// The decision the decoder made with chardetng (up to commit 3b6423d),
    /// kept here as the reference the GBK-or-Big5 decision is checked
    /// against: a declared charset, mostly-UTF-8, then chardetng's guess,
    /// with GBK or Big5 preferred when one decodes cleanly.
    fn chardetng_choice(bytes: &[u8]) -> &'static Encoding {
        if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
            if enc != UTF_8 && !enc.decode_without_bom_handling(bytes).1 {
                return enc;
            }
        }
        if mostly_utf8(bytes) {
            return UTF_8;
        }
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(&bytes[..bytes.len().min(SNIFF * 4)], bytes.len() <= SNIFF * 4);
        let guess = det.guess(None, chardetng::Utf8Detection::Allow);
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

    /// True when `decode` takes `bytes` to the legacy decision (no BOM, not
    /// UTF-8, not UTF-16).
    fn reaches_legacy(bytes: &[u8]) -> bool {
        !bytes.is_empty()
            && binary_signature(bytes).is_none()
            && Encoding::for_bom(bytes).is_none()
            && std::str::from_utf8(bytes).is_err()
            && sniff_utf16(bytes).is_none()
    }

    fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                files_under(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// The texts of the reports: every fixture report and the seeds (when
    /// ../shared is there).
    fn report_texts() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["tests/fixtures/reports", "tests/fixtures/heldout", "tests/fixtures/blind/reports", "tests/fixtures/clean"] {
            files_under(&root.join(dir), &mut paths);
        }
        files_under(&root.join("../shared/seeds"), &mut paths);
        files_under(std::path::Path::new("/work/shared/seeds"), &mut paths);
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
            .filter_map(|p| Some((p.display().to_string(), String::from_utf8(std::fs::read(&p).ok()?).ok()?)))
            .collect()
    }

    /// The GBK-or-Big5 decision agrees with chardetng on every input that
    /// reaches it: the non-UTF-8 files of a generated corpus, the GBK and
    /// Big5 fixtures, and the GBK and Big5 encodings of every report
    /// fixture and seed.
    #[test]
    fn legacy_decision_agrees_with_chardetng() {
        let mut inputs: Vec<(String, Vec<u8>)> = crate::gen::generate(3000, 7)
            .filter(|r| r.traits.encoding != "UTF-8")
            .map(|r| (r.name, r.bytes))
            .collect();
        let generated = inputs.len();
        assert!(inputs.iter().any(|(_, b)| chardetng_choice(b) == BIG5), "the corpus has Big5 files");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
        for name in ["gbk.txt", "big5.txt"] {
            inputs.push((name.to_owned(), std::fs::read(root.join(name)).expect("fixture")));
        }
        let texts = report_texts();
        assert!(texts.len() > 40, "{} report texts", texts.len());
        for (name, text) in &texts {
            for enc in [GBK, BIG5] {
                let (bytes, _, unmappable) = enc.encode(text);
                if !unmappable {
                    inputs.push((format!("{name} as {}", enc.name()), bytes.into_owned()));
                }
            }
        }
        let mut checked = 0;
        for (name, bytes) in &inputs {
            if !reaches_legacy(bytes) {
                continue;
            }
            let new = choose_legacy(bytes);
            assert_eq!(new.enc, chardetng_choice(bytes), "{name}");
            assert!(!new.doubt, "{name}");
            // The text is what decoding with the chosen encoding gives.
            assert_eq!(new.text, decode_with(new.enc, bytes).0, "{name}");
            checked += 1;
        }
        assert!(checked > generated + texts.len(), "{checked} inputs checked");
    }

    #[test]
    fn short_and_ambiguous_inputs() {
        // One character, valid in both: the more common reading wins.
        let d = decode(&GBK.encode("會").0, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("GBK", "會"));
        let d = decode(&BIG5.encode("會").0, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("Big5", "會"));
        // A pair that reads as uncommon characters either way: GBK on the tie.
        let d = decode(b"\xFE\xFE", "a.txt").unwrap();
        assert_eq!(d.encoding, "GBK");
        // A lone high byte pairs with nothing: a single-byte text.
        let d = decode(b"\xB0", "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("windows-1252", "°"));
        // Lead bytes that never pair: not text.
        assert!(matches!(decode(b"\xB0\xB0\xB0\x30\xB0\x31\xB0\x32", "a.txt"), Err(DecodeError::Binary(_))));
        // A lead byte cut off at the end of a long text: one replacement, a warning.
        let mut cut = GBK.encode(&"會議強調,要切實做好疫情防控工作。".repeat(4)).0.into_owned();
        cut.push(0xB0);
        let d = decode(&cut, "a.txt").unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.ends_with('\u{FFFD}'));
        assert!(d.warnings.iter().any(|w| w.message.contains("invalid byte sequence")), "{:?}", d.warnings);
    }

    #[test]
    fn binary_junk_is_refused() {
        let noise: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(matches!(decode(&noise, "a.bin"), Err(DecodeError::Binary(_))));
        let high: Vec<u8> = (0..4096u32).map(|i| 0x80 | (i.wrapping_mul(2_654_435_761) >> 17) as u8).collect();
        for bytes in [&high[..], b"\x80\x80\x80\x80", b"\xFF\xFF\xFF\xFF\xFF\xFF", b"\xA1\x30\xA1\x30\xA1\x30"] {
            // A clear per-file error or a decode, never a panic.
            match decode(bytes, "a.bin") {
                Err(e) => assert!(e.to_string().starts_with("not a text file"), "{e}"),
                Ok(d) => assert!(!d.text.is_empty()),
            }
        }
        assert!(matches!(decode(b"\xFF\xFF\xFF\xFF\xFF\xFF", "a.bin"), Err(DecodeError::Binary(_))));
    }

    /// Japanese and Korean in their legacy encodings decode as GBK or Big5
    /// (the pairs are valid there), read as nonsense, and say so in a
    /// warning; a Latin text in windows-1252 decodes as windows-1252.
    #[test]
    fn other_legacy_encodings() {
        let ja = "日本国民は、正当に選挙された国会における代表者を通じて行動し、われらとわれらの子孫のために、諸国民との協和による成果と、わが国全土にわたつて自由のもたらす恵沢を確保し、政府の行為によつて再び戦争の惨禍が起ることのないやうにすることを決意し、ここに主権が国民に存することを宣言し、この憲法を確定する。";
        let ko = "대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다. 정부는 오늘 회의를 열고 경제 정책을 논의했다.";
        // Shift_JIS kanji pairs are Han code units read as UTF-16BE.
        for (text, enc, read_as) in
            [(ja, encoding_rs::SHIFT_JIS, "UTF-16BE"), (ja, encoding_rs::EUC_JP, "Big5"), (ko, encoding_rs::EUC_KR, "GBK")]
        {
            let bytes = enc.encode(text).0.into_owned();
            let d = decode(&bytes, "a.txt").unwrap_or_else(|e| panic!("{}: {e}", enc.name()));
            assert_eq!(d.encoding, read_as, "{}", enc.name());
            assert!(
                d.warnings.iter().any(|w| w.message.contains("may be in another encoding")),
                "{}: {:?}",
                enc.name(),
                d.warnings
            );
        }
        let latin = "Le conseil municipal s'est réuni à l'hôtel de ville; la séance a été présidée par le maire.";
        let d = decode(&WINDOWS_1252.encode(latin).0, "a.txt").unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("windows-1252", latin));
        // Chinese reports never get the warning.
        for (name, text) in report_texts() {
            assert!(reads_as_chinese(&text), "{name}");
        }
    }

    /// The UTF-16 pre-test only ever turns down what the full test turns down.
    #[test]
    fn utf16_pretest_is_sound() {
        let mut inputs: Vec<Vec<u8>> = crate::gen::generate(400, 11).map(|r| r.bytes).collect();
        for (_, text) in report_texts().into_iter().take(20) {
            inputs.push(text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
            inputs.push(text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
            inputs.push(GBK.encode(&text).0.into_owned());
        }
        for b in &inputs {
            let head = &b[..b.len().min(1024) & !1];
            for (enc, be) in [(UTF_16LE, false), (UTF_16BE, true)] {
                if surely_not_han(head, be) {
                    assert!(han_share(head, enc) < 0.9);
                }
            }
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
