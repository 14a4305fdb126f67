import Foundation
import Testing
import SparringTestSupport

/// Build hygiene: every target declares, in Package.swift, each of the package's modules it imports, so that
/// each target builds alone (`swift build --target NAME` on a clean checkout), and no target uses unsafe flags.
struct PackageTests {
    static let root = (Fixtures.root as NSString).deletingLastPathComponent

    /// Per target in Package.swift: its folder and declared dependencies.
    static func targets() throws -> [(name: String, folder: String, dependencies: Set<String>)] {
        let manifest = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"\.(target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"(.*?)\)(?:,\s*$|\s*$)"#,
                                              options: [.dotMatchesLineSeparators, .anchorsMatchLines])
        let text = manifest as NSString
        return pattern.matches(in: manifest, range: NSRange(location: 0, length: text.length)).map { match in
            let kind = text.substring(with: match.range(at: 1)), name = text.substring(with: match.range(at: 2))
            let rest = text.substring(with: match.range(at: 3))
            var dependencies = Set<String>()
            if let open = rest.range(of: "dependencies: ["), let close = rest[open.upperBound...].firstIndex(of: "]") {
                for part in rest[open.upperBound..<close].split(separator: ",") {
                    dependencies.insert(part.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                }
            }
            var folder = (kind == "testTarget" ? "Tests/" : "Sources/") + name
            if let path = rest.range(of: #"path: "([^"]+)""#, options: .regularExpression) {
                folder = String(rest[path].dropFirst(7).dropLast())
            }
            return (name, folder, dependencies)
        }
    }

    @Test func everyImportedModuleIsADeclaredDependency() throws {
        let targets = try Self.targets()
        let names = Set(targets.map(\.name))
        #expect(names.isSuperset(of: ["SparringModel", "SparringIO", "SparringSolver", "SparringReport", "SparringEngine", "SparringCLI", "sparring"]))
        for target in targets {
            let folder = Self.root + "/" + target.folder
            let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "\(target.name): no sources in \(target.folder)")
            for file in files {
                let source = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                for line in source.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                    let module = String(line.split(separator: " ").last!)
                    guard names.contains(module), module != target.name else { continue }
                    #expect(target.dependencies.contains(module), "\(target.name) imports \(module) in \(file) without declaring it")
                }
            }
        }
    }

    @Test func noTargetUsesUnsafeFlags() throws {
        let manifest = try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8)
        #expect(!manifest.contains("unsafeFlags"))
    }
}
