//! Decoding with an [`Encoding`] of encoding_rs: encoding_rs itself in the
//! native build, decoders of our own in the wasm.
//!
//! encoding_rs dispatches every decoder through one enum, so a wasm that
//! decodes with any encoding chosen at run time links all of them: the
//! Japanese and Korean decoders and their tables (about 45 KB gzipped) as
//! well as GBK's and Big5's. The wasm decodes instead with the decoders
//! below, which follow the WHATWG Encoding Standard as encoding_rs does:
//! UTF-8, UTF-16LE/BE, GBK/GB18030, Big5, the single-byte encodings,
//! x-user-defined and replacement, with tables `build.rs` reads off
//! encoding_rs (`gbk.bin`, `big5.bin`, `single_byte.bin`,
//! `gb18030_ranges.bin`; smaller than encoding_rs's). Tests compare them
//! with encoding_rs on every code and on random byte strings.
//!
//! The wasm does not decode Shift_JIS, EUC-JP, ISO-2022-JP and EUC-KR
//! ([`supports`]): only a `charset` an HTML page declares can name them,
//! and the wasm then ignores the declaration (the bytes are decoded as an
//! undeclared page's are, as GBK or Big5 with a warning that the text
//! hardly reads as Chinese).
//!
//! The GBK two-byte table also serves the mojibake repair
//! (`clean::gbk`), native and wasm alike.

// Natively only the GBK table is used outside the tests.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use encoding_rs::Encoding;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Decodes `bytes` with `enc` (no BOM handling), malformed sequences
/// replaced with U+FFFD; true when there were any.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    enc.decode_without_bom_handling(bytes)
}

/// Decodes `bytes` with `enc` (no BOM handling); `None` at the first
/// malformed sequence.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
}

/// Whether [`decode`] decodes with `enc`: all encodings natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn supports(_enc: &'static Encoding) -> bool {
    true
}

/// Decodes `bytes` with `enc` (no BOM handling), malformed sequences
/// replaced with U+FFFD; true when there were any.
#[cfg(target_arch = "wasm32")]
pub fn decode<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    own::decode(enc, bytes)
}

/// Decodes `bytes` with `enc` (no BOM handling); `None` at the first
/// malformed sequence.
#[cfg(target_arch = "wasm32")]
pub fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    own::decode_strict(enc, bytes)
}

/// Whether [`decode`] decodes with `enc`: not the Japanese and Korean
/// encodings in the wasm.
#[cfg(target_arch = "wasm32")]
pub fn supports(enc: &'static Encoding) -> bool {
    own::supports(enc)
}

/// The character of each GBK two-byte code, by its index
/// (`(lead - 0x81) * 190 + trail - (0x40 or 0x41)`): every code decodes to
/// one character.
pub fn gbk_chars() -> &'static [char] {
    static T: OnceLock<Vec<char>> = OnceLock::new();
    T.get_or_init(|| code_points(include_bytes!(concat!(env!("OUT_DIR"), "/gbk.bin")), 126 * 190))
}

/// The characters of a table `build.rs` wrote (`code_points` there), '\0'
/// for none.
fn code_points(bin: &[u8], n: usize) -> Vec<char> {
    let mut out = Vec::with_capacity(n);
    let mut at = 0;
    let mut prev = 0i64;
    while out.len() < n {
        let v = varint(bin, &mut at);
        if v == 0 {
            out.push('\0');
            continue;
        }
        let z = i64::from(v - 1);
        prev += (z >> 1) ^ -(z & 1);
        out.push(char::from_u32(prev as u32).unwrap_or('\0'));
    }
    out
}

fn varint(bin: &[u8], at: &mut usize) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let b = bin[*at];
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// The decoders of the wasm (compiled natively too, for the tests).
mod own {
    use super::*;
    use encoding_rs::{
        BIG5, GB18030, GBK, IBM866, ISO_8859_10, ISO_8859_13, ISO_8859_14, ISO_8859_15, ISO_8859_16, ISO_8859_2,
        ISO_8859_3, ISO_8859_4, ISO_8859_5, ISO_8859_6, ISO_8859_7, ISO_8859_8, ISO_8859_8_I, KOI8_R, KOI8_U,
        MACINTOSH, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1253,
        WINDOWS_1254, WINDOWS_1255, WINDOWS_1256, WINDOWS_1257, WINDOWS_1258, WINDOWS_874, X_MAC_CYRILLIC,
        X_USER_DEFINED,
    };

