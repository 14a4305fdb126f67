import Foundation

exit(BenchmarkSuite.run(arguments: Array(CommandLine.arguments.dropFirst())))
