//! The page's state and its reducer.
//!
//! Pure: no DOM and no browser API, so every transition is unit-tested
//! natively. Documents are held as `Rc<Parsed>` and shared with the
//! components; a transition never clones a document.

use super::text::{matches, normalize};
use super::view::View;
use crate::model::{Directive, Level, Meeting};
use crate::span::Span;
use crate::Parsed;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use yew::Reducible;

/// Where the corpus stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Phase {
    /// The page has just opened: the stored corpus is being read.
    #[default]
    Loading,
    /// A load is under way (see [`State::progress`]).
    Parsing,
    /// Every document given so far has been parsed.
    Ready,
}

impl Phase {
    pub fn code(self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::Parsing => "parsing",
            Phase::Ready => "ready",
        }
    }
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

/// A row of the timeline: a month heading or a meeting card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// `2020-02`, `2020` (year only) or empty (undated), with the number of
    /// cards under it.
    Group { key: String, count: usize },
    /// A meeting: its position in [`State::timeline`].
    Card { pos: usize },
}

/// The distinct values the filters offer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub levels: Vec<Level>,
    pub bodies: Vec<String>,
    pub speakers: Vec<String>,
}

/// What the source pane shows: a span of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub file: String,
    /// The span selected (a directive, a field, a warning).
    pub span: Span,
    /// The meeting passage it belongs to, shaded in the source.
    pub passage: Option<Span>,
}

/// How far the current load has come.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Progress {
    pub job: u32,
    pub done_files: usize,
    pub total_files: usize,
    pub done_bytes: usize,
    pub total_bytes: usize,
    /// Milliseconds since the load started.
    pub elapsed_ms: f64,
}

impl Progress {
    /// Throughput so far, in MB (10^6 bytes) per second.
    pub fn mb_per_s(&self) -> f64 {
        if self.elapsed_ms <= 0.0 {
            0.0
        } else {
            self.done_bytes as f64 / 1e6 / (self.elapsed_ms / 1e3)
        }
    }
}

/// A message for the reader above the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A stored corpus from an older schema was dropped.
    StoredDropped,
    /// The store could not be read (damaged); it was cleared.
    StoredUnreadable,
    /// Saving the corpus failed (the reason); it stays in memory.
    SaveFailed(String),
    /// A file given as an export could not be read as one.
    BadExport { file: String, message: String },
}

/// Everything the page shows.
///
/// Every collection is behind an `Rc`, so a transition copies pointers, not
/// data; a load appends in time linear in the corpus with a small constant
/// (a merge of the new meetings into the sorted timeline, a pass to rebuild
/// the rows), and only the new documents' meetings are filtered and searched.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub phase: Phase,
    /// The parsed documents, in the order they were given; file names unique.
    pub docs: Rc<Vec<Rc<Parsed>>>,
    /// Each document's position in `docs`, by file name.
    index: Rc<HashMap<Rc<str>, usize>>,
    /// Every meeting of every document, in timeline order (see [`timeline_order`]).
    pub timeline: Rc<Vec<MeetingRef>>,
    /// Per timeline entry: 0 when the view hides it, else 1 + the number of
    /// its directives the search matches (0 without a search).
    admitted: Rc<Vec<u32>>,
    /// The documents that failed, in document order.
    pub errors: Rc<Vec<FileError>>,
    pub counts: Counts,
    pub facets: Rc<Facets>,
    pub view: View,
    /// The query of `view`, normalised for matching.
    pub query: Rc<Vec<char>>,
    /// The timeline under the filters: month headings and cards.
    pub rows: Rc<Vec<Row>>,
    /// How many meetings pass the filters.
    pub shown: usize,
    /// How many directives of those meetings match the search.
    pub matched_directives: usize,
    /// Keys ([`MeetingRef::key`]) of the expanded cards.
    pub expanded: Rc<BTreeSet<String>>,
    pub selection: Option<Selection>,
    pub progress: Option<Progress>,
    pub notice: Option<Notice>,
    /// Bumped whenever the set of documents changes (the page stores it then).
    pub revision: u64,
}

