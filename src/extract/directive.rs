//! Directives: who instructed what, and how the instructions nest.
//!
//! A meeting's passage is read sentence by sentence. A sentence that opens
//! with a speaker and a speech verb (`李酌在講話中指出,`, `會議強調,`,
//! `他要求,`) sets the speaker; the rest of it, and the sentences after it,
//! are the speaker's units. A unit instructs when it turns on the modal 要 or
//! a trigger word; then it is a directive. On top of these units:
//! enumerations (`一是…二是…`) become items, headlines (`疫情形勢要精準把握。`)
//! head the sentences that elaborate them, and named lists (`“十個不放松”:`)
//! head their members.

use super::hits::Kind;
use super::lex::match_at;
use super::people::{name_at, Mention, Role};
use super::text::{cp3, has, is_colon, is_comma, is_han, last_bytes, Ctx};
use crate::model::DirectiveKind;
use crate::segment::{phrases, trim, Segments};
use crate::span::CleanSpan;
use std::rc::Rc;

/// A directive before its spans are mapped to the original.
#[derive(Clone, Debug)]
pub struct Raw {
    /// The speaker's label, shared by all the directives of one lead.
    pub speaker: Rc<str>,
    pub kind: DirectiveKind,
    pub span: CleanSpan,
    pub marker: Option<CleanSpan>,
    pub list_name: Option<CleanSpan>,
    /// The count the name gives and the members found (both `u32`: the
    /// struct stays under 128 bytes, which a move copies inline rather than
    /// through a call to `memcpy`).
    pub list_count: Option<(u32, u32)>,
    pub truncated: bool,
    pub items: Vec<Raw>,
}

const _: () = assert!(std::mem::size_of::<Raw>() <= 128, "a Raw is moved often: kept small enough to copy inline");

/// Who speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// The meeting itself, as written (`會議`).
    Meeting(String),
    /// A person, by name as written.
    Person(String),
}

impl Speaker {
    pub fn label(&self) -> &str {
        match self {
            Speaker::Meeting(s) | Speaker::Person(s) => s,
        }
    }
}

/// A stretch of a passage: a sentence, less its speaker lead.
#[derive(Clone, Debug)]
struct Unit {
    para: usize,
    span: CleanSpan,
    /// The index in `ctx.stops` of the first stop at or after the start (as
    /// first cut, which is also the start of `first`).
    stop: usize,
    /// The first clause ([`phrases_first`]).
    first: CleanSpan,
    /// The label of the speaker set by the last lead (shared, not copied per unit).
    speaker: Option<Rc<str>>,
    /// The first unit after a speaker lead in its paragraph.
    after_lead: bool,
    terminated: bool,
    /// Ends in `;`: the next unit continues the same sentence.
    semicolon: bool,
    directive: bool,
    /// Taken by an enumeration or a list.
    consumed: bool,
    /// Its stops (as first cut) hold a `“` and a colon, which a named list's
    /// announcement needs ([`list_announcement`]).
    may_list: bool,
}

/// The directives of one passage and the people who spoke in it.
pub struct Found {
    pub directives: Vec<Raw>,
    /// People set as speakers by a lead, in order, with the span of the name
    /// (or pronoun) that named them.
    pub speakers: Vec<(String, CleanSpan)>,
}

/// A passage: from (paragraph, sentence) to (paragraph, sentence), exclusive.
#[derive(Clone, Copy, Debug)]
pub struct Passage {
    pub from: (usize, usize),
    pub to: (usize, usize),
}

impl Passage {
    fn contains(&self, p: usize, s: usize) -> bool {
        (p, s) >= self.from && (p, s) < self.to
    }
}

const NARRATIVE_STARTS: &[&str] = &[
    "会议听取", "会议审议", "会议传达", "会议研究", "会议通报", "会议观看", "会议宣读", "会议学习", "会议通过", "会议讨论",
    "会上", "会前", "据了解", "据介绍", "据悉", "记者了解到", "记者从",
];

/// Openers of a look back (`今年以来,…`): such a sentence reports what was
/// done, even with 坚持 or 加强 in it, unless it also says 要/必须.
const RETROSPECTIVE: &[&str] = &[
    "今年以来", "去年以来", "近年来", "近期以来", "过去一年", "一年来", "三年来", "五年来", "多年来", "以来", "上半年", "前三季度",
    "一季度", "前一阶段", "前期", "过去",
];

/// The low six bits of the third bytes of `words`, as a set (every bit
/// when a word is shorter): a text of three bytes or more whose third byte
/// is not in it starts with none of them.
const fn third_bytes(words: &[&str]) -> u64 {
    let mut set = 0u64;
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes();
        set |= if b.len() >= 3 { 1 << (b[2] & 63) } else { u64::MAX };
        i += 1;
    }
    set
}

/// True when `s` starts with one of `words`, whose third bytes are
/// `thirds` ([`third_bytes`]): a third byte outside it rules all out at
/// once, and otherwise the first three bytes (a character of Han text) are
/// compared before the whole word.
fn starts_with_any(b: &[u8], words: &[&str], thirds: u64) -> bool {
    if b.len() >= 3 && thirds & (1 << (b[2] & 63)) == 0 {
        return false;
    }
    match b.first_chunk::<3>() {
        Some(head) => words.iter().any(|w| match w.as_bytes().first_chunk::<3>() {
            Some(wh) => wh == head && b.starts_with(w.as_bytes()),
            None => b.starts_with(w.as_bytes()),
        }),
        None => words.iter().any(|w| b.starts_with(w.as_bytes())),
    }
}

/// True when `s` ends with one of `words`, whose last bytes are `lasts`
/// ([`last_bytes`]): a last byte outside it rules all out at once, and
/// otherwise the last byte is compared before the whole word.
fn ends_with_any(s: &str, words: &[&str], lasts: u64) -> bool {
    ends_with_any_bytes(s.as_bytes(), words, lasts)
}

/// [`ends_with_any`] over bytes.
fn ends_with_any_bytes(s: &[u8], words: &[&str], lasts: u64) -> bool {
    let Some(&last) = s.last() else { return words.iter().any(|w| w.is_empty()) };
    if lasts & (1 << (last & 63)) == 0 {
        return false;
    }
    // The last byte and the fourth from the end (in Han text, the last of
    // the character before) are compared before the whole word.
    words.iter().any(|w| {
        let w = w.as_bytes();
        match w.last() {
            Some(&wl) => {
                wl == last
                    && w.len() <= s.len()
                    && (w.len() < 4 || w[w.len() - 4] == s[s.len() - 4])
                    && s.ends_with(w)
            }
            None => true,
        }
    })
}

/// `s` less one `tail` (a three-byte character) at its end, if it ends so.
fn strip_tail<'a>(s: &'a [u8], tail: &str) -> &'a [u8] {
    let Some(&t) = tail.as_bytes().first_chunk::<3>() else { return s };
    match s.split_last_chunk::<3>() {
        Some((rest, last)) if *last == t => rest,
        _ => s,
    }
}

