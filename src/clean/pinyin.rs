//! Strips `字(pīnyīn)` reading annotations.
//!
//! An annotation is removed only when the bracketed token is pinyin (tone
//! marks or `ü`, stray spaces allowed: `會(huì )`) *and* it reads the
//! character(s) just before it, checked against the readings table (a
//! Traditional character is looked up by its Simplified form; tones may
//! differ, as annotators follow tone sandhi). Every other bracket stays:
//! `來(返)雅`, `(一)`, `(2020)`, `村(社區)`, `(ABC)`.

use super::offset_map::{Layer, Rewriter};
use super::tables::{base_letter, is_han, is_pinyin_letter, is_pinyin_mark, tables};
use std::ops::Range;

/// One removed annotation.
#[derive(Clone, Debug)]
pub struct Stripped {
    /// The annotation, brackets included, in the pass's input.
    pub range: Range<usize>,
    /// The characters it read.
    pub read: String,
    /// False when the character is not in the readings table and only the
    /// token's shape was checked.
    pub verified: bool,
}

/// The longest annotation looked at, in bytes (four syllables).
const MAX_TOKEN: usize = 40;

pub fn strip(src: &str) -> (String, Layer, Vec<Stripped>) {
    let b = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut found: Vec<Stripped> = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr2(b'(', 0xEF, &b[i..]) {
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
        let mut before: Vec<char> = Vec::with_capacity(4);
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
        let Some((n, verified)) = reads(&token, &before) else { continue };
        let read: String = before[..n].iter().rev().collect();
        w.delete(at..close_end);
        found.push(Stripped { range: at..close_end, read, verified });
        i = close_end;
    }
    let (text, layer) = w.finish();
    (text, layer, found)
}

/// The pinyin token inside brackets starting at `start`: its letters
/// (spaces removed, lowercase, as chars) and the index after the closing bracket.
fn token_at(src: &str, start: usize) -> Option<(Vec<char>, usize)> {
    let rest = &src[start..];
    let mut token = Vec::new();
    let mut marked = false;
    for (k, c) in rest.char_indices() {
        if k > MAX_TOKEN {
            return None;
        }
        match c {
            ')' | '）' => {
                if token.is_empty() || !marked {
                    return None;
                }
                return Some((token, start + k + c.len_utf8()));
            }
            ' ' | '\u{3000}' | '\u{A0}' => {}
            c if is_pinyin_letter(c) => {
                marked |= is_pinyin_mark(c);
                token.push(c);
            }
            _ => return None,
        }
    }
    None
}

/// Whether `token` reads the last 1–4 characters of `before` (nearest
/// first): how many it reads, and whether the readings table confirmed it.
fn reads(token: &[char], before: &[char]) -> Option<(usize, bool)> {
    let t = tables();
    let plain: Vec<char> = token.iter().map(|&c| base_letter(c)).collect();
    for n in 1..=before.len() {
        let chars: Vec<char> = before[..n].iter().rev().copied().collect();
        if matches_readings(&plain, &chars) {
            return Some((n, true));
        }
    }
    // A character the table does not know (or a □ left by a repair): accept a
    // single well-formed syllable.
    let c = before[0];
    if (c == '□' || t.readings(c).is_none()) && t.is_syllable(&plain.iter().collect::<String>()) {
        return Some((1, false));
    }
    None
}

/// Whether `plain` (toneless letters) is one reading of each of `chars` in turn.
fn matches_readings(plain: &[char], chars: &[char]) -> bool {
    let Some((&c, rest)) = chars.split_first() else { return plain.is_empty() };
    let Some(readings) = tables().readings(c) else { return false };
    readings.iter().any(|r| {
        let mut k = 0;
        for rc in r.chars().map(base_letter) {
            if plain.get(k) != Some(&rc) {
                return false;
            }
            k += 1;
        }
        matches_readings(&plain[k..], rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        strip(s).0
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

    #[test]
    fn keeps_other_brackets() {
        for s in ["來(返)雅人員", "(一)要", "(2020)年", "村(社區)", "區(ABC)", "區(qu)", "區(ài)", "(qū)開頭"] {
            assert_eq!(run(s), s);
        }
    }
}
