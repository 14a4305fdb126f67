#!/usr/bin/env python3
"""Makes the workbook fixtures in Fixtures/xlsx/ with two real producers: openpyxl and LibreOffice Calc.

Only for making fixtures (the product reads and writes workbooks itself). Needs:

    pip install openpyxl
    pip install msoffcrypto-tool                   # the password-protected workbook
    apt-get install -y libreoffice-calc-nogui      # soffice

Run from the repository root:

    python3 Scripts/make_workbook_fixtures.py [--sparring .build/debug/sparring]

With --sparring it also makes the round-trip fixtures: a workbook written by `sparring solve`, edited by
openpyxl (a leader moved to another group) and re-saved by LibreOffice. The .xlsx files are committed, so
`swift test` needs none of these tools.
"""
import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "xlsx")
BROKEN = os.path.join(OUT, "broken")

# The roster: Danish headers, æøå, ids with leading zeros kept as text, a decimal, dates, phone numbers as
# text, an empty cell in the middle of a row (a gap), a boolean, and an empty row between leaders.
HEADER = ["nr", "navn", "fagområde", "lederniveau", "køn", "anciennitet", "enhed", "nærmeste leder", "ansat",
          "telefon", "ønsker", "mentor"]
LEADERS = [
    ["0101", "Anne Holm", "Dagtilbud", "institutionsleder", "kvinde", 12, "Dagtilbud Nord", "0110",
     datetime.date(2012, 8, 1), "+45 12 34 56 78", "Bo Lund", True],
    ["0102", "Bo Lund", "Dagtilbud", "institutionsleder", "mand", 3.5, "Dagtilbud Nord", "0110",
     datetime.date(2021, 3, 1), "22334455", None, False],
    ["0103", "Søren Ærø", "Skole", "institutionsleder", "mand", 20, "Skole Vest", "0111",
     datetime.date(2004, 1, 15), "+45 33 44 55 66", "Anne Holm|Mette Bækgaard", True],
    ["0104", "Mette Bækgaard", "Skole", "teamleder", "kvinde", 2, "Skole Vest", "0103",
     datetime.date(2023, 9, 1), "44556677", None, False],
    ["0105", "Hanne Møller", "Ældreområdet", "institutionsleder", "kvinde", 8, "Ældre Syd", "0112",
     datetime.date(2016, 2, 29), "+45 55 66 77 88", None, False],
    ["0106", "Bjørn Dahl", "Ældreområdet", "teamleder", "mand", 1, "Ældre Syd", "0105",
     datetime.date(2024, 3, 1), "66778899", "Åse Friis", True],
    ["0107", "Åse Friis", "Teknik og miljø", "institutionsleder", "kvinde", 15.5, "Teknik", "0112",
     datetime.date(2009, 6, 1), "+45 77 88 99 00", None, False],
    ["0108", "Lars Olsen", "Teknik og miljø", "teamleder", "mand", 6, "Teknik", "0107",
     datetime.date(2018, 11, 1), "88990011", None, False],
    ["0109", "Karen Skovgård", "Dagtilbud", "teamleder", "kvinde", 4, "Dagtilbud Nord", "0101",
     datetime.date(2020, 5, 1), "99001122", None, True],
    ["0110", "Poul Jensen", "Dagtilbud", "chef", "mand", 25, "Dagtilbud", None,
     datetime.date(1999, 4, 1), "+45 11 22 33 44", None, False],
    ["0111", "Signe Larsen", "Skole", "chef", "kvinde", 18, "Skole", None,
     datetime.date(2006, 10, 1), "12121212", None, False],
    ["0112", "Ole Thomsen", "Ældreområdet", "chef", "mand", 22, "Ældreområdet", None,
     datetime.date(2002, 12, 1), "+45 21 21 21 21", None, False],
]


