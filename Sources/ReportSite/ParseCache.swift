import Foundation
import ReportExtraction
import ReportModel
import SiteRendering
import Synchronization

/// What reading each file gave, keyed by its path and content, so that a rebuild parses only the files that
/// changed. `perfsite serve` keeps one in memory across rebuilds; `perfsite build` keeps it in `.perfsite-cache/`
/// (safe to delete; `--no-cache` turns it off). A cached build writes the same bytes as an uncached one.
public final class ParseCache: Sendable {
    struct Entry: Codable, Sendable {
        /// What the file was read with: perfsite's version and the schema.
        let key: String
        let path: String
        let size: Int
        let modified: Double
        let contentFingerprint: String
        let result: IssueReader.Result
    }

    /// The pages of the last build and what each was rendered from.
    public let pages: PageManifest
    /// Where each issue's object lies in the last `data/issues.json`.
    public let issueJSON: IssueJSONCache
    /// The rendered bodies of the files read, kept out of the results.
    let bodies: BodyStore
    private let entries: Mutex<[String: Entry]>
    private let changed = Mutex<Set<String>>([])
    private let folder: URL?
    /// How many records the log file holds, and whether its end is whole (an append may have been cut short).
    private let logged: Mutex<(records: Int, whole: Bool)>

    /// A cache that lives as long as the value (for `serve`).
    public init() {
        lockDescriptor = -1
        entries = Mutex([:])
        folder = nil
        logged = Mutex((0, true))
        pages = PageManifest()
        issueJSON = IssueJSONCache()
        bodies = BodyStore()
    }

    /// The lock on the cache folder this cache holds while it lives (-1 for none): one process at a time reads
    /// and writes a cache folder, whatever output it builds.
    private let lockDescriptor: Int32

