import Foundation

/// A compact binary form of `Codable` values, for the parse cache: the values in the order `Codable` visits them,
/// without keys. It is read only by the same executable that wrote it (the cache's key names the executable), so it
/// needs no versioning, and decoding is a walk over bytes rather than a parse of text (JSON had been a third of a
/// rebuild).
///
/// Integers and doubles take 8 bytes, a string its UTF-8 length (4 bytes) and bytes, a list its count and elements,
/// an optional a flag byte and then its value. Keyed containers (structs) write their fields in order; the one
/// dictionary the model holds, `[String: [String]]`, is written as sorted key/value pairs. Any other keyed
/// dictionary, and a `nil` outside a keyed container, cannot be represented: decoding it throws, so the entry is
/// treated as missing and its file is read again.
enum BinaryCoding {
    struct Unsupported: Error {}

    static func encode<Value: Encodable>(_ value: Value, into bytes: inout [UInt8]) throws {
        let encoder = Writer()
        swap(&encoder.bytes, &bytes)
        defer { swap(&encoder.bytes, &bytes) }
        try encoder.write(value)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: UnsafeRawBufferPointer) throws -> Value {
        let decoder = Reader(bytes)
        let value = try decoder.read(type)
        guard !decoder.failed, decoder.offset == bytes.count else { throw Unsupported() }
        return value
    }
}

// MARK: - Writing

private final class Writer: Encoder {
    var bytes: [UInt8] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    func append(_ value: Int) { append(UInt64(bitPattern: Int64(value))) }
    func append(_ value: Double) { append(value.bitPattern) }
    func append(_ value: Bool) { bytes.append(value ? 1 : 0) }
    func append(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes += $0 }
            bytes += utf8
        }
    }

    func write<Value: Encodable>(_ value: Value) throws {
        if Value.self == [String: [String]].self {
            let dictionary = value as! [String: [String]]
            append(dictionary.count)
            for key in dictionary.keys.sorted() {
                append(key)
                try write(dictionary[key]!)
            }
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter(writer: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { ListWriter(writer: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { ValueWriter(writer: self) }
}

/// A struct's fields, in order: the keys are not written.
private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.append(false) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { writer.append(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { writer.append(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { writer.append(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { writer.append(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try writer.write(value) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

    private func present<T: Encodable>(_ value: T?) throws {
        writer.append(value != nil)
        if let value { try writer.write(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> { writer.container(keyedBy: keyType) }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { writer }
    mutating func superEncoder(forKey key: Key) -> any Encoder { writer }
}

/// A list: its count, kept up to date in place as elements are added, then the elements.
private struct ListWriter: UnkeyedEncodingContainer {
    let writer: Writer
    let countOffset: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: Writer) {
        self.writer = writer
        countOffset = writer.bytes.count
        writer.append(0)
    }

    private mutating func added() {
        count += 1
        withUnsafeBytes(of: UInt64(count).littleEndian) { count in
            writer.bytes.replaceSubrange(countOffset..<countOffset + 8, with: count)
        }
    }

    mutating func encodeNil() throws { throw BinaryCoding.Unsupported() }
    mutating func encode(_ value: Bool) throws {
        writer.append(value)
        added()
    }
    mutating func encode(_ value: String) throws {
        writer.append(value)
        added()
    }
    mutating func encode(_ value: Double) throws {
        writer.append(value)
        added()
    }
    mutating func encode(_ value: Int) throws {
        writer.append(value)
        added()
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.write(value)
        added()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        added()
        return writer.container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        added()
        return writer.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { writer }
}

private struct ValueWriter: SingleValueEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { throw BinaryCoding.Unsupported() }
    mutating func encode(_ value: Bool) throws { writer.append(value) }
    mutating func encode(_ value: String) throws { writer.append(value) }
    mutating func encode(_ value: Double) throws { writer.append(value) }
    mutating func encode(_ value: Int) throws { writer.append(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.write(value) }
}

// MARK: - Reading

private final class Reader: Decoder {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    /// Set when the bytes cannot be what was asked for; the caller then throws.
    var failed = false
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private func take(_ count: Int) throws -> Int {
        guard count >= 0, count <= bytes.count - offset else { throw BinaryCoding.Unsupported() }
        defer { offset += count }
        return offset
    }

    func readWord() throws -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
    }
    func readInt() throws -> Int { Int(Int64(bitPattern: try readWord())) }
    func readDouble() throws -> Double { Double(bitPattern: try readWord()) }
    func readBool() throws -> Bool {
        switch bytes[try take(1)] {
        case 0: return false
        case 1: return true
        default: throw BinaryCoding.Unsupported()
        }
    }
    func readString() throws -> String {
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self)))
        let start = try take(count)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
    }

    func read<Value: Decodable>(_ type: Value.Type) throws -> Value {
        // Lists of texts and numbers, the most common lists of the model, without a container each.
        if type == [String].self { return try readList(readString) as! Value }
        if type == [Int].self { return try readList(readInt) as! Value }
        if type == [String: [String]].self {
            var dictionary: [String: [String]] = [:]
            for _ in 0..<(try readCount()) { dictionary[try readString()] = try read([String].self) }
            return dictionary as! Value
        }
        return try Value(from: self)
    }

    /// A list: its count, then its elements.
    private func readList<Element>(_ element: () throws -> Element) throws -> [Element] {
        let count = try readCount()
        var list: [Element] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try element()) }
        return list
    }

    /// A list's count, which cannot exceed the bytes left (each element takes at least one).
    func readCount() throws -> Int {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset else { throw BinaryCoding.Unsupported() }
        return count
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader(reader: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { ListReader(reader: self, total: try readCount()) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ValueReader(reader: self) }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    var codingPath: [any CodingKey] { [] }
    /// Keys are not written: only a dictionary would ask for them, and only `[String: [String]]` is supported.
    var allKeys: [Key] {
        reader.failed = true
        return []
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { try !reader.readBool() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.readBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.readString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.readDouble() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.readInt() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.read(type) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try reader.readBool() ? try reader.readBool() : nil
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try reader.readBool() ? try reader.readString() : nil
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try reader.readBool() ? try reader.readDouble() : nil
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try reader.readBool() ? try reader.readInt() : nil
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try reader.readBool() ? try reader.read(type) : nil
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> { try reader.container(keyedBy: type) }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try reader.unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { reader }
    func superDecoder(forKey key: Key) throws -> any Decoder { reader }
}

private struct ListReader: UnkeyedDecodingContainer {
    let reader: Reader
    let total: Int
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    /// Counts off the next element; a list never reads past its count.
    private mutating func advance() throws {
        guard !isAtEnd else { throw BinaryCoding.Unsupported() }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        try advance()
        return try reader.readBool()
    }
    mutating func decode(_ type: String.Type) throws -> String {
        try advance()
        return try reader.readString()
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        try advance()
        return try reader.readDouble()
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        try advance()
        return try reader.readInt()
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try advance()
        return try reader.read(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try advance()
        return try reader.container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try advance()
        return try reader.unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { reader }
}

private struct ValueReader: SingleValueDecodingContainer {
    let reader: Reader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.readBool() }
    func decode(_ type: String.Type) throws -> String { try reader.readString() }
    func decode(_ type: Double.Type) throws -> Double { try reader.readDouble() }
    func decode(_ type: Int.Type) throws -> Int { try reader.readInt() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.read(type) }
}
