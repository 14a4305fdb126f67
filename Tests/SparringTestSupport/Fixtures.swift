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
}
