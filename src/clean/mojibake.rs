//! Repairs GBK byte-misalignment mojibake.
//!
//! When GBK text loses (or duplicates) one byte, every following byte pair is
//! read across the character boundary: `確保“零遺漏”` comes out as
//! `確?！傲氵z漏”`. The run lasts until an ASCII byte puts the decoder back in
//! step; the seeds show its marks: a `?` where a byte was lost or could not
//! be decoded, characters rarely seen together, a pinyin fragment (`?zhǔn)`)
//! where a later tool annotated a garbled character, a stray Latin letter
//! where a trail byte was read alone.
//!
//! Repair: re-encode the run as GBK (half-width marks inside the run stand
//! for the full-width ones the garbled decode produced), read the bytes one
//! byte over, and decode. A byte that was lost is chosen among the
//! candidates by the readings table (the `?zhǔn)` fragment says which
//! character stood there), by common two-character words with its neighbour,
//! else left as □ (U+25A1). The repair is kept only when it reads as common
//! text and the run did not; text that is fine is never touched.
//!
//! Some runs lost more than one byte where the decoder came back in step: the
//! last pairs decode to a character made of two surviving lead bytes, one of
//! each of two characters whose other bytes are gone, and the character fits
//! neither neighbour (nor is it a common character). Such a stretch cannot
//! be recovered, only guessed: it is filled from the set-phrase lexicon
//! (`lexicon/set_phrases.txt`) when exactly one phrase begins with the first
//! surviving lead byte, carries the second as a later lead byte, and has an
//! uncommon character attested in the text around the run. The fill is a guess and
//! says so (`Run::guessed`, a warning of its own).

use super::offset_map::{Layer, Rewriter};
use super::tables::{base_letter, is_han, is_pinyin_letter, is_pinyin_mark, tables};
use std::ops::Range;

/// The mark for a character that cannot be recovered.
pub const UNKNOWN: char = '□';

/// One garbled run found.
#[derive(Clone, Debug)]
pub struct Run {
    /// The run in the pass input.
    pub range: Range<usize>,
    /// The repaired text, or `None` when the run was left as it was.
    pub repaired: Option<String>,
    /// How many characters of the repair are □.
    pub unknown: usize,
    /// Set phrases filled in where bytes were lost (guesses, not recoveries),
    /// each with the two surviving lead bytes that matched it.
    pub guessed: Vec<(String, [u8; 2])>,
}

/// Longest run looked at, in bytes of GBK.
const MAX_RUN: usize = 600;

/// False when [`repair`] certainly finds nothing: the text has no anchor
/// (`?` or U+FFFD).
pub fn may_repair(src: &str) -> bool {
    memchr::memchr(b'?', src.as_bytes()).is_some() || has_replacement(src)
}

fn has_replacement(src: &str) -> bool {
    // The searcher is built once, not per document.
    static FFFD: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    FFFD.get_or_init(|| memchr::memmem::Finder::new("\u{FFFD}".as_bytes())).find(src.as_bytes()).is_some()
}

/// The new text (`None`: unchanged), its layer and what was found.
pub fn repair(src: &str) -> (Option<String>, Layer, Vec<Run>) {
    let b = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut runs = Vec::new();
    let mut i = 0;
    // Anchors: `?` and U+FFFD (EF BF BD) right after a character GBK encodes
    // in two bytes. EF leads much CJK punctuation: look for it only when the
    // text holds a U+FFFD at all.
    let ef = if has_replacement(src) { 0xEF } else { b'?' };
    while let Some(p) = memchr::memchr2(b'?', ef, &b[i..]) {
        let at = i + p;
        i = at + 1;
        let anchor_len = if b[at] == b'?' {
            1
        } else if b[at..].starts_with("\u{FFFD}".as_bytes()) {
            3
        } else {
            continue;
        };
        if at < w.pos() {
            continue;
        }
        let Some(prev) = src[..at].chars().next_back() else { continue };
        let run = match gbk2(prev) {
            Some(prev_bytes) => attempt(src, at, anchor_len, prev, prev_bytes),
            None => None,
        };
        let run = match run {
            Some(r) if r.repaired.is_some() => Some(r),
            other => lost_character(src, at, anchor_len, prev).or(other),
        };
        if let Some(run) = run {
            if let Some(r) = &run.repaired {
                w.replace(run.range.clone(), r);
                i = run.range.end;
            }
            runs.push(run);
        }
    }
    let (text, layer) = w.finish_changed();
    (text, layer, runs)
}

