//! People: names anchored by titles, by lists, or by the verb that follows
//! them, and the role each mention gives its person.

use super::hits::Kind;

use super::text::{cp3, has, has_any, is_break, is_colon, is_comma, is_han, Ctx};
use crate::span::CleanSpan;

/// What a mention says the person did at the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Chair,
    /// Presides and speaks (`主持會議並講話`).
    ChairSpeaker,
    Speaker,
    Attendee,
    /// Named without a role here.
    Mentioned,
}

/// One mention of a person.
#[derive(Clone, Debug)]
pub struct Mention {
    pub name: CleanSpan,
    pub title: Option<CleanSpan>,
    pub role: Role,
    /// Where the text after the name (and its role verb, if any) goes on.
    pub after: usize,
}

/// Anchored longest-word probes into a small lexicon of short words (what
/// `lex::match_at` answers with the lexicon's automaton, for the lexicons
/// probed at nearly every place a name may stand): the words are grouped by
/// their first character, so a probe is one table lookup and, when some
/// word starts with the character there, a comparison per word.
pub struct Words {
    /// Per code point below U+10000: 1 + its group in `groups`, or 0; with
    /// [`ALONE`] set when the character itself is the group's only word.
    index: Box<[u16; 0x1_0000]>,
    /// The words sharing a first character, longest first.
    groups: Vec<Group>,
    /// Words whose first character is beyond U+FFFF.
    wide: Vec<String>,
}

/// The mark in [`Words`]' index of a character that is its group's only word.
const ALONE: u16 = 0x8000;

/// The words sharing a first character, longest first, with the bytes after
/// that character packed for a probe: a tail of at most eight bytes is one
/// masked comparison of the eight bytes after the character.
struct Group {
    words: Vec<String>,
    /// Per word: its tail's bytes (little-endian), the mask of its length,
    /// and its length in bytes.
    tails: Vec<(u64, u64, usize)>,
}

impl Words {
    pub fn new<S: Into<String>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut index: Box<[u16; 0x1_0000]> =
            vec![0u16; 0x1_0000].into_boxed_slice().try_into().expect("a table of 65,536 entries");
        let mut groups: Vec<Vec<String>> = Vec::new();
        // Each group's first character.
        let mut firsts: Vec<char> = Vec::new();
        let mut wide = Vec::new();
        for w in words {
            let w: String = w.into();
            let Some(c) = w.chars().next() else { continue };
            if (c as u32) >= 0x10000 {
                wide.push(w);
                continue;
            }
            let slot = &mut index[c as usize];
            if *slot == 0 {
                groups.push(Vec::new());
                firsts.push(c);
                *slot = u16::try_from(groups.len()).ok().filter(|&g| g < ALONE).expect("fewer than 32,767 first characters");
            }
            let g = &mut groups[*slot as usize - 1];
            if !g.contains(&w) {
                g.push(w);
            }
        }
        let groups: Vec<Group> = groups
            .into_iter()
            .map(|mut words| {
                words.sort_by_key(|w| std::cmp::Reverse(w.len()));
                let tails = words
                    .iter()
                    .map(|w| {
                        let n = w.chars().next().map_or(0, char::len_utf8);
                        let tail = &w.as_bytes()[n..];
                        let mut bytes = [0u8; 8];
                        let k = tail.len().min(8);
                        bytes[..k].copy_from_slice(&tail[..k]);
                        let mask = if k == 8 { u64::MAX } else { (1u64 << (8 * k)) - 1 };
                        (u64::from_le_bytes(bytes), mask, tail.len())
                    })
                    .collect();
                Group { words, tails }
            })
            .collect();
        for (g, &c) in groups.iter().zip(&firsts) {
            if matches!(g.tails[..], [(_, _, 0)]) {
                index[c as usize] |= ALONE;
            }
        }
        wide.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Self { index, groups, wide }
    }

    /// The end of the longest word starting exactly at `pos` of `s`: a
    /// three-byte character is decoded in place and looked up here, so that
    /// a place where no word starts costs a few instructions.
    #[inline(always)]
    pub fn longest_at(&self, s: &str, pos: usize) -> Option<usize> {
        let b = s.as_bytes();
        match b.get(pos..pos.saturating_add(3)) {
            Some(&[lead, b1, b2]) if lead & 0xF0 == 0xE0 => {
                let cp = cp3(lead, b1, b2);
                match self.index[cp as usize & 0xFFFF] {
                    0 => None,
                    g if g & ALONE != 0 => Some(pos + 3),
                    g => self.in_group(g, b, pos + 3),
                }
            }
            _ => self.longest_at_other(s, pos),
        }
    }

    /// The end of the longest word of group `g` (1-based) whose first
    /// character ends at `after`.
    #[inline(never)]
    fn in_group(&self, g: u16, b: &[u8], after: usize) -> Option<usize> {
        let group = &self.groups[g as usize - 1];
        let rest = b.get(after..).unwrap_or(&[]);
        let next = rest.get(..8).map(|r| {
            let mut w = [0u8; 8];
            w.copy_from_slice(r);
            u64::from_le_bytes(w)
        });
        for (&(bits, mask, len), w) in group.tails.iter().zip(&group.words) {
            let hit = match next {
                Some(x) if len <= 8 => x & mask == bits,
                _ => rest.starts_with(&w.as_bytes()[w.len() - len..]),
            };
            if hit {
                return Some(after + len);
            }
        }
        None
    }

    /// [`Self::longest_at`] at a place that is not a three-byte character.
    #[inline(never)]
    fn longest_at_other(&self, s: &str, pos: usize) -> Option<usize> {
        let rest = s.as_bytes().get(pos..)?;
        let lead = *rest.first()?;
        // A continuation byte is no character's start.
        let (cp, n) = match lead {
            0x00..=0x7F => (lead as u32, 1),
            0x80..=0xBF => return None,
            _ => {
                let c = s.get(pos..)?.chars().next()?;
                (c as u32, c.len_utf8())
            }
        };
        let (group, skip) = match self.index.get(cp as usize) {
            Some(0) => return None,
            // Every word of the group starts with this character: only the
            // bytes after it are compared.
            Some(&g) => (&self.groups[(g & !ALONE) as usize - 1].words, n),
            None => (&self.wide, 0),
        };
        group
            .iter()
            .find(|w| {
                let w = w.as_bytes();
                w.len() <= rest.len() && w[skip..].iter().zip(&rest[skip..]).all(|(a, b)| a == b)
            })
            .map(|w| pos + w.len())
    }

    /// True when a word occurs in `s` (as `text::has_any` with the words):
    /// one pass over the characters of `s`.
    pub fn any_in(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            let (cp, len) = match lead {
                0x00..=0x7F => (lead as u32, 1),
                0xE0..=0xEF if i + 2 < b.len() => {
                    (cp3(lead, b[i + 1], b[i + 2]), 3)
                }
                // Other lengths, rare in this text: decoded the usual way.
                _ => match s.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) => (c as u32, c.len_utf8()),
                    None => (u32::MAX, 1),
                },
            };
            let group = match self.index.get(cp as usize) {
                Some(0) => None,
                Some(&g) => Some(&self.groups[(g & !ALONE) as usize - 1].words),
                None if cp != u32::MAX => Some(&self.wide),
                None => None,
            };
            if group.is_some_and(|g| g.iter().any(|w| b[i..].starts_with(w.as_bytes()))) {
                return true;
            }
            i += len;
        }
        false
    }
}

