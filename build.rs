//! Writes two kinds of binary tables into OUT_DIR.
//!
//! The decoding tables of the wasm's own decoders (`src/codec.rs`), read off
//! encoding_rs: see [`legacy_tables`].
//!
//! Converts the cleaning tables (`src/lexicon/{char_freq,pinyin_readings,
//! word_pairs}.txt`, the source of truth) into a compact binary form that
//! `src/clean/tables.rs` includes: the text files hold about 110,000 Han
//! characters, three UTF-8 bytes each; as code-point deltas most take one or
//! two bytes (the wasm gets smaller, raw and gzipped). A test in
//! `src/clean/tables.rs` checks that the binary decodes to the text's records.
//!
//! Format, all numbers LEB128 varints: the record count, then per record the
//! first field (its byte length and its UTF-8 bytes), the number of
//! characters of the second field, and each character as the zigzag-coded
//! difference from the previous one (from 0 at each record's start).

use std::{env, fs, path::Path};

const TABLES: [&str; 3] = ["char_freq", "pinyin_readings", "word_pairs"];

fn main() {
    let out = env::var("OUT_DIR").expect("OUT_DIR");
    for name in TABLES {
        let src = format!("src/lexicon/{name}.txt");
        println!("cargo:rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let bin = encode(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
        fs::write(Path::new(&out).join(format!("{name}.bin")), bin).expect("write the binary table");
    }
    legacy_tables(Path::new(&out));
    println!("cargo:rerun-if-changed=build.rs");
}

/// The single-byte encodings of the WHATWG Encoding Standard, in the order
/// of `SINGLE_BYTE` in `src/codec.rs`.
const SINGLE_BYTE: [&str; 28] = [
    "IBM866",
    "ISO-8859-2",
    "ISO-8859-3",
    "ISO-8859-4",
    "ISO-8859-5",
    "ISO-8859-6",
    "ISO-8859-7",
    "ISO-8859-8",
    "ISO-8859-8-I",
    "ISO-8859-10",
    "ISO-8859-13",
    "ISO-8859-14",
    "ISO-8859-15",
    "ISO-8859-16",
    "KOI8-R",
    "KOI8-U",
    "macintosh",
    "windows-874",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "x-mac-cyrillic",
];

/// The decoding tables of `src/codec.rs` (the wasm's GBK/GB18030, Big5 and
/// single-byte decoders), read off encoding_rs's own decoders, so the two
/// decode alike (a test in `src/codec.rs` checks every code):
///
/// - `gbk.bin`: the character of each GBK two-byte code (lead `81`–`FE`,
///   trail `40`–`7E`, `80`–`FE`, in that order);
/// - `big5.bin`: the same for Big5 (trail `40`–`7E`, `A1`–`FE`); the four
///   codes that decode to two characters are left out (`src/codec.rs`
///   knows them);
/// - `single_byte.bin`: bytes `80`–`FF` of each of [`SINGLE_BYTE`];
/// - `gb18030_ranges.bin`: GB18030's four-byte codes below U+10000, as runs
///   of consecutive code points: per run its first pointer and code point
///   (0: the run's codes decode to nothing).
///
/// Characters are written as in [`code_points`]; the runs as varint pairs
/// after their count.
fn legacy_tables(out: &Path) {
    use encoding_rs::{Encoding, BIG5, GBK};
    let one = |enc: &'static Encoding, bytes: &[u8]| -> Option<char> {
        let s = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        let mut chars = s.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some(c)
    };
    let leads = 0x81..=0xFEu8;
    let gbk: Vec<Option<char>> =
        leads.clone().flat_map(|l| (0x40..=0x7Eu8).chain(0x80..=0xFE).map(move |t| [l, t])).map(|p| one(GBK, &p)).collect();
    let big5: Vec<Option<char>> =
        leads.flat_map(|l| (0x40..=0x7Eu8).chain(0xA1..=0xFE).map(move |t| [l, t])).map(|p| one(BIG5, &p)).collect();
    let mut single = Vec::new();
    for name in SINGLE_BYTE {
        let enc = Encoding::for_label(name.as_bytes()).unwrap_or_else(|| panic!("no encoding {name}"));
        single.extend((0x80..=0xFFu8).map(|b| one(enc, &[b])));
    }
    let single = code_points(&single);
    // Four-byte pointers: ((b1 - 81) * 10 + (b2 - 30)) * 126 + (b3 - 81)) * 10 + (b4 - 30).
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut expect = None;
    for pointer in 0..39420u32 {
        let (b1, r) = (pointer / 12600, pointer % 12600);
        let (b2, r) = (r / 1260, r % 1260);
        let (b3, b4) = (r / 10, r % 10);
        let bytes = [0x81 + b1 as u8, 0x30 + b2 as u8, 0x81 + b3 as u8, 0x30 + b4 as u8];
        let cp = one(GBK, &bytes).map_or(0, u32::from);
        if expect != Some(cp) {
            runs.push((pointer, cp));
        }
        expect = Some(if cp == 0 { 0 } else { cp + 1 });
    }
    let mut ranges = Vec::new();
    varint(&mut ranges, runs.len() as u32);
    for (pointer, cp) in runs {
        varint(&mut ranges, pointer);
        varint(&mut ranges, cp);
    }
    for (name, bytes) in [("gbk", code_points(&gbk)), ("big5", code_points(&big5)), ("single_byte", single), ("gb18030_ranges", ranges)] {
        fs::write(out.join(format!("{name}.bin")), bytes).expect("write a decoding table");
    }
}

/// A table of characters (or none) as varints: 0 for none, else 1 + the
/// zigzag-coded difference from the last character before it (from 0).
/// Neighbouring codes mostly hold nearby characters, so the differences
/// are small (and the file gzips well).
fn code_points(table: &[Option<char>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev = 0i64;
    for c in table {
        match c {
            None => out.push(0),
            Some(c) => {
                let d = i64::from(*c as u32) - prev;
                varint(&mut out, ((d << 1) ^ (d >> 63)) as u32 + 1);
                prev = i64::from(*c as u32);
            }
        }
    }
    out
}

/// The records of a table file, as `src/lexicon/mod.rs` reads them.
fn encode(text: &str) -> Result<Vec<u8>, String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let mut out = Vec::new();
    varint(&mut out, lines.len() as u32);
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let [key, chars] = fields[..] else { return Err(format!("not two tab-separated fields: {line:?}")) };
        varint(&mut out, key.len() as u32);
        out.extend_from_slice(key.as_bytes());
        varint(&mut out, chars.chars().count() as u32);
        let mut prev = 0i64;
        for c in chars.chars() {
            let d = i64::from(c as u32) - prev;
            varint(&mut out, ((d << 1) ^ (d >> 63)) as u32);
            prev = i64::from(c as u32);
        }
    }
    Ok(out)
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}
