import SparringModel

/// The rules over numeric attributes, sharing per (group, attribute) the present count, Σx and Σx²: spread
/// (alike or different, e.g. seniority mixed) and balance (group means close to the overall mean).
package struct NumberTable: Sendable {
    /// Roster attribute index per column.
    package let attributes: [Int]
    let leaderCount: Int
    let groupCount: Int
    let stride: Int
    /// Leader-major, per column the value (0 when missing) and beside it the presence (1 or 0): a leader's
    /// numbers are one cache line, not one per array.
    let entries: UncheckedArray<Double>

    package let spread: NumericSpread
    package let balance: Balance
    /// Per column, both rules' coefficients side by side for the hot loop (each rule's file holds its own).
    let parameters: UncheckedArray<(spread: Double, balance: Double)>

    /// - Throws: ``DiagnosticError`` for balance rules on unknown or non-numeric attributes.
    /// - Complexity: O(n · columns).
    init(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) {
        var attributes: [Int] = []
        func column(_ a: Int) -> Int {
            if let c = attributes.firstIndex(of: a) { return c }
            attributes.append(a)
            return attributes.count - 1
        }
        var spreadRules: [(RuleSettings.AttributeRule, Int)] = []
        for rule in try settings.attributeRules(for: roster) where roster.attributes[rule.attribute].kind == .numeric && rule.weight != 0 {
            let values = roster.attributes[rule.attribute].values.filter { !$0.isNaN }
            guard values.count > 1, Set(values).count > 1 else { continue }
            spreadRules.append((rule, column(rule.attribute)))
        }
        let balanceRules = try Balance.resolve(settings: settings, roster: roster).map { ($0.setting, column($0.attribute)) }
        let n = roster.count
        leaderCount = n
        groupCount = groups
        stride = attributes.count
        var entries = [Double](repeating: 0, count: 2 * n * attributes.count)
        for (c, a) in attributes.enumerated() {
            for i in 0..<n where !roster.attributes[a].values[i].isNaN {
                entries[2 * (i * attributes.count + c)] = roster.attributes[a].values[i]
                entries[2 * (i * attributes.count + c) + 1] = 1
            }
        }
        self.entries = UncheckedArray(entries)
        self.attributes = attributes
        spread = NumericSpread(roster: roster, rules: spreadRules, columnCount: attributes.count, groups: groups)
        let balance = Balance(roster: roster, rules: balanceRules, columnCount: attributes.count, groups: groups)
        self.balance = balance
        let spread = self.spread
        parameters = UncheckedArray((0..<attributes.count).map { (spread.coefficient[$0], balance.coefficient[$0]) })
    }

    @inline(__always) func value(_ i: Int, _ c: Int) -> Double { entries[2 &* (i &* stride &+ c)] }
    /// 1 when leader `i` has a value in column `c`, else 0.
    @inline(__always) func presence(_ i: Int, _ c: Int) -> Double { entries[2 &* (i &* stride &+ c) &+ 1] }
    @inline(__always) func isPresent(_ i: Int, _ c: Int) -> Bool { presence(i, c) != 0 }

    /// Per group, present count, Σx and Σx² of column `c`, from scratch. O(n).
    func sums(_ placement: Placement, column c: Int) -> [(k: Double, s1: Double, s2: Double)] {
        placement.members.map { members in
            members.reduce((0.0, 0.0, 0.0)) { sum, i in
                isPresent(i, c) ? (sum.0 + 1, sum.1 + value(i, c), sum.2 + value(i, c) * value(i, c)) : sum
            }
        }
    }
}

/// Per (group, numeric column) the present count, Σx and Σx², interleaved (one cache line per lookup).
struct NumberSums {
    private(set) var sums: UncheckedArray<Double>
    let stride: Int

    /// - Complexity: O(n · columns).
    init(_ table: NumberTable, groups: UncheckedArray<Int32>) {
        stride = table.stride
        var sums = [Double](repeating: 0, count: 3 * table.groupCount * table.stride)
        for i in 0..<table.leaderCount {
            let g = Int(groups[i])
            for c in 0..<table.stride where table.isPresent(i, c) {
                let x = table.value(i, c), k = 3 * (g * stride + c)
                sums[k] += 1
                sums[k + 1] += x
                sums[k + 2] += x * x
            }
        }
        self.sums = UncheckedArray(sums)
    }

    @inline(__always) func at(_ g: Int, _ c: Int) -> (k: Double, s1: Double, s2: Double) {
        let k = 3 &* (g &* stride &+ c)
        return (sums[k], sums[k &+ 1], sums[k &+ 2])
    }

    /// Change of every numeric rule when leader `i` leaves `g` for `h`. O(columns).
    @inline(__always)
    func moveDelta(_ table: NumberTable, _ i: Int, from g: Int, to h: Int) -> Double {
        var soft = 0.0
        for c in 0..<table.stride where table.isPresent(i, c) {
            let x = table.value(i, c)
            soft += change(table, column: c, g: g, h: h, dk: 1, d1: x, d2: x * x)
        }
        return soft
    }

    /// Change of every numeric rule when `i` (in `g`) and `j` (in `h`) exchange groups. O(columns).
    @inline(__always)
    func swapDelta(_ table: NumberTable, _ i: Int, _ j: Int, _ g: Int, _ h: Int) -> Double {
        var soft = 0.0
        for c in 0..<table.stride {
            let pi = table.presence(i, c), pj = table.presence(j, c)
            let xi = table.value(i, c), xj = table.value(j, c)
            if pi == pj && xi == xj { continue }
            soft += change(table, column: c, g: g, h: h, dk: pi - pj, d1: xi - xj, d2: xi * xi - xj * xj)
        }
        return soft
    }

    /// Change when `g` loses and `h` gains (dk, d1, d2) in count, Σx and Σx² of column `c`. O(1).
    @inline(__always)
    func change(_ table: NumberTable, column c: Int, g: Int, h: Int, dk: Double, d1: Double, d2: Double) -> Double {
        let a = at(g, c), b = at(h, c)
        let p = table.parameters[c]
        var soft = p.spread * (NumericSpread.spreadChange(a, -dk, -d1, -d2) + NumericSpread.spreadChange(b, dk, d1, d2))
        if p.balance != 0 {
            soft += p.balance * (Balance.squareChange(a, -dk, -d1) + Balance.squareChange(b, dk, d1))
        }
        return soft
    }

    /// Gives the sums storage no copy shares, for ``move(_:_:from:to:)``. O(1) unless shared.
    @inline(__always) mutating func makeUnique() { sums.makeUnique() }

    /// Moves leader `i`'s values from `g` to `h`, writing through the storage: call ``makeUnique()`` first.
    /// O(columns).
    @inline(__always)
    func move(_ table: NumberTable, _ i: Int, from g: Int, to h: Int) {
        let t = sums.base
        for c in 0..<table.stride {
            let x = table.value(i, c), p = table.presence(i, c)
            let a = 3 &* (g &* stride &+ c), b = 3 &* (h &* stride &+ c)
            t[a] -= p; t[a &+ 1] -= x; t[a &+ 2] -= x * x
            t[b] += p; t[b &+ 1] += x; t[b &+ 2] += x * x
        }
    }
}