/// The lexicons probed for names, as [`Words`].
struct NameWords {
    surnames: Words,
    followers: Words,
    speech_verbs: Words,
    speech_leads: Words,
    speaking_roles: Words,
    clause_verbs: Words,
    role_adverbs: Words,
    attending_roles: Words,
    /// The last characters of the conjunctions.
    conjunction_ends: Vec<char>,
    /// The title words (what `ctx.hits.at(Kind::Titles, _)` finds, without
    /// searching the document's list of hits).
    titles: Words,
    /// The lengths in bytes of the title words, longest first.
    title_lens: Vec<usize>,
}

fn name_words() -> &'static NameWords {
    static W: std::sync::OnceLock<NameWords> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        use crate::lexicon::lines;
        use super::lex::{
            ATTENDING_ROLES, CONJUNCTIONS, NAME_FOLLOWERS, ROLE_ADVERBS, SPEAKING_ROLES, SPEECH_LEADS, SPEECH_VERBS,
            SURNAMES,
        };
        NameWords {
            surnames: Words::new(lines(SURNAMES)),
            followers: Words::new(lines(NAME_FOLLOWERS).flat_map(super::lex::width_variants)),
            speech_verbs: Words::new(lines(SPEECH_VERBS)),
            speech_leads: Words::new(lines(SPEECH_LEADS)),
            speaking_roles: Words::new(lines(SPEAKING_ROLES)),
            clause_verbs: Words::new(CLAUSE_VERBS.iter().copied()),
            role_adverbs: Words::new(lines(ROLE_ADVERBS)),
            attending_roles: Words::new(lines(ATTENDING_ROLES)),
            conjunction_ends: lines(CONJUNCTIONS).filter_map(|w| w.chars().next_back()).collect(),
            titles: Words::new(lines(super::lex::TITLES)),
            title_lens: {
                let mut v: Vec<usize> = lines(super::lex::TITLES).map(str::len).filter(|&n| n > 0).collect();
                v.sort_unstable_by(|a, b| b.cmp(a));
                v.dedup();
                v
            },
        }
    })
}

/// The end of a name starting at `pos`, if one does: a surname from the
/// lexicon and one or two more characters, followed by a word that can
/// follow a name (a verb, a conjunction, punctuation) or by `limit`.
pub fn name_at(ctx: &Ctx, pos: usize, limit: usize) -> Option<usize> {
    name_at_with(ctx, pos, limit, false)
}

/// As [`name_at`]; `after_title` says a title word stands right before, so
/// a name is expected: when no known word follows, the common three-character
/// form is taken.
pub fn name_at_with(ctx: &Ctx, pos: usize, limit: usize, after_title: bool) -> Option<usize> {
    name_at_guessed(ctx, pos, limit, after_title).map(|(e, _)| e)
}

/// As [`name_at_with`], saying too whether the name was only guessed from
/// the title before it (no known word follows it): [`name_at`] finds no
/// name there.
fn name_at_guessed(ctx: &Ctx, pos: usize, limit: usize, after_title: bool) -> Option<(usize, bool)> {
    let sur_end = name_words().surnames.longest_at(&ctx.simp, pos)?;
    name_after_surname(ctx, pos, sur_end, limit, after_title)
}

/// [`name_at_guessed`] with the surname starting at `pos` found (ending
/// at `sur_end`).
fn name_after_surname(ctx: &Ctx, pos: usize, sur_end: usize, limit: usize, after_title: bool) -> Option<(usize, bool)> {
    let w = name_words();
    let simp = ctx.simp.as_str();
    // `區長強調`: a speech verb, not a name (強 is a surname too).
    if w.speech_verbs.longest_at(simp, pos).is_some() {
        return None;
    }
    let ends = |e: usize| -> bool { w.followers.longest_at(simp, e).is_some() || ctx.char_at(e).is_none_or(is_break) };
    // A title after the name (`歐陽明書記主持`) follows it as a verb would.
    let follows = |e: usize| -> bool {
        e >= limit || ends(e) || w.titles.longest_at(simp, e).is_some_and(ends)
    };
    // One more Han character of the given name, before `limit`.
    let han_after = |e: usize| -> Option<usize> {
        let c = ctx.char_at(e)?;
        (is_han(c) && e < limit).then(|| e + c.len_utf8())
    };
    let g1 = han_after(sur_end);
    let g2 = g1.and_then(han_after);
    if let (Some(e1), Some(e2)) = (g1, g2.filter(|&e| follows(e))) {
        // "李酌在講話": the third character itself starts a follower (so the
        // two-character name is followed too); but not a conjunction
        // followed by a verb (`晏清和通報了`: a conjunction joins names, so 和
        // is part of this one). Else the three characters.
        return if w.followers.longest_at(simp, e1).is_some()
            && !(e2 < limit && ctx.lex.conjunctions.iter().any(|c| ctx.starts(e1, c)))
        {
            Some((e1, false))
        } else {
            Some((e2, false))
        };
    }
    match g1.filter(|&e| follows(e)) {
        Some(e) => Some((e, false)),
        None if after_title => g2.or(g1).map(|e| (e, true)),
        None => None,
    }
}

/// Words that may open a clause before a title, which are not part of it.
const TITLE_PREFIXES: &[&str] = &["会议由", "会上", "由", "经", "在", "据", "受", "并", "和", "与", "及", "还有", "其中"];

