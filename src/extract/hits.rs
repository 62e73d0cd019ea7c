//! Every occurrence of the searched lexicons in a document, found in one pass.
//!
//! The extractors search many stretches of a document for words of a
//! lexicon: titles before names in each passage, triggers and non-modal 要
//! words in each sentence, meeting verbs and kinds in each sentence, places,
//! reporter roles, period terms. Searching each stretch with its own
//! automaton walked most of the text several times over and paid a search's
//! set-up per sentence. Instead, one automaton of all those words finds
//! every occurrence of every word once per document (overlapping, so that no
//! word hides another), and a search over a stretch reads a slice of that
//! sorted list. The leftmost-longest rule the per-stretch searches applied is
//! applied to the slice ([`Hits::find_iter`]), so the answers are the same.

use super::lex::Lexicons;
use crate::span::CleanSpan;

/// The lexicons searched through [`Hits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Titles,
    Triggers,
    NotModalYao,
    MeetingVerbs,
    MeetingKinds,
    Admin,
    ReporterRoles,
    Period,
    NotTriggers,
    AttendanceLeads,
    SpeechObjects,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Titles,
        Kind::Triggers,
        Kind::NotModalYao,
        Kind::MeetingVerbs,
        Kind::MeetingKinds,
        Kind::Admin,
        Kind::ReporterRoles,
        Kind::Period,
        Kind::NotTriggers,
        Kind::AttendanceLeads,
        Kind::SpeechObjects,
    ];
}

/// One occurrence of a lexicon word: its bytes in the Simplified text and
/// its index in its lexicon (as the lexicon's own automaton numbers it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Every occurrence in one text, per lexicon, sorted by start and, at one
/// start, longest first: one list, the lexicons' parts one after another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    all: Vec<Hit>,
    /// Where each lexicon's part of `all` starts (and, last, its end).
    at: [u32; Kind::ALL.len() + 1],
}

/// A state of [`Dfa`]: the start of its row of the transition table.
pub type State = u32;

/// One word a state of [`Dfa`] holds (ending at the character just read),
/// for one lexicon holding it.
#[derive(Clone, Copy, Debug)]
struct Out {
    kind: u8,
    /// The word's length in bytes.
    len: u32,
    /// Its index in that lexicon.
    pattern: u32,
}

/// The combined automaton of the searched lexicons' words, over characters:
/// an Aho-Corasick automaton with every transition filled in (a DFA), read
/// one character per step. Its alphabet is the words' characters (all of
/// them core Han ideographs, a few hundred), each its own class, and class
/// 0 for every other character, which leads back to the start (no word
/// holds it). The states holding words come first, so a single comparison
/// tells a step that found something.
pub struct Dfa {
    /// Every character of the words, sorted: `chars[k]` is class `k + 1`.
    pub chars: Vec<char>,
    /// Classes per state (`chars.len() + 1`).
    stride: usize,
    /// The next state, by `state + class`.
    pub trans: Vec<State>,
    /// The states below this one hold words.
    pub matching: State,
    pub start: State,
    /// The words of matching state `s`, the `s / stride`th:
    /// `outs[out_at[s / stride]..out_at[s / stride + 1]]`.
    out_at: Vec<u32>,
    outs: Vec<Out>,
}

