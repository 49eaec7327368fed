import Foundation

/// The one format of the build cache's files: records one after another, each its length (8 bytes, little-endian)
/// and then its ``BinaryCoding`` bytes. A file is read where it lies (mapped), its records decoded on every core;
/// a record that cannot be decoded (written by another executable, or cut short) reads as `nil`, never as a
/// different value. Files are either appended to or replaced whole (written aside, then renamed).
enum CacheRecords {
    /// The records of `path` in the order written (`nil` for one that cannot be decoded), and whether the file
    /// ended with a whole record; no file reads as no records.
    static func read<Record: Decodable & Sendable>(
        _ type: Record.Type, from path: String
    ) -> (records: [Record?], whole: Bool) {
        guard let file = FileBytes.map(path) else { return ([], true) }
        defer { file.unmap() }
        let bytes = file.bytes
        var ranges: [Range<Int>] = []
        var offset = 0
        while bytes.count - offset >= 8 {
            let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard length <= bytes.count - offset - 8 else { break }
            ranges.append(offset + 8..<offset + 8 + Int(length))
            offset += 8 + Int(length)
        }
        // Decoding is most of a rebuild's reading: every core takes a share.
        let records = ParallelMap.map(ranges) { range in
            try? BinaryCoding.decode(Record.self, from: UnsafeRawBufferPointer(rebasing: file.bytes[range]))
        }
        return (records, offset == bytes.count)
    }

    /// The one record of a file that holds one (a manifest, an index), when it is whole and decodes.
    static func single<Record: Decodable & Sendable>(_ type: Record.Type, from path: String) -> Record? {
        let (records, whole) = read(type, from: path)
        guard whole, records.count == 1 else { return nil }
        return records[0]
    }

    /// Appends records to `path`, creating it if needed.
    static func append<Record: Encodable & Sendable>(_ records: [Record], to path: String) -> Bool {
        let encoded = ParallelMap.map(records) { record -> [UInt8] in
            var bytes = [UInt8](repeating: 0, count: 8)
            guard (try? BinaryCoding.encode(record, into: &bytes)) != nil else { return [] }
            withUnsafeBytes(of: UInt64(bytes.count - 8).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
            return bytes
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        for record in encoded where !record.isEmpty {
            guard record.withUnsafeBufferPointer({ FileBytes.write($0, to: descriptor, at: nil) }) else { return false }
        }
        return true
    }

    /// Replaces `path` with these records: written beside it, then renamed over it, so a reader sees the old file
    /// or the new one, never half of one.
    @discardableResult
    static func replace<Record: Encodable & Sendable>(_ path: String, with records: [Record]) -> Bool {
        let temporary = path + ".\(getpid())"
        unlink(temporary)
        guard append(records, to: temporary), rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