/// The title chain that ends right before `name_start`: a title word from
/// the lexicon ending there, extended back to the start of its clause
/// (`市委副書記、市長、領導小組組長`), without a leading date or function word.
pub fn title_before(ctx: &Ctx, name_start: usize, floor: usize) -> Option<CleanSpan> {
    // The longest title word ending exactly at name_start.
    let word_start = title_ending_at(ctx, name_start, floor)?;
    // Extend back to the clause start: stop at punctuation other than 、.
    let words = name_words();
    let mut start = word_start;
    let mut n = 0;
    let b = ctx.simp.as_bytes();
    while start > floor && n < 60 {
        // The common case, read off the bytes: a character of U+4000..U+9FFF
        // (led by E4..E9) that ends no conjunction goes on with the chain.
        if let Some(&[lead, b1, b2]) = start.checked_sub(3).and_then(|i| b.get(i..start)) {
            if lead.wrapping_sub(0xE4) < 6 {
                let cp = cp3(lead, b1, b2);
                if !words.conjunction_ends.iter().any(|&c| c as u32 == cp) {
                    start -= 3;
                    n += 1;
                    continue;
                }
            }
        }
        let c = char_before(ctx, start)?;
        // `縣委副書記A和副縣長B`: a conjunction right after a name ends the chain
        // (a conjunction ending here ends in this character).
        let conj = c.len_utf8();
        if words.conjunction_ends.contains(&c)
            && ctx.lex.conjunctions.iter().any(|w| ctx.simp[..start].ends_with(w))
            && name_ends_at(ctx, start - conj, floor)
        {
            break;
        }
        // A core Han character is no break nor quote.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '、' || (!is_break(c) && c != '"' && c != '“' && c != '”') {
            start -= c.len_utf8();
            n += 1;
        } else {
            break;
        }
    }
    // A chain is titles joined by 、: a segment that does not end in a title
    // word (`縣人大常委會主任龍啟明、縣政協主席`) ends the chain before it.
    // (The 、 are found from the right by their last byte: 、 is E3 80 81.)
    let seg = &b[start..word_start];
    let mut hi = seg.len();
    while let Some(i) = memchr::memrchr(0x81, &seg[..hi]) {
        if i >= 2 && seg[i - 2] == 0xE3 && seg[i - 1] == 0x80 {
            let k = start + i - 2;
            if !ends_in_title(ctx, k, start) {
                start = k + '、'.len_utf8();
                break;
            }
            hi = i - 2;
        } else {
            hi = i;
        }
    }
    // Drop leading dates and function words.
    loop {
        let before = start;
        if let Some(d) = super::date::date_prefix_len(ctx, start, word_start) {
            start = d;
        }
        if may_open_prefix(ctx, start) {
            for p in TITLE_PREFIXES {
                if starts_with_word(ctx, start, p) && start + p.len() < word_start {
                    start += p.len();
                }
            }
        }
        start = ctx.skip(start, word_start, |c| c == '、' || c.is_whitespace());
        if start == before {
            break;
        }
    }
    // `參加會議的還有駐村第一書記`: the title starts after the attendance opening.
    if let Some(m) = ctx.hits.find_iter(Kind::AttendanceLeads, CleanSpan::new(start, word_start)).last() {
        start = m.end;
    }
    // A clause holding a verb of its own is not a title: keep the title word
    // and the organ that directly precedes it.
    let chain = CleanSpan::new(start, name_start);
    let s = ctx.s(chain);
    if words.clause_verbs.any_in(s) {
        let mut st = word_start;
        while st > floor {
            match ctx.char_before(st) {
                Some(c) if is_han(c) && st - c.len_utf8() >= start && word_start - st < 24 => {
                    let prev = st - c.len_utf8();
                    // One character further back too: a verb cut in half
                    // (`會議由副縣長`: 議) must not join the title.
                    let piece = &ctx.simp[ctx.back(prev, 1).max(start)..word_start];
                    if words.clause_verbs.any_in(piece) {
                        break;
                    }
                    st = prev;
                }
                _ => break,
            }
        }
        // Nor a function word that opens the clause (`由副縣長`).
        for p in TITLE_PREFIXES {
            if starts_with_word(ctx, st, p) && st + p.len() <= word_start {
                st += p.len();
            }
        }
        return Some(CleanSpan::new(st, name_start));
    }
    Some(chain)
}

/// `ctx.char_before(pos)`, with a three-byte character before `pos` decoded
/// in place.
#[inline(always)]
fn char_before(ctx: &Ctx, pos: usize) -> Option<char> {
    let b = ctx.simp.as_bytes();
    match pos.checked_sub(3).and_then(|i| b.get(i..pos)) {
        // A lead byte three bytes back: its character ends at `pos`.
        Some(&[lead, b1, b2]) if lead & 0xF0 == 0xE0 => {
            char::from_u32(cp3(lead, b1, b2))
        }
        _ => ctx.char_before(pos),
    }
}

/// The start of the longest title word from the lexicon ending exactly at
/// `at`, the farthest back of those not before `floor`: read off the
/// document's title hits that start in the longest title's length before
/// `at` (a title word ending at `at` starts one of its lengths back).
fn title_ending_at(ctx: &Ctx, at: usize, floor: usize) -> Option<usize> {
    // The title words starting from the longest one's length back: the
    // first start (the longest length) whose longest word ends at `at`, read
    // off one slice of the document's title hits.
    let longest = name_words().title_lens.first().copied().unwrap_or(0);
    let mut last = usize::MAX;
    for h in ctx.hits.starting_in(Kind::Titles, at.saturating_sub(longest).max(floor), at) {
        // (The first hit at a start is its longest.)
        if h.start == last {
            continue;
        }
        last = h.start;
        if h.end == at && (at - h.start <= 8 || ctx.simp[h.start..at].chars().count() <= 8) {
            return Some(h.start);
        }
    }
    None
}

/// The low six bits of the third bytes of [`TITLE_PREFIXES`]' first characters.
const PREFIX_THIRD_BYTES: u64 = {
    let mut set = 0u64;
    let mut i = 0;
    while i < TITLE_PREFIXES.len() {
        set |= 1 << (TITLE_PREFIXES[i].as_bytes()[2] & 63);
        i += 1;
    }
    set
};

/// False when no word of [`TITLE_PREFIXES`] starts at `pos` (its first
/// character's third byte is not theirs, or the text ends).
#[inline]
fn may_open_prefix(ctx: &Ctx, pos: usize) -> bool {
    ctx.simp.as_bytes().get(pos + 2).is_some_and(|&b| PREFIX_THIRD_BYTES >> (b & 63) & 1 == 1)
}

/// `ctx.starts(pos, word)` for a word of Han characters: the first
/// character's three bytes are compared in place before the whole word.
#[inline]
fn starts_with_word(ctx: &Ctx, pos: usize, word: &str) -> bool {
    let (b, w) = (ctx.simp.as_bytes(), word.as_bytes());
    match (b.get(pos..pos + 3), w.get(..3)) {
        (Some(h), Some(f)) if h[0] != f[0] || h[1] != f[1] || h[2] != f[2] => false,
        _ => ctx.starts(pos, word),
    }
}

/// Verbs that make a clause before a name something other than a title.
const CLAUSE_VERBS: &[&str] = &["召开", "主持", "出席", "参加", "会议", "指出", "强调", "要求", "表示"];

/// True when a name of two to four characters, after a title word, ends
/// exactly at `at` (`副書記歐陽明華` before 和).
fn name_ends_at(ctx: &Ctx, at: usize, floor: usize) -> bool {
    (2..=4).any(|k| {
        let st = ctx.back(at, k);
        st >= floor && st < at && name_at_with(ctx, st, at, true) == Some(at) && ends_in_title(ctx, st, floor)
    })
}

/// True when a title word from the lexicon ends exactly at `at`.
fn ends_in_title(ctx: &Ctx, at: usize, floor: usize) -> bool {
    title_ending_at(ctx, at, floor).is_some()
}

