//! HTML to visible text: a small tag scanner and an entity table.
//!
//! Hand-written rather than a crate: html5ever/scraper or lol_html add
//! hundreds of KB to the wasm build, and this stage needs only the visible
//! text of a saved article page, with every removed tag recorded as an edit.
//! Script, style, head, navigation and form content is dropped; block
//! elements break lines; whitespace collapses as a browser would; entities
//! are decoded; `<title>` is kept as a headline candidate.

use super::offset_map::{Layer, Rewriter};
use std::ops::Range;

/// The result of converting one page.
pub struct HtmlText {
    pub text: String,
    pub layer: Layer,
    /// The `<title>` text and its range in the input.
    pub title: Option<(String, Range<usize>)>,
    pub tags: usize,
}

/// Elements whose content is not visible text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "select", "button", "iframe", "object", "svg",
    "canvas", "textarea", "form", "aside", "footer", "map", "audio", "video",
];

/// Elements that start and end a line.
const BLOCK: &[&str] = &[
    "address", "article", "blockquote", "br", "center", "dd", "div", "dl", "dt", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody",
    "tr", "ul", "body", "html", "caption", "thead", "tfoot", "title",
];

/// Converts an HTML page to its visible text.
pub fn to_text(src: &str) -> HtmlText {
    let b = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut title = find_title(src);
    let mut tags = 0usize;
    // The output ends a line (or is empty).
    let mut line_start = true;
    // A space is owed between the last text and the next (an inline tag
    // swallowed the whitespace that stood for it).
    let mut owed_space = false;
    // Start of a whitespace run of the input not yet written.
    let mut ws: Option<usize> = None;
    let mut pre_depth = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'<' {
            if let Some((end, tag)) = scan_tag(b, i) {
                tags += 1;
                let (tag_end, breaks) = tag_effect(src, b, end, &tag, &mut title, &mut pre_depth);
                let start = ws.take().unwrap_or(i);
                if breaks {
                    if line_start {
                        w.delete(start..tag_end);
                    } else {
                        w.replace(start..tag_end, "\n");
                        line_start = true;
                    }
                    owed_space = false;
                } else {
                    if start < i && !line_start {
                        owed_space = true;
                    }
                    w.delete(start..tag_end);
                }
                i = tag_end;
                continue;
            }
        }
        if c.is_ascii_whitespace() && pre_depth == 0 {
            ws.get_or_insert(i);
            i += 1;
            continue;
        }
        // Text: settle the whitespace before it. A line break between two
        // wide (CJK) characters is no space (CSS Text 3 segment breaks).
        if let Some(s) = ws.take() {
            let cjk_break = src[s..i].contains('\n')
                && w_last_wide(&src[..s])
                && src[i..].chars().next().is_some_and(is_wide);
            if line_start || cjk_break {
                w.delete(s..i);
            } else {
                w.replace(s..i, " ");
            }
            owed_space = false;
        } else if owed_space {
            if !line_start {
                w.replace(i..i, " ");
            }
            owed_space = false;
        }
        if c == b'&' {
            if let Some((len, ch)) = entity_at(&src[i..]) {
                let mut buf = [0u8; 4];
                let s: &str = if ch == '\u{A0}' { " " } else { ch.encode_utf8(&mut buf) };
                w.replace(i..i + len, s);
                line_start = false;
                i += len;
                continue;
            }
        }
        line_start = c == b'\n';
        let len = utf8_len(c).min(b.len() - i);
        w.keep_to(i + len);
        i += len;
    }
    if let Some(s) = ws.take() {
        if line_start {
            w.delete(s..b.len());
        } else {
            w.replace(s..b.len(), "\n");
        }
    }
    let (text, layer) = w.finish();
    HtmlText { text, layer, title, tags }
}

