//! Strips `字(pīnyīn)` reading annotations.
//!
//! An annotation is removed only when the bracketed token is pinyin (tone
//! marks or `ü`, stray spaces allowed: `會(huì )`) *and* it reads the
//! character(s) just before it, checked against the readings table (a
//! Traditional character is looked up by its Simplified form; tones may
//! differ, as annotators follow tone sandhi). Every other bracket stays:
//! `來(返)雅`, `(一)`, `(2020)`, `村(社區)`, `(ABC)`.

use super::offset_map::{Layer, Rewriter};
use super::tables::{base_letter, is_han, is_pinyin_mark, tables};
use std::collections::HashMap;
use std::ops::Range;

/// One removed annotation.
#[derive(Clone, Debug)]
pub struct Stripped {
    /// The annotation, brackets included, in the pass's input.
    pub range: Range<usize>,
    /// The characters it read (see [`Stripped::read`]), in order.
    read: [char; 4],
    read_len: usize,
    /// False when the character is not in the readings table and only the
    /// token's shape was checked.
    pub verified: bool,
}

impl Stripped {
    /// The characters the annotation read.
    pub fn read(&self) -> String {
        self.read_chars().collect()
    }

    /// The same, one character at a time.
    pub fn read_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.read[..self.read_len].iter().copied()
    }
}

/// The longest annotation looked at, in bytes (four syllables).
const MAX_TOKEN: usize = 40;

/// False when [`strip`] certainly finds nothing: every annotation it
/// removes holds a tone-marked vowel or `ü`, whose UTF-8 forms start with a
/// byte C3, C4, C5, C7 or E1, and the text has none of these bytes.
pub fn may_strip(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr3(0xC3, 0xC4, 0xC5, b).is_some() || memchr::memchr2(0xC7, 0xE1, b).is_some()
}

/// The new text (`None`: unchanged), its layer and what was found.
pub fn strip(src: &str) -> (Option<String>, Layer, Vec<Stripped>) {
    let b = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut found: Vec<Stripped> = Vec::new();
    let mut i = 0;
    // EF leads much CJK punctuation: look for it only when the text holds
    // a full-width bracket at all.
    let ef = if memchr::memmem::find(b, "（".as_bytes()).is_some() { 0xEF } else { b'(' };
    while let Some(p) = memchr::memchr2(b'(', ef, &b[i..]) {
        let at = i + p;
        let open_len = if b[at] == b'(' {
            1
        } else if b[at..].starts_with("（".as_bytes()) {
            3
        } else {
            i = at + 1;
            continue;
        };
        i = at + open_len;
        let Some((token, close_end)) = token_at(src, at + open_len) else { continue };
        // The characters before the annotation, nearest first, looking
        // through annotations already removed (`會(huì)(huì)`).
        let mut before = Chars::<4>::new();
        let mut pos = at;
        let mut back = found.len();
        while before.len() < 4 {
            if let Some(s) = back.checked_sub(1).and_then(|k| found.get(k)).filter(|s| s.range.end == pos) {
                pos = s.range.start;
                back -= 1;
                continue;
            }
            match src[..pos].chars().next_back() {
                Some(c) if is_han(c) || (c == '□' && before.is_empty()) => {
                    before.push(c);
                    pos -= c.len_utf8();
                }
                _ => break,
            }
        }
        if before.is_empty() {
            continue;
        }
        let Some((n, verified)) = reads(token.letters(), before.as_slice()) else { continue };
        let mut read = ['\0'; 4];
        for (slot, &c) in read.iter_mut().zip(before[..n].iter().rev()) {
            *slot = c;
        }
        w.delete(at..close_end);
        found.push(Stripped { range: at..close_end, read, read_len: n, verified });
        i = close_end;
    }
    let (text, layer) = w.finish_changed();
    (text, layer, found)
}

/// A few characters on the stack (the passes look at thousands of
/// brackets; most are no annotation).
struct Chars<const N: usize> {
    chars: [char; N],
    len: usize,
}

impl<const N: usize> Chars<N> {
    fn new() -> Self {
        Self { chars: ['\0'; N], len: 0 }
    }
    fn push(&mut self, c: char) {
        if self.len < N {
            self.chars[self.len] = c;
            self.len += 1;
        }
    }
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn as_slice(&self) -> &[char] {
        &self.chars[..self.len]
    }
}

impl<const N: usize> std::ops::Index<std::ops::RangeTo<usize>> for Chars<N> {
    type Output = [char];
    fn index(&self, r: std::ops::RangeTo<usize>) -> &[char] {
        &self.as_slice()[r]
    }
}

