//! Moves page furniture out of the body: breadcrumbs, dateline/source/visit
//! lines, photo captions, bylines standing alone, image file names and page
//! controls (`字号`, `打印`, `关闭窗口`…). What they say is kept (as
//! [`super::FurnitureKind`]) for the metadata extractor.
//!
//! Only short lines without a full stop are candidates, so body prose never
//! leaves; the markers are data (`src/lexicon/boilerplate.txt`).

use super::offset_map::{Layer, Rewriter};
use super::FurnitureKind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;

pub const BOILERPLATE: &str = include_str!("../lexicon/boilerplate.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Home,
    Label,
    Chrome,
    Photo,
    Byline,
}

struct Markers {
    ac: Option<AhoCorasick>,
    kinds: Vec<Marker>,
}

impl Markers {
    fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = aho_corasick::Match> + 'h {
        self.ac.iter().flat_map(move |ac| ac.find_iter(hay))
    }
}

fn markers() -> &'static Markers {
    static M: OnceLock<Markers> = OnceLock::new();
    M.get_or_init(|| {
        let mut pats = Vec::new();
        let mut kinds = Vec::new();
        for rec in crate::lexicon::records(BOILERPLATE) {
            let (Some(&m), Some(&k)) = (rec.first(), rec.get(1)) else { continue };
            let kind = match k {
                "home" => Marker::Home,
                "label" => Marker::Label,
                "chrome" => Marker::Chrome,
                "photo" => Marker::Photo,
                "byline" => Marker::Byline,
                _ => continue,
            };
            pats.push(m);
            kinds.push(kind);
        }
        // A DFA: every short line is searched, and the default
        // (a contiguous NFA for this many patterns) steps about twice as
        // slowly over these lines.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .ok();
        Markers { ac, kinds }
    })
}

/// A piece of furniture found in the pass input.
#[derive(Clone, Debug)]
pub struct Found {
    pub kind: FurnitureKind,
    /// What was removed (line and its break), in the pass input.
    pub removed: Range<usize>,
    /// The furniture's own text, in the pass input.
    pub text: Range<usize>,
}

/// Longest line (in chars) that may be furniture.
const MAX_LINE: usize = 150;

/// Removes the furniture lines of `src`, given its lines as
/// [`super::line_spans`] splits them: the new text (`None`: unchanged), its
/// layer and what was found.
pub(crate) fn remove_lines(src: &str, lines: &[super::LineSpan]) -> (Option<String>, Layer, Vec<Found>) {
    let mut w = Rewriter::new(src);
    let mut found = Vec::new();
    for &super::LineSpan { start, end, nl, ref text } in lines {
        let text = text.clone();
        let trimmed = &src[text.clone()];
        if let Some(kind) = classify(trimmed) {
            let removed = match nl {
                Some(nl) => start..nl + 1,
                // The last line: take the break before it, unless already taken.
                None if start > 0 && w.pos() < start => start - 1..end,
                None => start..end,
            };
            w.delete(removed.clone());
            found.push(Found { kind, removed, text });
        } else if let Some(by) = trailing_byline(trimmed) {
            let by = text.start + by.start..text.start + by.end;
            // Take the spaces before the bracket too.
            let cut = start + src[start..by.start].trim_end().len();
            w.delete(cut..by.end);
            found.push(Found { kind: FurnitureKind::Byline, removed: cut..by.end, text: by });
        }
    }
    let (text, layer) = w.finish_changed();
    (text, layer, found)
}

