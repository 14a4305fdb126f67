import Foundation

/// Writes a ``Workbook`` as an Excel workbook (`.xlsx`, Office Open XML), the smallest set of parts Excel,
/// LibreOffice and openpyxl open without a repair prompt: content types, relationships, the workbook, one part per
/// sheet, styles and shared strings.
///
/// - Each sheet: the header row bold and frozen (it stays in view when scrolling), column widths from the
///   longest value (8 to 60 characters), text columns formatted as text (`@`).
/// - Cells: numbers as numbers; text as shared strings, never formulas, so a value such as `=HYPERLINK(…)` or
///   `+45 1234` is shown as the text it is and nothing in it runs (no formula injection). Characters XML cannot
///   hold (control characters) are kept with Excel's `_xHHHH_` escape; text longer than Excel's 32,767
///   characters per cell is cut there.
/// - Deterministic: the same workbook gives the same bytes (fixed zip time stamps, no creation dates, shared
///   strings in order of first use).
///
/// - Complexity: O(total size of the cells), plus deflate.
public enum XLSXWriter {
    /// Excel's most characters (UTF-16 units) in one cell.
    public static let maximumCellLength = 32_767

    /// The workbook as the bytes of an `.xlsx` file.
    public static func render(_ workbook: Workbook) -> Data {
        var strings = SharedStrings()
        let names = sheetNames(workbook.sheets.map(\.name))
        var sheetParts: [[UInt8]] = []
        for (k, sheet) in workbook.sheets.enumerated() {
            sheetParts.append(sheetXML(sheet, selected: k == 0, strings: &strings))
        }
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", contentTypes(sheets: workbook.sheets.count))
        zip.add("_rels/.rels", Array(packageRelationships.utf8))
        zip.add("xl/workbook.xml", workbookXML(names))
        zip.add("xl/_rels/workbook.xml.rels", workbookRelationships(sheets: workbook.sheets.count))
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (k, part) in sheetParts.enumerated() { zip.add("xl/worksheets/sheet\(k + 1).xml", part) }
        zip.add("xl/sharedStrings.xml", strings.xml())
        return Data(zip.finished())
    }

    // MARK: Styles