/// `s` less its trailing characters that are not alphanumeric
/// (`str::trim_end_matches(|c| !alnum(c))`): a character of
/// U+4E00..U+9FEF, read off its three bytes, ends the walk at once.
fn trim_end_non_alnum(s: &str) -> &str {
    let mut t = s;
    loop {
        if let Some(&[l @ 0xE4..=0xE9, x, y]) = t.as_bytes().last_chunk::<3>() {
            if (0x4E00..=0x9FEF).contains(&cp3(l, x, y)) {
                return t;
            }
        }
        match t.chars().next_back() {
            Some(c) if !super::text::alnum(c) => t = &t[..t.len() - c.len_utf8()],
            _ => return t,
        }
    }
}

/// Endings of an attendance line.
const NARRATIVE_ENDS: &[&str] = &["参加。", "出席。", "参加会议。", "出席会议。", "列席会议。", "主持。", "参加会议", "出席会议"];

/// True when a unit (Simplified) tells what was done rather than instructs:
/// `會議聽取…`, an attendance line (`…參加會議。`), thanks.
fn is_narrative(s: &str) -> bool {
    narrative_with(s, |s| has(s, "致以"))
}

/// [`is_narrative`] of a span inside the stretch of `words`, whose
/// positions of `致以` answer for the span.
fn is_narrative_in(ctx: &Ctx, span: CleanSpan, words: &Words) -> bool {
    narrative_with(ctx.s(span), |_| words.has_zhiyi(span))
}

fn narrative_with(s: &str, zhiyi: impl Fn(&str) -> bool) -> bool {
    starts_with_any(s.as_bytes(), NARRATIVE_STARTS, const { third_bytes(NARRATIVE_STARTS) })
        || ends_with_any(s, NARRATIVE_ENDS, const { last_bytes(NARRATIVE_ENDS) })
        || zhiyi(s) && (has(s, "感谢") || has(s, "敬意"))
}

/// Where a word that most units are searched for occurs in a passage's
/// stretch of text, found in one pass over it rather than by a search per
/// unit (which on short units costs more to start than to run). (The modal
/// 要, frequent, is still searched per unit: its search ends at the first.)
struct Words {
    /// Starts of `致以`.
    zhiyi: Vec<usize>,
}

impl Words {
    fn new(ctx: &Ctx, from: usize, to: usize) -> Self {
        use memchr::memmem::Finder;
        // A finder built once: its prefilter skips most of the text, where
        // a search by one byte stops at every character that shares the
        // word's last byte.
        static FINDER: std::sync::OnceLock<Finder<'static>> = std::sync::OnceLock::new();
        let hay = ctx.simp.as_bytes().get(from..to).unwrap_or_default();
        let zhiyi = FINDER.get_or_init(|| Finder::new("致以")).find_iter(hay).map(|i| from + i).collect();
        Self { zhiyi }
    }

    /// True when `致以` lies inside `span` (within the stretch).
    fn has_zhiyi(&self, span: CleanSpan) -> bool {
        let i = self.zhiyi.partition_point(|&p| p < span.start);
        self.zhiyi.get(i).is_some_and(|&p| p + "致以".len() <= span.end)
    }
}

/// True when a unit ending in a colon announces the enumeration after it
/// with a verb of action (`壓實屬地責任,重點抓好以下幾項工作:`), so it heads
/// the items even without a trigger word.
fn is_heading(ctx: &Ctx, span: CleanSpan) -> bool {
    let s = ctx.s(span).trim_end();
    let Some(before) = s.strip_suffix(':').or_else(|| s.strip_suffix('\u{FF1A}')) else { return false };
    // `就做好下一階段工作,他強調:` is a speaker's lead, not a heading.
    !ends_with_any(before, &ctx.lex.speech_verb_words, ctx.lex.speech_verb_lasts) && !is_narrative(s) && super::text::has_any(s, &ctx.lex.heading_verbs)
}

/// True when the modal 要 (not 要求, 重要…) or a trigger word occurs.
pub fn instructs(ctx: &Ctx, span: CleanSpan) -> bool {
    // A trigger counts unless it stands inside a word that does not instruct
    // (`容不得`). Both walks go forward together, so a long unit stays linear.
    let mut not_triggers = ctx.hits.find_iter(Kind::NotTriggers, span).peekable();
    for m in ctx.hits.find_iter(Kind::Triggers, span) {
        while not_triggers.next_if(|n| n.end <= m.start).is_some() {}
        if !not_triggers.peek().is_some_and(|n| n.start <= m.start && m.end <= n.end) {
            return true;
        }
    }
    modal_yao_at(ctx, span).is_some()
}

/// Byte offset (in the text) of the first modal 要: a 要 outside every
/// non-modal compound. The 要s and the compounds (which do not overlap)
/// are both walked left to right, together.
fn modal_yao_at(ctx: &Ctx, span: CleanSpan) -> Option<usize> {
    const YAO: [u8; 3] = *b"\xE8\xA6\x81";
    const _: () = assert!(matches!("要".as_bytes(), b"\xE8\xA6\x81"));
    let s = ctx.s(span).as_bytes();
    if s.len() < 3 {
        return None;
    }
    // Candidates by the last byte.
    let yaos = memchr::memchr_iter(YAO[2], &s[2..]).filter(|&i| s[i..i + 3] == YAO).map(|i| span.start + i);
    modal_yao_of(ctx, span, yaos)
}

/// The first of `yaos` (the starts of the `要`s in `span`, in order) that is
/// modal; the first match ends the search.
fn modal_yao_of(ctx: &Ctx, span: CleanSpan, yaos: impl Iterator<Item = usize>) -> Option<usize> {
    let mut covered = None;
    for at in yaos {
        let it = covered.get_or_insert_with(|| ctx.hits.find_iter(Kind::NotModalYao, span).peekable());
        while it.next_if(|m| m.end <= at).is_some() {}
        if it.peek().is_none_or(|m| m.start > at) {
            return Some(at);
        }
    }
    None
}

