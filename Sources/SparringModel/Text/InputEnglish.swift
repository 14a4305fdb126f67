/// The texts about reading inputs that are never lost in silence (relation columns, people outside the roster,
/// encodings, value variants, bounded workbooks), in English. The same keys as ``danishInputTexts``.
let englishInputTexts: [String: String] = [
    // Columns named by options
    "input.noSuchColumn": "--{0} names the column {1}, but the roster has no such column; its columns are {2}",
    "input.columnNamedTwice": "--{0} and --{1} both name the column {2}",
    "input.columnNamedTwice.hint": "say once what the column holds: the manager, conflicts, wishes or a plain attribute.",
    "input.noSuchColumn.hint": "write the header as it is in the first row (case and spaces do not matter).",
    // A column of people read as a plain attribute
    "input.peopleColumn": "column {0} looks like it holds people ({1}), but it is read as a plain attribute, so no relation would come of it",
    "input.peopleColumn.byCells": "{0} of {1} filled cells name leaders of the roster, e.g. {2} {3}",
    "input.peopleColumn.byHeader": "its header reads like a relation, and {0} {0|cell names|cells name} a leader of the roster, e.g. {1}",
    "input.onLine": "on line {0}",
    "input.onRow": "in row {0}",
    "input.peopleColumn.hint.manager": "say which column holds the manager: --manager-column {0}; if it is only information, say so: --attribute-column {0}.",
    "input.peopleColumn.hint.conflicts": "say which column holds the conflicts: --conflicts-column {0}; if it is only information, say so: --attribute-column {0}.",
    "input.peopleColumn.hint.wishes": "say which column holds the wishes: --wishes-column {0}; if it is only information, say so: --attribute-column {0}.",
    "input.peopleColumn.hint.unknown": "if it holds each leader's manager, conflicts or wishes, say which: --manager-column {0}, --conflicts-column {0} or --wishes-column {0}; if it is only information (a mentor, a contact person), say so: --attribute-column {0}.",
    // People named in relation cells who are not in the roster
    "input.didYouMean": "; did you mean {0}?",
    "input.unknownOne": "the {0} {1}{2} is not in the roster{3}",
    "input.unknownShared": "the {0} {1} of {2} leaders ({3}) is not in the roster{4}",
    "input.unknownMore": "… and {0} more {1} in {2} are not in the roster: {3}",
    "input.unknown.hint.suggest": "correct the name; or, if {0} is not in the roster on purpose, say so: --outside {1}.",
    "input.unknown.hint.top": "if {0} is at the top of the reporting line and not being grouped (a director), say so: --outside {1}, or write {2} in the cells; otherwise add them to the roster.",
    "input.unknown.hint": "correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside {0}.",
    "input.outside.summary": "outside the roster on purpose ({1}): {0}",
    "input.cause.orOutside": "{0} If they are not in the roster on purpose, say so: --outside {1}.",
    "input.outsideInRoster": "--outside names {0}, who is in the roster: a cell naming {0} means that leader",
    "input.outsideInRoster.hint": "leave them out of --outside, or correct the name.",
    "input.lines": "lines {0}{1}",
    "input.rows": "rows {0}{1}",
    // Repeated problems
    "input.repeated": "{0}; the same in {1} rows: {2}",
    "input.repeatedLike": "{0}; {1} more {1|row|rows} like it: {2}",
    "input.emptyIDColumn": "the id column is empty in all {0} rows",
    "input.emptyIDColumn.hint": "fill in a unique id for each leader (an employee number, or simply 1, 2, 3 …); check that the right column is headed \"id\".",
    // Stopped
    "input.interrupted": "reading was stopped (Ctrl-C); nothing was written",
    // Bounded workbooks
    "input.xlsx.tooMuchText": "the cells of sheet {0} hold more than {1} of text, more than a roster can hold",
    "input.xlsx.tooMuchText.hint": "check that you chose the right file; if it is the roster, copy its leaders into a new workbook, or save the sheet as \"CSV UTF-8 (comma delimited) (*.csv)\".",
    "input.xlsx.stringTooLong": "text number {0} of the workbook is longer than the {1} characters Excel allows in a cell",
    // Encodings
    "input.encoding.unclear": "the file is not UTF-8, and its letters do not read as Danish text in any older character set Excel saves (Windows-1252, Mac Roman, DOS): line {0} reads {1} in Windows-1252",
    "input.encoding.ambiguous": "the file is not UTF-8, and it reads as text in more than one older character set: line {0} is {1} in {2} but {3} in {4}",
    "input.encoding.hint": "open the file in Excel and save it as \"CSV UTF-8 (comma delimited) (*.csv)\" (File › Save As); Sparring then reads every letter as it was typed.",
    // Value variants
    "input.variants.abbreviation": "column {0}: {1} look like the same value written in different ways, but they count as different values",
    "input.variants.abbreviation.hint": "write each value the same way in every row, e.g. replace {0} with {1} (Excel: Home › Find & Select › Replace, with \"Match entire cell contents\").",
    "input.variants.case": "column {0}: {1} are the same value written in different ways; they count as one, shown as {2}",
    "input.variants.case.hint": "replace {0} with {1} to show one spelling everywhere (nothing is lost as it is).",
    "input.variants.value": "{0} ({1}×)",
    "input.variants.join": "{0}; {1}",
]
