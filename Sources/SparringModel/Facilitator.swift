/// A network consultant or facilitator who can lead groups (`--facilitators FILE`): how many groups they can
/// take, whom they must not facilitate, and what they would prefer.
public struct Facilitator: Sendable, Equatable {
    /// As the file names them.
    public var name: String
    /// Their index in the roster when they are one of its leaders (never placed in a group they facilitate).
    public var leader: Int?
    /// The most groups they can take.
    public var capacity: Int
    /// Their unit (a group holding a leader of it is facilitated by them only when no one else can).
    public var unit: String?
    /// Preferred fields, districts, languages and meeting days (soft): matched against the members' values.
    public var fields: [String] = []
    public var districts: [String] = []
    public var languages: [String] = []
    public var days: [String] = []
    /// Roster leaders they must never facilitate: their boss, their staff and their loyalty conflicts (roster indices).
    public var keptApart: [Int] = []
    /// The line (or row) of the file they were read from, for messages.
    public var line: Int = 0

    public init(name: String, leader: Int? = nil, capacity: Int, unit: String? = nil) {
        self.name = name
        self.leader = leader
        self.capacity = capacity
        self.unit = unit
    }
}
