import Foundation
import SparringCLI

Interrupts.install()
exit(Sparring.run(arguments: Array(CommandLine.arguments.dropFirst())))
