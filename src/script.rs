//! Traditional to Simplified, one character at a time, for matching.
//!
//! Lexicons are Simplified and every stage matches on a Simplified copy of
//! its text. That copy must keep byte offsets, so the conversion is per
//! character and only ever swaps a character for one of the same UTF-8
//! length. The table is built once from fast2s (MIT) over the CJK blocks as a
//! dense array, so a lookup is an index instead of a hash per character.
//! fast2s's few context rules (乾隆 keeps 乾) are not applied: a matching copy
//! does not need them, and the displayed text is never converted here.

use std::sync::OnceLock;

/// The code points the dense table covers: CJK Extension A through the
/// end of the Unified Ideographs block.
const BASE: u32 = 0x3400;
const END: u32 = 0xA000;

fn table() -> &'static [char] {
    static T: OnceLock<Vec<char>> = OnceLock::new();
    T.get_or_init(|| {
        // Convert the whole block in one call (fast2s maps 3-byte characters
        // to 3-byte characters); a separator between them keeps fast2s's
        // context rules from firing.
        let mut all = String::with_capacity(((END - BASE) * 4) as usize);
        for cp in BASE..END {
            all.push(char::from_u32(cp).unwrap_or(' '));
            all.push('\n');
        }
        let converted = fast2s::convert(&all);
        let mut out: Vec<char> = converted.chars().filter(|&c| c != '\n').collect();
        if out.len() != (END - BASE) as usize {
            // Never expected; fall back to the identity so offsets stay right.
            out = (BASE..END).map(|cp| char::from_u32(cp).unwrap_or(' ')).collect();
        }
        for (i, c) in out.iter_mut().enumerate() {
            let orig = char::from_u32(BASE + i as u32).unwrap_or(' ');
            if c.len_utf8() != orig.len_utf8() {
                *c = orig;
            }
        }
        out
    })
}

/// The Simplified form of a character (itself when it has none).
#[inline]
pub fn simplified_char(c: char) -> char {
    let cp = c as u32;
    if (BASE..END).contains(&cp) {
        table()[(cp - BASE) as usize]
    } else {
        c
    }
}

/// The Simplified copy of a text, with the same byte length and offsets.
pub fn simplified(text: &str) -> String {
    let t = table();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let cp = c as u32;
        out.push(if (BASE..END).contains(&cp) { t[(cp - BASE) as usize] } else { c });
    }
    out
}

/// True when two strings are the same in Simplified form.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.chars().zip(b.chars()).all(|(x, y)| simplified_char(x) == simplified_char(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_keeps_offsets() {
        let t = "會議強調,要切實做好區縣工作。abc";
        let s = simplified(t);
        assert_eq!(s, "会议强调,要切实做好区县工作。abc");
        assert_eq!(s.len(), t.len());
        for (a, b) in t.char_indices().zip(s.char_indices()) {
            assert_eq!(a.0, b.0);
        }
        assert!(same("豐澤區", "丰泽区"));
        assert!(!same("豐澤區", "丰泽县"));
        assert_eq!(simplified_char('A'), 'A');
    }
}
