import Foundation
import SiteRendering
import Synchronization

/// The pages of the last build and the fingerprint of what each was rendered from, so that a rebuild keeps a page
/// whose fingerprint did not change (a hard link to the file already published) instead of rendering it again.
///
/// It lives in the ``BuildCache``: in memory for `perfsite serve`, in `.perfsite-cache/pages` for
/// `perfsite build`. A page is kept only when its file in the output folder still has the size and time recorded
/// when it was written, and only by the same perfsite executable.
public final class PageManifest: Sendable {
    struct Record: Sendable, Equatable {
        let fingerprint: UInt64
        let size: Int
        let modified: Double
    }

    private struct State {
        /// The output folder the records describe.
        var output = ""
        var records: [String: Record] = [:]
    }

    private let state: Mutex<State>
    private let file: URL?

    /// A manifest kept in memory.
    init() {
        state = Mutex(State())
        file = nil
    }

    /// A manifest kept in `file`, loaded now; a missing, unreadable or foreign file starts it empty.
    init(file: URL) {
        self.file = file
        var loaded = State()
        if let saved = CacheRecords.single(Saved.self, from: file.path), saved.executable == Fingerprint.executable {
            loaded.output = saved.output
            for page in saved.pages {
                loaded.records[page.path] = Record(
                    fingerprint: UInt64(bitPattern: Int64(page.fingerprint)), size: page.size, modified: page.modified)
            }
        }
        state = Mutex(loaded)
    }

    /// The manifest as the cache keeps it: one record.
    private struct Saved: Codable, Sendable {
        struct Page: Codable, Sendable {
            let path: String
            let fingerprint: Int
            let size: Int
            let modified: Double
        }
        /// The executable that wrote it: another one's fingerprints are not comparable.
        let executable: String
        /// The output folder the pages are in.
        let output: String
        let pages: [Page]
    }

    /// Whether the page at `path` of `output` was rendered from inputs with this fingerprint and is unchanged since.
    func canKeep(_ path: String, fingerprint: UInt64, in output: URL) -> Bool {
        let record = state.withLock { $0.output == output.path ? $0.records[path] : nil }
        guard record?.fingerprint == fingerprint else { return false }
        return Self.isFresh(record, fingerprint: fingerprint, file: FileBytes.status(output.path + "/" + path))
    }

    /// The one rule that decides whether a published page may be kept: it was recorded (for this output folder, by
    /// this executable), from inputs with this fingerprint, and its file still has the size and modification time
    /// recorded when it was written (a page edited by hand, or gone, is rendered again).
    static func isFresh(_ record: Record?, fingerprint: UInt64, file: (size: Int, modified: Double)?) -> Bool {
        guard let record, record.fingerprint == fingerprint, let file else { return false }
        return file.size == record.size && file.modified == record.modified
    }

    /// Records the pages just written to `output` (by path, with their fingerprints, and whether each was kept) and
    /// saves the manifest. A kept page is a link to the file recorded, so its size and time are the recorded ones.
    func update(_ fingerprints: [String: (UInt64, kept: Bool)], in output: URL) {
        let earlier = state.withLock { $0.output == output.path ? $0.records : [:] }
        var records: [String: Record] = [:]
        for (path, (fingerprint, kept)) in fingerprints {
            if kept, let record = earlier[path], record.fingerprint == fingerprint {
                records[path] = record
                continue
            }
            guard let (size, modified) = FileBytes.status(output.path + "/" + path) else { continue }
            records[path] = Record(fingerprint: fingerprint, size: size, modified: modified)
        }
        state.withLock { $0 = State(output: output.path, records: records) }
        guard let file else { return }
        let pages = records.sorted { $0.key < $1.key }.map { path, record in
            Saved.Page(
                path: path, fingerprint: Int(Int64(bitPattern: record.fingerprint)), size: record.size,
                modified: record.modified)
        }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        CacheRecords.replace(
            file.path, with: [Saved(executable: Fingerprint.executable, output: output.path, pages: pages)])
    }
}
