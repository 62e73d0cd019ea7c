//! Character-level helpers over the cleaned text and its Simplified copy.

use crate::clean::OffsetMap;
use crate::span::{CleanSpan, Span};

use super::hits::{Hits, Scan};
use super::lex::{self, Lexicons};

/// What every extractor works on: the cleaned text, a Simplified copy with
/// the same byte offsets (fast2s maps each 3-byte character to a 3-byte
/// character), and the map back to the original.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub simp: String,
    pub map: &'a OffsetMap,
    pub lex: &'static Lexicons,
    /// Every character of `simp` outside U+4000..U+9FFF, in order: all the
    /// punctuation, spaces and Latin text the walkers look for. A walk for
    /// a comma or a sentence end visits these instead of every character,
    /// which in Chinese prose is about one in eight.
    pub stops: Vec<Stop>,
    /// Every occurrence of the searched lexicons' words in `simp`.
    pub hits: Hits,
}

/// A character of the Simplified text that is not a core CJK ideograph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    pub pos: usize,
    pub c: char,
}

/// The [`Stop`]s of `s`: one pass over the bytes, decoding only the
/// characters whose lead byte is not E4..E9 (U+4000..U+9FFF).
pub fn stops_of(s: &str) -> Vec<Stop> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 16);
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        let len = match lead {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if !(0xE4..=0xE9).contains(&lead) {
            if let Some(c) = s.get(i..).and_then(|t| t.chars().next()) {
                out.push(Stop { pos: i, c });
            }
        }
        i += len;
    }
    out
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, map: &'a OffsetMap) -> Self {
        let lex = lex::get();
        let (simp, stops, hits) = simplified_with_stops(text, lex);
        Self { text, simp, map, lex, stops, hits }
    }

    /// The stops inside `s`, in order.
    pub fn stops_in(&self, s: CleanSpan) -> &[Stop] {
        let lo = self.stops.partition_point(|t| t.pos < s.start);
        let hi = lo + self.stops[lo..].partition_point(|t| t.pos < s.end);
        &self.stops[lo..hi]
    }

    /// The original span of a cleaned span.
    pub fn orig(&self, s: CleanSpan) -> Span {
        self.map.to_original(s)
    }

    /// The text as written (original script).
    pub fn raw(&self, s: CleanSpan) -> &str {
        s.of(self.text)
    }

    /// The Simplified text.
    pub fn s(&self, s: CleanSpan) -> &str {
        s.of(&self.simp)
    }

    pub fn char_at(&self, pos: usize) -> Option<char> {
        self.simp.get(pos..).and_then(|t| t.chars().next())
    }

    pub fn char_before(&self, pos: usize) -> Option<char> {
        self.simp.get(..pos).and_then(|t| t.chars().next_back())
    }

    /// The position `n` characters after `pos` (or the end).
    pub fn fwd(&self, pos: usize, n: usize) -> usize {
        let rest = self.simp.get(pos..).unwrap_or("");
        match rest.char_indices().nth(n) {
            Some((i, _)) => pos + i,
            None => self.simp.len(),
        }
    }

    /// The position `n` characters before `pos` (or 0).
    pub fn back(&self, pos: usize, n: usize) -> usize {
        let head = self.simp.get(..pos).unwrap_or("");
        let mut p = pos;
        for (i, _) in head.char_indices().rev().take(n) {
            p = i;
        }
        if n == 0 {
            pos
        } else {
            p
        }
    }

    /// `[back(pos, 1), back(pos, 2), …, back(pos, N)]` in one walk.
    pub fn backs<const N: usize>(&self, pos: usize) -> [usize; N] {
        let head = self.simp.get(..pos).unwrap_or("");
        let mut out = [pos; N];
        let (mut p, mut k) = (pos, 0);
        for (i, _) in head.char_indices().rev().take(N) {
            p = i;
            out[k] = i;
            k += 1;
        }
        // Fewer than N characters: `back` stops at the first one.
        for o in &mut out[k..] {
            *o = p;
        }
        out
    }

    pub fn starts(&self, pos: usize, word: &str) -> bool {
        self.simp.get(pos..).is_some_and(|t| t.starts_with(word))
    }

    /// Skips the given characters forward.
    pub fn skip(&self, mut pos: usize, end: usize, f: impl Fn(char) -> bool) -> usize {
        while pos < end {
            match self.char_at(pos) {
                Some(c) if f(c) => pos += c.len_utf8(),
                _ => break,
            }
        }
        pos
    }

    /// Number of characters in a span.
    pub fn chars(&self, s: CleanSpan) -> usize {
        self.s(s).chars().count()
    }
}

