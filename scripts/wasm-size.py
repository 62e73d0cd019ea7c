#!/usr/bin/env python3
"""What each crate adds to a wasm: code bytes per crate (twiggy), and the
read-only data the lexicon and table files take (found verbatim in .rodata).

Usage: python3 scripts/wasm-size.py WASM [WASM...]
  WASM: a wasm before wasm-bindgen, with its names section, e.g.
  target/wasm32-unknown-unknown/wasm-release/readout-worker.wasm
  (`cargo install twiggy` provides twiggy.)

Sizes are raw bytes before wasm-opt; after wasm-opt and gzip each part
shrinks, so read them as shares. Custom sections (names, wasm-bindgen's
descriptors) are removed by wasm-bindgen/wasm-opt and not counted.
"""
import collections, csv, glob, io, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


STD = ("core", "alloc", "std", "compiler_builtins", "dlmalloc", "panic_abort")


def crate_of(name):
    n = name.strip('"')
    if n.startswith(("data segment", "custom section")) or "subsection" in n:
        return None
    if "__wbindgen_describe" in n:
        return None  # descriptor functions: run and removed by wasm-bindgen
    # The first crate named that is not the standard library: the crate whose
    # type or function it is (`<readout::x::Y as core::fmt::Debug>::fmt`).
    crates = re.findall(r"(?:^|[<\s(&*,\[])([a-z_][a-z0-9_]*)::", n)
    for c in crates:
        if c not in STD and c not in ("impl", "as", "_"):
            return c
    if crates:
        return "std/core/alloc"
    return "(unnamed)"


def report(path):
    out = subprocess.run(["twiggy", "top", "-n", "10000000", "--format", "csv", path], capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    by_crate = collections.Counter()
    rodata = 0
    custom = 0
    for r in rows:
        name, size = r["Name"], int(r["ShallowSize"])
        if "data segment" in name:
            rodata += size
            continue
        c = crate_of(name)
        if c is None:
            custom += size
            continue
        by_crate[c] += size
    data = open(path, "rb").read()
    found = collections.Counter()
    files = glob.glob(os.path.join(ROOT, "src", "**", "*.txt"), recursive=True)
    files += glob.glob(os.path.join(ROOT, "src", "**", "*.bin"), recursive=True)
    for f in sorted(files):
        b = open(f, "rb").read()
        if len(b) > 64 and b in data:
            found[os.path.relpath(f, ROOT)] = len(b)
    total = os.path.getsize(path)
    print(f"== {os.path.relpath(path, ROOT)}: {total} bytes ({custom} in custom sections and wasm-bindgen descriptors, dropped by wasm-bindgen)")
    print(f"  code by crate:")
    for c, s in by_crate.most_common():
        if s >= 2000:
            print(f"    {c:<28} {s:>9}")
    print(f"    {'(crates under 2 KB)':<28} {sum(s for c, s in by_crate.items() if s < 2000):>9}")
    print(f"  data segments: {rodata} bytes, of which table files (src/**/*.txt, *.bin) found verbatim: {sum(found.values())}")
    for f, s in found.most_common(12):
        print(f"    {f:<44} {s:>7}")
    print(f"    {'(other: crate tables, strings, ...)':<44} {rodata - sum(found.values()):>7}")


for p in sys.argv[1:]:
    report(p)
