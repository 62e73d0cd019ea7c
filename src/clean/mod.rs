//! Stage 2: repairs the decoded text so extraction sees clean prose.
//!
//! Each repair is one pass in its own module; each pass rewrites the text
//! through a [`Rewriter`] and adds one layer to the [`OffsetMap`], so every
//! position of the cleaned text maps back to the original. Every repair is
//! also reported as a [`Warning`] with its original span and the text before
//! and after.
//!
//! Passes, in order: text hygiene (BOM, line breaks, control characters) →
//! HTML to text → punctuation → GBK mojibake → pinyin annotations →
//! punctuation again →
//! boilerplate (page furniture) → duplicates.

pub mod boilerplate;
pub mod dedup;
pub mod gbk;
pub mod html;
pub mod mojibake;
pub mod offset_map;
pub mod pinyin;
pub mod punct;
pub mod tables;

pub use offset_map::{Edit, Layer, OffsetMap, Rewriter};
pub use punct::{fold_width, folded};

use crate::decode::Decoded;
use crate::model::{Warning, WarningKind};
use crate::span::{CleanSpan, Span};
use std::fmt::Write as _;
use std::ops::Range;

/// What a line taken out of the body as page furniture was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FurnitureKind {
    /// `首頁 > 新聞中心 > 陳倉要聞 |`
    Breadcrumb,
    /// `加入時間:2020-02-05 09:58 訪問量:3203 信息來源: 珠江商報`
    Dateline,
    /// `會議現場 記者 張毅 攝影`
    Caption,
    /// A byline standing alone: `記者 彭華`
    Byline,
    /// `微信图片_20200205.jpg`
    Image,
    /// `字号`, `打印`, `关闭窗口`, `回首页`…
    Chrome,
}

impl FurnitureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FurnitureKind::Breadcrumb => "breadcrumb",
            FurnitureKind::Dateline => "dateline",
            FurnitureKind::Caption => "caption",
            FurnitureKind::Byline => "byline",
            FurnitureKind::Image => "image",
            FurnitureKind::Chrome => "chrome",
        }
    }
}

/// A line (or part of one) moved out of the body: what it said is kept for
/// the metadata extractor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Furniture {
    pub kind: FurnitureKind,
    /// The line's text, itself cleaned (pinyin stripped, mojibake repaired).
    pub text: String,
    /// Where it stands in the original.
    pub span: Span,
}

/// The cleaned text and everything needed to trace it back.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// The body text, lines separated by `\n`.
    pub text: String,
    /// Cleaned positions back to the original decoded text.
    pub map: OffsetMap,
    /// Every repair and doubt, decode warnings first.
    pub warnings: Vec<Warning>,
    /// Page furniture taken out of the body, in order.
    pub furniture: Vec<Furniture>,
    /// An HTML `<title>`, as a headline candidate.
    pub html_title: Option<(String, Span)>,
}

impl Cleaned {
    /// Maps a span of the cleaned text to the original.
    pub fn to_original(&self, s: CleanSpan) -> Span {
        self.map.to_original(s)
    }
}

/// The state between passes.
struct Pipeline<'a> {
    original: &'a str,
    text: String,
    map: OffsetMap,
    warnings: Vec<Warning>,
}

impl<'a> Pipeline<'a> {
    /// The original span of a range of the current text.
    fn span(&self, r: &Range<usize>) -> Span {
        self.map.to_original(CleanSpan::new(r.start, r.end))
    }

    fn warn(&mut self, kind: WarningKind, message: String, r: &Range<usize>, after: Option<String>) {
        let span = self.span(r);
        let before = Some(span.of(self.original).to_owned());
        self.warnings.push(Warning { kind, message, span, before, after });
    }

    /// Takes a pass's output (`None`: the text is unchanged).
    fn apply(&mut self, text: Option<String>, layer: Layer) {
        if let Some(text) = text {
            self.text = text;
        }
        self.map.push(layer);
    }
}

