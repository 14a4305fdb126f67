import SparringModel

/// A grouping for a distance-matrix objective (maximise the sum of distances of pairs in the same group),
/// with the table that makes every move and swap O(1) to evaluate.
///
/// `table[g·n + i]` holds Σ_{k in g} d(i, k) (group-major, so applying a change is a contiguous loop). A move of i from g to h gains `table[i,h] − table[i,g]`; a swap
/// of i (in g) and j (in h) gains `table[i,h] − table[i,g] + table[j,g] − table[j,h] − 2·d(i, j)`. Applying a
/// change updates one column pair of the table in O(n).
struct MatrixState: AnnealingState {
    let n: Int
    let groupCount: Int
    private let distances: UncheckedArray<Double>
    private let lower: UncheckedArray<Int32>
    private let upper: UncheckedArray<Int32>
    private(set) var group: UncheckedArray<Int32>
    private(set) var size: UncheckedArray<Int32>
    private var table: UncheckedArray<Double>
    private(set) var objective: Double
    /// Some group's lower bound is below its upper bound.
    let allowsMoves: Bool
    /// A distance matrix has no hard rules, and so no repair.
    var hard: Int { 0 }
    var repairTemperature: Double { 0 }

    /// - Complexity: O(n²).
    init(distances: [Double], n: Int, lower: [Int], upper: [Int], groups: [Int32]) {
        self.n = n
        self.groupCount = lower.count
        self.distances = UncheckedArray(distances)
        self.lower = UncheckedArray(lower.map(Int32.init))
        self.upper = UncheckedArray(upper.map(Int32.init))
        self.allowsMoves = zip(lower, upper).contains { $0 < $1 }
        (group, size, table, objective) = Self.tables(groups, distances: self.distances, n: n, groupCount: lower.count)
    }

    /// The same instance with another grouping (table rebuilt). O(n²).
    func regrouped(_ groups: [Int32]) -> MatrixState {
        var copy = self
        (copy.group, copy.size, copy.table, copy.objective) = Self.tables(groups, distances: distances, n: n, groupCount: groupCount)
        return copy
    }

    /// Group sizes, the group-major table and the objective of a grouping. O(n²).
    private static func tables(_ groups: [Int32], distances: UncheckedArray<Double>, n: Int, groupCount m: Int)
        -> (UncheckedArray<Int32>, UncheckedArray<Int32>, UncheckedArray<Double>, Double) {
        var size = [Int32](repeating: 0, count: m)
        for g in groups { size[Int(g)] += 1 }
        var table = [Double](repeating: 0, count: n * m)
        var objective = 0.0
        for i in 0..<n {
            let row = i * n
            for k in 0..<n where k != i { table[Int(groups[k]) * n + i] += distances[row + k] }
            objective += table[Int(groups[i]) * n + i]
        }
        return (UncheckedArray(groups), UncheckedArray(size), UncheckedArray(table), objective / 2)
    }

    /// Share of sampled triples (i, j, k) whose distances break the triangle inequality d(i,j) ≤ d(i,k) + d(k,j):
    /// about 0 for Euclidean (metric) instances, well above for random ones. O(samples).
    func triangleViolationShare(rng: inout SeededGenerator, samples: Int = 2000) -> Double {
        guard n >= 3 else { return 0 }
        var broken = 0
        for _ in 0..<samples {
            let i = rng.below(n), j = rng.below(n), k = rng.below(n)
            if i == j || j == k || i == k { continue }
            let dij = distances[i &* n &+ j], dik = distances[i &* n &+ k], dkj = distances[k &* n &+ j]
            if dij > (dik + dkj) * (1 + 1e-9) { broken += 1 }
        }
        return Double(broken) / Double(samples)
    }

    var groups: [Int32] { group.array }
    @inline(__always) func distance(_ i: Int, _ j: Int) -> Double { distances[i &* n &+ j] }
    @inline(__always) func lowerBound(_ g: Int) -> Int { Int(lower[g]) }
    @inline(__always) func upperBound(_ g: Int) -> Int { Int(upper[g]) }
    @inline(__always) func groupOf(_ i: Int) -> Int { Int(group[i]) }

    @inline(__always)
    func canMove(_ i: Int, to h: Int) -> Bool {
        let g = Int(group[i])
        return g != h && size[g] > lower[g] && size[h] < upper[h]
    }

    @inline(__always)
    func searchMoveDelta(_ i: Int, to h: Int) -> Double {
        table[h &* n &+ i] - table[Int(group[i]) &* n &+ i]
    }

    @inline(__always)
    func searchSwapDelta(_ i: Int, _ j: Int) -> Double {
        let g = Int(group[i]), h = Int(group[j])
        let gn = g &* n, hn = h &* n
        return table[hn &+ i] - table[gn &+ i] + table[gn &+ j] - table[hn &+ j] - 2 * distances[i &* n &+ j]
    }

    @inline(__always)
    func gain(_ delta: Double) -> Double { delta }

    func calibrationGain(_ i: Int, _ j: Int, leavingOutPurity: Bool, leavingOutPairs: Bool) -> Double { searchSwapDelta(i, j) }

    /// - Complexity: O(n).
    mutating func move(_ i: Int, to h: Int, delta: Double) {
        let g = Int(group[i])
        let d = distances.base, t = tableForWriting()
        let row = i &* n, from = g &* n, to = h &* n
        for k in 0..<n {
            let dik = d[row &+ k]
            t[from &+ k] -= dik
            t[to &+ k] += dik
        }
        size.makeUnique()
        group.makeUnique()
        size.base[g] &-= 1
        size.base[h] &+= 1
        group.base[i] = Int32(truncatingIfNeeded: h)
        objective += delta
    }

    /// - Complexity: O(n).
    mutating func swap(_ i: Int, _ j: Int, delta: Double) {
        let g = Int(group[i]), h = Int(group[j])
        let d = distances.base, t = tableForWriting()
        let rowI = i &* n, rowJ = j &* n, from = g &* n, to = h &* n
        for k in 0..<n {
            let change = d[rowI &+ k] - d[rowJ &+ k]
            t[from &+ k] -= change
            t[to &+ k] += change
        }
        group.makeUnique()
        group.base[i] = Int32(truncatingIfNeeded: h)
        group.base[j] = Int32(truncatingIfNeeded: g)
        objective += delta
    }

    /// The table's storage, made unique first, for an O(n) update without a uniqueness check per element.
    private mutating func tableForWriting() -> UnsafeMutablePointer<Double> {
        table.makeUnique()
        return table.base
    }

    func corruption() -> String? {
        var truth = 0.0
        for i in 0..<n { for k in (i + 1)..<n where group[i] == group[k] { truth += distances[i * n + k] } }
        return abs(truth - objective) > 1e-6 * max(1, abs(truth)) ? "score corruption: incremental \(objective), from scratch \(truth)" : nil
    }
}
