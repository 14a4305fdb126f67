import SparringModel

/// Folds a run of the same problem in one column into one line that counts the rows and names the first ones,
/// so that an empty id column gives one error, not sixty.
///
/// Problems are "the same" when their message, hint and column agree; from ``threshold`` alike on, the first
/// is kept and told how many rows share it and which. An id column empty in every row is said as such.
enum RepeatedProblems {
    /// How many alike problems are shown one by one; more are folded into one.
    static let threshold = 4

    /// - Parameters:
    ///   - diagnostics: sorted by position.
    ///   - inSheet: rows are a sheet's rows ("rows 2, 3, …"), not a file's lines.
    /// - Complexity: O(problems).
    static func collapse(_ diagnostics: [Diagnostic], inSheet: Bool, rowCount: Int? = nil) -> [Diagnostic] {
        var groups: [Key: [Int]] = [:]
        for (k, diagnostic) in diagnostics.enumerated() where diagnostic.line > 0 {
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
            } else {
                folded.message = Message("input.repeated", .message(first.message), .int(members.count),
                                         ReferenceCheck.lineList(lines, rows: inSheet, limit: 8))
            }
            replaced[members[0]] = folded
            dropped.formUnion(members.dropFirst())
        }
        return diagnostics.enumerated().compactMap { k, diagnostic in
            dropped.contains(k) ? nil : replaced[k] ?? diagnostic
        }
    }

    private struct Key: Hashable {
        var message: Message
        var hint: Message?
        var column: Int
        var file: String?
        var severity: Diagnostic.Severity

        init(_ diagnostic: Diagnostic) {
            message = diagnostic.message
            hint = diagnostic.hint
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
