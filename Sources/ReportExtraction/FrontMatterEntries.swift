import Yams

/// The front matter's top-level `key: value` pairs, as the fields are read from them.
///
/// Most files' front matter is a few `key: value` lines with plain, quoted or `[a, b]` values. ``simple(_:)`` reads
/// exactly that subset of YAML on the bytes and gives up (`nil`) on anything else, which Yams then reads
/// (``yams(_:)``): indentation, block lists, multi-line or escaped scalars, anchors, tags, comments after a value,
/// duplicate keys, characters YAML may refuse. Where the simple reader answers, it answers what Yams does:
/// `FrontMatterEntriesTests` compare the two on generated front matter and the fuzzer on arbitrary bytes.
struct FrontMatterEntries: Equatable {
    enum Value: Equatable {
        case scalar(String)
        /// A sequence's scalar items (the fields read no other kind of item).
        case sequence([String])
        /// A mapping.
        case other
    }

    struct Entry: Equatable {
        let key: String
        /// The file lines of the key and of its value.
        let keyLine: Int
        let valueLine: Int
        let value: Value

        var scalar: String? {
            guard case .scalar(let text) = value else { return nil }
            return text
        }
    }

    var entries: [Entry]

    subscript(key: String) -> Entry? { entries.first { $0.key == key } }

    /// Reads the lines between the `---` lines, the first being the file's line `firstLine`; `nil` when they are
    /// not all of the simple form.
    static func simple(_ lines: [Substring], firstLine: Int) -> FrontMatterEntries? {
        func bytes(_ index: Int) -> [UInt8] {
            var bytes = Array(lines[index].utf8)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            return bytes
        }
        var entries: [Entry] = []
        var keys = Set<String>()
        var index = 0
        while index < lines.count {
            let line = bytes(index)
            let lineNumber = firstLine + index
            index += 1
            if line.allSatisfy({ $0 == 0x20 }) { continue }
            guard let (key, rest) = keyAndValue(line), keys.insert(key).inserted else { return nil }
            if !rest.isEmpty {
                guard let value = value(rest) else { return nil }
                entries.append(Entry(key: key, keyLine: lineNumber, valueLine: lineNumber, value: value))
                continue
            }
            // `key:` alone, then `- item` lines, indented alike: a block list of scalars.
            var items: [String] = []
            var indent: Int?
            let firstItem = index
            while index < lines.count {
                let line = bytes(index)
                let spaces = line.prefix { $0 == 0x20 }.count
                guard spaces + 2 < line.count, line[spaces] == UInt8(ascii: "-"), line[spaces + 1] == 0x20,
                    indent == nil || indent == spaces
                else { break }
                indent = spaces
                var item = line[(spaces + 2)...]
                while item.first == 0x20 { item = item.dropFirst() }
                while item.last == 0x20 { item = item.dropLast() }
                guard let first = item.first, first != UInt8(ascii: "["), let scalar = scalar(item, inFlow: false)
                else { return nil }
                items.append(scalar)
                index += 1
            }
            guard !items.isEmpty else { return nil }
            entries.append(
                Entry(key: key, keyLine: lineNumber, valueLine: firstLine + firstItem, value: .sequence(items)))
        }
        return entries.isEmpty ? nil : FrontMatterEntries(entries: entries)
    }

    /// The same from Yams's node, when it is a mapping.
    static func yams(_ mapping: Node.Mapping) -> FrontMatterEntries {
        func fileLine(_ node: Node) -> Int { (node.mark?.line ?? 1) + 1 }
        return FrontMatterEntries(
            entries: mapping.map { key, value in
                let read: Value
                if let scalar = value.scalar {
                    read = .scalar(scalar.string)
                } else if let sequence = value.sequence {
                    read = .sequence(sequence.compactMap { $0.scalar?.string })
                } else {
                    read = .other
                }
                return Entry(
                    key: key.scalar?.string ?? "", keyLine: fileLine(key), valueLine: fileLine(value), value: read)
            })
    }

    /// `key:` at the start of the line, the key a plain word, and what follows it: a value after one space or
    /// more, or nothing.
    private static func keyAndValue(_ bytes: [UInt8]) -> (String, ArraySlice<UInt8>)? {
        func isKeyByte(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "_")
        }
        guard let first = bytes.first, (0x61...0x7A).contains(first) || (0x41...0x5A).contains(first) else {
            return nil
        }
        var index = 0
        while index < bytes.count, isKeyByte(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        let key = String(decoding: bytes[0..<index], as: UTF8.self)
        var end = bytes.count
        while end > index + 1, bytes[end - 1] == 0x20 { end -= 1 }
        if end == index + 1 { return (key, []) }
        guard bytes[index + 1] == 0x20 else { return nil }
        var start = index + 1
        while start < end, bytes[start] == 0x20 { start += 1 }
        return (key, bytes[start..<end])
    }

