#!/usr/bin/env python3
"""Checks that every kind of workbook Sparring writes opens in two other programs, with the same content.

For each workbook (results of solve and score, Danish and English, the groups workbook, both templates, a roster
with awkward text): every XML part must be well formed (Python's XML parser); LibreOffice Calc must convert every
sheet to CSV (it refuses or repairs a damaged file); openpyxl must load it; and the three readings must agree with
Sparring's own CSV output of the same run, cell by cell. Needs python3 with openpyxl and soffice
(`apt-get install -y libreoffice-calc-nogui`). Not part of `swift test`; run it after changing the writer:

    swift build && python3 Scripts/verify_workbooks.py [--sparring .build/debug/sparring]
"""
import argparse
import csv
import glob
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import xml.dom.minidom

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(sparring, *arguments):
    result = subprocess.run([sparring, *arguments], capture_output=True, text=True)
    if result.returncode not in (0, 3):
        sys.exit(f"sparring {' '.join(arguments)} failed: {result.stderr}")


def libreoffice_sheets(path, folder):
    """Every sheet of `path` as CSV rows, converted by LibreOffice Calc (UTF-8, comma, all sheets)."""
    out = os.path.join(folder, "lo-" + os.path.basename(path))
    os.makedirs(out, exist_ok=True)
    result = subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                             "--outdir", out, path], capture_output=True, text=True)
    files = sorted(glob.glob(os.path.join(out, "*.csv")))
    if result.returncode != 0 or not files:
        raise AssertionError(f"LibreOffice could not convert {path}: {result.stdout} {result.stderr}")
    stem = os.path.splitext(os.path.basename(path))[0]
    sheets = {}
    for file in files:
        name = os.path.splitext(os.path.basename(file))[0][len(stem) + 1:]
        with open(file, encoding="utf-8", newline="") as f:
            sheets[name] = [row for row in csv.reader(f)]
    return sheets


def decoded(text):
    """openpyxl leaves Excel's escapes of control characters (`_x0007_`) as they are; Excel and LibreOffice
    show the character. Decode them, so that all three readings compare."""
    return re.sub(r"_x(000[0-9A-F]|001[0-9A-F])_", lambda m: chr(int(m.group(1), 16)), text)


def openpyxl_sheets(path):
    book = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", f"{path} {sheet.title}: header not frozen"
        assert all(cell.font.b for cell in sheet[1]), f"{path} {sheet.title}: header not bold"
        rows = []
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path} {sheet.title}!{cell.coordinate}: a formula"
            rows.append(["" if c.value is None else (str(int(c.value)) if isinstance(c.value, float) and c.value.is_integer() else decoded(str(c.value)))
                         for c in row])
        sheets[sheet.title] = rows
    return book.sheetnames, sheets


def normalized(rows):
    """Rows without trailing empty cells, decimal commas as points, empty rows left out."""
    result = []
    for row in rows:
        cells = [cell.replace(",", ".") if cell.replace(",", "").replace("-", "").isdigit() else cell for cell in row]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            result.append(cells)
    return result


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        sample = f.read(4096)
        f.seek(0)
        return list(csv.reader(f, delimiter=";" if sample.count(";") > sample.count(",") else ","))


def check(path, expected_sheets, folder):
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, f"{path}: a bad zip entry"
        for name in archive.namelist():
            xml.dom.minidom.parseString(archive.read(name))
    names, by_openpyxl = openpyxl_sheets(path)
    by_libreoffice = libreoffice_sheets(path, folder)
    assert set(by_libreoffice) == set(names), f"{path}: LibreOffice sheets {sorted(by_libreoffice)} vs {names}"
    for name in names:
        a, b = normalized(by_openpyxl[name]), normalized(by_libreoffice[name])
        assert a == b, f"{path} {name}: openpyxl and LibreOffice differ:\n{a[:3]}\n{b[:3]}"
        if name in expected_sheets:
            c = normalized(expected_sheets[name])
            assert a == c, f"{path} {name}: differs from Sparring's CSV:\n{a[:3]}\n{c[:3]}"
    print(f"ok  {os.path.basename(path):28} sheets {', '.join(names)}; {sum(len(s) for s in by_openpyxl.values())} rows; "
          f"XML well formed, LibreOffice and openpyxl agree{' with the CSV output' if expected_sheets else ''}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sparring", default=os.path.join(ROOT, ".build", "debug", "sparring"))
    sparring = parser.parse_args().sparring
    fixtures = os.path.join(ROOT, "Fixtures")
    with tempfile.TemporaryDirectory() as folder:
        def at(name):
            return os.path.join(folder, name)

        # Awkward text: formulas, control characters, leading zeros, phone numbers, spaces, quotes, long text.
        awkward = at("awkward.csv")
        with open(awkward, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "name", "gender", "phone", "note", "seniority"])
            notes = ["=HYPERLINK(\"http://x\";\"klik\")", "+45 12 34 56 78", "-2+3", "@SUM(A1)", "  spaces  ", "tab\there", "line\nbreak",
                     "bell\x07", "_x0041_", "x" * 40000]
            for k in range(10):
                writer.writerow([f"0{k + 1}", f"Leader {k} ÆØÅ \"q\"", "FM"[k % 2], f"0045{k}1234567" if k % 2 else f"+45 {k}1 23 45 67", notes[k], k + 0.5])

        runs = [
            (["solve", os.path.join(fixtures, "koege-300.csv"), "--typology", "local", "--moves", "300000", "--threads", "1"], "Ledere", "Grupper"),
            (["solve", os.path.join(fixtures, "small-english.csv"), "--moves", "30000"], "Leaders", "Groups"),
            (["solve", os.path.join(fixtures, "xlsx", "roster-libreoffice.xlsx"), "--moves", "30000", "--min-size", "4", "--max-size", "4"], "Ledere", "Grupper"),
            (["solve", awkward, "--moves", "3000", "--min-size", "5", "--max-size", "5"], "Leaders", "Groups"),
        ]
        for k, (arguments, leaders, groups) in enumerate(runs):
            run(sparring, *arguments, "--out", at(f"run{k}.xlsx"), "--groups-out", at(f"run{k}-groups.xlsx"))
            run(sparring, *arguments, "--out", at(f"run{k}.csv"), "--groups-out", at(f"run{k}-groups.csv"))
            expected = {leaders: read_csv(at(f"run{k}.csv")), groups: read_csv(at(f"run{k}-groups.csv"))}
            if k == 3:
                # The CSV keeps the 40,000-character note; a cell holds at most 32,767.
                for row in expected[leaders][1:]:
                    row[4] = row[4][:32767]
            check(at(f"run{k}.xlsx"), expected, folder)
            check(at(f"run{k}-groups.xlsx"), expected, folder)
        run(sparring, "score", os.path.join(fixtures, "small-english.csv"), at("run1.xlsx"), "--out", at("scored.xlsx"))
        check(at("scored.xlsx"), {"Leaders": read_csv(at("run1.csv"))}, folder)
        for danish in (False, True):
            path = at(f"template-{'da' if danish else 'en'}.xlsx")
            run(sparring, "template", *(["--danish"] if danish else []), "--out", path)
            check(path, {}, folder)
    print("every workbook opens in LibreOffice Calc and openpyxl with the content Sparring wrote")


if __name__ == "__main__":
    main()
