import SparringIO
import SparringModel
import SparringWorkbench

/// `--scenario FILE` (for `serve` and `solve`): a scenario file exported from the workbench gives its rule
/// options, its grouping and its pins. Options given on the command line win over the file's; repeatable
/// ones (`--weight`, `--lone`, …) are added after the file's, so that a weight given again overrides it.
let scenarioOption = CommandSpec.Option(name: "scenario", value: "FILE",
                                        help: "A scenario file exported from the workbench (sparring serve): its settings and pins, under the options given here.")

struct ScenarioInput {
    let path: String
    let file: ScenarioFile

    /// Reads `--scenario` when given and merges its options into `arguments` (parsed with `spec`).
    /// - Throws: ``DiagnosticError`` for an unreadable file; ``UsageError`` for an option the file names that
    ///   `spec` does not accept.
    static func merge(_ arguments: ParsedArguments, spec: CommandSpec) throws -> (ParsedArguments, ScenarioInput?) {
        guard let path = arguments.value("scenario") else { return (arguments, nil) }
        let file = try ScenarioFile.read(path: path)
        let optionsOnly = CommandSpec(name: spec.name, positionalNames: [], summary: spec.summary, positionals: 0...0, options: spec.options)
        let given: ParsedArguments
        do {
            given = try ParsedArguments(file.options, spec: optionsOnly)
        } catch {
            throw UsageError("the scenario file \(path) holds options `sparring \(spec.name)` does not take: \(error.message)",
                             hint: "export the scenario again from the workbench.")
        }
        var merged = arguments
        for (name, values) in given.values {
            let repeatable = spec.options.first { $0.name == name }?.repeatable ?? false
            if let own = merged.values[name] {
                if repeatable { merged.values[name] = values + own }
            } else {
                merged.values[name] = values
            }
        }
        merged.flags.formUnion(given.flags)
        return (merged, ScenarioInput(path: path, file: file))
    }

    /// Per leader the label of the group the scenario pins them to, or nil (for ``RoundSetup/pinLabels``).
    func pinLabels(_ roster: Roster) throws(DiagnosticError) -> [String?] {
        let grouping = try file.grouping(on: roster, path: path)
        guard grouping.pinned.contains(true) else { return [] }
        return roster.ids.indices.map { grouping.pinned[$0] ? grouping.labels[Int(grouping.groups[$0])] : nil }
    }
}
