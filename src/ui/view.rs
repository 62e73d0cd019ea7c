//! What the reader is looking at: filters, search, script and language.
//! It lives in the URL hash (`#level=province&q=疫苗&script=s`), so a view
//! can be bookmarked and shared; [`View::to_hash`] and [`View::from_hash`]
//! are exact inverses for every view.

use super::i18n::Lang;
use super::text::Script;
use crate::model::{Level, Meeting};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Earliest date shown (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or empty.
    pub from: String,
    /// Latest date shown, or empty.
    pub to: String,
    pub level: Option<Level>,
    /// A body as written, or empty for any.
    pub body: String,
    /// A speaker's name (chair or speaker), or empty for any.
    pub speaker: String,
    /// Free text searched in directives.
    pub query: String,
    pub script: Script,
    pub lang: Lang,
    /// The per-file size cap for loads, in MiB (`--max-bytes` of the CLI),
    /// within [`MAX_MB_RANGE`]; [`DEFAULT_MAX_MB`] when not set.
    pub max_mb: u32,
}

/// The size cap the page starts with: the CLI's default (32 MiB).
pub const DEFAULT_MAX_MB: u32 = (crate::DEFAULT_MAX_BYTES >> 20) as u32;

/// The caps the page accepts, in MiB: at least 1; at most 128, since a file
/// costs the parser about 22 times its size in memory and a wasm page has
/// 4 GiB at most.
pub const MAX_MB_RANGE: std::ops::RangeInclusive<u32> = 1..=128;

impl Default for View {
    fn default() -> Self {
        View {
            from: String::new(),
            to: String::new(),
            level: None,
            body: String::new(),
            speaker: String::new(),
            query: String::new(),
            script: Script::default(),
            lang: Lang::default(),
            max_mb: DEFAULT_MAX_MB,
        }
    }
}

/// A size cap typed by the reader (MiB, possibly with decimals or junk):
/// rounded and kept within [`MAX_MB_RANGE`]; `None` when not a number.
/// Read as a decimal number by hand: the page's wasm then carries no float
/// parser.
pub fn clamp_max_mb(text: &str) -> Option<u32> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let (lo, hi) = (*MAX_MB_RANGE.start(), *MAX_MB_RANGE.end());
    if negative {
        return Some(lo);
    }
    let int = int.trim_start_matches('0');
    // More digits than any cap: the top of the range.
    let mut v: u64 = if int.len() > 12 { u64::MAX } else { int.parse().unwrap_or(0) };
    if frac.bytes().next().is_some_and(|d| d >= b'5') {
        v = v.saturating_add(1);
    }
    Some(v.clamp(u64::from(lo), u64::from(hi)) as u32)
}

impl View {
    /// True when some filter hides meetings.
    pub fn filters(&self) -> bool {
        !self.from.is_empty()
            || !self.to.is_empty()
            || self.level.is_some()
            || !self.body.is_empty()
            || !self.speaker.is_empty()
            || !self.query.trim().is_empty()
    }

    /// The same view without filters (script, language and size cap kept).
    pub fn reset(&self) -> View {
        View { script: self.script, lang: self.lang, max_mb: self.max_mb, ..View::default() }
    }

    /// The per-file size cap in bytes, for [`crate::Options::max_bytes`].
    pub fn max_bytes(&self) -> usize {
        (self.max_mb as usize) << 20
    }

    /// Whether `m` passes every filter but the free-text search (which needs
    /// the directives, see [`super::state`]).
    pub fn admits(&self, m: &Meeting) -> bool {
        if !self.from.is_empty() || !self.to.is_empty() {
            let Some(date) = m.date.as_deref() else { return false };
            // A partial date covers a range: keep it when the range overlaps.
            if !self.from.is_empty() && upper(date) < lower(&self.from) {
                return false;
            }
            if !self.to.is_empty() && lower(date) > upper(&self.to) {
                return false;
            }
        }
        if self.level.is_some() && m.level != self.level {
            return false;
        }
        if !self.body.is_empty() && m.body.as_deref() != Some(self.body.as_str()) {
            return false;
        }
        if !self.speaker.is_empty() {
            let named = |p: &crate::model::Person| p.name == self.speaker;
            if !m.chair.as_ref().is_some_and(named) && !m.speakers.iter().any(named) {
                return false;
            }
        }
        true
    }

