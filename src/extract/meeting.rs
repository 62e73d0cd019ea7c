//! Meetings: the sentences that report one being held, its name, and the
//! body that held it.

use super::date::{date_prefix_len, dates_in, DateExpr};
use super::hits::Kind;
use super::text::{is_break, is_han, Ctx};
use crate::model::Level;
use crate::segment::Segments;
use crate::span::CleanSpan;

/// A sentence reporting a meeting.
#[derive(Clone, Debug)]
pub struct Head {
    /// Paragraph and sentence index of the sentence.
    pub para: usize,
    pub sentence: usize,
    /// The sentence.
    pub span: CleanSpan,
    pub name: CleanSpan,
    /// The clause before the verb: who held it.
    pub subject: CleanSpan,
    pub date: Option<DateExpr>,
    /// Reported from a sub-venue (`在X分會場出席`).
    pub subvenue: bool,
}

/// Words before a meeting verb in its clause that show the meeting is only
/// passed on, planned or arranged, not held (`傳達…會議精神`, `將於…召開`,
/// `對…舉辦推介會作了安排`).
const NOT_HELD: &[&str] =
    &["传达", "学习贯彻", "贯彻落实", "将于", "将在", "拟于", "拟在", "计划于", "准备于", "即将", "定于"];

/// True when `s` holds a word of [`NOT_HELD`] (as `text::has_any`): one
/// walk over the characters, comparing only where a word's first character
/// stands (the clause before a verb is short, and one search per word cost
/// more than the walk).
fn not_held(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        matches!(c, '传' | '学' | '贯' | '将' | '拟' | '计' | '准' | '即' | '定')
            && NOT_HELD.iter().any(|w| s[i..].starts_with(w))
    })
}

/// A finder of `分会场`, built once: memchr's pair search skips most of a
/// sentence, where the word's last byte matches all over Han text.
fn sub_venue() -> &'static memchr::memmem::Finder<'static> {
    static F: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new("分会场"))
}

/// Characters that cannot stand inside a meeting's name.
fn name_stop(c: char) -> bool {
    is_break(c) || matches!(c, '“' | '”')
}

/// The end of a meeting kind matched up to `e`: `…會` followed by `議` goes on
/// to it (`總結會議`, where the longest kind starting at 總 is 總結會).
fn kind_end(ctx: &Ctx, e: usize) -> usize {
    if ctx.simp[..e].ends_with('会') && ctx.starts(e, "议") {
        e + "议".len()
    } else {
        e
    }
}

/// Where a short quoted abbreviation or slogan inside a meeting's name ends
/// (`“兩委”` in `村“兩委”擴大會議`, `“不忘初心、牢記使命”主題教育總結會議`): an
/// opening quote at `q`, one to twelve Han characters, digits or `、`, the
/// closing quote, and the name going on in Han text.
fn quoted_in_name(ctx: &Ctx, q: usize, limit: usize) -> Option<usize> {
    let open = ctx.char_at(q)?;
    let close = match open {
        '“' => '”',
        '"' => '"',
        '「' => '」',
        '‘' => '’',
        _ => return None,
    };
    let inner_start = q + open.len_utf8();
    let window = ctx.simp.get(inner_start..limit.min(ctx.fwd(inner_start, 13)))?;
    let i = window.find(close)?;
    let inner = &window[..i];
    if inner.is_empty() || !inner.chars().all(|c| is_han(c) || c.is_ascii_digit() || matches!(c, '、' | '·')) {
        return None;
    }
    let e = inner_start + i + close.len_utf8();
    ctx.char_at(e).filter(|&c| is_han(c)).map(|_| e)
}

