#!/usr/bin/env python3
"""Mutation fuzzing of every file Sparring reads, through the real command line.

Takes the fixtures (rosters and side files, CSV and Excel workbooks), applies random damage — byte flips,
truncations, stray quotes, delimiters and NULs, huge cells and rows, invalid UTF-8, control characters; in a
workbook either to the zip itself or to one of its XML parts (re-zipped, so that the XML reader meets it: broken
tags, cell references, types, shared-string indices, entities) — and runs `sparring check`,
`sparring solve --moves` and `sparring score` on each mutant. A run passes when the process exits 0, 1 or 3
(never a signal, never 64 for a file problem), prints every error as `file[:line[:column]]: error: …`, and no
line of its output is longer than a readable limit.

    swift build -c release && python3 Scripts/fuzz_inputs.py --count 2000 --seed 1

Not part of `swift test` (it takes minutes); its figures go into the closing note of changes to the readers.
"""
import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = ["small-danish.csv", "small-english.csv", "kolding-daycare.csv", "koege-300.csv", "koege-pins.csv",
         "xlsx/roster-openpyxl.xlsx", "xlsx/roster-libreoffice.xlsx", "xlsx/assignments-edited-openpyxl.xlsx"]
LONGEST_LINE = 1500


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        kind = rng.randrange(11)
        at = rng.randrange(len(data) + 1) if data else 0
        if kind == 0 and data:      # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:             # truncate
            del data[at:]
        elif kind == 2:             # stray quote
            data[at:at] = b'"'
        elif kind == 3:             # stray delimiter
            data[at:at] = rng.choice([b",", b";", b"\t", b"|"])
        elif kind == 4:             # NULs
            data[at:at] = b"\0" * rng.randint(1, 20)
        elif kind == 5:             # a huge cell
            data[at:at] = rng.choice([b"x", b"\xc3\xa6", b"9", b" "]) * rng.randint(10_000, 2_000_000)
        elif kind == 6:             # a huge row: many cells
            data[at:at] = b";" * rng.randint(1_000, 200_000)
        elif kind == 7:             # invalid UTF-8 / cp1252 bytes
            data[at:at] = bytes([rng.choice([0xFF, 0xE9, 0xC3, 0x80, 0xF8])])
        elif kind == 8:             # line ends
            data[at:at] = rng.choice([b"\r", b"\n", b"\r\n", b"\n\n\n"])
        elif kind == 9:             # control characters and bidi overrides
            data[at:at] = rng.choice([b"\x1b[2J", b"\x07", b"\x08", "\u202e".encode(), "\u2066".encode()])
        else:                       # huge numbers
            data[at:at] = rng.choice([b"1e308", b"-1e153", b"99999999999999999999", b"NaN", b"inf"])
    return bytes(data)


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """Damage that an XML reader must survive: the CSV kinds, and broken markup, references and values."""
    data = bytearray(mutate(data, rng) if rng.random() < 0.3 else data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1) if data else 0
        kind = rng.randrange(7)
        if kind == 0 and data:      # lose a '<', '>', '"' or '/'
            for k in range(at, min(len(data), at + 200)):
                if data[k] in b'<>"/':
                    del data[k]
                    break
        elif kind == 1:             # stray markup or entities
            data[at:at] = rng.choice([b"<", b"</c>", b"<c r=\"ZZZZ9\">", b"&bogus;", b"&#0;", b"<![CDATA[", b"<!DOCTYPE x>", b"<row r=\"0\">"])
        elif kind == 2:             # a cell or row reference out of range or out of order
            data = data.replace(b'r="A', rng.choice([b'r="XFE', b'r="A0', b'r="1A', b'r="']), 1)
        elif kind == 3:             # a cell's type changed
            data = data.replace(b't="s"', rng.choice([b't="e"', b't="b"', b't="d"', b't="str"', b't="inlineStr"', b't=""']), rng.randint(1, 50))
        elif kind == 4:             # a value changed: huge shared-string index, not a number, empty
            data = data.replace(b"<v>1", rng.choice([b"<v>99999999", b"<v>-1", b"<v>x", b"<v>", b"<v>1e999"]), rng.randint(1, 50))
        elif kind == 5:             # deep nesting
            data[at:at] = b"<a>" * rng.randint(100, 5000)
        else:                       # a number format or a style index changed
            data = data.replace(b's="', rng.choice([b's="999', b's="-', b's="1']), rng.randint(1, 50))
    return bytes(data)


def mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    """Damage the zip itself, or one XML part re-zipped with correct checksums."""
    if rng.random() < 0.25:
        return mutate(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    target = rng.choice([n for n in names if n.endswith(".xml") or n.endswith(".rels")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as damaged:
        for name in names:
            if name == target and rng.random() < 0.05:
                continue            # a part missing
            content = source.read(name)
            damaged.writestr(name, mutate_xml(content, rng) if name == target else content)
    return out.getvalue()


def check_output(args, result, problems, keep):
    before = len(problems)
    _check(args, result, problems)
    if len(problems) > before and keep:
        kept = os.path.join(keep, f"failure-{len(problems)}" + os.path.splitext(args[1])[1])
        shutil.copy(args[1], kept)
        problems[-1] += f" (kept as {kept})"


def _check(args, result, problems):
    text = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    if result.returncode < 0 or result.returncode not in (0, 1, 3):
        problems.append(f"exit {result.returncode}: {' '.join(args)}")
        return
    for line in text.splitlines():
        if len(line) > LONGEST_LINE:
            problems.append(f"line of {len(line)} characters: {' '.join(args)}")
            return
        if "\x1b" in line or "\u202e" in line:
            problems.append(f"raw control character on the terminal: {' '.join(args)}")
            return
    # Errors read "error:" in English and "fejl:" in Danish (a Danish roster's problems are shown in Danish).
    if result.returncode == 1 and not any(": error: " in line or line.startswith("error: ") or ": fejl: " in line or line.startswith("fejl: ")
                                          for line in text.splitlines()):
        problems.append(f"exit 1 without an error line: {' '.join(args)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/sparring"))
    parser.add_argument("--keep", default="", help="folder to copy failing inputs into")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    seeds = {name: open(os.path.join(ROOT, "Fixtures", name), "rb").read() for name in SEEDS}
    problems, runs, exits, workbooks = [], 0, {}, 0
    with tempfile.TemporaryDirectory() as folder:
        good_roster = os.path.join(ROOT, "Fixtures", "koege-300.csv")
        for k in range(options.count):
            name = rng.choice(SEEDS)
            workbook = name.endswith(".xlsx")
            workbooks += workbook
            path = os.path.join(folder, f"m{k % 10}" + (".xlsx" if workbook else ".csv"))
            with open(path, "wb") as f:
                f.write(mutate_workbook(seeds[name], rng) if workbook else mutate(seeds[name], rng))
            if name == "koege-pins.csv":   # a side file: damage it, keep the roster intact
                commands = [["solve", good_roster, "--pin", path, "--moves", "2000", "--threads", "1"],
                            ["score", good_roster, path], ["check", good_roster, "--conflicts", path]]
            elif name.startswith("xlsx/assignments"):   # a grouping workbook, against its intact roster
                roster = os.path.join(ROOT, "Fixtures", "xlsx", "roster-openpyxl.xlsx")
                commands = [["score", roster, path, "--min-size", "4", "--max-size", "4"],
                            ["solve", roster, "--previous", path, "--moves", "2000", "--threads", "1", "--min-size", "4", "--max-size", "4"]]
            else:
                commands = [["check", path], ["solve", path, "--moves", "2000", "--threads", "1", "--report", os.path.join(folder, "r.html")]]
            for args in commands:
                result = subprocess.run([options.binary] + args, capture_output=True, timeout=120)
                runs += 1
                exits[result.returncode] = exits.get(result.returncode, 0) + 1
                check_output(args, result, problems, options.keep)
    print(f"runs: {runs} ({workbooks} of {options.count} damaged files are workbooks)")
    print("exit codes: " + ", ".join(f"{code}×{n}" for code, n in sorted(exits.items())))
    print(f"problems: {len(problems)}")
    for problem in problems[:20]:
        print("  " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