/// What a tag does: the index where its effect ends (past skipped content)
/// and whether it breaks the line.
fn tag_effect(
    src: &str,
    b: &[u8],
    end: usize,
    tag: &Tag,
    title: &mut Option<(String, Range<usize>)>,
    pre_depth: &mut usize,
) -> (usize, bool) {
    match tag {
        Tag::Open(name) if name == "title" => {
            if let Some((cstart, cend, close_end)) = find_close(b, end, "title") {
                let t = collapse_ws(&decode_entities(&src[cstart..cend]));
                if !t.is_empty() && title.is_none() {
                    *title = Some((t, cstart..cend));
                }
                return (close_end, true);
            }
            (end, true)
        }
        Tag::Open(name) if SKIP.contains(&name.as_str()) => {
            // `<head>` without `</head>`: its children are handled one by one.
            let fallback = if name == "head" { end } else { b.len() };
            (find_close(b, end, name).map(|(_, _, e)| e).unwrap_or(fallback), true)
        }
        Tag::Open(name) | Tag::SelfClosing(name) | Tag::Close(name) => {
            if name == "pre" {
                if matches!(tag, Tag::Open(_)) {
                    *pre_depth += 1;
                } else if matches!(tag, Tag::Close(_)) {
                    *pre_depth = pre_depth.saturating_sub(1);
                }
            }
            (end, BLOCK.contains(&name.as_str()))
        }
        Tag::Other => (end, false),
    }
}

/// The last character before a whitespace run is wide (looking past tags).
fn w_last_wide(before: &str) -> bool {
    let mut t = before.trim_end();
    // Text directly before inline markup: look at the text before the tags
    // (a few at most, so the scan stays linear).
    for _ in 0..8 {
        if !t.ends_with('>') {
            return t.chars().next_back().is_some_and(is_wide);
        }
        match t.rfind('<') {
            Some(k) => t = t[..k].trim_end(),
            None => return false,
        }
    }
    false
}

/// East Asian wide characters: Han, kana, CJK and full-width punctuation.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF01..=0xFF60 | 0x20000..=0x3134F)
        || matches!(c, '“' | '”' | '‘' | '’')
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

enum Tag {
    Open(String),
    SelfClosing(String),
    Close(String),
    /// Comment, doctype, processing instruction.
    Other,
}

/// Scans the tag starting at `b[i] == b'<'`; returns the index after it.
fn scan_tag(b: &[u8], i: usize) -> Option<(usize, Tag)> {
    let rest = &b[i..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&rest[4..], b"-->").map(|p| i + 4 + p + 3).unwrap_or(b.len());
        return Some((end, Tag::Other));
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        let end = memchr::memchr(b'>', rest).map(|p| i + p + 1).unwrap_or(b.len());
        return Some((end, Tag::Other));
    }
    let (close, name_start) = if rest.get(1) == Some(&b'/') { (true, 2) } else { (false, 1) };
    let name_len = rest[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':').count();
    if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
    // Attributes: skip quoted values.
    let mut j = name_start + name_len;
    let mut quote: Option<u8> = None;
    while j < rest.len() {
        let c = rest[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => break,
            None => {}
        }
        j += 1;
    }
    if j >= rest.len() {
        return Some((b.len(), Tag::Other));
    }
    let self_closing = j > 0 && rest[j - 1] == b'/';
    let tag = if close {
        Tag::Close(name)
    } else if self_closing {
        Tag::SelfClosing(name)
    } else {
        Tag::Open(name)
    };
    Some((i + j + 1, tag))
}

/// Finds `</name>` from `from` (ASCII case-insensitive): (content start,
/// content end, index after the closing tag).
fn find_close(b: &[u8], from: usize, name: &str) -> Option<(usize, usize, usize)> {
    let mut j = from;
    while let Some(p) = memchr::memchr(b'<', &b[j..]) {
        let at = j + p;
        let rest = &b[at..];
        if rest.len() >= name.len() + 2
            && rest[1] == b'/'
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && rest.get(2 + name.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            let end = memchr::memchr(b'>', rest).map(|q| at + q + 1).unwrap_or(b.len());
            return Some((from, at, end));
        }
        j = at + 1;
    }
    None
}

