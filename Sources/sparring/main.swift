import Foundation
import SparringCLI
import SparringServeCommand

Interrupts.install()
exit(SparringCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst())))