/// Runs every cleaning pass over a decoded input.
pub fn clean(decoded: &Decoded) -> Cleaned {
    let mut p = Pipeline {
        original: &decoded.text,
        text: decoded.text.clone(),
        map: OffsetMap::new(),
        warnings: decoded.warnings.clone(),
    };
    // Decoding already looked for what the hygiene pass changes.
    if !decoded.hygienic {
        hygiene(&mut p);
    }
    let mut html_title = None;
    if decoded.is_html {
        let h = html::to_text(&p.text);
        if h.tags > 0 {
            let whole = 0..p.text.len();
            html_title = h.title.as_ref().map(|(t, r)| (t.clone(), p.span(r)));
            let span = p.span(&whole);
            let message = format!("HTML page: {} tags removed, entities decoded", h.tags);
            p.warnings.push(Warning { kind: WarningKind::Html, message, span, before: None, after: None });
            p.apply(Some(h.text), h.layer);
            hygiene(&mut p);
        }
    }
    // Punctuation first, so a mojibake run is judged on the marks that stay;
    // again after pinyin and mojibake repairs, which may bring marks together.
    punct_pass(&mut p);
    let repaired = mojibake_pass(&mut p) | pinyin_pass(&mut p);
    // Collapsing is idempotent (a run becomes one mark between non-marks,
    // or nothing at a line start), so the second pass only has work when a
    // repair changed the text.
    if repaired {
        punct_pass(&mut p);
    }
    // Both line passes split the same lines unless the first changed the text.
    let lines: Vec<LineSpan> = line_spans(&p.text).collect();
    let (furniture, changed) = boilerplate_pass(&mut p, &lines);
    let lines = if changed { line_spans(&p.text).collect() } else { lines };
    dedup_pass(&mut p, &lines);
    Cleaned { text: p.text, map: p.map, warnings: p.warnings, furniture, html_title }
}

/// Drops a BOM and zero-width characters, turns `\r\n` and `\r` into `\n`,
/// removes other control characters.
fn hygiene(p: &mut Pipeline) {
    let src = p.text.as_str();
    if crate::decode::hygiene_free(src.as_bytes()) {
        return;
    }
    let mut w = Rewriter::new(src);
    let (mut bom, mut crlf, mut ctrl) = (None, 0usize, 0usize);
    let mut iter = src.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '\r' => {
                if iter.peek().is_some_and(|&(_, d)| d == '\n') {
                    w.replace(i..i + 2, "\n");
                    iter.next();
                } else {
                    w.replace(i..i + 1, "\n");
                }
                crlf += 1;
            }
            '\u{FEFF}' if i == 0 => {
                w.delete(i..i + 3);
                bom = Some(0..3);
            }
            '\u{FEFF}' | '\u{200B}' => {
                w.delete(i..i + c.len_utf8());
                ctrl += 1;
            }
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {
                w.delete(i..i + 1);
                ctrl += 1;
            }
            _ => {}
        }
    }
    let (text, layer) = w.finish_changed();
    if let Some(r) = bom {
        p.warn(WarningKind::Encoding, "UTF-8 byte order mark removed".into(), &r, Some(String::new()));
    }
    if crlf > 0 || ctrl > 0 {
        let whole = 0..p.text.len();
        let span = p.span(&whole);
        let mut msg = Vec::new();
        if crlf > 0 {
            msg.push(format!("{crlf} CR/CRLF line break(s) made LF"));
        }
        if ctrl > 0 {
            msg.push(format!("{ctrl} control or zero-width character(s) removed"));
        }
        p.warnings.push(Warning { kind: WarningKind::Encoding, message: msg.join("; "), span, before: None, after: None });
    }
    p.apply(text, layer);
}

