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
        .library(name: "SparringEngine", targets: ["SparringEngine"]),
        .library(name: "SparringCLI", targets: ["SparringCLI"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "SparringModel"),
        // The machine's zlib (zlib1g-dev), for the zip containers of Excel workbooks (.xlsx): raw inflate and deflate.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "SparringIO", dependencies: ["SparringModel", "CZlib"]),
        // The solver's hot loops read their tables through UncheckedArray: no bounds checks in release builds,
        // asserted in debug builds (and so in every test); `--verify-score` re-checks the score.
        .target(name: "SparringSolver", dependencies: ["SparringModel"]),
        .target(name: "SparringReport", dependencies: ["SparringModel", "SparringIO", "SparringSolver"]),
        // One entry point per job (solve, score) for every front end: the CLI, the benchmarks, a future server.
        .target(name: "SparringEngine", dependencies: ["SparringModel", "SparringSolver", "SparringReport"]),
        .target(name: "SparringCLI", dependencies: ["SparringModel", "SparringIO", "SparringSolver", "SparringReport", "SparringEngine"]),
        // `sparring serve`: the command line's serve command over the workbench; the executable adds it to the CLI's.
        .target(name: "SparringServeCommand",
                dependencies: ["SparringCLI", "SparringWorkbench", "SparringServer", "SparringEngine", "SparringReport", "SparringSolver", "SparringIO", "SparringModel"]),
        // The workbench's loopback HTTP/1.1 layer (`serve`): no dependencies.
        .target(name: "SparringServer"),
        // The workbench (`serve`): a session over the engine (moves, pins, scenarios, searches), its JSON API and
        // the page, whose files are embedded in the binary.
        .target(name: "SparringWorkbench",
                dependencies: ["SparringServer", "SparringEngine", "SparringReport", "SparringSolver", "SparringIO", "SparringModel"],
                resources: [.embedInCode("Page/index.html"), .embedInCode("Page/app.js"), .embedInCode("Page/app.css")]),
        .executableTarget(name: "sparring", dependencies: ["SparringCLI", "SparringServeCommand"]),
        .executableTarget(
            name: "SparringBenchmarks",
            dependencies: ["SparringModel", "SparringIO", "SparringSolver", "SparringEngine", "SparringReport", "SparringServer", "SparringWorkbench",
                           "SparringTestSupport"],
            path: "Benchmarks/SparringBenchmarks"
        ),
        .target(name: "SparringTestSupport", dependencies: ["SparringModel", "SparringIO", "SparringSolver", "SparringEngine"], path: "Tests/SparringTestSupport"),
        .testTarget(name: "SparringModelTests", dependencies: ["SparringModel"]),
        .testTarget(name: "SparringIOTests", dependencies: ["SparringIO", "SparringModel", "SparringTestSupport"]),
        .testTarget(name: "SparringSolverTests", dependencies: ["SparringSolver", "SparringModel", "SparringIO", "SparringEngine", "SparringTestSupport"]),
        .testTarget(name: "SparringEngineTests", dependencies: ["SparringEngine", "SparringSolver", "SparringModel", "SparringIO", "SparringTestSupport"]),
        .testTarget(name: "SparringReportTests", dependencies: ["SparringReport", "SparringSolver", "SparringModel"]),
        .testTarget(name: "SparringServerTests", dependencies: ["SparringServer"]),
        .testTarget(name: "SparringWorkbenchTests", dependencies: ["SparringWorkbench", "SparringSolver", "SparringServer", "SparringEngine", "SparringReport", "SparringIO", "SparringModel", "SparringTestSupport"]),
        .testTarget(name: "SparringCLITests", dependencies: ["SparringCLI", "SparringServeCommand", "SparringWorkbench", "SparringServer", "SparringIO", "SparringModel", "SparringTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