/// The code points [`simplified`] looks up: CJK Extension A through the
/// end of the Unified Ideographs block (as `crate::script` does).
const SIMP_BASE: u32 = 0x3400;
const SIMP_END: u32 = 0xA000;

/// A [`simp_table`] entry: the lexicon scan's class of the Simplified form
/// ([`super::hits::Dfa::class`]) in the low bits; when the form differs
/// from the character, [`SIMP_CHANGED`] and the form (a three-byte
/// character's is one too, so in the Basic Multilingual Plane) above them.
/// A changed entry is thus larger than any state of the scan plus its class,
/// so the scan's bounds check on the transition tells the rare changed
/// character from the rest.
const SIMP_CLASS: u32 = 0xFFF;
const SIMP_SHIFT: u32 = 12;
const SIMP_CHANGED: u32 = 1 << 31;

/// The Simplified form of code point `cp` by its entry `e`.
#[inline(always)]
fn simp_of(e: u32, cp: u32) -> u32 {
    if e & SIMP_CHANGED != 0 {
        (e >> SIMP_SHIFT) & 0xFFFF
    } else {
        cp
    }
}

/// For every code point of the Basic Multilingual Plane, its entry (see
/// [`SIMP_CLASS`]): the form is `crate::script::simplified_char` over
/// `SIMP_BASE..SIMP_END`, the code point itself elsewhere (and there of
/// class 0: every word is of core Han ideographs). Built once. A three-byte
/// sequence's code point indexes it with no bounds check.
fn simp_table() -> &'static [u32; 0x1_0000] {
    static T: std::sync::OnceLock<Box<[u32; 0x1_0000]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let dfa = &lex::get().scan;
        let mut t = Box::new([0u32; 0x1_0000]);
        for (cp, e) in (SIMP_BASE..).zip(&mut t[SIMP_BASE as usize..SIMP_END as usize]) {
            *e = match char::from_u32(cp) {
                Some(c) => {
                    let s = crate::script::simplified_char(c);
                    // Offsets must hold: a form of another length is not used.
                    let s = if s.len_utf8() == c.len_utf8() { s } else { c };
                    let class = dfa.class(s) as u32 & SIMP_CLASS;
                    if s == c {
                        class
                    } else {
                        SIMP_CHANGED | (s as u32) << SIMP_SHIFT | class
                    }
                }
                _ => 0,
            };
        }
        t
    })
}

