//! The extraction lexicons, parsed once into automata.
//!
//! All patterns are Simplified; they are matched against the Simplified copy
//! of the cleaned text, which has the same byte offsets (see [`super::Ctx`]).

use crate::lexicon::{lines, records};
use crate::model::Level;
use super::hits::Kind;
#[cfg(test)]
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::HashSet;
use std::sync::OnceLock;

pub const TITLES: &str = include_str!("../lexicon/titles.txt");
pub const SPEECH_VERBS: &str = include_str!("../lexicon/speech_verbs.txt");
pub const SPEECH_LEADS: &str = include_str!("../lexicon/speech_leads.txt");
pub const MEETING_KINDS: &str = include_str!("../lexicon/meeting_kinds.txt");
pub const MEETING_VERBS: &str = include_str!("../lexicon/meeting_verbs.txt");
pub const ADMIN_LEVELS: &str = include_str!("../lexicon/admin_levels.txt");
pub const SURNAMES: &str = include_str!("../lexicon/surnames.txt");
pub const PERIOD_TERMS: &str = include_str!("../lexicon/period_terms.txt");
pub const TRIGGERS: &str = include_str!("../lexicon/directive_triggers.txt");
pub const NOT_MODAL_YAO: &str = include_str!("../lexicon/not_modal_yao.txt");
pub const REPORTER_ROLES: &str = include_str!("../lexicon/reporter_roles.txt");
pub const GENERIC_PLACES: &str = include_str!("../lexicon/generic_places.txt");
pub const NAME_FOLLOWERS: &str = include_str!("../lexicon/name_followers.txt");
pub const ENUM_MARKERS: &str = include_str!("../lexicon/enum_markers.txt");
pub const NOT_MEETING_KINDS: &str = include_str!("../lexicon/not_meeting_kinds.txt");
pub const ANAPHORS: &str = include_str!("../lexicon/anaphors.txt");
pub const SEQUENCE_LEADS: &str = include_str!("../lexicon/sequence_leads.txt");
pub const CONJUNCTIONS: &str = include_str!("../lexicon/conjunctions.txt");
pub const ELIDED_SUBJECTS: &str = include_str!("../lexicon/elided_subjects.txt");
pub const ROLE_ADVERBS: &str = include_str!("../lexicon/role_adverbs.txt");
pub const SPEAKING_ROLES: &str = include_str!("../lexicon/speaking_roles.txt");
pub const ATTENDING_ROLES: &str = include_str!("../lexicon/attending_roles.txt");
pub const SPEECH_LIGHT_VERBS: &str = include_str!("../lexicon/speech_light_verbs.txt");
pub const SPEECH_OBJECTS: &str = include_str!("../lexicon/speech_objects.txt");
pub const NOT_LIGHT_VERBS: &str = include_str!("../lexicon/not_light_verbs.txt");
pub const VILLAGE_SUFFIXES: &str = include_str!("../lexicon/village_suffixes.txt");
pub const ATTENDANCE_LEADS: &str = include_str!("../lexicon/attendance_leads.txt");
pub const NOT_TRIGGERS: &str = include_str!("../lexicon/not_triggers.txt");
pub const HEADING_VERBS: &str = include_str!("../lexicon/heading_verbs.txt");
pub const NOT_PLACES: &str = include_str!("../lexicon/not_places.txt");

/// A period term: a word in use only between two dates.
#[derive(Clone, Debug)]
pub struct PeriodTerm {
    pub term: &'static str,
    pub first: chrono::NaiveDate,
    pub last: chrono::NaiveDate,
}

/// The number of a marker that closes whatever sequence of its style is
/// open (`最後,`).
pub const LAST_MARKER: u32 = u32::MAX;

/// An enumeration marker expanded from a template.
#[derive(Clone, Debug)]
pub struct Marker {
    pub style: &'static str,
    pub number: u32,
}

