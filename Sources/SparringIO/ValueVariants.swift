import SparringModel

/// Values of one column that look like the same value written in different ways, found so that `K` beside
/// `Kvinde` never silently makes a third gender.
///
/// - *Case* variants (`kvinde`, `Kvinde`, ` KVINDE `): the loader already counts them as one value, shown in the
///   first spelling; a warning says so and how to write them alike.
/// - *Abbreviations* (`K` for `Kvinde`, `M.` for `Mand`, `Dagt.` for `Dagtilbud`) and values that differ only
///   in spaces inside (`Dag tilbud`, `Dagtilbud`) count as different values: a warning names them and the fix.
///   A value is taken for an abbreviation when it is one or two letters, or ends with a full stop, and exactly one
///   other value of the column starts with it. Columns with more than ``mostValues`` values (names, notes) are
///   not judged for abbreviations.
///
/// - Complexity: O(cells + values²) for columns of at most ``mostValues`` values, O(cells) otherwise.
enum ValueVariants {
    static let mostValues = 30
    /// A column with a cell longer than this (UTF-8 bytes) holds notes, and is not judged.
    static let longestValue = 200

    struct Finding {
        /// Groups of spellings, each with its count and its first cell, the most common first.
        var groups: [[(text: String, count: Int, field: CSVField)]]
        /// Whether the groups already count as one value (case variants).
        var merged: Bool
    }

    static func find(_ cells: [CSVField]) -> [Finding] {
        var spellings: [(text: String, count: Int, field: CSVField)] = []
        var position: [String: Int] = [:]
        for field in cells {
            // Long texts are notes, not values written in several ways.
            if field.text.utf8.count > longestValue { return [] }
            let text = field.text.trimmingSpaces()
            if text.isEmpty { continue }
            if let k = position[text] { spellings[k].count += 1 } else {
                position[text] = spellings.count
                spellings.append((text, 1, field))
            }
        }
        var findings: [Finding] = []
        // Case: spellings that lower-case alike.
        var byFolded: [String: [Int]] = [:], foldedOrder: [String] = []
        for (k, spelling) in spellings.enumerated() {
            let folded = spelling.text.lowercased()
            if byFolded[folded] == nil { foldedOrder.append(folded) }
            byFolded[folded, default: []].append(k)
        }
        let caseGroups = foldedOrder.compactMap { byFolded[$0]!.count > 1 ? byFolded[$0]!.map { spellings[$0] } : nil }
        if !caseGroups.isEmpty { findings.append(Finding(groups: caseGroups, merged: true)) }

        // Values as the loader counts them: one per lower-cased spelling, with every spelling's count.
        let values: [(text: String, count: Int, field: CSVField)] = foldedOrder.map { folded in
            let members = byFolded[folded]!
            return (spellings[members[0]].text, members.reduce(0) { $0 + spellings[$1].count }, spellings[members[0]].field)
        }
        var groups: [[(text: String, count: Int, field: CSVField)]] = []
        var used = Set<Int>()
        // Spaces inside.
        var bySpaces: [String: [Int]] = [:], spaceOrder: [String] = []
        for (k, value) in values.enumerated() {
            let key = String(value.text.lowercased().filter { !$0.isWhitespace })
            if bySpaces[key] == nil { spaceOrder.append(key) }
            bySpaces[key, default: []].append(k)
        }
        for key in spaceOrder where bySpaces[key]!.count > 1 {
            groups.append(bySpaces[key]!.map { values[$0] })
            used.formUnion(bySpaces[key]!)
        }
        // Abbreviations.
        if values.count <= mostValues {
            for (k, value) in values.enumerated() where !used.contains(k) {
                let lower = value.text.lowercased()
                let stem = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
                guard !stem.isEmpty, stem.count <= 2 || lower.hasSuffix("."), stem.allSatisfy(\.isLetter) else { continue }
                let longer = values.indices.filter { $0 != k && !used.contains($0) && values[$0].text.count > stem.count + 1
                    && values[$0].text.lowercased().hasPrefix(stem) }
                guard longer.count == 1 else { continue }
                groups.append([values[longer[0]], value])
                used.formUnion([k, longer[0]])
            }
        }
        if !groups.isEmpty { findings.append(Finding(groups: groups.map { $0.sorted { $0.count > $1.count } }, merged: false)) }
        return findings
    }

    /// The finding as a warning about the column headed `header`, at the first cell of the rarest spelling.
    static func warning(_ finding: Finding, header: String, file: String) -> Diagnostic {
        func group(_ members: [(text: String, count: Int, field: CSVField)]) -> Message.Argument {
            .list(members.map { .message(Message("input.variants.value", .quoted($0.text), .int($0.count))) })
        }
        var listed = group(finding.groups[0])
        for more in finding.groups.dropFirst() { listed = .message(Message("input.variants.join", listed, group(more))) }
        let first = finding.groups[0]
        let rare = first.dropFirst().first ?? first[0]
        if finding.merged {
            let shown = first.min { $0.field.line < $1.field.line }!
            return .warning(file, rare.field.line, rare.field.column,
                            Message("input.variants.case", .quoted(header), listed, .quoted(shown.text)),
                            hint: Message("input.variants.case.hint", .quoted(rare.text), .quoted(first[0].text)))
        }
        // An abbreviation is replaced by its full form; otherwise the rarer spelling by the most common one.
        let sorted = first.sorted { $0.text.count < $1.text.count }
        let stem = sorted[0].text.lowercased().hasSuffix(".") ? String(sorted[0].text.lowercased().dropLast()) : sorted[0].text.lowercased()
        let isAbbreviation = sorted.count == 2 && sorted[1].text.count > stem.count + 1 && sorted[1].text.lowercased().hasPrefix(stem)
        let (from, target) = isAbbreviation ? (sorted[0], sorted[1]) : (rare, first[0])
        return .warning(file, from.field.line, from.field.column, Message("input.variants.abbreviation", .quoted(header), listed),
                        hint: Message("input.variants.abbreviation.hint", .quoted(from.text), .quoted(target.text)))
    }
}