/// The same text as `crate::script::simplified`, with the same byte
/// offsets, made faster for the per-document copy: runs of characters that
/// stay as they are are copied whole, and only the characters whose
/// Simplified form differs are written one by one (a three-byte character
/// for a three-byte character). Only three-byte sequences led by E3..E9
/// (U+3000..U+9FFF) can be in the table.
pub fn simplified(text: &str) -> String {
    let t = simp_table();
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    // `copied`: the end of what `out` holds of `text`.
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        let lead = b[i];
        if !(0xE3..=0xE9).contains(&lead) {
            i += match lead {
                0x00..=0x7F => 1,
                0x80..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        if i + 2 < b.len() {
            let cp = cp3(lead, b[i + 1], b[i + 2]);
            let s = simp_of(t[cp as usize], cp);
            if s != cp {
                out.push_str(&text[copied..i]);
                out.push(char::from_u32(s).unwrap_or(' '));
                copied = i + 3;
            }
        }
        i += 3;
    }
    out.push_str(&text[copied..]);
    out
}

/// The code point of the three-byte UTF-8 sequence `l x y` (lead byte
/// E0..EF), read off its bytes without decoding.
#[inline(always)]
pub(crate) fn cp3(l: u8, x: u8, y: u8) -> u32 {
    ((l as u32 & 0x0F) << 12) | ((x as u32 & 0x3F) << 6) | (y as u32 & 0x3F)
}

/// [`simplified`], the [`stops_of`] its result and its [`Hits`], in one
/// pass over the bytes: the stops are read off each character as it is
/// mapped, and each character of the result is fed to the lexicon scan (its
/// class read off the same table entry) as it is written.
#[inline(never)]
pub fn simplified_with_stops(text: &str, lex: &Lexicons) -> (String, Vec<Stop>, Hits) {
    let t = simp_table();
    let b = text.as_bytes();
    let mut w = Writer {
        text,
        out: String::with_capacity(text.len()),
        // Room for a stop every eight bytes and a word end every twelve (a
        // Chinese report has about one in twenty and one in forty-five), so
        // that neither list is grown and copied on most documents. (Capping
        // these for big files changed the pass's code and cost 3-6 % of the
        // pipeline's time; a 32 MB file reserves about 110 MB here.)
        stops: Vec::with_capacity(b.len() / 8 + 8),
        copied: 0,
    };
    let mut scan = Scan { found: Vec::with_capacity(b.len() / 12 + 8) };
    // The scan's automaton, its state held here.
    let (trans, matching, start) = (&lex.scan.trans[..], lex.scan.matching, lex.scan.start);
    let mut sid = start;
    // What is left of the text; its position is `b.len() - rest.len()`.
    let mut rest = b;
    loop {
        // The common case first: runs of characters of U+4000..U+9FFF (lead
        // byte E4..E9), mostly staying as they are.
        while let &[lead, b1, b2, ref tail @ ..] = rest {
            if lead.wrapping_sub(0xE4) >= 6 {
                break;
            }
            let cp = cp3(lead, b1, b2);
            let e = t[cp as usize];
            sid = match trans.get(sid as usize + e as usize) {
                Some(&next) => next,
                None => {
                    // Only a changed character's entry is this large.
                    w.change(b.len() - rest.len(), simp_of(e, cp));
                    trans.get(sid as usize + (e & SIMP_CLASS) as usize).copied().unwrap_or(start)
                }
            };
            rest = tail;
            if sid < matching {
                scan.found.push((b.len() - rest.len(), sid));
            }
        }
        let Some(&lead) = rest.first() else { break };
        let i = b.len() - rest.len();
        if lead < 0x80 {
            // No word holds it: the scan starts again after it.
            w.stops.push(Stop { pos: i, c: lead as char });
            sid = start;
            rest = &rest[1..];
            continue;
        }
        // Any other character is a stop, changed only if led by E3 (or one
        // of E4..E9 at the very end, never in valid UTF-8).
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        let (s, class) = match t.get(c as usize) {
            Some(&e) if (0xE3..=0xE9).contains(&lead) => (simp_of(e, c as u32), e & SIMP_CLASS),
            _ => (c as u32, 0),
        };
        if s != c as u32 {
            w.change(i, s);
        } else if !('\u{4000}'..='\u{9FFF}').contains(&c) {
            w.stops.push(Stop { pos: i, c });
        }
        rest = rest.get(c.len_utf8()..).unwrap_or(&[]);
        sid = scan.step(lex, sid, class as usize, b.len() - rest.len());
    }
    let Writer { mut out, stops, copied, .. } = w;
    out.push_str(&text[copied..]);
    (out, stops, scan.finish(lex))
}

/// The Simplified copy and the stops being written.
struct Writer<'a> {
    text: &'a str,
    out: String,
    stops: Vec<Stop>,
    /// The end of what `out` holds of `text`.
    copied: usize,
}