/// Finds the meeting reported in a sentence, if any. `sub_venues`: whether
/// the text holds `分会场` at all (else no sentence of it is looked at for one).
pub fn head_in(ctx: &Ctx, para: usize, sentence: usize, span: CleanSpan, sub_venues: bool) -> Option<Head> {
    let s = ctx.s(span);
    // `會議還對…舉辦推介會作了安排`: the meeting told of is the subject, any
    // other meeting in the sentence is only arranged.
    if s.starts_with("会议") || s.starts_with("会上") {
        return None;
    }
    for m in ctx.hits.find_iter(Kind::MeetingVerbs, span) {
        let (vs, ve) = (m.start, m.end);
        // The clause the verb stands in: back to the last clause break (a
        // stop) before it.
        let cs = ctx
            .stops_in(CleanSpan::new(span.start, vs))
            .iter()
            .rev()
            .find(|t| matches!(t.c, ',' | '\u{FF0C}' | '。' | ';' | '\u{FF1B}' | ':' | '\u{FF1A}'))
            .map_or(span.start, |t| t.pos + t.c.len_utf8());
        let before = &ctx.simp[cs..vs];
        if not_held(before) {
            continue;
        }
        // `各地要在會後三天內召開專題會議`: an order to hold a meeting, not one held.
        if super::directive::instructs(ctx, CleanSpan::new(cs, vs)) && !ctx.simp[cs..vs].contains("主持") {
            continue;
        }
        // Name after the verb: the longest stretch ending in a meeting kind.
        let mut p = ve;
        if ctx.starts(p, "了") {
            p += "了".len();
        }
        if ctx.starts(p, "的") {
            p += "的".len();
        }
        // The stretch a name can take: up to a character that cannot stand
        // in one (a short bracketed qualifier such as `(擴大)` can).
        let mut q = p;
        let stops = ctx.stops_in(CleanSpan::new(p, span.end));
        let mut k = 0;
        while q < span.end {
            // Characters of U+4000..U+9FFF (no stops) all go on the name:
            // on to the next stop.
            while stops.get(k).is_some_and(|t| t.pos < q) {
                k += 1;
            }
            let Some(&super::text::Stop { pos, c }) = stops.get(k) else {
                q = span.end;
                break;
            };
            q = pos;
            if matches!(c, '(' | '\u{FF08}') {
                let window = &ctx.simp[q..span.end.min(ctx.fwd(q, 8))];
                if let Some(i) = window.find([')', '\u{FF09}']) {
                    let inner = &window[c.len_utf8()..i];
                    if !inner.is_empty() && inner.chars().all(is_han) {
                        let close = window[i..].chars().next().map(char::len_utf8).unwrap_or(1);
                        q += i + close;
                        continue;
                    }
                }
            }
            // A short quoted abbreviation inside the name (`村“兩委”擴大會議`).
            if let Some(e) = quoted_in_name(ctx, q, span.end) {
                q = e;
                continue;
            }
            if name_stop(c) {
                break;
            }
            q += c.len_utf8();
        }
        // The name ends at the last meeting kind in that stretch that no name
        // character follows, or where the name goes on (`…會議暨…會議`).
        let mut name_end = None;
        for m in ctx.hits.find_iter(Kind::MeetingKinds, CleanSpan::new(p, q)) {
            let e = kind_end(ctx, m.end);
            let next = ctx.char_at(e);
            if next.is_none_or(|c| name_stop(c) || !is_han(c)) || ctx.starts(e, "并") || ctx.starts(e, "和") {
                name_end = Some(e);
            }
        }
        // `…,並主持召開`: the subject was left out; the clause holds only a
        // linking word, which is no body.
        let cs_subject = if ctx.lex.elided_subjects.contains(&&ctx.simp[cs..vs]) { vs } else { cs };
        let (name, subject) = match name_end {
            Some(e) if !ctx.starts(e, "精神") => (CleanSpan::new(p, e), CleanSpan::new(cs_subject, vs)),
            // A verb as broad as `開展` reports a meeting only with its name after it.
            _ if ctx.lex.meeting_verb_name_after[m.pattern] => continue,
            _ => {
                // `全省視頻會議召開`, `…會議在X舉行`: the name before the verb.
                // None here: a later verb in the sentence may still report one.
                let Some(last) = ctx.hits.find_iter(Kind::MeetingKinds, CleanSpan::new(cs, vs)).last() else {
                    continue;
                };
                let e = kind_end(ctx, last.end).min(vs);
                let st = date_prefix_len(ctx, cs, e).unwrap_or(cs);
                (CleanSpan::new(st, e), CleanSpan::new(cs, cs))
            }
        };
        if name.is_empty() || ctx.chars(name) > 60 {
            continue;
        }
        // A press conference or a ceremony is no meeting.
        let name_simp = ctx.s(name);
        if ctx.lex.not_meeting_kinds.iter().any(|k| name_simp.ends_with(k)) {
            continue;
        }
        // The date: the last date expression before the verb in the sentence,
        // not a wire dateline (`2月21日訊`).
        let date = dates_in(ctx, CleanSpan::new(span.start, vs))
            .into_iter().rfind(|d| !ctx.starts(d.span.end, "讯") && !ctx.starts(d.span.end, "电"));
        return Some(Head { para, sentence, span, name, subject, date, subvenue: false });
    }
    // A meeting attended at a sub-venue: `在市分会场出席全国…会议`.
    if sub_venues && sub_venue().find(s.as_bytes()).is_some() {
        let mut q = span.start;
        let mut best: Option<(usize, usize)> = None;
        while q < span.end {
            if let Some((_, e)) = ctx.hits.at(Kind::MeetingKinds, q).filter(|&(_, e)| !ctx.starts(e, "场")) {
                // Start after the last verb or break before it.
                let mut st = q;
                while st > span.start {
                    let c = ctx.char_before(st)?;
                    if name_stop(c) {
                        break;
                    }
                    st -= c.len_utf8();
                    let w = &ctx.simp[st..q];
                    if w.starts_with("出席") || w.starts_with("参加") || w.starts_with("收听收看") || w.starts_with("收看") {
                        st += if w.starts_with("收听收看") { "收听收看".len() } else { "出席".len() };
                        break;
                    }
                }
                if !ctx.simp[st..e].contains("分会场") {
                    best = Some((st, e));
                }
                q = e;
                continue;
            }
            q = ctx.fwd(q, 1);
        }
        let (st, e) = best?;
        if ctx.hits.at(Kind::MeetingKinds, st).is_some_and(|(_, end)| end == e) {
            return None; // just `會議`: the meeting named before
        }
        let date = dates_in(ctx, span).into_iter().next();
        return Some(Head {
            para,
            sentence,
            span,
            name: CleanSpan::new(st, e),
            subject: CleanSpan::new(st, st),
            date,
            subvenue: true,
        });
    }
    None
}

