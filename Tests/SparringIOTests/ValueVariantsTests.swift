import Testing
import SparringIO
import SparringModel

/// `K` beside `Kvinde` never makes a third gender in silence.
struct ValueVariantsTests {
    func warnings(_ text: String) throws -> [String] {
        try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "in.csv")).warnings.map { $0.rendered(in: Words(.da)) }
    }

    @Test func abbreviationsAndCaseAreWarningsWithTheFix() throws {
        let text = "nr;navn;køn;fag\n1;A;K;Skole\n2;B;Kvinde;skole\n3;C;M;Skole\n4;D;Mand;Dagtilbud\n5;E;Kvinde;Dag tilbud\n6;F;Kvinde;Dagtilbud\n"
        let found = try warnings(text)
        #expect(found == [
            "in.csv:2:5: advarsel: kolonnen \"køn\": \"Kvinde\" (3×) og \"K\" (1×); \"Mand\" (1×) og \"M\" (1×) ligner den samme værdi skrevet på forskellige måder, men de tæller som forskellige værdier\nTip: skriv hver værdi ens i alle rækker, fx ved at erstatte \"K\" med \"Kvinde\" (Excel: Startside › Søg og vælg › Erstat, med \"Match hele celleindholdet\").",
            "in.csv:3:12: advarsel: kolonnen \"fag\": \"Skole\" (2×) og \"skole\" (1×) er den samme værdi skrevet på forskellige måder; de tæller som én og vises som \"Skole\"\nTip: erstat \"skole\" med \"Skole\", så den samme stavemåde står overalt (intet går tabt, som det er).",
            "in.csv:6:12: advarsel: kolonnen \"fag\": \"Dagtilbud\" (2×) og \"Dag tilbud\" (1×) ligner den samme værdi skrevet på forskellige måder, men de tæller som forskellige værdier\nTip: skriv hver værdi ens i alle rækker, fx ved at erstatte \"Dag tilbud\" med \"Dagtilbud\" (Excel: Startside › Søg og vælg › Erstat, med \"Match hele celleindholdet\").",
        ])
    }

    @Test func distinctValuesAreLeftAlone() throws {
        #expect(try warnings("nr;køn;distrikt;fag\n1;kvinde;Nord;Skole\n2;mand;Nordvest;Skoleområdet\n3;kvinde;Syd;SFO\n").isEmpty)
    }
}
