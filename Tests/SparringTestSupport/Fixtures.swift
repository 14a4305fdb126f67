import Foundation

/// Paths of the repository's `Fixtures/` files, found relative to this source file so tests run from anywhere.
public enum Fixtures {
    public static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    public static func path(_ name: String) -> String { root + "/" + name }

    /// A fresh empty folder for files a test writes; removed by the caller if it cares.
    public static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "sparring-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Whether python3 on the PATH can import `module` (test-only tools: openpyxl, Playwright).
    public static func pythonCanImport(_ module: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
