/// A small pull parser for the XML parts of a workbook: one linear pass over UTF-8 bytes, no recursion, no
/// document type definitions (so no entity expansion), and a check that the document is well formed as it goes
/// (every tag closed by its own name, one root element, nothing cut short).
///
/// Elements and attributes are matched by their local name, whatever namespace prefix a producer chose
/// (`<c>` and `<x:c>` are both `c`), as SpreadsheetML readers do. Text arrives in runs (``Event/text``);
/// a run between two tags may come in several pieces (CDATA, comments), so consumers append.
///
/// Written for speed on large sheets: a cell costs a few comparisons per byte and no allocation until its
/// values are asked for. (FoundationXML's `XMLParser` builds a dictionary and strings for every element.)
struct XMLScanner {
    enum Event: Equatable {
        /// An element starts; ``name``, ``attribute(_:)`` and ``attributeRange(_:)`` describe it. An empty element
        /// (`<c/>`) is followed at once by its ``end``.
        case start
        /// An element ends; ``name`` is its name.
        case end
        /// Character data of the current element: ``text`` (decoded) or ``textRange`` (raw).
        case text
        /// The document is over (after the root element closed).
        case finish
    }

    /// Why the bytes are not a well-formed XML document, with the byte offset where it showed.
    struct Failure: Error, Equatable {
        enum Kind: Equatable {
            /// The bytes end inside a tag, a comment or an element.
            case unexpectedEnd
            /// `</b>` closes `<a>`.
            case mismatchedTag
            /// A character that cannot be here (a stray `<`, a bad name, an attribute without quotes, …).
            case syntax
            /// A `<!DOCTYPE …>`, which workbooks never have.
            case documentType
            /// An entity other than the five predefined ones and character references.
            case unknownEntity
            /// Elements nested deeper than ``maximumDepth``.
            case tooDeep
        }
        var kind: Kind
        var offset: Int
    }

    /// The deepest nesting accepted (sheets nest five or six levels).
    static let maximumDepth = 256

    let bytes: [UInt8]
    private var position = 0
    /// Open elements, as the byte ranges of their qualified names.
    private var stack: [Range<Int>] = []
    private var pendingEnd = false
    private var sawRoot = false
    /// The current element's qualified name (start and end events).
    private(set) var nameRange: Range<Int> = 0..<0
    /// The current element's attributes: qualified-name range, raw value range, whether the value has `&`.
    private var attributes: [(name: Range<Int>, value: Range<Int>, escaped: Bool)] = []
    /// The current text run: raw range and whether it has `&` (CDATA never does).
    private(set) var textRange: Range<Int> = 0..<0
    private var textEscaped = false

    /// Starts reading `bytes`; a UTF-8 byte order mark is skipped, UTF-16 (with its mark) is converted.
    init(_ bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            self.bytes = Array(String(decoding: units, as: UTF16.self).utf8)
        } else {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
    }

    /// How deep the current element is: 1 for the root.
    var depth: Int { stack.count + (pendingEnd ? 1 : 0) }

