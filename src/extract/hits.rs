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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Every occurrence in one text, per lexicon, sorted by start and, at one
/// start, longest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    by_kind: [Vec<Hit>; Kind::ALL.len()],
}

/// The combined automaton stepped over a text one byte at a time, by
/// whoever walks the text anyway ([`super::text::Ctx::new`] feeds it the
/// Simplified copy as it writes it, so the text is walked once). The
/// caller holds the state, so that it stays in a register.
#[derive(Default)]
pub struct Scan {
    by_kind: [Vec<Hit>; Kind::ALL.len()],
}

pub type State = aho_corasick::automaton::StateID;

impl Scan {
    /// The state before the first byte.
    pub fn start(lex: &Lexicons) -> State {
        use aho_corasick::automaton::Automaton;
        // The DFA is built unanchored, so this start state exists (the
        // dead state, where nothing is found, stands in otherwise).
        lex.scan.start_state(aho_corasick::Anchored::No).unwrap_or(State::ZERO)
    }

    /// The state after the byte `b` of the text, which ends at `end`,
    /// recording the words ending there. The DFA has no prefilter, so only
    /// its match and dead states are special.
    #[inline(always)]
    pub fn step(&mut self, lex: &Lexicons, sid: State, b: u8, end: usize) -> State {
        use aho_corasick::automaton::Automaton;
        let next = lex.scan.next_state(aho_corasick::Anchored::No, sid, b);
        if lex.scan.is_special(next) {
            record(lex, next, end, &mut self.by_kind);
        }
        next
    }

    /// The occurrences found, each lexicon's sorted.
    pub fn finish(self) -> Hits {
        let mut by_kind = self.by_kind;
        for v in &mut by_kind {
            v.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.pattern));
        }
        Hits { by_kind }
    }
}

/// The words ending at `end` that the scan's special state `sid` holds
/// (none in the dead state), each put in the lists of the lexicons it
/// belongs to. Out of line, to keep the byte loop tight.
#[inline(never)]
fn record(lex: &Lexicons, sid: aho_corasick::automaton::StateID, end: usize, by_kind: &mut [Vec<Hit>; Kind::ALL.len()]) {
    use aho_corasick::automaton::Automaton;
    let dfa = &lex.scan;
    if dfa.is_dead(sid) {
        return;
    }
    for k in 0..dfa.match_len(sid) {
        let pid = dfa.match_pattern(sid, k);
        let start = end - dfa.pattern_len(pid);
        for &(kind, pattern) in &lex.scan_owners[pid.as_usize()] {
            by_kind[kind as usize].push(Hit { start, end, pattern });
        }
    }
}

impl Hits {
    /// One overlapping pass of the combined automaton over `simp`, on its
    /// own. `text::Ctx::new` runs the same [`Scan`] fused with the Simplified
    /// copy; its test holds the two equal.
    pub fn new(lex: &Lexicons, simp: &str) -> Self {
        let mut scan = Scan::default();
        let mut sid = Scan::start(lex);
        for (i, &b) in simp.as_bytes().iter().enumerate() {
            sid = scan.step(lex, sid, b, i + 1);
        }
        scan.finish()
    }

    /// The occurrences of `kind` starting at or after `from`.
    fn from(&self, kind: Kind, from: usize) -> &[Hit] {
        let v = &self.by_kind[kind as usize];
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
