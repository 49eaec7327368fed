import Foundation
import ReportExtraction
import ReportModel
import SiteRendering
import Synchronization

/// Everything a build keeps for the next one, in one folder beside `perfsite.yml` (`.perfsite-cache/`, safe to
/// delete; `--no-cache` turns it off), so that a rebuild parses only the files that changed and renders only the
/// pages whose inputs changed. `perfsite serve` keeps one in memory across rebuilds. A cached build writes the same
/// bytes as an uncached one.
///
/// One folder, one format, one lock. Every file is ``CacheRecords`` but the bodies, which the records point into:
///
/// - `sources.log`: what reading each file gave (``Entry``), a changed file's record appended after its old one;
/// - `bodies-G`: the rendered bodies and the issues' objects of `data/issues/`, appended as files are parsed
///   (``BodyStore``), rewritten as generation G+1 when the log is;
/// - `pages`: each page of the last build and its fingerprint (``PageManifest``);
/// - `lock`: held (`flock`) by the one process that uses the folder.
public final class BuildCache: Sendable {
    struct Entry: Codable, Sendable {
        /// What the file was read with: perfsite's version and the schema.
        let key: String
        let path: String
        let size: Int
        let modified: Double
        let contentFingerprint: String
        let result: IssueReader.Result
        /// Where the issue's body lies in the bodies file, once saved.
        var body: BodyStore.Place?
    }

    /// The pages of the last build and what each was rendered from.
    public let pages: PageManifest
    /// The rendered bodies and issue objects of the files read, kept out of the results.
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
        bodies = BodyStore()
    }

    /// The lock on the cache folder this cache holds while it lives (-1 for none): one process at a time reads
    /// and writes a cache folder, whatever output it builds.
    private let lockDescriptor: Int32

    /// A cache kept in `folder`, or `nil` while another perfsite process uses that folder (its lock, `lock` in the
    /// folder, is held): the caller builds without it rather than mixing two builds' records.
    public static func locked(folder: URL) -> BuildCache? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return BuildCache(folder: folder, lock: -1) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return BuildCache(folder: folder, lock: descriptor)
    }

    deinit { if lockDescriptor >= 0 { close(lockDescriptor) } }

    /// A cache kept in `folder`, loaded now; a missing or unreadable folder (or log) starts it empty. Use
    /// ``locked(folder:)`` unless no other process can use the folder.
    public convenience init(folder: URL) { self.init(folder: folder, lock: -1) }

    private init(folder: URL, lock: Int32) {
        lockDescriptor = lock
        self.folder = folder
        Self.removeEarlierFormats(in: folder)
        pages = PageManifest(file: folder.appendingPathComponent("pages"))
        let (records, whole) = CacheRecords.read(Entry.self, from: folder.appendingPathComponent(Self.logName).path)
        var loaded: [String: Entry] = [:]
        // A later record of a path replaces an earlier one.
        for entry in records.compactMap({ $0 }) { loaded[entry.path] = entry }
        entries = Mutex(loaded)
        logged = Mutex((records.count, whole))
        // Bodies are appended to the generation the last record names.
        let generation = records.last { $0?.body != nil }??.body?.generation ?? 0
        bodies = BodyStore(
            folder: folder, generation: generation, places: loaded.compactMapValues(\.body))
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
        let file = folder.appendingPathComponent(Self.logName).path
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (records, whole) = logged.withLock { $0 }
        let live = entries.withLock { $0.count }
        // Replaced records are decoded for nothing at every load, replaced bodies take room: at most an eighth more
        // records than live ones, and a quarter more body bytes than live ones.
        let bodiesCompact = bodies.unusedBytes <= (1 << 20) + bodies.usedBytes / 4
        if removed.isEmpty, whole, bodiesCompact, records + toWrite.count <= live + live / 8 + 64 {
            // The usual rebuild: a few records appended to the log.
            let changedEntries = entries.withLock { entries in
                toWrite.compactMap { path in entries[path].map { $0.placing(self.bodies.place(of: path)) } }
            }
            if CacheRecords.append(changedEntries, to: file) {
                logged.withLock { $0.records += changedEntries.count }
                return
            }
        }
        // A file removed, a log mostly of replaced records, or an end cut short: the bodies and the log are
        // written anew, the bodies first (the old log goes on naming the old bodies file until it is replaced).
        guard bodies.compact() else { return }
        let all = entries.withLock { entries in
            entries.values.sorted { $0.path < $1.path }.map { $0.placing(self.bodies.place(of: $0.path)) }
        }
        if CacheRecords.replace(file, with: all) {
            logged.withLock { $0 = (all.count, true) }
            bodies.removeOtherGenerations()
        }
    }

    /// The log of what reading each file gave. One file reads far faster than one per issue (earlier versions kept
    /// JSON files), the binary form decodes far faster than JSON, and a rebuild appends a record rather than
    /// writing all again.
    private static let logName = "sources.log"

    /// What earlier versions kept in the folder: a JSON file per entry, a text manifest and index, a file per body,
    /// the index of the last `data/issues/` shards (objects are now stored beside the bodies).
    private static func removeEarlierFormats(in folder: URL) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasSuffix(".json")
            || ["entries.log", "pages.txt", "issues-json.txt", "issues-json", "bodies"].contains(name)
        {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

extension BuildCache.Entry {
    /// The entry recording where its body lies.
    func placing(_ body: BodyStore.Place?) -> Self {
        var entry = self
        entry.body = body
        return entry
    }
}
