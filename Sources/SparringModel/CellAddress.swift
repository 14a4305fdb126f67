/// Where a cell of a workbook is, as Excel writes it: `C17`, `Ark1!C17`, `'Mine ledere'!C17`.
public enum CellAddress {
    /// The letters of the 1-based column `column`: 1 → `A`, 26 → `Z`, 27 → `AA`, 16384 → `XFD`. O(log column).
    public static func columnName(_ column: Int) -> String {
        guard column > 0 else { return "" }
        var n = column, letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 1-based column named by `letters` (`A` → 1, `xfd` → 16384), or nil for anything else.
    public static func column(named letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var n = 0
        for scalar in letters.unicodeScalars {
            let value = Int(scalar.value)
            switch value {
            case 65...90: n = n * 26 + value - 64
            case 97...122: n = n * 26 + value - 96
            default: return nil
            }
        }
        return n
    }

    /// The sheet's name as a reference prefix: `Ark1!`, or `'Mine ledere'!` when it holds anything but letters,
    /// digits, `_` and `.`, or starts with a digit; `'` doubled inside.
    public static func sheetPrefix(_ sheet: String) -> String {
        let plain = !sheet.isEmpty && sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            && !(sheet.first?.isNumber ?? false)
        return plain ? sheet + "!" : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'!"
    }

    /// `Ark1!C17` for a cell, `Ark1!17:17` for a whole row (`column` 0).
    public static func text(sheet: String, row: Int, column: Int) -> String {
        sheetPrefix(sheet) + (column > 0 ? "\(columnName(column))\(row)" : "\(row):\(row)")
    }
}
