/// Known optimal plans for the plain case (every group of exactly `s`, no rule but group sizes), used as the
/// search's start where they exist.
enum PlanStarts {
    /// The parallel classes of the affine plane of prime order p: p² leaders as points (x, y) of Z_p², leader
    /// `x · p + y`; round 0 groups the lines x = c, round t ≥ 1 the lines y = (t − 1) · x + b. Any two points share
    /// exactly one line, so up to p + 1 rounds of p groups of p meet every pair at most once.
    /// - Returns: nil unless `groups == size`, the size is a prime and `rounds ≤ size + 1`.
    /// - Complexity: O(rounds · p²).
    static func affinePlane(groups: Int, size: Int, rounds: Int) -> [[Int32]]? {
        let p = size
        guard groups == p, p >= 2, rounds <= p + 1, (2..<p).allSatisfy({ p % $0 != 0 }) else { return nil }
        return (0..<rounds).map { t in
            (0..<(p * p)).map { leader in
                let x = leader / p, y = leader % p
                // Round 0: the vertical lines; round t: slope t − 1, group = intercept b = y − (t − 1)·x mod p.
                return Int32(t == 0 ? x : ((y - (t - 1) * x) % p + p) % p)
            }
        }
    }
}