    /// The order of `SINGLE_BYTE` in `build.rs`.
    fn single_byte_index(enc: &'static Encoding) -> Option<usize> {
        [
            IBM866,
            ISO_8859_2,
            ISO_8859_3,
            ISO_8859_4,
            ISO_8859_5,
            ISO_8859_6,
            ISO_8859_7,
            ISO_8859_8,
            ISO_8859_8_I,
            ISO_8859_10,
            ISO_8859_13,
            ISO_8859_14,
            ISO_8859_15,
            ISO_8859_16,
            KOI8_R,
            KOI8_U,
            MACINTOSH,
            WINDOWS_874,
            WINDOWS_1250,
            WINDOWS_1251,
            WINDOWS_1252,
            WINDOWS_1253,
            WINDOWS_1254,
            WINDOWS_1255,
            WINDOWS_1256,
            WINDOWS_1257,
            WINDOWS_1258,
            X_MAC_CYRILLIC,
        ]
        .iter()
        .position(|&e| e == enc)
    }

    pub fn supports(enc: &'static Encoding) -> bool {
        [UTF_8, UTF_16LE, UTF_16BE, GBK, GB18030, BIG5, X_USER_DEFINED, REPLACEMENT].contains(&enc)
            || single_byte_index(enc).is_some()
    }

    /// A malformed sequence met by a strict decoding.
    struct Malformed;

    /// The decoded text and whether a malformed sequence was replaced.
    struct Out {
        text: String,
        errors: bool,
        strict: bool,
    }

    impl Out {
        #[inline]
        fn error(&mut self) -> Result<(), Malformed> {
            if self.strict {
                return Err(Malformed);
            }
            self.errors = true;
            self.text.push('\u{FFFD}');
            Ok(())
        }
    }