/// What a (trimmed) line is, if it is furniture.
pub fn classify(line: &str) -> Option<FurnitureKind> {
    if line.is_empty() {
        return None;
    }
    // Body prose leaves here, before anything is counted: a line of more
    // than four bytes per allowed character is too long for any count.
    if line.len() > 4 * MAX_LINE || has_full_stop(line) {
        return None;
    }
    let n = line.chars().count();
    if n > MAX_LINE {
        return None;
    }
    // Every word an image name (none when the line is blank): each holds a
    // dot.
    let images = if memchr::memchr(b'.', line.as_bytes()).is_some() {
        line.split_whitespace().all(is_image_name)
    } else {
        line.trim().is_empty()
    };
    if images {
        return Some(FurnitureKind::Image);
    }
    let m = markers();
    let mut covered = 0usize; // bytes covered by chrome markers
    let mut long_chrome = false;
    let (mut labels, mut label_colon) = (0usize, false);
    let mut first_home = None;
    let mut photo_end = false;
    let mut photo_start = false;
    let mut byline_start = false;
    let mut other = false;
    for mat in m.find_iter(line) {
        let kind = m.kinds[mat.pattern().as_usize()];
        let s = &line[mat.start()..mat.end()];
        let after = line[mat.end()..].trim_start();
        let before = line[..mat.start()].trim_end();
        match kind {
            Marker::Chrome => {
                covered += mat.end() - mat.start();
                long_chrome |= s.chars().count() >= 2;
            }
            Marker::Home => {
                if first_home.is_none() && mat.start() == 0 {
                    first_home = Some(mat.end());
                }
                other = true;
            }
            Marker::Label => {
                labels += 1;
                label_colon |= s.ends_with([':', '：']) || after.starts_with([':', '：']);
                other = true;
            }
            Marker::Photo => {
                photo_end |= after.is_empty() || after.starts_with([')', '）']);
                photo_start |= before.is_empty() && (s.starts_with('图') || s.starts_with('圖'));
                other = true;
            }
            Marker::Byline => {
                byline_start |= before.is_empty() || before == "(" || before == "（" || before == "【";
                other = true;
            }
        }
    }
    if !other && long_chrome {
        let blank: usize = line.chars().filter(|c| c.is_whitespace()).map(char::len_utf8).sum();
        if covered + blank == line.len() {
            return Some(FurnitureKind::Chrome);
        }
    }
    if line.starts_with("上一篇") || line.starts_with("下一篇") || line.starts_with("上一條") || line.starts_with("下一條") || line.starts_with("上一条") || line.starts_with("下一条") {
        return Some(FurnitureKind::Chrome);
    }
    // Separators matter with a leading home marker or on a line of 60
    // characters at most.
    let seps = if first_home.is_some() || n <= 60 {
        separators(line)
    } else {
        0
    };
    if (first_home.is_some() && (seps >= 1 || n <= 8)) || (seps >= 2 && n <= 60 && !line.contains(['，', ','])) {
        return Some(FurnitureKind::Breadcrumb);
    }
    if n <= 100 && (labels >= 2 || labels == 1 && (label_colon || has_date(line))) {
        return Some(FurnitureKind::Dateline);
    }
    if n <= 40 && (photo_end || photo_start) {
        return Some(FurnitureKind::Caption);
    }
    if n <= 30 && byline_start && !line.contains([',', '，']) {
        return Some(FurnitureKind::Byline);
    }
    None
}

/// Whether a line holds `。` (most prose lines end with it). Searched for
/// by its lead byte E3 (CJK marks, kana, and the Han characters of
/// U+3400..U+3FFF), far rarer in Chinese text than its last byte, which
/// the common Han characters end with too; all three bytes are compared.
fn has_full_stop(line: &str) -> bool {
    let b = line.as_bytes();
    line.ends_with('。') || memchr::memchr_iter(0xE3, b).any(|p| b.get(p + 1..p + 3) == Some(&[0x80, 0x82]))
}

/// How many of `>` `＞` `›` `»` `→` a line holds, counted over its bytes:
/// `>`, EF BC 9E, E2 80 BA, C2 BB, E2 86 92 (each begins with a byte that
/// only ever leads a character). Han characters (lead bytes E4–E9) are
/// stepped over whole.
fn separators(line: &str) -> usize {
    let b = line.as_bytes();
    let (mut n, mut i) = (0, 0);
    while let Some(&c) = b.get(i) {
        if c.wrapping_sub(0xE4) < 6 {
            i += 3;
            continue;
        }
        n += match c {
            b'>' => true,
            0xC2 => b.get(i + 1) == Some(&0xBB),
            0xE2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0xBA] | [0x86, 0x92])),
            0xEF => matches!(b.get(i + 1..i + 3), Some([0xBC, 0x9E])),
            _ => false,
        } as usize;
        i += 1;
    }
    n
}

