//! Text helpers for display: script conversion, search matching and the
//! splitting of text into highlighted pieces.
//!
//! Highlighting never builds markup from text: it splits a string into byte
//! ranges, and the components render each piece as a text node (inside a
//! `<mark>` or a `<span>`). Spans from the model are UTF-8 byte offsets into
//! the document's source; they are used here as such, and the DOM only ever
//! receives whole strings.

use super::convert;
use crate::model::WarningKind;
use crate::span::Span;
use std::ops::Range;

/// The script the page shows report text in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Script {
    /// As written in the report.
    #[default]
    Original,
    Simplified,
    Traditional,
}

impl Script {
    pub const ALL: [Script; 3] = [Script::Original, Script::Simplified, Script::Traditional];

    /// The code used in the URL hash.
    pub fn code(self) -> &'static str {
        match self {
            Script::Original => "orig",
            Script::Simplified => "s",
            Script::Traditional => "t",
        }
    }

    pub fn from_code(s: &str) -> Option<Script> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// `text` in this script.
    pub fn apply(self, text: &str) -> String {
        match self {
            Script::Original => text.to_owned(),
            Script::Simplified => convert::to_simplified(text),
            Script::Traditional => convert::to_traditional(text),
        }
    }
}

/// `x` rounded to a whole number, as text (`{x:.0}` without the float
/// formatter, which the page's wasm then need not carry).
pub fn whole(x: f64) -> String {
    let n = if x.is_finite() { x.round() as i64 } else { 0 };
    n.to_string()
}

/// `x` with one decimal (`2.4`), without the float formatter.
pub fn one_decimal(x: f64) -> String {
    let tenths = if x.is_finite() { (x * 10.0).round() as i64 } else { 0 };
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// The CSS class of a warning's kind (`kind-` and the kind's name in lower
/// case), spelled out so the page carries no Unicode case tables.
pub fn warning_class(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::Encoding => "kind-encoding",
        WarningKind::Html => "kind-html",
        WarningKind::Pinyin => "kind-pinyin",
        WarningKind::Mojibake => "kind-mojibake",
        WarningKind::Unrecoverable => "kind-unrecoverable",
        WarningKind::Punctuation => "kind-punctuation",
        WarningKind::Boilerplate => "kind-boilerplate",
        WarningKind::Duplicate => "kind-duplicate",
        WarningKind::Truncated => "kind-truncated",
        WarningKind::DateInferred => "kind-dateinferred",
        WarningKind::ListCount => "kind-listcount",
        WarningKind::Doubt => "kind-doubt",
    }
}

/// The form text is searched in: Simplified (char for char, so character
/// positions are kept) and lower case for Latin letters.
pub fn normalize(text: &str) -> Vec<char> {
    text.chars().map(|c| convert::simplified_char(c).to_ascii_lowercase()).collect()
}

/// The byte ranges of `text` where the query (already [`normalize`]d) occurs,
/// non-overlapping, in order. Matching is done on the normalised form, so a
/// Simplified query finds Traditional text and the other way round.
pub fn find_matches(text: &str, query: &[char]) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let norm = normalize(text);
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    if norm.len() + 1 != offsets.len() {
        // Conversion changed the character count (it never should): no highlight.
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + query.len() <= norm.len() {
        if norm[i..i + query.len()] == *query {
            out.push(offsets[i]..offsets[i + query.len()]);
            i += query.len();
        } else {
            i += 1;
        }
    }
    out
}

/// True when `text` contains the normalised query.
pub fn matches(text: &str, query: &[char]) -> bool {
    !query.is_empty() && !find_matches(text, query).is_empty()
}

/// A piece of text and whether it is highlighted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub marked: bool,
}

/// `text` cut at `ranges` (sorted, non-overlapping byte ranges on character
/// boundaries): the pieces in order, the ranges marked.
pub fn pieces<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        let (start, end) = (r.start.max(at).min(text.len()), r.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if at < start {
            out.push(Piece { text: &text[at..start], marked: false });
        }
        out.push(Piece { text: &text[start..end], marked: true });
        at = end;
    }
    if at < text.len() {
        out.push(Piece { text: &text[at..], marked: false });
    }
    out
}

/// What a stretch of the source pane is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Inside the span being shown (the selected directive or field).
    pub active: bool,
    /// Inside a span the cleaner repaired (pinyin, mojibake, punctuation…).
    pub repaired: bool,
    /// Inside the passage of the meeting being shown.
    pub passage: bool,
}

/// A stretch of the source with uniform marks: a byte range into the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub marks: Marks,
    /// The index into `repairs` of the repair covering this stretch, if any.
    pub repair: Option<usize>,
}