    pub fn decode<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
        if enc == UTF_8 {
            let text = String::from_utf8_lossy(bytes);
            let errors = matches!(text, Cow::Owned(_));
            return (text, errors);
        }
        match run(enc, bytes, false) {
            Ok(out) => (Cow::Owned(out.text), out.errors),
            // A decoding with replacement meets no `Malformed`.
            Err(Malformed) => (Cow::Owned(String::new()), true),
        }
    }

    pub fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
        if enc == UTF_8 {
            return std::str::from_utf8(bytes).ok().map(Cow::Borrowed);
        }
        run(enc, bytes, true).ok().map(|out| Cow::Owned(out.text))
    }

    fn run(enc: &'static Encoding, bytes: &[u8], strict: bool) -> Result<Out, Malformed> {
        let mut out = Out { text: String::with_capacity(bytes.len() + bytes.len() / 2), errors: false, strict };
        if enc == GBK || enc == GB18030 {
            gb18030(bytes, &mut out)?;
        } else if enc == BIG5 {
            big5(bytes, &mut out)?;
        } else if enc == UTF_16LE || enc == UTF_16BE {
            utf16(bytes, enc == UTF_16BE, &mut out)?;
        } else if enc == X_USER_DEFINED {
            out.text.extend(bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { char::from_u32(0xF700 + u32::from(b)).unwrap_or('\u{FFFD}') }));
        } else if let Some(i) = single_byte_index(enc) {
            let table = &single_byte()[i * 128..][..128];
            for &b in bytes {
                match b {
                    0..=0x7F => out.text.push(char::from(b)),
                    _ => match table[usize::from(b - 0x80)] {
                        '\0' => out.error()?,
                        c => out.text.push(c),
                    },
                }
            }
        } else if !bytes.is_empty() {
            // replacement (or an encoding the wasm does not decode): one
            // error for the whole input.
            out.error()?;
        }
        Ok(out)
    }

    /// Copies the ASCII bytes from `*i` on, stopping at the first other.
    #[inline]
    fn ascii_run(bytes: &[u8], i: &mut usize, out: &mut Out) {
        let start = *i;
        while *i < bytes.len() && bytes[*i] < 0x80 {
            *i += 1;
        }
        if *i > start {
            // ASCII is UTF-8.
            out.text.push_str(std::str::from_utf8(&bytes[start..*i]).unwrap_or_default());
        }
    }

    /// The loop the multi-byte decoders share: runs of ASCII are copied as
    /// they are, and at any other byte `step` reads one sequence off the
    /// rest of the input, returning how many bytes it took (all that is
    /// left when the input ends inside the sequence).
    fn by_sequence(
        bytes: &[u8],
        out: &mut Out,
        mut step: impl FnMut(&[u8], &mut Out) -> Result<usize, Malformed>,
    ) -> Result<(), Malformed> {
        let mut i = 0;
        loop {
            ascii_run(bytes, &mut i, out);
            if i == bytes.len() {
                return Ok(());
            }
            i += step(&bytes[i..], out)?;
        }
    }

    /// GBK and GB18030 share this decoder (WHATWG "gb18030 decoder").
    fn gb18030(bytes: &[u8], out: &mut Out) -> Result<(), Malformed> {
        let chars = gbk_chars();
        by_sequence(bytes, out, |s, out| {
            let b = s[0];
            if b == 0x80 {
                out.text.push('\u{20AC}');
                return Ok(1);
            }
            if b == 0xFF {
                out.error()?;
                return Ok(1);
            }
            // A lead byte.
            let Some(&b2) = s.get(1) else {
                out.error()?;
                return Ok(s.len());
            };
            if b2.is_ascii_digit() {
                // A four-byte code: the bytes after an error are read again
                // from the second on.
                let Some(&b3) = s.get(2) else {
                    out.error()?;
                    return Ok(s.len());
                };
                if !(0x81..=0xFE).contains(&b3) {
                    out.error()?;
                    return Ok(1);
                }
                let Some(&b4) = s.get(3) else {
                    out.error()?;
                    return Ok(s.len());
                };
                if !b4.is_ascii_digit() {
                    out.error()?;
                    return Ok(1);
                }
                let pointer = ((u32::from(b - 0x81) * 10 + u32::from(b2 - 0x30)) * 126 + u32::from(b3 - 0x81)) * 10
                    + u32::from(b4 - 0x30);
                match four_byte(pointer) {
                    Some(c) => out.text.push(c),
                    None => out.error()?,
                }
                return Ok(4);
            }
            let trail = match b2 {
                0x40..=0x7E => Some(b2 - 0x40),
                0x80..=0xFE => Some(b2 - 0x41),
                _ => None,
            };
            match trail {
                Some(t) => {
                    out.text.push(chars[usize::from(b - 0x81) * 190 + usize::from(t)]);
                    Ok(2)
                }
                None => {
                    out.error()?;
                    // An ASCII byte after the lead is read again.
                    Ok(if b2 < 0x80 { 1 } else { 2 })
                }
            }
        })
    }

    /// The character of a GB18030 four-byte pointer.
    fn four_byte(pointer: u32) -> Option<char> {
        if (189_000..1_237_576).contains(&pointer) {
            return char::from_u32(0x10000 + pointer - 189_000);
        }
        if pointer >= 39_420 {
            return None;
        }
        let runs = gb18030_ranges();
        let at = runs.partition_point(|&(p, _)| p <= pointer) - 1;
        let (start, cp) = runs[at];
        if cp == 0 {
            return None;
        }
        char::from_u32(cp + pointer - start)
    }

    fn gb18030_ranges() -> &'static [(u32, u32)] {
        static T: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
        T.get_or_init(|| {
            let bin = include_bytes!(concat!(env!("OUT_DIR"), "/gb18030_ranges.bin"));
            let mut at = 0;
            let n = varint(bin, &mut at);
            (0..n).map(|_| (varint(bin, &mut at), varint(bin, &mut at))).collect()
        })
    }

    fn big5_chars() -> &'static [char] {
        static T: OnceLock<Vec<char>> = OnceLock::new();
        T.get_or_init(|| code_points(include_bytes!(concat!(env!("OUT_DIR"), "/big5.bin")), 126 * 157))
    }

    fn single_byte() -> &'static [char] {
        static T: OnceLock<Vec<char>> = OnceLock::new();
        T.get_or_init(|| code_points(include_bytes!(concat!(env!("OUT_DIR"), "/single_byte.bin")), 28 * 128))
    }

    /// WHATWG "Big5 decoder".
    fn big5(bytes: &[u8], out: &mut Out) -> Result<(), Malformed> {
        let chars = big5_chars();
        by_sequence(bytes, out, |s, out| {
            let b = s[0];
            if !(0x81..=0xFE).contains(&b) {
                out.error()?;
                return Ok(1);
            }
            let Some(&b2) = s.get(1) else {
                out.error()?;
                return Ok(s.len());
            };
            let trail = match b2 {
                0x40..=0x7E => Some(b2 - 0x40),
                0xA1..=0xFE => Some(b2 - 0x62),
                _ => None,
            };
            if let Some(t) = trail {
                let pointer = usize::from(b - 0x81) * 157 + usize::from(t);
                let pair = match pointer {
                    1133 => Some("\u{CA}\u{304}"),
                    1135 => Some("\u{CA}\u{30C}"),
                    1164 => Some("\u{EA}\u{304}"),
                    1166 => Some("\u{EA}\u{30C}"),
                    _ => None,
                };
                if let Some(pair) = pair {
                    out.text.push_str(pair);
                    return Ok(2);
                }
                let c = chars[pointer];
                if c != '\0' {
                    out.text.push(c);
                    return Ok(2);
                }
            }
            out.error()?;
            Ok(if b2 < 0x80 { 1 } else { 2 })
        })
    }

    /// WHATWG "shared UTF-16 decoder".
    fn utf16(bytes: &[u8], big_endian: bool, out: &mut Out) -> Result<(), Malformed> {
        let mut lead: Option<u16> = None;
        for pair in bytes.chunks_exact(2) {
            let unit = if big_endian { u16::from_be_bytes([pair[0], pair[1]]) } else { u16::from_le_bytes([pair[0], pair[1]]) };
            if let Some(high) = lead.take() {
                if (0xDC00..=0xDFFF).contains(&unit) {
                    let cp = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.text.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                    continue;
                }
                // The unpaired high surrogate is an error; the unit is read again.
                out.error()?;
            }
            match unit {
                0xD800..=0xDBFF => lead = Some(unit),
                0xDC00..=0xDFFF => out.error()?,
                _ => out.text.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}')),
            }
        }
        // A last odd byte or high surrogate: one error.
        if lead.is_some() || bytes.len() % 2 == 1 {
            out.error()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::own;
    use encoding_rs::*;

    const ALL: [&Encoding; 40] = [
        &UTF_8_INIT,
        &UTF_16LE_INIT,
        &UTF_16BE_INIT,
        &GBK_INIT,
        &GB18030_INIT,
        &BIG5_INIT,
        &X_USER_DEFINED_INIT,
        &REPLACEMENT_INIT,
        &IBM866_INIT,
        &ISO_8859_2_INIT,
        &ISO_8859_3_INIT,
        &ISO_8859_4_INIT,
        &ISO_8859_5_INIT,
        &ISO_8859_6_INIT,
        &ISO_8859_7_INIT,
        &ISO_8859_8_INIT,
        &ISO_8859_8_I_INIT,
        &ISO_8859_10_INIT,
        &ISO_8859_13_INIT,
        &ISO_8859_14_INIT,
        &ISO_8859_15_INIT,
        &ISO_8859_16_INIT,
        &KOI8_R_INIT,
        &KOI8_U_INIT,
        &MACINTOSH_INIT,
        &WINDOWS_874_INIT,
        &WINDOWS_1250_INIT,
        &WINDOWS_1251_INIT,
        &WINDOWS_1252_INIT,
        &WINDOWS_1253_INIT,
        &WINDOWS_1254_INIT,
        &WINDOWS_1255_INIT,
        &WINDOWS_1256_INIT,
        &WINDOWS_1257_INIT,
        &WINDOWS_1258_INIT,
        &X_MAC_CYRILLIC_INIT,
        &SHIFT_JIS_INIT,
        &EUC_JP_INIT,
        &ISO_2022_JP_INIT,
        &EUC_KR_INIT,
    ];

    fn supported() -> impl Iterator<Item = &'static Encoding> {
        ALL.into_iter().filter(|&e| own::supports(e))
    }

    /// Both decodings of `bytes`, with and without replacement, agree with
    /// encoding_rs's.
    fn check(enc: &'static Encoding, bytes: &[u8]) {
        let (a, ea) = own::decode(enc, bytes);
        let (b, eb) = enc.decode_without_bom_handling(bytes);
        assert_eq!((a.as_ref(), ea), (b.as_ref(), eb), "{} {:02X?}", enc.name(), bytes);
        let a = own::decode_strict(enc, bytes);
        let b = enc.decode_without_bom_handling_and_without_replacement(bytes);
        assert_eq!(a.as_deref(), b.as_deref(), "strict {} {:02X?}", enc.name(), bytes);
    }

    #[test]
    fn only_the_japanese_and_korean_encodings_are_left_out() {
        let out: Vec<&str> = ALL.into_iter().filter(|&e| !own::supports(e)).map(|e| e.name()).collect();
        assert_eq!(out, ["Shift_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR"]);
    }

    #[test]
    fn every_one_and_two_byte_input_decodes_as_with_encoding_rs() {
        for enc in supported() {
            check(enc, b"");
            for a in 0..=0xFFu8 {
                check(enc, &[a]);
                for b in 0..=0xFFu8 {
                    check(enc, &[a, b]);
                }
            }
        }
    }

    #[test]
    fn every_gb18030_four_byte_code_decodes_as_with_encoding_rs() {
        for a in 0x81..=0xFEu8 {
            for b in 0x30..=0x39u8 {
                for c in 0x81..=0xFEu8 {
                    for d in 0x30..=0x39u8 {
                        let bytes = [a, b, c, d];
                        let ours = own::decode_strict(GBK, &bytes);
                        let theirs = GBK.decode_without_bom_handling_and_without_replacement(&bytes);
                        assert_eq!(ours.as_deref(), theirs.as_deref(), "{bytes:02X?}");
                    }
                }
            }
        }
        // With the bytes around a four-byte code malformed in each way.
        for bytes in [&b"\x81\x30"[..], b"\x81\x30\x81", b"\x81\x30\x41\x30", b"\x81\x30\x81\x41", b"\x84\x31\xA5\x30x", b"\xE3\x32\x9A\x36x"] {
            check(GBK, bytes);
        }
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn random_byte_strings_decode_as_with_encoding_rs() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        // Bytes drawn mostly from the ranges the decoders treat apart.
        let classes: [(u8, u8); 8] =
            [(0x00, 0x7F), (0x30, 0x39), (0x40, 0x7E), (0x80, 0xA0), (0x81, 0xFE), (0xA1, 0xFE), (0xD8, 0xDF), (0xFF, 0xFF)];
        let mut bytes = Vec::new();
        for round in 0..200_000 {
            bytes.clear();
            let len = (rng.next() % 32) as usize;
            for _ in 0..len {
                let r = rng.next();
                let (lo, hi) = classes[(r % 8) as usize];
                bytes.push(lo + ((r >> 8) % (u64::from(hi - lo) + 1)) as u8);
            }
            for enc in supported() {
                if round % 8 == 0 || [GBK, BIG5, UTF_16LE, UTF_16BE, UTF_8, WINDOWS_1252].contains(&enc) {
                    check(enc, &bytes);
                }
            }
        }
    }

    #[test]
    fn text_decodes_as_with_encoding_rs() {
        let s = "區委書記高金全出席會議並作講話,要求切實做好疫情防控工作。𠀀€ é ÿ 1月6日 abc\r\n";
        for enc in [GBK, GB18030, BIG5, UTF_16LE, UTF_16BE] {
            let (bytes, _, _) = enc.output_encoding().encode(s);
            check(enc, &bytes);
        }
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        check(UTF_16LE, &le);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        check(UTF_16BE, &be);
        check(UTF_8, s.as_bytes());
    }
}
