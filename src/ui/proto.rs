//! The messages between the page and its parsing worker, and their codec.
//!
//! The page sends batches of files; the worker answers each batch with the
//! parsed documents and their decoded sources. Messages travel as JSON text:
//! the model uses `skip_serializing_if`, which a non-self-describing format
//! such as bincode (gloo-worker's default) cannot read back.

use crate::model::Document;
use crate::Parsed;
use serde::{Deserialize, Serialize};

/// A batch of files to parse.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Request {
    /// The load this batch belongs to (a cancelled load's answers are dropped).
    pub job: u32,
    pub files: Vec<InFile>,
    /// The per-file size cap ([`crate::Options::max_bytes`]), as set in the page.
    #[serde(default = "default_max_bytes")]
    pub max_bytes: usize,
}

fn default_max_bytes() -> usize {
    crate::DEFAULT_MAX_BYTES
}

/// One input file: its name and raw bytes (decoding is the core's job).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct InFile {
    pub name: String,
    #[serde(with = "base64")]
    pub bytes: Vec<u8>,
}

/// The answer to one [`Request`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Response {
    pub job: u32,
    pub docs: Vec<ParsedDoc>,
    /// Milliseconds the parser spent on this batch (the perf hook: the page
    /// sums them into `data-perf-parse-ms` on `<html>`, read by e2e/perf.mjs).
    #[serde(default)]
    pub parse_ms: f64,
}

/// A parsed document with the decoded original text its spans index: the
/// serialisable twin of [`Parsed`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ParsedDoc {
    pub document: Document,
    pub source: String,
}

impl From<Parsed> for ParsedDoc {
    fn from(p: Parsed) -> Self {
        ParsedDoc { document: p.document, source: p.source }
    }
}

impl From<ParsedDoc> for Parsed {
    fn from(p: ParsedDoc) -> Self {
        Parsed { document: p.document, source: p.source }
    }
}

/// Parses a batch with the core: what the worker (or, in the single-file
/// page, the main thread) runs for each [`Request`]. Files over `max_bytes`
/// get the core's per-file error, as with the CLI's `--max-bytes`.
pub fn parse_batch(files: Vec<InFile>, max_bytes: usize) -> Vec<ParsedDoc> {
    let opts = crate::Options { max_bytes, ..crate::Options::default() };
    files.into_iter().map(|f| crate::parse(&f.name, &f.bytes, &opts).into()).collect()
}

/// gloo-worker codec: messages as JSON strings.
#[cfg(feature = "ui")]
pub struct JsonCodec;

#[cfg(feature = "ui")]
impl gloo::worker::Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> wasm_bindgen::JsValue {
        // Our own message types always serialise.
        wasm_bindgen::JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: wasm_bindgen::JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => wasm_bindgen::throw_str(&format!("readout: unreadable worker message: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_cap_travels_with_the_batch_and_refuses_only_bigger_files() {
        let small = InFile { name: "small.txt".into(), bytes: "1月6日,豐澤區召開會議。".as_bytes().to_vec() };
        let big = InFile { name: "big.txt".into(), bytes: vec![b'a'; 2000] };
        let docs = parse_batch(vec![small.clone(), big.clone()], 1000);
        assert_eq!(docs[0].document.error, None);
        let err = docs[1].document.error.as_deref().unwrap_or_default();
        assert!(err.contains("2000 bytes") && err.contains("limit of 1000 bytes"), "{err}");
        // The worker reads the cap from the request; an older message without it gets the default.
        let r = Request { job: 1, files: vec![small], max_bytes: 1000 };
        let back: Request = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        let old: Request = serde_json::from_str(r#"{"job":1,"files":[]}"#).unwrap();
        assert_eq!(old.max_bytes, crate::DEFAULT_MAX_BYTES);
    }
}

/// Bytes as standard base64 text (a third of the size of a JSON number array).
pub mod base64 {
    use serde::{Deserialize, Deserializer, Serializer};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let text = text.trim_end_matches('=').as_bytes();
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0u32);
        for &c in text {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        decode(&text).ok_or_else(|| serde::de::Error::custom("invalid base64"))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn round_trips_every_length() {
            let data: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
            for n in 0..40 {
                let enc = super::encode(&data[..n * 7 % data.len()]);
                assert_eq!(super::decode(&enc).unwrap(), &data[..n * 7 % data.len()]);
            }
            assert_eq!(super::encode(b"Man"), "TWFu");
            assert_eq!(super::encode(b"Ma"), "TWE=");
            assert_eq!(super::decode("TQ==").unwrap(), b"M");
            assert_eq!(super::decode("T!=="), None);
        }
    }
}