    /// The next event.
    /// - Throws: ``Failure`` at the first place where the document is not well formed.
    /// - Complexity: O(bytes of the event), amortised O(1) per byte over the document.
    mutating func next() throws(Failure) -> Event {
        if pendingEnd {
            pendingEnd = false
            return .end
        }
        let count = bytes.count
        while position < count {
            if bytes[position] != 0x3C {   // '<'
                let start = position
                var escaped = false
                while position < count && bytes[position] != 0x3C {
                    if bytes[position] == 0x26 || bytes[position] == 0x0D { escaped = true }
                    position += 1
                }
                if stack.isEmpty {
                    // Outside the root only white space may stand.
                    for i in start..<position where !Self.isSpace(bytes[i]) { throw Failure(kind: .syntax, offset: i) }
                    continue
                }
                textRange = start..<position
                textEscaped = escaped
                return .text
            }
            // Markup.
            guard position + 1 < count else { throw Failure(kind: .unexpectedEnd, offset: position) }
            let next = bytes[position + 1]
            if next == 0x2F {   // '</'
                let nameStart = position + 2
                let nameEnd = scanName(from: nameStart)
                guard nameEnd > nameStart else { throw Failure(kind: .syntax, offset: nameStart) }
                var p = skipSpace(nameEnd)
                guard p < count else { throw Failure(kind: .unexpectedEnd, offset: p) }
                guard bytes[p] == 0x3E else { throw Failure(kind: .syntax, offset: p) }
                p += 1
                guard let open = stack.popLast() else { throw Failure(kind: .syntax, offset: position) }
                guard bytes[open] == bytes[nameStart..<nameEnd] else { throw Failure(kind: .mismatchedTag, offset: position) }
                nameRange = nameStart..<nameEnd
                position = p
                return .end
            }
            if next == 0x3F {   // '<?' processing instruction or declaration
                guard let end = find([0x3F, 0x3E], from: position + 2) else { throw Failure(kind: .unexpectedEnd, offset: position) }
                position = end + 2
                continue
            }
            if next == 0x21 {   // '<!'
                if matches([0x21, 0x2D, 0x2D], at: position + 1) {
                    guard let end = find([0x2D, 0x2D, 0x3E], from: position + 4) else { throw Failure(kind: .unexpectedEnd, offset: position) }
                    position = end + 3
                    continue
                }
                if matches(Array("![CDATA[".utf8), at: position + 1) {
                    guard !stack.isEmpty else { throw Failure(kind: .syntax, offset: position) }
                    let start = position + 9
                    guard let end = find([0x5D, 0x5D, 0x3E], from: start) else { throw Failure(kind: .unexpectedEnd, offset: position) }
                    position = end + 3
                    textRange = start..<end
                    textEscaped = false
                    return .text
                }
                throw Failure(kind: matches(Array("!DOCTYPE".utf8), at: position + 1) ? .documentType : .syntax, offset: position)
            }
            // Start tag.
            if stack.isEmpty && sawRoot { throw Failure(kind: .syntax, offset: position) }
            let nameStart = position + 1
            let nameEnd = scanName(from: nameStart)
            guard nameEnd > nameStart else { throw Failure(kind: nameStart >= count ? .unexpectedEnd : .syntax, offset: nameStart) }
            attributes.removeAll(keepingCapacity: true)
            var p = nameEnd
            while true {
                let afterSpace = skipSpace(p)
                guard afterSpace < count else { throw Failure(kind: .unexpectedEnd, offset: afterSpace) }
                let byte = bytes[afterSpace]
                if byte == 0x3E {   // '>'
                    p = afterSpace + 1
                    break
                }
                if byte == 0x2F {   // '/>'
                    guard afterSpace + 1 < count else { throw Failure(kind: .unexpectedEnd, offset: afterSpace) }
                    guard bytes[afterSpace + 1] == 0x3E else { throw Failure(kind: .syntax, offset: afterSpace) }
                    p = afterSpace + 2
                    pendingEnd = true
                    break
                }
                // An attribute needs white space before it.
                guard afterSpace > p else { throw Failure(kind: .syntax, offset: afterSpace) }
                let attributeEnd = scanName(from: afterSpace)
                guard attributeEnd > afterSpace else { throw Failure(kind: .syntax, offset: afterSpace) }
                var q = skipSpace(attributeEnd)
                guard q < count else { throw Failure(kind: .unexpectedEnd, offset: q) }
                guard bytes[q] == 0x3D else { throw Failure(kind: .syntax, offset: q) }   // '='
                q = skipSpace(q + 1)
                guard q < count else { throw Failure(kind: .unexpectedEnd, offset: q) }
                let quote = bytes[q]
                guard quote == 0x22 || quote == 0x27 else { throw Failure(kind: .syntax, offset: q) }
                let valueStart = q + 1
                var r = valueStart
                var escaped = false
                while r < count && bytes[r] != quote {
                    if bytes[r] == 0x3C { throw Failure(kind: .syntax, offset: r) }
                    if bytes[r] == 0x26 { escaped = true }
                    r += 1
                }
                guard r < count else { throw Failure(kind: .unexpectedEnd, offset: r) }
                attributes.append((afterSpace..<attributeEnd, valueStart..<r, escaped))
                p = r + 1
            }
            nameRange = nameStart..<nameEnd
            position = p
            sawRoot = true
            if !pendingEnd {
                guard stack.count < Self.maximumDepth else { throw Failure(kind: .tooDeep, offset: nameStart) }
                stack.append(nameRange)
            }
            return .start
        }
        guard stack.isEmpty else { throw Failure(kind: .unexpectedEnd, offset: count) }
        guard sawRoot else { throw Failure(kind: .unexpectedEnd, offset: count) }
        return .finish
    }

    /// Skips the current element's content up to and including its end. Call after a ``Event/start``.
    /// - Throws: ``Failure`` for anything not well formed inside it.
    mutating func skipElement() throws(Failure) {
        let target = depth - 1
        while depth > target {
            if try next() == .finish { return }
        }
    }

    // MARK: Names and values

    /// Whether the current element's local name (after any prefix) is `local` (ASCII).
    func isNamed(_ local: StaticString) -> Bool { Self.localPart(of: nameRange, in: bytes, equals: local) }