/// A speaker lead at the start of `span`: a first clause that names who
/// speaks and ends in a speech verb. Returns the speaker and where the
/// words after the lead begin.
/// For a person, the span of the name (or of the pronoun) comes third.
/// The speaker is borrowed (from the text or `last_person`), and tagged
/// true for a person.
fn lead<'a>(
    ctx: &'a Ctx,
    span: CleanSpan,
    first: CleanSpan,
    mentions: &[Mention],
    last_person: Option<&'a str>,
) -> Option<((&'a str, bool), usize, CleanSpan)> {
    // `first`: the first clause (outside quotes), [`phrases_first`] of `span`.
    let clause = ctx.s(first);
    // It must end in a speech verb (or speech verb + 了/说/道), be at most
    // 70 characters long and not tell of a meeting held; the verb test,
    // which nearly every sentence fails, goes first.
    let head = trim_end_non_alnum(clause).as_bytes();
    let head = strip_tail(strip_tail(strip_tail(head, "了"), "说"), "道");
    if !ends_in_speech_verb(ctx.lex, head)
        || clause.len() > 70 && clause.bytes().filter(|&b| b & 0xC0 != 0x80).count() > 70
        || has(clause, "召开")
    {
        return None;
    }
    let after = skip_punct(ctx, first.end, span.end, |c| is_comma(c) || is_colon(c) || c.is_whitespace());
    if clause.starts_with("会议") || clause.starts_with("会上") {
        let w = CleanSpan::new(first.start, first.start + "会议".len());
        return Some(((ctx.raw(w), false), after, w));
    }
    if clause.starts_with('他') || clause.starts_with('她') {
        let w = CleanSpan::new(first.start, first.start + '他'.len_utf8());
        return last_person.map(|p| ((p, true), after, w));
    }
    // The last person named in the clause.
    // Mentions are sorted by position: the ones inside the clause form a range.
    let lo = mentions.partition_point(|m| m.name.start < first.start);
    let hi = mentions.partition_point(|m| m.name.start < first.end);
    if let Some(m) = mentions[lo..hi].iter().rfind(|m| first.contains(m.name)) {
        return Some(((ctx.raw(m.name), true), after, m.name));
    }
    // `該區區長在主持會議時要求`: the one person named before with that title.
    if let Some((name, reference)) = super::people::anaphor(ctx, first.start, first.end, mentions) {
        return Some(((ctx.raw(name), true), after, reference));
    }
    let e = name_at(ctx, first.start, first.end)?;
    let name = CleanSpan::new(first.start, e);
    Some(((ctx.raw(name), true), after, name))
}

/// `ctx.skip(pos, end, f)` for an `f` false on every character of
/// U+4000..U+9FFF, which ends the walk off its lead byte, undecoded.
fn skip_punct(ctx: &Ctx, mut pos: usize, end: usize, f: impl Fn(char) -> bool) -> usize {
    let b = ctx.simp.as_bytes();
    while pos < end && !b.get(pos).is_some_and(|l| (0xE4..=0xE9).contains(l)) {
        match ctx.char_at(pos) {
            Some(c) if f(c) => pos += c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// True when `s` ends with a speech verb (or lead): the last two bytes
/// are looked up in a table of the words' last two (built once) before
/// [`ends_with_any_bytes`].
fn ends_in_speech_verb(lex: &super::lex::Lexicons, s: &[u8]) -> bool {
    /// For each last byte (low six bits), the set of the bytes before it;
    /// the words grouped by their last three bytes (`None` if a word is
    /// shorter).
    type Ends = ([u64; 64], Option<Vec<([u8; 3], Vec<&'static str>)>>);
    static ENDS: std::sync::OnceLock<Ends> = std::sync::OnceLock::new();
    let (pairs, groups) = ENDS.get_or_init(|| {
        let mut t = [0u64; 64];
        let mut groups: Option<Vec<([u8; 3], Vec<&'static str>)>> = Some(Vec::new());
        for &w in &lex.speech_verb_words {
            match *w.as_bytes() {
                [] => t = [u64::MAX; 64],
                [l] => t[usize::from(l & 63)] = u64::MAX,
                [.., p, l] => t[usize::from(l & 63)] |= 1 << (p & 63),
            }
            match (w.as_bytes().last_chunk::<3>(), groups.as_mut()) {
                (Some(k), Some(g)) => match g.iter_mut().find(|(gk, _)| gk == k) {
                    Some((_, ws)) => ws.push(w),
                    None => g.push((*k, vec![w])),
                },
                _ => groups = None,
            }
        }
        (t, groups)
    });
    if let [.., p, l] = *s {
        if pairs[usize::from(l & 63)] & (1 << (p & 63)) == 0 {
            return false;
        }
    }
    match groups {
        // Every word has three bytes or more: only those ending as `s` does are compared.
        Some(groups) => s.last_chunk::<3>().is_some_and(|k| {
            groups.iter().find(|(gk, _)| gk == k).is_some_and(|(_, ws)| ws.iter().any(|w| s.ends_with(w.as_bytes())))
        }),
        None => ends_with_any_bytes(s, &lex.speech_verb_words, lex.speech_verb_lasts),
    }
}

/// The first clause of `span`, whose first stop is `ctx.stops[stop]`.
fn phrases_first(ctx: &Ctx, span: CleanSpan, stop: usize) -> CleanSpan {
    // Up to the first comma or colon outside quotes (all of them stops, so
    // only the stops are visited).
    let mut depth = 0usize;
    for t in ctx.stops.get(stop..).unwrap_or_default().iter().take_while(|t| t.pos < span.end) {
        match t.c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            c if depth == 0 && (is_comma(c) || is_colon(c)) => return CleanSpan::new(span.start, t.pos),
            _ => {}
        }
    }
    span
}

/// The speaker named alone on a line (`張三:`), if the paragraph is just that.
fn name_line<'a>(ctx: &'a Ctx, para: CleanSpan) -> Option<&'a str> {
    // More than 96 bytes and nothing to trim (`:`, `：`, ` ` all end in
    // one of these bytes): more than 24 characters, none decoded.
    let raw = ctx.s(para);
    if raw.len() > 4 * 24 && !matches!(raw.as_bytes().last(), Some(b':' | b' ' | 0x9A)) {
        return None;
    }
    let s = ctx.s(para).trim_end_matches([':', '\u{FF1A}', ' ']);
    // Counted only as far as the test needs.
    // Past 100 bytes, more than 24 characters; else all counted (by
    // `chars().count()`'s word-at-a-time count).
    let n = if s.len() > 100 { 25 } else { s.chars().count() };
    if !(2..=24).contains(&n) {
        return None;
    }
    // Title words may precede the name: take the name ending the line.
    let end = para.start + s.len();
    for k in [2usize, 3, 4] {
        let st = ctx.back(end, k);
        if name_at(ctx, st, end) == Some(end) {
            let before = ctx.s(CleanSpan::new(para.start, st));
            if before.is_empty() || before.chars().all(is_han) && match_title_end(ctx, st) {
                return Some(ctx.raw(CleanSpan::new(st, end)));
            }
        }
    }
    None
}

fn match_title_end(ctx: &Ctx, at: usize) -> bool {
    ctx.backs::<8>(at).into_iter().any(|st| {
        st < at && ctx.hits.at(Kind::Titles, st).is_some_and(|(_, e)| e == at)
    })
}

/// An enumeration marker at `pos`: (style, number, end). The test of the
/// first character, which nearly every position fails, is inlined.
#[inline(always)]
fn marker_at(ctx: &Ctx, pos: usize) -> Option<(&'static str, u32, usize)> {
    // The character at `pos` read off its bytes when it has one or three,
    // and looked up in the bitmap.
    let b = ctx.simp.as_bytes();
    let cp = match *b.get(pos..)? {
        [x, ..] if x < 0x80 => x as u32,
        [l @ 0xE0..=0xEF, x, y, ..] => cp3(l, x, y),
        _ => u32::MAX,
    };
    let starts = match marker_firsts(ctx.lex).get(cp as usize >> 6) {
        Some(w) => w & (1 << (cp & 63)) != 0,
        None => ctx.lex.starts_marker(ctx.char_at(pos)?),
    };
    if !starts {
        return None;
    }
    marker_match(ctx, pos)
}

/// [`marker_at`] past the test of the first character.
#[inline(never)]
fn marker_match(ctx: &Ctx, pos: usize) -> Option<(&'static str, u32, usize)> {
    let (pat, end) = match_at(&ctx.lex.markers, &ctx.simp, pos)?;
    let info = &ctx.lex.marker_info[pat];
    // `1.` must not be a decimal (`1.5`), `一要` not part of a word such as 一要素.
    if info.style == "dot" && ctx.char_at(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((info.style, info.number, end))
}

/// `Lexicons::starts_marker` over the Basic Multilingual Plane, as a bitmap
/// of code points (built once).
fn marker_firsts(lex: &super::lex::Lexicons) -> &'static [u64; 1024] {
    static MAP: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Box::new([0u64; 1024]);
        for &c in &lex.marker_firsts {
            let cp = c as usize;
            if cp < 0x1_0000 {
                m[cp >> 6] |= 1 << (cp & 63);
            }
        }
        m
    })
}

/// A character after which a clause starts (as does the start of a unit).
fn clause_break(c: char) -> bool {
    matches!(c, '。' | ';' | '\u{FF1B}' | ':' | '\u{FF1A}' | ',' | '\u{FF0C}' | '\n' | ' ' | '”')
}

/// The named list a unit announces: `做到“十個不放松”:` or `要以“四個確保”為目標,…:`.
/// Returns the name (inside the quotes), its count, the shared affix of its
/// members, and the position right after the colon.
fn list_announcement(ctx: &Ctx, span: CleanSpan, stop: usize) -> Option<(CleanSpan, u32, String, usize)> {
    // A list is announced with a colon and a quoted name: without both,
    // none (both are stops, so only the stops are looked at; `stop` is the
    // first).
    let (mut quote, mut colon) = (false, false);
    for t in ctx.stops.get(stop..).unwrap_or_default().iter().take_while(|t| t.pos < span.end) {
        quote |= t.c == '“';
        colon |= is_colon(t.c);
    }
    if !(quote && colon) {
        return None;
    }
    let s = ctx.s(span);
    // The first colon outside quotes.
    let mut depth = 0usize;
    let mut colon = None;
    for (i, c) in s.char_indices() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_colon(c) => {
                colon = Some((i, i + c.len_utf8()));
                break;
            }
            _ => {}
        }
    }
    let (colon_at, colon_end) = colon?;
    // The last quoted `N個X` before the colon.
    let head = &s[..colon_at];
    let mut best = None;
    let mut from = 0;
    while let Some(o) = head[from..].find('“') {
        let open = from + o + '“'.len_utf8();
        let Some(c) = head[open..].find('”') else { break };
        let text = &head[open..open + c];
        if let Some((n, e)) = super::date::number_at(text, 0) {
            if let Some(affix) = ["个", "项", "条", "大", "点", "种"].iter().find_map(|w| text[e..].strip_prefix(w)) {
                if !affix.is_empty() && n >= 2 {
                    best = Some((CleanSpan::new(span.start + open, span.start + open + c), n, affix.to_owned()));
                }
            }
        }
        from = open + c;
    }
    let (name, n, affix) = best?;
    Some((name, n, affix, span.start + colon_end))
}

