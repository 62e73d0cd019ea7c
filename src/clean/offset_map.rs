//! Maps positions in a rewritten text back to the text it was made from.
//!
//! A cleaning pass copies most of its input unchanged and replaces a few
//! ranges. [`Rewriter`] records each replacement as an [`Edit`] (the input
//! range and the output range it became); everything between edits is a
//! verbatim copy, so a position there maps by a constant shift. A position
//! strictly inside an edit snaps to the edit's bounds: a span start snaps to
//! the start of the original range, a span end to its end, so a mapped span
//! always covers the whole original text it came from and never lands inside
//! a character.
//!
//! Several passes chain: [`OffsetMap`] keeps one layer per pass and maps
//! through them from the last to the first.

use crate::span::{CleanSpan, Span};
use std::ops::Range;

/// One replacement: `orig` in the input became `new` in the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub orig: Range<usize>,
    pub new: Range<usize>,
}

/// The edits of one pass, sorted and non-overlapping on both sides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layer {
    edits: Vec<Edit>,
}

impl Layer {
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Maps an output position used as a span start.
    pub fn map_start(&self, p: usize) -> usize {
        // First edit whose output range ends after p.
        let i = self.edits.partition_point(|e| e.new.end <= p);
        if let Some(e) = self.edits.get(i) {
            if e.new.start <= p {
                return e.orig.start;
            }
        }
        match i.checked_sub(1).and_then(|j| self.edits.get(j)) {
            Some(prev) => prev.orig.end + (p - prev.new.end),
            None => p,
        }
    }

    /// Maps an output position used as a span end.
    pub fn map_end(&self, p: usize) -> usize {
        // Last edit whose output range starts before p.
        let i = self.edits.partition_point(|e| e.new.start < p);
        match i.checked_sub(1).and_then(|j| self.edits.get(j)) {
            Some(e) if p <= e.new.end => e.orig.end,
            Some(e) => e.orig.end + (p - e.new.end),
            None => p,
        }
    }
}

/// Builds a new text from an input, recording every change.
///
/// Verbatim stretches are copied only when an edit follows them (or at
/// [`finish`](Self::finish)), so a pass that changes nothing copies nothing
/// ([`finish_changed`](Self::finish_changed)).
pub struct Rewriter<'a> {
    src: &'a str,
    out: String,
    edits: Vec<Edit>,
    /// The input position up to which output has been produced.
    pos: usize,
    /// The input position up to which `out` holds it; `copied..pos` is a
    /// verbatim stretch still to copy.
    copied: usize,
}

impl<'a> Rewriter<'a> {
    pub fn new(src: &'a str) -> Self {
        Self { src, out: String::new(), edits: Vec::new(), pos: 0, copied: 0 }
    }

    /// The input position up to which output has been produced.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Copies the input verbatim up to `end`.
    pub fn keep_to(&mut self, end: usize) {
        let end = end.min(self.src.len());
        if end > self.pos {
            self.pos = end;
        }
    }

    /// Writes out the pending verbatim stretch.
    fn flush(&mut self) {
        if self.out.capacity() == 0 {
            self.out.reserve(self.src.len());
        }
        self.out.push_str(&self.src[self.copied..self.pos]);
        self.copied = self.pos;
    }

    /// Replaces the input range `range` (at or after the current position)
    /// with `with`, copying what lies before it verbatim.
    pub fn replace(&mut self, range: Range<usize>, with: &str) {
        debug_assert!(range.start >= self.pos && range.start <= range.end);
        let range = range.start.max(self.pos)..range.end.max(range.start.max(self.pos));
        self.keep_to(range.start);
        if &self.src[range.clone()] == with {
            self.keep_to(range.end);
            return;
        }
        self.flush();
        let new_start = self.out.len();
        self.out.push_str(with);
        let edit = Edit { orig: range.clone(), new: new_start..self.out.len() };
        // Merge with an adjacent previous edit so the layer stays minimal.
        match self.edits.last_mut() {
            Some(last) if last.orig.end == edit.orig.start && last.new.end == edit.new.start => {
                last.orig.end = edit.orig.end;
                last.new.end = edit.new.end;
            }
            _ => self.edits.push(edit),
        }
        self.pos = range.end;
        self.copied = range.end;
    }

    /// Drops the input range `range`.
    pub fn delete(&mut self, range: Range<usize>) {
        self.replace(range, "");
    }

    /// Copies the rest and returns the new text and its layer.
    pub fn finish(mut self) -> (String, Layer) {
        if self.edits.is_empty() {
            return (self.src.to_owned(), Layer { edits: self.edits });
        }
        self.keep_to(self.src.len());
        self.flush();
        (self.out, Layer { edits: self.edits })
    }

