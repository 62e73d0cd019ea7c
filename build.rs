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
    println!("cargo:rerun-if-changed=build.rs");
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