/// Headline shapes: `疫情形勢要精準把握。` (short, topic + 要), `認識要再深化,進一步…`,
/// and a lead's first sentence of short parallel phrases heading the rest.
fn is_headline(ctx: &Ctx, u: &Unit, more_follow: bool) -> bool {
    let first = u.first;
    let letters_at_most = |s: CleanSpan, cap: usize| letters_at_most(ctx.s(s), cap);
    let topic_yao = |span: CleanSpan| -> bool {
        modal_yao_at(ctx, span).is_some_and(|at| {
            let topic = ctx.s(CleanSpan::new(span.start, at));
            (2..=8).contains(&topic.chars().count()) && topic.chars().all(is_han) && !topic.ends_with('也') && !topic.ends_with('都')
        })
    };
    // A topic of 2 to 8 Han characters (3 or 4 bytes each) puts its 要 at
    // bytes 6 to 32 of the clause: without a 要 there, no `topic_yao`,
    // which this cheaper test goes before.
    let yao_near = |span: CleanSpan| {
        const YAO: &[u8] = "要".as_bytes();
        let b = ctx.simp.as_bytes().get(span.start + 6..span.end.min(span.start + 35)).unwrap_or_default();
        b.len() >= 3 && memchr::memchr_iter(YAO[2], &b[2..]).any(|i| &b[i..i + 3] == YAO)
    };
    // (a) a short sentence of its own: topic 要 predicate.
    if u.terminated && !u.semicolon && first.end >= u.span.end - 3 && yao_near(first) && letters_at_most(u.span, 14) && topic_yao(first) {
        return more_follow;
    }
    // (b) `X要再Y,進一步…` (the rarest condition tested first)
    let rest = skip_punct(ctx, first.end, u.span.end, |c| is_comma(c) || c.is_whitespace());
    if ctx.starts(rest, "进一步") && letters_at_most(first, 8) && topic_yao(first) {
        return true;
    }
    // (c) the first sentence after a lead, opening with short parallel phrases.
    // (`phrases` splits only at a comma or `、`, all stops: a first clause
    // without one is a single phrase, told by its stops alone.)
    let splits = || {
        let stops = ctx.stops.get(u.stop..).unwrap_or_default();
        stops.iter().take_while(|t| t.pos < first.end).any(|t| matches!(t.c, ',' | '\u{FF0C}' | '、'))
    };
    if u.after_lead && more_follow && first.end < u.span.end && splits() && letters_at_most(first, 24) {
        let parts = phrases(ctx.text, first);
        if parts.len() >= 2 && parts.iter().all(|p| letters_at_most(*p, 16)) {
            return true;
        }
    }
    false
}

/// True when `s` has at most `cap` alphanumeric characters (counted only
/// as far as the test needs). A character of U+4E00..U+9FEF (all
/// alphanumeric) is read off its three bytes; any other is decoded.
fn letters_at_most(s: &str, cap: usize) -> bool {
    let b = s.as_bytes();
    if b.len() <= cap {
        return true;
    }
    let (mut n, mut i) = (0, 0);
    while let Some(&l) = b.get(i) {
        let (letter, len) = match b.get(i..i + 3) {
            _ if l < 0x80 => (l.is_ascii_alphanumeric(), 1),
            Some(&[0xE4..=0xE9, x, y]) if (0x4E00..=0x9FEF).contains(&cp3(l, x, y)) => (true, 3),
            _ => match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (super::text::alnum(c), c.len_utf8()),
                None => break,
            },
        };
        n += letter as usize;
        if n > cap {
            return false;
        }
        i += len;
    }
    true
}