/// How many earlier heads a new one's name is compared with, part for part.
const MAX_NAME_LOOKBACK: usize = 256;

/// Every meeting head in the body, skipping a headline paragraph.
pub fn heads(ctx: &Ctx, segs: &Segments, skip_para: Option<usize>) -> Vec<Head> {
    let mut out: Vec<Head> = Vec::new();
    // Names seen so far, for the duplicate checks below to stay linear.
    let mut names: super::text::FastMap<&str, Vec<usize>> = super::text::FastMap::default();
    // One search of the whole text instead of one per sentence.
    let sub_venues = sub_venue().find(ctx.simp.as_bytes()).is_some();
    for (pi, p) in segs.paragraphs.iter().enumerate() {
        if Some(pi) == skip_para {
            continue;
        }
        for (si, s) in p.sentences.iter().enumerate() {
            if let Some(mut h) = head_in(ctx, pi, si, s.span, sub_venues) {
                // `會後,各村隨即召開…。其中,大橋村召開…`: a paragraph that opens
                // by following on follows on throughout.
                let para_follows = si > 0 && p.sentences.first().is_some_and(|f| follows_on(ctx, f.span));
                if h.date.is_none() && (follows_on(ctx, s.span) || para_follows) {
                    h.date = date_before(ctx, segs, pi, si, skip_para);
                }
                let key = ctx.s(h.name);
                let mut same_name: Vec<usize> = names.get(key).cloned().unwrap_or_default();
                // A dateless mention whose name is part of a dated one's
                // (`第15次常務會議` and `市政府第15次常務會議`) is the same meeting.
                // Only the most recent heads are compared, so a page of
                // thousands of meetings stays linear.
                let recent = out.len().saturating_sub(MAX_NAME_LOOKBACK);
                for (i, o) in out.iter().enumerate().skip(recent) {
                    let on = ctx.s(o.name);
                    if (o.date.is_none() || h.date.is_none()) && on != key && (on.contains(key) || key.contains(on)) {
                        same_name.push(i);
                    }
                }
                // The same meeting told again (a repeated body, a sub-venue
                // sentence after the report of the meeting) is one meeting.
                let same = |o: &Head| o.date.map(|d| d.when) == h.date.map(|d| d.when) || h.subvenue;
                if same_name.iter().any(|&i| out.get(i).is_some_and(same)) {
                    continue;
                }
                // A headline-like line without a date naming the meeting the
                // body then reports with its date: the dated one replaces it.
                if h.date.is_some() {
                    if let Some(&i) = same_name.iter().find(|&&i| out.get(i).is_some_and(|o| o.date.is_none())) {
                        // Rare: drop the earlier one and index the names again.
                        out.remove(i);
                        names.clear();
                        for (j, o) in out.iter().enumerate() {
                            names.entry(ctx.s(o.name)).or_default().push(j);
                        }
                    }
                } else if !same_name.is_empty() {
                    continue;
                }
                names.entry(key).or_default().push(out.len());
                out.push(h);
            }
        }
    }
    out
}