    /// Like [`finish`](Self::finish), without copying an unchanged text:
    /// `None` when there is no edit (the text is the input).
    pub fn finish_changed(self) -> (Option<String>, Layer) {
        if self.edits.is_empty() {
            return (None, Layer::default());
        }
        let (text, layer) = self.finish();
        (Some(text), layer)
    }
}

/// The composition of all cleaning passes: cleaned text back to original.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    layers: Vec<Layer>,
}

impl OffsetMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the layer of a pass applied after all the ones already pushed.
    /// Layers without edits are dropped.
    pub fn push(&mut self, layer: Layer) {
        if !layer.edits.is_empty() {
            self.layers.push(layer);
        }
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// True when the cleaned text is the original.
    pub fn is_identity(&self) -> bool {
        self.layers.is_empty()
    }

    pub fn map_start(&self, p: usize) -> usize {
        self.layers.iter().rev().fold(p, |p, l| l.map_start(p))
    }

    pub fn map_end(&self, p: usize) -> usize {
        self.layers.iter().rev().fold(p, |p, l| l.map_end(p))
    }

    /// Maps a span of the cleaned text to the original. An empty span maps
    /// to an empty span at its start's image.
    pub fn to_original(&self, s: CleanSpan) -> Span {
        let start = self.map_start(s.start);
        if s.is_empty() {
            return Span::new(start, start);
        }
        let end = self.map_end(s.end).max(start);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(src: &str, f: impl FnOnce(&mut Rewriter)) -> (String, Layer) {
        let mut r = Rewriter::new(src);
        f(&mut r);
        r.finish()
    }

    #[test]
    fn unchanged_text_maps_to_itself() {
        let (out, layer) = rewrite("abc", |_| {});
        assert_eq!(out, "abc");
        assert!(layer.edits().is_empty());
        for p in 0..=3 {
            assert_eq!(layer.map_start(p), p);
            assert_eq!(layer.map_end(p), p);
        }
    }

    #[test]
    fn deletion_and_replacement() {
        // "區(qū)召開" -> "區召開"
        let src = "區(qū)召開";
        let (out, layer) = rewrite(src, |r| r.delete(3..8));
        assert_eq!(out, "區召開");
        // "召" starts at 3 in the output, 8 in the input.
        assert_eq!(layer.map_start(3), 8);
        // "區" ends at 3 in the output, 3 in the input.
        assert_eq!(layer.map_end(3), 3);
        assert_eq!(layer.map_end(9), 14);

        let (out, layer) = rewrite("a,,b", |r| r.replace(1..3, ","));
        assert_eq!(out, "a,b");
        assert_eq!(layer.map_start(1), 1);
        assert_eq!(layer.map_end(2), 3);
        assert_eq!(layer.map_start(2), 3);
    }

    #[test]
    fn an_unchanged_text_is_not_copied() {
        let mut r = Rewriter::new("abc");
        r.keep_to(2);
        r.replace(2..3, "c");
        assert_eq!(r.finish_changed(), (None, Layer::default()));
        let mut r = Rewriter::new("abc");
        r.keep_to(1);
        r.delete(1..2);
        let (text, layer) = r.finish_changed();
        assert_eq!(text.as_deref(), Some("ac"));
        assert_eq!(layer.edits(), [Edit { orig: 1..2, new: 1..1 }]);
    }

    #[test]
    fn inside_an_edit_snaps_outward() {
        let (out, layer) = rewrite("xABCy", |r| r.replace(1..4, "12"));
        assert_eq!(out, "x12y");
        assert_eq!(layer.map_start(2), 1);
        assert_eq!(layer.map_end(2), 4);
    }

    #[test]
    fn layers_chain() {
        let src = "a(b)c,,d";
        let (t1, l1) = rewrite(src, |r| r.delete(1..4)); // "ac,,d"
        let (t2, l2) = rewrite(&t1, |r| r.replace(2..4, ",")); // "ac,d"
        assert_eq!(t2, "ac,d");
        let mut m = OffsetMap::new();
        m.push(l1);
        m.push(l2);
        // "d" in the cleaned text is at 3..4; in the original at 7..8.
        assert_eq!(m.to_original(CleanSpan::new(3, 4)), Span::new(7, 8));
        assert_eq!(m.to_original(CleanSpan::new(0, 2)), Span::new(0, 5));
        assert_eq!(m.to_original(CleanSpan::new(1, 1)), Span::new(4, 4));
    }
}
