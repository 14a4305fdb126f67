import SparringModel

/// Folds a run of the same problem in one column into one line that counts the rows and names the first ones,
/// so that an empty id column gives one error, not sixty.
///
/// Problems are alike when they are the same kind (catalogue key) in the same column of the same file; from
/// ``threshold`` alike on, the first is kept and told how many rows share it (the same problem) or how many more
/// are like it (the same kind with other values: a column of dates where numbers belong), and which rows. An id
/// column empty in every row is said as such.
enum RepeatedProblems {
    /// How many alike problems are shown one by one; more are folded into one.
    static let threshold = 4
    /// Kinds that are already one per person named, each with its own fix ("did you mean …"), and listed then
    /// counted where they are found (``ReferenceCheck``).
    static let keptApart: Set<String> = ["input.unknownOne", "input.unknownShared", "input.unknownMore", "reference.ambiguous"]

    /// - Parameters:
    ///   - diagnostics: sorted by position.
    ///   - inSheet: rows are a sheet's rows ("rows 2, 3, …"), not a file's lines.
    /// - Complexity: O(problems).
    static func collapse(_ diagnostics: [Diagnostic], inSheet: Bool, rowCount: Int? = nil) -> [Diagnostic] {
        var groups: [Key: [Int]] = [:]
        for (k, diagnostic) in diagnostics.enumerated() where diagnostic.line > 0 && !keptApart.contains(diagnostic.message.key) {
            groups[Key(diagnostic), default: []].append(k)
        }
        var dropped = Set<Int>()
        var replaced: [Int: Diagnostic] = [:]
        for (_, members) in groups where members.count >= threshold {
            let first = diagnostics[members[0]]
            let lines = members.map { diagnostics[$0].line }
            var folded = first
            if first.message.key == "roster.noID", let rowCount, members.count == rowCount {
                folded.message = Message("input.emptyIDColumn", .int(rowCount))
                folded.hint = Message("input.emptyIDColumn.hint")
            } else if members.allSatisfy({ diagnostics[$0].message == first.message }) {
                folded.message = Message("input.repeated", .message(first.message), .int(members.count),
                                         ReferenceCheck.lineList(lines, rows: inSheet, limit: 8))
            } else {
                folded.message = Message("input.repeatedLike", .message(first.message), .int(members.count - 1),
                                         ReferenceCheck.lineList(Array(lines.dropFirst()), rows: inSheet, limit: 8))
            }
            replaced[members[0]] = folded
            dropped.formUnion(members.dropFirst())
        }
        return diagnostics.enumerated().compactMap { k, diagnostic in
            dropped.contains(k) ? nil : replaced[k] ?? diagnostic
        }
    }

    private struct Key: Hashable {
        var kind: String
        var column: Int
        var file: String?
        var severity: Diagnostic.Severity

        init(_ diagnostic: Diagnostic) {
            kind = diagnostic.message.key
            column = diagnostic.column
            file = diagnostic.file
            severity = diagnostic.severity
        }
    }
}

/// Reading stopped on request (Ctrl-C): the error a reader throws, recognised by the command line, which exits
/// with 130 and writes nothing.
public enum ReadingStopped {
    /// The catalogue key of the error.
    public static let key = "input.interrupted"

    static func error(_ file: String) -> DiagnosticError { DiagnosticError(.error(file, Message(key))) }

    /// Whether `error` says reading was stopped.
    public static func isStop(_ error: DiagnosticError) -> Bool { error.diagnostics.contains { $0.message.key == key } }
}
