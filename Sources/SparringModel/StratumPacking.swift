/// The most leaders of one small stratum that pure groups can hold when some of them must not share a group
/// (reporting lines, loyalty conflicts): groups of `min…max` members, none holding a hard pair.
///
/// Exact for strata of up to ``exactLimit`` leaders (at most two groups at the usual 5–7): every independent
/// set of an allowed size is tried as the first group, the second group is the largest independent set of an
/// allowed size among the rest. Larger strata are split by sizes alone (their hard pairs are few against the
/// number of groups, and the search spreads them). With a mixing attribute, every group must also hold two of
/// its values (a sector network's group two ranks). A sector network's field holds its whole reporting
/// hierarchy, so a field of nine with a chef and two institution leaders over six team leaders may hold
/// fewer than seven pure members — this says how many.
public enum StratumPacking {
    /// Strata up to this size are packed exactly (2^size subsets at most).
    public static let exactLimit = 14

    /// - Parameters:
    ///   - count: leaders in the stratum, numbered 0..<count.
    ///   - conflicts: hard pairs between them (by those numbers).
    ///   - mixing: per leader a value of the attribute every group must hold two values of (a sector network's
    ///     rank; negative: none), or nil when groups need not mix.
    /// - Returns: the groups (lists of numbers) of a best packing; members left out belong in mixed groups.
    ///   Nil when the stratum is too large to pack exactly.
    /// - Complexity: O(2^count · count) for `count ≤ exactLimit`.
    public static func pack(count: Int, conflicts: [(Int, Int)], mixing: [Int32]? = nil, sizing: GroupSizing) -> [[Int]]? {
        guard count <= exactLimit else { return nil }
        guard count >= sizing.minSize else { return [] }
        var adjacent = [Int](repeating: 0, count: count)
        for (a, b) in conflicts where a != b { adjacent[a] |= 1 << b; adjacent[b] |= 1 << a }
        func independent(_ mask: Int) -> Bool {
            var rest = mask
            while rest != 0 {
                let i = rest.trailingZeroBitCount
                if adjacent[i] & mask != 0 { return false }
                rest &= rest - 1
            }
            return true
        }
        /// Whether the leaders in `mask` hold two values of the mixing attribute (always, without one). O(count).
        func mixes(_ mask: Int) -> Bool {
            guard let mixing else { return true }
            var first: Int32 = -1, rest = mask
            while rest != 0 {
                let value = mixing[rest.trailingZeroBitCount]
                if value >= 0 { if first < 0 { first = value } else if value != first { return true } }
                rest &= rest - 1
            }
            return false
        }
        let full = (1 << count) - 1
        // Independent sets of an allowed size, largest first.
        var candidates: [Int] = []
        for mask in 1...full {
            let size = mask.nonzeroBitCount
            if size >= sizing.minSize && size <= sizing.maxSize && independent(mask) && mixes(mask) { candidates.append(mask) }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort { ($0.nonzeroBitCount, $1) > ($1.nonzeroBitCount, $0) }
        // Among packings of the same size, one whose left-out leaders hold no hard pair either is better: they
        // go to the mixed groups, which may be few.
        func key(_ groups: [Int]) -> (Int, Int) {
            let used = groups.reduce(0, |)
            return (used.nonzeroBitCount, independent(full & ~used) ? 1 : 0)
        }
        var best: [Int] = [candidates[0]]
        var bestKey = key(best)
        for first in candidates {
            let size = first.nonzeroBitCount
            if size < bestKey.0 && count < 2 * sizing.minSize { break }
            if size + (count >= 2 * sizing.minSize ? sizing.maxSize : 0) < bestKey.0 { break }
            if key([first]) > bestKey { best = [first]; bestKey = key(best) }
            guard count >= 2 * sizing.minSize else { continue }
            // The second group: the largest candidates disjoint from the first (candidates are sorted).
            for second in candidates where second & first == 0 {
                if size + second.nonzeroBitCount < bestKey.0 { break }
                let pair = [first, second]
                if key(pair) > bestKey { best = pair; bestKey = key(pair) }
                if bestKey.1 == 1 { break }
            }
            if bestKey == (count, 1) { break }
        }
        return best.map { mask in (0..<count).filter { mask & (1 << $0) != 0 } }
    }
}