/// The role a mention gives, from what follows the name, and where that ends.
pub fn role_after(ctx: &Ctx, name_end: usize, clause_end: usize) -> (Role, usize) {
    let lx = ctx.lex;
    let mut p = name_end;
    // A title after the name (`歐陽明書記強調`), then adverbs, the longest at
    // each step (`再次` before `再`).
    let w = name_words();
    if let Some(e) = w.titles.longest_at(&ctx.simp, p) {
        p = e;
    }
    while let Some(e) = w.role_adverbs.longest_at(&ctx.simp, p) {
        p = e;
    }
    let end = clause_end.max(p).min(ctx.simp.len());
    let rest = &ctx.simp[p..end];
    if rest.starts_with("主持") {
        let role = if has(rest, "讲话") { Role::ChairSpeaker } else { Role::Chair };
        return (role, p + "主持".len());
    }
    if let Some(e) = w.speech_verbs.longest_at(&ctx.simp, p) {
        return (Role::Speaker, e);
    }
    if let Some(e) = w.speech_leads.longest_at(&ctx.simp, p) {
        return (Role::Speaker, e);
    }
    // `出席會議並講話`, `到會指導並講話`, `對…作具體部署`, `先後作交流發言`.
    if !rest.starts_with('、') && (w.speaking_roles.any_in(rest) || speech_act(ctx, CleanSpan::new(p, end))) {
        return (Role::Speaker, p);
    }
    // `等在X分會場出席`, `等出席`: attendance after a list.
    let mut q = p;
    if ctx.starts(q, "等") {
        q += "等".len();
    }
    if ctx.starts(q, "在") {
        if let Some(i) = lx.attending_roles.iter().filter_map(|v| ctx.simp[q..end.max(q)].find(v)).min() {
            q += i;
        }
    }
    if w.attending_roles.longest_at(&ctx.simp[..end.max(q)], q).is_some() {
        return (Role::Attendee, q);
    }
    (Role::Mentioned, name_end)
}

/// How many characters may stand between a light verb and its speech
/// object (`作了具體安排`: 了具體).
const SPEECH_ACT_GAP: usize = 5;

/// Whether `span` reports speaking through a light verb and a speech object
/// (`對…作了具體安排`, `提出四點要求`, `作出全面部署`): an object from the
/// lexicon with a light verb at most [`SPEECH_ACT_GAP`] Han characters
/// before it, that light verb not part of another word (`工作安排`).
fn speech_act(ctx: &Ctx, span: CleanSpan) -> bool {
    let lx = ctx.lex;
    ctx.hits.find_iter(Kind::SpeechObjects, span).any(|m| {
        let floor = ctx.back(m.start, SPEECH_ACT_GAP + 2).max(span.start);
        let mut q = m.start;
        // Walk back over Han characters to the nearest light verb.
        while q > floor {
            let Some(c) = ctx.char_before(q) else { return false };
            if !is_han(c) {
                return false;
            }
            q -= c.len_utf8();
            if let Some(v) = lx.speech_light_verbs.iter().filter(|v| ctx.starts(q, v)).max_by_key(|v| v.len()) {
                if q + v.len() <= m.start && !part_of_word(ctx, q, v) {
                    return true;
                }
            }
        }
        false
    })
}

/// Whether the light verb `v` at `at` belongs to a longer word
/// (`工作`, `作為`) from the lexicon of words that are no light verb.
fn part_of_word(ctx: &Ctx, at: usize, v: &str) -> bool {
    let before = ctx.back(at, 1);
    let after = ctx.fwd(at + v.len(), 1);
    ctx.lex.not_light_verbs.iter().any(|w| {
        ctx.simp.get(before..at + v.len()) == Some(*w) || ctx.simp.get(at..after) == Some(*w)
    })
}

/// How far a clause is followed, in bytes: real clauses are far shorter, and
/// a text without commas (a 10 MB line, thousands of names joined by `、`)
/// must not make every mention scan to its end.
pub const MAX_CLAUSE: usize = 2048;

/// The end of the clause that starts at or after `pos` (before `limit`), at
/// most [`MAX_CLAUSE`] bytes on (rounded up to a character boundary).
pub fn clause_end(ctx: &Ctx, pos: usize, limit: usize) -> usize {
    let clause_mark = |c: char| matches!(c, '。' | ';' | '\u{FF1B}' | '\n' | '!' | '?') || is_comma(c);
    walk_stops(ctx, pos, limit, clause_mark, true)
}

/// The end of the sentence going on at `pos`: the next `。`, `;`, `!`, `?`
/// or line end before `limit`, at most [`MAX_CLAUSE`] bytes on.
fn clause_end_sentence(ctx: &Ctx, pos: usize, limit: usize) -> usize {
    let sentence_mark = |c: char| matches!(c, '。' | ';' | '\u{FF1B}' | '\n' | '!' | '?' | '\u{FF01}' | '\u{FF1F}');
    walk_stops(ctx, pos, limit, sentence_mark, false)
}

/// The first character `end` accepts at or after `pos`, before `limit` and
/// before `pos + MAX_CLAUSE`, as a walk character by character from `pos`
/// would find it; else where that walk stops: at the first character
/// boundary at or after the cap (when `past_cap`, and it is before `limit`;
/// else at the cap itself, or `limit`). The marks are all outside
/// U+4000..U+9FFF, so only the text's stops are visited.
fn walk_stops(ctx: &Ctx, pos: usize, limit: usize, end: impl Fn(char) -> bool, past_cap: bool) -> usize {
    let cap = pos.saturating_add(MAX_CLAUSE);
    let len = ctx.simp.len();
    if pos >= limit.min(if past_cap { usize::MAX } else { cap }) {
        return if past_cap { limit } else { pos };
    }
    // A walk from inside a character (or past the text) reads nothing.
    if !ctx.simp.is_char_boundary(pos) || pos >= len {
        return if past_cap { limit } else { pos };
    }
    let stop_end = limit.min(cap);
    // The stops from `pos` on, up to `stop_end` (`ctx.stops_in`, with one
    // search by halves).
    let from = ctx.stops.partition_point(|t| t.pos < pos);
    if let Some(t) = ctx.stops[from..].iter().take_while(|t| t.pos < stop_end).find(|t| end(t.c)) {
        return t.pos;
    }
    if past_cap {
        // The walk returns the first boundary at or after the cap, if it
        // gets there before `limit` (and the end of the text).
        if cap < limit && cap <= len {
            let mut q = cap;
            while !ctx.simp.is_char_boundary(q) {
                q += 1;
            }
            return if q < limit { q } else { limit };
        }
        limit
    } else {
        // The walk stops at the first boundary at or after the cap, the
        // limit or the end of the text.
        let stop = limit.min(cap);
        if stop >= len {
            return len.max(pos);
        }
        let mut q = stop;
        while !ctx.simp.is_char_boundary(q) {
            q += 1;
        }
        q
    }
}

/// How many known names are looked for again in later passages.
const MAX_KNOWN: usize = 256;

/// The names a document's passages have found so far (Simplified), the most
/// recent last, each with a substring finder built once for the later
/// passages it is looked for in.
#[derive(Default)]
pub struct Known {
    names: Vec<(String, memchr::memmem::Finder<'static>)>,
}

impl Known {
    /// The names, in the order they were found.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(n, _)| n.as_str())
    }

