/// A zip file held in memory, read the way a careful unzip reads it: from its central directory, with every
/// offset and size checked against the file before it is used.
///
/// Entries are stored (method 0) or deflated (method 8); ZIP64 sizes and offsets are understood. An entry is
/// unpacked only when asked for, with a limit on its size (see ``contents(of:limit:)``): a declared size above
/// the limit is refused before any work, and an entry that unpacks to more than it declares is refused as soon
/// as it does. Each entry's CRC-32 is checked.
struct ZipArchive {
    /// One file in the archive, as the central directory describes it.
    struct Entry: Equatable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    /// Why an archive or an entry cannot be read.
    enum Problem: Error, Equatable {
        /// No zip signature at the start.
        case notZip
        /// The file ends before its central directory does (cut off while copying or downloading).
        case truncated
        /// The central directory contradicts itself or the file.
        case badDirectory
        /// The entry is packed with a method other than stored or deflate (e.g. Deflate64).
        case unsupportedMethod(String, UInt16)
        /// The entry is encrypted with a zip password.
        case encryptedEntry(String)
        /// The entry's data is damaged: a bad deflate stream, a local header that does not match, or a size that lies.
        case corrupt(String)
        /// The entry unpacks to bytes whose CRC-32 differs from the stored one.
        case checksum(String)
        /// The entry declares or unpacks to more bytes than the limit.
        case tooLarge(String, declared: Int)
    }

    /// The most entries read from a central directory (workbooks have a few dozen).
    static let maximumEntries = 100_000

    let bytes: [UInt8]
    /// Entries in central-directory order.
    let entries: [Entry]
    private let index: [String: Int]