/// Returns true when it changed the text.
fn mojibake_pass(p: &mut Pipeline) -> bool {
    if !mojibake::may_repair(&p.text) {
        return false;
    }
    let (text, layer, runs) = mojibake::repair(&p.text);
    if runs.is_empty() {
        return false;
    }
    let changed = text.as_ref().is_some_and(|t| *t != p.text);
    for run in &runs {
        match &run.repaired {
            Some(after) => {
                let unrecoverable = if run.unknown > 0 {
                    format!("; {} character(s) could not be recovered (□)", run.unknown)
                } else {
                    String::new()
                };
                p.warn(
                    WarningKind::Mojibake,
                    format!("GBK misalignment repaired: re-encoded as GBK, read one byte over{unrecoverable}"),
                    &run.range,
                    Some(after.clone()),
                );
                for (phrase, [a, b]) in &run.guessed {
                    p.warn(
                        WarningKind::Doubt,
                        format!(
                            "guessed, not recovered: the run lost bytes here; only the lead bytes {a:02X} … {b:02X} survive, \
                             and {phrase} is the one set phrase that fits them and the text around"
                        ),
                        &run.range,
                        Some(after.clone()),
                    );
                }
                if run.unknown > 0 {
                    p.warn(
                        WarningKind::Unrecoverable,
                        format!("{} character(s) lost in a garbled run, marked □", run.unknown),
                        &run.range,
                        Some(after.clone()),
                    );
                }
            }
            None => p.warn(
                WarningKind::Mojibake,
                "text looks garbled (GBK misalignment) but no repair reads as common text; left as is".into(),
                &run.range,
                None,
            ),
        }
    }
    p.apply(text, layer);
    changed
}

/// Returns true when it changed the text.
fn pinyin_pass(p: &mut Pipeline) -> bool {
    if !pinyin::may_strip(&p.text) {
        return false;
    }
    let (text, layer, found) = pinyin::strip(&p.text);
    if found.is_empty() {
        return false;
    }
    let changed = text.as_ref().is_some_and(|t| *t != p.text);
    // One warning per line.
    let src = std::mem::take(&mut p.text);
    let mut k = 0;
    while k < found.len() {
        let line_end = memchr::memchr(b'\n', &src.as_bytes()[found[k].range.start..])
            .map_or(src.len(), |q| found[k].range.start + q);
        let mut j = k;
        while j + 1 < found.len() && found[j + 1].range.start < line_end {
            j += 1;
        }
        let group = &found[k..=j];
        let range = group[0].range.start..group[group.len() - 1].range.end;
        let mut after = String::with_capacity(range.len());
        let mut pos = range.start;
        for s in group {
            after.push_str(&src[pos..s.range.start]);
            pos = s.range.end;
        }
        let unverified = group.iter().filter(|s| !s.verified).count();
        // `N pinyin reading(s) removed: 區(qū) 開(kāi) …`, built without the
        // formatting machinery (a line has dozens).
        let mut msg = String::with_capacity(48 + 24 * group.len().min(6));
        let _ = write!(msg, "{}", group.len());
        msg.push_str(" pinyin reading(s) removed: ");
        for (x, s) in group.iter().take(6).enumerate() {
            if x > 0 {
                msg.push(' ');
            }
            msg.extend(s.read_chars());
            msg.push_str(&src[s.range.clone()]);
        }
        if group.len() > 6 {
            msg.push_str(" …");
        }
        if unverified > 0 {
            let _ = write!(msg, " ({unverified} for characters the readings table does not know)");
        }
        p.warn(WarningKind::Pinyin, msg, &range, Some(after));
        k = j + 1;
    }
    p.text = src;
    p.apply(text, layer);
    changed
}

fn punct_pass(p: &mut Pipeline) {
    let Some(hit) = punct::first_hit(&p.text) else { return };
    let (text, layer, found) = punct::collapse_from(&p.text, hit);
    for c in &found {
        let run = &p.text[c.range.clone()];
        let mut msg = String::with_capacity(48 + 2 * run.len());
        if c.after.is_empty() {
            msg.push_str("stray ");
            punct::push_debug_quoted(&mut msg, run);
            msg.push_str(" at the start of a line removed");
        } else {
            msg.push_str("doubled punctuation ");
            punct::push_debug_quoted(&mut msg, run);
            msg.push_str(" collapsed to ");
            punct::push_debug_quoted(&mut msg, &c.after);
        }
        p.warn(WarningKind::Punctuation, msg, &c.range, Some(c.after.clone()));
    }
    p.apply(text, layer);
}