    /// Adds names new to the list (the oldest go past [`MAX_KNOWN`]).
    fn add(&mut self, added: Vec<&str>) {
        self.names.extend(added.into_iter().map(|n| (n.to_owned(), memchr::memmem::Finder::new(n).into_owned())));
        if self.names.len() > MAX_KNOWN {
            self.names.drain(..self.names.len() - MAX_KNOWN);
        }
    }

    /// Every occurrence of every name in `span` (each name's own, without
    /// overlaps), sorted by start and, at one start, longest first.
    fn find_in(&self, ctx: &Ctx, span: CleanSpan) -> Vec<(usize, usize)> {
        // Each name is searched with its memchr substring finder: a handful of
        // short needles over the passage, cheaper than building an automaton.
        let mut found: Vec<(usize, usize)> = Vec::with_capacity(self.names.len() * 2);
        let hay = &ctx.simp.as_bytes()[span.start..span.end];
        for (name, finder) in &self.names {
            found.extend(finder.find_iter(hay).map(|i| (span.start + i, span.start + i + name.len())));
        }
        // Leftmost, then longest, without overlaps (as LeftmostLongest would).
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        found
    }
}

/// A list of names joined by `、` starting at `pos` (`陳清擁、楊華民、…`),
/// ending at `及`, `和`, `等` or a verb, its first name's surname found
/// (ending at `sur_end`); with whether that first name was only guessed
/// (see [`name_at_guessed`]). The names are written to `out` (emptied
/// first: one list serves a passage's lists, rather than one allocated per list).
fn name_list_after_surname(ctx: &Ctx, pos: usize, sur_end: usize, limit: usize, out: &mut Vec<CleanSpan>) -> bool {
    out.clear();
    let mut first_guessed = false;
    let mut p = pos;
    // The name after a comma, found when deciding whether the list goes on.
    let mut next: Option<(usize, bool)> = None;
    // The first name's surname.
    let mut sur = Some(sur_end);
    while p < limit {
        let found = match (next.take(), sur.take()) {
            (Some(n), _) => Some(n),
            (None, Some(sur_end)) => name_after_surname(ctx, p, sur_end, limit, out.is_empty()),
            (None, None) => name_at_guessed(ctx, p, limit, out.is_empty()),
        };
        let Some((e, guessed)) = found else { break };
        if out.is_empty() {
            first_guessed = guessed;
        }
        out.push(CleanSpan::new(p, e));
        match ctx.char_at(e) {
            Some('、') => p = e + '、'.len_utf8(),
            // `縣領導A,B,C出席`: a comma goes on with the list only when a
            // bare name follows that itself goes on (a separator, 等, or an
            // attendance verb), never a title or a clause.
            Some(c) if is_comma(c) => {
                let q = e + c.len_utf8();
                let Some(e2) = name_at(ctx, q, limit) else { break };
                let goes_on = ctx.char_at(e2).is_some_and(|c| c == '、' || is_comma(c))
                    || ctx.starts(e2, "等")
                    || name_words().attending_roles.longest_at(&ctx.simp, e2).is_some();
                if !goes_on || ctx.hits.any_in(Kind::Titles, CleanSpan::new(q, e2)) {
                    break;
                }
                p = q;
                // What `name_at_guessed` answers there for a name after the first.
                next = Some((e2, false));
            }
            _ => break,
        }
    }
    first_guessed
}

/// Whether the sentence going on at `from` has its subject preside in a
/// later clause that leaves the subject out (`市長蘇啟航帶隊調研…,並主持召開
/// 座談會`): a clause made of a linking word and `主持`, with no title (so no
/// other person) between.
fn presides_later(ctx: &Ctx, from: usize, limit: usize) -> bool {
    // At most MAX_CLAUSE bytes on, so a text without sentence ends stays linear.
    let from = from.min(limit);
    let mut cut = limit.min(from + MAX_CLAUSE);
    while !ctx.simp.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &ctx.simp[from..cut];
    let end = rest.find(['。', '!', '?', ';', '\u{FF01}', '\u{FF1F}', '\u{FF1B}']).unwrap_or(rest.len());
    let sentence = &rest[..end];
    let Some(i) = sentence.find("主持") else { return false };
    let before = &sentence[..i];
    let clause_start = before.rfind([',', '\u{FF0C}']).map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    let lead = &before[clause_start..];
    clause_start > 0
        && (lead.is_empty() || ctx.lex.elided_subjects.contains(&lead))
        && !ctx.hits.any_in(Kind::Titles, CleanSpan::new(from, from + before.len()))
}

/// How many earlier mentions a title used alone is compared with.
const MAX_ANTECEDENTS: usize = 64;

/// A person referred to by title alone at `pos` (`該區區長`, `這位書記`): an
/// anaphor from the lexicon, a title (after one administrative character at
/// most), no name after it, and exactly one person named before `pos` in
/// `mentions` whose title ends with that title. Returns that person's name
/// span and the span of the reference.
pub fn anaphor(ctx: &Ctx, pos: usize, limit: usize, mentions: &[Mention]) -> Option<(CleanSpan, CleanSpan)> {
    let rest = ctx.simp.get(pos..limit)?;
    let prefix = ctx.lex.anaphors.iter().find(|w| rest.starts_with(*w))?;
    let mut p = pos + prefix.len();
    let title_end = match ctx.hits.at(Kind::Titles, p) {
        Some((_, e)) => e,
        None => {
            // `該區區長`: one administrative character, then the title.
            let c = ctx.char_at(p)?;
            let (_, e) = ctx.hits.at(Kind::Admin, p).filter(|&(_, e)| e == p + c.len_utf8())?;
            p = e;
            ctx.hits.at(Kind::Titles, p)?.1
        }
    };
    if title_end > limit || name_at(ctx, title_end, limit).is_some() {
        return None;
    }
    let title = &ctx.simp[p..title_end];
    let mut found: Option<CleanSpan> = None;
    // The people named last before the reference (a bounded number, so a
    // page of thousands of references stays linear).
    let upto = mentions.partition_point(|m| m.name.start < pos);
    for m in mentions[upto.saturating_sub(MAX_ANTECEDENTS)..upto].iter().filter(|m| m.name.end <= pos) {
        if m.title.is_some_and(|t| ctx.s(t).ends_with(title)) {
            match found {
                Some(f) if ctx.s(f) != ctx.s(m.name) => return None,
                Some(_) => {}
                None => found = Some(m.name),
            }
        }
    }
    found.map(|n| (n, CleanSpan::new(pos, title_end)))
}

/// A set of names that stays a list while it is small (a comparison with
/// each of a few names is cheaper than hashing them all), and becomes a hash
/// set when it grows, so a passage naming thousands of people stays linear.
struct NameSet<'a> {
    /// The names with their [`name_key`]s.
    few: Vec<(u128, &'a str)>,
    many: Option<super::text::FastSet<&'a str>>,
}

