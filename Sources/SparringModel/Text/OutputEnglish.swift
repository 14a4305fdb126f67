/// The command line's words about output files, file names and set-up (outputs that cannot be written, locked
/// or not ordinary files, output names in a format Sparring cannot write, usage errors shown in the roster's
/// language, `template`'s confirmation), in English: the reference for ``danishOutputTexts``.
let englishOutputTexts: [String: String] = [
    // Outputs that are not ordinary files, or are open in another program
    "output.notRegularFile": "--{0} names {1}, not an ordinary file; Sparring writes its outputs only to files",
    "output.notRegularFile.hint": "give a file name, e.g. --{0} {1}.",
    "output.example.out": "groups.csv",
    "output.example.json": "result.json",
    "output.example.report": "report.html",
    "output.example.groups-out": "mail-merge.csv",
    "output.kind.device": "a device or a file of the system (such as /dev/stdout or /dev/null)",
    "output.kind.pipe": "a pipe",
    "output.kind.socket": "a socket",
    "output.kind.loop": "a chain of links that never ends at a file",
    "output.openInExcel": "--{0}: {1} is open in Excel (Excel's lock file {2} lies beside it)",
    "output.openInExcel.hint": "close the file in Excel and run again. If Excel is not open, delete {0}, which Excel left behind.",
    "output.openInLibreOffice": "--{0}: {1} is open in LibreOffice (its lock file {2} lies beside it)",
    "output.openInLibreOffice.hint": "close the file in LibreOffice and run again. If LibreOffice is not open, delete {0}, which it left behind.",
    "output.locked": "--{0}: {1} cannot be opened for writing: {2}",
    "output.locked.hint": "close it in Excel (or the program that has it open), or make it writable, and run again; or write to another file name.",
    "output.reason.busy": "the file is in use by another program",
    // Output names in a format Sparring cannot write
    "output.format": "--{0} {1}: Sparring cannot write {2} files",
    "output.format.hint": "name the file {0} (an Excel workbook, which Excel, Numbers and LibreOffice open) or {1} (CSV).",
    "output.format.csvOnly.hint": "name the file {0} (CSV, which Excel opens).",
    // Usage errors that depend on the roster
    "usage.unknownTypology": "unknown typology '{0}'",
    "usage.unknownTypology.hint": "use local, cross, sector or broad (in Danish: lokal, tværgående, sektor or bred).",
    // sparring template
    "template.wrote.en": "wrote an empty roster with {0} English headers to {1}",
    "template.wrote.da": "wrote an empty roster with {0} Danish headers to {1}",
    "template.next": "fill in one row per leader, then run: sparring check {0}",
]
