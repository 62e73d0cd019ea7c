//! Document metadata: headline, outlet, publication time, reporters.

use super::date::{date_at, published_in};
use super::hits::Kind;
use super::lex::match_at;
use super::text::{is_han, Ctx};
use crate::clean::{Furniture, FurnitureKind, OffsetMap};
use crate::segment::Segments;
use crate::span::{CleanSpan, Span};
use chrono::NaiveDate;

#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: Option<(String, Span)>,
    /// The paragraph index of the headline, which is not body text.
    pub title_para: Option<usize>,
    pub outlet: Option<(String, Span)>,
    pub published: Option<(String, Span)>,
    pub published_date: Option<NaiveDate>,
    pub reporters: Vec<(String, Span)>,
    /// Spans of the cleaned text that are bylines, not prose (`(王志超 潘焱艷)`).
    pub bylines: Vec<CleanSpan>,
    /// Place names the page gives for itself (breadcrumb, site name), without suffix.
    pub page_places: Vec<String>,
    /// Places with their level named in the headline or the page furniture
    /// (`來源:峪溪縣人民政府`), in the original script.
    pub page_named: Vec<(String, crate::model::Level)>,
}

/// A piece of text to read metadata from, with a way back to the original.
struct Piece<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// Where the piece's offset 0 stands in the original, when offsets
    /// inside the piece equal offsets in the original (None: use `whole`).
    base: Option<usize>,
    whole: Span,
    /// Body pieces: spans map through the document's offset map.
    body: bool,
}

impl Piece<'_, '_> {
    fn orig(&self, s: CleanSpan) -> Span {
        if self.body {
            return self.ctx.orig(s);
        }
        match self.base {
            Some(b) => Span::new(b + s.start, b + s.end),
            None => self.whole,
        }
    }
}

/// The longest line read as a bare dateline (site name, date, page controls).
const DATELINE_CHARS: usize = 40;

const OUTLET_KEYS: &[&str] = &["信息来源", "新闻来源", "稿件来源", "文章来源", "来源", "出处"];

/// True when `s` holds an outlet key: every key holds 来源 or is 出处, so
/// two searches answer for all six.
fn has_outlet_key(s: &str) -> bool {
    let f = finders();
    f.outlet.iter().any(|k| k.find(s.as_bytes()).is_some())
}

/// Words that mark a line as carrying a publication date.
const DATE_LABELS: [&str; 5] = ["时间", "日期", "发布", "发表", "来源"];