impl<'a> NameSet<'a> {
    /// How many names are compared one by one.
    const FEW: usize = 32;

    /// A set of the given names, all different.
    fn new(names: impl Iterator<Item = &'a str>) -> Self {
        let mut few = Vec::with_capacity(names.size_hint().0 + 8);
        few.extend(names.map(|n| (name_key(n), n)));
        let mut s = Self { few, many: None };
        if s.few.len() > Self::FEW {
            s.many = Some(s.few.drain(..).map(|(_, n)| n).collect());
        }
        s
    }

    /// Adds `name`; true when it was not there.
    fn insert(&mut self, name: &'a str) -> bool {
        if let Some(set) = &mut self.many {
            return set.insert(name);
        }
        let key = name_key(name);
        if self.few.iter().any(|&(k, n)| k == key && (name.len() < 16 || n == name)) {
            return false;
        }
        self.few.push((key, name));
        if self.few.len() > Self::FEW {
            self.many = Some(self.few.drain(..).map(|(_, n)| n).collect());
        }
        true
    }
}

/// A name's first fifteen bytes and its length (up to 255) in one number:
/// two names shorter than sixteen bytes are equal when their keys are.
#[inline]
fn name_key(name: &str) -> u128 {
    let b = name.as_bytes();
    let mut w = [0u8; 16];
    let k = b.len().min(15);
    w[..k].copy_from_slice(&b[..k]);
    w[15] = b.len().min(255) as u8;
    u128::from_le_bytes(w)
}

