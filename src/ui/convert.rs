//! Simplified ⇄ Traditional for the page's script toggle and its search,
//! one character at a time, from one table used both ways.
//!
//! The table is OpenCC's `STCharacters.txt` (`S<TAB>T1 T2…`, see
//! `data/README.md`):
//!
//! - Simplified → Traditional takes each line's first candidate (what
//!   simplecc did with the same table).
//! - Traditional → Simplified inverts the first candidates (the standard
//!   Traditional form of each Simplified character), corrected and completed
//!   by `TSCharacters-extra.txt`: the characters where fast2s's table (MIT,
//!   the one the parsing core matches with) says otherwise, chiefly variant
//!   forms (`産` → `产`) and characters with two Simplified readings
//!   (`劃` → `划`). fast2s's few context rules (`乾隆` keeps `乾`) are not
//!   applied.
//!
//! The wasm carries both as compact pair lists (`st.bin`, `ts-extra.bin`,
//! written from the text files by `scripts/gen-script-tables.py`; the tests
//! below check them against the text). Every mapping is one character to one
//! character, so a converted text has as many characters as the original
//! (search highlighting relies on it). The tables are built once, on first
//! use, as sorted arrays searched by binary search: a few thousand pairs, no
//! hashing code in the wasm.

use std::sync::OnceLock;

struct Tables {
    /// (Simplified, Traditional), sorted by the first.
    s2t: Vec<(char, char)>,
    /// (Traditional, Simplified), sorted by the first.
    t2s: Vec<(char, char)>,
}

const ST_PAIRS: &[u8] = include_bytes!("data/st.bin");
const TS_EXTRA: &[u8] = include_bytes!("data/ts-extra.bin");

/// The pairs of a table file (see `scripts/gen-script-tables.py`), in its
/// order; a truncated or invalid file ends the list early.
fn pairs(mut bytes: &[u8]) -> impl Iterator<Item = (char, char)> + '_ {
    let mut varint = move || {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let (&b, rest) = bytes.split_first()?;
            bytes = rest;
            n |= u32::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
    };
    let mut prev = 0u32;
    std::iter::from_fn(move || {
        let a = prev.checked_add(varint()?)?;
        let z = varint()?;
        let d = if z & 1 == 0 { (z >> 1) as i64 } else { -((z >> 1) as i64) - 1 };
        prev = a;
        Some((char::from_u32(a)?, char::from_u32(u32::try_from(i64::from(a) + d).ok()?)?))
    })
}

fn build() -> Tables {
    let s2t: Vec<(char, char)> = pairs(ST_PAIRS).collect();
    let mut t2s: Vec<(char, char)> = s2t.iter().map(|&(s, t)| (t, s)).collect();
    // Among two Simplified characters with the same first candidate the
    // smaller one wins (sorted by both, dedup keeps the first); the extra
    // table settles those that matter.
    t2s.sort_unstable();
    t2s.dedup_by_key(|p| p.0);
    for (t, s) in pairs(TS_EXTRA) {
        match t2s.binary_search_by_key(&t, |p| p.0) {
            Ok(i) => t2s[i].1 = s,
            Err(i) => t2s.insert(i, (t, s)),
        }
    }
    Tables { s2t, t2s }
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build)
}

