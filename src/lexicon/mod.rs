//! Lexicons: plain text data files compiled in.
//!
//! Format: one entry per line; `#` starts a comment line; blank lines are
//! ignored; a line may carry tab-separated fields after the entry. Entries
//! are sorted (by their first field, as bytes) and unique: a test checks
//! every file listed in [`FILES`]. Adding a title or a meeting kind is a
//! one-line change to a text file.

/// Every compiled-in lexicon: (file name, contents). Register new files here
/// so the sortedness test covers them.
pub const FILES: &[(&str, &str)] = &[
    ("boilerplate.txt", crate::clean::boilerplate::BOILERPLATE),
    ("char_freq.txt", crate::clean::tables::CHAR_FREQ),
    ("pinyin_readings.txt", crate::clean::tables::PINYIN_READINGS),
    ("word_pairs.txt", crate::clean::tables::WORD_PAIRS),
];

/// The entries of a lexicon file: each non-comment, non-blank line, trimmed.
pub fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The entries split into their tab-separated fields.
pub fn records(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    lines(data).map(|l| l.split('\t').collect())
}

/// The problems of a lexicon file: unsorted or duplicate first fields.
pub fn check(data: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let keys: Vec<&str> = data
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    for w in keys.windows(2) {
        if w[0] == w[1] {
            problems.push(format!("duplicate entry {:?}", w[0]));
        } else if w[0] > w[1] {
            problems.push(format!("{:?} sorts before {:?}", w[1], w[0]));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_is_sorted_and_unique() {
        for (name, data) in FILES {
            let problems = check(data);
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }

    #[test]
    fn check_finds_problems() {
        assert!(check("# c\na\nb\tx\nc\n").is_empty());
        assert_eq!(check("b\na\n").len(), 1);
        assert_eq!(check("a\na\n").len(), 1);
    }
}
