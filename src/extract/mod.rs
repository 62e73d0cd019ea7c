//! Stage 4: metadata, meetings and directives from the cleaned text.
//!
//! Works on the Simplified copy of the cleaned text (same offsets), writes
//! every value in the original script, and maps every span back to the
//! original input.

pub mod date;
pub mod directive;
pub mod hits;
pub mod lex;
pub mod meeting;
pub mod metadata;
pub mod people;
pub mod text;

use crate::clean::Cleaned;
use crate::decode::Decoded;
use crate::model::{
    DateBasis, Directive, Document, DocumentSpans, Meeting, MeetingSpans, Person, Slogan, Warning, WarningKind,
};
use crate::segment::Segments;
use crate::span::CleanSpan;
use std::borrow::Cow;
use directive::{Passage, Raw, Speaker};
use people::{Mention, Role};
use text::Ctx;

pub use text::is_han;

pub fn extract(decoded: &Decoded, cleaned: &Cleaned, segs: &Segments) -> Document {
    extract_limited(decoded, cleaned, segs, usize::MAX)
}

/// As [`extract`], reading at most `max_meetings` meetings: the text after
/// the last one read is skipped, with a warning (the per-file work bound of
/// [`crate::Options::max_meetings`]).
pub fn extract_limited(decoded: &Decoded, cleaned: &Cleaned, segs: &Segments, max_meetings: usize) -> Document {
    extract_with_warnings(decoded, cleaned, segs, max_meetings, cleaned.warnings.clone())
}

/// As [`extract_limited`], taking the cleaned text by value so that its
/// warnings move into the document instead of being copied.
pub fn extract_limited_owned(decoded: &Decoded, mut cleaned: Cleaned, segs: &Segments, max_meetings: usize) -> Document {
    let warnings = std::mem::take(&mut cleaned.warnings);
    extract_with_warnings(decoded, &cleaned, segs, max_meetings, warnings)
}

