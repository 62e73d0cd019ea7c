//! Collapses doubled or stray punctuation: `,,` `,、` `,。` `,;` become the
//! one mark that was meant (the strongest of the run), and a comma that
//! opens a line goes. Marks are compared by kind, so `,，` is one comma; the
//! kept mark is written as it stood, so half-width text stays half-width.
//!
//! [`fold_width`] gives the normalised form used for matching.

use super::offset_map::{Layer, Rewriter};
use std::ops::Range;

/// One collapsed run: its range in the pass input and what it became.
#[derive(Clone, Debug)]
pub struct Collapsed {
    pub range: Range<usize>,
    pub after: String,
}

/// The strength of a mark that may be doubled by mistake (higher wins).
fn rank(c: char) -> Option<u8> {
    Some(match c {
        ',' | '，' => 1,
        '、' => 2,
        ':' | '：' => 3,
        ';' | '；' => 4,
        '。' | '！' | '!' | '？' => 5,
        _ => return None,
    })
}

/// A cheap test over the bytes: false means [`collapse`] changes nothing.
/// It edits only a run of two or more marks, or a comma or `、` at the start
/// of a line (after white space or at the very start), so a text where no
/// mark directly follows another mark, a line break, a space, an
/// ideographic space or the text's start is left as it is.
#[cfg(test)]
pub fn may_collapse(src: &str) -> bool {
    first_hit(src).is_some()
}

/// Where `may_collapse` (the tests' form of this pre-test) says yes: the
/// first mark that directly follows another mark, a line break, a space,
/// an ideographic space or the text's start. Nothing before it is edited.
///
/// Blocks of 64 positions are tested without a branch (the compiler
/// vectorises it) for a byte that may lead a mark right after a character
/// that may open a run (`may_hit`); only a block that has one is looked
/// at exactly (`hit_at`), which in reports is rare. A walk character by
/// character mispredicts a branch at every mark (one character in ten).
pub fn first_hit(src: &str) -> Option<usize> {
    let b = src.as_bytes();
    if mark_at(b, 0) {
        return Some(0);
    }
    // `i` is a candidate mark's position; the test reads `b[i - 3..=i]`.
    let mut i = 1;
    while i < 3.min(b.len()) {
        if hit_at(b, i) {
            return Some(i);
        }
        i += 1;
    }
    while i < b.len() {
        // The last block is padded with zero bytes, which lead nothing.
        let mut pad = [0u8; 67];
        let w: &[u8; 67] = match b.get(i - 3..i + 64) {
            Some(w) => w.try_into().expect("67 bytes"),
            None => {
                pad[..b.len() + 3 - i].copy_from_slice(&b[i - 3..]);
                &pad
            }
        };
        let mut any = 0u8;
        for t in 0..64 {
            any |= may_hit(w[t], w[t + 2], w[t + 3]) as u8;
        }
        if any != 0 {
            if let Some(t) = (i..b.len().min(i + 64)).find(|&j| hit_at(b, j)) {
                return Some(t);
            }
        }
        i += 64;
    }
    None
}

/// Whether a mark may start at a position whose byte is `c`, given the
/// bytes one (`p1`) and three (`p3`) before it, without a branch: `c` may
/// lead a mark (`,` `:` `;` `!`, E3 or EF) and the character before ends
/// like a mark, a line break or a space: a byte of those ASCII marks, `\n`
/// or space, or a character led by E3 or EF that ends in 80–82, 8C, 9A, 9B
/// or 9F (the last bytes of `、` `。` U+3000 and `！` `，` `：` `；` `？`).
#[inline(always)]
fn may_hit(p3: u8, p1: u8, c: u8) -> bool {
    let ascii_mark = |c: u8| (c == b'!') | (c == b',') | (c.wrapping_sub(b':') < 2);
    let lead = ascii_mark(c) | (c == 0xE3) | (c == 0xEF);
    let open1 = ascii_mark(p1) | (p1 == b'\n') | (p1 == b' ');
    let last3 = (p1.wrapping_sub(0x80) < 3) | (p1 == 0x8C) | (p1.wrapping_sub(0x9A) < 2) | (p1 == 0x9F);
    let open3 = ((p3 == 0xE3) | (p3 == 0xEF)) & last3;
    lead & (open1 | open3)
}

