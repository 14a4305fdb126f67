import SparringModel

/// The parts of an `.xlsx` package that a reader of one sheet needs, found the way the Open Packaging
/// Conventions say: the package's relationships name the workbook part, the workbook's relationships name its
/// sheets, shared strings and styles. (Producers put them in different places: `xl/workbook.xml` is usual, not
/// required.)
struct WorkbookPackage {
    /// A sheet as the workbook lists it, in tab order.
    struct Sheet: Equatable {
        var name: String
        /// The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`; nil when its relationship is missing.
        var part: String?
        /// Whether it holds cells (a worksheet), rather than a chart or a dialog.
        var isWorksheet: Bool
        var isHidden: Bool
    }

    let archive: ZipArchive
    /// Every sheet, in tab order.
    let sheets: [Sheet]
    /// Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
    let date1904: Bool
    let sharedStringsPart: String?
    let stylesPart: String?
    /// The most bytes one part may unpack to.
    let partLimit: Int

    /// Reads the package's relationships, the workbook part and its relationships.
    /// - Throws: ``WorkbookFailure``: not a workbook, damaged parts, parts above `partLimit`.
    /// - Complexity: O(size of those three parts).
    init(archive: ZipArchive, partLimit: Int) throws(WorkbookFailure) {
        self.archive = archive
        self.partLimit = partLimit
        var workbookPart = "xl/workbook.xml"
        if archive.entry(named: "_rels/.rels") != nil {
            let rels = try Self.relationships(of: "", in: archive, limit: partLimit)
            if let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPart = office.target }
        }
        guard archive.entry(named: workbookPart) != nil else { throw .notWorkbook }

