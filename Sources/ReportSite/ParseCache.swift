import Foundation
import ReportExtraction
import ReportModel
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
    /// The rendered bodies of the files read, kept out of the results.
    let bodies: BodyStore
    private let entries: Mutex<[String: Entry]>
    private let changed = Mutex<Set<String>>([])
    private let folder: URL?

    /// A cache that lives as long as the value (for `serve`).
    public init() {
        entries = Mutex([:])
        folder = nil
        pages = PageManifest()
        bodies = BodyStore()
    }

    /// A cache kept in `folder`, loaded now; a missing or unreadable folder starts it empty.
    public init(folder: URL) {
        self.folder = folder
        pages = PageManifest(file: folder.appendingPathComponent("pages.txt"))
        bodies = BodyStore(folder: folder.appendingPathComponent("bodies"))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".json")
        }
        // Decoding is most of a rebuild's reading: every core takes a share.
        let decoded = ParallelMap.map(names) { name -> Entry? in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                return nil
            }
            return try? JSONDecoder().decode(Entry.self, from: data)
        }
        var loaded: [String: Entry] = [:]
        for entry in decoded.compactMap({ $0 }) { loaded[entry.path] = entry }
        entries = Mutex(loaded)
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

    private func store(_ entry: Entry) {
        entries.withLock { $0[entry.path] = entry }
        changed.withLock { _ = $0.insert(entry.path) }
    }

    /// Forgets files no longer listed and writes what changed to the cache folder, if there is one.
    func save(keeping paths: Set<String>) {
        let removed = entries.withLock { entries in
            let gone = entries.keys.filter { !paths.contains($0) }
            for path in gone { entries[path] = nil }
            return gone
        }
        for path in removed { bodies.remove(path) }
        guard let folder else { return }
        let manager = FileManager.default
        try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for path in removed { try? manager.removeItem(at: folder.appendingPathComponent(Self.fileName(for: path))) }
        let toWrite = changed.withLock { changed in
            defer { changed.removeAll() }
            return changed
        }
        // Encoding is most of saving: every core takes a share.
        _ = ParallelMap.map(toWrite.sorted()) { path in
            guard let entry = entries.withLock({ $0[path] }), let data = try? JSONEncoder().encode(entry) else {
                return
            }
            _ = FileManager.default.createFile(
                atPath: folder.appendingPathComponent(Self.fileName(for: path)).path, contents: data)
        }
    }

    private static func fileName(for path: String) -> String { Fingerprint.of(path.utf8) + ".json" }
}