/// What can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// Documents were parsed. A document whose file name is already held
    /// replaces the old one in place; the others are appended.
    Loaded(Vec<Parsed>),
    /// Documents read back from storage when the page opened, appended in
    /// chunks; `done` on the last (the page is then ready).
    Restored { docs: Vec<Rc<Parsed>>, done: bool },
    /// Forget every document.
    Clear,
    /// A load of `files` files, `bytes` bytes in all, began.
    Started { job: u32, files: usize, bytes: usize },
    /// A batch of the load finished.
    Advanced { job: u32, files: usize, bytes: usize, elapsed_ms: f64 },
    /// The files of a load read so far hold `bytes` bytes (a load whose files
    /// are read while it runs learns its total as it goes).
    Given { job: u32, bytes: usize },
    /// The load finished or was cancelled.
    Finished { job: u32 },
    SetView(View),
    /// The search text changed (the other filters kept).
    SetQuery(String),
    /// Expand a collapsed card, collapse an expanded one.
    Toggle(String),
    Collapse(String),
    Select(Selection),
    Unselect,
    Notify(Option<Notice>),
    /// Several actions in turn, rendered once (a batch's documents and progress).
    All(Vec<Action>),
}

impl State {
    /// The state after `action`: the reducer itself, as a plain function.
    pub fn apply(&self, action: Action) -> State {
        match action {
            Action::Loaded(parsed) => {
                let phase = if self.progress.is_some() { Phase::Parsing } else { Phase::Ready };
                let mut s = self.with_more(parsed.into_iter().map(Rc::new).collect());
                s.phase = phase;
                s.revision += 1;
                s
            }
            Action::Restored { docs, done } => {
                let mut s = self.with_more(docs);
                if done {
                    s.phase = if s.progress.is_some() { Phase::Parsing } else { Phase::Ready };
                }
                s
            }
            Action::Clear => State {
                phase: Phase::Ready,
                view: self.view.clone(),
                query: Rc::clone(&self.query),
                revision: self.revision + 1,
                ..State::default()
            },
            Action::Started { job, files, bytes } => State {
                phase: Phase::Parsing,
                progress: Some(Progress { job, total_files: files, total_bytes: bytes, ..Progress::default() }),
                ..self.clone()
            },
            Action::Advanced { job, files, bytes, elapsed_ms } => match self.progress {
                Some(p) if p.job == job => State {
                    progress: Some(Progress {
                        done_files: p.done_files + files,
                        done_bytes: p.done_bytes + bytes,
                        elapsed_ms,
                        ..p
                    }),
                    ..self.clone()
                },
                _ => self.clone(),
            },
            Action::Given { job, bytes } => match self.progress {
                Some(p) if p.job == job && bytes > p.total_bytes => {
                    State { progress: Some(Progress { total_bytes: bytes, ..p }), ..self.clone() }
                }
                _ => self.clone(),
            },
            Action::Finished { job } => match self.progress {
                Some(p) if p.job == job => State { phase: Phase::Ready, progress: None, ..self.clone() },
                _ => self.clone(),
            },
            Action::SetView(view) => {
                if view == self.view {
                    return self.clone();
                }
                let refilter = View { max_mb: self.view.max_mb, ..view.clone() } != self.view;
                let mut s = State { query: Rc::new(normalize(view.query.trim())), view, ..self.clone() };
                if refilter {
                    s.refilter();
                }
                s
            }
            Action::SetQuery(query) => self.apply(Action::SetView(View { query, ..self.view.clone() })),
            Action::Toggle(key) => {
                let mut expanded = (*self.expanded).clone();
                if !expanded.remove(&key) {
                    expanded.insert(key);
                }
                State { expanded: Rc::new(expanded), ..self.clone() }
            }
            Action::Collapse(key) => {
                if !self.expanded.contains(&key) {
                    return self.clone();
                }
                let mut expanded = (*self.expanded).clone();
                expanded.remove(&key);
                State { expanded: Rc::new(expanded), ..self.clone() }
            }
            Action::Select(sel) => State { selection: Some(sel), ..self.clone() },
            Action::Unselect => State { selection: None, ..self.clone() },
            Action::Notify(notice) => State { notice, ..self.clone() },
            Action::All(actions) => {
                let mut s = self.clone();
                for a in actions {
                    s = s.apply(a);
                }
                s
            }
        }
    }