    /// A cache kept in `folder`, or `nil` while another perfsite process uses that folder (its lock, `lock` in the
    /// folder, is held): the caller builds without it rather than mixing two builds' records.
    public static func locked(folder: URL) -> ParseCache? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return ParseCache(folder: folder, lock: -1) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ParseCache(folder: folder, lock: descriptor)
    }

    deinit { if lockDescriptor >= 0 { close(lockDescriptor) } }

    /// A cache kept in `folder`, loaded now; a missing or unreadable folder (or log) starts it empty. Use
    /// ``locked(folder:)`` unless no other process can use the folder.
    public convenience init(folder: URL) { self.init(folder: folder, lock: -1) }

    private init(folder: URL, lock: Int32) {
        lockDescriptor = lock
        self.folder = folder
        pages = PageManifest(file: folder.appendingPathComponent("pages.txt"))
        issueJSON = IssueJSONCache(file: folder.appendingPathComponent("issues-json.txt"))
        bodies = BodyStore(folder: folder.appendingPathComponent("bodies"))
        let (records, whole) = Self.load(folder.appendingPathComponent(Self.logName))
        var loaded: [String: Entry] = [:]
        // A later record of a path replaces an earlier one.
        for entry in records.compactMap({ $0 }) { loaded[entry.path] = entry }
        entries = Mutex(loaded)
        logged = Mutex((records.count, whole))
    }

    /// The result for a listed file: from the cache when its size and time, or else its content, still match.
    /// `parse` runs only on a miss.
    func result(
        for listing: ContentLoader.Listing, key: String, parse: (SourceFile) -> IssueReader.Result
    ) throws -> (IssueReader.Result, parsed: Bool) {
        let cached = entries.withLock { $0[listing.path] }
        if let cached, cached.key == key, cached.size == listing.size, cached.modified == listing.modified {
            return (cached.result, false)
        }
        let source = try listing.read()
        let fingerprint = Fingerprint.of(source.bytes)
        if let cached, cached.key == key, cached.contentFingerprint == fingerprint {
            store(
                Entry(
                    key: key, path: listing.path, size: listing.size, modified: listing.modified,
                    contentFingerprint: fingerprint, result: cached.result))
            return (cached.result, false)
        }
        let result = parse(source)
        store(
            Entry(
                key: key, path: listing.path, size: listing.size, modified: listing.modified,
                contentFingerprint: fingerprint, result: result))
        return (result, true)
    }

    /// A fingerprint of what the file at `path` was last read from and how: its path, its bytes and the key.
    func source(of path: String) -> UInt64? {
        guard let entry = entries.withLock({ $0[path] }) else { return nil }
        var fingerprint = PageFingerprint()
        fingerprint.add(bytes: "\(path)\n\(entry.key)\n\(entry.contentFingerprint)".utf8)
        return fingerprint.value
    }

    private func store(_ entry: Entry) {
        entries.withLock { $0[entry.path] = entry }
        changed.withLock { _ = $0.insert(entry.path) }
    }

    /// Forgets files no longer listed and adds what changed to the cache folder, if there is one.
    func save(keeping paths: Set<String>) {
        let removed = entries.withLock { entries in
            let gone = entries.keys.filter { !paths.contains($0) }
            for path in gone { entries[path] = nil }
            return gone
        }
        for path in removed { bodies.remove(path) }
        let toWrite = changed.withLock { changed in
            defer { changed.removeAll() }
            return changed.sorted()
        }
        guard let folder, !toWrite.isEmpty || !removed.isEmpty else { return }
        let file = folder.appendingPathComponent(Self.logName)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (records, whole) = logged.withLock { $0 }
        let live = entries.withLock { $0.count }
        // Replaced records are decoded for nothing at every load: at most an eighth more than the live ones.
        if removed.isEmpty, whole, records + toWrite.count <= live + live / 8 + 64 {
            // The usual rebuild: a few records appended to the log.
            let changedEntries = entries.withLock { entries in toWrite.compactMap { entries[$0] } }
            if Self.append(changedEntries, to: file) {
                logged.withLock { $0.records += changedEntries.count }
                return
            }
        }
        // A file removed, a log mostly of replaced records, or an end cut short: the log is written anew.
        let all = entries.withLock { $0.values.sorted { $0.path < $1.path } }
        let temporary = folder.appendingPathComponent(".\(Self.logName).\(getpid())")
        unlink(temporary.path)
        if Self.append(all, to: temporary), rename(temporary.path, file.path) == 0 {
            logged.withLock { $0 = (all.count, true) }
        } else {
            unlink(temporary.path)
        }
        Self.removeLegacyEntries(in: folder)
    }

    // MARK: - The log

    /// Every entry as a record (its length, then its bytes in ``BinaryCoding``), a changed file's new record
    /// appended after its old one. One file reads far faster than one per issue (earlier versions kept JSON files),
    /// the binary form decodes far faster than JSON, and a rebuild appends a record rather than writing all again.
    private static let logName = "entries.log"

    /// The records in the order written (`nil` for one that cannot be decoded), and whether the file ended with a
    /// whole record.
    private static func load(_ file: URL) -> (records: [Entry?], whole: Bool) {
        // Mapped, not read: the log is tens of megabytes, decoded where it lies.
        guard let file = FileBytes.map(file.path) else { return ([], true) }
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
            try? BinaryCoding.decode(Entry.self, from: UnsafeRawBufferPointer(rebasing: file.bytes[range]))
        }
        return (records, offset == bytes.count)
    }

    /// Appends records to `file`, creating it if needed.
    private static func append(_ entries: [Entry], to file: URL) -> Bool {
        let encoded = ParallelMap.map(entries) { entry -> [UInt8] in
            var bytes = [UInt8](repeating: 0, count: 8)
            guard (try? BinaryCoding.encode(entry, into: &bytes)) != nil else { return [] }
            withUnsafeBytes(of: UInt64(bytes.count - 8).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
            return bytes
        }
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        for record in encoded where !record.isEmpty {
            guard record.withUnsafeBufferPointer({ FileBytes.write($0, to: descriptor, at: nil) }) else { return false }
        }
        return true
    }

    /// Earlier versions kept one JSON file per entry.
    private static func removeLegacyEntries(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".json") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