pub struct Lexicons {
    /// Test-only: the extractors probe these words through `people::Words`;
    /// the tests hold those equal to these tries.
    #[cfg(test)]
    pub titles: Trie,
    #[cfg(test)]
    pub speech_verbs: Trie,
    pub speech_verb_words: Vec<&'static str>,
    /// [`super::text::last_bytes`] of `speech_verb_words`.
    pub speech_verb_lasts: u64,
    #[cfg(test)]
    pub speech_leads: Trie,
    /// Per meeting verb: whether the name must follow it (`開展…集體學習`),
    /// never stand before it.
    pub meeting_verb_name_after: Vec<bool>,
    pub admin_levels: Vec<Level>,
    pub surnames: Trie,
    pub period_terms: Vec<PeriodTerm>,
    pub reporter_is_person: Vec<bool>,
    pub generic_places: HashSet<&'static str>,
    #[cfg(test)]
    pub followers: Trie,
    pub markers: Trie,
    pub marker_info: Vec<Marker>,
    /// The first characters of the markers, sorted: a position starting
    /// with none of them needs no search.
    pub marker_firsts: Vec<char>,
    /// The low bytes of the code points of `marker_firsts`, as a set: a
    /// character whose low byte is not in it starts no marker, which most
    /// characters show without the search of `marker_firsts`.
    pub marker_first_bytes: [u64; 4],
    /// Name endings of events that are no meetings (`發布會`).
    pub not_meeting_kinds: Vec<&'static str>,
    /// Words that refer back to a person by title (`該`).
    pub anaphors: Vec<&'static str>,
    /// Sentence openings that follow on from the event told before.
    pub sequence_leads: Vec<&'static str>,
    /// Words that join two names (`和`).
    pub conjunctions: Vec<&'static str>,
    /// What a clause holds in place of a subject left out (`並`).
    pub elided_subjects: Vec<&'static str>,
    /// Words between a name and its role verb (`還`, `在會上`).
    pub role_adverbs: Vec<&'static str>,
    /// Verbs by which a person speaks (`講話`, `通報`).
    pub speaking_roles: Vec<&'static str>,
    /// Verbs by which a person is present (`出席`).
    pub attending_roles: Vec<&'static str>,
    /// Light verbs (`作`, `提出`) and the speech objects (`安排`, `要求`) that
    /// make them speaking, and words that hold a light verb's character
    /// without being one (`工作`).
    pub speech_light_verbs: Vec<&'static str>,
    pub not_light_verbs: Vec<&'static str>,
    /// Endings of villages and communities (`村`, `社區`).
    pub village_suffixes: Vec<&'static str>,
    /// Verbs that make a sentence ending in a colon before an enumeration a
    /// heading directive (`重點抓好以下幾項工作:`).
    pub heading_verbs: Vec<&'static str>,
    /// Phrases ending in a level suffix that name no place (`依法治縣`).
    pub not_places: Vec<&'static str>,
    /// The words of every lexicon searched through [`super::hits::Hits`],
    /// each once, in one automaton over characters for one overlapping pass
    /// over a document: `text::Ctx::new`'s pass over the text steps it
    /// itself for Han characters and through [`super::hits::Scan::step`] for
    /// the others; [`super::hits::Hits::new`] steps it on its own.
    pub scan: super::hits::Dfa,
}

/// A leftmost-longest automaton of `patterns`, for tests checking the
/// probes of a [`Trie`] and of [`super::hits::Hits`] against it.
#[cfg(test)]
pub fn automaton<I, P>(patterns: I) -> AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .unwrap_or_else(|e| panic!("a compiled-in lexicon failed to build: {e}"))
}

/// A lexicon probed for its longest word starting at a position (what a
/// leftmost-longest automaton finds anchored there), as a trie over
/// characters: built in a fraction of the time an automaton's DFA took (the
/// most of the lexicons' one-time set-up), and a probe is a binary search
/// per character of the text.
pub struct Trie {
    /// Per node: the range of its children in `edges`, and 1 + the first
    /// pattern ending there (0: none). The root is node 0.
    nodes: Vec<(u32, u32, u32)>,
    /// Each node's children, sorted by character.
    edges: Vec<(char, u32)>,
}

