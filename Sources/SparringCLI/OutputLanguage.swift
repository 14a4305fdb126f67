import Foundation
import SparringIO
import SparringModel
import SparringReport

/// `--language`: the language of every word a person reads. Accepted by every command that reads a roster.
package let languageOption = CommandSpec.Option(name: "language", value: "da|en",
                                        help: "Language of summaries, explanations, messages, the report and the CSV outputs' added columns (default: Danish when the roster's headers are Danish, else English).")

extension ParsedArguments {
    /// `--language`, if given. - Throws: ``UsageError`` for anything but da or en (also dansk, english…).
    package func language() throws(UsageError) -> Language? {
        guard let name = value("language") else { return nil }
        guard let language = Language(name: name) else {
            throw UsageError(Message("usage.unknownLanguage", .text(name)), hint: Message("usage.unknownLanguage.hint"))
        }
        return language
    }

    /// The words of the output: `--language`, else the roster's language judged from its headers. (An unknown
    /// `--language` was refused before the command ran.)
    package func words(for roster: Roster) -> Words {
        Words((try? language()) ?? Language.of(headers: roster.columns.isEmpty ? roster.attributes.map(\.header) : roster.columns))
    }
}

/// Runs `body`; problems it throws are shown in `words`' language (unless `--language` says otherwise).
package func withLanguage<T>(_ words: Words, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch var error as DiagnosticError {
        if error.language == nil { error.language = words.language }
        throw error
    }
}

/// The lines every `solve` and `score` prints first: leaders, groups and sizes, typology.
func printHeadline(_ console: Console, words: Words, leaders: Int, groups: Int, sizes: [Int], typology: Typology) {
    console.out(words("cli.leaders", .int(leaders)))
    console.out(words("cli.groups", .int(groups), .text(RosterSummary.describeSizes(sizes))))
    console.out(words("cli.typology", .text(words.language == .en ? typology.rawValue : typology.name(words)), .text(typology.explanation(words))))
}

/// The language of a problem found before the roster was read (an output that cannot be written, an unknown
/// typology, a missing scenario file), when `--language` is not given: the roster's, judged from its header
/// (read now, only on this error path, and only when it is an ordinary file); `--danish` for `template` and
/// `generate`; else the system's (``environmentLanguage(_:)``), e.g. for a roster that cannot be read at all.
func fallbackLanguage(_ arguments: ParsedArguments, command: String) -> Language {
    if ["template", "generate"].contains(command) { return arguments.flags.contains("danish") ? .da : .en }
    if ["check", "solve", "plan", "score", "serve"].contains(command), let path = arguments.positionals.first {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
           let table = try? TableReader.read(path: path, sheet: arguments.value("sheet")), !table.header.isEmpty {
            return Language.of(headers: table.header.map(\.text))
        }
    }
    return environmentLanguage()
}

/// The system's language for messages: Danish when `LC_ALL`, else `LC_MESSAGES`, else `LANG` (the first that
/// is set) starts with `da` (`da_DK.UTF-8`), else English.
func environmentLanguage(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
    let setting = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    return setting.lowercased().hasPrefix("da") ? .da : .en
}
