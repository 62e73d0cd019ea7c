//! Stage 4: metadata, meetings and directives. (Placeholder.)

use crate::clean::Cleaned;
use crate::decode::Decoded;
use crate::model::Document;
use crate::segment::Segments;

pub fn extract(decoded: &Decoded, cleaned: &Cleaned, _segments: &Segments) -> Document {
    Document { encoding: Some(decoded.encoding.to_owned()), warnings: cleaned.warnings.clone(), ..Document::default() }
}
