import Foundation
import SparringCLI

exit(Sparring.run(arguments: Array(CommandLine.arguments.dropFirst())))
