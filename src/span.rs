//! Byte spans.
//!
//! Two span types keep the two coordinate systems apart:
//! [`Span`] is a byte range in the *original* decoded input text (for UTF-8
//! input these are byte offsets into the file itself), and [`CleanSpan`] is a
//! byte range in the cleaned text the extraction stages work on. The
//! [`crate::clean::OffsetMap`] turns the second into the first.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! span_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name {
            pub start: usize,
            pub end: usize,
        }

        impl $name {
            /// A span from `start` to `end`; panics in debug builds if `start > end`.
            #[inline]
            pub fn new(start: usize, end: usize) -> Self {
                debug_assert!(start <= end, "span start {start} > end {end}");
                Self { start, end: end.max(start) }
            }

            #[inline]
            pub fn len(self) -> usize {
                self.end - self.start
            }

            #[inline]
            pub fn is_empty(self) -> bool {
                self.start == self.end
            }

            /// The text under the span, or `""` when it is out of bounds or
            /// not on character boundaries.
            #[inline]
            pub fn of(self, text: &str) -> &str {
                text.get(self.start..self.end).unwrap_or("")
            }

            /// The smallest span covering both.
            #[inline]
            pub fn cover(self, other: Self) -> Self {
                Self::new(self.start.min(other.start), self.end.max(other.end))
            }

            #[inline]
            pub fn contains(self, other: Self) -> bool {
                self.start <= other.start && other.end <= self.end
            }

            /// Shift both ends by `by` bytes.
            #[inline]
            pub fn offset(self, by: usize) -> Self {
                Self::new(self.start + by, self.end + by)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}..{}", self.start, self.end)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}..{}", self.start, self.end)
            }
        }

        impl From<std::ops::Range<usize>> for $name {
            fn from(r: std::ops::Range<usize>) -> Self {
                Self::new(r.start, r.end)
            }
        }

        /// Serialised as a two-element array `[start, end]`.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                [self.start, self.end].serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let [start, end] = <[usize; 2]>::deserialize(d)?;
                if start > end {
                    return Err(serde::de::Error::custom("span start > end"));
                }
                Ok(Self { start, end })
            }
        }
    };
}

span_type!(
    /// A byte range in the original decoded input text.
    Span
);
span_type!(
    /// A byte range in the cleaned text.
    CleanSpan
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Span>("[9,3]").is_err());
    }

    #[test]
    fn of_is_safe_off_boundaries() {
        let t = "會議";
        assert_eq!(Span::new(0, 3).of(t), "會");
        assert_eq!(Span::new(1, 3).of(t), "");
        assert_eq!(Span::new(0, 99).of(t), "");
    }

    #[test]
    fn cover_and_contains() {
        let a = CleanSpan::new(2, 5);
        let b = CleanSpan::new(4, 9);
        assert_eq!(a.cover(b), CleanSpan::new(2, 9));
        assert!(a.cover(b).contains(a));
        assert!(!a.contains(b));
        assert_eq!(format!("{a}"), "2..5");
    }
}
