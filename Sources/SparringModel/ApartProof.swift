/// Exact proofs that the leaders who must be kept apart (reporting lines, loyalty conflicts) cannot be, so that
/// such a set-up is refused before any search as proven impossible, and a hard rule the search leaves broken
/// otherwise is known to be unsolved rather than impossible.
///
/// Two proofs, both exact: with two groups, a ring of an odd number of leaders, each to be kept apart from the
/// next, cannot be split in two (a graph is 2-colourable exactly when it has no odd cycle); and a small cluster
/// of leaders linked by separations (at most ``exhaustiveLimit``) is tried every way into the groups, each
/// group holding at most the largest size. Both look at the separations alone, a relaxation of the whole
/// problem: what they prove impossible is impossible, whatever the other rules.
public enum ApartProof {
    /// The largest cluster tried every way.
    public static let exhaustiveLimit = 16

    /// What was proven.
    public enum Finding: Equatable, Sendable {
        /// With two groups: leaders in a ring of odd length, each kept apart from the next (in ring order).
        case oddRing([Int])
        /// A cluster that cannot be split into the groups (sorted).
        case cluster([Int])
    }

    /// Every proof found, at most one per cluster (connected component of the separations).
    /// - Complexity: O(n + separations) for the components and the ring; the exhaustive search is exponential
    ///   in the cluster size, bounded by ``exhaustiveLimit`` and pruned by symmetry (a new group only after the
    ///   groups in use).
    public static func findings(leaders n: Int, separations: [Separation], groups: Int, maxSize: Int) -> [Finding] {
        guard groups >= 1, !separations.isEmpty else { return [] }
        var apart = [[Int]](repeating: [], count: n)
        for separation in separations {
            let a = Int(separation.pair.first), b = Int(separation.pair.second)
            guard a != b, a < n, b < n else { continue }
            apart[a].append(b)
            apart[b].append(a)
        }
        var component = [Int](repeating: -1, count: n)
        var found: [Finding] = []
        for root in 0..<n where component[root] < 0 && !apart[root].isEmpty {
            // Breadth-first: the cluster, and a 2-colouring with parents to name an odd ring.
            var members = [root], side = [root: 0], parent = [root: -1], k = 0, odd: (Int, Int)?
            component[root] = root
            while k < members.count {
                let i = members[k]
                k += 1
                for j in apart[i] {
                    if component[j] < 0 {
                        component[j] = root
                        side[j] = 1 - side[i]!
                        parent[j] = i
                        members.append(j)
                    } else if side[j] == side[i] && odd == nil {
                        odd = (i, j)
                    }
                }
            }
            if groups == 2, let (a, b) = odd {
                found.append(.oddRing(ring(a, b, parent: parent)))
            } else if members.count <= exhaustiveLimit, !fits(members.sorted(), apart: apart, groups: groups, maxSize: maxSize) {
                found.append(.cluster(members.sorted()))
            }
        }
        return found
    }

    /// The odd ring closed by the edge a–b between two leaders on the same side: a up to the nearest common
    /// ancestor, then down to b. O(ring).
    private static func ring(_ a: Int, _ b: Int, parent: [Int: Int]) -> [Int] {
        var up = [a], seen = Set([a])
        var x = a
        while let p = parent[x], p >= 0 { up.append(p); seen.insert(p); x = p }
        var down = [b]
        x = b
        while !seen.contains(x), let p = parent[x], p >= 0 { down.append(p); x = p }
        let meet = down.last!
        let left = up.prefix { $0 != meet } + [meet]
        return Array(left) + down.dropLast().reversed()
    }

    /// Whether `members` can be split into at most `groups` groups of at most `maxSize`, no two who must be apart
    /// together: backtracking, each leader into a group in use or the next new one.
    private static func fits(_ members: [Int], apart: [[Int]], groups: Int, maxSize: Int) -> Bool {
        var index: [Int: Int] = [:]
        for (p, i) in members.enumerated() { index[i] = p }
        let neighbours = members.map { apart[$0].compactMap { index[$0] } }
        // Most separations first: failures show early.
        let order = members.indices.sorted { (neighbours[$1].count, $0) < (neighbours[$0].count, $1) }
        var group = [Int](repeating: -1, count: members.count), size = [Int](repeating: 0, count: min(groups, members.count))
        func place(_ k: Int, used: Int) -> Bool {
            if k == order.count { return true }
            let p = order[k]
            for g in 0..<min(used + 1, size.count) where size[g] < maxSize && !neighbours[p].contains(where: { group[$0] == g }) {
                group[p] = g
                size[g] += 1
                if place(k + 1, used: max(used, g + 1)) { return true }
                size[g] -= 1
                group[p] = -1
            }
            return false
        }
        return place(0, used: 0)
    }
}