/// A byte of the garbled stream, known or lost.
type Byte = Option<u8>;

/// Parses and repairs the run whose anchor `?` stands at `at`.
fn attempt(src: &str, at: usize, anchor_len: usize, prev: char, prev_bytes: [u8; 2]) -> Option<Run> {
    let mut pos = at + anchor_len;
    // The anchor stands for the lost lead byte of the first character; a
    // pinyin fragment after it names the garbled character it replaced,
    // which began with the previous character's trail byte.
    let lead_reading = reading_after(src, pos).map(|(syl, end)| {
        pos = end;
        syl
    });
    let mut bytes: Vec<Byte> = vec![None];
    let mut garbled: Vec<char> = Vec::new();
    let mut fragments = lead_reading.is_some() as usize;
    let mut end_kind = End::Open;
    let rest = &src[pos..];
    let mut iter = rest.char_indices().peekable();
    while let Some((k, c)) = iter.next() {
        let here = pos + k;
        if bytes.len() > MAX_RUN {
            return None;
        }
        if c == '?' || c == '\u{FFFD}' {
            let after = here + c.len_utf8();
            if let Some((_, end)) = pinyin_fragment(src, after) {
                // A whole garbled character lost mid-run.
                bytes.extend([None, None]);
                fragments += 1;
                skip_to(&mut iter, end - pos);
                continue;
            }
            // A lead byte the decoder could not pair: the run ends here.
            bytes.push(None);
            end_kind = End::At(after);
            break;
        }
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                // A trail byte read alone: the decoder is back in step after it.
                bytes.push(Some(c as u8));
                end_kind = End::At(here + 1);
                break;
            }
            let next_is_garbled = iter.peek().is_some_and(|&(_, d)| !d.is_ascii() && gbk2(d).is_some());
            if c.is_ascii_punctuation() && next_is_garbled && bytes.len() <= 3 {
                // The full-width mark a garbled pair decoded to, later narrowed.
                bytes.extend([Some(0xA3), Some(0x80 + c as u8)]);
                continue;
            }
            end_kind = End::Before(here);
            break;
        }
        let Some(pair) = gbk2(c).filter(|_| c != UNKNOWN) else {
            end_kind = End::Before(here);
            break;
        };
        // A later annotation of a garbled character: `瘫(tān)`.
        if let Some(end) = bracketed_pinyin(src, here + c.len_utf8()) {
            fragments += 1;
            bytes.extend(pair.map(Some));
            garbled.push(c);
            skip_to(&mut iter, end - pos);
            continue;
        }
        bytes.extend(pair.map(Some));
        garbled.push(c);
    }
    let end = match end_kind {
        End::At(e) | End::Before(e) => e,
        End::Open => src.len(),
    };
    if garbled.is_empty() {
        return None;
    }
    if bytes.len() % 2 == 1 {
        // The run ran out without a resync: its last character lost its trail.
        bytes.push(None);
    }
    let range = at..end;
    let mut decoded = decode_shifted(&bytes, prev, prev_bytes, lead_reading.as_deref());
    let before_score = quality(garbled.iter().copied());
    let after_score = quality(decoded.iter().copied());
    let unknown = decoded.iter().filter(|&&c| c == UNKNOWN).count();
    let suspicious = fragments > 0 || src[at..].starts_with('\u{FFFD}') || before_score < 0.5;
    let good = unknown * 3 <= decoded.len() && after_score >= 0.75 && after_score >= before_score + 0.2;
    if good {
        let guessed = fill_lost(&mut decoded, &bytes, prev, src, &range);
        let repaired: String = decoded.into_iter().collect();
        return Some(Run { range, repaired: Some(repaired), unknown, guessed });
    }
    suspicious.then_some(Run { range, repaired: None, unknown: 0, guessed: Vec::new() })
}

