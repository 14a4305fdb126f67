import Foundation
import SparringIO
import SparringModel

/// `sparring template`: writes a roster to fill in: a header row with every column Sparring recognises and one
/// example row (id `EXAMPLE` / `EKSEMPEL`, which every command refuses until the row is deleted, so it can never be
/// grouped as a leader).
///
/// English (`--english`, the default): `,`, UTF-8, LF. Danish (`--danish`): `;`, UTF-8 with BOM, CRLF, which Danish
/// Excel opens directly. A path ending in `.xlsx` gives a workbook: the roster sheet ("Leaders", "Ledere") with the
/// header bold and frozen, every column but the numbers formatted as text (ids typed as `007` keep their zeros),
/// drop-down lists for gender and rank, and a notes sheet ("Notes", "Vejledning") saying what each column holds.
enum TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        positionalNames: [], requiredOptions: ["out"],
        summary: "Write an empty roster: a header row with every column Sparring recognises, ready to fill in.",
        positionals: 0...0,
        options: [
            .init(name: "out", value: "FILE", help: "Where to write the roster: CSV, or an Excel workbook when FILE ends in .xlsx (an existing file is replaced)."),
            .init(name: "danish", value: nil, help: "Danish headers (nr, navn, fagområde, …), example and notes; a CSV with ';', UTF-8 BOM and CRLF, as Danish Excel opens."),
            .init(name: "english", value: nil, help: "English headers, example and notes (the default)."),
        ])

    /// The template's columns in order, each with its English and Danish header (both aliases of its role).
    /// Not `group` (an output) and not first/last name (`name` holds the whole name).
    static let columns: [(role: ColumnRole, english: String, danish: String)] = [
        (.id, "id", "nr"), (.name, "name", "navn"), (.field, "field", "fagområde"), (.rank, "rank", "lederniveau"),
        (.gender, "gender", "køn"), (.seniority, "seniority", "anciennitet"), (.age, "age", "alder"), (.unit, "unit", "enhed"),
        (.location, "location", "distrikt"), (.manager, "manager", "nærmeste leder"), (.conflicts, "conflicts", "konflikter"),
        (.wishes, "wishes", "ønsker"), (.together, "keep together", "hold sammen"),
    ]

    /// The example row, column by column: a made-up leader whose id marks the row as the example.
    static func exampleRow(danish: Bool) -> [String] {
        let words = Words(danish ? .da : .en)
        return columns.map { column in
            switch column.role {
            case .id: return danish ? "EKSEMPEL" : "EXAMPLE"
            case .name: return words("template.example.name")
            case .field: return words("template.example.field")
            case .rank: return danish ? "afdelingsleder" : "institution leader"
            case .gender: return danish ? "kvinde" : "woman"
            case .seniority: return "12"
            case .age: return "48"
            case .unit: return words("template.example.unit")
            case .location: return words("template.example.location")
            default: return ""
            }
        }
    }

    /// The values the workbook offers in a drop-down list: gender and rank, lowest rank first.
    static func choices(danish: Bool) -> [ColumnRole: [String]] {
        danish ? [.gender: ["kvinde", "mand"], .rank: ["teamleder", "afdelingsleder", "institutionsleder", "skoleleder", "dagtilbudsleder", "chef", "direktør"]]
            : [.gender: ["woman", "man"], .rank: ["team leader", "institution leader", "head of department", "director"]]
    }

    /// The whole file: the header row and the example row. O(columns).
    static func render(danish: Bool) -> String {
        danish ? CSVWriter.excel.render(header: columns.map(\.danish), rows: [exampleRow(danish: true)])
               : CSVWriter().render(header: columns.map(\.english), rows: [exampleRow(danish: false)])
    }

    /// The template as a workbook: the roster sheet (header, example row, text format in every column but the
    /// numbers, drop-down lists) and the notes sheet. O(columns).
    static func workbook(danish: Bool) -> Data {
        let words = Words(danish ? .da : .en)
        let numeric: Set<ColumnRole> = [.seniority, .age]
        let textColumns = Set(columns.indices.filter { !numeric.contains(columns[$0].role) })
        let example = exampleRow(danish: danish)
        var sheet = Workbook.Sheet(name: words("xlsx.sheet.leaders"), header: columns.map { danish ? $0.danish : $0.english },
                                   rows: [example.enumerated().map { c, value in
                                       value.isEmpty ? .empty : numeric.contains(columns[c].role) ? .number(Double(value)!) : .text(value)
                                   }], textColumns: textColumns)
        let lists = choices(danish: danish)
        for (c, column) in columns.enumerated() { if let values = lists[column.role] { sheet.choices[c] = values } }
        let notes = Workbook.Sheet(name: words("template.notes.sheet"), header: [words("template.notes.column"), words("template.notes.what")],
                                   rows: columns.map { [.text(danish ? $0.danish : $0.english), .text(words("template.note.\($0.role.rawValue)"))] }
                                       + [[.empty, .empty], [.text(words("template.notes.example")), .empty]],
                                   textColumns: [0, 1])
        return XLSXWriter.render(Workbook(sheets: [sheet, notes]))
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        guard let out = arguments.value("out") else {
            throw UsageError(Message("usage.required", .text("out")), hint: Message("usage.required.out.hint"))
        }
        if arguments.flags.contains("danish") && arguments.flags.contains("english") {
            throw UsageError(Message("template.bothLanguages"), hint: Message("usage.example", .text("sparring template --danish --out ledere.xlsx")))
        }
        let danish = arguments.flags.contains("danish")
        try checkOutputFormats([OutputFiles.Output(option: "out", path: out)])
        let problems = OutputFiles.check([OutputFiles.Output(option: "out", path: out)], inputs: [])
        if !problems.isEmpty { throw DiagnosticError(problems, language: danish ? .da : .en) }
        if isWorkbookPath(out) {
            try OutputFiles.write([(out, workbook(danish: danish))])
        } else {
            try writeAtomically(render(danish: danish), to: out)
        }
        let words = Words(danish ? .da : .en)
        console.out(words(danish ? "template.wrote.da" : "template.wrote.en", .int(columns.count), .text(out)))
        console.out(words("template.next", .text(out)))
        return 0
    }
}