    /// This state with `more` documents: appended when their files are new
    /// (the incremental path: only their meetings are sorted, filtered and
    /// merged in), else replacing the documents of the same name in place
    /// (a full rebuild, as when reloading files already held).
    fn with_more(&self, more: Vec<Rc<Parsed>>) -> State {
        if more.is_empty() {
            return self.clone();
        }
        let mut seen = HashSet::with_capacity(more.len());
        let appends_only = more
            .iter()
            .all(|p| !self.index.contains_key(p.document.file.as_str()) && seen.insert(p.document.file.as_str()));
        if !appends_only {
            let mut docs = (*self.docs).clone();
            let mut index = (*self.index).clone();
            for p in more {
                match index.get(p.document.file.as_str()) {
                    Some(&i) => docs[i] = p,
                    None => {
                        index.insert(Rc::from(p.document.file.as_str()), docs.len());
                        docs.push(p);
                    }
                }
            }
            return self.with_docs(docs, index);
        }

        let first = self.docs.len();
        let mut docs = Vec::with_capacity(first + more.len());
        docs.extend(self.docs.iter().cloned());
        let mut index = (*self.index).clone();
        let mut counts = self.counts;
        let mut errors = None::<Vec<FileError>>;
        for (i, p) in more.into_iter().enumerate() {
            index.insert(Rc::from(p.document.file.as_str()), first + i);
            counts.add(&p);
            if let Some(e) = &p.document.error {
                errors
                    .get_or_insert_with(|| (*self.errors).clone())
                    .push(FileError { file: p.document.file.clone(), message: e.clone() });
            }
            docs.push(p);
        }
        // The new meetings in timeline order (stable: document, then meeting
        // order), merged after the held ones of equal date.
        let mut new = meeting_refs(&docs[first..]);
        sort_timeline(&mut new);
        let new_admitted: Vec<u32> = new.iter().map(|m| admission(&self.view, &self.query, m.meeting())).collect();
        let n = self.timeline.len() + new.len();
        let (mut timeline, mut admitted) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut old, mut add) = (self.timeline.iter().zip(self.admitted.iter()).peekable(), new.into_iter().zip(new_admitted).peekable());
        loop {
            let take_old = match (old.peek(), add.peek()) {
                (Some((o, _)), Some((a, _))) => {
                    timeline_order(o.meeting().date.as_deref(), a.meeting().date.as_deref()) != Ordering::Greater
                }
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_old {
                let (m, a) = old.next().expect("peeked");
                timeline.push(m.clone());
                admitted.push(*a);
            } else {
                let (m, a) = add.next().expect("peeked");
                timeline.push(m);
                admitted.push(a);
            }
        }
        let facets = self.facets.with(&docs[first..]);
        let mut s = State {
            docs: Rc::new(docs),
            index: Rc::new(index),
            timeline: Rc::new(timeline),
            admitted: Rc::new(admitted),
            errors: errors.map_or_else(|| Rc::clone(&self.errors), Rc::new),
            counts,
            facets,
            ..self.clone()
        };
        s.rebuild_rows();
        s
    }

    /// This state with another set of documents: the timeline, counts,
    /// facets and rows rebuilt; the view, expansions and selection kept
    /// where they still apply.
    fn with_docs(&self, docs: Vec<Rc<Parsed>>, index: HashMap<Rc<str>, usize>) -> State {
        let mut timeline = meeting_refs(&docs);
        // Stable sort: equal dates keep document order, then meeting order.
        sort_timeline(&mut timeline);
        let errors: Vec<FileError> = docs
            .iter()
            .filter_map(|d| {
                d.document.error.as_ref().map(|e| FileError { file: d.document.file.clone(), message: e.clone() })
            })
            .collect();
        let mut counts = Counts::default();
        for d in &docs {
            counts.add(d);
        }
        let facets = Rc::new(Facets::default()).with(&docs);
        let selection = self.selection.clone().filter(|s| index.contains_key(s.file.as_str()));
        let mut s = State {
            docs: Rc::new(docs),
            index: Rc::new(index),
            timeline: Rc::new(timeline),
            errors: Rc::new(errors),
            counts,
            facets,
            selection,
            ..self.clone()
        };
        s.refilter();
        s
    }

    /// Recomputes, for every meeting, whether the view admits it and its
    /// search matches; then the rows.
    fn refilter(&mut self) {
        let admitted: Vec<u32> = self.timeline.iter().map(|m| admission(&self.view, &self.query, m.meeting())).collect();
        self.admitted = Rc::new(admitted);
        self.rebuild_rows();
    }