/// Whether a sentence opens by placing itself after the event told before
/// (`隨後,`, `簽約儀式後,`).
fn follows_on(ctx: &Ctx, span: CleanSpan) -> bool {
    let s = ctx.s(span);
    if ctx.lex.sequence_leads.iter().any(|w| s.starts_with(w)) {
        return true;
    }
    // A short first clause ending in 後.
    let first = s.find([',', '\u{FF0C}']).map_or(s, |i| &s[..i]);
    first.chars().count() <= 12 && first.ends_with('后')
}

/// How many paragraphs back a meeting that follows on looks for its date.
const FOLLOW_ON_PARAS: usize = 2;

/// The date of the event told just before sentence `si` of paragraph `pi`:
/// the last date expression in the sentences before it, this paragraph and
/// the ones just before, a headline and a wire dateline excepted. Its time of
/// day is not carried over (the meeting came later).
fn date_before(ctx: &Ctx, segs: &Segments, pi: usize, si: usize, skip_para: Option<usize>) -> Option<DateExpr> {
    for qi in (pi.saturating_sub(FOLLOW_ON_PARAS)..=pi).rev() {
        if Some(qi) == skip_para {
            continue;
        }
        let para = segs.paragraphs.get(qi)?;
        let upto = if qi == pi { si } else { para.sentences.len() };
        for s in para.sentences[..upto.min(para.sentences.len())].iter().rev() {
            let found = dates_in(ctx, s.span)
                .into_iter().rfind(|d| !ctx.starts(d.span.end, "讯") && !ctx.starts(d.span.end, "电"));
            if let Some(d) = found {
                return Some(DateExpr { time_of_day: None, ..d });
            }
        }
    }
    None
}

/// Characters that cannot stand in a place name's stem.
fn stem_stop(c: char) -> bool {
    !is_han(c)
        || matches!(
            c,
            '的' | '在' | '由' | '和' | '与' | '及' | '了' | '是' | '对' | '向' | '经' | '据' | '日' | '月' | '年' | '午' | '晚'
                | '天' | '会' | '委' | '开' | '召' | '并' | '为' | '将' | '把' | '从' | '到' | '于' | '各' | '全' | '我'
                | '本' | '该' | '等'  | '暨' | '议' | '作' | '工' | '部' | '级' | '记' | '书' | '任' | '员'
                | '领' | '导' | '组' | '政' | '府' | '党' | '务' | '副' | '收' | '看' | '听' | '出' | '席'
                | '参' | '加' | '持' | '闻' | '讯' | '报' | '网' 
        )
}

/// The first place name in `span` (`豐澤區`, `福建省`), with its level.
pub fn place_in(ctx: &Ctx, span: CleanSpan) -> Option<(CleanSpan, Level)> {
    for m in ctx.hits.find_iter(Kind::Admin, span) {
        let level = ctx.lex.admin_levels[m.pattern];
        // `青杉社區`: a community, not a district; `依法治縣`: no place at all.
        let upto = &ctx.simp[..m.end];
        if ctx.lex.village_suffixes.iter().any(|v| v.len() > m.end - m.start && upto.ends_with(v))
            || ctx.lex.not_places.iter().any(|w| upto.ends_with(w))
        {
            continue;
        }
        if level == Level::National {
            // A national organ (国务院) is no place: the organ as written is the body.
            continue;
        }
        let mut st = m.start;
        let mut n = 0;
        while st > span.start && n < 6 {
            match ctx.char_before(st) {
                Some(c) if !stem_stop(c) => {
                    st -= c.len_utf8();
                    n += 1;
                }
                _ => break,
            }
        }
        if n < 2 {
            continue;
        }
        let place = CleanSpan::new(st, m.end);
        if ctx.lex.generic_places.contains(ctx.s(place)) {
            continue;
        }
        return Some((place, level));
    }
    None
}

/// A village or community that ends `subject` (`柳塘村`, `石橋鎮柳塘村`,
/// `青杉社區`): a stem of two to six characters, after the subject's start or
/// a place suffix, and a village ending. Such a body has no level.
pub fn village_in(ctx: &Ctx, subject: CleanSpan) -> Option<CleanSpan> {
    let s = ctx.s(subject);
    let suffix = ctx.lex.village_suffixes.iter().filter(|v| s.ends_with(*v)).max_by_key(|v| v.len())?;
    let suffix_start = subject.end - suffix.len();
    let mut st = suffix_start;
    let mut n = 0;
    while st > subject.start && n < 6 {
        let Some(c) = ctx.char_before(st) else { break };
        // A place suffix (`鎮`, `街道`) ending here ends the stem.
        let suffix_here = (1..=3).any(|k| {
            let a = ctx.back(st, k);
            a < st && ctx.hits.at(Kind::Admin, a).is_some_and(|(_, e)| e == st)
        });
        if stem_stop(c) || suffix_here {
            break;
        }
        st -= c.len_utf8();
        n += 1;
    }
    // The stem must fill the subject back to its start, a date or a place.
    let rest = super::date::date_prefix_len(ctx, subject.start, st).unwrap_or(subject.start);
    let before_ok = st == rest
        || ctx.char_before(st).is_some_and(|c| !is_han(c))
        || place_in(ctx, CleanSpan::new(rest, st)).is_some_and(|(p, _)| p.end == st);
    (n >= 2 && before_ok).then(|| CleanSpan::new(st, subject.end))
}

