import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "purity" {
    PurityBenchmark.run(arguments: arguments)
    exit(0)
}
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "anytime" {
    AnytimeBenchmark.run(arguments: arguments)
    exit(0)
}
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "hard" {
    AnytimeBenchmark.hard(arguments: arguments)
    exit(0)
}
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "workbench" {
    let sizes = arguments.firstIndex(of: "--workbench-sizes").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    WorkbenchBenchmark.run(sizes: sizes?.split(separator: ",").compactMap { Int($0) } ?? [40, 300, 5_000])
    exit(0)
}
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "scale" {
    ScaleBenchmark.run(arguments: arguments)
    exit(0)
}
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "golf" {
    GolfBenchmark.run(arguments: arguments)
    exit(0)
}
exit(BenchmarkSuite.run(arguments: arguments))