/// The fallback for `?(pinyin)` that is no misalignment: the character was
/// replaced by `?` after a tool had annotated it, so its reading is known.
/// Restore it when exactly the reading and a common word with a neighbour
/// point to it (in its Simplified form, the form the readings table holds);
/// else mark it □.
fn lost_character(src: &str, at: usize, anchor_len: usize, prev: char) -> Option<Run> {
    let (syl, end) = reading_after(src, at + anchor_len)?;
    let next = src[end..].chars().next();
    let t = tables();
    let mut top: Option<(i32, char)> = None;
    for c in t.read_as(&syl).chars() {
        let word = t.is_word(prev, c) as i32 + next.is_some_and(|n| t.is_word(c, n)) as i32;
        if word == 0 {
            continue;
        }
        let score = word * 30 + 20 - t.band(c).map_or(20, i32::from);
        if top.is_none_or(|(s, _)| score > s) {
            top = Some((score, c));
        }
    }
    let c = top.map_or(UNKNOWN, |(_, c)| c);
    Some(Run { range: at..end, repaired: Some(c.to_string()), unknown: (c == UNKNOWN) as usize, guessed: Vec::new() })
}

enum End {
    /// The run ends at this index (after its terminator).
    At(usize),
    /// The run ends before this index (no terminator seen).
    Before(usize),
    Open,
}

fn skip_to(iter: &mut std::iter::Peekable<std::str::CharIndices<'_>>, rel: usize) {
    while iter.peek().is_some_and(|&(k, _)| k < rel) {
        iter.next();
    }
}

/// Reads the byte pairs one byte over and decodes them, filling lost bytes.
fn decode_shifted(bytes: &[Byte], prev: char, prev_bytes: [u8; 2], lead_reading: Option<&str>) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(bytes.len() / 2);
    let pairs: Vec<(Byte, Byte)> = bytes.chunks(2).map(|p| (p[0], p.get(1).copied().flatten())).collect();
    for (k, &(a, b)) in pairs.iter().enumerate() {
        let left = out.last().copied().unwrap_or(prev);
        let right = pairs.get(k + 1).and_then(|&(x, y)| decode2(x?, y?)).filter(|c| *c != UNKNOWN);
        let c = match (a, b) {
            (Some(a), Some(b)) => decode2(a, b).unwrap_or(UNKNOWN),
            (None, Some(b)) => {
                // The lead byte was lost. For the first character, a pinyin
                // fragment may name the garbled character (prev trail, lead).
                let constraint: Option<Vec<u8>> = (k == 0).then_some(lead_reading).flatten().map(|syl| {
                    (0x40..=0xFEu8)
                        .filter(|&x| decode2(prev_bytes[1], x).is_some_and(|m| reads(m, syl)))
                        .collect()
                });
                match constraint {
                    Some(leads) if !leads.is_empty() => {
                        best(leads.into_iter().filter_map(|x| decode2(x, b)), left, right, true)
                    }
                    _ => best((0x81..=0xFEu8).filter_map(|x| decode2(x, b)), left, right, false),
                }
            }
            (Some(a), None) => best(trail_bytes().filter_map(|y| decode2(a, y)), left, right, false),
            (None, None) => UNKNOWN,
        };
        out.push(c);
    }
    out
}

fn trail_bytes() -> impl Iterator<Item = u8> {
    (0x40..=0x7Eu8).chain(0x80..=0xFE)
}

/// The best candidate: one that makes a common word with a neighbour (or,
/// when `trusted`, any candidate the reading allowed), the most frequent
/// first; □ when none qualifies.
fn best(cands: impl Iterator<Item = char>, left: char, right: Option<char>, trusted: bool) -> char {
    let t = tables();
    let mut top: Option<(i32, char)> = None;
    // The neighbours in their Simplified forms once, not per candidate.
    let (left, right) = (t.simplified(left), right.map(|r| t.simplified(r)));
    for c in cands {
        if !is_han(c) {
            continue;
        }
        let s = t.simplified(c);
        let word = t.is_simplified_word(left, s) as i32 + right.is_some_and(|r| t.is_simplified_word(s, r)) as i32;
        if word == 0 && !trusted {
            continue;
        }
        let freq = 20 - t.band(c).map_or(20, i32::from);
        let score = word * 30 + freq;
        if top.is_none_or(|(s, _)| score > s) {
            top = Some((score, c));
        }
    }
    top.map_or(UNKNOWN, |(_, c)| c)
}

/// Whether `c` has the reading `syl` (tones compared when both have them).
fn reads(c: char, syl: &str) -> bool {
    let Some(rs) = tables().readings(c) else { return false };
    let plain = || syl.chars().map(base_letter);
    rs.iter().any(|r| *r == syl || r.chars().map(base_letter).eq(plain()))
}