/// Room for a token's letters: a character takes at least one byte, and a
/// token longer than `MAX_TOKEN` bytes is none.
const TOKEN_CHARS: usize = MAX_TOKEN + 1;

/// The letters of a token without their tone marks, one byte each: `a`–`z`
/// as themselves and `ü` as `0xFC` (its Latin-1 code).
struct Token {
    bytes: [u8; TOKEN_CHARS],
    len: usize,
}

impl Token {
    fn push(&mut self, b: u8) {
        if self.len < TOKEN_CHARS {
            self.bytes[self.len] = b;
            self.len += 1;
        }
    }
    fn letters(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A reading's letter as a [`Token`] byte: its base letter (`ǘ` → `ü` →
/// `0xFC`); `0xFF`, which no token holds, for anything else non-ASCII.
fn letter_byte(c: char) -> u8 {
    match base_letter(c) {
        'ü' => 0xFC,
        b if b.is_ascii() => b as u8,
        _ => 0xFF,
    }
}

/// The pinyin token inside brackets starting at `start`: its letters
/// (spaces removed, tone marks dropped) and the index after the closing
/// bracket. A token needs a tone mark or `ü`.
fn token_at(src: &str, start: usize) -> Option<(Token, usize)> {
    let rest = &src[start..];
    let b = rest.as_bytes();
    let mut token = Token { bytes: [0; TOKEN_CHARS], len: 0 };
    let mut marked = false;
    let mut k = 0;
    while let Some(&byte) = b.get(k) {
        if k > MAX_TOKEN {
            return None;
        }
        // ASCII (most of a token) is read off the byte.
        let (c, len) = if byte < 0x80 { (char::from(byte), 1) } else { rest[k..].chars().next().map(|c| (c, c.len_utf8()))? };
        match c {
            ')' | '）' => {
                if token.len == 0 || !marked {
                    return None;
                }
                return Some((token, start + k + len));
            }
            ' ' | '\u{3000}' | '\u{A0}' => {}
            'a'..='z' => token.push(c as u8),
            c if is_pinyin_mark(c) => {
                marked = true;
                token.push(letter_byte(c));
            }
            _ => return None,
        }
        k += len;
    }
    None
}

/// Whether `token` reads the last 1–4 characters of `before` (nearest
/// first): how many it reads, and whether the readings table confirmed it.
fn reads(plain: &[u8], before: &[char]) -> Option<(usize, bool)> {
    let t = tables();
    for n in 1..=before.len() {
        let mut chars = Chars::<4>::new();
        before[..n].iter().rev().for_each(|&c| chars.push(c));
        if matches_readings(plain, chars.as_slice()) {
            return Some((n, true));
        }
    }
    // A character the table does not know (or a □ left by a repair): accept a
    // single well-formed syllable.
    let c = before[0];
    if c == '□' || plain_readings().of(c).is_none() {
        let syllable: String = plain.iter().map(|&b| if b == 0xFC { 'ü' } else { char::from(b) }).collect();
        if t.is_syllable(&syllable) {
            return Some((1, false));
        }
    }
    None
}

/// Whether `plain` (toneless letters, see [`Token`]) is one reading of
/// each of `chars` in turn.
fn matches_readings(plain: &[u8], chars: &[char]) -> bool {
    let Some((&c, rest)) = chars.split_first() else { return plain.is_empty() };
    let Some(entry) = plain_readings().of(c) else { return false };
    PlainReadings::each(entry).any(|r| plain.starts_with(r) && matches_readings(&plain[r.len()..], rest))
}

/// The readings table as toneless letters ([`letter_byte`] of each
/// character of a reading), every character's readings side by side in
/// one byte array: a lookup is an index and one contiguous read, where the
/// table's lists of string slices cost three dependent loads (each a cache
/// miss on a table this pass alone reads) and a decode per letter.
struct PlainReadings {
    /// Per code point from [`PlainReadings::BASE`]: 1 + where its entry
    /// starts in `bytes` (0: none).
    ix: Vec<u32>,
    /// The same for the characters outside that range.
    other: HashMap<char, u32>,
    /// Entries: the number of readings, then each as its length and letters.
    bytes: Vec<u8>,
}

impl PlainReadings {
    const BASE: u32 = 0x3400;
    const END: u32 = 0xA000;

    fn build() -> Self {
        let t = tables();
        let mut p = Self { ix: vec![0; (Self::END - Self::BASE) as usize], other: HashMap::new(), bytes: Vec::new() };
        let mut entries: Vec<(char, &[&'static str])> = t.reading_entries().collect();
        entries.sort_unstable_by_key(|&(c, _)| c);
        for (c, list) in entries {
            let at = u32::try_from(p.bytes.len() + 1).expect("the readings table fits in 4 GB");
            p.bytes.push(u8::try_from(list.len()).expect("fewer than 256 readings a character"));
            for r in list {
                let letters: Vec<u8> = r.chars().map(letter_byte).collect();
                p.bytes.push(u8::try_from(letters.len()).expect("a reading of fewer than 256 letters"));
                p.bytes.extend_from_slice(&letters);
            }
            match (c as u32).checked_sub(Self::BASE).filter(|&i| i < Self::END - Self::BASE) {
                Some(i) => p.ix[i as usize] = at,
                None => {
                    p.other.insert(c, at);
                }
            }
        }
        p
    }

    /// The entry of `c` itself.
    fn own(&self, c: char) -> Option<&[u8]> {
        let at = match (c as u32).checked_sub(Self::BASE).filter(|&i| i < Self::END - Self::BASE) {
            Some(i) => self.ix[i as usize],
            None => self.other.get(&c).copied().unwrap_or(0),
        };
        self.bytes.get(at.checked_sub(1)? as usize..)
    }

    /// The entry of `c`, looked up by its Simplified form when `c` has
    /// none (as [`Tables::readings`](super::tables::Tables::readings)).
    fn of(&self, c: char) -> Option<&[u8]> {
        self.own(c).or_else(|| {
            let s = tables().simplified(c);
            if s != c {
                self.own(s)
            } else {
                None
            }
        })
    }

    /// The readings of an entry, each as its letters.
    fn each(entry: &[u8]) -> impl Iterator<Item = &[u8]> {
        let n = entry.first().copied().unwrap_or(0);
        let mut p = 1;
        (0..n).map_while(move |_| {
            let len = usize::from(*entry.get(p)?);
            let r = entry.get(p + 1..p + 1 + len)?;
            p += 1 + len;
            Some(r)
        })
    }
}

fn plain_readings() -> &'static PlainReadings {
    static P: std::sync::OnceLock<PlainReadings> = std::sync::OnceLock::new();
    P.get_or_init(PlainReadings::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        strip(s).0.unwrap_or_else(|| s.to_owned())
    }

    /// The letters table answers as the readings it is made from, for every
    /// character of the table and some outside it.
    #[test]
    fn plain_readings_agree_with_the_table() {
        let t = tables();
        let p = plain_readings();
        let mut chars: Vec<char> = t.reading_entries().map(|(c, _)| c).collect();
        chars.extend(['區', '會', '□', 'a', '𠀀', '\u{3400}', '\u{9FFF}']);
        assert!(chars.len() > 1000);
        for c in chars {
            let want: Option<Vec<Vec<u8>>> = t.readings(c).map(|l| l.iter().map(|r| r.chars().map(letter_byte).collect()).collect());
            let got: Option<Vec<Vec<u8>>> = p.of(c).map(|e| PlainReadings::each(e).map(<[u8]>::to_vec).collect());
            assert_eq!(got, want, "{c}");
        }
    }

    #[test]
    fn strips_readings() {
        assert_eq!(run("豐澤區(qū)召開(kāi)專(zhuān)題會(huì)議"), "豐澤區召開專題會議");
        assert_eq!(run("會(huì )議"), "會議");
        assert_eq!(run("會（huì）議"), "會議");
        assert_eq!(run("會議(huìyì)"), "會議");
        assert_eq!(run("會(huì)(huì)議"), "會議");
        assert_eq!(run("會(huì )(huì )(huì )"), "會");
        assert_eq!(run("□(jiān)管"), "□管");
    }

    /// The pre-test turns down only texts the pass leaves alone.
    #[test]
    fn the_pre_test_is_sound() {
        let mut texts: Vec<String> = crate::gen::generate(800, 5).filter_map(|r| String::from_utf8(r.bytes).ok()).collect();
        texts.extend(["會(hui)議", "會(huì)議", "區(qū)", "(ḿ)", "呣(ḿ)", "女(nǚ)"].map(String::from));
        let (mut skipped, mut stripped) = (0, 0);
        for t in &texts {
            let found = strip(t).2.len();
            if may_strip(t) {
                stripped += (found > 0) as usize;
            } else {
                assert_eq!(found, 0, "{t:?}");
                skipped += 1;
            }
        }
        assert!(skipped > 0 && stripped > 0, "{skipped} {stripped}");
    }

    #[test]
    fn keeps_other_brackets() {
        for s in ["來(返)雅人員", "(一)要", "(2020)年", "村(社區)", "區(ABC)", "區(qu)", "區(ài)", "(qū)開頭"] {
            assert_eq!(run(s), s);
        }
    }
}
