//! GBK two-byte codes both ways, for the mojibake repair.
//!
//! The repair decodes byte pairs one at a time and re-encodes single
//! characters, thousands of times per garbled run. Through encoding_rs each
//! call sets up a decoder or an encoder, and without its
//! `fast-gb-hanzi-encode` feature (a 40 KB table in the wasm) the GBK
//! encoder searches its tables for every Han character. Instead, both
//! directions come from the GBK decoding table of `crate::codec` (read
//! off encoding_rs's own GBK decoder by `build.rs`, about 24,000 codes):
//! the inverse keeps each character's first code, as the WHATWG encoder
//! does, plus the codes of the 18 private-use characters the decoder never
//! gives but the encoder still writes (`ENCODE_ONLY`). So no encoder of
//! encoding_rs is linked into the wasm. A test checks both directions against
//! encoding_rs for every code and every BMP character.

use std::sync::OnceLock;

/// Lead bytes `81`–`FE`, trail bytes `40`–`7E` and `80`–`FE`.
const LEADS: usize = 0xFE - 0x81 + 1;
const TRAILS: usize = 190;

struct Table {
    /// The character of each code, by its index (`'\0'`: none).
    chars: &'static [char],
    /// The code of each BMP character, `lead << 8 | trail` (0: none).
    codes: Vec<u16>,
}

/// Private-use characters that GBK encodes but no longer decodes to (their
/// codes now decode to standard characters, GB18030-2005), with their codes.
const ENCODE_ONLY: [(u16, u16); 18] = [
    (0xE78D, 0xA6D9),
    (0xE78E, 0xA6DA),
    (0xE78F, 0xA6DB),
    (0xE790, 0xA6DC),
    (0xE791, 0xA6DD),
    (0xE792, 0xA6DE),
    (0xE793, 0xA6DF),
    (0xE794, 0xA6EC),
    (0xE795, 0xA6ED),
    (0xE796, 0xA6F3),
    (0xE81E, 0xFE59),
    (0xE826, 0xFE61),
    (0xE82B, 0xFE66),
    (0xE82C, 0xFE67),
    (0xE832, 0xFE6D),
    (0xE843, 0xFE7E),
    (0xE854, 0xFE90),
    (0xE864, 0xFEA0),
];

fn index(lead: u8, trail: u8) -> Option<usize> {
    if !(0x81..=0xFE).contains(&lead) {
        return None;
    }
    let t = match trail {
        0x40..=0x7E => trail - 0x40,
        0x80..=0xFE => trail - 0x41,
        _ => return None,
    };
    Some((lead - 0x81) as usize * TRAILS + t as usize)
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let chars = crate::codec::gbk_chars();
        debug_assert_eq!(chars.len(), LEADS * TRAILS);
        let mut codes = vec![0u16; 0x10000];
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
                let Some(i) = index(lead, trail) else { continue };
                let c = chars[i];
                if c == '\0' {
                    continue;
                }
                let slot = &mut codes[c as usize & 0xFFFF];
                if (c as u32) < 0x10000 && *slot == 0 {
                    *slot = u16::from(lead) << 8 | u16::from(trail);
                }
            }
        }
        // GBK writes the euro sign as the single byte 80 (A2E3 only decodes
        // to it), and its encoder refuses U+E5E5.
        codes['€' as usize] = 0;
        codes[0xE5E5] = 0;
        for (c, code) in ENCODE_ONLY {
            codes[usize::from(c)] = code;
        }
        Table { chars, codes }
    })
}

/// The character the pair `lead`, `trail` decodes to as GBK, when it is one
/// character.
#[inline]
pub fn decode_pair(lead: u8, trail: u8) -> Option<char> {
    let c = table().chars[index(lead, trail)?];
    (c != '\0').then_some(c)
}

/// The two GBK bytes of `c`, if GBK writes it with two.
#[inline]
pub fn encode_pair(c: char) -> Option<[u8; 2]> {
    let cp = c as u32;
    if !(0x80..=0xFFFF).contains(&cp) {
        return None;
    }
    match table().codes[cp as usize] {
        0 => None,
        code => Some(code.to_be_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    /// What encoding_rs says, one call per pair or character.
    fn decode_slow(a: u8, b: u8) -> Option<char> {
        let pair = [a, b];
        let s = GBK.decode_without_bom_handling_and_without_replacement(&pair)?;
        let mut chars = s.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    }

    fn encode_slow(c: char) -> Option<[u8; 2]> {
        let mut buf = [0u8; 4];
        let (bytes, _, errors) = GBK.encode(c.encode_utf8(&mut buf));
        match (errors, bytes.as_ref()) {
            (false, &[a, b]) => Some([a, b]),
            _ => None,
        }
    }

    #[test]
    fn every_pair_decodes_as_encoding_rs_does() {
        for a in 0..=0xFFu8 {
            for b in 0..=0xFFu8 {
                assert_eq!(decode_pair(a, b), decode_slow(a, b), "{a:02X} {b:02X}");
            }
        }
    }

    #[test]
    fn every_character_encodes_as_encoding_rs_does() {
        for c in (0..0x20000u32).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            assert_eq!(encode_pair(c), encode_slow(c), "U+{:04X}", c as u32);
        }
        assert_eq!(encode_pair('會'), Some([0x95, 0xFE]));
        assert_eq!(encode_pair('会'), Some([0xBB, 0xE1]));
        assert_eq!(encode_pair('a'), None);
    }
}