impl Dfa {
    /// The automaton of `words` (each once); `owners[w]`: the lexicons
    /// holding word `w`, with its index there.
    pub fn new(words: &[&str], owners: &[Vec<(Kind, usize)>]) -> Self {
        let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        let stride = chars.len() + 1;
        let class = |c: char| chars.binary_search(&c).map_or(0, |k| k + 1);
        // The trie: each node's children (class, node) and the words ending there.
        let mut kids: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
        let mut own: Vec<Vec<usize>> = vec![Vec::new()];
        for (w, word) in words.iter().enumerate() {
            let mut node = 0usize;
            for c in word.chars() {
                let k = class(c);
                node = match kids[node].iter().find(|e| e.0 == k) {
                    Some(&(_, v)) => v,
                    None => {
                        let v = kids.len();
                        kids[node].push((k, v));
                        kids.push(Vec::new());
                        own.push(Vec::new());
                        v
                    }
                };
            }
            if node != 0 {
                own[node].push(w);
            }
        }
        let n = kids.len();
        // `text::simp_table`'s entries rely on states and classes staying
        // below 2^28 and 2^12.
        assert!(n.checked_mul(stride).is_some_and(|m| m < 1 << 28) && stride < 1 << 12, "the searched lexicons are too large");
        let child = |u: usize, c: usize| kids[u].iter().find(|e| e.0 == c).map(|e| e.1);
        // Breadth first: each node's failure link (the longest proper suffix
        // of its word that is a node) and the words it holds, its own and
        // its failure node's.
        let mut order = vec![0usize];
        let mut fail = vec![0usize; n];
        let mut words_at: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut i = 0;
        while let Some(&u) = order.get(i) {
            i += 1;
            for &(c, v) in &kids[u] {
                let mut f = fail[u];
                fail[v] = loop {
                    if u == 0 {
                        break 0;
                    }
                    if let Some(x) = child(f, c) {
                        break x;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f];
                };
                let mut w = std::mem::take(&mut own[v]);
                w.extend_from_slice(&words_at[fail[v]]);
                words_at[v] = w;
                order.push(v);
            }
        }
        // Number the states holding words first, then fill each row in
        // breadth-first order: its failure node's row (complete, as that
        // node is nearer the root), then its own children.
        let mut numbered: Vec<usize> = order.iter().copied().filter(|&s| !words_at[s].is_empty()).collect();
        let matching = numbered.len();
        numbered.extend(order.iter().copied().filter(|&s| words_at[s].is_empty()));
        let mut id = vec![0 as State; n];
        for (new, &old) in numbered.iter().enumerate() {
            id[old] = (new * stride) as State;
        }
        let start = id[0];
        let mut trans: Vec<State> = vec![start; n * stride];
        for &u in &order {
            let row = id[u] as usize;
            if u != 0 {
                let from = id[fail[u]] as usize;
                trans.copy_within(from..from + stride, row);
            }
            for &(c, v) in &kids[u] {
                trans[row + c] = id[v];
            }
        }
        let mut out_at = vec![0u32];
        let mut outs = Vec::new();
        for &old in &numbered[..matching] {
            for &w in &words_at[old] {
                for &(kind, pattern) in &owners[w] {
                    outs.push(Out { kind: kind as u8, len: words[w].len() as u32, pattern: pattern as u32 });
                }
            }
            out_at.push(outs.len() as u32);
        }
        Self { chars, stride, trans, matching: (matching * stride) as State, start, out_at, outs }
    }

    /// The class of a character: 0 unless some word holds it.
    pub fn class(&self, c: char) -> usize {
        self.chars.binary_search(&c).map_or(0, |k| k + 1)
    }
}

/// The scan of a text with the [`Dfa`], stepped one character at a time by
/// whoever walks the text anyway ([`super::text::Ctx::new`] walks the
/// Simplified copy as it writes it, so the text is walked once; for Han
/// characters it reads the transition table itself, inline, and records
/// into `found` as [`Scan::step`] does). The caller holds the state, so
/// that it stays in a register.
#[derive(Default)]
pub struct Scan {
    /// Each matching state reached, with the end of the character read.
    pub found: Vec<(usize, State)>,
}

impl Scan {
    /// The state before the first character, or after one no word holds.
    #[inline(always)]
    pub fn start(lex: &Lexicons) -> State {
        lex.scan.start
    }

    /// The state after a character of class `class` (see [`Dfa::class`])
    /// ending at `end`, recording the words ending there.
    #[inline(always)]
    pub fn step(&mut self, lex: &Lexicons, sid: State, class: usize, end: usize) -> State {
        let dfa = &lex.scan;
        let next = dfa.trans.get(sid as usize + class).copied().unwrap_or(dfa.start);
        if next < dfa.matching {
            self.found.push((end, next));
        }
        next
    }

    /// The occurrences found, each lexicon's sorted.
    pub fn finish(self, lex: &Lexicons) -> Hits {
        let dfa = &lex.scan;
        let outs_of = |s: State| {
            let s = s as usize / dfa.stride;
            let (a, b) = (dfa.out_at[s] as usize, dfa.out_at[s + 1] as usize);
            &dfa.outs[a..b]
        };
        let mut at = [0u32; Kind::ALL.len() + 1];
        for &(_, s) in &self.found {
            for o in outs_of(s) {
                at[usize::from(o.kind) + 1] += 1;
            }
        }
        for k in 1..at.len() {
            at[k] += at[k - 1];
        }
        let mut all = vec![Hit::default(); at[Kind::ALL.len()] as usize];
        let mut next = at;
        for &(end, s) in &self.found {
            for o in outs_of(s) {
                let k = usize::from(o.kind);
                all[next[k] as usize] = Hit { start: end - o.len as usize, end, pattern: o.pattern as usize };
                next[k] += 1;
            }
        }
        for k in 0..Kind::ALL.len() {
            all[at[k] as usize..at[k + 1] as usize].sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.pattern));
        }
        Hits { all, at }
    }
}

