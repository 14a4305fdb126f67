import Testing
import SparringModel

struct DisplayTextTests {
    @Test(arguments: [
        ("Ann\u{1B}[2JE", "Ann<U+001B>[2JE"),
        ("Bo\u{202E}gnp.exe", "Bo<U+202E>gnp.exe"),
        ("bell\u{07}", "bell<U+0007>"),
        ("over\rwrite", "over<U+000D>write"),
        ("back\u{08}space", "back<U+0008>space"),
        ("nul\u{0}", "nul<U+0000>"),
        ("del\u{7F}", "del<U+007F>"),
        ("c1\u{80}\u{9B}\u{9F}", "c1<U+0080><U+009B><U+009F>"),
        ("two\nlines\ttab", "two<U+000A>lines<U+0009>tab"),
        ("crlf\r\n", "crlf<U+000D><U+000A>"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "<U+202A><U+202B><U+202C><U+202D>"),
        ("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "<U+2066>a<U+2067>b<U+2068>c<U+2069>"),
        ("\u{200E}\u{200F}\u{061C}", "<U+200E><U+200F><U+061C>"),
        ("line\u{2028}para\u{2029}", "line<U+2028>para<U+2029>"),
    ])
    func makesControlAndBidiCharactersVisible(raw: String, shown: String) {
        #expect(displaySafe(raw) == shown)
        #expect(displaySafe(shown) == shown)
    }

    /// Text that only looks near the replaced ranges (same UTF-8 lead bytes 0xC2, 0xD8, 0xE2) stays as it is.
    @Test(arguments: ["Hanne Holm", "Søren Ærø-Åby", "", "Ældre – 3 °C, 5 €", "\u{A0}§½", "عربي", "\u{200D}👩‍👩‍👧", "x\u{2030}\u{2065}\u{206A}",
                      "<U+001B>", "Café\u{301}"])
    func leavesOrdinaryTextAlone(text: String) {
        #expect(displaySafe(text) == text)
        #expect(displaySafe(text, keepingNewlinesAndTabs: true) == text)
    }

    /// The console's form (``Console/terminalSafe(_:)`` in the command line): line feeds and tabs kept, the rest shown.
    @Test func terminalFormKeepsNewlinesAndTabs() {
        #expect(displaySafe("group 1:\tAnn\u{1B}[2JE\n  Bo\u{202E}gnp.exe\r\n", keepingNewlinesAndTabs: true)
            == "group 1:\tAnn<U+001B>[2JE\n  Bo<U+202E>gnp.exe<U+000D>\n")
        #expect(displaySafe("a\nb\tc", keepingNewlinesAndTabs: true) == "a\nb\tc")
    }
}