    /// The rows, the shown count and the matches, from the admissions.
    fn rebuild_rows(&mut self) {
        let mut rows = Vec::with_capacity(self.timeline.len() / 8);
        let mut shown = 0;
        let mut matched = 0;
        // The current group: its key (borrowed from a meeting) and its row.
        let mut group: Option<(&str, usize)> = None;
        for (pos, (m, &a)) in self.timeline.iter().zip(self.admitted.iter()).enumerate() {
            if a == 0 {
                continue;
            }
            matched += (a - 1) as usize;
            let key = group_key(m.meeting().date.as_deref());
            match &mut group {
                Some((k, at)) if *k == key => {
                    if let Row::Group { count, .. } = &mut rows[*at] {
                        *count += 1;
                    }
                }
                _ => {
                    group = Some((key, rows.len()));
                    rows.push(Row::Group { key: key.to_owned(), count: 1 });
                }
            }
            rows.push(Row::Card { pos });
            shown += 1;
        }
        self.rows = Rc::new(rows);
        self.shown = shown;
        self.matched_directives = matched;
    }

    /// The documents to export: all of them when no filter is set, else each
    /// document that has a meeting shown, with only its shown meetings.
    pub fn export_docs(&self) -> Vec<crate::model::Document> {
        if !self.view.filters() {
            return self.docs.iter().map(|d| d.document.clone()).collect();
        }
        let mut keep: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.docs.len()];
        for row in self.rows.iter() {
            if let Row::Card { pos } = row {
                let m = &self.timeline[*pos];
                if let Some(&i) = self.index.get(m.file()) {
                    keep[i].insert(m.index);
                }
            }
        }
        self.docs
            .iter()
            .zip(keep)
            .filter(|(_, k)| !k.is_empty())
            .map(|(d, k)| {
                let mut doc = d.document.clone();
                doc.meetings = doc.meetings.into_iter().enumerate().filter(|(i, _)| k.contains(i)).map(|(_, m)| m).collect();
                doc
            })
            .collect()
    }

    /// The document a file name refers to.
    pub fn doc(&self, file: &str) -> Option<&Rc<Parsed>> {
        self.index.get(file).and_then(|&i| self.docs.get(i))
    }
}

impl Counts {
    /// Adds one document's files, dated meetings, directives, warnings (the
    /// meeting and error totals are set by the caller).
    fn add(&mut self, p: &Parsed) {
        let d = &p.document;
        self.files += 1;
        self.meetings += d.meetings.len();
        self.dated += d.meetings.iter().filter(|m| m.date.is_some()).count();
        self.directives += d.directive_count();
        self.warnings += d.warnings.len();
        self.errors += usize::from(d.error.is_some());
    }
}

impl Facets {
    /// These facets with the values of `docs` added: the same `Rc` when
    /// they bring nothing new.
    fn with(self: &Rc<Self>, docs: &[Rc<Parsed>]) -> Rc<Facets> {
        fn add(into: &mut Option<Vec<String>>, from: &[String], value: &str) {
            let list = into.as_deref().unwrap_or(from);
            if let Err(at) = list.binary_search_by(|v| v.as_str().cmp(value)) {
                into.get_or_insert_with(|| from.to_vec()).insert(at, value.to_owned());
            }
        }
        let (mut levels, mut bodies, mut speakers) = (None::<Vec<Level>>, None, None);
        for d in docs {
            for m in &d.document.meetings {
                if let Some(l) = m.level {
                    let list = levels.as_deref().unwrap_or(&self.levels);
                    if let Err(at) = list.binary_search(&l) {
                        levels.get_or_insert_with(|| self.levels.clone()).insert(at, l);
                    }
                }
                if let Some(b) = &m.body {
                    add(&mut bodies, &self.bodies, b);
                }
                for p in m.chair.iter().chain(&m.speakers) {
                    add(&mut speakers, &self.speakers, &p.name);
                }
            }
        }
        if levels.is_none() && bodies.is_none() && speakers.is_none() {
            return Rc::clone(self);
        }
        Rc::new(Facets {
            levels: levels.unwrap_or_else(|| self.levels.clone()),
            bodies: bodies.unwrap_or_else(|| self.bodies.clone()),
            speakers: speakers.unwrap_or_else(|| self.speakers.clone()),
        })
    }
}

/// Every meeting of `docs`, in document then meeting order.
fn meeting_refs(docs: &[Rc<Parsed>]) -> Vec<MeetingRef> {
    docs.iter()
        .flat_map(|d| (0..d.document.meetings.len()).map(move |index| MeetingRef { doc: Rc::clone(d), index }))
        .collect()
}

