import Foundation
import SparringModel

/// A scenario file: every setting and the grouping of one workbench state, so that the consultant can come
/// back to it (`serve --scenario FILE`) or search again with its settings and pins (`solve --scenario FILE`).
///
/// JSON, with the settings as the command-line options that give them, so that one parser reads them:
/// ```json
/// {"sparring": "scenario", "version": 1, "name": "Lokal", "roster": "roster.csv",
///  "options": [the command-line words of the settings, each written by its rule],
///  "groups": [{"label": "1", "members": ["1001", "1002"]}], "pins": ["1001"]}
/// ```
public struct ScenarioFile: Sendable, Equatable {
    public var name: String
    /// The roster file's name when the scenario was written (shown, not used: the roster is named on the command line).
    public var roster: String
    /// Command-line options: the rules in force and the inputs beside the roster.
    public var options: [String]
    public var groups: [(label: String, members: [String])]
    /// Ids of the pinned leaders (each pinned to the group they are in).
    public var pins: [String]

    public static func == (a: ScenarioFile, b: ScenarioFile) -> Bool {
        a.name == b.name && a.roster == b.roster && a.options == b.options && a.pins == b.pins
            && a.groups.map(\.label) == b.groups.map(\.label) && a.groups.map(\.members) == b.groups.map(\.members)
    }

    /// The largest scenario file read (a scenario of a million leaders is far smaller).
    public static let byteLimit = 64 << 20

    /// The file's text (UTF-8 JSON, one group per line). O(n).
    public func rendered() -> String {
        JSONValue.object([
            ("sparring", .string("scenario")), ("version", .int(1)), ("name", .string(name)), ("roster", .string(roster)),
            ("options", .array(options.map { .string($0) })),
            ("groups", .array(groups.map { .object([("label", .string($0.label)), ("members", .array($0.members.map { .string($0) }))]) })),
            ("pins", .array(pins.map { .string($0) })),
        ]).rendered()
    }

    /// Reads a scenario file.
    /// - Throws: ``DiagnosticError`` for a file that cannot be read, is not JSON, or is not a scenario.
    public static func read(path: String) throws(DiagnosticError) -> ScenarioFile {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > byteLimit {
                throw DiagnosticError([.error(path, Message("scenario.tooLarge"), hint: Message("scenario.hint"))])
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DiagnosticError {
            throw error
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DiagnosticError([.error(path, Message(exists ? "csv.unreadable" : "csv.noSuchFile"),
                                          hint: Message(exists ? "csv.unreadable.hint" : "csv.noSuchFile.hint"))])
        }
        let json = try? JSONSerialization.jsonObject(with: data)
        guard let object = json as? [String: Any], object["sparring"] as? String == "scenario" else {
            throw DiagnosticError([.error(path, Message("scenario.notScenario"), hint: Message("scenario.hint"))])
        }
        guard object["version"] as? Int == 1 else {
            throw DiagnosticError([.error(path, Message("scenario.version", .text(String(describing: object["version"] ?? "?"))), hint: Message("scenario.version.hint"))])
        }
        func field<T>(_ key: String, as type: T.Type) throws(DiagnosticError) -> T {
            guard let value = object[key] as? T else {
                throw DiagnosticError([.error(path, Message("scenario.field", .quoted(key)), hint: Message("scenario.hint"))])
            }
            return value
        }
        let groupObjects = try field("groups", as: [[String: Any]].self)
        var groups: [(String, [String])] = []
        for group in groupObjects {
            guard let label = group["label"] as? String, let members = group["members"] as? [String] else {
                throw DiagnosticError([.error(path, Message("scenario.field", .quoted("groups")), hint: Message("scenario.hint"))])
            }
            groups.append((label, members))
        }
        var file = ScenarioFile(name: try field("name", as: String.self), roster: (object["roster"] as? String) ?? "",
                                options: try field("options", as: [String].self), groups: [], pins: try field("pins", as: [String].self))
        file.groups = groups
        return file
    }

    public init(name: String, roster: String, options: [String], groups: [(label: String, members: [String])], pins: [String]) {
        self.name = name
        self.roster = roster
        self.options = options
        self.groups = groups
        self.pins = pins
    }

    /// The grouping on `roster`: every leader in exactly one group, pins on known leaders.
    /// - Parameter requireEveryLeader: refuse a file that leaves leaders of the roster out (to open it); without
    ///   it (for its pins only) such leaders get group −1.
    /// - Throws: ``DiagnosticError`` naming unknown ids, leaders placed twice and leaders missing.
    /// - Complexity: O(n).
    public func grouping(on roster: Roster, path: String, requireEveryLeader: Bool = true) throws(DiagnosticError) -> (groups: [Int32], labels: [String], pinned: [Bool]) {
        let index = roster.indexByID()
        var groupOf = [Int32](repeating: -1, count: roster.count), pinned = [Bool](repeating: false, count: roster.count)
        var problems: [Diagnostic] = []
        var labels: [String] = []
        for (g, group) in groups.enumerated() {
            if labels.contains(group.label) { problems.append(.error(path, Message("scenario.doubleLabel", .quoted(group.label)), hint: Message("scenario.hint"))) }
            labels.append(group.label)
            for id in group.members {
                guard let i = index[id] else {
                    problems.append(.error(path, Message("scenario.unknownLeader", .quoted(id)), hint: Message("scenario.otherRoster")))
                    continue
                }
                if groupOf[i] >= 0 { problems.append(.error(path, Message("scenario.twice", .quoted(id)), hint: Message("scenario.hint"))) }
                groupOf[i] = Int32(g)
            }
        }
        let missing = roster.ids.indices.filter { groupOf[$0] < 0 }
        if requireEveryLeader && !missing.isEmpty {
            problems.append(.error(path, Message("scenario.missing", .int(missing.count), .text(missing.prefix(5).map { roster.ids[$0] }.joined(separator: ", "))),
                                   hint: Message("scenario.otherRoster")))
        }
        for id in pins {
            guard let i = index[id] else {
                problems.append(.error(path, Message("scenario.unknownLeader", .quoted(id)), hint: Message("scenario.otherRoster")))
                continue
            }
            pinned[i] = true
        }
        if !problems.isEmpty { throw DiagnosticError(Array(problems.prefix(100))) }
        return (groupOf, labels, pinned)
    }
}
