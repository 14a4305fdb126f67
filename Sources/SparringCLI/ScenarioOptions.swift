import SparringIO
import SparringModel
import SparringSolver

/// `--scenario FILE` (for `serve` and `solve`): a scenario file exported from the workbench gives its rule
/// options, its grouping and its pins. An option given on the command line replaces the file's values of that
/// option; a keyed option (a weight per attribute: ``RuleOption/keyed``) is added after the file's instead, so that
/// a weight given again overrides the file's for that attribute and keeps the others. A file may hold only rule options and the inputs beside
/// the roster (never an output, a port or a language).
package let scenarioOption = CommandSpec.Option(name: "scenario", value: "FILE",
                                        help: "A scenario file exported from the workbench (sparring serve): its settings and pins, under the options given here.")

/// Options that name inputs beside the roster; a scenario file repeats them.
package let scenarioInputOptions = ["conflicts", "wishes", "rank-order", "sheet", "history", "previous", "together", "no-repeat", "hide",
                                  "manager-column", "conflicts-column", "wishes-column", "attribute-column", "outside"]

package struct ScenarioInput {
    package let path: String
    package let file: ScenarioFile

    /// Reads `--scenario` when given and merges its options into `arguments` (parsed with `spec`).
    /// - Throws: ``DiagnosticError`` for an unreadable file; ``UsageError`` for an option the file names that
    ///   `spec` does not accept.
    package static func merge(_ arguments: ParsedArguments, spec: CommandSpec) throws -> (ParsedArguments, ScenarioInput?) {
        guard let path = arguments.value("scenario") else { return (arguments, nil) }
        let file = try ScenarioFile.read(path: path)
        let allowed = Set(ruleOptions.map(\.name) + scenarioInputOptions)
        let optionsOnly = CommandSpec(name: spec.name, positionalNames: [], summary: spec.summary, positionals: 0...0,
                                      options: spec.options.filter { allowed.contains($0.name) })
        let given: ParsedArguments
        do {
            given = try ParsedArguments(file.options, spec: optionsOnly)
        } catch {
            throw UsageError(Message("usage.scenarioOptions", .text(path), .message(error.messageText)), hint: Message("usage.scenarioOptions.hint"))
        }
        let keyed = Set(RuleDescriptors.options.filter(\.keyed).map(\.name))
        var merged = arguments
        for (name, values) in given.values {
            if let own = merged.values[name] {
                if keyed.contains(name) { merged.values[name] = values + own }
            } else {
                merged.values[name] = values
            }
        }
        merged.flags.formUnion(given.flags)
        return (merged, ScenarioInput(path: path, file: file))
    }

    /// Per leader the index of the group in the file the scenario pins them to, or −1; empty without pins
    /// (for ``RoundRules/pins``: by index, so that groups named "Vest" or "ny 3" pin as well as numbered ones).
    /// Leaders the file does not place (joiners since) are simply not pinned.
    package func pins(_ roster: Roster) throws(DiagnosticError) -> [Int32] {
        let grouping = try file.grouping(on: roster, path: path, requireEveryLeader: false)
        guard grouping.pinned.contains(true) else { return [] }
        return roster.ids.indices.map { grouping.pinned[$0] ? grouping.groups[$0] : -1 }
    }
}
