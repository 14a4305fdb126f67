import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport

/// Facilitators placed after the grouping (`solve`, `score`): read from their file, placed exactly by the pipeline,
/// and a grouping some group of which gets no facilitator refused (an error, never a silent gap).
package let facilitatorOptions: [CommandSpec.Option] = [
    .init(name: "facilitators", value: "FILE",
          help: "Network consultants or facilitators (name, capacity in groups; optional id if a leader of the roster, unit, boss, conflicts, fields, districts, languages, days): one per group, never with their own boss, staff or a conflict, not from a member's unit unless no one else can."),
    .init(name: "facilitators-per-group", value: "K", help: "Facilitators per group with --facilitators, 1…3 (default 1; 2 for co-facilitation)."),
]

/// The facilitators `--facilitators` names, and how many each group gets; none without the option.
/// - Throws: every bad row of the file at its cell; a per-group count without facilitators.
package func readFacilitators(_ arguments: ParsedArguments, roster: Roster) throws -> (facilitators: [Facilitator], perGroup: Int) {
    let perGroup = try arguments.integer("facilitators-per-group", range: 1...3)
    guard let path = arguments.value("facilitators") else {
        if perGroup != nil { throw UsageError(Message("facilitators.perGroupAlone"), hint: Message("usage.example", .text("--facilitators konsulenter.csv --facilitators-per-group 2"))) }
        return ([], 1)
    }
    return (try FacilitatorLoader.load(path: path, roster: roster), perGroup ?? 1)
}

/// Refuses a grouping some group of which has too few facilitators: which groups, and what would help.
func requireFacilitated(_ context: GroupingContext, path: String?) throws(DiagnosticError) {
    guard let facilitators = context.facilitators, !facilitators.uncovered.isEmpty else { return }
    let labels = facilitators.uncovered.map { displaySafe(context.labels[$0]) }.joined(separator: ", ")
    throw DiagnosticError([.error(path, Message("facilitators.uncovered", .int(facilitators.uncovered.count), .text(labels), .int(facilitators.perGroup)),
                                  hint: Message("facilitators.uncovered.hint"))])
}

/// The summary's line on the facilitators: every group has its own, and how many had to come from a member's unit.
func facilitatorLine(_ context: GroupingContext) -> String? {
    guard let facilitators = context.facilitators else { return nil }
    let fromUnit = facilitators.fromMembersUnit.filter { $0 }.count
    return context.words("facilitators.summary", .int(facilitators.names.count - facilitators.uncovered.count), .int(facilitators.names.count), .int(fromUnit))
}