fn lookup(table: &[(char, char)], c: char) -> char {
    // Below U+2E80 (CJK radicals) there is nothing to convert.
    if (c as u32) < 0x2E80 {
        return c;
    }
    match table.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// The Simplified form of a character (itself when it has none).
pub fn simplified_char(c: char) -> char {
    lookup(&tables().t2s, c)
}

/// The Traditional form of a character (itself when it has none).
pub fn traditional_char(c: char) -> char {
    lookup(&tables().s2t, c)
}

/// `text` in Simplified characters, character for character.
pub fn to_simplified(text: &str) -> String {
    let t = &tables().t2s;
    text.chars().map(|c| lookup(t, c)).collect()
}

/// `text` in Traditional characters, character for character.
pub fn to_traditional(text: &str) -> String {
    let t = &tables().s2t;
    text.chars().map(|c| lookup(t, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_character_for_character() {
        assert_eq!(to_simplified("會議強調,要切實做好區縣工作。abc"), "会议强调,要切实做好区县工作。abc");
        assert_eq!(to_traditional("会议强调,要切实做好区县工作。abc"), "會議強調,要切實做好區縣工作。abc");
        // Characters with two Simplified readings, and variant forms.
        assert_eq!(to_simplified("計劃 産業 發展 頭髮 乾淨"), "计划 产业 发展 头发 干净");
        // Simplified characters that are also Traditional stay.
        assert_eq!(to_simplified("著名 座位 覆蓋 慰藉"), "著名 座位 覆盖 慰藉");
        assert_eq!(to_traditional("发展 头发"), "發展 頭發");
        assert_eq!(to_simplified(""), "");
        for text in ["會議 𠀀 😀 e\u{301}", "丰泽区召开会议"] {
            assert_eq!(to_simplified(text).chars().count(), text.chars().count());
            assert_eq!(to_traditional(text).chars().count(), text.chars().count());
        }
    }

    const ST_CHARACTERS: &str = include_str!("data/STCharacters.txt");
    const TS_EXTRA_TEXT: &str = include_str!("data/TSCharacters-extra.txt");

    fn one_char(col: &str) -> char {
        let mut chars = col.chars();
        let c = chars.next().unwrap();
        assert_eq!(chars.next(), None, "{col}");
        c
    }

    #[test]
    fn simplified_to_traditional_is_the_first_candidate_of_every_line() {
        let mut lines = 0;
        for line in ST_CHARACTERS.lines() {
            let (s, cands) = line.split_once('\t').unwrap();
            let first = cands.split(' ').find(|c| !c.is_empty()).unwrap();
            assert_eq!(traditional_char(one_char(s)), one_char(first), "{line}");
            lines += 1;
        }
        assert!(lines > 3800, "{lines}");
        assert!(tables().s2t.windows(2).all(|w| w[0].0 < w[1].0));
        let differing = ST_CHARACTERS
            .lines()
            .filter(|l| l.split_once('\t').is_some_and(|(s, c)| !c.starts_with(s)))
            .count();
        assert_eq!(tables().s2t.len(), differing);
    }

    /// Every character of fast2s's table converts as fast2s converts it
    /// alone (its context rules aside), so the page's Simplified agrees with
    /// the parsing core's matching copy.
    #[test]
    fn traditional_to_simplified_agrees_with_fast2s() {
        let mut checked = 0;
        for cp in 0x2E80..0xA000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let theirs = fast2s::convert(&format!("a{c}a")).chars().nth(1).unwrap();
            if theirs != c {
                assert_eq!(simplified_char(c), theirs, "{c}");
                checked += 1;
            }
        }
        assert!(checked > 2500, "{checked}");
        let mut lines = 0;
        for line in TS_EXTRA_TEXT.lines() {
            let (t, s) = line.split_once('\t').unwrap();
            assert_eq!(simplified_char(one_char(t)), one_char(s), "{line}");
            lines += 1;
        }
        assert!(lines > 400, "{lines}");
    }

    #[test]
    fn damaged_tables_end_early_without_panicking() {
        let good: Vec<(char, char)> = pairs(ST_PAIRS).collect();
        assert_eq!(good.first(), Some(&('㐷', '傌')));
        for cut in [0, 1, 2, 3, 100, 1001] {
            assert!(pairs(&ST_PAIRS[..cut]).count() <= cut / 2);
        }
        assert_eq!(pairs(&[0xFF; 12]).count(), 0);
        assert_eq!(pairs(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 1]).count(), 0);
        // Past char::MAX, and a surrogate: the list ends there.
        assert_eq!(pairs(&[0xFF, 0xFF, 0x43, 0]).count(), 1);
        assert_eq!(pairs(&[0xFF, 0xFF, 0x44, 0]).count(), 0);
        assert_eq!(pairs(&[0x80, 0xB0, 0x03, 0]).count(), 0);
    }
}