    /// The raw value range of the current element's attribute whose local name is `local`.
    func attributeRange(_ local: StaticString) -> Range<Int>? {
        for attribute in attributes where Self.localPart(of: attribute.name, in: bytes, equals: local) { return attribute.value }
        return nil
    }

    /// The decoded value of the current element's attribute whose local name is `local`, or nil.
    /// - Throws: ``Failure`` for an unknown entity in the value.
    func attribute(_ local: StaticString) throws(Failure) -> String? {
        for attribute in attributes where Self.localPart(of: attribute.name, in: bytes, equals: local) {
            return attribute.escaped ? try Self.decode(bytes, attribute.value) : String(decoding: bytes[attribute.value], as: UTF8.self)
        }
        return nil
    }

    /// The current text run, decoded.
    /// - Throws: ``Failure`` for an unknown entity.
    func text() throws(Failure) -> String {
        textEscaped ? try Self.decode(bytes, textRange) : String(decoding: bytes[textRange], as: UTF8.self)
    }

    /// The current text run's bytes, decoded, appended to `buffer` (to collect a value without making strings).
    func appendText(to buffer: inout [UInt8]) throws(Failure) {
        if textEscaped {
            buffer += Array(try Self.decode(bytes, textRange).utf8)
        } else {
            buffer += bytes[textRange]
        }
    }

    // MARK: Scanning helpers

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// A name character: anything but white space and the markup characters (names are compared, not validated
    /// beyond this; a name cannot start with a digit, '-', '.' or ':' ).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        !(isSpace(byte) || byte == 0x3C || byte == 0x3E || byte == 0x2F || byte == 0x3D || byte == 0x22 || byte == 0x27
          || byte == 0x26 || byte == 0x3F || byte == 0x21 || byte < 0x20)
    }

    private func scanName(from start: Int) -> Int {
        guard start < bytes.count else { return start }
        let first = bytes[start]
        if first >= 0x30 && first <= 0x39 || first == 0x2D || first == 0x2E || first == 0x3A { return start }
        var p = start
        while p < bytes.count && Self.isNameByte(bytes[p]) { p += 1 }
        return p
    }

    private func skipSpace(_ start: Int) -> Int {
        var p = start
        while p < bytes.count && Self.isSpace(bytes[p]) { p += 1 }
        return p
    }

    private func matches(_ pattern: [UInt8], at p: Int) -> Bool {
        guard p >= 0, p + pattern.count <= bytes.count else { return false }
        for k in pattern.indices where bytes[p + k] != pattern[k] { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        var p = start
        while p + pattern.count <= bytes.count {
            if bytes[p] == pattern[0] && matches(pattern, at: p) { return p }
            p += 1
        }
        return nil
    }

    private static func localPart(of range: Range<Int>, in bytes: [UInt8], equals local: StaticString) -> Bool {
        var start = range.lowerBound
        for p in range where bytes[p] == 0x3A { start = p + 1 }
        let count = local.utf8CodeUnitCount
        guard range.upperBound - start == count else { return false }
        return local.withUTF8Buffer { name in
            for k in 0..<count where bytes[start + k] != name[k] { return false }
            return true
        }
    }

    /// Replaces `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xH;` in `range`, and line ends written as CR LF or
    /// a lone CR by a line feed (as XML requires). O(range).
    static func decode(_ bytes: [UInt8], _ range: Range<Int>) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var p = range.lowerBound
        while p < range.upperBound {
            let byte = bytes[p]
            if byte == 0x0D {
                out.append(0x0A)
                p += p + 1 < range.upperBound && bytes[p + 1] == 0x0A ? 2 : 1
                continue
            }
            guard byte == 0x26 else {
                out.append(byte)
                p += 1
                continue
            }
            var end = p + 1
            while end < range.upperBound && bytes[end] != 0x3B && end - p < 12 { end += 1 }
            guard end < range.upperBound, bytes[end] == 0x3B else { throw Failure(kind: .unknownEntity, offset: p) }
            let name = Array(bytes[(p + 1)..<end])
            switch name {
            case Array("lt".utf8): out.append(0x3C)
            case Array("gt".utf8): out.append(0x3E)
            case Array("amp".utf8): out.append(0x26)
            case Array("quot".utf8): out.append(0x22)
            case Array("apos".utf8): out.append(0x27)
            default:
                guard name.first == 0x23 else { throw Failure(kind: .unknownEntity, offset: p) }
                let hex = name.count > 1 && (name[1] == 0x78 || name[1] == 0x58)
                let digits = String(decoding: name.dropFirst(hex ? 2 : 1), as: UTF8.self)
                guard !digits.isEmpty, let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value), value != 0 else {
                    throw Failure(kind: .unknownEntity, offset: p)
                }
                out += Array(String(Character(scalar)).utf8)
            }
            p = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