impl Hits {
    /// One overlapping pass of the combined automaton over `simp`, on its
    /// own. `text::Ctx::new` runs the same automaton fused with the
    /// Simplified copy; its test holds the two equal.
    pub fn new(lex: &Lexicons, simp: &str) -> Self {
        let mut scan = Scan::default();
        let mut sid = Scan::start(lex);
        for (i, c) in simp.char_indices() {
            sid = scan.step(lex, sid, lex.scan.class(c), i + c.len_utf8());
        }
        scan.finish(lex)
    }

    /// The occurrences of `kind`.
    fn of(&self, kind: Kind) -> &[Hit] {
        let k = kind as usize;
        self.all.get(self.at[k] as usize..self.at[k + 1] as usize).unwrap_or(&[])
    }

    /// The occurrences of `kind` starting at or after `from`.
    fn from(&self, kind: Kind, from: usize) -> &[Hit] {
        let v = self.of(kind);
        &v[v.partition_point(|h| h.start < from)..]
    }

    /// The words of `kind` inside `span`, leftmost first, the longest at
    /// each start, none overlapping (what a leftmost-longest automaton finds
    /// searching `span` alone).
    pub fn find_iter(&self, kind: Kind, span: CleanSpan) -> impl Iterator<Item = Hit> + '_ {
        let mut cursor = span.start;
        self.from(kind, span.start).iter().take_while(move |h| h.start < span.end).filter_map(move |h| {
            if h.start >= cursor && h.end <= span.end {
                cursor = h.end;
                Some(*h)
            } else {
                None
            }
        })
    }

    /// True when a word of `kind` lies inside `span`.
    pub fn any_in(&self, kind: Kind, span: CleanSpan) -> bool {
        self.from(kind, span.start).iter().take_while(|h| h.start < span.end).any(|h| h.end <= span.end)
    }

    /// The occurrences of `kind` starting in `from..to`, by start and, at
    /// one start, longest first.
    pub fn starting_in(&self, kind: Kind, from: usize, to: usize) -> &[Hit] {
        let v = self.from(kind, from);
        &v[..v.partition_point(|h| h.start < to)]
    }

    /// The longest word of `kind` starting exactly at `at`, as (pattern, end).
    pub fn at(&self, kind: Kind, at: usize) -> Option<(usize, usize)> {
        self.from(kind, at).first().filter(|h| h.start == at).map(|h| (h.pattern, h.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lex::{self, match_at};
    use aho_corasick::{AhoCorasick, Input};

    /// Every answer agrees with the lexicon's own leftmost-longest automaton,
    /// on every stretch and at every position of texts dense in overlapping words.
    #[test]
    fn hits_answer_as_each_lexicons_automaton() {
        let lx = lex::get();
        let automata: Vec<(Kind, AhoCorasick)> = Kind::ALL.iter().map(|&k| (k, lex::automaton_of(k))).collect();
        let texts = [
            "市委副书记、市长李明主持召开市政府常务会议暨专题会议,区委书记王强出席会议并讲话。记者 张三 通讯员 李四",
            "会议强调,要坚持不懈抓好疫情防控,不要松懈;需要重要的是必须要,乙类乙管。县委常委会会议召开。",
            "省委书记省长副省长县长镇长召开开展举行举办全体会议电视电话会议调度会商会",
            "容不得舍不得必须,参加会议的还有出席会议的有,作了具体安排部署要求讲话总结报告",
        ];
        for t in texts {
            let hits = Hits::new(lx, t);
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for (kind, ac) in &automata {
                let (kind, ac) = (*kind, ac);
                for &a in &bounds {
                    assert_eq!(hits.at(kind, a), match_at(ac, t, a), "{kind:?} at {a} in {t}");
                    for &b in bounds.iter().filter(|&&b| b >= a).step_by(3) {
                        let span = CleanSpan::new(a, b);
                        let want: Vec<(usize, usize, usize)> = ac
                            .find_iter(Input::new(&t[..b]).range(a..b))
                            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                            .collect();
                        let got: Vec<(usize, usize, usize)> =
                            hits.find_iter(kind, span).map(|h| (h.start, h.end, h.pattern)).collect();
                        assert_eq!(got, want, "{kind:?} in {a}..{b} of {t}");
                        assert_eq!(hits.any_in(kind, span), ac.is_match(&t[a..b]), "{kind:?} in {a}..{b}");
                    }
                }
            }
        }
    }
}
