extension Sparring {
    /// Exit code of `solve` when the best grouping found still breaks a hard rule: the outputs are written so
    /// that the consultant can see it, but it must not be used as it is. (0 success, 1 unusable input, 64 usage
    /// error, 3 a hard rule still broken.)
    public static let hardRuleBroken: Int32 = 3
}

extension Sparring {
    /// Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it): the first signal
    /// writes the best grouping found so far (when it keeps every hard rule), a second one exits at once.
    public static let interrupted: Int32 = 130
}