    /// Reads the central directory.
    /// - Throws: ``Problem/notZip``, ``Problem/truncated`` or ``Problem/badDirectory``.
    /// - Complexity: O(entries) after an O(65 kB) search for the end record; the bytes are not copied.
    init(bytes: [UInt8]) throws(Problem) {
        self.bytes = bytes
        guard bytes.count >= 4, Self.u32(bytes, 0) == 0x0403_4B50 || Self.u32(bytes, 0) == 0x0605_4B50 else { throw .notZip }
        guard let end = Self.endRecord(bytes) else { throw .truncated }
        var count = Int(Self.u16(bytes, end + 10))
        var directorySize = Int(Self.u32(bytes, end + 12))
        var directoryOffset = Int(Self.u32(bytes, end + 16))
        // ZIP64: the end record's fields are 0xFFFF… and the real values sit in the ZIP64 end record.
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locator = end - 20
            guard locator >= 0, Self.u32(bytes, locator) == 0x0706_4B50 else { throw .badDirectory }
            guard let record = Self.checkedInt(Self.u64(bytes, locator + 8)), record >= 0, record + 56 <= locator,
                  Self.u32(bytes, record) == 0x0606_4B50,
                  let total = Self.checkedInt(Self.u64(bytes, record + 32)), let size = Self.checkedInt(Self.u64(bytes, record + 40)),
                  let offset = Self.checkedInt(Self.u64(bytes, record + 48)) else { throw .badDirectory }
            (count, directorySize, directoryOffset) = (total, size, offset)
        }
        guard count <= Self.maximumEntries else { throw .badDirectory }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else { throw .truncated }

        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var index: [String: Int] = [:]
        var p = directoryOffset
        for _ in 0..<count {
            guard p + 46 <= end, Self.u32(bytes, p) == 0x0201_4B50 else { throw .badDirectory }
            let nameLength = Int(Self.u16(bytes, p + 28)), extraLength = Int(Self.u16(bytes, p + 30))
            let commentLength = Int(Self.u16(bytes, p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw .badDirectory }
            var entry = Entry(name: String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
                              method: Self.u16(bytes, p + 10), flags: Self.u16(bytes, p + 8), crc: Self.u32(bytes, p + 16),
                              compressedSize: Int(Self.u32(bytes, p + 20)), uncompressedSize: Int(Self.u32(bytes, p + 24)),
                              localHeaderOffset: Int(Self.u32(bytes, p + 42)))
            try Self.applyZip64(&entry, extra: bytes[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)])
            let key = Self.key(entry.name)
            if index[key] == nil { index[key] = entries.count }
            entries.append(entry)
            p = next
        }
        self.entries = entries
        self.index = index
    }

    /// The entry named `name` (a part name: case and a leading `/` do not matter), or nil.
    func entry(named name: String) -> Entry? { index[Self.key(name)].map { entries[$0] } }

    /// The unpacked bytes of `entry`, at most `limit` of them.
    /// - Throws: ``Problem/tooLarge(_:declared:)`` when the declared size is above `limit` (before any work) or the
    ///   data unpacks to more than `limit`; ``Problem/corrupt(_:)`` when it unpacks to more or fewer bytes than
    ///   declared, or is damaged; ``Problem/checksum(_:)``; ``Problem/unsupportedMethod(_:_:)``; ``Problem/encryptedEntry(_:)``.
    /// - Complexity: O(unpacked size); memory at most `limit` plus 1 MB.
    func contents(of entry: Entry, limit: Int) throws(Problem) -> [UInt8] {
        if entry.flags & 1 != 0 { throw .encryptedEntry(entry.name) }
        guard entry.method == 0 || entry.method == 8 else { throw .unsupportedMethod(entry.name, entry.method) }
        guard entry.uncompressedSize <= limit else { throw .tooLarge(entry.name, declared: entry.uncompressedSize) }
        let header = entry.localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count else { throw .truncated }
        guard Self.u32(bytes, header) == 0x0403_4B50 else { throw .corrupt(entry.name) }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else { throw .truncated }
        let data = bytes[start..<(start + entry.compressedSize)]
        let output: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else { throw .corrupt(entry.name) }
            output = Array(data)
        } else {
            do {
                // Unpacking stops one byte past the declared size: a size that lies is damage, found at once.
                output = try Deflate.inflate(data, expected: entry.uncompressedSize, limit: entry.uncompressedSize)
            } catch {
                throw .corrupt(entry.name)
            }
            guard output.count == entry.uncompressedSize else { throw .corrupt(entry.name) }
        }
        guard Deflate.crc32(output) == entry.crc else { throw .checksum(entry.name) }
        return output
    }

    // MARK: Reading the directory

    /// The offset of the end-of-central-directory record: the last signature within the 64 kB comment
    /// window from which a complete record fits and its comment runs exactly to the end of the file (or, for
    /// a file with trailing bytes, the last record found).
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var p = bytes.count - 22
        var fallback: Int?
        while p >= lowest {
            if bytes[p] == 0x50 && bytes[p + 1] == 0x4B && bytes[p + 2] == 0x05 && bytes[p + 3] == 0x06 {
                if p + 22 + Int(u16(bytes, p + 20)) == bytes.count { return p }
                if fallback == nil { fallback = p }
            }
            p -= 1
        }
        return fallback
    }

    /// Replaces 0xFFFFFFFF sizes and offset by the ZIP64 extra field's values (tag 0x0001).
    private static func applyZip64(_ entry: inout Entry, extra: ArraySlice<UInt8>) throws(Problem) {
        guard entry.uncompressedSize == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF else { return }
        let field = Array(extra)
        var p = 0
        while p + 4 <= field.count {
            let tag = u16(field, p), size = Int(u16(field, p + 2))
            guard p + 4 + size <= field.count else { break }
            if tag == 0x0001 {
                var q = p + 4
                func next() throws(Problem) -> Int {
                    guard q + 8 <= p + 4 + size, let value = checkedInt(u64(field, q)) else { throw .badDirectory }
                    q += 8
                    return value
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
                return
            }
            p += 4 + size
        }
        throw .badDirectory
    }

    /// Part names compare without case and without a leading "/" (Open Packaging Conventions).
    private static func key(_ name: String) -> String {
        (name.hasPrefix("/") ? String(name.dropFirst()) : name).lowercased()
    }

    /// A 64-bit size as an Int, or nil when it is beyond any file this reader holds.
    private static func checkedInt(_ value: UInt64) -> Int? { value <= UInt64(Int32.max) * 64 ? Int(value) : nil }

    static func u16(_ b: [UInt8], _ p: Int) -> UInt16 {
        guard p >= 0, p + 2 <= b.count else { return 0 }
        return UInt16(b[p]) | UInt16(b[p + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ p: Int) -> UInt32 {
        guard p >= 0, p + 4 <= b.count else { return 0 }
        return UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    }

    static func u64(_ b: [UInt8], _ p: Int) -> UInt64 {
        UInt64(u32(b, p)) | UInt64(u32(b, p + 4)) << 32
    }
}
