import Foundation
import SparringModel

/// Where a command writes: results to `out` (stdout), problems and progress to `err` (stderr).
/// Tests pass closures that collect the text.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress lines are shown only then).
    public var errIsTerminal: Bool
    /// Replaces the one self-updating status line on the terminal (carriage return); "" clears it.
    public var status: @Sendable (String) -> Void = { _ in }

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, errIsTerminal: Bool = false) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's own stdout and stderr. Every line goes through ``terminalSafe(_:)`` first, so that text
    /// from a roster never reaches the terminal raw.
    public static var standard: Console {
        var console = Console(out: { text in FileHandle.standardOutput.write(Data((terminalSafe(text) + "\n").utf8)) },
                              err: { text in FileHandle.standardError.write(Data((terminalSafe(text) + "\n").utf8)) },
                              errIsTerminal: isatty(2) == 1)
        console.status = { text in FileHandle.standardError.write(Data(("\r\u{1B}[K" + terminalSafe(text)).utf8)) }
        return console
    }

    /// `text` as ``standard`` prints it: control characters (ESC, BEL, CR, backspace, DEL, C1), bidi controls
    /// and line/paragraph separators shown as `<U+XXXX>`, e.g. `"Ann\u{1B}[2JE"` as `Ann<U+001B>[2JE`.
    /// Line feeds and tabs are kept: commands print multi-line text on purpose.
    /// See ``displaySafe(_:keepingNewlinesAndTabs:)``. O(length); the text itself when nothing needs replacing.
    public static func terminalSafe(_ text: String) -> String { displaySafe(text, keepingNewlinesAndTabs: true) }
}
