/// A minimum-cost flow on a small directed graph with integer capacities and costs: successive shortest paths,
/// each found by Bellman–Ford on the residual graph (costs may be negative there), so the flow found is of the most
/// units possible and, among those, of the least cost (no negative cycle is ever left in the residual graph).
///
/// - Complexity: O(F · V · E) for a flow of F units; the facilitators' graph has facilitators + groups + 2 nodes.
struct MinCostFlow {
    private var head: [Int]
    private var next: [Int] = []
    private var to: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int] = []

    /// A graph of `nodes` nodes and no edge.
    init(nodes: Int) { head = [Int](repeating: -1, count: nodes) }

    /// Adds an edge `from → to` of `capacity` units at `cost` each; returns its index (see ``flow(on:)``).
    @discardableResult
    mutating func addEdge(from: Int, to target: Int, capacity units: Int, cost price: Int) -> Int {
        let index = to.count
        for (a, b, c, p) in [(from, target, units, price), (target, from, 0, -price)] {
            to.append(b)
            capacity.append(c)
            cost.append(p)
            next.append(head[a])
            head[a] = to.count - 1
        }
        return index
    }

    /// The units an edge (an index ``addEdge(from:to:capacity:cost:)`` returned) carries. O(1).
    func flow(on edge: Int) -> Int { capacity[edge + 1] }

    /// Sends as many units as possible from `source` to `sink` at the least cost, at most `limit`.
    /// - Returns: the units sent and their cost.
    mutating func run(from source: Int, to sink: Int, limit: Int = .max) -> (units: Int, cost: Int) {
        let n = head.count
        var units = 0, total = 0
        while units < limit {
            var distance = [Int](repeating: .max, count: n), via = [Int](repeating: -1, count: n)
            distance[source] = 0
            // Bellman–Ford: at most n − 1 rounds of relaxing every residual edge.
            for _ in 0..<max(1, n - 1) {
                var changed = false
                for a in 0..<n where distance[a] != .max {
                    var e = head[a]
                    while e >= 0 {
                        if capacity[e] > 0 && distance[a] + cost[e] < distance[to[e]] {
                            distance[to[e]] = distance[a] + cost[e]
                            via[to[e]] = e
                            changed = true
                        }
                        e = next[e]
                    }
                }
                if !changed { break }
            }
            guard distance[sink] != .max else { break }
            // The path's bottleneck, then push it.
            var push = limit - units, node = sink
            while node != source { let e = via[node]; push = min(push, capacity[e]); node = to[e ^ 1] }
            node = sink
            while node != source { let e = via[node]; capacity[e] -= push; capacity[e ^ 1] += push; node = to[e ^ 1] }
            units += push
            total += push * distance[sink]
        }
        return (units, total)
    }
}