/// The extraction, the document's warnings starting with `warnings` (the
/// cleaner's).
fn extract_with_warnings(
    decoded: &Decoded,
    cleaned: &Cleaned,
    segs: &Segments,
    max_meetings: usize,
    mut warnings: Vec<Warning>,
) -> Document {
    let ctx = Ctx::new(&cleaned.text, &cleaned.map);
    let meta = metadata::extract(&ctx, segs, &cleaned.furniture, cleaned.html_title.as_ref());

    let mut heads = meeting::heads(&ctx, segs, meta.title_para);
    let mut end = (segs.paragraphs.len(), 0);
    if let Some(first_skipped) = heads.get(max_meetings) {
        end = (first_skipped.para, first_skipped.sentence);
        warnings.push(Warning {
            kind: WarningKind::Doubt,
            message: format!(
                "the report tells of {} meetings; only the first {max_meetings} were read (the per-file limit)",
                heads.len()
            ),
            span: ctx.orig(CleanSpan::new(first_skipped.span.start, ctx.text.len())),
            before: None,
            after: None,
        });
        heads.truncate(max_meetings);
    }
    let mut known = people::Known::default();
    // People named in the headline (`李酌主持召開…會議`) count for the first meeting.
    let title_mentions: Vec<Mention> = match meta.title_para {
        Some(i) => people::mentions(&ctx, segs.paragraphs[i].span, &mut known),
        None => Vec::new(),
    };
    // Whole-text tests: with memchr's substring finder (a character's last
    // byte alone matches all over Chinese text), and only when asked.
    let in_text = |hay: &str, needle: &str| memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some();
    let meeting_word = if in_text(ctx.text, "會") { "會議" } else { "会议" };
    let period_terms = period_terms_in(&ctx);
    let terms: Vec<&lex::PeriodTerm> = period_terms.iter().map(|(t, _)| *t).collect();
    // Whole-text tests, once rather than once per meeting.
    let county_level_city = std::cell::OnceCell::new();
    let traditional_cell = std::cell::OnceCell::new();
    let traditional = || *traditional_cell.get_or_init(|| ["區", "會", "縣", "鎮"].iter().any(|c| in_text(ctx.text, c)));

    let mut meetings: Vec<Meeting> = Vec::with_capacity(heads.len());
    let mut resolved: Vec<date::Resolved> = Vec::with_capacity(heads.len());
    let mut last_body: Option<(String, Option<crate::model::Level>, Option<CleanSpan>)> = None;
    // Directives already reported: a repeated body reports each once.
    let mut seen: text::FastSet<Hashed> = text::FastSet::default();
    for (k, h) in heads.iter().enumerate() {
        let to = heads.get(k + 1).map(|n| (n.para, n.sentence)).unwrap_or(end);
        let passage_span = CleanSpan::new(h.span.start, passage_end(segs, to, ctx.text.len()));
        let mut mentions = people::mentions(&ctx, passage_span, &mut known);
        if k == 0 {
            mentions.extend(title_mentions.iter().filter(|m| m.role == Role::Chair).cloned());
            mentions.sort_by_key(|m| m.name.start);
        }

        // Chair, speakers, attendees.
        let chairs = |m: &&Mention| matches!(m.role, Role::Chair | Role::ChairSpeaker);
        let chair_m = mentions.iter().filter(chairs).find(|m| h.span.contains(m.name)).or_else(|| mentions.iter().find(chairs));
        // Names compared in Simplified form through hash sets and maps, so a
        // passage naming thousands of people stays linear.
        let titles = first_titles(&ctx, &mentions);
        let chair = chair_m.map(|m| person(&ctx, m, &titles));
        let chair_name = chair_m.map(|m| ctx.raw(m.name).to_owned());

        let default_speaker = Speaker::Meeting(meeting_word.to_owned());
        let passage = Passage { from: (h.para, h.sentence + 1), to };
        let found = directive::extract(
            &ctx,
            segs,
            passage,
            &mentions,
            &meta.bylines,
            &default_speaker,
            chair_name.as_deref(),
        );

        let mut speakers: Vec<Person> = Vec::new();
        // (Sets and maps are given room for every name up front.)
        // Names in Simplified form: a mention's is its span of `ctx.simp`
        // (the Simplified form of its name as written), so only the names
        // of leads without a mention are simplified here; a person record
        // is built only for a name not seen before.
        let mut named: text::FastSet<Cow<str>> = text::FastSet::with_capacity_and_hasher(mentions.len() + found.speakers.len(), Default::default());
        // In order of first appearance: role mentions and leads.
        let mut order: Vec<(usize, Who, Cow<str>)> = mentions
            .iter()
            .filter(|m| matches!(m.role, Role::Speaker | Role::ChairSpeaker) && passage_span.contains(m.name))
            .map(|m| (m.name.start, Who::Mention(m), Cow::Borrowed(ctx.s(m.name))))
            .collect();
        order.reserve(found.speakers.len());
        let mut first_mention: text::FastMap<&str, &Mention> =
            text::FastMap::with_capacity_and_hasher(mentions.len(), Default::default());
        for m in &mentions {
            first_mention.entry(ctx.s(m.name)).or_insert(m);
        }
        for (name, span) in &found.speakers {
            // A lead's name is mostly its span's text, whose Simplified form
            // is then the span of `ctx.simp`: simplified without a copy.
            let simp = if ctx.raw(*span) == name.as_str() { Cow::Borrowed(ctx.s(*span)) } else { Cow::Owned(text::simplified(name)) };
            match first_mention.get(&*simp) {
                Some(m) => order.push((span.start, Who::Mention(m), Cow::Borrowed(ctx.s(m.name)))),
                None => order.push((span.start, Who::Lead(name, *span), simp)),
            }
        }
        order.sort_by_key(|(pos, ..)| *pos);
        speakers.reserve(order.len());
        for (_, who, key) in order {
            if named.insert(key) {
                speakers.push(match who {
                    Who::Mention(m) => person(&ctx, m, &titles),
                    Who::Lead(name, span) => Person { name: name.to_owned(), title: None, span: ctx.orig(span), title_span: None },
                });
            }
        }
        let mut attendees: Vec<Person> = Vec::new();
        named.extend(chair_m.map(|m| Cow::Borrowed(ctx.s(m.name))));
        for m in mentions.iter().filter(|m| m.role == Role::Attendee && passage_span.contains(m.name)) {
            if named.insert(Cow::Borrowed(ctx.s(m.name))) {
                attendees.push(person(&ctx, m, &titles));
            }
        }

        // Body and level.
        let (body, mut level, body_span) = body_of(&ctx, h, chair_m, &meta, &last_body, &traditional);
        // A city the report calls a county-level city (`縣級市`) is at county level.
        if level == Some(crate::model::Level::City) && *county_level_city.get_or_init(|| in_text(&ctx.simp, "县级市")) {
            level = Some(crate::model::Level::County);
        }
        last_body = body.clone().map(|b| (b, level, body_span));

        // Date.
        let year_in_name = date::year_in(&ctx, h.name);
        let r = date::resolve(h.date.as_ref(), meta.published_date, resolved.last(), year_in_name, &terms);
        if r.basis == DateBasis::Inferred || r.basis == DateBasis::Unknown && r.note.is_some() {
            let span = h.date.map(|d| ctx.orig(d.span)).unwrap_or_else(|| ctx.orig(h.span));
            let mut message = r.note.clone().unwrap_or_default();
            if r.basis == DateBasis::Inferred {
                if let Some((_, at)) = period_terms.first() {
                    message.push_str(&format!(" (first term at {}..{})", ctx.orig(*at).start, ctx.orig(*at).end));
                }
            }
            warnings.push(Warning { kind: WarningKind::DateInferred, message, span, before: None, after: None });
        }

        // Directives to the model.
        let mut directives: Vec<Directive> = Vec::with_capacity(found.directives.len());
        for d in &found.directives {
            if seen.insert(Hashed::new(ctx.s(d.span))) {
                directives.push(to_model(&ctx, d, &mut warnings));
            } else {
                warnings.push(Warning {
                    kind: WarningKind::Duplicate,
                    message: "a directive repeated word for word is reported once".into(),
                    span: ctx.orig(d.span),
                    before: None,
                    after: None,
                });
            }
        }

        // Slogans: quoted phrases in the passage.
        let slogans = slogans_in(&ctx, passage_span);

        meetings.push(Meeting {
            date: r.date.clone(),
            date_basis: r.basis,
            time_of_day: h.date.and_then(|d| d.time_of_day.map(|t| t.0)),
            body,
            level,
            name: Some(ctx.raw(h.name).to_owned()),
            chair,
            speakers,
            attendees,
            directives,
            slogans,
            span: ctx.orig(passage_span),
            spans: MeetingSpans {
                date: h.date.map(|d| ctx.orig(d.span)),
                time_of_day: h.date.and_then(|d| d.time_of_day.map(|t| ctx.orig(t.1))),
                body: body_span.map(|s| ctx.orig(s)),
                name: Some(ctx.orig(h.name)),
            },
        });
        resolved.push(r);
    }

    // The metadata's values move into the document.
    let spans = DocumentSpans {
        title: meta.title.as_ref().map(|t| t.1),
        outlet: meta.outlet.as_ref().map(|t| t.1),
        published: meta.published.as_ref().map(|t| t.1),
    };
    Document {
        file: String::new(),
        encoding: Some(decoded.encoding.to_owned()),
        error: None,
        bytes: 0,
        title: meta.title.map(|t| t.0),
        outlet: meta.outlet.map(|t| t.0),
        published: meta.published.map(|t| t.0),
        reporters: meta
            .reporters
            .into_iter()
            .map(|(name, span)| Person { name, title: None, span, title_span: None })
            .collect(),
        spans,
        warnings,
        meetings,
    }
}