impl Trie {
    /// The trie of `patterns`, numbered in order (of two equal patterns, the
    /// first is the one found, as the automaton did).
    pub fn new<I, P>(patterns: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        // Built with sorted maps, then laid out breadth first.
        let mut children: Vec<std::collections::BTreeMap<char, usize>> = vec![Default::default()];
        let mut word: Vec<u32> = vec![0];
        for (k, p) in patterns.into_iter().enumerate() {
            let mut node = 0;
            for c in p.as_ref().chars() {
                let next = children.len();
                node = *children[node].entry(c).or_insert(next);
                if node == next {
                    children.push(Default::default());
                    word.push(0);
                }
            }
            if word[node] == 0 {
                word[node] = k as u32 + 1;
            }
        }
        let mut order = vec![0usize];
        let mut id = vec![0u32; children.len()];
        let mut i = 0;
        while let Some(&n) = order.get(i) {
            for &c in children[n].values() {
                id[c] = order.len() as u32;
                order.push(c);
            }
            i += 1;
        }
        let mut nodes = Vec::with_capacity(order.len());
        let mut edges = Vec::with_capacity(order.len());
        for &n in &order {
            let lo = edges.len() as u32;
            edges.extend(children[n].iter().map(|(&c, &m)| (c, id[m])));
            nodes.push((lo, edges.len() as u32, word[n]));
        }
        Self { nodes, edges }
    }

    /// The longest pattern starting exactly at `at` in `hay`, as (pattern, end).
    pub fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        if at > hay.len() {
            return None;
        }
        let found = |node: usize, end: usize| match self.nodes.get(node) {
            Some(&(_, _, w)) if w > 0 => Some((w as usize - 1, end)),
            _ => None,
        };
        let mut best = found(0, at);
        let Some(rest) = hay.get(at..) else { return best };
        let mut node = 0;
        for (i, c) in rest.char_indices() {
            let Some(&(lo, hi, _)) = self.nodes.get(node) else { break };
            let edges = self.edges.get(lo as usize..hi as usize).unwrap_or(&[]);
            let Ok(k) = edges.binary_search_by_key(&c, |e| e.0) else { break };
            node = edges[k].1 as usize;
            if let Some(m) = found(node, at + i + c.len_utf8()) {
                best = Some(m);
            }
        }
        best
    }
}

/// What [`match_at`] probes: a [`Trie`] (or, in tests, an automaton).
pub trait Probe {
    /// The longest pattern starting exactly at `at`, as (pattern, end).
    fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)>;
}

impl Probe for Trie {
    fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        Trie::longest_at(self, hay, at)
    }
}

#[cfg(test)]
impl Probe for AhoCorasick {
    fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        if at > hay.len() {
            return None;
        }
        let input = Input::new(hay).range(at..).anchored(Anchored::Yes);
        self.find(input).map(|m| (m.pattern().as_usize(), m.end()))
    }
}

