// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sparring",
    products: [
        .executable(name: "sparring", targets: ["sparring"]),
        .library(name: "SparringModel", targets: ["SparringModel"]),
        .library(name: "SparringIO", targets: ["SparringIO"]),
        .library(name: "SparringSolver", targets: ["SparringSolver"]),
        .library(name: "SparringReport", targets: ["SparringReport"]),
        .library(name: "SparringCLI", targets: ["SparringCLI"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "SparringModel"),
        .target(name: "SparringIO", dependencies: ["SparringModel"]),
        // The solver's hot loops run without bounds checks in release builds (about +35% moves per second);
        // debug builds — and so every test — keep all checks, and `--verify-score` re-checks the score.
        .target(
            name: "SparringSolver",
            dependencies: ["SparringModel"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .target(name: "SparringReport", dependencies: ["SparringModel", "SparringSolver"]),
        .target(name: "SparringCLI", dependencies: ["SparringModel", "SparringIO", "SparringSolver", "SparringReport"]),
        .executableTarget(name: "sparring", dependencies: ["SparringCLI"]),
        .executableTarget(
            name: "SparringBenchmarks",
            dependencies: ["SparringModel", "SparringIO", "SparringSolver"],
            path: "Benchmarks/SparringBenchmarks"
        ),
        .target(name: "SparringTestSupport", path: "Tests/SparringTestSupport"),
        .testTarget(name: "SparringModelTests", dependencies: ["SparringModel"]),
        .testTarget(name: "SparringIOTests", dependencies: ["SparringIO", "SparringModel", "SparringTestSupport"]),
        .testTarget(name: "SparringSolverTests", dependencies: ["SparringSolver", "SparringModel", "SparringIO", "SparringTestSupport"]),
        .testTarget(name: "SparringReportTests", dependencies: ["SparringReport", "SparringSolver", "SparringModel"]),
        .testTarget(name: "SparringCLITests", dependencies: ["SparringCLI", "SparringIO", "SparringModel", "SparringTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