        var listed: [(name: String, id: String, hidden: Bool)] = []
        var date1904 = false
        var scanner = XMLScanner(try Self.part(workbookPart, in: archive, limit: partLimit))
        try Self.scan(&scanner, part: workbookPart) { scanner throws(XMLScanner.Failure) in
            if scanner.isNamed("sheet") {
                let name = try scanner.attribute("name") ?? ""
                let id = try scanner.attribute("id") ?? ""
                let state = try scanner.attribute("state") ?? "visible"
                listed.append((name, id, state != "visible"))
            } else if scanner.isNamed("workbookPr") {
                let value = try scanner.attribute("date1904") ?? "0"
                date1904 = value == "1" || value.lowercased() == "true"
            }
        }
        let rels = archive.entry(named: Self.relationshipsPart(of: workbookPart)) == nil ? []
            : try Self.relationships(of: workbookPart, in: archive, limit: partLimit)
        func target(_ id: String) -> Relationship? { rels.first { $0.id == id } }
        sheets = listed.map { sheet in
            let relation = target(sheet.id)
            let isWorksheet = relation.map { $0.type.hasSuffix("/worksheet") } ?? true
            return Sheet(name: sheet.name, part: relation?.target, isWorksheet: isWorksheet, isHidden: sheet.hidden)
        }
        self.date1904 = date1904
        sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
            ?? (archive.entry(named: "xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
        stylesPart = rels.first { $0.type.hasSuffix("/styles") }?.target
            ?? (archive.entry(named: "xl/styles.xml") != nil ? "xl/styles.xml" : nil)
    }

    /// The unpacked bytes of the part named `name`.
    /// - Throws: ``WorkbookFailure/missingPart(_:)`` or the archive's problem with it.
    func part(_ name: String) throws(WorkbookFailure) -> [UInt8] { try Self.part(name, in: archive, limit: partLimit) }

    // MARK: Shared strings and styles

    /// The shared strings table: the text of each `<si>` (rich text runs joined, phonetic guides left out), and
    /// each one's length in UTF-8 bytes (cells count what they show by these, without touching the text).
    /// - Throws: ``WorkbookFailure/stringTooLong(_:_:)`` for a string longer than Excel allows in a cell,
    ///   ``WorkbookFailure/stopped`` when `shouldStop` says so.
    /// - Complexity: O(part size).
    func sharedStrings(shouldStop: () -> Bool = { false }) throws(WorkbookFailure) -> (texts: [String], lengths: [Int]) {
        guard let name = sharedStringsPart, archive.entry(named: name) != nil else { return ([], []) }
        var strings: [String] = []
        var lengths: [Int] = []
        var buffer: [UInt8] = []
        var collecting = false
        var scanner = XMLScanner(try part(name))
        var steps = 0
        do {
            while true {
                steps += 1
                if steps & 0xFFF == 0 && shouldStop() { throw WorkbookFailure.stopped }
                switch try scanner.next() {
                case .start:
                    if scanner.isNamed("si") {
                        buffer.removeAll(keepingCapacity: true)
                    } else if scanner.isNamed("rPh") || scanner.isNamed("phoneticPr") {
                        try scanner.skipElement()
                    } else if scanner.isNamed("t") {
                        collecting = true
                    }
                case .text:
                    if collecting {
                        try scanner.appendText(to: &buffer)
                        if buffer.count > XLSXReader.longestCell * 4 {
                            throw WorkbookFailure.stringTooLong(strings.count, String(decoding: buffer, as: UTF8.self).utf16.count)
                        }
                    }
                case .end:
                    if scanner.isNamed("t") {
                        collecting = false
                    } else if scanner.isNamed("si") {
                        let text = Self.unescapedText(buffer)
                        // Excel counts UTF-16 units; a byte count of four per unit is a bound that never refuses Excel's own.
                        if buffer.count > XLSXReader.longestCell * 4 || text.utf16.count > XLSXReader.longestCell {
                            throw WorkbookFailure.stringTooLong(strings.count, text.utf16.count)
                        }
                        strings.append(text)
                        lengths.append(text.utf8.count)
                    }
                case .finish:
                    return (strings, lengths)
                }
            }
        } catch let failure as WorkbookFailure {
            throw failure
        } catch let failure as XMLScanner.Failure {
            throw .badXML(name, failure)
        } catch {
            throw .badXML(name, XMLScanner.Failure(kind: .syntax, offset: 0))
        }
    }

    /// Each cell style's number format (`s` of a cell indexes this), for both languages: the built-in short
    /// date reads differently in each.
    /// - Complexity: O(part size).
    func numberFormats() throws(WorkbookFailure) -> [Language: [NumberFormat]] {
        guard let name = stylesPart, archive.entry(named: name) != nil else { return [.en: [], .da: []] }
        var custom: [Int: String] = [:]
        var styles: [Int] = []
        var inCellXfs = false
        var scanner = XMLScanner(try part(name))
        try Self.scan(&scanner, part: name, onEnd: { scanner in
            if scanner.isNamed("cellXfs") { inCellXfs = false }
        }) { scanner throws(XMLScanner.Failure) in
            if scanner.isNamed("numFmt"), let id = try scanner.attribute("numFmtId").flatMap({ Int($0) }) {
                custom[id] = try scanner.attribute("formatCode") ?? ""
            } else if scanner.isNamed("cellXfs") {
                inCellXfs = true
            } else if inCellXfs && scanner.isNamed("xf") {
                styles.append(try scanner.attribute("numFmtId").flatMap { Int($0) } ?? 0)
            }
        }
        var result: [Language: [NumberFormat]] = [:]
        for language in [Language.en, .da] {
            result[language] = styles.map { id in
                // Ids below 164 are built in; a producer may still define them (LibreOffice does), and then its code counts.
                if let code = custom[id] { return NumberFormat.parse(code, language: language) }
                return NumberFormat.builtIn(id, language: language)
            }
        }
        return result
    }

    // MARK: Relationships

    struct Relationship {
        var id: String
        var type: String
        /// The target as a part name, resolved against the source part's folder.
        var target: String
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`; `_rels/.rels` for the package (`""`).
    static func relationshipsPart(of source: String) -> String {
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let file = source.split(separator: "/").last.map(String.init) ?? ""
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    /// The internal relationships of `source` (external ones, such as hyperlinks, are left out).
    static func relationships(of source: String, in archive: ZipArchive, limit: Int) throws(WorkbookFailure) -> [Relationship] {
        let name = relationshipsPart(of: source)
        var scanner = XMLScanner(try part(name, in: archive, limit: limit))
        var found: [Relationship] = []
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        try scan(&scanner, part: name) { scanner throws(XMLScanner.Failure) in
            guard scanner.isNamed("Relationship"), try scanner.attribute("TargetMode") != "External",
                  let target = try scanner.attribute("Target") else { return }
            found.append(Relationship(id: try scanner.attribute("Id") ?? "", type: try scanner.attribute("Type") ?? "",
                                      target: resolve(target, from: folder)))
        }
        return found
    }

    /// A relationship target as a part name: absolute (`/xl/…`) or relative to `folder`, with `..` and `.` resolved.
    static func resolve(_ target: String, from folder: [String]) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.filter { !$0.isEmpty }
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    // MARK: Helpers

    static func part(_ name: String, in archive: ZipArchive, limit: Int) throws(WorkbookFailure) -> [UInt8] {
        guard let entry = archive.entry(named: name) else { throw .missingPart(name) }
        do {
            return try archive.contents(of: entry, limit: limit)
        } catch {
            throw .zip(error)
        }
    }

    /// Runs `onStart` for every start tag of the document (and `onEnd` for every end tag), checking it is well formed.
    static func scan(_ scanner: inout XMLScanner, part: String, onEnd: (XMLScanner) -> Void = { _ in },
                     onStart: (XMLScanner) throws(XMLScanner.Failure) -> Void) throws(WorkbookFailure) {
        do {
            while true {
                switch try scanner.next() {
                case .start: try onStart(scanner)
                case .end: onEnd(scanner)
                case .text: continue
                case .finish: return
                }
            }
        } catch {
            throw .badXML(part, error)
        }
    }

    /// Text with SpreadsheetML's escapes undone: `_x000D_` is a carriage return, `_x005F_` a literal `_` (how
    /// Excel keeps characters that XML cannot hold). O(length).
    static func unescapedText(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 7, bytes.contains(0x5F) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
               let value = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out += Array(String(Character(scalar)).utf8)
                i += 7
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