/// 0 when `view` hides `m`, else 1 + its directives matching `query`.
fn admission(view: &View, query: &[char], m: &Meeting) -> u32 {
    if !view.admits(m) {
        return 0;
    }
    if query.is_empty() {
        return 1;
    }
    match matching_directives(&m.directives, query) {
        0 => 0,
        n => 1 + n as u32,
    }
}

/// The directives (items included) whose text contains the query.
pub fn matching_directives(ds: &[Directive], query: &[char]) -> usize {
    ds.iter().map(|d| usize::from(matches(&d.text, query)) + matching_directives(&d.items, query)).sum()
}

/// The timeline group of a date: its month (`2020-02`), its year when that
/// is all it has, or empty when undated.
pub fn group_key(date: Option<&str>) -> &str {
    match date {
        None => "",
        Some(d) => d.get(..7).unwrap_or(d),
    }
}

/// Timeline order of two meeting dates: earlier first, undated last.
///
/// Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, so comparing the strings
/// orders them by time, a partial date before the full dates it contains.
/// Sorts meetings into timeline order, stably: equal dates keep their order
/// (one function for every such sort, so the wasm holds one copy of it).
fn sort_timeline(meetings: &mut [MeetingRef]) {
    meetings.sort_by(|a, b| timeline_order(a.meeting().date.as_deref(), b.meeting().date.as_deref()));
}

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
    use crate::model::{DateBasis, Directive, DirectiveKind, Document, Level};
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
    fn loading_in_batches_equals_loading_at_once() {
        let make = || {
            let mut docs = Vec::new();
            for i in 0..40 {
                let date = |k: usize| match (i * 7 + k) % 6 {
                    0 => None,
                    1 => Some("2020"),
                    2 => Some("2020-02"),
                    3 => Some("2020-02-04"),
                    4 => Some("2019-12-31"),
                    _ => Some("2020-02-04"),
                };
                let mut m = vec![meeting(date(0), &format!("m{i}a"), i % 3), meeting(date(1), &format!("m{i}b"), 1)];
                m[0].body = Some(format!("body{}", i % 5));
                m[1].level = [None, Some(Level::City), Some(Level::Province)][i % 3];
                docs.push(if i % 9 == 8 { failed(&format!("f{i}.txt")) } else { doc(&format!("f{i}.txt"), m) });
            }
            docs
        };
        let view = View { level: Some(Level::City), ..View::default() };
        let at_once = State::default().apply(Action::Loaded(make()));
        let filtered_at_once = at_once.apply(Action::SetView(view.clone()));
        let mut batched = State::default();
        let mut filtered = State::default().apply(Action::SetView(view));
        let mut docs = make().into_iter();
        for n in [1, 0, 7, 25, 7] {
            let batch: Vec<Parsed> = docs.by_ref().take(n).collect();
            batched = batched.apply(Action::Loaded(batch));
            filtered = filtered.apply(Action::Loaded(docs_again(&batched, n)));
        }
        let keys = |s: &State| s.timeline.iter().map(MeetingRef::key).collect::<Vec<_>>();
        assert_eq!(keys(&batched), keys(&at_once));
        assert_eq!(*batched.rows, *at_once.rows);
        assert_eq!(batched.counts, at_once.counts);
        assert_eq!(*batched.facets, *at_once.facets);
        assert_eq!(*batched.errors, *at_once.errors);
        assert_eq!(keys(&filtered), keys(&filtered_at_once));
        assert_eq!(*filtered.rows, *filtered_at_once.rows);
        assert_eq!(filtered.shown, filtered_at_once.shown);
        assert!(filtered.shown > 0 && filtered.shown < filtered.counts.meetings);
        // Restoring in chunks gives the same state, ready only at the end.
        let all: Vec<Rc<Parsed>> = make().into_iter().map(Rc::new).collect();
        let r = State::default().apply(Action::Restored { docs: all[..10].to_vec(), done: false });
        assert_eq!(r.phase, Phase::Loading);
        let r = r.apply(Action::Restored { docs: all[10..].to_vec(), done: true });
        assert_eq!(r.phase, Phase::Ready);
        assert_eq!(keys(&r), keys(&at_once));
        assert_eq!(r.revision, 0, "a restore is not a change to store");
        assert!(r.doc("f3.txt").is_some() && r.doc("nope.txt").is_none());
    }

    /// The last `n` documents of `s` again, as fresh parses.
    fn docs_again(s: &State, n: usize) -> Vec<Parsed> {
        s.docs[s.docs.len() - n..].iter().map(|d| Parsed::clone(d)).collect()
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

    #[test]
    fn a_load_reports_progress_and_ends_ready() {
        let s = State::default().apply(Action::Started { job: 3, files: 2, bytes: 100 });
        assert_eq!(s.phase, Phase::Parsing);
        let s = s.apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "a0", 1)])]));
        assert_eq!(s.phase, Phase::Parsing, "still parsing between batches");
        let s = s.apply(Action::Advanced { job: 3, files: 1, bytes: 40, elapsed_ms: 20.0 });
        let p = s.progress.unwrap();
        assert_eq!((p.done_files, p.total_files, p.done_bytes), (1, 2, 40));
        assert!((p.mb_per_s() - 0.002).abs() < 1e-9);
        // A stale job's messages change nothing.
        let s = s.apply(Action::Advanced { job: 2, files: 1, bytes: 60, elapsed_ms: 30.0 });
        assert_eq!(s.progress.unwrap().done_files, 1);
        let s = s.apply(Action::Given { job: 3, bytes: 150 });
        assert_eq!(s.progress.unwrap().total_bytes, 150, "a streamed load learns its total as it reads");
        let s = s.apply(Action::Given { job: 3, bytes: 120 });
        assert_eq!(s.progress.unwrap().total_bytes, 150);
        let s = s.apply(Action::Finished { job: 2 });
        assert_eq!(s.phase, Phase::Parsing);
        let s = s.apply(Action::Finished { job: 3 });
        assert_eq!(s.phase, Phase::Ready);
        assert!(s.progress.is_none());
        assert_eq!(s.revision, 1);
    }

    #[test]
    fn filters_group_rows_and_export_the_shown_meetings() {
        let mut p = meeting(Some("2020-02-20"), "p0", 2);
        p.level = Some(Level::Province);
        p.directives[0].text = "要加快疫苗接種".into();
        let s = State::default().apply(Action::Loaded(vec![
            doc("a.txt", vec![meeting(Some("2020-01-06"), "a0", 1), p]),
            doc("b.txt", vec![meeting(None, "b0", 0)]),
        ]));
        assert_eq!(
            *s.rows,
            vec![
                Row::Group { key: "2020-01".into(), count: 1 },
                Row::Card { pos: 0 },
                Row::Group { key: "2020-02".into(), count: 1 },
                Row::Card { pos: 1 },
                Row::Group { key: String::new(), count: 1 },
                Row::Card { pos: 2 },
            ]
        );
        assert_eq!(s.export_docs().len(), 2, "no filter: every document as parsed");
        let f = s.apply(Action::SetView(View { level: Some(Level::Province), ..View::default() }));
        assert_eq!(f.shown, 1);
        let exported = f.export_docs();
        assert_eq!(exported.len(), 1);
        assert_eq!(exported[0].meetings.len(), 1);
        assert_eq!(exported[0].meetings[0].name.as_deref(), Some("p0"));
        let q = s.apply(Action::SetQuery("疫苗".into()));
        assert_eq!((q.shown, q.matched_directives), (1, 1));
        let none = s.apply(Action::SetQuery("不存在的詞".into()));
        assert_eq!(none.shown, 0);
        assert!(none.rows.is_empty());
        assert_eq!(s.facets.levels, vec![Level::Province]);
        assert_eq!(s.facets.bodies, vec!["豐澤區".to_owned()]);
    }

    #[test]
    fn toggling_and_selecting() {
        let s = State::default().apply(Action::Loaded(vec![doc("a.txt", vec![meeting(None, "x", 1)])]));
        let key = s.timeline[0].key();
        let s = s.apply(Action::Toggle(key.clone()));
        assert!(s.expanded.contains(&key));
        let s = s.apply(Action::Collapse(key.clone()));
        assert!(!s.expanded.contains(&key));
        let sel = Selection { file: "a.txt".into(), span: Span::new(0, 3), passage: None };
        let s = s.apply(Action::Select(sel.clone()));
        assert_eq!(s.selection, Some(sel));
        // A reload of another file keeps it; clearing drops it.
        let s = s.apply(Action::Loaded(vec![doc("b.txt", vec![])]));
        assert!(s.selection.is_some());
        assert!(s.apply(Action::Clear).selection.is_none());
    }
}