/// Whether a mark starts at `i` (a character boundary): `,` `:` `;` `!`,
/// `、` `。` (E3 80 81 / 82), `！` `，` `：` `；` `？` (EF BC 81 / 8C / 9A / 9B /
/// 9F).
#[inline]
fn mark_at(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..).unwrap_or_default(),
        [b',' | b':' | b';' | b'!', ..] | [0xE3, 0x80, 0x81 | 0x82, ..] | [0xEF, 0xBC, 0x81 | 0x8C | 0x9A | 0x9B | 0x9F, ..]
    )
}

/// Whether a mark starts at `i` (`i >= 1`, a character boundary when the
/// test holds) right after a mark, a line break, a space or an ideographic
/// space. An ASCII byte is a whole character, and so are three bytes led by
/// E3 or EF, so the bytes say which character ends at `i - 1`.
fn hit_at(b: &[u8], i: usize) -> bool {
    if !mark_at(b, i) {
        return false;
    }
    match b[i - 1] {
        b',' | b':' | b';' | b'!' | b'\n' | b' ' => true,
        _ => {
            i >= 3
                && matches!(b[i - 3..i], [0xE3, 0x80, 0x80..=0x82] | [0xEF, 0xBC, 0x81 | 0x8C | 0x9A | 0x9B | 0x9F])
        }
    }
}

/// `format!("{s:?}")`, without the Unicode tables when `s` holds only the
/// marks this pass collapses (all printable and never escaped, so the
/// debug form is the text in double quotes).
pub fn debug_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_debug_quoted(&mut out, s);
    out
}

/// [`debug_quoted`], appended to `out`.
pub fn push_debug_quoted(out: &mut String, s: &str) {
    if s.chars().all(|c| rank(c).is_some()) {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        use std::fmt::Write as _;
        let _ = write!(out, "{s:?}");
    }
}

/// The new text (`None`: unchanged), its layer and what was found: the
/// pass on its own, for the tests (the pipeline asks `first_hit`, then
/// `collapse_from`).
#[cfg(test)]
pub fn collapse(src: &str) -> (Option<String>, Layer, Vec<Collapsed>) {
    match first_hit(src) {
        Some(hit) => collapse_from(src, hit),
        None => (None, Layer::default(), Vec::new()),
    }
}

/// The pass (the new text, `None` when unchanged, its layer and what was
/// found), given [`first_hit`]: the run holding it starts on its line
/// and nothing before it is edited, so the walk starts at that line's start.
pub fn collapse_from(src: &str, hit: usize) -> (Option<String>, Layer, Vec<Collapsed>) {
    let b = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut found = Vec::new();
    let mut line_start = true;
    let mut i = memchr::memrchr(b'\n', &b[..hit.min(b.len())]).map_or(0, |p| p + 1);
    while i < b.len() {
        // Han and the rest of U+4000–U+9FFF (lead bytes E4–E9): neither a
        // mark nor white space.
        if b[i].wrapping_sub(0xE4) < 6 {
            line_start = false;
            i += 3;
            continue;
        }
        // ASCII other than the marks, read off the byte.
        if b[i] < 0x80 && !matches!(b[i], b',' | b':' | b';' | b'!') {
            line_start = b[i] == b'\n' || (line_start && b[i] == b' ');
            i += 1;
            continue;
        }
        let Some(c) = src[i..].chars().next() else { break };
        let Some(r0) = rank(c) else {
            line_start = c == '\n' || (line_start && (c == ' ' || c == '\u{3000}'));
            i += c.len_utf8();
            continue;
        };
        // The run of marks starting here.
        let (mut best, mut best_rank, mut end, mut count, mut weak) = (c, r0, i + c.len_utf8(), 1, r0 <= 2);
        while let Some(d) = src[end..].chars().next() {
            let Some(r) = rank(d) else { break };
            if r > best_rank {
                best = d;
                best_rank = r;
            }
            weak |= r <= 2;
            count += 1;
            end += d.len_utf8();
        }
        let start = i;
        i = end;
        let run = &src[start..end];
        let all_same = run.chars().all(|d| d == c);
        let stray = line_start && best_rank <= 2;
        // A stray mark removed leaves the line still at its start.
        line_start = stray;
        // `!!`, `？！`: emphasis, not a mistake.
        if count == 1 && !stray || !weak && !all_same || best_rank == 5 && all_same && c != '。' {
            continue;
        }
        let mut buf = [0u8; 4];
        let after: &str = if stray { "" } else { best.encode_utf8(&mut buf) };
        w.replace(start..end, after);
        found.push(Collapsed { range: start..end, after: after.to_owned() });
    }
    let (text, layer) = w.finish_changed();
    (text, layer, found)
}