/// Substring finders for the words looked for in every line read for
/// metadata, built once: memchr's pair search skips most of a line of Han
/// text, where the last byte of a character matches all over.
struct Finders {
    outlet: [memchr::memmem::Finder<'static>; 2],
    dated: [memchr::memmem::Finder<'static>; DATE_LABELS.len()],
    ju: memchr::memmem::Finder<'static>,
}

fn finders() -> &'static Finders {
    static F: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    F.get_or_init(|| Finders {
        outlet: ["来源", "出处"].map(memchr::memmem::Finder::new),
        dated: DATE_LABELS.map(memchr::memmem::Finder::new),
        ju: memchr::memmem::Finder::new("据"),
    })
}
const PAGE_SECTION_SUFFIXES: &[&str] = &["要闻", "新闻", "动态", "资讯", "头条", "快讯", "政务", "之窗", "在线"];

pub fn extract(
    ctx: &Ctx,
    segs: &Segments,
    furniture: &[Furniture],
    html_title: Option<&(String, Span)>,
) -> Meta {
    let mut meta = Meta::default();
    let empty = OffsetMap::new();
    let furniture_ctx: Vec<Ctx> = furniture.iter().map(|f| Ctx::new(&f.text, &empty)).collect();
    let pieces: Vec<Piece> = furniture
        .iter()
        .zip(&furniture_ctx)
        .map(|(f, c)| {
            let base = (f.text.len() == f.span.len()).then_some(f.span.start);
            Piece { ctx: c, base, whole: f.span, body: false }
        })
        .collect();
    let body_piece = Piece { ctx, base: None, whole: Span::default(), body: true };

    // Headline: a first line without a sentence end, followed by more text.
    if let Some(p) = segs.paragraphs.first() {
        let s = ctx.s(p.span);
        // The cheap tests first. A line of more than 360 bytes holds more
        // than 90 characters; the sentence ends are all stops of the text.
        let headline = segs.paragraphs.len() > 1
            && s.len() <= 4 * 90
            && (6..=90).contains(&s.chars().count())
            && !ctx.stops_in(p.span).iter().any(|t| matches!(t.c, '。' | '!' | '?' | '\u{FF01}' | '\u{FF1F}'))
            && date_at(ctx, p.span.start).is_none();
        if headline {
            meta.title = Some((ctx.raw(p.span).to_owned(), ctx.orig(p.span)));
            meta.title_para = Some(0);
        }
    }
    if meta.title.is_none() {
        if let Some((t, s)) = html_title {
            if !t.trim().is_empty() {
                meta.title = Some((t.trim().to_owned(), *s));
            }
        }
    }

    // Body pieces to read bylines and datelines from: the first two and the last two paragraphs.
    let n = segs.paragraphs.len();
    let body_idx: Vec<usize> =
        (0..n).filter(|&i| i < 4 || i + 2 >= n || at_most_chars(ctx, segs.paragraphs[i].span, 40)).collect();
    // Whether each of those holds an outlet key (asked twice below).
    let body_key: Vec<bool> = body_idx.iter().map(|&i| has_outlet_key(ctx.s(segs.paragraphs[i].span))).collect();

    // Publication time: furniture datelines first, then body lines that carry one.
    for piece in &pieces {
        if !may_hold_full_date(&piece.ctx.simp) {
            continue;
        }
        if let Some((iso, date, span)) = published_in(piece.ctx, CleanSpan::new(0, piece.ctx.text.len())) {
            meta.published = Some((iso, piece.orig(span)));
            meta.published_date = Some(date);
            break;
        }
    }
    if meta.published.is_none() {
        for &i in &body_idx {
            let p = segs.paragraphs[i].span;
            let s = ctx.s(p);
            // A labelled line, or a short dateline near the top with no
            // sentence in it (`雁丘區人民政府　2023年05月17日　【字體:大 中 小】`).
            let dateline = i < 3
                && Some(i) != meta.title_para
                && ctx.chars(p) <= DATELINE_CHARS
                && !s.contains(['。', '!', '?', '\u{FF01}', '\u{FF1F}'])
                && !ctx.hits.any_in(Kind::MeetingVerbs, p);
            // A full date holds 年 or one of `-/.` (the date there tried only then).
            if may_hold_full_date(s) && (dateline || finders().dated.iter().any(|k| k.find(s.as_bytes()).is_some())) {
                if let Some((iso, date, span)) = published_in(ctx, p) {
                    meta.published = Some((iso, ctx.orig(span)));
                    meta.published_date = Some(date);
                    break;
                }
            }
        }
    }

    // Outlet: a 来源 line; else the wire dateline `X 2月21日讯`; else `据X报道`.
    let all: Vec<(&Piece, CleanSpan)> = pieces
        .iter()
        .map(|p| (p, CleanSpan::new(0, p.ctx.text.len())))
        .chain(body_idx.iter().map(|&i| (&body_piece, segs.paragraphs[i].span)))
        .collect();
    'outlet: for (k, (piece, span)) in all.iter().enumerate() {
        let s = piece.ctx.s(*span);
        let key = match k.checked_sub(pieces.len()) {
            Some(b) => body_key[b],
            None => has_outlet_key(s),
        };
        if !key {
            continue;
        }
        for key in OUTLET_KEYS {
            if let Some(i) = super::text::find_str(s, key) {
                let mut st = span.start + i + key.len();
                st = piece.ctx.skip(st, span.end, |c| matches!(c, ':' | '\u{FF1A}' | ' ' | '\u{3000}'));
                let en = piece.ctx.skip(st, span.end, |c| !c.is_whitespace() && !matches!(c, '|' | ',' | '\u{FF0C}'));
                if en > st {
                    let o = CleanSpan::new(st, en);
                    meta.outlet = Some((piece.ctx.raw(o).to_owned(), piece.orig(o)));
                    break 'outlet;
                }
            }
        }
    }
    if meta.outlet.is_none() {
        for (piece, span) in &all {
            if let Some(o) = wire_outlet(piece.ctx, *span) {
                meta.outlet = Some((piece.ctx.raw(o).to_owned(), piece.orig(o)));
                break;
            }
        }
    }
    if meta.outlet.is_none() {
        'ju: for (piece, span) in &all {
            let s = piece.ctx.s(*span);
            if let Some(i) = finders().ju.find(s.as_bytes()) {
                let st = span.start + i + '据'.len_utf8();
                if let Some(j) = piece.ctx.simp[st..span.end].find("报道") {
                    let o = CleanSpan::new(st, st + j);
                    let len = piece.ctx.chars(o);
                    if (2..=12).contains(&len) {
                        meta.outlet = Some((piece.ctx.raw(o).to_owned(), piece.orig(o)));
                        break 'ju;
                    }
                }
            }
        }
    }

    // Reporters: names after 记者/通讯员/作者, and trailing bracketed bylines.
    for (piece, span) in &all {
        bylines_in(piece, *span, &mut meta.reporters);
    }
    // A byline line of bare names (`(王志超 潘焱艷)`) taken out by the cleaner.
    for (f, piece) in furniture.iter().zip(&pieces) {
        if f.kind != FurnitureKind::Byline {
            continue;
        }
        let c = piece.ctx;
        let whole = CleanSpan::new(0, c.text.len());
        let inner = trailing_bracket(c, whole).map(|(inner, _)| inner).unwrap_or(whole);
        for nspan in name_tokens(c, crate::segment::trim(c.text, inner)) {
            push_reporter(&mut meta.reporters, c.raw(nspan), piece.orig(nspan));
        }
    }
    for (k, p) in segs.paragraphs.iter().enumerate() {
        if k + 3 < n {
            continue;
        }
        if let Some((inner, whole)) = trailing_bracket(ctx, p.span) {
            let names = name_tokens(ctx, inner);
            let has_role = match_role(ctx, inner);
            if !names.is_empty() || has_role {
                bylines_in(&body_piece, inner, &mut meta.reporters);
                for nspan in names {
                    push_reporter(&mut meta.reporters, ctx.raw(nspan), ctx.orig(nspan));
                }
                meta.bylines.push(whole);
            }
        }
    }

    // Places the headline and the furniture name.
    if let Some(i) = meta.title_para {
        let p = segs.paragraphs[i].span;
        places_in(ctx, p, &mut meta.page_named);
    }
    for c in &furniture_ctx {
        places_in(c, CleanSpan::new(0, c.text.len()), &mut meta.page_named);
    }
    for (&i, &key) in body_idx.iter().zip(&body_key) {
        if key {
            places_in(ctx, segs.paragraphs[i].span, &mut meta.page_named);
        }
    }

    // The page's own place: breadcrumb sections (`陳倉要聞` → 陳倉).
    for (f, c) in furniture.iter().zip(&furniture_ctx) {
        if f.kind == FurnitureKind::Breadcrumb || f.kind == FurnitureKind::Chrome {
            // (The line's Simplified form, made with its context.)
            let simp = c.simp.as_str();
            for seg in simp.split(['>', '|', '»', '/', '>', '›']) {
                let seg = seg.trim();
                for suf in PAGE_SECTION_SUFFIXES {
                    if let Some(stem) = seg.strip_suffix(suf) {
                        let n = stem.chars().count();
                        if (2..=4).contains(&n) && stem.chars().all(is_han) && !stem.contains("新闻") {
                            meta.page_places.push(stem.to_owned());
                        }
                    }
                }
            }
        }
    }
    meta
}