impl Writer<'_> {
    /// Writes the Simplified form `s` of the three-byte character at `i`
    /// (with the text before it not yet copied), and its stop if it is one.
    #[inline(never)]
    fn change(&mut self, i: usize, s: u32) {
        let s = char::from_u32(s).unwrap_or(' ');
        self.out.push_str(&self.text[self.copied..i]);
        self.out.push(s);
        self.copied = i + 3;
        if !('\u{4000}'..='\u{9FFF}').contains(&s) {
            self.stops.push(Stop { pos: i, c: s });
        }
    }
}

/// A fast, non-keyed hasher (FxHash's multiply-rotate) for the small
/// per-document sets and maps of names and texts: their keys come from one
/// document, and SipHash's protection buys nothing there.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FastSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<FxHasher>>;
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// True when `needle` occurs in `hay` (as `str::contains`, without building
/// a two-way searcher for every call on a short clause).
#[inline]
pub fn has(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&last, _)) = n.split_last() else { return true };
    if n.len() > h.len() {
        return false;
    }
    // Candidates by the needle's last byte (a continuation byte for Han
    // text, so few false hits), then one comparison each.
    memchr::memchr_iter(last, &h[n.len() - 1..]).any(|i| &h[i..i + n.len()] == n)
}

/// The byte offset of the first occurrence of `needle` in `hay` (as
/// `str::find` with a string needle; candidates by the needle's last byte).
#[inline]
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&last, _) = n.split_last()?;
    if n.len() > h.len() {
        return None;
    }
    memchr::memchr_iter(last, &h[n.len() - 1..]).find(|&i| &h[i..i + n.len()] == n)
}

/// Every non-overlapping occurrence of `needle` in `hay`, left to right (as
/// `memchr::memmem::find_iter`), without building a searcher per needle.
pub fn find_all(hay: &[u8], needle: &[u8], mut f: impl FnMut(usize)) {
    let Some((&last, _)) = needle.split_last() else { return };
    if needle.len() > hay.len() {
        return;
    }
    let k = needle.len() - 1;
    let mut next = 0;
    for i in memchr::memchr_iter(last, &hay[k..]) {
        if i >= next && &hay[i..i + needle.len()] == needle {
            f(i);
            next = i + needle.len();
        }
    }
}

/// True when any of `needles` occurs in `hay`.
#[inline]
pub fn has_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| has(hay, n))
}

/// A CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Punctuation that separates clauses or sentences.
pub fn is_break(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{FF0C}' | '。' | ';' | '\u{FF1B}' | ':' | '\u{FF1A}' | '!' | '\u{FF01}' | '?' | '\u{FF1F}' | '\n' | '、' | '(' | ')' | '\u{FF08}' | '\u{FF09}'
    ) || c.is_whitespace()
        || c == '\u{3000}'
}

pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{FF0C}')
}

pub fn is_colon(c: char) -> bool {
    matches!(c, ':' | '\u{FF1A}')
}

/// The low six bits of the last bytes of `words`, as a set (every bit for
/// an empty word): a text whose last byte is not in it ends in none of them.
pub const fn last_bytes(words: &[&str]) -> u64 {
    let mut set = 0u64;
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes();
        set |= match b.last() {
            Some(&l) => 1 << (l & 63),
            None => u64::MAX,
        };
        i += 1;
    }
    set
}

/// Characters that carry no words: punctuation, spaces.
pub fn is_punct_or_space(c: char) -> bool {
    !alnum(c)
}