/// Extracts the directives of a passage.
pub fn extract(
    ctx: &Ctx,
    segs: &Segments,
    passage: Passage,
    mentions: &[Mention],
    bylines: &[CleanSpan],
    default_speaker: &Speaker,
    chair: Option<&str>,
) -> Found {
    // One unit per sentence at most.
    let sentences: usize = segs
        .paragraphs
        .get(passage.from.0..passage.to.0.saturating_add(1).min(segs.paragraphs.len()))
        .map_or(0, |ps| ps.iter().map(|p| p.sentences.len()).sum());
    let mut units: Vec<Unit> = Vec::with_capacity(sentences);
    let mut speakers: Vec<(String, CleanSpan)> = Vec::new();
    let mut current: Option<Rc<str>> = None;
    let mut last_person: Option<&str> = chair;
    let mut lead_starts: Vec<usize> = Vec::new();
    let mut mi = 0; // mentions before the current sentence
    // The first stop at or after the current sentence (sentences and units
    // are walked in text order, so one cursor serves them all).
    let mut stop = segs.paragraphs.get(passage.from.0).map_or(0, |p| ctx.stops.partition_point(|t| t.pos < p.span.start));
    let advance = |stop: &mut usize, pos: usize| {
        while ctx.stops.get(*stop).is_some_and(|t| t.pos < pos) {
            *stop += 1;
        }
    };
    let passage_limit = match segs.paragraphs.get(passage.to.0) {
        Some(p) => p.sentences.get(passage.to.1).map(|s| s.span.start).unwrap_or(p.span.end),
        None => ctx.text.len(),
    };
    let mut last_lead_at: Option<usize> = None;
    struct Mk {
        unit: usize,
        pos: usize,
        end: usize,
        style: &'static str,
        number: u32,
    }
    let mut marks: Vec<Mk> = Vec::new();

    // Only the passage's paragraphs: a report of thousands of meetings must
    // not walk every paragraph once per meeting.
    let paragraphs = segs.paragraphs.iter().enumerate().take(passage.to.0.saturating_add(1)).skip(passage.from.0);
    for (pi, para) in paragraphs {
        if pi < passage.from.0 || pi > passage.to.0 {
            continue;
        }
        if let Some(name) = name_line(ctx, para.span) {
            if passage.contains(pi, 0) {
                last_person = Some(name);
                current = Some(Rc::from(name));
                speakers.push((name.to_owned(), para.span));
                continue;
            }
        }
        let mut after_lead = false;
        for (si, sent) in para.sentences.iter().enumerate() {
            if !passage.contains(pi, si) {
                continue;
            }
            // A chair or speaker named before this sentence, after the last
            // lead, is who `他`/`她` refers to.
            while mi < mentions.len() && mentions[mi].name.end <= sent.span.start {
                let m = &mentions[mi];
                // The subject of a sentence (`帥小川對…給予肯定。他指出`) counts too.
                // So does a title-led subject (`縣長趙啟明介紹了…。他強調`).
                let lead_start = m.title.filter(|t| t.end == m.name.start).map_or(m.name.start, |t| t.start);
                let subject = m.role != Role::Attendee && ctx.char_before(lead_start).is_none_or(|c| matches!(c, '。' | '\n' | '!' | '?' | ';' | '\u{FF1B}'));
                if (subject || matches!(m.role, Role::Chair | Role::ChairSpeaker | Role::Speaker))
                    && last_lead_at.is_none_or(|l| m.name.start > l)
                {
                    last_person = Some(ctx.raw(m.name));
                }
                mi += 1;
            }
            let mut span = sent.span;
            let mut this_after_lead = false;
            advance(&mut stop, sent.span.start);
            let sent_first = phrases_first(ctx, sent.span, stop);
            if let Some(((label, person), after, name_span)) = lead(ctx, sent.span, sent_first, mentions, last_person) {
                if person {
                    last_person = Some(label);
                    speakers.push((label.to_owned(), name_span));
                    last_lead_at = Some(sent.span.start);
                }
                // The same speaker again keeps the label already made.
                if current.as_deref() != Some(label) {
                    current = Some(Rc::from(label));
                }
                lead_starts.push(sent.span.start);
                span = CleanSpan::new(after, sent.span.end);
                after_lead = true;
                this_after_lead = true;
            }
            // Clip bylines (`(王志超 潘焱艷)`) off the end.
            for b in bylines {
                if span.start <= b.start && b.start < span.end {
                    span = trim(ctx.text, CleanSpan::new(span.start, b.start));
                }
            }
            if span.is_empty() {
                continue;
            }
            advance(&mut stop, span.start);
            // The sentence's first clause serves when the unit is the whole sentence.
            let first = if span == sent.span { sent_first } else { phrases_first(ctx, span, stop) };
            // Enumeration markers at clause starts: the unit's start and the
            // places right after a clause break inside it (breaks are stops,
            // so only those are visited); after a marker the walk resumes at
            // its end. The same walk notes whether a named list may be
            // announced, and ends at the first stop of the next sentence.
            let ui = units.len();
            let mut resume = span.start;
            if let Some((style, number, end)) = marker_at(ctx, span.start) {
                marks.push(Mk { unit: ui, pos: span.start, end, style, number });
                resume = end;
            }
            let (mut quote, mut colon) = (false, false);
            let mut next = stop;
            while let Some(t) = ctx.stops.get(next).filter(|t| t.pos < span.end) {
                quote |= t.c == '“';
                colon |= is_colon(t.c);
                if clause_break(t.c) {
                    let p = t.pos + t.c.len_utf8();
                    if p >= resume && p < span.end {
                        if let Some((style, number, end)) = marker_at(ctx, p) {
                            marks.push(Mk { unit: ui, pos: p, end, style, number });
                            resume = end;
                        }
                    }
                }
                next += 1;
            }
            units.push(Unit {
                para: pi,
                span,
                stop,
                first,
                speaker: current.clone(),
                after_lead: this_after_lead || (after_lead && units.last().is_none_or(|u| u.para != pi)),
                terminated: sent.terminated,
                semicolon: sent.semicolon,
                directive: false,
                consumed: false,
                may_list: quote && colon,
            });
            stop = next;
            after_lead = false;
        }
    }

    // Which units instruct.
    let words = match (units.first(), units.last()) {
        (Some(a), Some(b)) => Words::new(ctx, a.span.start, b.span.end),
        _ => Words { zhiyi: Vec::new() },
    };
    for i in 0..units.len() {
        let u = &units[i];
        let cont = i > 0 && units[i - 1].semicolon && units[i - 1].directive && units[i - 1].para == u.para;
        // The cheap and decisive test first: a unit that does not instruct
        // needs no narrative or look-back test.
        if !(cont || instructs(ctx, u.span)) {
            units[i].directive = false;
            continue;
        }
        let narrative = is_narrative_in(ctx, u.span, &words);
        let looks_back = !narrative && {
            let b = ctx.simp.as_bytes();
            (ends_with_any_bytes(&b[u.first.start..u.first.end], RETROSPECTIVE, const { last_bytes(RETROSPECTIVE) })
                || starts_with_any(&b[u.span.start..u.span.end], RETROSPECTIVE, const { third_bytes(RETROSPECTIVE) }))
                && modal_yao_at(ctx, u.span).is_none()
                && !has(ctx.s(u.span), "必须")
        };
        units[i].directive = !narrative && !looks_back;
    }

    // Mostly one directive per unit.
    let mut out: Vec<Raw> = Vec::with_capacity(units.len());
    let default_label: Rc<str> = Rc::from(default_speaker.label());
    let label = |u: &Unit| u.speaker.clone().unwrap_or_else(|| default_label.clone());

    // Enumerations: markers at clause starts, numbered 1, 2, 3… in one
    // style (`marks`, found as the units are cut).
    let mut sequences: Vec<Vec<usize>> = Vec::new();
    let mut open: Vec<Vec<usize>> = Vec::new();
    for (k, m) in marks.iter().enumerate() {
        if m.number == 1 {
            if let Some(i) = open.iter().position(|s| marks[s[0]].style == m.style) {
                sequences.push(open.remove(i));
            }
            open.push(vec![k]);
        } else if m.number == super::lex::LAST_MARKER {
            // `最後,` closes the open sequence of its style.
            if let Some(i) = open.iter().position(|s| marks[s[0]].style == m.style) {
                let mut seq = open.remove(i);
                seq.push(k);
                sequences.push(seq);
            }
        } else if let Some(seq) = open.iter_mut().find(|s| {
            let last = &marks[*s.last().unwrap_or(&0)];
            last.style == m.style && last.number.saturating_add(1) == m.number
        }) {
            seq.push(k);
        }
    }
    sequences.extend(open);
    sequences.retain(|s| s.len() >= 2);
    sequences.sort_by_key(|s| marks[s[0]].pos);

    // Paragraphs that open with a person named (title first or not), in order.
    let mut person_paras: Vec<usize> = mentions
        .iter()
        .map(|m| m.title.filter(|t| t.end == m.name.start).map_or(m.name.start, |t| t.start))
        .filter(|&at| ctx.char_before(at).is_none_or(|c| c == '\n'))
        .collect();
    person_paras.sort_unstable();
    person_paras.dedup();

    // Items of each enumeration, keyed by the unit of its first marker.
    let mut enum_items: Vec<(usize, usize, Vec<Raw>)> = Vec::new(); // (first unit, first pos, items)
    for seq in &sequences {
        let mut items = Vec::new();
        for (j, &k) in seq.iter().enumerate() {
            let m = &marks[k];
            let para = units[m.unit].para;
            let pspan = segs.paragraphs[para].span;
            // A heading on a line of its own (`一、堅決守牢安全底線`) heads the
            // paragraphs after it: the last such item runs to the passage end.
            let heading = m.pos == pspan.start && segs.paragraphs[para].sentences.len() <= 1 && ctx.chars(pspan) <= 40;
            let mut end = match seq.get(j + 1) {
                Some(&n) => marks[n].pos,
                // …but not into a paragraph that opens with a person
                // (`歐陽明華在講話中提出殷切希望。`).
                None if heading => {
                    let i = person_paras.partition_point(|&p| p <= m.pos);
                    person_paras.get(i).copied().unwrap_or(passage_limit).min(passage_limit)
                }
                None => pspan.end,
            };
            // Whatever the sequence, the next marker in the text ends an item:
            // `…十是…一是…` starting over must not let 十是 run on past it.
            if let Some(next) = marks.get(k + 1) {
                end = end.min(next.pos.max(m.end));
            }
            // The last item ends before a narrative sentence after it (the
            // units up to the next marker only, so the walks stay linear)
            // (`…;3、做好物資儲備。縣領導A、B出席會議。`).
            if seq.get(j + 1).is_none() {
                let from = units.partition_point(|u| u.span.start <= m.pos);
                if let Some(u) = units[from..].iter().take_while(|u| u.span.start < end).find(|u| is_narrative_in(ctx, u.span, &words)) {
                    end = u.span.start;
                }
            }
            // A new reporting verb ends the item.
            let li = lead_starts.partition_point(|&ls| ls <= m.pos);
            if let Some(&ls) = lead_starts.get(li).filter(|&&ls| ls < end) {
                end = ls;
            }
            // Bylines do not belong to the item.
            for b in bylines {
                if m.pos <= b.start && b.start < end {
                    end = b.start;
                }
            }
            let span = trim(ctx.text, CleanSpan::new(m.pos, end));
            // Consume the units the item covers (units are in text order).
            let a = units.partition_point(|u| u.span.start < m.pos);
            let b = units.partition_point(|u| u.span.start < end);
            for u in &mut units[a..b] {
                u.consumed = true;
            }
            let last_unit = b.checked_sub(1).map(|i| &units[i]);
            let truncated = last_unit.is_some_and(|u| !u.terminated && u.span.end >= span.end);
            items.push(Raw {
                speaker: label(&units[m.unit]),
                kind: DirectiveKind::Enumerated,
                span,
                marker: Some(CleanSpan::new(m.pos, m.end)),
                list_name: None,
                list_count: None,
                truncated,
                items: Vec::new(),
            });
        }
        let first = &marks[seq[0]];
        // Text of the first marker's unit before the marker stays a unit of its own.
        let u = &mut units[first.unit];
        if first.pos > u.span.start {
            u.consumed = false;
            u.span = trim(ctx.text, CleanSpan::new(u.span.start, first.pos));
            u.directive = instructs(ctx, u.span) || is_heading(ctx, u.span);
            u.terminated = true;
        } else if let Some(pi) = first.unit.checked_sub(1) {
            // A heading on the line before (`重點抓好以下工作:` then `一、…`).
            let (prev, this) = (&units[pi], &units[first.unit]);
            if !prev.directive && !prev.consumed && prev.para + 1 >= this.para && is_heading(ctx, prev.span) {
                units[pi].directive = true;
            }
        }
        enum_items.push((first.unit, first.pos, items));
    }

    // Named lists.
    // (unit, name, count, members, the text after members listed inline)
    type ListOf = (usize, CleanSpan, u32, Vec<Raw>, Option<CleanSpan>);
    let mut list_of: Vec<ListOf> = Vec::new();
    for ui in 0..units.len() {
        if units[ui].consumed || !units[ui].may_list {
            continue;
        }
        let Some((name, count, affix, colon_end)) = list_announcement(ctx, units[ui].span, units[ui].stop) else { continue };
        // Members: after the colon in the same unit, else the next unit.
        let inline = trim(ctx.text, CleanSpan::new(colon_end, units[ui].span.end));
        let next = if inline.is_empty() { (ui + 1..units.len()).find(|&j| !units[j].consumed) } else { None };
        let region = match next {
            Some(j) => units[j].span,
            None if !inline.is_empty() => inline,
            None => continue,
        };
        let shares = |p: &CleanSpan| {
            let t = ctx.s(*p);
            t.ends_with(affix.as_str()) || t.starts_with(affix.as_str())
        };
        // Members are split at commas; failing that, at 、 in the first part.
        let parts = phrases_commas(ctx, region);
        let mut members: Vec<CleanSpan> = parts.iter().copied().take_while(shares).collect();
        let mut by_enum_comma = false;
        if members.len() < 2 {
            if let Some(first) = parts.first() {
                let sub = phrases(ctx.text, *first);
                let shared: Vec<CleanSpan> = sub.iter().copied().take_while(shares).collect();
                if shared.len() >= 2 {
                    members = shared;
                } else if sub.len() >= 2 {
                    members = sub;
                    by_enum_comma = true;
                }
            }
        }
        if members.len() < 2 {
            members = parts.iter().copied().take(count as usize).filter(|p| ctx.chars(*p) <= 30).collect();
        }
        if members.len() < 2 {
            continue;
        }
        // Members without the list's word that are short nouns (`校園食堂、網絡訂餐`)
        // keep the list as one directive.
        let bare = members.iter().all(|m| ctx.chars(*m) <= 4)
            || (by_enum_comma && !members.iter().any(shares) && members.iter().all(|m| ctx.chars(*m) <= 6));
        if bare && next.is_none() {
            continue;
        }
        let speaker = label(&units[ui]);
        let items: Vec<Raw> = if bare {
            Vec::new()
        } else {
            members
                .iter()
                .map(|m| Raw {
                    speaker: speaker.clone(),
                    kind: DirectiveKind::ListMember,
                    span: *m,
                    marker: None,
                    list_name: None,
                    list_count: None,
                    truncated: false,
                    items: Vec::new(),
                })
                .collect()
        };
        let last_end = members.last().map(|m| m.end).unwrap_or(region.start);
        // What follows the members is a directive of its own.
        let rest = ctx.skip(last_end, region.end, |c| is_comma(c) || matches!(c, ';' | '\u{FF1B}' | '。') || c.is_whitespace());
        let rest = (rest < region.end).then(|| trim(ctx.text, CleanSpan::new(rest, region.end)));
        match next {
            Some(j) => {
                match rest {
                    Some(r) => {
                        units[j].span = r;
                        units[j].directive = true;
                    }
                    None => units[j].consumed = true,
                }
                if bare {
                    units[ui].span = units[ui].span.cover(CleanSpan::new(region.start, last_end));
                }
                list_of.push((ui, name, count, items, None));
            }
            None => {
                units[ui].span = if bare {
                    CleanSpan::new(units[ui].span.start, last_end)
                } else {
                    CleanSpan::new(units[ui].span.start, colon_end)
                };
                list_of.push((ui, name, count, items, rest));
            }
        }
        units[ui].directive = true;
    }

    // Headlines and the final tree.
    let n = units.len();
    let live = |u: &Unit| u.directive && !u.consumed;
    // Whether a live directive or the start of an enumeration follows in
    // the same paragraph (a backward pass; enumeration starts marked first).
    const ENUM_START: u8 = 2;
    const MORE_FOLLOW: u8 = 1;
    let mut follow = vec![0u8; n];
    for (fu, _, _) in &enum_items {
        follow[*fu] |= ENUM_START;
    }
    for ui in (0..n.saturating_sub(1)).rev() {
        let next = &units[ui + 1];
        if next.para == units[ui].para && (live(next) || follow[ui + 1] != 0) {
            follow[ui] |= MORE_FOLLOW;
        }
    }
    // Live directives before each unit, to ask "none between" in O(1).
    let mut live_before = vec![0usize; n + 1];
    for ui in 0..n {
        live_before[ui + 1] = live_before[ui] + live(&units[ui]) as usize;
    }
    let mut headline_idx: Option<(usize, usize)> = None; // (index in out, paragraph)
    let mut last_top: Option<(usize, usize, usize)> = None; // (index in out, unit, paragraph)
    let mut ei = 0;
    for ui in 0..n {
        // Enumeration items whose first marker lies in this unit, placed after it.
        let u = &units[ui];
        if !u.consumed && u.directive {
            let more_follow = follow[ui] & MORE_FOLLOW != 0;
            let list = list_of.iter().find(|(li, ..)| *li == ui);
            let head = list.is_none() && is_headline(ctx, u, more_follow);
            let truncated = !u.terminated && segs.paragraphs[u.para].span.end <= u.span.end + 3;
            let mut d = Raw {
                speaker: label(u),
                kind: if list.is_some() {
                    DirectiveKind::NamedList
                } else if head {
                    DirectiveKind::Headline
                } else {
                    DirectiveKind::Sentence
                },
                span: u.span,
                marker: None,
                list_name: list.map(|l| l.1),
                list_count: list.map(|l| (l.2, u32::try_from(l.3.len()).unwrap_or(u32::MAX))),
                truncated,
                items: list.map(|l| l.3.clone()).unwrap_or_default(),
            };
            if d.items.is_empty() && list.is_some() {
                d.list_count = None;
            }
            let same_para_headline = headline_idx.filter(|(_, p)| *p == u.para && !u.after_lead);
            if head || list.is_some() {
                out.push(d);
                headline_idx = head.then_some((out.len() - 1, u.para));
                last_top = Some((out.len() - 1, ui, u.para));
                if let Some(rest) = list.and_then(|l| l.4) {
                    out.push(Raw {
                        speaker: label(u),
                        kind: DirectiveKind::Sentence,
                        span: rest,
                        marker: None,
                        list_name: None,
                        list_count: None,
                        truncated: false,
                        items: Vec::new(),
                    });
                }
            } else if let Some((hi, _)) = same_para_headline {
                out[hi].items.push(d);
                last_top = None;
            } else {
                out.push(d);
                last_top = Some((out.len() - 1, ui, u.para));
            }
        } else if u.after_lead {
            headline_idx = None;
        }
        if u.after_lead && (!u.directive || u.consumed) {
            headline_idx = None;
        }
        while ei < enum_items.len() && enum_items[ei].0 == ui {
            let items = std::mem::take(&mut enum_items[ei].2);
            let parent = last_top.filter(|(_, pu, pp)| {
                *pp == u.para && (*pu == ui || live_before[ui] == live_before[*pu + 1])
            });
            match parent {
                Some((pi, _, _)) if out[pi].items.is_empty() => out[pi].items = items,
                _ => out.extend(items),
            }
            headline_idx = None;
            last_top = None;
            ei += 1;
        }
    }
    // Enumerations whose unit came last.
    for (_, _, items) in enum_items.into_iter().skip(ei) {
        out.extend(items);
    }
    Found { directives: out, speakers }
}

