import Foundation
import SiteRendering
import Synchronization

/// Where each issue's object lies in the `data/issues.json` last written, by the fingerprint of the issue's source,
/// so that a rebuild copies the objects of unchanged issues from that file instead of encoding them again (10,000
/// issues make 86 MB of JSON, a second of encoding).
///
/// It lives with the ``ParseCache``: in memory for `perfsite serve`, in `.perfsite-cache/issues-json.txt` for
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
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let lines = text.utf8.split(separator: UInt8(ascii: "\n")).map(Substring.init)
            let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
            if header.count == 4, header[0] == Fingerprint.executable, let size = Int(header[2]),
                let modified = Double(header[3])
            {
                loaded.file = String(header[1])
                (loaded.size, loaded.modified) = (size, modified)
                for line in lines.dropFirst() {
                    let fields = line.utf8.split(separator: UInt8(ascii: " ")).map(Substring.init)
                    guard fields.count == 3, let source = UInt64(fields[0], radix: 16), let start = Int(fields[1]),
                        let count = Int(fields[2]), start >= 0, count >= 0
                    else { continue }
                    loaded.parts[source] = start..<start + count
                }
            }
        }
        index = Mutex(loaded)
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
        var text = "\(Fingerprint.executable)\t\(written.file)\t\(written.size)\t\(written.modified)\n"
        for (source, range) in written.parts.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
            text += "\(String(source, radix: 16)) \(range.lowerBound) \(range.count)\n"
        }
        try? FileManager.default.createDirectory(
            at: storage.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: storage, atomically: true, encoding: .utf8)
    }
}
