import Testing
import SparringModel

struct GroupSizingTests {
    @Test(arguments: [
        (40, 5, 7, 6...8, 7),
        (300, 5, 7, 43...60, 50),
        (42, 5, 7, 6...8, 7),
        (12, 5, 7, 2...2, 2),
        (5, 5, 7, 1...1, 1),
    ])
    func feasibleAndPreferredCounts(leaders: Int, minSize: Int, maxSize: Int, range: ClosedRange<Int>, preferred: Int) {
        let sizing = GroupSizing(minSize: minSize, maxSize: maxSize)
        #expect(sizing.feasibleGroupCounts(leaders: leaders) == range)
        #expect(sizing.preferredGroupCount(leaders: leaders) == preferred)
        #expect(sizing.diagnose(leaders: leaders).isEmpty)
    }

    @Test func balancedSizes() {
        #expect(GroupSizing.balancedSizes(leaders: 40, groups: 7) == [6, 6, 6, 6, 6, 5, 5])
        #expect(GroupSizing.balancedSizes(leaders: 300, groups: 50).allSatisfy { $0 == 6 })
    }

    @Test func infeasibleSizesExplainWhatWouldWork() {
        let sizing = GroupSizing(minSize: 5, maxSize: 7)
        #expect(sizing.feasibleGroupCounts(leaders: 8) == nil)
        #expect(sizing.diagnose(leaders: 8).map(\.description) == [
            "error: 8 leaders cannot be split into groups of 5–7\nMaybe allow other sizes: --min-size 4 or --max-size 8.",
        ])
        #expect(sizing.diagnose(leaders: 3).map(\.description) == [
            "error: 3 leaders cannot be split into groups of 5–7\nMaybe allow other sizes: put all 3 in one group with --min-size 3.",
        ])
        #expect(sizing.diagnose(leaders: 1).map(\.description) == [
            "error: the roster has 1 leader; a network needs at least 2\nMaybe check that the file holds every leader, one per row below the header.",
        ])
        #expect(sizing.diagnose(leaders: 40, groups: 9).map(\.description) == [
            "error: 40 leaders cannot form 9 groups of 5–7\nMaybe choose between 6 and 8 groups, or change the sizes.",
        ])
        #expect(GroupSizing(minSize: 7, maxSize: 5).diagnose(leaders: 40).map(\.description) == [
            "error: the largest group size (5) is smaller than the smallest (7)\nMaybe swap them: --min-size 5 --max-size 7.",
        ])
    }
}
