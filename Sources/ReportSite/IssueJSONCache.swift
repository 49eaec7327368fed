import Foundation
import SiteRendering
import Synchronization

/// Where each issue's object lies in the `data/issues.json` last written, by the fingerprint of the issue's source,
/// so that a rebuild copies the objects of unchanged issues from that file instead of encoding them again (10,000
/// issues make 86 MB of JSON, a second of encoding).
///
/// It lives in the ``BuildCache``: in memory for `perfsite serve`, in `.perfsite-cache/issues-json` for
/// `perfsite build`. The earlier file is used only while it still has the size and time recorded when it was
/// written, by the same perfsite executable, in the same output folder.
public final class IssueJSONCache: Sendable {
    private struct Index {
        /// The file the parts lie in, and its size and time when it was written.
        var file = ""
        var size = 0
        var modified = 0.0
        var parts: [UInt64: Range<Int>] = [:]
    }

    /// The file the index is kept in; `nil` in memory.
    private let storage: URL?
    private let index: Mutex<Index>
    /// The earlier file, mapped while a build runs.
    private let mapped = Mutex<MappedFile?>(nil)
    /// Where the parts of the file being made lie.
    private let made = Mutex<[(source: UInt64, range: Range<Int>)]?>(nil)

    /// In memory.
    init() {
        storage = nil
        index = Mutex(Index())
    }

    /// Kept in `file`, loaded now; a missing, unreadable or foreign file starts it empty.
    init(file: URL) {
        storage = file
        var loaded = Index()
        if let saved = CacheRecords.single(Saved.self, from: file.path), saved.executable == Fingerprint.executable {
            (loaded.file, loaded.size, loaded.modified) = (saved.file, saved.size, saved.modified)
            for part in saved.parts where part.start >= 0 && part.count >= 0 {
                loaded.parts[UInt64(bitPattern: Int64(part.source))] = part.start..<part.start + part.count
            }
        }
        index = Mutex(loaded)
    }

    /// The index as the cache keeps it: one record.
    struct Saved: Codable, Sendable {
        struct Part: Codable, Sendable {
            let source: Int
            let start: Int
            let count: Int
        }
        let executable: String
        let file: String
        let size: Int
        let modified: Double
        let parts: [Part]
    }

    /// Maps the `data/issues.json` of `output` for this build, if it is the file the index describes.
    func startBuild(output: URL) {
        let path = output.standardizedFileURL.path + "/data/issues.json"
        let (file, size, modified) = index.withLock { ($0.file, $0.size, $0.modified) }
        guard file == path, FileBytes.status(path).map({ $0 == (size, modified) }) == true,
            let mapping = FileBytes.map(path)
        else { return }
        guard mapping.bytes.count == size else { return mapping.unmap() }
        mapped.withLock { $0 = mapping }
    }

    /// Appends the object of the issue read from `source` from the earlier file, if it has one.
    func append(_ source: UInt64, to output: inout [UInt8]) -> Bool {
        guard let range = index.withLock({ $0.parts[source] }) else { return false }
        return mapped.withLock { mapping in
            guard let file = mapping?.bytes, range.upperBound <= file.count, range.count >= 2,
                file[range.lowerBound] == UInt8(ascii: "{"),
                file[range.upperBound - 1] == UInt8(ascii: "}")
            else { return false }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: file[range]))
            return true
        }
    }

    /// The size of the earlier file (0 without one): the new one is about as large.
    var earlierSize: Int { mapped.withLock { $0?.bytes.count ?? 0 } }

    /// Where the object of each issue read from a known source lies in the file just made.
    func placed(_ parts: [(source: UInt64, range: Range<Int>)]) { made.withLock { $0 = parts } }

    /// Unmaps the earlier file and, when the build wrote `data/issues.json` into `output`, records where its parts
    /// lie (and saves the index); otherwise forgets them, so a file it did not describe is never read.
    func finishBuild(output: URL?) {
        mapped.withLock { mapping in
            mapping?.unmap()
            mapping = nil
        }
        let parts = made.withLock { parts in
            let taken = parts
            parts = nil
            return taken
        }
        var written = Index()
        if let output, let parts {
            let path = output.standardizedFileURL.path + "/data/issues.json"
            if let (size, modified) = FileBytes.status(path) {
                written = Index(file: path, size: size, modified: modified)
                for part in parts { written.parts[part.source] = part.range }
            }
        }
        index.withLock { $0 = written }
        guard let storage else { return }
        let saved = written.parts.sorted { $0.value.lowerBound < $1.value.lowerBound }.map { source, range in
            Saved.Part(source: Int(Int64(bitPattern: source)), start: range.lowerBound, count: range.count)
        }
        try? FileManager.default.createDirectory(
            at: storage.deletingLastPathComponent(), withIntermediateDirectories: true)
        CacheRecords.replace(
            storage.path,
            with: [
                Saved(
                    executable: Fingerprint.executable, file: written.file, size: written.size,
                    modified: written.modified, parts: saved)
            ])
    }
}