/// Cuts `source` at the boundaries of the active span, the meeting passage
/// and every repair span. Spans out of bounds or off character boundaries
/// are clamped and snapped so every segment is valid text.
pub fn source_segments(source: &str, active: Option<Span>, passage: Option<Span>, repairs: &[Span]) -> Vec<Segment> {
    let snap = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut cuts = vec![0, source.len()];
    for s in active.iter().chain(passage.iter()).chain(repairs.iter()) {
        cuts.push(snap(s.start));
        cuts.push(snap(s.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |s: Option<Span>, a: usize, b: usize| s.is_some_and(|s| snap(s.start) <= a && b <= snap(s.end));
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            // The narrowest repair covering the stretch says most about it.
            let repair = repairs
                .iter()
                .enumerate()
                .filter(|(_, r)| snap(r.start) <= a && b <= snap(r.end) && r.start < r.end)
                .min_by_key(|(_, r)| r.len())
                .map(|(i, _)| i);
            Segment {
                range: a..b,
                marks: Marks {
                    active: inside(active, a, b) && active.is_some_and(|s| s.start < s.end),
                    repaired: repair.is_some(),
                    passage: inside(passage, a, b),
                },
                repair,
            }
        })
        .collect()
}

/// The number in a list's name (`十個不放松` → 10, `四個專項行動` → 4,
/// `兩個維護` → 2, `12項措施` → 12), if it starts with one.
pub fn list_count(name: &str) -> Option<usize> {
    let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).or(match c {
        '兩' | '两' => Some(2),
        _ => None,
    });
    let chars: Vec<char> = name.chars().take_while(|&c| digit(c).is_some() || c == '十').collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [u] => digit(*u),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_convert() {
        assert_eq!(Script::Simplified.apply("會議強調"), "会议强调");
        assert_eq!(Script::Traditional.apply("会议强调"), "會議強調");
        assert_eq!(Script::Original.apply("會议"), "會议");
        for s in Script::ALL {
            assert_eq!(Script::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn numbers_format_as_the_float_formatter_would() {
        // Ties (1.25) round away from zero here, to even there: not compared.
        for x in [0.0, 0.04, 0.06, 1.26, 2.449, 2.45001, 12.0, 99.96, 1234.5678, -0.5, -3.24159] {
            assert_eq!(one_decimal(x).parse::<f64>().unwrap(), format!("{x:.1}").parse::<f64>().unwrap(), "{x}");
        }
        assert_eq!(one_decimal(2.4), "2.4");
        assert_eq!(one_decimal(1.25), "1.3");
        assert_eq!(one_decimal(0.0), "0.0");
        assert_eq!(one_decimal(-1.26), "-1.3");
        assert_eq!(one_decimal(f64::NAN), "0.0");
        assert_eq!(whole(1234.4), "1234");
        assert_eq!(whole(1234.6), "1235");
        assert_eq!(whole(0.0), "0");
        assert_eq!(whole(f64::INFINITY), "0");
    }

    #[test]
    fn warning_classes_are_the_kind_names_in_lower_case() {
        use WarningKind::*;
        let all = [
            Encoding, Html, Pinyin, Mojibake, Unrecoverable, Punctuation, Boilerplate, Duplicate, Truncated,
            DateInferred, ListCount, Doubt,
        ];
        for k in all {
            assert_eq!(warning_class(k), format!("kind-{k:?}").to_lowercase());
        }
    }

    #[test]
    fn search_finds_either_script_and_keeps_byte_ranges() {
        let text = "要加快疫苗接種,疫苗要足";
        let q = normalize("疫苗");
        let found = find_matches(text, &q);
        assert_eq!(found.len(), 2);
        for r in &found {
            assert_eq!(&text[r.clone()], "疫苗");
        }
        let q = normalize("接种");
        assert_eq!(find_matches(text, &q).iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["接種"]);
        assert!(find_matches(text, &[]).is_empty());
        assert!(matches("ABC 會議", &normalize("abc")));
    }

    #[test]
    fn pieces_cover_the_text_in_order() {
        let text = "一二三四五";
        let p = pieces(text, &[3..6, 9..12]);
        assert_eq!(p.iter().map(|p| p.text).collect::<String>(), text);
        assert_eq!(p.iter().filter(|p| p.marked).map(|p| p.text).collect::<Vec<_>>(), ["二", "四"]);
        // Off-boundary and out-of-range ranges are skipped, never panicking.
        let p = pieces(text, &[1..2, 12..99]);
        assert_eq!(p.iter().map(|p| p.text).collect::<String>(), text);
    }

    #[test]
    fn source_segments_mark_active_passage_and_repairs() {
        let src = "甲乙丙丁戊己";
        let segs = source_segments(src, Some(Span::new(3, 6)), Some(Span::new(0, 12)), &[Span::new(10, 14)]);
        assert_eq!(segs.iter().map(|s| &src[s.range.clone()]).collect::<String>(), src);
        let active: Vec<&str> = segs.iter().filter(|s| s.marks.active).map(|s| &src[s.range.clone()]).collect();
        assert_eq!(active, ["乙"]);
        // The repair 10..14 snaps to 9..12 (丁), off-boundary ends moved back.
        let repaired: Vec<&str> = segs.iter().filter(|s| s.marks.repaired).map(|s| &src[s.range.clone()]).collect();
        assert_eq!(repaired, ["丁"]);
        assert!(segs.iter().filter(|s| s.marks.passage).all(|s| s.range.end <= 12));
        assert!(source_segments("", Some(Span::new(5, 9)), None, &[]).is_empty());
    }

    #[test]
    fn list_counts_from_names() {
        assert_eq!(list_count("十個不放松"), Some(10));
        assert_eq!(list_count("四個專項行動"), Some(4));
        assert_eq!(list_count("兩個維護"), Some(2));
        assert_eq!(list_count("十二項措施"), Some(12));
        assert_eq!(list_count("二十條"), Some(20));
        assert_eq!(list_count("12項措施"), Some(12));
        assert_eq!(list_count("零遗漏"), Some(0));
        assert_eq!(list_count("不放松"), None);
    }
}