/// A text with its hash computed once: a set of long texts hashes each once,
/// not again whenever it grows.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Hashed<'t> {
    hash: u64,
    text: &'t str,
}

impl<'t> Hashed<'t> {
    fn new(text: &'t str) -> Self {
        use std::hash::Hasher;
        let mut h = text::FxHasher::default();
        h.write(text.as_bytes());
        Self { hash: h.finish(), text }
    }
}

impl std::hash::Hash for Hashed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Who a speaker entry stands for: a mention, or a name a lead gave (with
/// the span of the name or pronoun).
enum Who<'m> {
    Mention(&'m Mention),
    Lead(&'m str, CleanSpan),
}

/// Where a passage ending before (paragraph, sentence) ends in the text.
fn passage_end(segs: &Segments, to: (usize, usize), len: usize) -> usize {
    match segs.paragraphs.get(to.0) {
        Some(p) => match p.sentences.get(to.1) {
            Some(s) => s.span.start,
            None => p.span.end,
        },
        None => len,
    }
}

/// For each name (Simplified), the first title the passage's mentions give it.
fn first_titles<'c>(ctx: &'c Ctx, all: &[Mention]) -> text::FastMap<&'c str, CleanSpan> {
    // Room for every mention, so the map is not rehashed as it fills.
    let mut titles = text::FastMap::with_capacity_and_hasher(all.len(), Default::default());
    for o in all {
        if let Some(t) = o.title {
            titles.entry(ctx.s(o.name)).or_insert(t);
        }
    }
    titles
}