fn is_image_name(tok: &str) -> bool {
    let b = tok.as_bytes();
    [".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"]
        .iter()
        .any(|e| b.len() > e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()))
}

/// `2020-02-05`, `2020/2/5`, `2020年2月5日`, `2020.02.05`.
fn has_date(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i + 4 < b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = &line[i + 4..];
            if rest.starts_with(['-', '/', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                || rest.starts_with('年')
            {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// A bracketed byline closing a paragraph: `…參加。(福建日報記者 周琳)`,
/// `…需求。(王志超 潘焱艷)`. Returns its range within `line`.
fn trailing_byline(line: &str) -> Option<Range<usize>> {
    let close = line.chars().next_back()?;
    if close != ')' && close != '）' {
        return None;
    }
    let inner_end = line.len() - close.len_utf8();
    let open = line[..inner_end].rfind(['(', '（'])?;
    let open_len = if line[open..].starts_with('(') { 1 } else { 3 };
    let inner = line[open + open_len..inner_end].trim();
    let before = line[..open].trim_end();
    if before.is_empty() || !before.ends_with(['。', '！', '？', '”', '」', '!']) {
        return None;
    }
    let n = inner.chars().count();
    if n == 0 || n > 30 || inner.contains(['，', ',', '。', '、', ';', '；', ':', '：']) {
        return None;
    }
    let m = markers();
    let marked = m.find_iter(inner).any(|mat| matches!(m.kinds[mat.pattern().as_usize()], Marker::Byline | Marker::Photo));
    let names = inner.split_whitespace().collect::<Vec<_>>();
    let all_names = names.len() >= 2
        && names.iter().all(|t| (2..=4).contains(&t.chars().count()) && t.chars().all(super::tables::is_han));
    (marked || all_names).then_some(open..line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_furniture() {
        use FurnitureKind::*;
        let cases = [
            ("首頁 > 新聞中心 > 陳倉要聞 |", Some(Breadcrumb)),
            ("当前位置：首页 > 要闻", Some(Breadcrumb)),
            ("加入時間:2020-02-05 09:58 訪問量:3203 信息來源: 珠江商報", Some(Dateline)),
            ("发布时间：2021-08-06", Some(Dateline)),
            ("會議現場 記者 張毅 攝影", Some(Caption)),
            ("記者 彭華", Some(Byline)),
            ("微信图片_20200205095801.jpg", Some(Image)),
            ("【字号 大 中 小】【打印】【关闭窗口】", Some(Chrome)),
            ("点击查看全文", Some(Chrome)),
            ("回首页", Some(Chrome)),
            ("會議聽取了領導小組有關工作組關於疫情防控工作推進情況的匯報。", None),
            ("全區上下以問題導向將防疫工作做實做細", None),
            ("疫情來源於境外", None),
            ("中", None),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), want, "{line}");
        }
    }

    #[test]
    fn separators_and_full_stops_are_found_in_the_bytes() {
        for line in ["首頁 > 新聞中心 > 陳倉要聞 |", "甲＞乙›丙»丁→戊", "›»→＞>", "無", "", "ä»›", "會議。", "。會議", "會議「」", "→\u{3002}"] {
            let want = line.chars().filter(|c| matches!(c, '>' | '＞' | '›' | '»' | '→')).count();
            assert_eq!(separators(line), want, "{line}");
            assert_eq!(has_full_stop(line), line.contains('。'), "{line}");
        }
    }

    #[test]
    fn trailing_bylines() {
        let l = "滿足群眾用藥需求。(王志超 潘焱艷)";
        assert_eq!(&l[trailing_byline(l).unwrap()], "(王志超 潘焱艷)");
        let l = "林鐘樂參加。(福建日報記者 周琳)";
        assert_eq!(&l[trailing_byline(l).unwrap()], "(福建日報記者 周琳)");
        assert!(trailing_byline("引導來(返)雅人員").is_none());
        assert!(trailing_byline("要求。(一)").is_none());
    }
}
