//! Lexicons: plain text data files compiled in, one entry per line,
//! sorted and unique (a test checks). `#` starts a comment line.
