import SparringCLI

/// The whole command line: the CLI's subcommands and `serve` (the workbench), so that the CLI itself needs no
/// workbench. The `sparring` executable and the command-line tests call this.
public enum SparringCommandLine {
    /// Every subcommand, in the order the overview lists them.
    package static let commands: [Sparring.Command] = Sparring.commands + [(ServeCommand.spec, ServeCommand.run)]

    /// Runs one command line (without the program name) and returns the process exit code.
    public static func run(arguments: [String], console: Console = .standard) -> Int32 {
        Sparring.run(arguments: arguments, console: console, commands: commands)
    }
}