/// False when `s` holds no full date (as [`published_in`] reads one): such
/// a date holds 年 or its numbers are separated by `-`, `/` or `.`.
fn may_hold_full_date(s: &str) -> bool {
    super::text::has(s, "年") || memchr::memchr3(b'-', b'/', b'.', s.as_bytes()).is_some()
}

/// `ctx.chars(span) <= n`, answered from the byte length when it settles it
/// (a character takes one to four bytes).
fn at_most_chars(ctx: &Ctx, span: CleanSpan, n: usize) -> bool {
    match ctx.simp.get(span.start..span.end) {
        Some(s) => s.len() <= n || s.len() <= 4 * n && s.chars().count() <= n,
        // `ctx.chars` counts no characters there.
        None => true,
    }
}

fn places_in(ctx: &Ctx, span: CleanSpan, out: &mut Vec<(String, crate::model::Level)>) {
    let mut from = span.start;
    while from < span.end {
        let Some((place, level)) = super::meeting::place_in(ctx, CleanSpan::new(from, span.end)) else { break };
        let name = ctx.raw(place).to_owned();
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, level));
        }
        from = place.end;
    }
}

/// `臺海網2月21日訊`: the outlet named before a dateline ending in 讯/电.
fn wire_outlet(ctx: &Ctx, span: CleanSpan) -> Option<CleanSpan> {
    let s = ctx.s(span);
    let idx = super::text::find_str(s, "日讯").or_else(|| super::text::find_str(s, "日电"))?;
    // Walk back over the date to its start.
    let mut st = span.start;
    let end_of_date = span.start + idx;
    let mut p = span.start;
    while p < end_of_date {
        if let Some(d) = date_at(ctx, p) {
            if d.span.end == end_of_date + '日'.len_utf8() {
                st = p;
                break;
            }
        }
        p = ctx.fwd(p, 1);
    }
    if st == span.start {
        return None;
    }
    let o = crate::segment::trim(ctx.text, CleanSpan::new(span.start, st));
    let name = ctx.s(o);
    if o.is_empty() || name.starts_with("本") || ctx.chars(o) > 12 {
        return None;
    }
    Some(o)
}

