/// A JSON value whose objects keep their keys in the order given, so data files read as documented and are
/// byte-identical from run to run.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// A string, or `null` for `nil`.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// A number, or `null` for `nil`.
    public static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    /// A whole number, or `null` for `nil`.
    public static func integer(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// The value as JSON text, indented by two spaces, ending without a newline.
    public func serialized() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The value as JSON text without spaces or line breaks, for files only scripts read.
    public func compact() -> String {
        var output: [UInt8] = []
        writeCompact(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func writeCompact(to output: inout [UInt8]) {
        switch self {
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.quote(key, into: &output)
                output.append(UInt8(ascii: ":"))
                value.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        default: write(to: &output, indent: 0)
        }
    }

    /// The value as UTF-8 JSON text, indented by two spaces, ending without a newline.
    public func bytes() -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, indent: 0)
        return output
    }

    /// Appends the value as JSON text, its lines after the first indented by `indent` levels.
    func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .number(let value): output += JSONValue.format(value).utf8
        case .string(let value): JSONValue.quote(value, into: &output)
        case .array(let values):
            guard !values.isEmpty else {
                output += "[]".utf8
                return
            }
            output += "[\n".utf8
            for (index, value) in values.enumerated() {
                JSONValue.indent(indent + 1, into: &output)
                value.write(to: &output, indent: indent + 1)
                output += (index + 1 < values.count ? ",\n" : "\n").utf8
            }
            JSONValue.indent(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}".utf8
                return
            }
            output += "{\n".utf8
            for (index, (key, value)) in members.enumerated() {
                JSONValue.indent(indent + 1, into: &output)
                JSONValue.quote(key, into: &output)
                output += ": ".utf8
                value.write(to: &output, indent: indent + 1)
                output += (index + 1 < members.count ? ",\n" : "\n").utf8
            }
            JSONValue.indent(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ depth: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Whole numbers without a fraction (`850`), others in Swift's shortest round-trip form (`0.85`).
    public static func format(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// The text as a JSON string; runs of bytes that need no escape are copied whole.
    private static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func escape(_ replacement: String, length: Int = 1) {
                output.append(contentsOf: bytes[runStart..<index])
                output += replacement.utf8
                index += length
                runStart = index
            }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""): escape("\\\"")
                case UInt8(ascii: "\\"): escape("\\\\")
                case UInt8(ascii: "\n"): escape("\\n")
                case UInt8(ascii: "\r"): escape("\\r")
                case UInt8(ascii: "\t"): escape("\\t")
                // Escaped as Go's encoding/json does, so the data stays inert inside an HTML page too.
                case UInt8(ascii: "<"): escape("\\u003c")
                case UInt8(ascii: ">"): escape("\\u003e")
                case UInt8(ascii: "&"): escape("\\u0026")
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end a line in JavaScript.
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", length: 3)
                case let byte where byte < 0x20:
                    let hex = String(byte, radix: 16)
                    escape("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: index += 1
                }
            }
            output.append(contentsOf: bytes[runStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
    }
}
