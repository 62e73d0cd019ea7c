#!/usr/bin/env python3
"""Writes the page's script-conversion tables (src/ui/data/*.bin) from their
text sources in src/ui/data/ (see src/ui/data/README.md):

  st.bin        from STCharacters.txt: each line's Simplified character and
                its first Traditional candidate, where the two differ
  ts-extra.bin  from TSCharacters-extra.txt: Traditional, Simplified

Each file is a list of character pairs sorted by their first character,
stored as LEB128 varints: the first character's code point minus the
previous pair's first (0 before the first pair), then the second's minus the
first, zigzag-encoded. A third of the text's size once gzipped, and read in a
few lines (src/ui/convert.rs, whose tests check the files against the text).

Usage: python3 scripts/gen-script-tables.py
"""
import os

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "ui", "data")


def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return out


def encode(pairs):
    out, prev = bytearray(), 0
    for a, b in sorted(pairs):
        d = ord(b) - ord(a)
        out += varint(ord(a) - prev) + varint(d * 2 if d >= 0 else -d * 2 - 1)
        prev = ord(a)
    return bytes(out)


def read(name, first_candidate):
    pairs = {}
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for line in f:
            a, rest = line.rstrip("\n").split("\t")
            b = [c for c in rest.split(" ") if c][0] if first_candidate else rest
            assert len(a) == 1 and len(b) == 1, line
            if a != b:
                pairs.setdefault(a, b)
    return pairs.items()


for src, dst, first in [("STCharacters.txt", "st.bin", True), ("TSCharacters-extra.txt", "ts-extra.bin", False)]:
    data = encode(read(src, first))
    with open(os.path.join(DATA, dst), "wb") as f:
        f.write(data)
    print(f"{dst}: {len(data)} bytes")