/// The furniture, and whether the text changed.
fn boilerplate_pass(p: &mut Pipeline, lines: &[LineSpan]) -> (Vec<Furniture>, bool) {
    let (text, layer, found) = boilerplate::remove_lines(&p.text, lines);
    let changed = text.is_some();
    let mut furniture = Vec::with_capacity(found.len());
    for f in &found {
        let t = p.text[f.text.clone()].to_owned();
        let kind = f.kind.as_str();
        let mut msg = String::with_capacity(kind.len() + 28 + t.len());
        msg.push_str(kind);
        msg.push_str(" line moved out of the body: ");
        msg.push_str(&t);
        p.warn(WarningKind::Boilerplate, msg, &f.removed, Some(String::new()));
        furniture.push(Furniture { kind: f.kind, text: t, span: p.span(&f.text) });
    }
    p.apply(text, layer);
    (furniture, changed)
}

fn dedup_pass(p: &mut Pipeline, lines: &[LineSpan]) {
    let (text, layer, dropped) = dedup::dedup_lines(&p.text, lines);
    for d in &dropped {
        let first = p.span(&d.first);
        let chars = p.text[d.range.clone()].trim().chars().count();
        p.warn(
            WarningKind::Duplicate,
            format!(
                "repeated block dropped: {} paragraph(s), {chars} characters, already given at {first}",
                d.paragraphs
            ),
            &d.range,
            Some(String::new()),
        );
    }
    p.apply(text, layer);
}

/// A line of a text: where it starts, where it ends (before its break), the
/// break if there is one, and the range of its text without surrounding
/// white space. Shared by the passes that work line by line.
pub(crate) struct LineSpan {
    pub start: usize,
    pub end: usize,
    pub nl: Option<usize>,
    pub text: std::ops::Range<usize>,
}

/// The lines of `src`, in order.
pub(crate) fn line_spans(src: &str) -> impl Iterator<Item = LineSpan> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= src.len() {
            return None;
        }
        let nl = memchr::memchr(b'\n', &src.as_bytes()[start..]).map(|p| start + p);
        let end = nl.unwrap_or(src.len());
        let t = crate::segment::trim_range(&src[start..end]);
        let text = start + t.start..start + t.end;
        let l = LineSpan { start, end, nl, text };
        start = end + 1;
        Some(l)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_changed_after_decoding_is_looked_at_again() {
        let mut d = crate::decode::decode("區委召開會議。".as_bytes(), "a.txt").unwrap();
        // Decoding found nothing for the hygiene pass, so the cleaner skips it.
        assert!(d.hygienic);
        d.text_mut().insert_str(3, "\u{200B}\u{7}");
        let c = clean(&d);
        assert_eq!(c.text, "區委召開會議。");
        assert!(!c.text.contains(['\u{200B}', '\u{7}']), "{:?}", c.text);
    }

    #[test]
    fn clean_text_is_untouched() {
        let s = "1月6日晚,豐澤區召開專題會議。\n區委書記高金全出席會議並作講話。\n";
        let c = clean(&Decoded::plain(s));
        assert_eq!(c.text, s);
        assert!(c.warnings.is_empty());
        assert!(c.map.is_identity());
    }

    #[test]
    fn spans_map_back() {
        let s = "豐澤區(qū)召開(kāi)會議,,傳達";
        let c = clean(&Decoded::plain(s));
        assert_eq!(c.text, "豐澤區召開會議,傳達");
        let at = c.text.find("召開").unwrap();
        let span = c.to_original(CleanSpan::new(at, at + "召開".len()));
        assert_eq!(span.of(s), "召開");
        let at = c.text.find("開").unwrap();
        let span = c.to_original(CleanSpan::new(at, at + "開會".len()));
        assert_eq!(span.of(s), "開(kāi)會");
    }
}
