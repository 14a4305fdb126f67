@testable import SparringIO

/// Builds small `.xlsx` files part by part, to test the reader on exactly the XML a producer might write
/// (inline strings, rich text, number formats, damage) without a spreadsheet program.
struct WorkbookBuilder {
    /// The sheets, in tab order: name, the XML inside `<sheetData>`, and whether the sheet is hidden.
    var sheets: [(name: String, data: String, hidden: Bool)] = []
    /// The shared strings, or nil for no shared strings part.
    var sharedStrings: [String]?
    /// Custom number formats (id, code) and the cell styles' format ids; nil for no styles part.
    var numberFormats: [(id: Int, code: String)] = []
    var cellFormats: [Int]?
    var date1904 = false
    /// Parts to leave out of the zip, or to replace by other bytes.
    var omitted: Set<String> = []
    var replaced: [String: [UInt8]] = [:]

    init(sheet data: String, name: String = "Ark1") { sheets = [(name, data, false)] }

    /// A row of inline strings and numbers: `row(3, "A" : "x", "B": 5)`.
    static func row(_ number: Int, _ cells: [(String, Any)]) -> String {
        "<row r=\"\(number)\">" + cells.map { reference, value in
            if let text = value as? String { return "<c r=\"\(reference)\(number)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
            return "<c r=\"\(reference)\(number)\"><v>\(value)</v></c>"
        }.joined() + "</row>"
    }

    var parts: [(String, [UInt8])] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"))
        parts.append(("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"))
        let sheetList = sheets.enumerated().map { k, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(k + 1)\"\(sheet.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(k + 1)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\">"
                      + (date1904 ? "<workbookPr date1904=\"1\"/>" : "") + "<sheets>\(sheetList)</sheets></workbook>"))
        var rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }
        if sharedStrings != nil { rels.append("<Relationship Id=\"rIdS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>") }
        if cellFormats != nil { rels.append("<Relationship Id=\"rIdT\" Type=\"\(rel)/styles\" Target=\"/xl/styles.xml\"/>") }
        parts.append(("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels.joined())</Relationships>"))
        for (k, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(k + 1).xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\"><dimension ref=\"A1\"/><sheetData>\(sheet.data)</sheetData></worksheet>"))
        }
        if let sharedStrings {
            parts.append(("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">" + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>"))
        }
        if let cellFormats {
            let formats = numberFormats.map { "<numFmt numFmtId=\"\($0.id)\" formatCode=\"\($0.code)\"/>" }.joined()
            let xfs = cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined()
            parts.append(("xl/styles.xml", "<styleSheet xmlns=\"\(main)\"><numFmts>\(formats)</numFmts><cellStyleXfs><xf numFmtId=\"49\"/></cellStyleXfs><cellXfs>\(xfs)</cellXfs></styleSheet>"))
        }
        return parts.filter { !omitted.contains($0.0) }.map { ($0.0, replaced[$0.0] ?? Array($0.1.utf8)) }
    }

    var bytes: [UInt8] {
        var zip = ZipWriter()
        for (name, data) in parts { zip.add(name, data) }
        return zip.finished()
    }

    /// The first sheet's cells as texts, header first.
    func cells(sheet: String? = nil) throws -> [[String]] {
        let table = try XLSXReader.read(bytes: bytes, file: "t.xlsx", sheet: sheet)
        return [table.header.map(\.text)] + table.rows.map { $0.map(\.text) }
    }
}
