//! Drops repeated paragraphs and blocks: a paragraph (line) that has already
//! appeared goes, and consecutive dropped paragraphs make one block with one
//! warning. A line that is the same text twice over (`XX`) keeps one copy.

use super::offset_map::{Layer, Rewriter};
use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A dropped block: its range in the pass input, the number of paragraphs,
/// and the range of the first copy.
#[derive(Clone, Debug)]
pub struct Dropped {
    pub range: Range<usize>,
    pub paragraphs: usize,
    pub first: Range<usize>,
}

/// Paragraphs shorter than this (in chars) are dropped only inside a block.
const MIN_CHARS: usize = 12;
/// Shortest half of a doubled line (in chars).
const MIN_HALF: usize = 20;

struct Line {
    /// The line with its break.
    whole: Range<usize>,
    /// The trimmed text.
    text: Range<usize>,
    long: bool,
    first_seen: Option<Range<usize>>,
}

/// A fast hasher for the lines (eight bytes a step; FxHash's mixing): the
/// map compares the lines themselves, so the hash only spreads them.
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

/// The new text (`None`: unchanged), its layer and what was found: the
/// pass on its own, for the tests (the pipeline calls `dedup_lines` with
/// the lines it already split).
#[cfg(test)]
pub fn dedup(src: &str) -> (Option<String>, Layer, Vec<Dropped>) {
    let lines: Vec<super::LineSpan> = super::line_spans(src).collect();
    dedup_lines(src, &lines)
}

/// Drops the repeated lines and bodies of `src`, given its lines as
/// [`super::line_spans`] splits them: the new text (`None`: unchanged), its
/// layer and what was dropped.
pub(crate) fn dedup_lines(src: &str, spans: &[super::LineSpan]) -> (Option<String>, Layer, Vec<Dropped>) {
    let mut lines: Vec<Line> = spans
        .iter()
        .map(|&super::LineSpan { start, end, nl, ref text }| {
            let text = text.clone();
            let t = &src[text.clone()];
            // At least MIN_CHARS characters: surely so from four bytes a
            // character up, surely not below one byte a character.
            let long = t.len() >= 4 * MIN_CHARS || t.len() >= MIN_CHARS && t.chars().nth(MIN_CHARS - 1).is_some();
            Line { whole: start..nl.map_or(end, |n| n + 1), text, long, first_seen: None }
        })
        .collect();
    // A line repeats another only at the same length: when no two
    // non-empty lines have one, nothing is hashed (a report has a dozen
    // lines or so; past 64 the map decides).
    let n = lines.len();
    let may_repeat = n > 64
        || (1..n).any(|k| {
            let len = lines[k].text.len();
            len > 0 && lines[..k].iter().any(|l| l.text.len() == len)
        });
    // Each distinct line's first occurrence.
    let mut seen: HashMap<&str, Range<usize>, BuildHasherDefault<LineHasher>> =
        HashMap::with_capacity_and_hasher(if may_repeat { n } else { 0 }, BuildHasherDefault::default());
    for line in lines.iter_mut().filter(|_| may_repeat) {
        let t = &src[line.text.clone()];
        if !t.is_empty() {
            match seen.entry(t) {
                Entry::Occupied(e) => line.first_seen = Some(e.get().clone()),
                Entry::Vacant(e) => {
                    e.insert(line.text.clone());
                }
            }
        }
    }
    // Dropped: repeated long lines, and repeated short or blank lines between
    // or next to them.
    let mut drop = vec![false; n];
    for (k, l) in lines.iter().enumerate() {
        drop[k] = l.first_seen.is_some() && l.long;
    }
    let blank = |l: &Line| l.text.is_empty();
    for k in 1..n {
        if !drop[k] && drop[k - 1] && (lines[k].first_seen.is_some() || blank(&lines[k]) && (k + 1 < n && drop[k + 1])) {
            drop[k] = true;
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        if !drop[k] && drop[k + 1] && lines[k].first_seen.is_some() {
            drop[k] = true;
        }
    }
    let mut w = Rewriter::new(src);
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if !drop[k] {
            if let Some(half) = doubled(&src[lines[k].text.clone()]) {
                let t = lines[k].text.clone();
                let cut = t.start + half..t.end;
                w.delete(cut.clone());
                out.push(Dropped { range: cut, paragraphs: 1, first: t.start..t.start + half });
            }
            k += 1;
            continue;
        }
        let first_k = k;
        while k < n && drop[k] {
            k += 1;
        }
        let mut range = lines[first_k].whole.start..lines[k - 1].whole.end;
        // The last line has no break of its own: take the one before it.
        if k == n && !src.ends_with('\n') && range.start > 0 && w.pos() < range.start {
            range.start -= 1;
        }
        let paragraphs = lines[first_k..k].iter().filter(|l| !blank(l)).count();
        let first = lines[first_k..k].iter().find_map(|l| l.first_seen.clone()).unwrap_or(0..0);
        w.delete(range.clone());
        out.push(Dropped { range, paragraphs, first });
    }
    let (text, layer) = w.finish_changed();
    (text, layer, out)
}

/// For a line that is one text twice over, the byte length of one copy
/// (repeatedly halved: `XXXX` keeps `X`).
fn doubled(line: &str) -> Option<usize> {
    let mut len = line.len();
    let mut found = None;
    while len.is_multiple_of(2) && len > 0 {
        let half = len / 2;
        if !line.is_char_boundary(half) || line[..half] != line[half..len] || line[..half].chars().nth(MIN_HALF - 1).is_none() {
            break;
        }
        found = Some(half);
        len = half;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        dedup(s).0.unwrap_or_else(|| s.to_owned())
    }

    #[test]
    fn drops_repeated_block_once() {
        let p1 = "會議指出,全區上下要把思想和行動統一到重要指示精神上來。";
        let p2 = "會議強調,當前正處於疫情防控的關鍵期,全區上下要有緊迫感。";
        let src = format!("標題\n{p1}\n{p2}\n{p1}\n{p2}\n");
        let (out, _, d) = dedup(&src);
        let out = out.unwrap();
        assert_eq!(out, format!("標題\n{p1}\n{p2}\n"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].paragraphs, 2);
        let src = format!("{p1}\n{p1}");
        assert_eq!(run(&src), p1);
    }

    #[test]
    fn doubled_line() {
        let x = "當天彭聰恩還主持召開了區政府黨組會議傳達學習中央省市關於疫情防控的文件";
        assert_eq!(run(&format!("{x}{x}\n")), format!("{x}\n"));
        assert!(dedup("短短\n短短\n").0.is_none());
    }
}
