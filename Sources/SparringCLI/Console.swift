import Foundation

/// Where a command writes: results to `out` (stdout), problems and progress to `err` (stderr).
/// Tests pass closures that collect the text.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress lines are shown only then).
    public var errIsTerminal: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, errIsTerminal: Bool = false) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's own stdout and stderr.
    public static var standard: Console {
        Console(out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
                err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
                errIsTerminal: isatty(2) == 1)
    }
}
