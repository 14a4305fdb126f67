import Foundation

setvbuf(stdout, nil, _IOLBF, 0)
exit(BenchmarkSuite.run(arguments: Array(CommandLine.arguments.dropFirst())))