/// The share of characters that read as common text.
fn quality(chars: impl Iterator<Item = char>) -> f64 {
    let t = tables();
    let (mut n, mut good) = (0usize, 0usize);
    for c in chars {
        n += 1;
        let ok = if is_han(c) {
            t.band(c).is_some_and(|b| b <= 10)
        } else {
            matches!(c, '“' | '”' | '‘' | '’' | '、' | '。' | '，' | '：' | '；' | '《' | '》' | '（' | '）' | '·')
        };
        good += ok as usize;
    }
    if n == 0 {
        0.0
    } else {
        good as f64 / n as f64
    }
}

/// The set phrases, Simplified and Traditional.
fn set_phrases() -> &'static [(&'static str, &'static str)] {
    static PHRASES: std::sync::OnceLock<Vec<(&'static str, &'static str)>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        SET_PHRASES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

const SET_PHRASES: &str = include_str!("../lexicon/set_phrases.txt");

/// The first frequency band whose characters attest a phrase (the common
/// ones are everywhere) or may stand for lost bytes.
const UNCOMMON: u8 = 4;

/// How far around a run its context reaches, in bytes.
const CONTEXT: usize = 240;

/// Fills the stretches of `decoded` where bytes were lost (see the module
/// notes) with set phrases; returns what was filled.
fn fill_lost(decoded: &mut Vec<char>, bytes: &[Byte], prev: char, src: &str, run: &Range<usize>) -> Vec<(String, [u8; 2])> {
    let t = tables();
    let mut guessed = Vec::new();
    // Candidates first, so the context is the repaired run as decoded.
    let mut fills: Vec<(usize, &'static str, [u8; 2])> = Vec::new();
    let mut context: Option<(Vec<char>, bool)> = None;
    // Only where the decoder came back in step: the last two characters.
    for k in decoded.len().saturating_sub(2)..decoded.len() {
        let (Some(a), Some(b)) = (bytes.get(2 * k).copied().flatten(), bytes.get(2 * k + 1).copied().flatten()) else {
            continue;
        };
        let c = decoded[k];
        if a < 0x81 || b < 0x81 || c == UNKNOWN || !is_han(c) {
            continue;
        }
        // A common character is taken at its word; a suspect is judged
        // against both neighbours, so one must be known.
        if t.band(c).is_some_and(|b| b < UNCOMMON) {
            continue;
        }
        let left = if k == 0 { prev } else { decoded[k - 1] };
        let right = decoded.get(k + 1).copied().filter(|&r| r != UNKNOWN);
        if t.is_word(left, c) || right.is_some_and(|r| t.is_word(c, r)) || right.is_none() {
            continue;
        }
        let (ctx, traditional) = context.get_or_insert_with(|| around(decoded, src, run));
        let mut top: Option<(usize, &'static str)> = None;
        let mut tie = false;
        for &(simp, trad) in set_phrases() {
            if !leads_match(simp, a, b) && !leads_match(trad, a, b) {
                continue;
            }
            // Attested: an uncommon character of the phrase, past its first,
            // stands near the run (the suspect character itself excepted).
            let support = simp
                .chars()
                .skip(1)
                .filter(|&p| p != t.simplified(c) && t.band(p).is_none_or(|b| b >= UNCOMMON) && ctx.contains(&p))
                .count();
            if support == 0 {
                continue;
            }
            match top {
                Some((s, _)) if support < s => {}
                Some((s, _)) if support == s => tie = true,
                _ => {
                    top = Some((support, if *traditional { trad } else { simp }));
                    tie = false;
                }
            }
        }
        if let (Some((_, phrase)), false) = (top, tie) {
            fills.push((k, phrase, [a, b]));
        }
    }
    for &(k, phrase, leads) in fills.iter().rev() {
        decoded.splice(k..k + 1, phrase.chars());
        guessed.push((phrase.to_string(), leads));
    }
    guessed.reverse();
    guessed
}

/// Whether the first character of `phrase` has lead byte `a` and a later one
/// lead byte `b`.
fn leads_match(phrase: &str, a: u8, b: u8) -> bool {
    let mut leads = phrase.chars().map(|c| gbk2(c).map(|p| p[0]));
    leads.next() == Some(Some(a)) && leads.any(|l| l == Some(b))
}

/// The Simplified characters of the text around a run, the run as repaired;
/// and whether that text is written in Traditional characters.
fn around(decoded: &[char], src: &str, run: &Range<usize>) -> (Vec<char>, bool) {
    let t = tables();
    let mut from = run.start.saturating_sub(CONTEXT);
    while !src.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (run.end + CONTEXT).min(src.len());
    while !src.is_char_boundary(to) {
        to += 1;
    }
    let chars = src[from..run.start].chars().chain(decoded.iter().copied()).chain(src[run.end..to].chars());
    let (mut out, mut trad, mut simp) = (Vec::new(), 0usize, 0usize);
    for c in chars.filter(|&c| is_han(c)) {
        let s = t.simplified(c);
        if s != c {
            trad += 1;
        } else if has_traditional(c) {
            simp += 1;
        }
        out.push(s);
    }
    (out, trad > simp)
}

/// Whether `c` is the Simplified form of some other (Traditional)
/// character: text written with such characters is Simplified.
fn has_traditional(c: char) -> bool {
    static TARGETS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TARGETS
        .get_or_init(|| {
            let mut v: Vec<char> = (0x3400u32..0xA000)
                .filter_map(char::from_u32)
                .filter_map(|t| {
                    let s = crate::script::simplified_char(t);
                    (s != t).then_some(s)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .binary_search(&c)
        .is_ok()
}

/// The two GBK bytes of `c`, if it has exactly two.
#[inline]
fn gbk2(c: char) -> Option<[u8; 2]> {
    super::gbk::encode_pair(c)
}

/// The character a GBK byte pair decodes to (not a private-use one).
#[inline]
fn decode2(a: u8, b: u8) -> Option<char> {
    super::gbk::decode_pair(a, b).filter(|&c| !matches!(c as u32, 0xE000..=0xF8FF))
}

/// A pinyin fragment closing with `)` right at `at` (`zhǔn)`, `gòu)`): its
/// syllable and the index after the bracket.
fn pinyin_fragment(src: &str, at: usize) -> Option<(String, usize)> {
    let rest = src.get(at..)?;
    let mut syl = String::new();
    let mut marked = false;
    for (k, c) in rest.char_indices() {
        if k > 12 {
            return None;
        }
        if c == ')' || c == '）' {
            return (marked && !syl.is_empty()).then(|| (syl, at + k + c.len_utf8()));
        }
        if c == ' ' {
            continue;
        }
        if !is_pinyin_letter(c) {
            return None;
        }
        marked |= is_pinyin_mark(c);
        syl.push(c);
    }
    None
}

/// The reading written right after a `?`: `zhǔn)` (its opening bracket lost
/// with the character) or `(zhǔn)`.
fn reading_after(src: &str, at: usize) -> Option<(String, usize)> {
    let rest = src.get(at..)?;
    let open = if rest.starts_with('(') { 1 } else if rest.starts_with('（') { 3 } else { 0 };
    pinyin_fragment(src, at + open)
}

/// A whole `(pīnyīn)` annotation at `at`: the index after it.
fn bracketed_pinyin(src: &str, at: usize) -> Option<usize> {
    let rest = src.get(at..)?;
    let open = if rest.starts_with('(') { 1 } else if rest.starts_with('（') { 3 } else { return None };
    pinyin_fragment(src, at + open).map(|(_, end)| end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    fn run(s: &str) -> String {
        repair(s).0.unwrap_or_else(|| s.to_owned())
    }

    #[test]
    fn repairs_seed_runs() {
        assert_eq!(run("確?!傲氵z漏”。"), "確保“零遺漏”。");
        assert_eq!(run("排查要再?gòu)氐?,進"), "排查要再徹底,進");
        assert_eq!(run("以縣域?yàn)閱挝?,並"), "以縣域為單位,並");
        let (out, _, runs) = repair("完善進口冷鏈?zhǔn)称泛头抢滏溫浳锏囊咔榉揽厝瘫O(jiān)管,深化");
        let out = out.unwrap();
        // `厝瘫` carries the lead bytes of 全 (C8) and 條 (CC) and 監 whole:
        // 全鏈條 is a guess from the set phrases, and said to be one.
        assert!(out.contains("冷鏈食品和非冷鏈貨物的疫情防控全鏈條監"), "{out}");
        assert_eq!(runs[0].guessed, vec![("全鏈條".to_string(), [0xC8, 0xCC])]);
        // Not a misalignment: a lost character whose annotation survived.
        // `细化` is past the common-word list: no word confirms a candidate.
        assert_eq!(run("並?xì)化到鄉鎮"), "並□化到鄉鎮");
        assert_eq!(run("確?(bǎo)證"), "確保證");
        assert_eq!(run("日?qǐng)?bào)報道"), "日□□報道");
    }

    #[test]
    fn set_phrases_are_sorted_unique_and_paired() {
        assert!(crate::lexicon::check(SET_PHRASES).is_empty(), "{:?}", crate::lexicon::check(SET_PHRASES));
        for (s, t) in set_phrases() {
            assert_eq!(s.chars().count(), t.chars().count(), "{s} {t}");
            assert_eq!(crate::script::simplified(t), *s, "{t} is the Traditional form of {s}");
        }
    }

    #[test]
    fn lost_bytes_are_guessed_only_with_evidence() {
        // The same two lead bytes with nothing near the run that attests a
        // phrase: no guess, the decoded character stays.
        let src = "完善进口冷藏??????管,深化";
        let run = src.find('?').unwrap()..src.rfind('?').unwrap() + 1;
        let mut decoded: Vec<char> = "食品和非冷藏货物的疫情防控忍监".chars().collect();
        let bytes: Vec<Byte> = decoded.iter().flat_map(|&c| gbk2(c).unwrap().map(Some)).collect();
        assert!(fill_lost(&mut decoded, &bytes, '藏', src, &run).is_empty());
        assert!(decoded.contains(&'忍'));
        // In Simplified text the Simplified form is filled in.
        let src = "完善进口冷链??????管,深化";
        let run = src.find('?').unwrap()..src.rfind('?').unwrap() + 1;
        let mut decoded: Vec<char> = "食品和非冷链货物的疫情防控忍监".chars().collect();
        let bytes: Vec<Byte> = decoded.iter().flat_map(|&c| gbk2(c).unwrap().map(Some)).collect();
        let guessed = fill_lost(&mut decoded, &bytes, '链', src, &run);
        assert_eq!(decoded.iter().collect::<String>(), "食品和非冷链货物的疫情防控全链条监");
        assert_eq!(guessed, vec![("全链条".to_string(), [0xC8, 0xCC])]);
        // A character that makes a word with a neighbour is no suspect.
        let mut decoded: Vec<char> = "防控忍耐".chars().collect();
        let bytes: Vec<Byte> = decoded.iter().flat_map(|&c| gbk2(c).unwrap().map(Some)).collect();
        assert!(fill_lost(&mut decoded, &bytes, '链', "冷链??", &(6..8)).is_empty());
    }

    /// The pre-test turns down only texts the pass leaves alone.
    #[test]
    fn the_pre_test_is_sound() {
        let texts: Vec<String> = crate::gen::generate(800, 5).filter_map(|r| String::from_utf8(r.bytes).ok()).collect();
        let (mut skipped, mut repaired) = (0, 0);
        for t in &texts {
            let runs = repair(t).2.len();
            if may_repair(t) {
                repaired += (runs > 0) as usize;
            } else {
                assert_eq!(runs, 0, "{t:?}");
                skipped += 1;
            }
        }
        assert!(skipped > 0 && repaired > 0, "{skipped} {repaired}");
    }

    #[test]
    fn leaves_fine_text_alone() {
        for s in ["你好嗎?我很好。", "是否需要?是的", "a?b", "會議?", "(2020)?"] {
            assert_eq!(run(s), s);
        }
    }

    #[test]
    fn garbles_and_repairs_generated_text() {
        // Lose the lead byte of a character: the decoder reads one byte over.
        let orig = "要切實做好新階段疫情防控工作";
        let mut bytes = GBK.encode("要切實做好新階段疫情防控工作,").0.into_owned();
        bytes[2] = b'?';
        let (garbled, _, _) = GBK.decode(&bytes);
        assert_ne!(garbled, orig);
        let fixed = run(&garbled);
        assert!(fixed.starts_with("要") && fixed.ends_with(','), "{garbled} -> {fixed}");
        assert!(fixed.contains("實做好新階段疫情防控工"), "{garbled} -> {fixed}");
    }
}