/// The level a word written without a place implies: `區委書記`, `全區…會議`,
/// `市委應對…領導小組`, `縣疫情防控指揮部`.
pub fn level_hint(ctx: &Ctx, span: CleanSpan) -> Option<Level> {
    let s = ctx.s(span);
    for pre in ["全", "我", "本", ""] {
        if let Some(rest) = s.strip_prefix(pre) {
            let first: String = rest.chars().take(1).collect();
            let level = match first.as_str() {
                "省" => Level::Province,
                "市" => Level::City,
                "区" => Level::District,
                "县" => Level::County,
                "镇" | "乡" => Level::Township,
                _ => continue,
            };
            return Some(level);
        }
    }
    if s.contains("国务院") || s.starts_with("中央") || s.starts_with("党中央") || s.starts_with("全国") {
        return Some(Level::National);
    }
    None
}

/// The suffix a place of `level` ends in.
pub fn level_suffix(level: Level) -> &'static str {
    match level {
        Level::National => "",
        Level::Province => "省",
        Level::City => "市",
        Level::District => "區",
        Level::County => "縣",
        Level::Township => "鎮",
    }
}

/// The organ a meeting's name carries (`省委財經委員會會議` → `省委財經委員會`,
/// `區委全面深化改革委員會第三次會議` → `區委全面深化改革委員會`), when it names
/// a level.
pub fn organ_in_name(ctx: &Ctx, name: CleanSpan) -> Option<CleanSpan> {
    // Strip the meeting kind at the end.
    let mut end = None;
    let mut q = name.start;
    while q < name.end {
        if let Some((_, e)) = ctx.hits.at(Kind::MeetingKinds, q) {
            if e == name.end {
                end = Some(q);
                break;
            }
        }
        q = ctx.fwd(q, 1);
    }
    let mut end = end?;
    // And a session number (`第三次`), and a bracketed qualifier.
    let head = &ctx.simp[name.start..end];
    if let Some(i) = head.rfind('第') {
        if head[i..].ends_with('次') || head[i..].ends_with("次全体") {
            end = name.start + i;
        }
    }
    let organ = CleanSpan::new(name.start, end);
    let o = ctx.s(organ);
    let level = level_hint(ctx, organ);
    let organ_like = o.contains('委') || o.contains("政府") || level == Some(Level::National);
    (o.chars().count() >= 3 && level.is_some() && organ_like).then_some(organ)
}

/// The organ as written in the subject: the subject without a leading date
/// and without people (`市委應對新冠肺炎疫情工作領導小組`, `福建省委、省政府`).
pub fn organ_in(ctx: &Ctx, subject: CleanSpan) -> Option<CleanSpan> {
    let st = date_prefix_len(ctx, subject.start, subject.end).unwrap_or(subject.start);
    let span = crate::segment::trim(ctx.text, CleanSpan::new(st, subject.end));
    let s = ctx.s(span);
    if span.is_empty() || s.chars().count() > 40 {
        return None;
    }
    // Only the first of several organs (`省委、省政府`).
    let end = s.find('、').map(|i| span.start + i).unwrap_or(span.end);
    Some(CleanSpan::new(span.start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `not_held` answers as `has_any` with the words, every word's first
    /// character among those it compares at.
    #[test]
    fn not_held_answers_as_has_any() {
        let all = NOT_HELD.join("x");
        let probes = ["", "将", "传达", "学习", "学习贯彻", "计划于明天", "即将召开", "决定于", "x准备于", "拟", all.as_str()];
        for t in probes {
            for (i, _) in t.char_indices() {
                assert_eq!(not_held(&t[i..]), super::super::text::has_any(&t[i..], NOT_HELD), "{}", &t[i..]);
            }
        }
        for w in NOT_HELD {
            assert!(not_held(w), "{w}");
        }
    }
}
