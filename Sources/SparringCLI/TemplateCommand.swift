import Foundation
import SparringIO
import SparringModel

/// `sparring template`: writes an empty roster, the header row only, with every column Sparring recognises.
///
/// English: `,`, UTF-8, LF. Danish (`--danish`): `;`, UTF-8 with BOM, CRLF, which Danish Excel opens directly.
/// A path ending in `.xlsx` gives a workbook: one sheet ("Leaders", "Ledere") with the header bold and frozen, and
/// every column but the numbers formatted as text, so that ids typed as `007` keep their zeros.
enum TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        positionalNames: [], requiredOptions: ["out"],
        summary: "Write an empty roster: a header row with every column Sparring recognises, ready to fill in.",
        positionals: 0...0,
        options: [
            .init(name: "out", value: "FILE", help: "Where to write the roster: CSV, or an Excel workbook when FILE ends in .xlsx (an existing file is replaced)."),
            .init(name: "danish", value: nil, help: "Danish headers (nr, navn, fagområde, …); a CSV with ';', UTF-8 BOM and CRLF, as Danish Excel opens."),
        ])

    /// The template's columns in order, each with its English and Danish header (both aliases of its role).
    /// Not `group` (an output) and not first/last name (`name` holds the whole name).
    static let columns: [(role: ColumnRole, english: String, danish: String)] = [
        (.id, "id", "nr"), (.name, "name", "navn"), (.field, "field", "fagområde"), (.rank, "rank", "lederniveau"),
        (.gender, "gender", "køn"), (.seniority, "seniority", "anciennitet"), (.age, "age", "alder"), (.unit, "unit", "enhed"),
        (.location, "location", "distrikt"), (.manager, "manager", "nærmeste leder"), (.conflicts, "conflicts", "konflikter"),
        (.wishes, "wishes", "ønsker"), (.together, "keep together", "hold sammen"),
    ]

    /// The whole file: one header row. O(columns).
    static func render(danish: Bool) -> String {
        danish ? CSVWriter.excel.render(header: columns.map(\.danish), rows: [])
               : CSVWriter().render(header: columns.map(\.english), rows: [])
    }

    /// The template as a workbook: one sheet, the header row, text format in every column but the numbers. O(columns).
    static func workbook(danish: Bool) -> Data {
        let words = Words(danish ? .da : .en)
        let numeric: Set<ColumnRole> = [.seniority, .age]
        let textColumns = Set(columns.indices.filter { !numeric.contains(columns[$0].role) })
        let sheet = Workbook.Sheet(name: words("xlsx.sheet.leaders"), header: columns.map { danish ? $0.danish : $0.english }, rows: [],
                                   textColumns: textColumns)
        return XLSXWriter.render(Workbook(sheets: [sheet]))
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        guard let out = arguments.value("out") else {
            throw UsageError(Message("usage.required", .text("out")), hint: Message("usage.required.out.hint"))
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
