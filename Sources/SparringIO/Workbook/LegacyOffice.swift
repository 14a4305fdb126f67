/// Office files in the OLE compound file format ("Compound File Binary", magic `D0 CF 11 E0 A1 B1 1A E1`): old
/// `.xls` workbooks (Excel 97–2003), and `.xlsx` workbooks protected with a password to open them, which Excel
/// encrypts into an `EncryptedPackage` stream inside such a file. Sparring reads neither; this tells them apart
/// so that the message says what to do.
enum LegacyOffice {
    static let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Whether `bytes` start with the compound file signature.
    static func isCompoundFile(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Whether the compound file holds the streams of an encrypted workbook. The directory names its streams in
    /// UTF-16LE; the names `EncryptionInfo` and `EncryptedPackage` are searched for in the whole file, since the
    /// directory may lie anywhere in it.
    /// - Complexity: O(bytes).
    static func isEncryptedPackage(_ bytes: [UInt8]) -> Bool {
        contains(bytes, utf16: "EncryptedPackage") || contains(bytes, utf16: "EncryptionInfo")
    }

    private static func contains(_ bytes: [UInt8], utf16 name: String) -> Bool {
        let pattern = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard bytes.count >= pattern.count else { return false }
        return bytes.withUnsafeBufferPointer { p in
            var i = 0
            let last = p.count - pattern.count
            while i <= last {
                if p[i] == pattern[0] {
                    var k = 1
                    while k < pattern.count && p[i + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
