/// Writes a zip file in memory: each entry deflated (or stored when deflate does not make it smaller), then
/// the central directory.
///
/// Deterministic: every entry carries the same fixed time stamp (1980-01-01 00:00, the earliest a zip can
/// hold) and no extra fields, so the same entries in the same order give byte-identical archives.
struct ZipWriter {
    private(set) var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// MS-DOS time and date of 1980-01-01 00:00:00.
    private static let dosTime: UInt16 = 0, dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Appends one entry.
    /// - Precondition: fewer than 65,535 entries, each and the whole archive under 4 GB (no ZIP64 is written;
    ///   a workbook of a whole country's leaders is a few MB).
    /// - Complexity: O(data).
    mutating func add(_ name: String, _ data: [UInt8]) {
        precondition(count < 0xFFFF && data.count < Int(UInt32.max) && bytes.count < Int(UInt32.max), "zip too large for this writer")
        let packed = Deflate.deflate(data)
        let (method, stored): (UInt16, [UInt8]) = packed.count < data.count ? (8, packed) : (0, data)
        let crc = Deflate.crc32(data)
        let nameBytes = Array(name.utf8)
        let offset = UInt32(bytes.count)
        // Bit 11: the name is UTF-8.
        let flags: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 0x0800

        // From "version needed" to the extra field's length, the local header and the directory entry agree.
        var shared: [UInt8] = []
        append16(&shared, 20)                   // version needed: 2.0
        append16(&shared, flags)
        append16(&shared, method)
        append16(&shared, Self.dosTime)
        append16(&shared, Self.dosDate)
        append32(&shared, crc)
        append32(&shared, UInt32(stored.count))
        append32(&shared, UInt32(data.count))
        append16(&shared, UInt16(nameBytes.count))
        append16(&shared, 0)                    // no extra field

        append32(&bytes, 0x0403_4B50)
        bytes += shared
        bytes += nameBytes
        bytes += stored

        append32(&directory, 0x0201_4B50)
        append16(&directory, 20)                // made by: MS-DOS, 2.0
        directory += shared
        append16(&directory, 0)                 // comment
        append16(&directory, 0)                 // disk
        append16(&directory, 0)                 // internal attributes
        append32(&directory, 0)                 // external attributes
        append32(&directory, offset)
        directory += nameBytes
        count += 1
    }

    /// The whole archive: the entries, the central directory and its end record. O(archive).
    func finished() -> [UInt8] {
        var out = bytes
        let directoryOffset = UInt32(out.count)
        out += directory
        append32(&out, 0x0605_4B50)
        append16(&out, 0)
        append16(&out, 0)
        append16(&out, UInt16(count))
        append16(&out, UInt16(count))
        append32(&out, UInt32(directory.count))
        append32(&out, directoryOffset)
        append16(&out, 0)                       // no comment
        return out
    }

    private func append16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    private func append32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
