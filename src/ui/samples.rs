//! The sample corpus: the seed reports in `static/samples/`, embedded in the
//! binary so the page works offline and from any static host.

use crate::{Options, Parsed};

/// One embedded report: its file name and its raw bytes (decoding is the
/// core's job, as for any file a user would bring).
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub file: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! samples {
    ($($file:literal),* $(,)?) => {
        &[$(Sample { file: $file, bytes: include_bytes!(concat!("../../static/samples/", $file)) }),*]
    };
}

/// The seed reports, in file-name order.
pub const SAMPLES: &[Sample] = samples![
    "000_78a6936e3f6415f9.txt",
    "001_da66712a28116a4b.txt",
    "002_cbc853fa26fadfa5.txt",
    "003_8dc450ce675dd6a7.txt",
    "004_9ad8b461a22d7448.txt",
];

/// Parses every sample with the real core, in order.
pub fn parse_all(opts: &Options) -> Vec<Parsed> {
    SAMPLES.iter().map(|s| crate::parse(s.file, s.bytes, opts)).collect()
}