/// The first `<title>…</title>` of the page: its text and content range.
fn find_title(src: &str) -> Option<(String, Range<usize>)> {
    let b = src.as_bytes();
    let mut j = 0;
    while let Some(p) = memchr::memchr(b'<', &b[j..]) {
        let at = j + p;
        if b.len() >= at + 6 && b[at + 1..at + 6].eq_ignore_ascii_case(b"title") {
            if let Some((end, Tag::Open(_))) = scan_tag(b, at) {
                let (cstart, cend, _) = find_close(b, end, "title")?;
                let t = collapse_ws(&decode_entities(&src[cstart..cend]));
                return (!t.is_empty()).then_some((t, cstart..cend));
            }
        }
        j = at + 1;
    }
    None
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities of a string.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(p) = s[i..].find('&') {
        out.push_str(&s[i..i + p]);
        let at = i + p;
        match entity_at(&s[at..]) {
            Some((len, c)) => {
                out.push(if c == '\u{A0}' { ' ' } else { c });
                i = at + len;
            }
            None => {
                out.push('&');
                i = at + 1;
            }
        }
    }
    out.push_str(&s[i..]);
    out
}

/// The entity at the start of `s` (which starts with `&`): its length and character.
pub fn entity_at(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let digits = b[start..].iter().take(8).take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return None;
        }
        let n = u32::from_str_radix(&s[start..start + digits], if hex { 16 } else { 10 }).ok()?;
        let mut len = start + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let c = char::from_u32(n).filter(|c| *c != '\0').unwrap_or('\u{FFFD}');
        return Some((len, c));
    }
    let name_len = b[1..].iter().take(10).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let c = ENTITIES.binary_search_by(|(n, _)| n.cmp(&name)).ok().map(|k| ENTITIES[k].1)?;
    let mut len = 1 + name_len;
    if b.get(len) == Some(&b';') {
        len += 1;
    } else if !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        return None;
    }
    Some((len, c))
}

/// Named entities seen in Chinese news pages (sorted by name).
const ENTITIES: &[(&str, char)] = &[
    ("AMP", '&'),
    ("GT", '>'),
    ("LT", '<'),
    ("QUOT", '"'),
    ("amp", '&'),
    ("apos", '\''),
    ("bull", '•'),
    ("cent", '¢'),
    ("copy", '©'),
    ("deg", '°'),
    ("divide", '÷'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euro", '€'),
    ("ge", '≥'),
    ("gt", '>'),
    ("harr", '↔'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("le", '≤'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("para", '¶'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sect", '§'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("yen", '¥'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_table_is_sorted() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0), "ENTITIES must be sorted for binary search");
    }

    #[test]
    fn page_to_text() {
        let page = "<html><head><title>會議 &amp; 部署</title><style>p{}</style></head>\n<body><nav><a href=x>首頁</a></nav>\n<div class=\"c\"><p>第一段,<b>要</b>落實。</p>\n<p>第二段&ldquo;零遺漏&rdquo;</p><script>var a='<p>';</script><br/>尾</div></body></html>";
        let h = to_text(page);
        assert_eq!(h.text, "第一段,要落實。\n第二段“零遺漏”\n尾\n");
        assert_eq!(h.title.as_ref().map(|t| t.0.as_str()), Some("會議 & 部署"));
        let r = h.title.unwrap().1;
        assert_eq!(&page[r], "會議 &amp; 部署");
    }

    #[test]
    fn line_breaks_between_han_vanish() {
        assert_eq!(to_text("<p>要切實\n  做好</p>").text, "要切實做好\n");
        assert_eq!(to_text("<p>要<b>切實</b>\n做好</p>").text, "要切實做好\n");
    }

    #[test]
    fn inline_whitespace_collapses() {
        let h = to_text("<p>a\n   b <i>c</i>  d</p>");
        assert_eq!(h.text, "a b c d\n");
    }
}