/// A person record from a mention; the title is the first one the passage
/// gives (`titles`, from [`first_titles`]).
fn person(ctx: &Ctx, m: &Mention, titles: &text::FastMap<&str, CleanSpan>) -> Person {
    let title = m.title.or_else(|| titles.get(ctx.s(m.name)).copied());
    Person {
        name: ctx.raw(m.name).to_owned(),
        title: title.map(|t| ctx.raw(t).to_owned()).filter(|t| !t.is_empty()),
        span: ctx.orig(m.name),
        title_span: title.map(|t| ctx.orig(t)),
    }
}

type Body = (Option<String>, Option<crate::model::Level>, Option<CleanSpan>);

/// The body that held the meeting: a place in the subject, the chair's title
/// or the name; else a place the page names for itself; else the organ as
/// written; else the body of the meeting told before.
fn body_of(
    ctx: &Ctx,
    h: &meeting::Head,
    chair: Option<&Mention>,
    meta: &metadata::Meta,
    last: &Option<(String, Option<crate::model::Level>, Option<CleanSpan>)>,
    traditional: &dyn Fn() -> bool,
) -> Body {
    let mut spans = vec![h.subject];
    if let Some(t) = chair.and_then(|c| c.title) {
        spans.push(t);
    }
    spans.push(h.name);
    // A village or community that held it (`柳塘村召開…`) has no level.
    if let Some(v) = meeting::village_in(ctx, h.subject) {
        return (Some(ctx.raw(v).to_owned()), None, Some(v));
    }
    for s in &spans {
        if s.is_empty() {
            continue;
        }
        if let Some((place, level)) = meeting::place_in(ctx, *s) {
            return (Some(ctx.raw(place).to_owned()), Some(level), Some(place));
        }
    }
    // The organ as written: the subject less the chair and the chair's title.
    let subject = match chair {
        Some(c) if h.subject.contains(c.name) => {
            CleanSpan::new(h.subject.start, c.title.map(|t| t.start).unwrap_or(c.name.start).max(h.subject.start))
        }
        _ => h.subject,
    };
    let organ = meeting::organ_in(ctx, subject);
    // The level the organ, the chair's title or the name imply.
    let level = spans.iter().filter(|s| !s.is_empty()).find_map(|s| meeting::level_hint(ctx, *s));
    if let Some(level) = level {
        if let Some((name, l)) = meta.page_named.iter().find(|(_, l)| *l == level) {
            return (Some(name.clone()), Some(*l), None);
        }
        if let Some(stem) = meta.page_places.first() {
            let suffix = meeting::level_suffix(level);
            let script_suffix = if traditional() { suffix.to_owned() } else { text::simplified(suffix) };
            return (Some(format!("{stem}{script_suffix}")), Some(level), None);
        }
        if let Some((b, l, s)) = last {
            if *l == Some(level) {
                return (Some(b.clone()), *l, *s);
            }
        }
    }
    if let Some(o) = organ {
        if !o.is_empty() && ctx.s(o).chars().all(is_han) {
            return (Some(ctx.raw(o).to_owned()), level, Some(o));
        }
    }
    // The organ the meeting's name carries (`省委財經委員會會議`).
    if let Some(o) = meeting::organ_in_name(ctx, h.name) {
        return (Some(ctx.raw(o).to_owned()), level.or_else(|| meeting::level_hint(ctx, o)), Some(o));
    }
    if let Some((b, l, s)) = last {
        return (Some(b.clone()), *l, *s);
    }
    (None, level, None)
}

