//! The page's state and its reducer.
//!
//! Pure: no DOM and no browser API, so every transition is unit-tested
//! natively. Documents are held as `Rc<Parsed>` and shared with the
//! components; a transition never clones a document.

use crate::model::Meeting;
use crate::Parsed;
use std::cmp::Ordering;
use std::rc::Rc;
use yew::Reducible;

/// Where the corpus stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Phase {
    /// Nothing has been parsed yet.
    #[default]
    Loading,
    /// Every document given so far has been parsed.
    Ready,
}

/// One meeting of one document: a cheap handle (an `Rc` and an index).
#[derive(Clone, Debug)]
pub struct MeetingRef {
    pub doc: Rc<Parsed>,
    /// The meeting's position in `doc.document.meetings`.
    pub index: usize,
}

impl MeetingRef {
    pub fn meeting(&self) -> &Meeting {
        &self.doc.document.meetings[self.index]
    }

    pub fn file(&self) -> &str {
        &self.doc.document.file
    }

    /// A key that is stable across re-renders and unique in the state
    /// (file names are unique there, see [`Action::Loaded`]).
    pub fn key(&self) -> String {
        format!("{}#{}", self.doc.document.file, self.index)
    }
}

impl PartialEq for MeetingRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc) && self.index == other.index
    }
}

/// A document that could not be read or decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub message: String,
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Counts {
    pub files: usize,
    pub meetings: usize,
    pub dated: usize,
    pub directives: usize,
    pub warnings: usize,
    pub errors: usize,
}

/// Everything the page shows.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub phase: Phase,
    /// The parsed documents, in the order they were given; file names unique.
    pub docs: Vec<Rc<Parsed>>,
    /// Every meeting of every document, in timeline order (see [`timeline_order`]).
    pub timeline: Rc<Vec<MeetingRef>>,
    /// The documents that failed, in document order.
    pub errors: Rc<Vec<FileError>>,
    pub counts: Counts,
}

/// What can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// Documents were parsed. A document whose file name is already held
    /// replaces the old one in place; the others are appended.
    Loaded(Vec<Parsed>),
    /// Forget every document.
    Clear,
}

impl State {
    /// The state after `action`: the reducer itself, as a plain function.
    pub fn apply(&self, action: Action) -> State {
        match action {
            Action::Loaded(parsed) => {
                let mut docs = self.docs.clone();
                for p in parsed {
                    let p = Rc::new(p);
                    match docs.iter_mut().find(|d| d.document.file == p.document.file) {
                        Some(slot) => *slot = p,
                        None => docs.push(p),
                    }
                }
                State::from_docs(Phase::Ready, docs)
            }
            Action::Clear => State { phase: Phase::Ready, ..State::default() },
        }
    }

    fn from_docs(phase: Phase, docs: Vec<Rc<Parsed>>) -> State {
        let mut timeline: Vec<MeetingRef> = docs
            .iter()
            .flat_map(|d| (0..d.document.meetings.len()).map(move |index| MeetingRef { doc: Rc::clone(d), index }))
            .collect();
        // Stable sort: equal dates keep document order, then meeting order.
        timeline.sort_by(|a, b| timeline_order(a.meeting().date.as_deref(), b.meeting().date.as_deref()));
        let errors: Vec<FileError> = docs
            .iter()
            .filter_map(|d| {
                d.document.error.as_ref().map(|e| FileError { file: d.document.file.clone(), message: e.clone() })
            })
            .collect();
        let counts = Counts {
            files: docs.len(),
            meetings: timeline.len(),
            dated: timeline.iter().filter(|m| m.meeting().date.is_some()).count(),
            directives: docs.iter().map(|d| d.document.directive_count()).sum(),
            warnings: docs.iter().map(|d| d.document.warnings.len()).sum(),
            errors: errors.len(),
        };
        State { phase, docs, timeline: Rc::new(timeline), errors: Rc::new(errors), counts }
    }
}