/// The half-width form of a full-width character (`，` → `,`, `Ａ` → `A`,
/// ideographic space → space); other characters unchanged. One character in,
/// one out, so a folded copy can be matched position by position.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// The text with [`fold_width`] applied to every character.
pub fn folded(s: &str) -> String {
    s.chars().map(fold_width).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        collapse(s).0.unwrap_or_else(|| s.to_owned())
    }

    #[test]
    fn collapses() {
        assert_eq!(run("會議,,傳達"), "會議,傳達");
        assert_eq!(run("市委副書記,、市長,、組長"), "市委副書記、市長、組長");
        assert_eq!(run("出席,。"), "出席。");
        assert_eq!(run("合力,;要"), "合力;要");
        assert_eq!(run("好，，的"), "好，的");
        assert_eq!(run("完。。"), "完。");
        assert_eq!(run(",開頭\n、第二"), "開頭\n第二");
        assert_eq!(run(", ,"), " ");
    }

    #[test]
    fn keeps_single_and_emphatic_marks() {
        for s in ["一,二、三;四。", "真的？！", "好!!", "09:58", "1.5", "“零遺漏”。"] {
            assert_eq!(run(s), s);
        }
    }

    #[test]
    fn folds() {
        assert_eq!(folded("，：Ａ１　"), ",:A1 ");
    }

    /// The cleaner skips the second punctuation pass when no repair changed
    /// the text in between: collapsing twice must equal collapsing once.
    #[test]
    fn collapsing_is_idempotent() {
        let mut texts: Vec<String> = [
            ",,\n，、x", "！！。。好", "；。,a", " ,,b", "\u{3000},a\n 、、b", "a,、;。!c", ",\n,\n,", "好!!,,。", "：：x", "x。，\n\u{3000}，y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(crate::gen::generate(1500, 3).filter_map(|r| String::from_utf8(r.bytes).ok()));
        for t in &texts {
            let once = run(t);
            let (twice, _, found) = collapse(&once);
            let twice = twice.unwrap_or_else(|| once.clone());
            assert!(found.is_empty() && twice == once, "{t:?} -> {once:?} -> {twice:?}");
        }
    }

    /// [`may_collapse`] as it was before its fast path for Han characters:
    /// one step per character.
    fn may_collapse_reference(src: &str) -> bool {
        let mut prev_open = true;
        for c in src.chars() {
            let mark = matches!(c, ',' | ':' | ';' | '!' | '、' | '。' | '！' | '，' | '：' | '；' | '？');
            if mark && prev_open {
                return true;
            }
            prev_open = mark || matches!(c, '\n' | ' ' | '\u{3000}');
        }
        false
    }

    /// [`collapse`] as it was before its fast path for Han characters.
    fn collapse_reference(src: &str) -> (String, Vec<(Range<usize>, String)>) {
        let mut w = Rewriter::new(src);
        let mut found = Vec::new();
        let mut line_start = true;
        let mut iter = src.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let Some(r0) = rank(c) else {
                line_start = c == '\n' || (line_start && (c == ' ' || c == '\u{3000}'));
                continue;
            };
            let (mut best, mut best_rank, mut end, mut count, mut weak) = (c, r0, i + c.len_utf8(), 1, r0 <= 2);
            while let Some(&(j, d)) = iter.peek() {
                let Some(r) = rank(d) else { break };
                if r > best_rank {
                    best = d;
                    best_rank = r;
                }
                weak |= r <= 2;
                count += 1;
                end = j + d.len_utf8();
                iter.next();
            }
            let all_same = src[i..end].chars().all(|d| d == c);
            let stray = line_start && best_rank <= 2;
            line_start = stray;
            if count == 1 && !stray || !weak && !all_same || best_rank == 5 && all_same && c != '。' {
                continue;
            }
            let after = if stray { String::new() } else { best.to_string() };
            w.replace(i..end, &after);
            found.push((i..end, after));
        }
        (w.finish().0, found)
    }

    #[test]
    fn collapse_agrees_with_a_character_scan() {
        let mut texts: Vec<String> =
            [",,\n，、x", "！！。。好", "；。,a", " ,,b", "\u{3000},a\n 、、b", "會,,\u{9FFF}、。", "㐀，，", "é,,", "😀，、"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        texts.extend(crate::gen::generate(800, 9).filter_map(|r| String::from_utf8(r.bytes).ok()));
        let mut changed = 0;
        for t in &texts {
            let (text, _, found) = collapse(t);
            let (want, want_found) = collapse_reference(t);
            assert_eq!(text.as_deref().unwrap_or(t), want, "{t:?}");
            let found: Vec<(Range<usize>, String)> = found.into_iter().map(|c| (c.range, c.after)).collect();
            assert_eq!(found, want_found, "{t:?}");
            changed += (!found.is_empty()) as usize;
        }
        assert!(changed > 10, "{changed}");
    }

    #[test]
    fn the_pre_test_agrees_with_a_character_scan() {
        let mut texts: Vec<String> =
            ["", ",", "a,", "會,", "會\n,", "會 ，", "會\u{3000}。", "會。。", "會。會", "㐀,", "\u{9FFF}、、", "é,", "😀,"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        texts.extend(crate::gen::generate(800, 5).filter_map(|r| String::from_utf8(r.bytes).ok()));
        let mut hits = 0;
        for t in &texts {
            assert_eq!(may_collapse(t), may_collapse_reference(t), "{t:?}");
            assert_eq!(first_hit(t), first_hit_reference(t), "{t:?}");
            hits += may_collapse(t) as usize;
            if !may_collapse(t) {
                assert!(collapse(t).2.is_empty(), "{t:?}");
            }
        }
        assert!(hits > 0 && hits < texts.len());
    }

    /// [`first_hit`] as a walk over the characters.
    fn first_hit_reference(src: &str) -> Option<usize> {
        let mut prev_open = true;
        for (i, c) in src.char_indices() {
            let mark = matches!(c, ',' | ':' | ';' | '!' | '、' | '。' | '！' | '，' | '：' | '；' | '？');
            if mark && prev_open {
                return Some(i);
            }
            prev_open = mark || matches!(c, '\n' | ' ' | '\u{3000}');
        }
        None
    }

    /// Hits (and near misses) at every offset around the 64-byte blocks.
    #[test]
    fn first_hit_finds_the_first_mark_at_any_offset() {
        let tails = [
            ",,", "，，", "、。", "\u{3000}，", "\n,", " ：", "。；", "！？", "會，", "。”，", "》，", "、《", "（，", "）。", "會\u{3000}會",
            "é,", "a;", "1!", "😀，", "；會！", "\u{3001}\u{3002}",
        ];
        let fills = ["會", "a", "é", "😀", "會議，", "”"];
        let mut hits = 0;
        for fill in fills {
            for n in 0..80 {
                for tail in tails {
                    for after in ["", "會議,,", &"會".repeat(30)] {
                        let t = format!("{}{tail}{after}", fill.repeat(n));
                        assert_eq!(first_hit(&t), first_hit_reference(&t), "{t:?}");
                        hits += first_hit(&t).is_some() as usize;
                    }
                }
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    #[test]
    fn debug_quoted_is_debug() {
        for s in [",,", ",、", "。。", "", "，，", "！？", "a\"b", ",\n", ";；:：!！？、。"] {
            assert_eq!(debug_quoted(s), format!("{s:?}"));
        }
    }
}