/// All mentions of people in `span`: after titles, in lists, at clause
/// starts before a role verb, and every later use of a name already known.
pub fn mentions(ctx: &Ctx, span: CleanSpan, known: &mut Known) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    // The names of the list being read.
    let mut names: Vec<CleanSpan> = Vec::new();
    // 1. Title-anchored names and lists.
    for m in ctx.hits.find_iter(Kind::Titles, span) {
        let e = m.end;
        // No name starts without a surname (what a name list starts with).
        let Some(sur_end) = name_words().surnames.longest_at(&ctx.simp, e) else { continue };
        name_list_after_surname(ctx, e, sur_end, span.end, &mut names);
        if names.is_empty() {
            continue;
        }
        let title = title_before(ctx, e, span.start);
        let last_end = names.last().map(|n| n.end).unwrap_or(e);
        let ce = clause_end(ctx, last_end, span.end);
        let (role, after) = if names.len() > 1 {
            let tail = ctx.s(CleanSpan::new(last_end, ce));
            let role = if has_any(tail, &["参加", "出席", "列席"]) {
                Role::Attendee
            } else {
                role_after(ctx, last_end, ce).0
            };
            (role, ce)
        } else {
            match role_after(ctx, last_end, ce) {
                (Role::Mentioned, a) if presides_later(ctx, ce, span.end) => (Role::Chair, a),
                other => other,
            }
        };
        for &n in &names {
            out.push(Mention { name: n, title, role, after });
        }
    }
    // Remember the names found so far (a set beside the list, so a passage
    // naming thousands of people stays linear).
    // The names new to `known` are borrowed from the text until the end of
    // step 2, then copied in once.
    let mut known_set = NameSet::new(known.names());
    let mut added: Vec<&str> = Vec::new();
    for m in &out {
        let n = ctx.s(m.name);
        if known_set.insert(n) {
            added.push(n);
        }
    }
    // 2. Names at clause starts followed by a role verb, lists of names at
    // sentence starts (`歐陽明、慕容清、司馬遠等列席會議`), and names after an
    // attendance opening (`參加會議的還有…`).
    // The names of step 1 (sorted, searched by halves) and those this step
    // adds (a set, empty in most passages).
    let mut taken: Vec<usize> = out.iter().map(|m| m.name.start).collect();
    taken.sort_unstable();
    let mut taken_here: super::text::FastSet<usize> = super::text::FastSet::default();
    // (start of the names, end of their clause)
    let attendance: Vec<(usize, usize)> = ctx
        .hits
        .find_iter(Kind::AttendanceLeads, span)
        .map(|m| {
            let names = ctx.skip(m.end, span.end, |c| is_colon(c) || c.is_whitespace());
            (names, clause_end_sentence(ctx, m.end, span.end))
        })
        .collect();
    let mut ai = 0;
    // The places looked at, in order: sentence starts (after a comma,
    // `安排部署` would read as a name), that is the span's start and the
    // places right after a sentence end (a stop, so only the stops are
    // visited); and the places right after an attendance opening.
    let sentence_end = |c: char| matches!(c, '。' | '!' | '?' | '\u{FF01}' | '\u{FF1F}' | ';' | '\u{FF1B}' | '\n' | ':' | '\u{FF1A}');
    // Both lists are sorted, so they are merged as they are read: (place,
    // whether a sentence starts there).
    let in_text = ctx.simp.get(span.start..span.end).is_some();
    let stops = if in_text { ctx.stops_in(span) } else { &[] };
    let mut starts = (in_text && !span.is_empty())
        .then_some(span.start)
        .into_iter()
        .chain(stops.iter().filter(|t| sentence_end(t.c)).map(|t| t.pos + t.c.len_utf8()).filter(|&p| p < span.end))
        .peekable();
    let mut leads = attendance.iter().map(|a| a.0).filter(|&p| in_text && p < span.end).peekable();
    let places = std::iter::from_fn(|| match (starts.peek(), leads.peek()) {
        (Some(&st), Some(&l)) if l < st => leads.next().map(|l| (l, false)),
        (Some(&st), Some(&l)) if l == st => {
            leads.next();
            starts.next().map(|st| (st, true))
        }
        (Some(_), _) => starts.next().map(|st| (st, true)),
        (None, _) => leads.next().map(|l| (l, false)),
    });
    let surnames = &name_words().surnames;
    for (p, at_start) in places {
        while ai < attendance.len() && attendance[ai].0 < p {
            ai += 1;
        }
        let after_lead = attendance.get(ai).is_some_and(|a| a.0 == p);
        if !(at_start || after_lead) || taken.binary_search(&p).is_ok() || !taken_here.is_empty() && taken_here.contains(&p) {
            continue;
        }
        // No name starts without a surname (what a name list starts with).
        let Some(sur_end) = surnames.longest_at(&ctx.simp, p) else { continue };
        // The first name of the list is the name a clause opens with, unless
        // only guessed (what `name_at` would find there).
        let first_guessed = name_list_after_surname(ctx, p, sur_end, span.end, &mut names);
        {
            if names.len() >= 2 || after_lead && !names.is_empty() {
                let last_end = names.last().map(|n| n.end).unwrap_or(p);
                let ce = clause_end(ctx, last_end, span.end);
                // The verb may come clauses later (`A、B等村“兩委”成員,…參加會議`).
                let tail = ctx.s(CleanSpan::new(last_end, clause_end_sentence(ctx, last_end, span.end)));
                let role = if after_lead
                    || name_words().attending_roles.any_in(tail) && !name_words().speaking_roles.any_in(tail)
                {
                    Role::Attendee
                } else {
                    role_after(ctx, last_end, ce).0
                };
                for &n in &names {
                    let name = ctx.s(n);
                    if known_set.insert(name) {
                        added.push(name);
                    }
                    taken_here.insert(n.start);
                    out.push(Mention { name: n, title: None, role, after: ce });
                }
                continue;
            }
        }
        if at_start {
            if let Some(e) = names.first().filter(|_| !first_guessed).map(|n| n.end) {
                let ce = clause_end(ctx, e, span.end);
                let (role, after) = role_after(ctx, e, ce);
                if role != Role::Mentioned {
                    let n = ctx.s(CleanSpan::new(p, e));
                    if known_set.insert(n) {
                        added.push(n);
                    }
                    taken_here.insert(p);
                    out.push(Mention { name: CleanSpan::new(p, e), title: None, role, after });
                }
            }
        }
    }
    // 3. Known names elsewhere: each searched in the passage (the most
    // recent ones, so a huge document stays linear).
    drop(known_set);
    known.add(added);
    let mut covered: Vec<(usize, usize)> = out.iter().map(|m| (m.name.start, m.name.end)).collect();
    covered.sort_unstable();
    let found = known.find_in(ctx, span);
    let mut last_end = 0;
    for (st, e) in found {
        if st < last_end || !ctx.simp.is_char_boundary(st) {
            continue;
        }
        last_end = e;
        let i = covered.partition_point(|&(a, _)| a <= st);
        if i > 0 && covered[i - 1].1 > st {
            continue;
        }
        let ce = clause_end(ctx, e, span.end);
        let (role, after) = role_after(ctx, e, ce);
        let title = title_before(ctx, st, span.start);
        out.push(Mention { name: CleanSpan::new(st, e), title, role, after });
    }
    out.sort_by_key(|m| m.name.start);
    // Everyone named with no role after an attendance opening attends
    // (`參加會議的還有副縣長王強、李四`).
    if !attendance.is_empty() {
        let mut ai = 0;
        for m in out.iter_mut() {
            while ai < attendance.len() && attendance[ai].1 <= m.name.start {
                ai += 1;
            }
            if m.role == Role::Mentioned && attendance.get(ai).is_some_and(|&(a, e)| a <= m.name.start && m.name.end <= e) {
                m.role = Role::Attendee;
            }
        }
    }
    // People listed with commas before an attendance verb (`縣委書記A,縣長B等
    // 出席`) attend too: a mention with no role takes the role of the next one
    // when only punctuation and that one's title stand between them.
    for i in (0..out.len().saturating_sub(1)).rev() {
        if out[i].role != Role::Mentioned || !matches!(out[i + 1].role, Role::Attendee | Role::Speaker) {
            continue;
        }
        // A title shared by a list (`縣委常委A、B、C`) starts before both names.
        let gap_end = match out[i + 1].title {
            Some(t) if t.start >= out[i].name.end => t.start,
            _ => out[i + 1].name.start,
        };
        if gap_end < out[i].name.end {
            continue;
        }
        let gap = &ctx.simp[out[i].name.end..gap_end];
        if gap.chars().all(|c| matches!(c, ',' | '\u{FF0C}' | '、' | ' ')) || ctx.lex.conjunctions.contains(&gap) {
            out[i].role = out[i + 1].role;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::OffsetMap;

    fn names(text: &str) -> Vec<(String, Option<String>, Role)> {
        let map = OffsetMap::new();
        let ctx = Ctx::new(text, &map);
        let mut known = Known::default();
        mentions(&ctx, CleanSpan::new(0, text.len()), &mut known)
            .into_iter()
            .map(|m| (ctx.raw(m.name).to_owned(), m.title.map(|t| ctx.raw(t).to_owned()), m.role))
            .collect()
    }

    /// The name lexicons' [`Words`] answer as their automata do, at every
    /// byte of texts holding every word.
    #[test]
    fn name_words_answer_as_the_lexicons_automata() {
        use crate::extract::lex::{self, match_at};
        use crate::lexicon::lines;
        let lx = lex::get();
        let w = name_words();
        let mut texts: Vec<String> =
            [lex::SURNAMES, lex::NAME_FOLLOWERS, lex::SPEECH_VERBS, lex::SPEECH_LEADS, lex::ROLE_ADVERBS, lex::ATTENDING_ROLES, lex::TITLES]
            .iter()
            .map(|data| lines(data).collect::<Vec<_>>().join("x"))
            .collect();
        texts.push("欧阳明华强调,区长李明主持召开会议,并讲话;王强、张三:出席。司马遠等，列席；通报了".to_owned());
        for t in &texts {
            for a in 0..=t.len() + 1 {
                for (words, ac) in [
                    (&w.surnames, &lx.surnames),
                    (&w.followers, &lx.followers),
                    (&w.speech_verbs, &lx.speech_verbs),
                    (&w.speech_leads, &lx.speech_leads),
                    (&w.titles, &lx.titles),
                ] {
                    assert_eq!(words.longest_at(t, a), match_at(ac, t, a).map(|(_, e)| e), "at {a} in {t}");
                }
                // The small lexicons searched word by word.
                for (words, list) in [(&w.role_adverbs, &lx.role_adverbs), (&w.attending_roles, &lx.attending_roles)] {
                    let want = list.iter().filter(|v| t.get(a..).is_some_and(|r| r.starts_with(*v))).map(|v| a + v.len()).max();
                    assert_eq!(words.longest_at(t, a), want, "at {a} in {t}");
                    let any = t.get(a..).map(|r| has_any(r, list));
                    assert_eq!(t.get(a..).map(|r| words.any_in(r)), any, "in {a}.. of {t}");
                }
            }
        }
        let roles: Vec<&str> = lines(lex::SPEAKING_ROLES).collect();
        let probes = ["", "讲话", "在会上讲话并", "作了具", "作了具体安排", "x提出要求", "、通报情况。", "领导小组", "部署", "会议由副县长", "召开主持出席参加会议指出强调要求表示", "召"];
        for t in texts.iter().map(String::as_str).chain(probes) {
            for (i, _) in t.char_indices() {
                let s = &t[i..];
                assert_eq!(w.speaking_roles.any_in(s), crate::extract::text::has_any(s, &roles), "{s}");
                assert_eq!(w.clause_verbs.any_in(s), has_any(s, CLAUSE_VERBS), "{s}");
            }
        }
    }

    /// `clause_end` and `clause_end_sentence` end where a walk character by
    /// character ends, also at the length cap and past the text.
    #[test]
    fn clause_ends_answer_as_a_walk() {
        fn walk(ctx: &Ctx, pos: usize, limit: usize, sentence: bool) -> usize {
            let marks = |c: char| {
                matches!(c, '。' | ';' | '\u{FF1B}' | '\n' | '!' | '?')
                    || if sentence { matches!(c, '\u{FF01}' | '\u{FF1F}') } else { is_comma(c) }
            };
            let cap = pos.saturating_add(MAX_CLAUSE);
            let mut p = pos;
            if sentence {
                let cap = cap.min(limit);
                while p < cap {
                    match ctx.char_at(p) {
                        Some(c) if marks(c) => return p,
                        Some(c) => p += c.len_utf8(),
                        None => break,
                    }
                }
                return p;
            }
            while p < limit {
                if p >= cap {
                    return p;
                }
                match ctx.char_at(p) {
                    Some(c) if marks(c) => return p,
                    Some(c) => p += c.len_utf8(),
                    None => break,
                }
            }
            limit
        }
        let long = "会".repeat(MAX_CLAUSE / 3 + 5);
        let texts = [
            "區長林清伏作工作部署,區領導陳清擁、楊華民參加。x!y?z；w\n好，吗！是？".to_owned(),
            format!("甲{long}。乙"),
            format!("a{long},b"),
            format!("ab{long}"),
            "".to_owned(),
        ];
        let map = crate::clean::OffsetMap::new();
        for t in &texts {
            let ctx = Ctx::new(t, &map);
            let n = t.len();
            let mut points: Vec<usize> = (0..n.min(40)).chain(n.saturating_sub(40)..n + 3).collect();
            points.extend([MAX_CLAUSE - 2, MAX_CLAUSE - 1, MAX_CLAUSE, MAX_CLAUSE + 1, MAX_CLAUSE + 3, n + 10]);
            for &pos in &points {
                for &limit in &points {
                    assert_eq!(clause_end(&ctx, pos, limit), walk(&ctx, pos, limit, false), "{pos}..{limit}");
                    assert_eq!(clause_end_sentence(&ctx, pos, limit), walk(&ctx, pos, limit, true), "{pos}..{limit}");
                }
            }
        }
    }

    /// `title_ending_at` finds what a look at each of the eight places
    /// before `at` finds, and `may_open_prefix` misses no prefix.
    #[test]
    fn title_ending_at_answers_as_a_look_at_each_place() {
        use crate::lexicon::lines;
        let all = lines(crate::extract::lex::TITLES).collect::<Vec<_>>().join("、");
        let texts = [
            "市委副书记、市长李明主持,县人大常委会主任龙启明、县政协主席a书记b",
            "区委书记王强和副区长张三出席,会议由副县长主持。由经在据受并和与及还有其中",
            all.as_str(),
        ];
        let map = OffsetMap::new();
        for t in texts {
            let ctx = Ctx::new(t, &map);
            for at in 0..=t.len() + 1 {
                for floor in [0, 1, 3, at.saturating_sub(9), at.saturating_sub(6), at] {
                    let want = ctx.backs::<8>(at).into_iter().rev().find(|&st| {
                        st >= floor && st < at && ctx.hits.at(Kind::Titles, st).is_some_and(|(_, e)| e == at)
                    });
                    assert_eq!(title_ending_at(&ctx, at, floor), want, "{at} {floor} in {t}");
                }
                if TITLE_PREFIXES.iter().any(|p| starts_with_word(&ctx, at, p)) {
                    assert!(may_open_prefix(&ctx, at), "{at} in {t}");
                }
                assert_eq!(char_before(&ctx, at), ctx.char_before(at), "{at} in {t}");
            }
        }
    }

    #[test]
    fn starts_with_word_answers_as_starts() {
        let text = "会议由副县长主持,会上,由x经在据受并和与及还有其中会";
        let map = OffsetMap::new();
        let ctx = Ctx::new(text, &map);
        for pos in 0..=text.len() + 2 {
            for w in TITLE_PREFIXES {
                assert_eq!(starts_with_word(&ctx, pos, w), ctx.starts(pos, w), "{w} at {pos}");
            }
        }
    }

    #[test]
    fn title_chains_and_roles() {
        let v = names("昨日,順德區委副書記、區長彭聰恩主持召開區政府常務會議。");
        assert_eq!(v, vec![("彭聰恩".into(), Some("順德區委副書記、區長".into()), Role::Chair)]);
        let v = names("區長林清伏作工作部署,區領導陳清擁、楊華民參加。");
        assert_eq!(v[0], ("林清伏".into(), Some("區長".into()), Role::Speaker));
        assert_eq!(v[1], ("陳清擁".into(), Some("區領導".into()), Role::Attendee));
        assert_eq!(v[2].0, "楊華民");
    }

    #[test]
    fn a_title_refers_back_to_the_one_person_who_holds_it() {
        let text = "區委書記蒼雲鶴出席,區委副書記、區長宇文松主持會議。該區區長強調,要抓好。這位書記指出,要抓實。該區長表示。";
        let map = OffsetMap::new();
        let ctx = Ctx::new(text, &map);
        let mut known = Known::default();
        let ms = mentions(&ctx, CleanSpan::new(0, text.len()), &mut known);
        let at = |w: &str| text.find(w).unwrap();
        let refer = |w: &str| anaphor(&ctx, at(w), text.len(), &ms).map(|(n, r)| (ctx.raw(n).to_owned(), ctx.raw(r).to_owned()));
        assert_eq!(refer("該區區長"), Some(("宇文松".into(), "該區區長".into())));
        // 區委副書記、區長 ends in 區長, so only 蒼雲鶴's title ends in 書記.
        assert_eq!(refer("這位書記"), Some(("蒼雲鶴".into(), "這位書記".into())));
        assert_eq!(refer("該區長"), Some(("宇文松".into(), "該區長".into())));
        // Nobody named before holds the title, or two people do: no reference.
        let text = "區長李明和區長王強出席。該區長強調,要抓好。";
        let ctx = Ctx::new(text, &map);
        let ms = mentions(&ctx, CleanSpan::new(0, text.len()), &mut Known::default());
        assert_eq!(anaphor(&ctx, text.find("該").unwrap(), text.len(), &ms), None);
        assert_eq!(anaphor(&ctx, 0, text.len(), &[]), None);
    }

    #[test]
    fn two_and_three_character_names() {
        let v = names("李酌在講話中指出,要抓好。");
        assert_eq!(v[0].0, "李酌");
        assert_eq!(v[0].2, Role::Speaker);
        let v = names("歐陽明華強調,要抓好。");
        assert_eq!(v[0].0, "歐陽明華");
        // A later clause that leaves its subject out: the subject presides.
        let v = names("市長蘇啟航帶隊調研,先後走訪企業,並主持召開座談會。");
        assert_eq!(v[0], ("蘇啟航".into(), Some("市長".into()), Role::Chair));
        let v = names("市長蘇啟航帶隊調研,副市長邵安然主持召開座談會。");
        assert_eq!((v[0].2, v[1].2), (Role::Mentioned, Role::Chair));
        // 和 joins two names, never a name and a verb.
        let v = names("局長晏清和通報了情況。");
        assert_eq!(v[0], ("晏清和".into(), Some("局長".into()), Role::Speaker));
        let v = names("局長李明和局長王強出席。");
        assert_eq!((v[0].0.as_str(), v[1].0.as_str()), ("李明", "王強"));
    }
}