/// Timeline order of two meeting dates: earlier first, undated last.
///
/// Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, so comparing the strings
/// orders them by time, a partial date before the full dates it contains.
pub fn timeline_order(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateBasis, Directive, DirectiveKind, Document};
    use crate::span::Span;

    fn meeting(date: Option<&str>, name: &str, directives: usize) -> Meeting {
        let directive = Directive {
            speaker: "會議".into(),
            kind: DirectiveKind::Sentence,
            text: "要切實做好疫情防控工作".into(),
            span: Span::new(0, 3),
            marker: None,
            list_name: None,
            truncated: false,
            items: Vec::new(),
        };
        Meeting {
            date: date.map(str::to_owned),
            date_basis: if date.is_some() { DateBasis::Explicit } else { DateBasis::Unknown },
            time_of_day: None,
            body: Some("豐澤區".into()),
            level: None,
            name: Some(name.into()),
            chair: None,
            speakers: Vec::new(),
            attendees: Vec::new(),
            directives: vec![directive; directives],
            slogans: Vec::new(),
            span: Span::new(0, 3),
            spans: Default::default(),
        }
    }

    fn doc(file: &str, meetings: Vec<Meeting>) -> Parsed {
        Parsed {
            document: Document { file: file.into(), encoding: Some("UTF-8".into()), meetings, ..Document::default() },
            source: String::new(),
        }
    }

    fn failed(file: &str) -> Parsed {
        Parsed { document: Document::failed(file, 0, "the file is empty"), source: String::new() }
    }

    fn names(s: &State) -> Vec<String> {
        s.timeline.iter().map(|m| m.meeting().name.clone().unwrap_or_default()).collect()
    }

    #[test]
    fn starts_loading_and_empty() {
        let s = State::default();
        assert_eq!(s.phase, Phase::Loading);
        assert!(s.docs.is_empty() && s.timeline.is_empty() && s.errors.is_empty());
        assert_eq!(s.counts, Counts::default());
    }

    #[test]
    fn timeline_is_in_date_order_with_undated_last() {
        let s = State::default().apply(Action::Loaded(vec![
            doc("a.txt", vec![meeting(None, "a0", 0), meeting(Some("2020-02-05"), "a1", 0)]),
            doc("b.txt", vec![meeting(Some("2020-01-06"), "b0", 0), meeting(Some("2020"), "b1", 0)]),
            doc("c.txt", vec![meeting(Some("2020-02"), "c0", 0), meeting(None, "c1", 0)]),
        ]));
        assert_eq!(s.phase, Phase::Ready);
        assert_eq!(names(&s), ["b1", "b0", "c0", "a1", "a0", "c1"]);
    }

    #[test]
    fn equal_dates_keep_document_then_meeting_order() {
        let d = Some("2020-02-04");
        let s = State::default().apply(Action::Loaded(vec![
            doc("a.txt", vec![meeting(d, "a0", 0), meeting(d, "a1", 0)]),
            doc("b.txt", vec![meeting(d, "b0", 0)]),
        ]));
        assert_eq!(names(&s), ["a0", "a1", "b0"]);
        let keys: Vec<String> = s.timeline.iter().map(MeetingRef::key).collect();
        assert_eq!(keys, ["a.txt#0", "a.txt#1", "b.txt#0"]);
    }

    #[test]
    fn counts_errors_and_directives() {
        let s = State::default().apply(Action::Loaded(vec![
            doc("a.txt", vec![meeting(Some("2020-02-05"), "a0", 3), meeting(None, "a1", 2)]),
            failed("empty.txt"),
        ]));
        assert_eq!(s.counts, Counts { files: 2, meetings: 2, dated: 1, directives: 5, warnings: 0, errors: 1 });
        assert_eq!(*s.errors, vec![FileError { file: "empty.txt".into(), message: "the file is empty".into() }]);
    }

    #[test]
    fn loading_a_known_file_replaces_it_in_place() {
        let s = State::default()
            .apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "old", 0)]), doc("b.txt", vec![])]));
        let kept = Rc::clone(&s.docs[1]);
        let s = s.apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "new", 0)]), doc("c.txt", vec![])]));
        let files: Vec<&str> = s.docs.iter().map(|d| d.document.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(names(&s), ["new"]);
        assert!(Rc::ptr_eq(&kept, &s.docs[1]), "untouched documents are shared, not cloned");
    }

    #[test]
    fn clear_forgets_everything() {
        let s = State::default().apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "a0", 1)])]));
        let s = s.apply(Action::Clear);
        assert_eq!(s.phase, Phase::Ready);
        assert!(s.docs.is_empty() && s.timeline.is_empty());
        assert_eq!(s.counts, Counts::default());
    }

    #[test]
    fn meeting_refs_compare_by_identity() {
        let s = State::default().apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "x", 0)])]));
        let t = State::default().apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "x", 0)])]));
        assert_eq!(s.timeline[0], s.timeline[0].clone());
        assert_ne!(s.timeline[0], t.timeline[0], "equal content, different documents");
    }
}