fn match_role(ctx: &Ctx, span: CleanSpan) -> bool {
    let mut p = span.start;
    while p < span.end {
        if ctx.hits.at(Kind::ReporterRoles, p).is_some() {
            return true;
        }
        p = ctx.fwd(p, 1);
    }
    false
}

/// Names after reporter roles in `span`.
fn bylines_in(piece: &Piece<'_, '_>, span: CleanSpan, out: &mut Vec<(String, Span)>) {
    let ctx = piece.ctx;
    for m in ctx.hits.find_iter(Kind::ReporterRoles, span) {
        if !ctx.lex.reporter_is_person[m.pattern] {
            continue;
        }
        let st = ctx.skip(m.end, span.end, |c| matches!(c, ':' | '\u{FF1A}' | ' ' | '\u{3000}'));
        // Up to three names separated by spaces or 、.
        let mut q = st;
        for _ in 0..3 {
            let en = ctx.skip(q, span.end, is_han);
            let len = ctx.chars(CleanSpan::new(q, en));
            if !(2..=4).contains(&len)
                || match_at(&ctx.lex.surnames, &ctx.simp, q).is_none()
                || ctx.hits.at(Kind::ReporterRoles, q).is_some()
            {
                break;
            }
            let name = CleanSpan::new(q, en);
            push_reporter(out, ctx.raw(name), piece.orig(name));
            q = ctx.skip(en, span.end, |c| matches!(c, ' ' | '\u{3000}' | '、'));
            if q >= span.end || ctx.hits.at(Kind::ReporterRoles, q).is_some() {
                break;
            }
        }
    }
}

