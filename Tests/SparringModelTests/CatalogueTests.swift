import Foundation
import Testing
@testable import SparringModel

/// Every language has every text: the same keys as the English catalogue, the same placeholders, nothing
/// empty; every key the code names exists.
struct CatalogueTests {
    @Test(arguments: Language.allCases.filter { $0 != .en })
    func everyKeyHasATranslation(_ language: Language) {
        let english = Words.keys(of: .en), other = Words.keys(of: language)
        #expect(english.subtracting(other).sorted() == [], "texts missing in \(language.rawValue)")
        #expect(other.subtracting(english).sorted() == [], "texts in \(language.rawValue) that English lacks")
    }

    @Test(arguments: Language.allCases)
    func translationsUseTheSamePlaceholders(_ language: Language) {
        for key in Words.keys(of: .en).sorted() {
            guard let english = Words.template(key, in: .en), let translated = Words.template(key, in: language) else { continue }
            #expect(Words.placeholders(in: translated) == Words.placeholders(in: english), "\(language.rawValue) \(key): \(translated)")
            #expect(!translated.isEmpty || english.isEmpty, "\(language.rawValue) \(key) is empty")
        }
    }

    /// Scans the sources for keys written as literals (`Message("key"`, `words("key"`) and for the key
    /// families built from a value, and checks each exists in English (and so, by the test above, everywhere).
    @Test func everyKeyTheCodeUsesExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.path.contains("/Text/") }
        let pattern = try NSRegularExpression(pattern: #"(?:Message|words|Words\(\.[a-z]+\))\(\s*"([a-zA-Z][a-zA-Z0-9_.]*)""#)
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(used.count > 100, "the scan found too few keys: \(used.count)")
        let known = Words.keys(of: .en)
        #expect(used.subtracting(known).sorted() == [])
        // Keys built from a value.
        for typology in Typology.allCases { for part in ["name", "rule", "purpose"] { #expect(known.contains("typology.\(typology.rawValue).\(part)")) } }
        for kind in ["categorical", "ordinal", "numeric"] { #expect(known.contains("check.kind.\(kind)")) }
        for month in 1...12 { #expect(known.contains("date.month.\(month)")) }
        for kind in ["device", "pipe", "socket", "loop"] { #expect(known.contains("output.kind.\(kind)")) }
        for option in ["out", "json", "report", "groups-out"] { #expect(known.contains("output.example.\(option)")) }
        for format in ["ods", "numbers"] { #expect(known.contains("input.\(format)") && known.contains("input.\(format).hint")) }
    }

    @Test func placeholdersPluralsAndNumbers() {
        let da = Words(.da), en = Words(.en)
        #expect(en.fill("{0} {0|leader|leaders}", [.int(1)]) == "1 leader")
        #expect(en.fill("{0} {0|leader|leaders}", [.int(2)]) == "2 leaders")
        #expect(da.fill("{0|én gruppe|{0} grupper}", [.int(3)]) == "3 grupper")
        #expect(da.number(22.5) == "22,5" && en.number(22.5) == "22.5")
        #expect(da.number(-2) == "-2" && da.number(0.25) == "0,25")
        #expect(da.score(-673.519) == "-673,52" && en.score(6485.37) == "6485.37")
        #expect(da.integer(12_345) == "12.345" && en.integer(12_345) == "12,345" && da.integer(1234) == "1234")
        #expect(da.render(.list(["A", "B", "C"])) == "A, B og C" && en.render(.list(["A", "B"])) == "A and B")
        #expect(da.render(.quoted("")) == "en tom celle" && en.render(.quoted("ti år")) == "\"ti år\"")
        #expect(da.percent(0.996) == "99 %" && en.percent(0.004) == "1%")
    }

    @Test func diagnosticsRenderInEitherLanguage() {
        let diagnostic = Diagnostic.error("r.csv", 5, 12, Message("settings.unknownAttribute", "weight", "kon"), hint: Message("settings.useOneOf", "Køn, Fag"))
        #expect(diagnostic.description == "r.csv:5:12: error: --weight kon=…: the roster has no attribute \"kon\"\nMaybe use one of: Køn, Fag.")
        #expect(diagnostic.rendered(in: Words(.da)) == "r.csv:5:12: fejl: --weight kon=…: lederlisten har ingen kolonne \"kon\"\nTip: brug en af: Køn, Fag.")
    }

    @Test func rosterLanguageFollowsItsHeaders() {
        #expect(Language.of(headers: ["nr", "navn", "fagområde", "lederniveau", "køn"]) == .da)
        #expect(Language.of(headers: ["Navn", "Fag", "Charge", "Køn", "Nærmeste leder"]) == .da)
        #expect(Language.of(headers: ["id", "name", "field", "rank", "gender"]) == .en)
        #expect(Language.of(headers: ["id", "name", "shoe size"]) == .en)
        #expect(Language.of(headers: ["a", "b"]) == .en)
    }

    @Test(arguments: [
        ("local", Typology.local), ("lokal", .local), ("Lokale", .local), ("lokale netværk", .local), ("LOKALT", .local),
        ("cross", .cross), ("tværgående", .cross), ("Tværgående netværk", .cross), ("tvaergaaende", .cross),
        ("sector", .sector), ("sektor", .sector), ("sektornetværk", .sector),
        ("broad", .broad), ("bred", .broad), ("brede", .broad), ("brede netværk", .broad),
    ])
    func typologiesByTheirDanishNames(_ name: String, _ typology: Typology) {
        #expect(Typology(name: name) == typology)
    }

    @Test func unknownTypologyNames() {
        for name in ["", "lokalsamfund", "wide", "netværk"] { #expect(Typology(name: name) == nil) }
    }
}