def roster_workbook(formula: bool) -> openpyxl.Workbook:
    """The roster as openpyxl writes it; with `formula`, a column of formulas (openpyxl saves no results)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ledere"
    header = HEADER + (["måneder som leder"] if formula else [])
    sheet.append(header)
    row = 2
    for k, leader in enumerate(LEADERS):
        if k == 6:
            sheet.append([])   # an empty row between leaders
            row += 1
        sheet.append(leader + ([f"=F{row}*12"] if formula else []))
        row += 1
    for row in sheet.iter_rows(min_row=2):
        row[0].number_format = "@"       # ids: text, with their leading zeros
        row[7].number_format = "@"       # the manager's id, too
        row[8].number_format = "DD-MM-YYYY"
        row[9].number_format = "@"       # phone numbers stay text
    notes = book.create_sheet("Noter")
    notes.append(["Noter til netværket"])
    notes.append(["Lavet til test af Sparring"])
    return book


def soffice(*arguments: str) -> None:
    subprocess.run(["soffice", "--headless", *arguments], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def libreoffice_convert(source: str, target: str, filter_name: str) -> None:
    """Opens `source` in LibreOffice Calc (which calculates formulas without saved results) and saves `target`.
    A CSV source is read as UTF-8 with commas."""
    with tempfile.TemporaryDirectory() as folder:
        infilter = ["--infilter=CSV:44,34,76,1"] if source.endswith(".csv") else []
        soffice(*infilter, "--convert-to", filter_name, "--outdir", folder, source)
        produced = [name for name in os.listdir(folder)]
        assert len(produced) == 1, produced
        shutil.move(os.path.join(folder, produced[0]), target)


def encrypt(source: str, target: str) -> None:
    """Protects `source` with a password to open it, as Excel does (agile encryption in an OLE file), by
    msoffcrypto-tool (`pip install msoffcrypto-tool`; LibreOffice 7.4 cannot save encrypted .xlsx headless)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(source, "rb") as plain, open(target, "wb") as encrypted:
        OOXMLFile(plain).encrypt("hemmelig", encrypted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sparring", help="the built sparring executable, for the round-trip fixtures")
    arguments = parser.parse_args()
    os.makedirs(BROKEN, exist_ok=True)

    # 1. openpyxl: the roster, without formulas.
    roster_openpyxl = os.path.join(OUT, "roster-openpyxl.xlsx")
    roster_workbook(formula=False).save(roster_openpyxl)

    # 2. openpyxl with a formula column: the formulas have no saved results (the reader must say so).
    uncached = os.path.join(BROKEN, "formula-without-value-openpyxl.xlsx")
    roster_workbook(formula=True).save(uncached)

    # 3. LibreOffice Calc: the same roster with the formula column, calculated and saved with results.
    libreoffice_convert(uncached, os.path.join(OUT, "roster-libreoffice.xlsx"), "xlsx")

    # 4. LibreOffice Calc from the English CSV fixture: the same leaders as Fixtures/small-english.csv.
    libreoffice_convert(os.path.join(ROOT, "Fixtures", "small-english.csv"), os.path.join(OUT, "small-english-libreoffice.xlsx"), "xlsx")

    # 5. An old .xls (Excel 97-2003), by LibreOffice.
    libreoffice_convert(roster_openpyxl, os.path.join(BROKEN, "legacy.xls"), "xls")

    # 6. A workbook with a password to open it (an encrypted OLE compound file).
    encrypt(roster_openpyxl, os.path.join(BROKEN, "encrypted.xlsx"))

    # 7. Round trip: sparring writes a workbook; openpyxl moves a leader to another group; LibreOffice re-saves it.
    if arguments.sparring:
        with tempfile.TemporaryDirectory() as folder:
            written = os.path.join(folder, "grupper.xlsx")
            subprocess.run([arguments.sparring, "solve", roster_openpyxl, "--min-size", "4", "--max-size", "4", "--moves", "20000",
                            "--seed", "1", "--threads", "1", "--out", written], check=True, stdout=subprocess.DEVNULL)
            book = openpyxl.load_workbook(written)
            sheet = book.worksheets[0]
            header = [cell.value for cell in sheet[1]]
            group = header.index("gruppe")
            first, second = sheet.cell(row=2, column=group + 1), None
            for row in sheet.iter_rows(min_row=3):
                if row[group].value != first.value:
                    second = row[group]
                    break
            first.value, second.value = second.value, first.value   # two leaders change places
            edited = os.path.join(OUT, "assignments-edited-openpyxl.xlsx")
            book.save(edited)
            libreoffice_convert(written, os.path.join(OUT, "assignments-resaved-libreoffice.xlsx"), "xlsx")
    print("wrote", sorted(os.listdir(OUT)), sorted(os.listdir(BROKEN)))


if __name__ == "__main__":
    sys.exit(main())
