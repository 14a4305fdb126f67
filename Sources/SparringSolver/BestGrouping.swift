/// The best grouping a run has seen, kept up to date in time proportional to the changes since it was last
/// taken, not to the number of elements.
///
/// Copying the whole grouping at every new best costs O(n) each time; early in a run nearly every accepted
/// change is a new best, so at 300,000 leaders that copy took a third of the search's time. Instead the
/// elements changed since the best are listed (``touched(_:)``), and a new best rewrites only those
/// (``take(_:)``). When the list grows past a share of n (a long walk away from the best) it is dropped and
/// the next new best copies the whole grouping, so the cost per accepted change stays O(1) amortised.
/// ``groups`` is the same, element for element, as a full copy at every new best would give.
struct BestGrouping {
    /// The best grouping: equal to the state's at the last ``take(_:)``.
    private(set) var groups: [Int32]
    /// Elements whose group may have changed since the last ``take(_:)`` (with repeats): the first
    /// ``changedCount`` of a fixed buffer, so that noting one is a store (no growth, no uniqueness check).
    private var changed: UncheckedArray<Int32>
    private var changedCount = 0
    /// Whether more changed than the buffer holds: the next ``take(_:)`` copies everything.
    private var overflowed = false

    /// - Complexity: O(n).
    init(_ groups: [Int32]) {
        self.groups = groups
        changed = UncheckedArray(repeating: 0, count: max(64, groups.count / 8))
    }

    /// Notes that element `i` may have changed group since the best was taken. O(1).
    @inline(__always)
    mutating func touched(_ i: Int) {
        if changedCount < changed.count {
            changed.base[changedCount] = Int32(truncatingIfNeeded: i)
            changedCount &+= 1
        } else {
            overflowed = true
        }
    }

    /// Takes the state's grouping as the new best.
    /// - Complexity: O(changes since the last take), or O(n) after an overflow.
    mutating func take<State: AnnealingState>(_ state: State) {
        if overflowed {
            groups = state.groups
            overflowed = false
        } else {
            for k in 0..<changedCount {
                let i = Int(changed[k])
                groups[i] = Int32(truncatingIfNeeded: state.groupOf(i))
            }
        }
        changedCount = 0
    }
}
