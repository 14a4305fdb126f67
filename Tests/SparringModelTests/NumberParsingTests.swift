import Testing
import SparringModel

struct NumberParsingTests {
    @Test(arguments: [
        ("12", 12.0), ("3,5", 3.5), ("3.5", 3.5), (" 7 ", 7.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
        ("-2", -2.0), ("\u{2212}2", -2.0), ("0", 0.0), ("\u{00A0}4\u{00A0}", 4.0),
    ])
    func parses(text: String, value: Double) {
        #expect(parseLooseNumber(text) == value)
    }

    @Test(arguments: ["", "ti år", "3,5,6", "12 år", "nan", "inf", "0x10", "--1", "1e400"])
    func rejects(text: String) {
        #expect(parseLooseNumber(text) == nil)
    }
}
