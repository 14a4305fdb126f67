import SparringModel

/// Reads the facilitators file (`--facilitators FILE`, CSV or workbook): one row per network consultant or
/// facilitator with their name and capacity (groups), and optionally their id when they are a leader of the roster,
/// their unit, their boss (`nærmeste leder`) and loyalty conflicts (leaders of the roster), and preferred fields,
/// districts, languages and meeting days (lists with `|`, `,` or `;`).
///
/// Whom a facilitator must never lead (``Facilitator/keptApart``): their boss and loyalty conflicts from the file;
/// the roster's leaders whose manager cell names them (their staff); and, for a leader of the roster, their
/// reporting lines and conflicts there. Every problem is an error at its cell: a facilitator silently dropped or a
/// boss misspelt would put someone with their own boss.
public enum FacilitatorLoader {
    /// - Throws: ``DiagnosticError`` with every problem, each at its cell, with the value and what to write.
    /// - Complexity: O(rows · columns + n).
    public static func load(path: String, roster: Roster) throws(DiagnosticError) -> [Facilitator] {
        let table = try TableReader.read(path: path)
        do {
            return try read(table, roster: roster)
        } catch {
            throw table.locating(error)
        }
    }

    /// A reference as a name, without a bracketed note ("Lars Bak (udenfor)" → "lars bak"), normalised.
    static func named(_ text: String) -> String {
        let bare = text.firstIndex(of: "(").map { String(text[..<$0]) } ?? text
        return normalizedHeader(bare)
    }

    static let capacityHeaders: Set<String> = ["kapacitet", "capacity", "antal grupper", "grupper", "groups", "max grupper", "max groups"]
    static let languageHeaders: Set<String> = ["sprog", "language", "languages"]
    static let dayHeaders: Set<String> = ["dage", "days", "mødedage", "meeting days", "mødedag"]

    private static func read(_ table: CSVTable, roster: Roster) throws(DiagnosticError) -> [Facilitator] {
        let path = table.file, lookup = PersonLookup(roster)
        let headers = table.header.map { normalizedHeader($0.text) }
        let roles = table.header.map { ColumnRole.role(forHeader: $0.text) }
        func column(_ role: ColumnRole) -> Int? { roles.firstIndex(of: role) }
        func column(named names: Set<String>) -> Int? { headers.firstIndex { names.contains($0) } }
        let line = table.header.first?.line ?? 1
        guard let nameAt = column(.name), let capacityAt = column(named: capacityHeaders) else {
            throw DiagnosticError(.error(path, line, 1, Message("facilitators.noColumns"), hint: Message("facilitators.noColumns.hint")))
        }
        let idAt = column(.id), unitAt = column(.unit), bossAt = column(.manager), conflictsAt = column(.conflicts)
        let fieldsAt = column(.field), districtsAt = column(.location), languagesAt = column(named: languageHeaders), daysAt = column(named: dayHeaders)
        var check = ReferenceCheck(place: Message("facilitators.file"), noun: ReferenceCheck.Noun("leader", "leaders", "row"), file: path, roster: roster,
                                   lookup: lookup)
        check.outside = OutsidePeople([])
        check.inSheet = table.sheet != nil
        // The roster's manager column as written, to find each facilitator's staff by name.
        let managerColumn = roster.columns.firstIndex { ColumnRole.role(forHeader: $0) == .manager }
        var errors: [Diagnostic] = [], facilitators: [Facilitator] = [], seen: [String: Int] = [:]
        func cell(_ row: [CSVField], _ at: Int?) -> CSVField? { at.flatMap { $0 < row.count ? row[$0] : nil } }
        func list(_ field: CSVField?) -> [String] {
            field.map { $0.text.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty } } ?? []
        }
        for row in table.rows {
            guard let nameField = cell(row, nameAt), !nameField.text.allSatisfy(\.isWhitespace) else {
                if row.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
                    errors.append(.error(path, row.first?.line ?? 0, nameAt + 1, Message("facilitators.noName"), hint: Message("facilitators.noName.hint")))
                }
                continue
            }
            let name = nameField.text.trimmingSpaces()
            if let first = seen[normalizedHeader(name)] {
                errors.append(.error(path, nameField.line, nameField.column, Message("facilitators.twice", .text(displaySafe(name)), .int(first)),
                                     hint: Message("facilitators.twice.hint")))
                continue
            }
            seen[normalizedHeader(name)] = nameField.line
            let capacityField = cell(row, capacityAt) ?? CSVField("", line: nameField.line, column: capacityAt + 1)
            guard let capacity = Int(capacityField.text.trimmingSpaces()), (1...1000).contains(capacity) else {
                errors.append(.error(path, capacityField.line, capacityField.column, Message("facilitators.badCapacity", .text(displaySafe(name)), .quoted(capacityField.text)),
                                     hint: Message("facilitators.badCapacity.hint")))
                continue
            }
            var facilitator = Facilitator(name: name, capacity: capacity, unit: cell(row, unitAt).map { $0.text.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 })
            facilitator.line = nameField.line
            if let idField = cell(row, idAt), !idField.text.allSatisfy(\.isWhitespace) {
                guard let leader = check.resolve(idField.text, at: idField, owner: name) else { continue }
                facilitator.leader = leader
            }
            for field in [cell(row, bossAt), cell(row, conflictsAt)].compactMap({ $0 }) where !field.text.allSatisfy(\.isWhitespace) {
                for reference in lookup.splitList(field.text) {
                    if let i = check.resolve(reference, at: field, owner: name) { facilitator.keptApart.append(i) }
                }
            }
            if let leader = facilitator.leader {
                // A leader of the roster: their reporting lines and conflicts there, and their unit when not given.
                if roster.managers[leader] >= 0 { facilitator.keptApart.append(Int(roster.managers[leader])) }
                facilitator.keptApart += roster.managers.indices.filter { roster.managers[$0] == Int32(leader) }
                for pair in roster.conflicts where Int(pair.first) == leader || Int(pair.second) == leader {
                    facilitator.keptApart.append(Int(pair.first) == leader ? Int(pair.second) : Int(pair.first))
                }
                if facilitator.unit == nil, let unit = roster.attributes.first(where: { $0.role == .unit }) {
                    let value = unit.displayValue(of: leader)
                    facilitator.unit = value.isEmpty ? nil : value
                }
            } else if let managerColumn {
                // Their staff: leaders whose manager cell names them (a facilitator outside the roster).
                let key = normalizedHeader(name)
                facilitator.keptApart += roster.rows.indices.filter { i in
                    managerColumn < roster.rows[i].count && lookup.splitList(roster.rows[i][managerColumn]).contains { Self.named($0) == key }
                }
            }
            facilitator.keptApart = Array(Set(facilitator.keptApart)).sorted()
            facilitator.fields = list(cell(row, fieldsAt))
            facilitator.districts = list(cell(row, districtsAt))
            facilitator.languages = list(cell(row, languagesAt))
            facilitator.days = list(cell(row, daysAt))
            facilitators.append(facilitator)
        }
        _ = try check.sideFileWarnings(after: errors)
        if facilitators.isEmpty {
            throw DiagnosticError(.error(path, line, 1, Message("facilitators.none"), hint: Message("facilitators.noColumns.hint")))
        }
        return facilitators
    }
}