fn push_reporter(out: &mut Vec<(String, Span)>, name: &str, span: Span) {
    if !out.iter().any(|(n, _)| crate::script::same(n, name)) {
        out.push((name.to_owned(), span));
    }
}

/// A bracketed group closing a paragraph: `(王志超 潘焱艷)`. Returns the
/// inside and the whole group.
fn trailing_bracket(ctx: &Ctx, para: CleanSpan) -> Option<(CleanSpan, CleanSpan)> {
    let s = ctx.s(para);
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || c == '。');
    let close = t.chars().next_back()?;
    if !matches!(close, ')' | '\u{FF09}') {
        return None;
    }
    let open_at = t.rfind(['(', '\u{FF08}'])?;
    let open_len = t[open_at..].chars().next()?.len_utf8();
    let inner = CleanSpan::new(para.start + open_at + open_len, para.start + t.len() - close.len_utf8());
    let whole = CleanSpan::new(para.start + open_at, para.start + t.len());
    let n = ctx.chars(inner);
    (2..=30).contains(&n).then_some((inner, whole))
}

/// Space- or 、-separated personal names filling `span` entirely.
fn name_tokens(ctx: &Ctx, span: CleanSpan) -> Vec<CleanSpan> {
    let mut out = Vec::new();
    let mut p = span.start;
    while p < span.end {
        p = ctx.skip(p, span.end, |c| matches!(c, ' ' | '\u{3000}' | '、'));
        if p >= span.end {
            break;
        }
        let e = ctx.skip(p, span.end, is_han);
        let len = ctx.chars(CleanSpan::new(p, e));
        if e == p || !(2..=4).contains(&len) || match_at(&ctx.lex.surnames, &ctx.simp, p).is_none() {
            return Vec::new();
        }
        out.push(CleanSpan::new(p, e));
        p = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every full date `published_in` reads holds what `may_hold_full_date`
    /// looks for.
    #[test]
    fn a_full_date_may_be_held() {
        let texts = [
            "2020-02-05 09:58", "2020/2/5", "2020.02.05", "２０２０-２-５", "二〇二〇-二-五", "2020年2月5日", "二〇二一年三月八日",
            "２０２３年５月１７日", "发布时间:2023年05月17日", "2月5日", "昨日", "本月15日", "2020年2月", "1948-02-05", "x2023-5-17y",
            // Forms without 年 and without an ASCII separator: full-width
            // separators, none at all, spaces, Traditional 年 forms.
            "２０２０／２／５", "2020－02－05", "2020．02．05", "20200205", "2020 2 5", "2020 年2月5日", "發佈時間：2023年5月17日",
            "2020·02·05", "2020_02_05", "2020、2、5", "2020。2。5",
        ];
        let map = OffsetMap::new();
        for t in texts {
            let ctx = Ctx::new(t, &map);
            for st in 0..t.len() {
                for en in st..=t.len() {
                    let span = CleanSpan::new(st, en);
                    let Some(s) = ctx.simp.get(st..en) else { continue };
                    if published_in(&ctx, span).is_some() {
                        assert!(may_hold_full_date(s), "{s}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_outlet_key_test_agrees_with_the_key_list() {
        for s in ["信息来源:本网", "出处:市政府网", "来源", "发布时间:2023年", "", "来"] {
            assert_eq!(has_outlet_key(s), super::super::text::has_any(s, OUTLET_KEYS), "{s}");
        }
        assert!(OUTLET_KEYS.iter().all(|k| has_outlet_key(k)));
        let f = finders();
        for s in ["发布时间:2023年", "日期", "据新华社报道", "", "来", "x发表y", "源"] {
            let dated = f.dated.iter().any(|k| k.find(s.as_bytes()).is_some());
            assert_eq!(dated, super::super::text::has_any(s, &DATE_LABELS), "{s}");
            assert_eq!(f.ju.find(s.as_bytes()), s.find('据'), "{s}");
        }
    }
}
