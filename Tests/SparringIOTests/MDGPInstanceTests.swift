import Testing
import SparringIO
import SparringModel
import SparringTestSupport

struct MDGPInstanceTests {
    @Test func readsMDGPLIBFiles() throws {
        let instance = try MDGPInstance.read(path: Fixtures.path("mdgp/Geo_n010_ss_01.txt"))
        #expect(instance.elements == 10)
        #expect(instance.groups == 2)
        #expect(instance.lowerBounds == [5, 5])
        #expect(instance.upperBounds == [5, 5])
        #expect(instance.distances[0 * 10 + 1] == 185.882)
        #expect(instance.distances[1 * 10 + 0] == 185.882)
        #expect(instance.distances[0 * 10 + 2] == 162.881)
        let ds = try MDGPInstance.read(path: Fixtures.path("mdgp/RanInt_n012_ds_01.txt"))
        #expect(ds.elements == 12)
        #expect(ds.lowerBounds.count == 4)
        #expect(zip(ds.lowerBounds, ds.upperBounds).allSatisfy { $0 <= $1 })
    }

    @Test func objectiveSumsPairsWithinGroups() throws {
        let text = "3 1 ss 3 3 \n0 1 1.5\n0 2 2\n1 2 4\n"
        let instance = try MDGPInstance.parse(bytes: Array(text.utf8), file: "t.txt")
        #expect(instance.objective(groups: [0, 0, 0]) == 7.5)
    }

    @Test(arguments: [
        ("3 1 xx 3 3\n", "t.txt:1:7: error: the instance type \"xx\" is neither ss nor ds\nMaybe the first line must read: n m ss|ds a_1 b_1 … a_m b_m."),
        ("3 1 ss 3 3\n0 1 1.5\n0 2\n", "t.txt:4:1: error: expected a distance, found the end of the file\nMaybe distances are decimal numbers such as 42.537; check that the file is complete."),
        ("3 1 ss 3 3\n0 1 1.5\n0 x 2\n1 2 4\n", "t.txt:3:3: error: expected an element index, found \"x\"\nMaybe MDGPLIB files hold whole numbers here; check that the file is complete."),
        ("3 2 ss 1 1 1 1\n", "t.txt:1:1: error: the group bounds cannot hold 3 elements\nMaybe check the bounds on the first line."),
    ])
    func refusesMalformedInstances(text: String, message: String) {
        do {
            _ = try MDGPInstance.parse(bytes: Array(text.utf8), file: "t.txt")
            Issue.record("parsed a malformed instance")
        } catch {
            #expect(error.description == message)
        }
    }
}
