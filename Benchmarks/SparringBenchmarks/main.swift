import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if let i = arguments.firstIndex(of: "--only"), i + 1 < arguments.count, arguments[i + 1] == "purity" {
    PurityBenchmark.run(arguments: arguments)
    exit(0)
}
exit(BenchmarkSuite.run(arguments: arguments))
