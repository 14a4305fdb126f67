import Foundation
import SparringModel

/// A maximally diverse grouping problem from MDGPLIB: n elements, m groups with size bounds
/// [lower_g, upper_g], and a symmetric distance matrix. The objective is the sum of distances of pairs
/// in the same group (to maximise).
public struct MDGPInstance: Sendable {
    public let name: String
    public let elements: Int
    public let lowerBounds: [Int]
    public let upperBounds: [Int]
    /// Row-major n × n, symmetric, zero diagonal.
    public let distances: [Double]

    public var groups: Int { lowerBounds.count }

    public init(name: String, lowerBounds: [Int], upperBounds: [Int], distances: [Double]) {
        self.name = name
        self.elements = Int(Double(distances.count).squareRoot().rounded())
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
        self.distances = distances
    }

    /// Reads an MDGPLIB file: `n m type a_1 b_1 … a_m b_m`, then `i j d` lines for all pairs i < j.
    /// - Throws: ``DiagnosticError`` with line and column for malformed content.
    /// - Complexity: O(file size).
    public static func read(path: String) throws(DiagnosticError) -> MDGPInstance {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error(path, Message("mdgp.unreadable"), hint: Message("mdgp.unreadable.hint")))
        }
        return try parse(bytes: [UInt8](data), file: path)
    }

    public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> MDGPInstance {
        var scanner = NumberScanner(bytes: bytes, file: file)
        let n = try scanner.integer(what: "mdgp.what.elements")
        let m = try scanner.integer(what: "mdgp.what.groups")
        let kind = scanner.word()
        guard n >= 2, m >= 1, m <= n else {
            throw DiagnosticError(.error(file, 1, 1, Message("mdgp.badHeader", .text("\(n)"), .text("\(m)")), hint: Message("mdgp.header.hint")))
        }
        guard kind == "ss" || kind == "ds" else {
            throw DiagnosticError(.error(file, 1, scanner.column, Message("mdgp.badType", .quoted(kind)), hint: Message("mdgp.header.hint")))
        }
        var lower: [Int] = [], upper: [Int] = []
        for _ in 0..<m {
            lower.append(try scanner.integer(what: "mdgp.what.lowerBound"))
            upper.append(try scanner.integer(what: "mdgp.what.upperBound"))
        }
        guard lower.reduce(0, +) <= n, upper.reduce(0, +) >= n, zip(lower, upper).allSatisfy({ $0 <= $1 && $0 >= 0 }) else {
            throw DiagnosticError(.error(file, 1, 1, Message("mdgp.badBounds", .text("\(n)")), hint: Message("mdgp.badBounds.hint")))
        }
        var distances = [Double](repeating: 0, count: n * n)
        for _ in 0..<(n * (n - 1) / 2) {
            let line = scanner.line
            let i = try scanner.integer(what: "mdgp.what.index"), j = try scanner.integer(what: "mdgp.what.index")
            let d = try scanner.number(what: "mdgp.what.distance")
            guard i >= 0, j >= 0, i < n, j < n, i != j else {
                throw DiagnosticError(.error(file, line, 1, Message("mdgp.badPair", .text("\(i)"), .text("\(j)"), .text("\(n)")),
                                             hint: Message("mdgp.badPair.hint")))
            }
            distances[i * n + j] = d
            distances[j * n + i] = d
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        return MDGPInstance(name: name, lowerBounds: lower, upperBounds: upper, distances: distances)
    }

    /// Sum of distances of pairs in the same group. O(n²).
    public func objective(groups: [Int32]) -> Double {
        var total = 0.0
        for i in 0..<elements { for j in (i + 1)..<elements where groups[i] == groups[j] { total += distances[i * elements + j] } }
        return total
    }
}

/// Reads white-space separated numbers from bytes, tracking line and column for messages.
struct NumberScanner {
    let bytes: [UInt8]
    let file: String
    var position = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var column: Int { position - lineStart + 1 }

    mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A { line += 1; lineStart = position + 1 } else if byte != 0x20 && byte != 0x09 && byte != 0x0D { return }
            position += 1
        }
    }

    mutating func word() -> String {
        skipSpace()
        let start = position
        while position < bytes.count, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The next whole number.
    /// - Parameter what: the catalogue key of what it is, for the message when it is something else.
    mutating func integer(what: String) throws(DiagnosticError) -> Int {
        skipSpace()
        let (l, c) = (line, column)
        let text = word()
        guard let value = Int(text) else {
            throw DiagnosticError(.error(file, l, c, expected(what, found: text), hint: Message("mdgp.integer.hint")))
        }
        return value
    }

    /// The next decimal number.
    /// - Parameter what: the catalogue key of what it is, for the message when it is something else.
    mutating func number(what: String) throws(DiagnosticError) -> Double {
        skipSpace()
        let (l, c) = (line, column)
        let text = word()
        guard let value = Double(text), value.isFinite else {
            throw DiagnosticError(.error(file, l, c, expected(what, found: text), hint: Message("mdgp.number.hint")))
        }
        return value
    }

    /// "expected the number of groups, found "x"" (or "the end of the file").
    private func expected(_ what: String, found text: String) -> Message {
        Message("mdgp.expected", .message(Message(what)), text.isEmpty ? .message(Message("mdgp.endOfFile")) : .quoted(text))
    }
}