    /// `level=province&q=%E7%96%AB%E8%8B%97`: the non-default fields, in a
    /// fixed order, percent-encoded.
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        let mut put = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        };
        put("from", &self.from);
        put("to", &self.to);
        put("level", self.level.map(Level::as_str).unwrap_or(""));
        put("body", &self.body);
        put("speaker", &self.speaker);
        put("q", &self.query);
        put("script", if self.script == Script::Original { "" } else { self.script.code() });
        put("lang", if self.lang == Lang::En { "" } else { self.lang.code() });
        let max = if self.max_mb == DEFAULT_MAX_MB { String::new() } else { self.max_mb.to_string() };
        put("max", &max);
        parts.join("&")
    }

    /// Reads a hash (with or without its `#`); unknown keys and bad values
    /// are ignored.
    pub fn from_hash(hash: &str) -> View {
        let mut v = View::default();
        for pair in hash.trim_start_matches('#').split('&') {
            let (k, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(val) = decode(raw) else { continue };
            match k {
                "from" if valid_date(&val) => v.from = val,
                "to" if valid_date(&val) => v.to = val,
                "level" => v.level = Level::parse(&val),
                "body" => v.body = val,
                "speaker" => v.speaker = val,
                "q" => v.query = val,
                "script" => v.script = Script::from_code(&val).unwrap_or_default(),
                "lang" => v.lang = Lang::from_code(&val).unwrap_or_default(),
                "max" => v.max_mb = clamp_max_mb(&val).unwrap_or(DEFAULT_MAX_MB),
                _ => {}
            }
        }
        v
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// The first day a partial date covers: `2020` → `2020-01-01`.
fn lower(d: &str) -> String {
    match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_owned(),
    }
}

/// The last day (as a string bound) a partial date covers: `2020-02` → `2020-02-31`.
fn upper(d: &str) -> String {
    match d.len() {
        4 => format!("{d}-12-31"),
        7 => format!("{d}-31"),
        _ => d.to_owned(),
    }
}

/// Percent-encodes everything but unreserved ASCII.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space); None when not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips() {
        let v = View {
            from: "2020-01".into(),
            to: "2020-02-29".into(),
            level: Some(Level::Province),
            body: "福建省".into(),
            speaker: "高金全".into(),
            query: "疫苗 & 接種=100%".into(),
            script: Script::Simplified,
            lang: Lang::Zh,
            max_mb: 4,
        };
        let h = v.to_hash();
        assert!(h.ends_with("&max=4"), "{h}");
        assert!(!h.contains('疫') && !h.contains(' '), "{h}");
        assert_eq!(View::from_hash(&format!("#{h}")), v);
        assert_eq!(View::default().to_hash(), "");
        assert_eq!(View::from_hash(""), View::default());
        assert_eq!(View::from_hash("#level=province").to_hash(), "level=province");
    }

    #[test]
    fn bad_hash_values_are_ignored() {
        let v = View::from_hash("#level=galactic&from=yesterday&q=%E7%96&script=x&lang=fr&junk&to=2020&max=lots");
        assert_eq!(v, View { to: "2020".into(), ..View::default() });
    }

    #[test]
    fn the_size_cap_is_kept_within_bounds() {
        assert_eq!(View::default().max_bytes(), crate::DEFAULT_MAX_BYTES);
        assert_eq!(View::from_hash("#max=2").max_bytes(), 2 << 20);
        assert_eq!(View::from_hash("#max=0").max_mb, 1);
        assert_eq!(View::from_hash("#max=-5").max_mb, 1);
        assert_eq!(View::from_hash("#max=100000").max_mb, 128);
        assert_eq!(View::from_hash("#max=2.6").max_mb, 3);
        assert_eq!(clamp_max_mb(" 7 "), Some(7));
        assert_eq!(clamp_max_mb(""), None);
        assert_eq!(clamp_max_mb("NaN"), None);
        for (text, mb) in [("2.4", 2), ("2.5", 3), (".6", 1), ("5.", 5), ("+9", 9), ("-0.2", 1), ("0", 1), ("0099.5", 100)] {
            assert_eq!(clamp_max_mb(text), Some(mb), "{text}");
        }
        assert_eq!(clamp_max_mb("99999999999999999999999"), Some(128));
        for junk in [".", "-", "1.2.3", "1e3", "inf", "12 MB", "١٢"] {
            assert_eq!(clamp_max_mb(junk), None, "{junk}");
        }
        // The cap is a setting, not a filter: reset keeps it, and the default is not written.
        let v = View { max_mb: 5, level: Some(Level::City), ..View::default() };
        assert_eq!(v.reset().max_mb, 5);
        assert!(!View { max_mb: 5, ..View::default() }.filters());
        assert_eq!(View { max_mb: DEFAULT_MAX_MB, ..View::default() }.to_hash(), "");
    }

    #[test]
    fn partial_dates_overlap_ranges() {
        let m = |d: Option<&str>| {
            let mut m: Meeting = serde_json::from_str(
                r#"{"date":null,"date_basis":"unknown","time_of_day":null,"body":null,"level":null,"name":null,
                "chair":null,"speakers":[],"attendees":[],"directives":[],"span":[0,0]}"#,
            )
            .unwrap();
            m.date = d.map(str::to_owned);
            m
        };
        let v = View { from: "2020-02-01".into(), to: "2020-02-29".into(), ..View::default() };
        assert!(v.admits(&m(Some("2020-02-05"))));
        assert!(v.admits(&m(Some("2020-02"))));
        assert!(v.admits(&m(Some("2020"))));
        assert!(!v.admits(&m(Some("2020-01-31"))));
        assert!(!v.admits(&m(Some("2020-03"))));
        assert!(!v.admits(&m(None)), "undated meetings fall outside any date range");
        assert!(View::default().admits(&m(None)));
    }
}
