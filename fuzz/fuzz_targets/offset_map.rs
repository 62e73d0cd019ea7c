//! The offset map under arbitrary rewrites: a random sequence of keep,
//! replace and delete operations over an arbitrary text, chained over
//! several passes. Every position of the final text maps into the original,
//! on a character boundary, monotonically, and a span's image covers it.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use readout::clean::{OffsetMap, Rewriter};
use readout::CleanSpan;

#[derive(Arbitrary, Debug)]
enum Op {
    Keep(u8),
    Replace { skip: u8, len: u8, with: String },
    Delete { skip: u8, len: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    passes: Vec<Vec<Op>>,
}

/// The char boundary at or after `p` (clamped to the text).
fn ceil(t: &str, p: usize) -> usize {
    let mut p = p.min(t.len());
    while !t.is_char_boundary(p) {
        p += 1;
    }
    p
}

fuzz_target!(|input: Input| {
    let original = input.text.clone();
    let mut text = input.text;
    let mut map = OffsetMap::new();
    for ops in input.passes.into_iter().take(8) {
        let mut r = Rewriter::new(&text);
        for op in ops.into_iter().take(64) {
            let pos = r.pos();
            match op {
                Op::Keep(n) => r.keep_to(ceil(&text, pos + n as usize)),
                Op::Replace { skip, len, with } => {
                    let a = ceil(&text, pos + skip as usize);
                    let b = ceil(&text, a + len as usize);
                    r.replace(a..b, &with);
                }
                Op::Delete { skip, len } => {
                    let a = ceil(&text, pos + skip as usize);
                    let b = ceil(&text, a + len as usize);
                    r.delete(a..b);
                }
            }
        }
        let (out, layer) = r.finish();
        // Edits sorted and non-overlapping on both sides.
        for w in layer.edits().windows(2) {
            assert!(w[0].orig.end <= w[1].orig.start && w[0].new.end <= w[1].new.start, "{:?}", layer.edits());
        }
        map.push(layer);
        text = out;
    }
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut last = (0, 0);
    for &p in &bounds {
        let (s, e) = (map.map_start(p), map.map_end(p));
        assert!(s <= original.len() && e <= original.len(), "{p} maps out of bounds");
        assert!(original.is_char_boundary(s) && original.is_char_boundary(e), "{p} maps inside a character");
        assert!(s >= last.0 && e >= last.1, "not monotone at {p}");
        last = (s, e);
    }
    for w in bounds.windows(2) {
        let span = map.to_original(CleanSpan::new(w[0], w[1]));
        assert!(span.start <= span.end && span.end <= original.len());
    }
    if let (Some(&a), Some(&b)) = (bounds.first(), bounds.last()) {
        let whole = map.to_original(CleanSpan::new(a, b));
        assert!(whole.end <= original.len());
    }
});