    private static func value(_ bytes: ArraySlice<UInt8>) -> Value? {
        if bytes.first == UInt8(ascii: "[") {
            guard bytes.last == UInt8(ascii: "]") else { return nil }
            return sequence(bytes.dropFirst().dropLast()).map(Value.sequence)
        }
        return scalar(bytes, inFlow: false).map(Value.scalar)
    }

    /// `[a, "b", 'c']`: items of one scalar each, none empty.
    private static func sequence(_ inner: ArraySlice<UInt8>) -> [String]? {
        if inner.allSatisfy({ $0 == 0x20 }) { return [] }
        var items: [String] = []
        var rest = inner
        while true {
            while rest.first == 0x20 { rest = rest.dropFirst() }
            let item: ArraySlice<UInt8>
            if let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = closingQuote(rest, quote) else { return nil }
                item = rest[...close]
                rest = rest[(close + 1)...]
            } else {
                let comma = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
                item = rest[..<comma]
                rest = rest[comma...]
            }
            var trimmed = item
            while trimmed.last == 0x20 { trimmed = trimmed.dropLast() }
            guard !trimmed.isEmpty, let value = scalar(trimmed, inFlow: true) else { return nil }
            items.append(value)
            while rest.first == 0x20 { rest = rest.dropFirst() }
            if rest.isEmpty { return items }
            guard rest.first == UInt8(ascii: ","), rest.count > 1 else { return nil }
            rest = rest.dropFirst()
        }
    }

    /// The index of the quote that closes the one `text` starts with; `''` inside single quotes is one quote.
    private static func closingQuote(_ text: ArraySlice<UInt8>, _ quote: UInt8) -> Int? {
        var index = text.startIndex + 1
        while index < text.endIndex {
            let byte = text[index]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if quote == UInt8(ascii: "'"), index + 1 < text.endIndex, text[index + 1] == quote {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return nil
    }

    /// A plain, single-quoted or double-quoted scalar filling `bytes`, in the subset read here.
    private static func scalar(_ bytes: ArraySlice<UInt8>, inFlow: Bool) -> String? {
        guard let first = bytes.first, printable(bytes) else { return nil }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard bytes.count >= 2, closingQuote(bytes, first) == bytes.endIndex - 1 else { return nil }
            let inner = bytes.dropFirst().dropLast()
            var output: [UInt8] = []
            output.reserveCapacity(inner.count)
            var index = inner.startIndex
            while index < inner.endIndex {
                let byte = inner[index]
                if first == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                    // Only the escapes that stand for themselves; the others are Yams's to read.
                    guard index + 1 < inner.endIndex,
                        inner[index + 1] == UInt8(ascii: "\"") || inner[index + 1] == UInt8(ascii: "\\")
                    else { return nil }
                    output.append(inner[index + 1])
                    index += 2
                } else {
                    output.append(byte)
                    index += byte == UInt8(ascii: "'") && first == UInt8(ascii: "'") ? 2 : 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        // Plain: no indicator first, no `: ` or ` #` inside, no flow indicator at all (nor `,` in a list).
        let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)
        guard !indicators.contains(first), bytes.last != UInt8(ascii: ":") else { return nil }
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return nil
            case UInt8(ascii: ",") where inFlow: return nil
            case UInt8(ascii: "#") where previous == 0x20: return nil
            case 0x20 where previous == UInt8(ascii: ":"): return nil
            default: break
            }
            previous = byte
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Printable ASCII and well-formed UTF-8 of characters YAML prints (no controls, tabs, C1, BOM or U+FFFE/F).
    private static func printable(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                guard byte >= 0x20, byte != 0x7F else { return false }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            guard length > 0, byte < 0xF5, index + length <= bytes.endIndex else { return false }
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for continuation in bytes[(index + 1)..<(index + length)] {
                guard continuation & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard scalar >= shortest, scalar >= 0xA0, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar),
                scalar != 0xFEFF, scalar != 0xFFFE, scalar != 0xFFFF
            else { return false }
            index += length
        }
        return true
    }
}

/// For the fuzzer: whether the simple reader and Yams agree on a file's front matter.
public enum FrontMatterReaders {
    /// `true` when the file has no front matter block, the simple reader leaves it to Yams, or both read the same.
    public static func agree(on text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingTrailingSpaces() == "---" else { return true }
        let block = lines.dropFirst().prefix { !["---", "..."].contains($0.trimmingTrailingSpaces()) }
        guard let simple = FrontMatterEntries.simple(Array(block), firstLine: 2) else { return true }
        return (try? FrontMatter.yams(Array(block)).get()) == simple
    }
}