    /// Cell styles (`s`): 0 General, 1 the header (bold, text), 2 text.
    enum Style: Int { case general = 0, header = 1, text = 2, generalWrapped = 3, textWrapped = 4 }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let styles = declaration + """
        <styleSheet xmlns="\(main)">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    // MARK: Package parts

    static let packageRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func contentTypes(sheets: Int) -> [UInt8] {
        var xml = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for k in 1...max(1, sheets) where k <= sheets {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(k).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>"
        return Array(xml.utf8)
    }

    static func workbookXML(_ names: [String]) -> [UInt8] {
        var xml = declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (k, name) in names.enumerated() {
            xml += "<sheet name=\"\(escapeAttribute(name))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        }
        xml += "</sheets>"
        // Every printed page repeats the header row (the built-in name Print_Titles, one per sheet).
        if !names.isEmpty {
            xml += "<definedNames>"
            for (k, name) in names.enumerated() {
                xml += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(k)\">\(String(decoding: escapeText("'" + name.replacingOccurrences(of: "'", with: "''") + "'!$1:$1"), as: UTF8.self))</definedName>"
            }
            xml += "</definedNames>"
        }
        return Array((xml + "</workbook>").utf8)
    }

    static func workbookRelationships(sheets: Int) -> [UInt8] {
        var xml = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for k in 0..<sheets {
            xml += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return Array((xml + "</Relationships>").utf8)
    }

    /// Sheet names Excel accepts: `[]:*?/\` replaced by `-`, at most 31 characters, not empty, no leading or
    /// trailing `'`, and unique ignoring case (`Ledere (2)`). O(names).
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { k, name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            if clean.isEmpty { clean = "Sheet\(k + 1)" }
            clean = String(clean.prefix(31))
            var candidate = clean, n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    // MARK: A sheet

    static func sheetXML(_ sheet: Workbook.Sheet, selected: Bool, strings: inout SharedStrings) -> [UInt8] {
        let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let letters = (0..<max(width, 1)).map { Array(columnLetters($0 + 1).utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(64 + sheet.rows.count * width * 16)
        out += Array(declaration.utf8)
        out += Array("<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationshipNamespace)\">".utf8)
        // Printing: fit to one page wide (as many pages down as it takes).
        out += Array("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>".utf8)
        let lastRow = sheet.rows.count + 1
        out += Array("<dimension ref=\"A1\(width > 1 || lastRow > 1 ? ":" + columnLetters(max(width, 1)) + String(lastRow) : "")\"/>".utf8)
        out += Array(("<sheetViews><sheetView \(selected ? "tabSelected=\"1\" " : "")workbookViewId=\"0\">"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>").utf8)
        // Each column's width, read once (O(rows) a column): the cols, the wrapped columns and the row heights.
        let widths = (0..<width).map { columnWidth(sheet, $0) }
        if width > 0 {
            out += Array("<cols>".utf8)
            for c in 0..<width {
                let style = sheet.textColumns.contains(c) ? " style=\"\(Style.text.rawValue)\"" : ""
                out += Array("<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(widths[c])\" customWidth=\"1\"\(style)/>".utf8)
            }
            out += Array("</cols>".utf8)
        }
        out.append(contentsOf: "<sheetData>".utf8)
        let isText = (0..<width).map { sheet.textColumns.contains($0) }
        // Columns as wide as a column gets hold long texts (member lists): those wrap, so that nothing is cut off.
        let wraps = widths.map { $0 >= maxColumnWidth }
        func cellStart(_ c: Int, _ row: [UInt8], style: Style) {
            out.append(contentsOf: "<c r=\"".utf8)
            out.append(contentsOf: letters[c])
            out.append(contentsOf: row)
            out.append(0x22)
            switch style {
            case .general: break
            case .header: out.append(contentsOf: " s=\"1\"".utf8)
            case .text: out.append(contentsOf: " s=\"2\"".utf8)
            case .generalWrapped: out.append(contentsOf: " s=\"3\"".utf8)
            case .textWrapped: out.append(contentsOf: " s=\"4\"".utf8)
            }
        }
        func sharedString(_ text: String) {
            out.append(contentsOf: " t=\"s\"><v>".utf8)
            out.append(contentsOf: String(strings.index(of: text)).utf8)
            out.append(contentsOf: "</v></c>".utf8)
        }
        out.append(contentsOf: "<row r=\"1\">".utf8)
        for (c, title) in sheet.header.enumerated() {
            cellStart(c, Array("1".utf8), style: .header)
            sharedString(title)
        }
        out.append(contentsOf: "</row>".utf8)
        for (k, row) in sheet.rows.enumerated() where row.contains(where: { $0 != .empty }) {
            let number = Array(String(k + 2).utf8)
            out.append(contentsOf: "<row r=\"".utf8)
            out.append(contentsOf: number)
            out.append(0x22)
            // A row whose wrapped text takes several lines is as tall as they are (not every reader measures it).
            var lines = 1
            for (c, cell) in row.enumerated() where c < wraps.count && wraps[c] {
                if case .text(let text) = cell { lines = max(lines, (text.count + widths[c] - 3) / max(1, widths[c] - 2)) }
            }
            if lines > 1 { out.append(contentsOf: " ht=\"\(15 * min(lines, 20))\" customHeight=\"1\"".utf8) }
            out.append(contentsOf: ">".utf8)
            for (c, cell) in row.enumerated() {
                switch cell {
                case .empty:
                    continue
                case .number(let value):
                    cellStart(c, number, style: .general)
                    out.append(contentsOf: "><v>".utf8)
                    out.append(contentsOf: numberText(value).utf8)
                    out.append(contentsOf: "</v></c>".utf8)
                case .text(let text):
                    let wrapped = c < wraps.count && wraps[c]
                    cellStart(c, number, style: c < isText.count && isText[c] ? (wrapped ? .textWrapped : .text) : (wrapped ? .generalWrapped : .general))
                    sharedString(text)
                }
            }
            out.append(contentsOf: "</row>".utf8)
        }
        out.append(contentsOf: "</sheetData>".utf8)
        out += dataValidationsXML(sheet)
        // A4 landscape, one page wide, narrow margins (ECMA-376 Part 1, 18.3.1.62 pageMargins, 18.3.1.63 pageSetup).
        out += Array(("<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>").utf8)
        out.append(contentsOf: "</worksheet>".utf8)
        return out
    }

    /// The sheet's drop-down lists (``Workbook/Sheet/choices``): one list validation per column, from row 2 to
    /// row 10,000, blanks allowed (ECMA-376 Part 1, 18.3.1.32 dataValidation; it follows sheetData). O(choices).
    static func dataValidationsXML(_ sheet: Workbook.Sheet) -> [UInt8] {
        let columns = sheet.choices.keys.sorted().filter { !(sheet.choices[$0] ?? []).isEmpty }
        guard !columns.isEmpty else { return [] }
        var xml = "<dataValidations count=\"\(columns.count)\">"
        for c in columns {
            let letters = columnLetters(c + 1)
            // A list written in the formula: values in quotes, separated by commas, quotes doubled.
            let list = sheet.choices[c]!.map { $0.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: ",")
            xml += "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"\(letters)2:\(letters)10000\">"
            xml += "<formula1>\(escapeAttribute("\"" + String(list.prefix(253)) + "\""))</formula1></dataValidation>"
        }
        return Array((xml + "</dataValidations>").utf8)
    }

    /// A width in characters that fits the column's longest value (the header a little wider, being bold), from 8
    /// to 60. O(cells in the column).
    static func columnWidth(_ sheet: Workbook.Sheet, _ c: Int) -> Int {
        var longest = c < sheet.header.count ? Int((Double(sheet.header[c].count) * 1.15).rounded(.up)) : 0
        for row in sheet.rows where c < row.count {
            switch row[c] {
            case .text(let text):
                // Characters, counted cheaply: UTF-8 bytes that start one (æøå are one each).
                var length = 0
                for byte in text.utf8 where byte & 0xC0 != 0x80 {
                    length += 1
                    if length >= 60 { break }
                }
                longest = max(longest, length)
            case .number(let value): longest = max(longest, numberText(value).count)
            case .empty: continue
            }
        }
        return min(maxColumnWidth, max(8, longest + 2))
    }

    /// The widest a column gets, in characters; longer texts wrap.
    static let maxColumnWidth = 60

    /// A number as the XML holds it: integers without a fraction, others in the shortest form that reads back
    /// exactly. Never `inf` or `nan` (those are written as 0).
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `A`, `B`, …, `Z`, `AA`, … for the 1-based column `n`.
    static func columnLetters(_ n: Int) -> String {
        var n = n, letters: [UInt8] = []
        while n > 0 {
            letters.append(UInt8(65 + (n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    // MARK: Text

    /// The shared strings table: each distinct text once, in order of first use.
    struct SharedStrings {
        private var indices: [String: Int] = [:]
        private var texts: [String] = []
        private var uses = 0

        mutating func index(of text: String) -> Int {
            uses += 1
            if let index = indices[text] { return index }
            indices[text] = texts.count
            texts.append(text)
            return texts.count - 1
        }

        func xml() -> [UInt8] {
            var out = Array((XLSXWriter.declaration + "<sst xmlns=\"\(XLSXWriter.main)\" count=\"\(uses)\" uniqueCount=\"\(texts.count)\">").utf8)
            for text in texts {
                let kept = XLSXWriter.cut(text)
                let spaced = kept.first.map { $0.isWhitespace } == true || kept.last.map { $0.isWhitespace } == true
                out += Array((spaced ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
                out += XLSXWriter.escapeText(kept)
                out += Array("</t></si>".utf8)
            }
            out += Array("</sst>".utf8)
            return out
        }
    }

    /// `text` cut to ``maximumCellLength`` UTF-16 units, never inside a character.
    static func cut(_ text: String) -> String {
        guard text.utf16.count > maximumCellLength else { return text }
        var kept = "", length = 0
        for character in text {
            let size = character.utf16.count
            if length + size > maximumCellLength { break }
            kept.append(character)
            length += size
        }
        return kept
    }

    /// Text for the inside of `<t>`: `&`, `<`, `>` escaped; characters XML 1.0 cannot hold (controls other than
    /// tab and line feed, a carriage return, U+FFFE and U+FFFF) written as `_xHHHH_`, and a `_` that starts
    /// what would read as such an escape written `_x005F_`, as Excel does. O(length).
    static func escapeText(_ text: String) -> [UInt8] {
        // Most text needs nothing: no markup, control characters, U+FFFE/U+FFFF (EF BF BE/BF) or `_`.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x5F || $0 == 0x7F || $0 == 0xEF }) {
            return Array(text.utf8)
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (k, scalar) in scalars.enumerated() {
            let v = scalar.value
            switch v {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x09, 0x0A: out.append(UInt8(v))
            case 0..<0x20, 0x7F, 0xFFFE, 0xFFFF:
                out += Array(escapeCode(v).utf8)
            case 0x5F where looksLikeEscape(scalars, at: k):
                out += Array("_x005F_".utf8)
            default:
                out += Array(String(scalar).utf8)
            }
        }
        return out
    }

    private static func escapeCode(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }

    /// Whether `_xHHHH_` starts at `k`.
    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at k: Int) -> Bool {
        guard k + 6 < scalars.count, scalars[k + 1] == "x", scalars[k + 6] == "_" else { return false }
        return scalars[(k + 2)...(k + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// An attribute value: `&`, `<`, `>` and `"` escaped.
    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
