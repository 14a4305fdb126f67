/// A JSON document with deterministic rendering: keys in the order given, numbers with fixed precision.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Rendered with up to `decimals` decimals, trailing zeros dropped.
    case number(Double, decimals: Int = 4)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// Pretty-printed with two-space indentation and a final newline. O(size).
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        return out + "\n"
    }

    /// On one line, without spaces: for answers sent over the wire. O(size).
    public func compact() -> String {
        var out = ""
        write(to: &out, indent: nil)
        return out
    }

    /// Writes the value; a nil `indent` writes it compactly.
    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value, let decimals): out += Self.format(value, decimals: decimals)
        case .string(let value): Self.escape(value, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            guard let indent else {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += "," }
                    item.write(to: &out, indent: nil)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += indent + "  "
                item.write(to: &out, indent: indent + "  ")
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (k, (key, value)) in members.enumerated() {
                    if k > 0 { out += "," }
                    Self.escape(key, into: &out)
                    out += ":"
                    value.write(to: &out, indent: nil)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (k, (key, value)) in members.enumerated() {
                out += indent + "  "
                Self.escape(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + "  ")
                out += k + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        }
    }

    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func escape(_ text: String, into out: inout String) {
        out += "\""
        // Most names and labels need no escaping: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