/// Period terms found anywhere in the text, each once, with its first place.
fn period_terms_in<'l>(ctx: &Ctx) -> Vec<(&'l lex::PeriodTerm, CleanSpan)>
where
    'static: 'l,
{
    let lx: &'static lex::Lexicons = ctx.lex;
    let mut out: Vec<(&'l lex::PeriodTerm, CleanSpan)> = Vec::new();
    for m in ctx.hits.find_iter(hits::Kind::Period, CleanSpan::new(0, ctx.simp.len())) {
        let t = &lx.period_terms[m.pattern];
        if !out.iter().any(|(o, _)| o.term == t.term) {
            out.push((t, CleanSpan::new(m.start, m.end)));
        }
    }
    out
}

fn to_model(ctx: &Ctx, d: &Raw, warnings: &mut Vec<Warning>) -> Directive {
    let span = ctx.orig(d.span);
    if d.truncated {
        warnings.push(Warning {
            kind: WarningKind::Truncated,
            message: "the sentence breaks off".into(),
            span,
            before: None,
            after: None,
        });
    }
    if let (Some(name), Some((count, found))) = (d.list_name, d.list_count) {
        if count != found {
            warnings.push(Warning {
                kind: WarningKind::ListCount,
                message: format!("{} names {count} members, {found} found", ctx.raw(name)),
                span: ctx.orig(name),
                before: None,
                after: None,
            });
        }
    }
    Directive {
        speaker: String::from(&*d.speaker),
        kind: d.kind,
        text: ctx.raw(d.span).to_owned(),
        span,
        marker: d.marker.map(|m| ctx.raw(m).to_owned()),
        list_name: d.list_name.map(|m| ctx.raw(m).to_owned()),
        truncated: d.truncated,
        items: d.items.iter().map(|i| to_model(ctx, i, warnings)).collect(),
    }
}

/// Where the first `c`, a character outside ASCII, stands in `s` at or
/// after `from`: its first byte is searched with memchr (for a quotation
/// mark that is U+2000..U+2FFF's lead byte, rare in Chinese text, where
/// the last byte `str::find` looks for is common).
fn find_wide(s: &str, from: usize, c: char) -> Option<usize> {
    let mut buf = [0u8; 4];
    let w = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    memchr::memchr_iter(w[0], b.get(from..)?).map(|i| from + i).find(|&i| b[i..].starts_with(w))
}

fn slogans_in(ctx: &Ctx, span: CleanSpan) -> Vec<Slogan> {
    let mut out: Vec<Slogan> = Vec::new();
    let mut texts: text::FastSet<&str> = text::FastSet::default();
    let s = ctx.raw(span);
    let mut from = 0;
    while let Some(i) = find_wide(s, from, '“') {
        let st = i + '“'.len_utf8();
        let Some(close) = find_wide(s, st, '”') else { break };
        let j = close - st;
        let inner = CleanSpan::new(span.start + st, span.start + st + j);
        from = st + j;
        // One to forty characters (more than 160 bytes are more than 40).
        if j > 0 && j <= 160 && ctx.chars(inner) <= 40 && !s[st..st + j].contains('\n') {
            let text = ctx.raw(inner);
            if texts.insert(text) {
                out.push(Slogan { text: text.to_owned(), span: ctx.orig(inner) });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_wide_finds_as_str_find() {
        let texts = ["", "“", "会议“两委”成员“", "a“b”c", "强调“不忘初心、牢记使命”", "“”“”"];
        for t in texts {
            for (from, _) in t.char_indices().chain([(t.len(), ' ')]) {
                for c in ['“', '”'] {
                    assert_eq!(find_wide(t, from, c), t[from..].find(c).map(|i| from + i), "{c} from {from} in {t}");
                }
            }
        }
    }
}
