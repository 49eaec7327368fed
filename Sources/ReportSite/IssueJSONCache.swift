import Foundation
import SiteRendering
import Synchronization

/// Where each issue's object lies in the shards of `data/issues/` last written, by the fingerprint of the issue's
/// source, so that a rebuild copies the objects of unchanged issues from those files instead of encoding them again
/// (10,000 issues make 88 MB of JSON, a second of encoding). An object is copied from whichever shard held it, so an
/// issue that moves to another shard is still copied.
///
/// It lives in the ``BuildCache``: in memory for `perfsite serve`, in `.perfsite-cache/issues-json` for
/// `perfsite build`. An earlier file is used only while it still has the size and time recorded when it was
/// written, by the same perfsite executable, in the same output folder.
public final class IssueJSONCache: Sendable {
    /// One file written: its path in the output (`data/issues/0.json`), its size and time, and its parts.
    private struct File: Sendable {
        var path: String
        var size: Int
        var modified: Double
        var parts: [(source: UInt64, range: Range<Int>)]
    }

    private struct Index {
        /// The output folder the files were written in.
        var output = ""
        var files: [File] = []
        /// Where each known source's object lies: a file of ``files`` and a range in it.
        var parts: [UInt64: (file: Int, range: Range<Int>)] = [:]

        init(output: String = "", files: [File] = []) {
            self.output = output
            self.files = files
            for (index, file) in files.enumerated() {
                for part in file.parts { parts[part.source] = (index, part.range) }
            }
        }
    }

    /// The file the index is kept in; `nil` in memory.
    private let storage: URL?
    private let index: Mutex<Index>
    /// The earlier files, mapped while a build runs, by their place in the index (`nil`: gone or changed).
    private let mapped = Mutex<[MappedFile?]>([])
    /// Where the parts of each file being made lie, by its path.
    private let made = Mutex<[String: [(source: UInt64, range: Range<Int>)]]?>(nil)

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
            loaded = Index(
                output: saved.output,
                files: saved.files.map { file in
                    File(
                        path: file.path, size: file.size, modified: file.modified,
                        parts: file.parts.filter { $0.start >= 0 && $0.count >= 0 }.map {
                            (UInt64(bitPattern: Int64($0.source)), $0.start..<$0.start + $0.count)
                        })
                })
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
        struct File: Codable, Sendable {
            let path: String
            let size: Int
            let modified: Double
            let parts: [Part]
        }
        let executable: String
        let output: String
        let files: [File]
    }

    /// Maps the shards of `output` for this build that are still the files the index describes.
    func startBuild(output: URL) {
        let folder = output.standardizedFileURL.path
        let (recorded, files) = index.withLock { ($0.output, $0.files) }
        let mappings = files.map { file -> MappedFile? in
            let path = folder + "/" + file.path
            guard recorded == folder, FileBytes.status(path).map({ $0 == (file.size, file.modified) }) == true,
                let mapping = FileBytes.map(path)
            else { return nil }
            guard mapping.bytes.count == file.size else {
                mapping.unmap()
                return nil
            }
            return mapping
        }
        mapped.withLock { $0 = mappings }
    }

    /// Appends the object of the issue read from `source` from an earlier file, if one has it.
    func append(_ source: UInt64, to output: inout [UInt8]) -> Bool {
        guard let (file, range) = index.withLock({ $0.parts[source] }) else { return false }
        return mapped.withLock { mappings in
            guard file < mappings.count, let bytes = mappings[file]?.bytes, range.upperBound <= bytes.count,
                range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "{"),
                bytes[range.upperBound - 1] == UInt8(ascii: "}")
            else { return false }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
            return true
        }
    }

    /// The size the earlier file at `path` had (0 without one): the new one is about as large.
    func earlierSize(of path: String) -> Int {
        guard let place = index.withLock({ $0.files.firstIndex { $0.path == path } }) else { return 0 }
        return mapped.withLock { place < $0.count ? $0[place]?.bytes.count ?? 0 : 0 }
    }

    /// Where the object of each issue read from a known source lies in the file at `path` just made.
    func placed(_ parts: [(source: UInt64, range: Range<Int>)], in path: String) {
        made.withLock { made in
            if made == nil { made = [:] }
            made![path] = parts
        }
    }

    /// Unmaps the earlier files and, when the build wrote into `output`, records where the parts of the files it
    /// made lie (and saves the index); otherwise forgets them, so a file it did not describe is never read.
    func finishBuild(output: URL?) {
        mapped.withLock { mappings in
            for mapping in mappings { mapping?.unmap() }
            mappings = []
        }
        let made = made.withLock { made in
            let taken = made
            made = nil
            return taken
        }
        var written = Index()
        if let output, let made {
            let folder = output.standardizedFileURL.path
            let files = made.keys.sorted().compactMap { path -> File? in
                guard let (size, modified) = FileBytes.status(folder + "/" + path) else { return nil }
                return File(path: path, size: size, modified: modified, parts: made[path]!)
            }
            written = Index(output: folder, files: files)
        }
        index.withLock { $0 = written }
        guard let storage else { return }
        let saved = Saved(
            executable: Fingerprint.executable, output: written.output,
            files: written.files.map { file in
                Saved.File(
                    path: file.path, size: file.size, modified: file.modified,
                    parts: file.parts.map {
                        Saved.Part(
                            source: Int(Int64(bitPattern: $0.source)), start: $0.range.lowerBound, count: $0.range.count
                        )
                    })
            })
        try? FileManager.default.createDirectory(
            at: storage.deletingLastPathComponent(), withIntermediateDirectories: true)
        CacheRecords.replace(storage.path, with: [saved])
    }
}
