import Foundation
import Testing
@testable import SparringCLI
@testable import SparringIO
import SparringModel
import SparringTestSupport

/// Private, clean outputs from the command line: permissions, links, devices, locks, output names, formula
/// cells in every CSV, partial files after kill -9, and every problem in the roster's language.
struct OutputsTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        #expect(stat(path, &info) == 0, "\(path)")
        return info.st_mode & 0o777
    }

    /// A folder with the small Danish roster as `ledere.csv`, with `mode`.
    static func danishRoster(mode: mode_t = 0o644) throws -> (folder: String, roster: String) {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/ledere.csv"
        try FileManager.default.copyItem(atPath: Fixtures.path("small-danish.csv"), toPath: roster)
        #expect(chmod(roster, mode) == 0)
        return (folder, roster)
    }

    // MARK: Permissions and links

    @Test func everyOutputOfAPrivateRosterIsPrivate() throws {
        let (folder, roster) = try Self.danishRoster(mode: 0o600)
        let outputs = ["grupper.csv", "resultat.json", "rapport.html", "brevfletning.csv", "grupper.xlsx"].map { folder + "/" + $0 }
        let result = run(["solve", roster, "--moves", "2000", "--threads", "1", "--out", outputs[0], "--json", outputs[1], "--report", outputs[2],
                          "--groups-out", outputs[3]])
        #expect(result.code == 0 || result.code == Sparring.hardRuleBroken, "\(result.err)")
        #expect(run(["score", roster, outputs[0], "--out", outputs[4]]).code == 0)
        for path in outputs { #expect(Self.mode(path) == 0o600, "\(path)") }
    }

    @Test func anExistingPrivateOutputStaysPrivate() throws {
        let (folder, roster) = try Self.danishRoster(mode: 0o644)
        let out = folder + "/grupper.csv", json = folder + "/resultat.json"
        try Data("gammel\n".utf8).write(to: URL(fileURLWithPath: out))
        #expect(chmod(out, 0o600) == 0)
        let result = run(["solve", roster, "--moves", "2000", "--threads", "1", "--out", out, "--json", json])
        #expect(result.code == 0 || result.code == Sparring.hardRuleBroken, "\(result.err)")
        #expect(Self.mode(out) == 0o600)
        #expect(Self.mode(json) & 0o600 == 0o600 && Self.mode(json) & ~0o644 == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("gruppe"))
    }

    @Test func solveWritesThroughASymbolicLink() throws {
        let (folder, roster) = try Self.danishRoster()
        try FileManager.default.createDirectory(atPath: folder + "/delt", withIntermediateDirectories: true)
        let target = folder + "/delt/grupper.csv", link = folder + "/grupper.csv"
        try Data("gammel\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = run(["solve", roster, "--moves", "2000", "--threads", "1", "--out", link])
        #expect(result.code == 0 || result.code == Sparring.hardRuleBroken, "\(result.err)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains(";gruppe"))
    }

    // MARK: Formula cells

    /// A roster with formula-like names, ids and values, and negative numbers that must stay numbers.
    static func formulaRoster(in folder: String) throws -> String {
        var lines = ["nr;navn;fagområde;lederniveau;køn;anciennitet;tillæg"]
        for i in 1...12 {
            let name = [1: "\"=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"", 2: "+45 1234", 3: "@SUM(A1)", 4: "-Bo"][i] ?? "Leder \(i)"
            let id = [6: "-A6", 7: "=7"][i] ?? String(i)
            let field = i == 5 ? "=1+1" : (i % 2 == 0 ? "Skole" : "Dagtilbud")
            let extra = [8: "-3,5", 9: "-"][i] ?? "-\(i % 3)"
            lines.append("\(id);\(name);\(field);leder;\(i % 2 == 0 ? "kvinde" : "mand");\(i);\(extra)")
        }
        let path = folder + "/ledere.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every cell of a CSV file Sparring wrote is safe: a spreadsheet runs none as a formula.
    static func cells(_ path: String) throws -> [String] {
        let table = try CSVReader.parse(bytes: Array(FileManager.default.contents(atPath: path)!), file: path)
        return (table.header + table.rows.flatMap { $0 }).map(\.text)
    }

    @Test(arguments: [[], ["--excel"], ["--hide", "nr"]])
    func formulaCellsAreNeutralisedInEveryCSVAndReadBack(extra: [String]) throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.formulaRoster(in: folder)
        let out = folder + "/grupper.csv", groups = folder + "/brevfletning.csv"
        let solved = run(["solve", roster, "--moves", "5000", "--threads", "1", "--out", out, "--groups-out", groups] + extra)
        #expect(solved.code == 0, "\(solved.err)")
        for path in [out, groups] {
            let cells = try Self.cells(path)
            #expect(cells.allSatisfy { CSVWriter.neutralized($0) == $0 }, "\(path): \(cells.filter { CSVWriter.neutralized($0) != $0 })")
            #expect(cells.contains("'=HYPERLINK(\"http://x\";\"klik\")") && cells.contains("'+45 1234") && cells.contains("'@SUM(A1)"))
            #expect(cells.contains("'-Bo"))
        }
        let leaders = try Self.cells(out)
        #expect(leaders.contains("'=1+1"))
        // Numbers stay numbers, a lone dash stays a dash.
        #expect(leaders.contains("-3,5") && leaders.contains("-1") && leaders.contains("-2") && leaders.contains("-"))
        if !extra.contains("--hide") { #expect(leaders.contains("'-A6") && leaders.contains("'=7")) }
        // The file reads back with `score`: ids (or names) with the apostrophe are the roster's leaders.
        let scored = run(["score", roster, out])
        #expect(scored.code == 0, "\(scored.err)")
        #expect(scored.err.isEmpty, "\(scored.err)")
        let line = { (text: String, key: String) in text.split(separator: "\n").first { $0.hasPrefix(key) }.map(String.init) }
        #expect(line(scored.out, "hard: ") == line(solved.out, "hard: ") && line(scored.out, "soft: ") == line(solved.out, "soft: "))
    }

    /// The workbench's CSV export renders through the same writer with the roster's dialect.
    @Test func theWorkbenchStyleExportIsNeutralised() throws {
        let folder = Fixtures.temporaryDirectory()
        let loaded = try RosterLoader.load(path: try Self.formulaRoster(in: folder))
        let text = AssignmentWriter.render(roster: loaded.roster, groups: [Int32](repeating: 0, count: 12), labels: ["=A1"],
                                           writer: outputDialect(loaded), words: Words(.da))
        let path = folder + "/eksport.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let cells = try Self.cells(path)
        #expect(cells.allSatisfy { CSVWriter.neutralized($0) == $0 })
        #expect(cells.contains("'=A1") && cells.contains("'=HYPERLINK(\"http://x\";\"klik\")"))
        let grouping = try GroupingLoader.load(path: path, roster: loaded.roster)
        #expect(grouping.labels == ["=A1"] && grouping.missing.isEmpty)
    }

    // MARK: Output names and kinds, refused before any work

    @Test(arguments: [
        (["solve", "R", "--out", "grupper.xls"], "error: --out grupper.xls: Sparring cannot write .xls files\nMaybe name the file grupper.xlsx (an Excel workbook, which Excel, Numbers and LibreOffice open) or grupper.csv (CSV)."),
        (["solve", "R", "--groups-out", "brev.ods"], "error: --groups-out brev.ods: Sparring cannot write .ods files\nMaybe name the file brev.xlsx (an Excel workbook, which Excel, Numbers and LibreOffice open) or brev.csv (CSV)."),
        (["score", "R", "R", "--out", "g.Numbers"], "error: --out g.Numbers: Sparring cannot write .Numbers files\nMaybe name the file g.xlsx (an Excel workbook, which Excel, Numbers and LibreOffice open) or g.csv (CSV)."),
        (["solve", "R", "--out", "g.xlsm"], "error: --out g.xlsm: Sparring cannot write .xlsm files\nMaybe name the file g.xlsx (an Excel workbook, which Excel, Numbers and LibreOffice open) or g.csv (CSV)."),
        (["template", "--out", "skabelon.xls"], "error: --out skabelon.xls: Sparring cannot write .xls files\nMaybe name the file skabelon.xlsx (an Excel workbook, which Excel, Numbers and LibreOffice open) or skabelon.csv (CSV)."),
        (["generate", "--leaders", "20", "--out", "r.xlsx"], "error: --out r.xlsx: Sparring cannot write .xlsx files\nMaybe name the file r.csv (CSV, which Excel opens)."),
    ])
    func outputNamesInFormatsSparringCannotWriteAreUsageErrors(arguments: [String], message: String) throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/roster.csv"
        try FileManager.default.copyItem(atPath: Fixtures.path("small-english.csv"), toPath: roster)
        // The names stay relative (as the consultant types them; the working folder is the tests' own and is not
        // changed: other tests run beside this one): refused before any work, nothing of that name appears.
        let output = arguments[arguments.firstIndex { $0 == "--out" || $0 == "--groups-out" }! + 1]
        let existed = FileManager.default.fileExists(atPath: output)
        let result = run(arguments.map { $0 == "R" ? roster : $0 } + (arguments[0] == "solve" ? ["--time", "60"] : []))
        #expect(result.code == 64)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
        #expect(FileManager.default.fileExists(atPath: output) == existed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["roster.csv"])
    }

    // MARK: Every word in the roster's language

    /// Each problem, for a Danish roster (or `--language da`, or `template --danish`), in Danish, exact wording;
    /// `solve` problems are found before the search (`--time 60` would otherwise print `moves:`).
    @Test func everyFileProblemIsInTheRostersLanguage() throws {
        let (F, roster) = try Self.danishRoster()
        try Data("gammel".utf8).write(to: URL(fileURLWithPath: F + "/grupper.xlsx"))
        try Data("ejer".utf8).write(to: URL(fileURLWithPath: F + "/~$grupper.xlsx"))
        try Data("gammel".utf8).write(to: URL(fileURLWithPath: F + "/rapport.html"))
        try Data("lås".utf8).write(to: URL(fileURLWithPath: F + "/.~lock.rapport.html#"))
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: F + "/ledere.xls"))
        try Data(Self.openDocumentStart).write(to: URL(fileURLWithPath: F + "/sidste.ods"))
        try FileManager.default.createSymbolicLink(atPath: F + "/null.csv", withDestinationPath: "/dev/null")
        #expect(mkfifo(F + "/fifo.csv", 0o600) == 0)
        let missingFile = "fejl: filen findes ikke\nTip: tjek stavningen og mappen; stien regnes fra den mappe, du kører sparring fra.\n1 fejl fundet."
        let cases: [([String], Int32, String)] = [
            (["--out", F + "/mangler/grupper.csv"], 1,
             "\(F)/mangler/grupper.csv: fejl: --out: mappen \(F)/mangler findes ikke\nTip: opret mappen først, eller tjek stien for stavefejl.\n1 fejl fundet."),
            (["--out", F + "/grupper.xlsx"], 1,
             "\(F)/grupper.xlsx: fejl: --out: \(F)/grupper.xlsx er åben i Excel (Excels låsefil ~$grupper.xlsx ligger ved siden af)\nTip: luk filen i Excel, og kør igen. Hvis Excel ikke er åben, så slet ~$grupper.xlsx, som Excel har efterladt.\n1 fejl fundet."),
            (["--report", F + "/rapport.html"], 1,
             "\(F)/rapport.html: fejl: --report: \(F)/rapport.html er åben i LibreOffice (dens låsefil .~lock.rapport.html# ligger ved siden af)\nTip: luk filen i LibreOffice, og kør igen. Hvis LibreOffice ikke er åben, så slet .~lock.rapport.html#, som LibreOffice har efterladt.\n1 fejl fundet."),
            (["--out", F + "/null.csv"], 1,
             "\(F)/null.csv: fejl: --out peger på en enhed eller en af systemets filer (som /dev/stdout eller /dev/null), ikke på en almindelig fil; Sparring skriver kun sine resultater i filer\nTip: giv et filnavn, fx --out grupper.csv.\n1 fejl fundet."),
            (["--json", F + "/fifo.csv"], 1,
             "\(F)/fifo.csv: fejl: --json peger på en pipe, ikke på en almindelig fil; Sparring skriver kun sine resultater i filer\nTip: giv et filnavn, fx --json resultat.json.\n1 fejl fundet."),
            (["--out", F + "/grupper.xls"], 64,
             "fejl: --out \(F)/grupper.xls: Sparring kan ikke skrive .xls-filer\nTip: kald filen grupper.xlsx (en Excel-projektmappe, som Excel, Numbers og LibreOffice kan åbne) eller grupper.csv (CSV)."),
            (["--typology", "tribal"], 64,
             "fejl: ukendt typologi 'tribal'\nTip: brug lokal, tværgående, sektor eller bred (på engelsk: local, cross, sector eller broad)."),
            (["--conflicts", F + "/konflikter.csv"], 1, "\(F)/konflikter.csv: " + missingFile),
            (["--scenario", F + "/scenarie.json"], 1, "\(F)/scenarie.json: " + missingFile),
            (["--previous", F + "/sidste.ods"], 1,
             "\(F)/sidste.ods: fejl: det er et OpenDocument-regneark (.ods, fra LibreOffice), som Sparring ikke kan læse\nTip: åbn det i LibreOffice, og vælg Filer › Gem som › \"Excel 2007-365 (.xlsx)\" eller \"Tekst-CSV (.csv)\".\n1 fejl fundet."),
        ]
        for (options, code, message) in cases {
            let result = run(["solve", roster, "--time", "60"] + options)
            #expect(result.code == code, "\(options)")
            #expect(result.err == message, "\(options)")
            #expect(!result.out.contains("moves:"), "\(options) searched")
        }
        // Without a readable roster: --language da.
        let xls = run(["check", F + "/ledere.xls", "--language", "da"])
        #expect(xls.err == "\(F)/ledere.xls: fejl: det er et gammelt Excel-regneark (.xls, Excel 97–2003), som Sparring ikke kan læse\nTip: åbn det i Excel, og vælg Filer › Gem som › \"Excel-projektmappe (*.xlsx)\" eller \"CSV UTF-8 (kommasepareret) (*.csv)\".\n1 fejl fundet.")
        #expect(run(["solve", F + "/mangler.csv", "--language", "da"]).err == "\(F)/mangler.csv: " + missingFile)
        #expect(run(["check", F + "/sidste.ods", "--language", "da"]).err.hasPrefix("\(F)/sidste.ods: fejl: det er et OpenDocument-regneark"))
        var numbers = ZipWriter()   // an Apple Numbers document: a zip of Index/*.iwa parts
        numbers.add("Index/Document.iwa", [0, 1, 2])
        try Data(numbers.finished()).write(to: URL(fileURLWithPath: F + "/ledere.numbers"))
        #expect(run(["check", F + "/ledere.numbers", "--language", "da"]).err
            == "\(F)/ledere.numbers: fejl: det er et Apple Numbers-dokument, som Sparring ikke kan læse\nTip: åbn det i Numbers, og vælg Arkiv › Eksporter til › Excel… (eller CSV…).\n1 fejl fundet.")
        #expect(run(["check", F + "/ledere.numbers", "--language", "en"]).err.hasPrefix("\(F)/ledere.numbers: error: this is an Apple Numbers document, which Sparring does not read\nMaybe open it in Numbers"))
        // The same problems for an English roster stay English.
        let english = run(["solve", Fixtures.path("small-english.csv"), "--typology", "tribal"])
        #expect(english.err == "error: unknown typology 'tribal'\nMaybe use local, cross, sector or broad (in Danish: lokal, tværgående, sektor or bred).")
        // template --danish confirms in Danish; its problems are Danish too.
        let template = run(["template", "--danish", "--out", F + "/skabelon.csv"])
        #expect(template.out == "skrev en lederliste til udfyldning med 13 danske kolonneoverskrifter og en eksempelrække til \(F)/skabelon.csv\nskriv én række pr. leder, slet eksempelrækken, og kør så: sparring check \(F)/skabelon.csv")
        #expect(run(["template", "--danish", "--out", F + "/skabelon.ods"]).err
            == "fejl: --out \(F)/skabelon.ods: Sparring kan ikke skrive .ods-filer\nTip: kald filen skabelon.xlsx (en Excel-projektmappe, som Excel, Numbers og LibreOffice kan åbne) eller skabelon.csv (CSV).")
    }

    /// How every OpenDocument spreadsheet begins: a zip whose first entry, `mimetype`, is stored uncompressed.
    static let openDocumentStart: [UInt8] = {
        let name = Array("mimetype".utf8), content = Array("application/vnd.oasis.opendocument.spreadsheet".utf8)
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        return [0x50, 0x4B, 0x03, 0x04] + le16(10) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(content.count) + le32(content.count)
            + le16(name.count) + le16(0) + name + content
    }()

    /// Usage errors, too, are in the roster's language (read from its header when the error is found before
    /// it was loaded), or in --language's; exit 64 and nothing searched.
    @Test(arguments: [
        (["--bogus"], "fejl: ukendt tilvalg '--bogus'\nTip: se 'sparring solve --help'."),
        (["--typ", "lokal"], "fejl: ukendt tilvalg '--typ'\nTip: du mente --typology; se 'sparring solve --help'."),
        (["--min-size"], "fejl: --min-size skal have en værdi N\nTip: se 'sparring solve --help'."),
        (["--min-size", "fem"], "fejl: --min-size skal være et helt tal fra 1 til 1000, ikke 'fem'"),
        (["--min-size", "7", "--max-size", "5"], "fejl: --max-size 5 er mindre end --min-size 7\nTip: byt om på dem, eller hæv --max-size."),
        (["--seed", "-1"], "fejl: --seed skal være et helt tal, 0 eller derover, ikke '-1'"),
        (["--threads", "0"], "fejl: --threads skal være et helt tal fra 1 til 256, ikke '0'"),
        (["--at-least-weight", "9"], "fejl: --at-least-weight skal være et tal fra 0 til 5, ikke '9'"),
        (["--weight", "køn"], "fejl: --weight 'køn' skal have formen ATTR=W med W fra -5 til 5\nTip: fx --weight gender=-2."),
        (["--at-most", "enhed"], "fejl: --at-most 'enhed' skal have formen ATTR=N med N et helt tal fra 1 til 10000\nTip: fx --at-most enhed=2."),
        (["--meet-weight", "2"], "fejl: --meet-weight kræver --meet\nTip: fx --meet mødedage --meet-weight 3."),
        (["--quiet=ja"], "fejl: --quiet tager ingen værdi\nTip: se 'sparring solve --help'."),
        (["--seed", "1", "--seed", "2"], "fejl: --seed er angivet to gange\nTip: angiv det kun én gang."),
        (["--language", "fr"], "fejl: ukendt sprog 'fr'\nTip: brug --language da (dansk) eller --language en (engelsk)."),
        (["extra.csv"], "fejl: forventede 1 filnavn, fik 2\nTip: kommandoen bruges sådan: sparring solve ROSTER.csv [options]"),
    ])
    func usageErrorsAreInTheRostersLanguage(options: [String], message: String) throws {
        let (_, roster) = try Self.danishRoster()
        let result = run(["solve", roster, "--time", "60"] + options)
        #expect(result.code == 64)
        #expect(result.err == message)
        #expect(result.out.isEmpty)
        // The English roster gives the English text; --language da the Danish one.
        let english = run(["solve", Fixtures.path("small-english.csv"), "--time", "60"] + options)
        #expect(english.code == 64 && english.err.hasPrefix("error: ") && english.err.contains("Maybe ") == message.contains("Tip: "))
        if !options.contains("--language") {
            #expect(run(["solve", Fixtures.path("small-english.csv"), "--language", "da", "--time", "60"] + options).err == message)
        }
    }

    /// A roster that cannot be read at all has no language of its own: the system's is used (`LANG=da_DK.UTF-8`).
    @Test func anUnreadableRosterFollowsTheSystemLanguage() throws {
        #expect(environmentLanguage(["LANG": "da_DK.UTF-8"]) == .da)
        #expect(environmentLanguage(["LC_ALL": "en_US.UTF-8", "LANG": "da_DK.UTF-8"]) == .en)
        #expect(environmentLanguage(["LC_MESSAGES": "da_DK", "LANG": "C.UTF-8"]) == .da)
        #expect(environmentLanguage(["LANG": "C.UTF-8"]) == .en && environmentLanguage([:]) == .en)
        let folder = Fixtures.temporaryDirectory()
        let xls = folder + "/ledere.xls"
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RunSafetyTests.binary())
        process.arguments = ["solve", xls]
        process.environment = ["LANG": "da_DK.UTF-8", "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.hasPrefix("\(xls): fejl: det er et gammelt Excel-regneark (.xls, Excel 97–2003), som Sparring ikke kan læse\n"))

        // `check` too, on a roster that is not there: the problem and its verdict.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: try RunSafetyTests.binary())
        check.arguments = ["check", folder + "/findes-ikke.csv"]
        check.environment = ["LANG": "da_DK.UTF-8", "PATH": "/usr/bin:/bin"]
        let checkErr = Pipe(), checkOut = Pipe()
        check.standardError = checkErr
        check.standardOutput = checkOut
        try check.run()
        let problems = String(decoding: checkErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let verdict = String(decoding: checkOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(problems.hasPrefix("\(folder)/findes-ikke.csv: fejl: filen findes ikke\n"), "\(problems)")
        #expect(verdict == "kan bruges: nej\n")
    }

    // MARK: kill -9

    /// `solve` killed with SIGKILL at moments spread over its run (search, rendering, writing) leaves every
    /// output either as it was or complete, and at most its own partial files; the next run removes them.
    @Test func killedRunsLeaveNoPartialFileTheNextRunKeeps() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try RunSafetyTests.roster(leaders: 2000, in: folder)
        let out = folder + "/grupper.csv", outputs = [out, folder + "/resultat.json", folder + "/rapport.html", folder + "/brev.csv"]
        let arguments = ["solve", roster, "--moves", "50000", "--threads", "1", "--out", outputs[0], "--json", outputs[1], "--report", outputs[2],
                         "--groups-out", outputs[3]]
        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try RunSafetyTests.binary())
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        func partials() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sparring-partial") } }
        let began = Date()
        let first = try start()
        first.waitUntilExit()
        let duration = Date().timeIntervalSince(began)
        #expect(first.terminationStatus == 0)
        let complete = try String(contentsOfFile: out, encoding: .utf8)
        var killedIDs: [Int32] = []
        for k in 0..<10 {
            let process = try start()
            Thread.sleep(forTimeInterval: duration * (0.4 + 0.07 * Double(k)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            killedIDs.append(process.processIdentifier)
            // Every output is whole (same leaders, one row each), never cut off.
            let table = try CSVReader.parse(bytes: Array(FileManager.default.contents(atPath: out)!), file: out)
            #expect(table.rows.count == 2000)
            #expect(try String(contentsOfFile: outputs[2], encoding: .utf8).hasSuffix("</html>\n"))
            // Partial files, if any, are the killed runs' own, one per output at most.
            let left = try partials()
            #expect(left.allSatisfy { name in
                outputs.contains { output in killedIDs.contains { name == "." + (output as NSString).lastPathComponent + ".\($0).sparring-partial" } }
            }, "\(left)")
        }
        // A partial file of a killed run that is certainly left (as if the kill came while writing).
        try Data(complete.prefix(1000).utf8).write(to: URL(fileURLWithPath: OutputFiles.temporaryPath(for: out, pid: killedIDs[0])))
        let last = try start()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try partials() == [])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == complete)
    }
}