/// `char::is_alphanumeric`, answered at once for ASCII and the core Han
/// block (U+4E00..U+9FEF, all alphabetic) instead of through the Unicode
/// tables.
#[inline]
pub fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{4E00}'..='\u{9FEF}').contains(&c) {
        true
    } else if matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}') {
        // General punctuation, CJK punctuation and brackets, full-width
        // punctuation: none alphanumeric (the tables' slow lookup spared).
        false
    } else {
        c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_simplified_is_the_script_module_s() {
        let s = "會議強調,要切實做好區縣工作。abc é ß 𠀀𪚥 乾隆 㐀䶿一鿿 ，：Ａ\u{3000}\n臺灣開會";
        assert_eq!(simplified(s), crate::script::simplified(s));
        for cp in (0x3000..0xA100).step_by(7) {
            if let Some(c) = char::from_u32(cp) {
                let t: String = [c, 'x', c].iter().collect();
                assert_eq!(simplified(&t), crate::script::simplified(&t));
            }
        }
    }

    #[test]
    fn stops_are_every_character_outside_the_core_han_block() {
        let s = "會議強調,要“抓好”。abc é 𠀀㐀\u{3000}\n一鿿";
        let want: Vec<Stop> =
            s.char_indices().filter(|&(_, c)| !('\u{4000}'..='\u{9fff}').contains(&c)).map(|(pos, c)| Stop { pos, c }).collect();
        assert_eq!(stops_of(s), want);
        for t in [s, "會議強調,要切實做好區縣工作。abc é ß 𠀀𪚥 乾隆 㐀䶿一鿿 ，：Ａ\u{3000}\n臺灣開會", ""] {
            let (simp, stops, hits) = simplified_with_stops(t, lex::get());
            assert_eq!(simp, simplified(t));
            assert_eq!(stops, stops_of(&simp));
            assert_eq!(hits, Hits::new(lex::get(), &simp), "{t}");
        }
        for cp in (0x3000..0xA100).step_by(5) {
            if let Some(c) = char::from_u32(cp) {
                let t: String = [c, 'x', c, '，'].iter().collect();
                let (simp, stops, hits) = simplified_with_stops(&t, lex::get());
                assert_eq!(stops, stops_of(&simp), "{t}");
                assert_eq!(hits, Hits::new(lex::get(), &simp), "{t}");
            }
        }
        let map = OffsetMap::new();
        let ctx = Ctx::new(s, &map);
        let span = CleanSpan::new(s.find('要').unwrap(), s.find('a').unwrap());
        let inner: Vec<char> = ctx.stops_in(span).iter().map(|t| t.c).collect();
        assert_eq!(inner, ['“', '”', '。']);
    }

    #[test]
    fn backs_are_back_for_each_count() {
        let map = OffsetMap::new();
        for s in ["", "a", "會議", "區長李明強調,要抓好"] {
            let ctx = Ctx::new(s, &map);
            for pos in 0..=s.len() {
                let b = ctx.backs::<8>(pos);
                for k in 1..=8 {
                    assert_eq!(b[k - 1], ctx.back(pos, k), "{s} {pos} {k}");
                }
            }
        }
    }

    #[test]
    fn alnum_is_is_alphanumeric() {
        for cp in (0..0x3_0000).chain([0xE_0001, 0x10_FFFF]) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(alnum(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn has_is_contains() {
        for (h, n) in [("会议强调", "强调"), ("会议强调", "议强"), ("会议", "会议强调"), ("", "a"), ("abc", ""), ("a会", "会")] {
            assert_eq!(has(h, n), h.contains(n), "{h} {n}");
        }
        assert!(!has("会议强调", "调会"));
        for (h, n) in [("会议强调会议", "会议"), ("王王王王王", "王王"), ("abcabc", "c"), ("", "x"), ("x", "")] {
            if !n.is_empty() {
                assert_eq!(find_str(h, n), h.find(n), "{h} {n}");
            }
            let mut a = Vec::new();
            find_all(h.as_bytes(), n.as_bytes(), |i| a.push(i));
            let b: Vec<usize> = if n.is_empty() { Vec::new() } else { memchr::memmem::find_iter(h.as_bytes(), n.as_bytes()).collect() };
            assert_eq!(a, b, "{h} {n}");
        }
    }
}
