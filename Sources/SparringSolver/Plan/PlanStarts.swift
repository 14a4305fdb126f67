/// Known optimal plans for the plain case (every group of exactly `s`, no rule but group sizes), used as the
/// search's start where they exist.
enum PlanStarts {
    /// The parallel classes of the affine plane of prime order p: ``transversalDesign(groups:size:rounds:)`` with
    /// groups of p (which also covers prime powers). Any two of the p² leaders share exactly one line, so up to
    /// p + 1 rounds of p groups of p meet every pair at most once.
    /// - Returns: nil unless `groups == size`, the size is a prime and `rounds ≤ size + 1`.
    /// - Complexity: O(rounds · p² + p² · log p) (the field's tables).
    static func affinePlane(groups: Int, size: Int, rounds: Int) -> [[Int32]]? {
        guard groups == size, rounds <= size + 1, FiniteField.primePower(size)?.1 == 1, let design = transversalDesign(groups: groups, size: size, rounds: rounds),
              design.count == rounds else { return nil }
        return design
    }

    /// The rounds of a resolvable transversal design TD(s, q) over the field GF(q), q = `groups` a prime power and
    /// s = `size` ≤ q: the s · q leaders are points (i, x), i < s, x ∈ GF(q), leader `i · q + x`. Round a ∈ GF(q)
    /// puts (i, x) in group x − a · αᵢ (αᵢ the field's i-th element): two points (i, x), (j, y), i ≠ j, share the
    /// group of round a only for a = (x − y) / (αᵢ − αⱼ), so every pair of different i meets at most once over
    /// the q rounds, and points of one i never. When s divides q, one more round splits each i's q points into
    /// groups of s. With s = q this is the affine plane of order q.
    /// - Returns: the first min(`rounds`, q or q + 1) rounds; nil unless q is a prime power ≤ ``FiniteField/orderLimit``
    ///   and 2 ≤ s ≤ q.
    /// - Complexity: O(rounds · s · q) plus the field's tables.
    static func transversalDesign(groups q: Int, size s: Int, rounds: Int) -> [[Int32]]? {
        guard s >= 2, s <= q, rounds >= 1, let field = FiniteField(order: q) else { return nil }
        let available = q + (q % s == 0 ? 1 : 0)
        return (0..<min(rounds, available)).map { a in
            (0..<(s * q)).map { leader in
                let i = leader / q, x = leader % q
                // The round after the q parallel classes: each i's points, s at a time.
                if a == q { return Int32(i * (q / s) + x / s) }
                return Int32(field.subtract(x, field.multiply(a, i)))
            }
        }
    }
}

/// The finite field GF(q), q = pᵉ a prime power, by its addition and multiplication tables: elements 0..<q are the
/// polynomials over Z_p of degree < e (coefficients as base-p digits), multiplied modulo a monic polynomial of
/// degree e found by trying them in turn until the tables have no zero divisor (then the ring is a field).
struct FiniteField {
    /// The largest order built (tables of q² entries).
    static let orderLimit = 1024
    /// q.
    let order: Int
    private let sum: [Int32]
    private let product: [Int32]
    private let negation: [Int32]

    /// - Returns: nil unless `q` is a prime power in 2...``orderLimit``.
    /// - Complexity: O(q² · e) per modulus tried (a few, as about one monic polynomial of degree e in e is irreducible).
    init?(order q: Int) {
        guard q >= 2, q <= Self.orderLimit, let (p, e) = Self.primePower(q) else { return nil }
        order = q
        var sum = [Int32](repeating: 0, count: q * q)
        for a in 0..<q { for b in 0..<q { sum[a * q + b] = Int32(Self.digitwiseSum(a, b, p: p, digits: e)) } }
        self.sum = sum
        var negation = [Int32](repeating: 0, count: q)
        for a in 0..<q { negation[a] = Int32((0..<q).first { sum[a * q + $0] == 0 }!) }
        self.negation = negation
        if e == 1 {
            product = (0..<(q * q)).map { Int32(($0 / q) * ($0 % q) % q) }
            return
        }
        // Try the monic moduli xᵉ + (lower terms), lower terms numbered 0..<q; the constant term must not be 0.
        for lower in 1..<q {
            let table = Self.productTable(q: q, p: p, e: e, lower: lower, sum: sum)
            if Self.hasNoZeroDivisor(table, q: q) {
                product = table
                return
            }
        }
        return nil
    }

    /// `a + b`. O(1).
    func add(_ a: Int, _ b: Int) -> Int { Int(sum[a * order + b]) }
    /// `a − b`. O(1).
    func subtract(_ a: Int, _ b: Int) -> Int { Int(sum[a * order + Int(negation[b])]) }
    /// `a · b`. O(1).
    func multiply(_ a: Int, _ b: Int) -> Int { Int(product[a * order + b]) }

    /// (p, e) with q = pᵉ, p prime; nil if q is no prime power. O(√q).
    static func primePower(_ q: Int) -> (Int, Int)? {
        guard q >= 2 else { return nil }
        var p = 2
        while p * p <= q && q % p != 0 { p += 1 }
        if q % p != 0 { p = q }
        var rest = q, e = 0
        while rest % p == 0 { rest /= p; e += 1 }
        return rest == 1 ? (p, e) : nil
    }

    /// The sum of two polynomials written as base-p digits. O(e).
    private static func digitwiseSum(_ a: Int, _ b: Int, p: Int, digits e: Int) -> Int {
        var a = a, b = b, result = 0, weight = 1
        for _ in 0..<e {
            result += ((a % p + b % p) % p) * weight
            a /= p; b /= p; weight *= p
        }
        return result
    }

    /// The product table modulo xᵉ + `lower` (lower terms as base-p digits): a · b = Σ bₖ · (a · xᵏ), each a · xᵏ
    /// one shift and reduction from the last. O(q² · e).
    private static func productTable(q: Int, p: Int, e: Int, lower: Int, sum: [Int32]) -> [Int32] {
        // x · a: shift the digits up; the digit falling out (times xᵉ = −lower) is folded back.
        func timesX(_ a: Int) -> Int {
            let top = a / (q / p), shifted = (a % (q / p)) * p
            var result = shifted
            // Subtract top · lower, i.e. add (p − top) · lower digitwise.
            for _ in 0..<((p - top) % p) { result = Int(sum[result * q + lower]) }
            return result
        }
        // Scalar multiples c · a for digits c: repeated addition.
        func scaled(_ a: Int, by c: Int) -> Int {
            var result = 0
            for _ in 0..<c { result = Int(sum[result * q + a]) }
            return result
        }
        var table = [Int32](repeating: 0, count: q * q)
        for a in 0..<q {
            var power = a  // a · xᵏ
            var digitsOfB = [Int](repeating: 0, count: e)
            var shifts = [Int](repeating: 0, count: e)
            for k in 0..<e { shifts[k] = power; power = timesX(power) }
            for b in 0..<q {
                var rest = b
                for k in 0..<e { digitsOfB[k] = rest % p; rest /= p }
                var result = 0
                for k in 0..<e where digitsOfB[k] > 0 { result = Int(sum[result * q + scaled(shifts[k], by: digitsOfB[k])]) }
                table[a * q + b] = Int32(result)
            }
        }
        return table
    }

    /// Whether no two non-zero elements multiply to 0 (a finite commutative ring with 1 and no zero divisor is a
    /// field). O(q²).
    private static func hasNoZeroDivisor(_ table: [Int32], q: Int) -> Bool {
        for a in 1..<q { for b in 1..<q where table[a * q + b] == 0 { return false } }
        return true
    }
}