/// Members of a list: split at commas and semicolons outside quotes.
fn phrases_commas(ctx: &Ctx, span: CleanSpan) -> Vec<CleanSpan> {
    let s = ctx.s(span);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            c if depth == 0 && (is_comma(c) || matches!(c, ';' | '\u{FF1B}' | '。')) => {
                let p = trim(ctx.text, CleanSpan::new(span.start + start, span.start + i));
                if !p.is_empty() {
                    out.push(p);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    let p = trim(ctx.text, CleanSpan::new(span.start + start, span.end));
    if !p.is_empty() {
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::{Directive, DirectiveKind};
    use crate::Options;

    #[test]
    fn ends_with_any_is_any_ends_with() {
        use super::{ends_with_any, last_bytes, NARRATIVE_ENDS, RETROSPECTIVE};
        let speech = &crate::extract::lex::get().speech_verb_words;
        let lists: [(&[&str], u64); 4] = [
            (NARRATIVE_ENDS, last_bytes(NARRATIVE_ENDS)),
            (RETROSPECTIVE, last_bytes(RETROSPECTIVE)),
            (speech, crate::extract::lex::get().speech_verb_lasts),
            (&["", "会议"], last_bytes(&["", "会议"])),
        ];
        for (words, lasts) in lists {
            for w in words.iter().chain(&["", "a", "会", "会议强调", "今年以来", "出席会议。", "他强调", "议。"]) {
                for s in [w.to_string(), format!("会议{w}"), format!("{w}了"), format!("x{w}。")] {
                    assert_eq!(ends_with_any(&s, words, lasts), words.iter().any(|x| s.ends_with(x)), "{s} {words:?}");
                }
            }
        }
    }

    #[test]
    fn byte_helpers_agree_with_the_char_walks() {
        use super::{letters_at_most, starts_with_any, strip_tail, third_bytes, trim_end_non_alnum, NARRATIVE_STARTS, RETROSPECTIVE};
        use crate::extract::text::alnum;
        let texts = [
            "", "a", "会", "会议听取", "据悉,", "今年以来,全区", "以来", "过去", "x过去", "1.5", "要抓好落实。”", "强调:",
            "認識要再深化a1", "䷀䷁要", "\u{9FF0}\u{9FFF}讲话了", "了", "说了", "道说了", "é ß 𠀀𪚥,", "（一）加强", "①②③",
            "安全形勢要精準把握。", "會議聽取了匯報 ", "\u{3000}\n", "abc123def456ghi789jkl012mno345",
        ];
        for t in texts {
            for words in [NARRATIVE_STARTS, RETROSPECTIVE, &["", "a"], &["会", "ab"]] {
                let want = words.iter().any(|w| t.starts_with(w));
                assert_eq!(starts_with_any(t.as_bytes(), words, third_bytes(words)), want, "{t} {words:?}");
            }
            assert_eq!(trim_end_non_alnum(t), t.trim_end_matches(|c: char| !alnum(c)), "{t}");
            let n = t.chars().filter(|&c| alnum(c)).count();
            for cap in 0..30 {
                assert_eq!(letters_at_most(t, cap), n <= cap, "{t} {cap}");
            }
            for tail in ["了", "说", "道"] {
                assert_eq!(strip_tail(t.as_bytes(), tail), t.strip_suffix(tail).unwrap_or(t).as_bytes(), "{t} {tail}");
            }
        }
        let lex = crate::extract::lex::get();
        for w in &lex.speech_verb_words {
            for t in [w.to_string(), format!("会议{w}"), format!("{w}了"), format!("x{w}"), w[3..].to_string(), format!("李明在会上{w}")] {
                let want = lex.speech_verb_words.iter().any(|v| t.ends_with(v));
                assert_eq!(super::ends_in_speech_verb(lex, t.as_bytes()), want, "{t}");
            }
        }
    }

    fn directives(text: &str) -> Vec<Directive> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes(), &Options::default());
        assert_eq!(doc.meetings.len(), 1, "{text}");
        doc.meetings.into_iter().next().unwrap().directives
    }

    fn shape(ds: &[Directive]) -> Vec<(DirectiveKind, usize)> {
        ds.iter().map(|d| (d.kind, d.items.len())).collect()
    }

    #[test]
    fn short_topic_sentences_head_what_follows() {
        let ds = directives(
            "5月8日上午,青山區召開專題會議。區長李明強調,安全形勢要精準把握。要壓實責任;要強化巡查。隊伍建設要持續加強。要抓好培訓。",
        );
        assert_eq!(shape(&ds), [(DirectiveKind::Headline, 2), (DirectiveKind::Headline, 1)]);
        assert!(ds[0].text.starts_with("安全形勢要精準把握"));
        assert_eq!(ds[0].speaker, "李明");
    }

    #[test]
    fn topic_then_jinyibu_is_a_headline() {
        let ds = directives("5月8日上午,青山區召開專題會議。李明指出,認識要再深化,進一步增強責任意識。要抓好落實。");
        assert_eq!(shape(&ds), [(DirectiveKind::Headline, 1)]);
    }

    #[test]
    fn plain_instructions_stay_flat() {
        let ds = directives("5月8日上午,青山區召開專題會議。李明指出,要切實做好防汛工作,確保安全。要強化巡查;要抓好值守。");
        assert_eq!(shape(&ds), [(DirectiveKind::Sentence, 0); 3]);
    }

    #[test]
    fn enumeration_hangs_under_the_sentence_before_it() {
        let ds = directives(
            "5月8日上午,青山區召開專題會議。會議強調,全區上下要提高站位,抓好落實。一是壓實責任,確保到位。二是強化督查,嚴肅問責。",
        );
        assert_eq!(shape(&ds), [(DirectiveKind::Sentence, 2)]);
        assert_eq!(ds[0].items[0].marker.as_deref(), Some("一是"));
        assert_eq!(ds[0].speaker, "會議");
        // After a bare lead the items stand on their own.
        let ds = directives("5月8日上午,青山區召開專題會議。李明要求,一是壓實責任。二是強化督查。三是加強保障。");
        assert_eq!(shape(&ds), [(DirectiveKind::Enumerated, 0); 3]);
    }

    #[test]
    fn inline_named_list_is_split_and_the_rest_kept() {
        let ds = directives(
            "5月8日上午,青山區召開專題會議。李明強調,要做到“三個到位”:責任落實到位、隱患排查到位、應急準備到位,確保安全。",
        );
        assert_eq!(ds[0].kind, DirectiveKind::NamedList);
        assert_eq!(ds[0].list_name.as_deref(), Some("三個到位"));
        assert_eq!(ds[0].items.len(), 3);
        assert!(ds[0].items.iter().all(|m| m.kind == DirectiveKind::ListMember && m.text.ends_with("到位")));
        assert_eq!(ds[1].text, "確保安全。");
    }

    #[test]
    fn bare_noun_list_stays_one_directive() {
        let ds = directives(
            "5月8日上午,青山區召開專題會議。會議指出,各部門要聚焦“三個領域”:校園食堂、集體聚餐、網絡訂餐,全面加強監管。",
        );
        assert_eq!(ds.len(), 1);
        assert!(ds[0].items.is_empty());
    }

    #[test]
    fn a_look_back_is_no_instruction() {
        let ds = directives(
            "5月8日上午,青山區召開專題會議。李明指出,今年以來,全區堅持抓好安全生產,成效明顯。要持續用力。",
        );
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].text, "要持續用力。");
    }
}
