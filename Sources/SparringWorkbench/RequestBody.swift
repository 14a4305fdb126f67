import Foundation

/// A JSON value as a request body holds it, decoded strictly: a boolean is never a number, a number never
/// text. Bodies are bounded by the server (``RequestLimits``) before they get here.
enum JSONInput: Decodable, Equatable {
    case bool(Bool)
    case number(Double)
    case text(String)
    case array([JSONInput])
    case object([String: JSONInput])
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([JSONInput].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONInput].self))
        }
    }

    /// The members of a JSON object body, or nil for anything else (malformed JSON included).
    static func object(_ bytes: [UInt8]) -> [String: JSONInput]? {
        guard case .object(let members)? = try? JSONDecoder().decode(JSONInput.self, from: Data(bytes)) else { return nil }
        return members
    }
}