/// The pattern with its punctuation in both widths: as written, all ASCII
/// (`，` → `,`) and all full-width (`,` → `，`), each form once.
pub(super) fn width_variants(p: &str) -> Vec<String> {
    const PAIRS: [(char, char); 5] =
        [('\u{FF0C}', ','), ('\u{FF1B}', ';'), ('\u{FF1A}', ':'), ('\u{FF08}', '('), ('\u{FF09}', ')')];
    let half: String = p
        .chars()
        .map(|c| if c == '\u{FF0E}' { '.' } else { PAIRS.iter().find(|(f, _)| *f == c).map_or(c, |(_, h)| *h) })
        .collect();
    let full: String = p.chars().map(|c| PAIRS.iter().find(|(_, h)| *h == c).map_or(c, |(f, _)| *f)).collect();
    let mut out = vec![p.to_owned()];
    for v in [half, full] {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

const CN_NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
    "十八", "十九", "二十",
];

/// The words of each lexicon searched through [`super::hits::Hits`], in
/// lexicon order (a word's index is its pattern number there). These
/// lexicons get no automaton of their own.
fn searched_words(
    admin_words: &[&'static str],
    roles: &[&'static str],
    period_terms: &[PeriodTerm],
) -> [(Kind, Vec<&'static str>); Kind::ALL.len()] {
    [
        (Kind::Titles, lines(TITLES).collect()),
        (Kind::Triggers, lines(TRIGGERS).collect()),
        (Kind::NotModalYao, lines(NOT_MODAL_YAO).collect()),
        (Kind::MeetingVerbs, records(MEETING_VERBS).map(|r| r[0]).collect()),
        (Kind::MeetingKinds, lines(MEETING_KINDS).collect()),
        (Kind::Admin, admin_words.to_vec()),
        (Kind::ReporterRoles, roles.to_vec()),
        (Kind::Period, period_terms.iter().map(|t| t.term).collect()),
        (Kind::NotTriggers, lines(NOT_TRIGGERS).collect()),
        (Kind::AttendanceLeads, lines(ATTENDANCE_LEADS).collect()),
        (Kind::SpeechObjects, lines(SPEECH_OBJECTS).collect()),
    ]
}

/// A leftmost-longest automaton of one searched lexicon alone, for tests
/// checking [`super::hits::Hits`] against it.
#[cfg(test)]
pub fn automaton_of(kind: Kind) -> AhoCorasick {
    let lx = get();
    let admin: Vec<&'static str> = records(ADMIN_LEVELS).map(|r| r[0]).collect();
    let roles: Vec<&'static str> = records(REPORTER_ROLES).map(|r| r[0]).collect();
    let words = searched_words(&admin, &roles, &lx.period_terms);
    let (_, w) = words.into_iter().find(|(k, _)| *k == kind).unwrap_or((kind, Vec::new()));
    automaton(&w)
}

/// The enumeration markers expanded from their templates, each in both
/// punctuation widths, with what each marks.
fn markers() -> (Vec<String>, Vec<Marker>) {
    let mut marker_patterns = Vec::new();
    let mut marker_info = Vec::new();
    for r in records(ENUM_MARKERS) {
        let (template, style) = (r[0], r.get(1).copied().unwrap_or("other"));
        // A word marker (`首先,`) carries its place in a third field.
        if let Some(place) = r.get(2) {
            let number = if *place == "last" { LAST_MARKER } else { place.parse().unwrap_or(1) };
            for v in width_variants(template) {
                marker_patterns.push(v);
                marker_info.push(Marker { style, number });
            }
            continue;
        }
        for n in 1..=20u32 {
            let expanded = if template.contains("{cn}") {
                template.replace("{cn}", CN_NUMERALS[n as usize - 1])
            } else if template.contains("{d}") {
                template.replace("{d}", &n.to_string())
            } else if template.contains("{circ}") {
                // ① … ⑳ are U+2460 … U+2473.
                let c = char::from_u32(0x2460 + n - 1).unwrap_or('①');
                template.replace("{circ}", &c.to_string())
            } else {
                continue;
            };
            for v in width_variants(&expanded) {
                marker_patterns.push(v);
                marker_info.push(Marker { style, number: n });
            }
        }
    }
    (marker_patterns, marker_info)
}

fn build() -> Lexicons {
    let (admin_words, admin_levels): (Vec<&str>, Vec<Level>) = records(ADMIN_LEVELS)
        .map(|r| (r[0], r.get(1).and_then(|l| Level::parse(l)).unwrap_or(Level::City)))
        .unzip();
    let period_terms: Vec<PeriodTerm> = records(PERIOD_TERMS)
        .filter_map(|r| {
            let first = super::date::parse_ymd(r.get(1)?)?;
            let last = super::date::parse_ymd(r.get(2)?)?;
            Some(PeriodTerm { term: r[0], first, last })
        })
        .collect();
    let (roles, reporter_is_person): (Vec<&str>, Vec<bool>) =
        records(REPORTER_ROLES).map(|r| (r[0], r.get(1) == Some(&"reporter"))).unzip();

    let (marker_patterns, marker_info) = markers();
    let mut marker_firsts: Vec<char> = marker_patterns.iter().filter_map(|p| p.chars().next()).collect();
    marker_firsts.sort_unstable();
    marker_firsts.dedup();
    let mut marker_first_bytes = [0u64; 4];
    for &c in &marker_firsts {
        let b = c as u32 as u8;
        marker_first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    // The combined word list of the searched lexicons, each word once.
    let searched = searched_words(&admin_words, &roles, &period_terms);
    let mut scan_words: Vec<&'static str> = Vec::new();
    let mut scan_owners: Vec<Vec<(Kind, usize)>> = Vec::new();
    let mut index: std::collections::HashMap<&'static str, usize> = std::collections::HashMap::new();
    for (kind, words) in &searched {
        for (i, w) in words.iter().enumerate() {
            let k = *index.entry(w).or_insert_with(|| {
                scan_words.push(w);
                scan_owners.push(Vec::new());
                scan_words.len() - 1
            });
            scan_owners[k].push((*kind, i));
        }
    }
    let scan = super::hits::Dfa::new(&scan_words, &scan_owners);

    let speech_verb_words: Vec<&'static str> = lines(SPEECH_VERBS).chain(lines(SPEECH_LEADS)).collect();
    Lexicons {
        #[cfg(test)]
        titles: Trie::new(lines(TITLES)),
        #[cfg(test)]
        speech_verbs: Trie::new(lines(SPEECH_VERBS)),
        speech_verb_lasts: super::text::last_bytes(&speech_verb_words),
        speech_verb_words,
        #[cfg(test)]
        speech_leads: Trie::new(lines(SPEECH_LEADS)),
        meeting_verb_name_after: records(MEETING_VERBS).map(|r| r.get(1) == Some(&"name_after")).collect(),
        admin_levels,
        surnames: Trie::new(lines(SURNAMES)),
        period_terms,
        reporter_is_person,
        generic_places: lines(GENERIC_PLACES).collect(),
        #[cfg(test)]
        followers: Trie::new(lines(NAME_FOLLOWERS).flat_map(width_variants).collect::<Vec<String>>()),
        markers: Trie::new(&marker_patterns),
        marker_info,
        marker_firsts,
        marker_first_bytes,
        not_meeting_kinds: lines(NOT_MEETING_KINDS).collect(),
        anaphors: lines(ANAPHORS).collect(),
        sequence_leads: lines(SEQUENCE_LEADS).collect(),
        conjunctions: lines(CONJUNCTIONS).collect(),
        elided_subjects: lines(ELIDED_SUBJECTS).collect(),
        role_adverbs: lines(ROLE_ADVERBS).collect(),
        speaking_roles: lines(SPEAKING_ROLES).collect(),
        attending_roles: lines(ATTENDING_ROLES).collect(),
        speech_light_verbs: lines(SPEECH_LIGHT_VERBS).collect(),
        not_light_verbs: lines(NOT_LIGHT_VERBS).collect(),
        village_suffixes: lines(VILLAGE_SUFFIXES).collect(),
        heading_verbs: lines(HEADING_VERBS).collect(),
        not_places: lines(NOT_PLACES).collect(),
        scan,
    }
}

impl Lexicons {
    /// True when some enumeration marker starts with `c`.
    pub fn starts_marker(&self, c: char) -> bool {
        let b = c as u32 as u8;
        self.marker_first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0 && self.marker_firsts.binary_search(&c).is_ok()
    }
}

/// The lexicons, built on first use.
pub fn get() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(build)
}

/// The longest pattern of `ac` that starts exactly at `at`, as (pattern, end).
pub fn match_at<P: Probe + ?Sized>(ac: &P, hay: &str, at: usize) -> Option<(usize, usize)> {
    ac.longest_at(hay, at)
}

/// True when a pattern of `ac` starts exactly at `at`.
pub fn starts_with<P: Probe + ?Sized>(ac: &P, hay: &str, at: usize) -> bool {
    match_at(ac, hay, at).is_some()
}

/// The lexicon files this module compiles in, for the sortedness test.
pub const FILES: &[(&str, &str)] = &[
    ("titles.txt", TITLES),
    ("speech_verbs.txt", SPEECH_VERBS),
    ("speech_leads.txt", SPEECH_LEADS),
    ("meeting_kinds.txt", MEETING_KINDS),
    ("meeting_verbs.txt", MEETING_VERBS),
    ("admin_levels.txt", ADMIN_LEVELS),
    ("surnames.txt", SURNAMES),
    ("period_terms.txt", PERIOD_TERMS),
    ("directive_triggers.txt", TRIGGERS),
    ("not_modal_yao.txt", NOT_MODAL_YAO),
    ("reporter_roles.txt", REPORTER_ROLES),
    ("generic_places.txt", GENERIC_PLACES),
    ("name_followers.txt", NAME_FOLLOWERS),
    ("enum_markers.txt", ENUM_MARKERS),
    ("not_meeting_kinds.txt", NOT_MEETING_KINDS),
    ("anaphors.txt", ANAPHORS),
    ("sequence_leads.txt", SEQUENCE_LEADS),
    ("conjunctions.txt", CONJUNCTIONS),
    ("elided_subjects.txt", ELIDED_SUBJECTS),
    ("role_adverbs.txt", ROLE_ADVERBS),
    ("speaking_roles.txt", SPEAKING_ROLES),
    ("attending_roles.txt", ATTENDING_ROLES),
    ("speech_light_verbs.txt", SPEECH_LIGHT_VERBS),
    ("speech_objects.txt", SPEECH_OBJECTS),
    ("not_light_verbs.txt", NOT_LIGHT_VERBS),
    ("village_suffixes.txt", VILLAGE_SUFFIXES),
    ("attendance_leads.txt", ATTENDANCE_LEADS),
    ("not_triggers.txt", NOT_TRIGGERS),
    ("heading_verbs.txt", HEADING_VERBS),
    ("not_places.txt", NOT_PLACES),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extraction_lexicons_are_sorted_and_unique() {
        for (name, data) in FILES {
            let problems = crate::lexicon::check(data);
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }

    #[test]
    fn starts_marker_is_a_marker_first_character() {
        let lx = get();
        assert!(!lx.marker_firsts.is_empty());
        for cp in (0..0xA000).chain(0xFF00..0x1_0000) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(lx.starts_marker(c), lx.marker_firsts.contains(&c), "U+{cp:04X}");
            }
        }
    }

    /// Every trie answers as the lexicon's leftmost-longest automaton, at
    /// every position (character boundary or not) of texts holding each of
    /// its words, run together and amid other text.
    #[test]
    fn tries_probe_as_the_automata() {
        let admin: Vec<&str> = records(ADMIN_LEVELS).map(|r| r[0]).collect();
        let followers: Vec<String> = lines(NAME_FOLLOWERS).flat_map(width_variants).collect();
        let lx = get();
        let lists: Vec<Vec<String>> = [TITLES, SPEECH_VERBS, SPEECH_LEADS, SURNAMES, TRIGGERS, MEETING_KINDS]
            .iter()
            .map(|d| lines(d).map(str::to_owned).collect())
            .chain([followers, admin.iter().map(|s| (*s).to_owned()).collect(), vec![
                "a".to_owned(),
                "ab".to_owned(),
                "abc".to_owned(),
                "ab".to_owned(),
                "会".to_owned(),
                "会议".to_owned(),
            ]])
            .collect();
        let sample = "欧阳明华强调,区长李明主持召开会议,并讲话;王强、张三:出席。司马遠等，列席；通报了(三)加强十二是①1.一、";
        for words in &lists {
            let (trie, ac) = (Trie::new(words), automaton(words));
            let texts = [words.join(""), words.join("x"), format!("{sample}{}", words.join("，")), String::new()];
            for t in &texts {
                for a in 0..=t.len() + 1 {
                    assert_eq!(trie.longest_at(t, a), match_at(&ac, t, a), "at {a} in {t}");
                }
            }
        }
        // The markers as built, on texts of all of them.
        let (pats, _) = markers();
        let marker_ac = automaton(&pats);
        for t in [pats.join(""), pats.join("x"), format!("{sample}{}", pats.join("，"))] {
            for a in 0..=t.len() + 1 {
                assert_eq!(lx.markers.longest_at(&t, a), match_at(&marker_ac, &t, a), "at {a} in {t}");
            }
        }
    }

    #[test]
    fn lexicons_build_and_match_longest() {
        let lx = get();
        let s = "总书记";
        let (p, end) = match_at(&lx.titles, s, 0).unwrap();
        assert_eq!(end, s.len());
        assert_eq!(lines(TITLES).nth(p), Some("总书记"));
        assert!(match_at(&lx.surnames, "欧阳明", 0).is_some_and(|(_, e)| e == "欧阳".len()));
        assert!(lx.period_terms.iter().any(|t| t.term == "乙类乙管"));
        let (m, _) = match_at(&lx.markers, "(三)加强", 0).unwrap();
        assert_eq!(lx.marker_info[m].number, 3);
        let (m, _) = match_at(&lx.markers, "十二是", 0).unwrap();
        assert_eq!(lx.marker_info[m].number, 12);
    }
}
