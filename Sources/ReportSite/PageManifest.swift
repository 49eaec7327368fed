import Foundation
import SiteRendering
import Synchronization

/// The pages of the last build and the fingerprint of what each was rendered from, so that a rebuild keeps a page
/// whose fingerprint did not change (a hard link to the file already published) instead of rendering it again.
///
/// It lives with the ``ParseCache``: in memory for `perfsite serve`, in `.perfsite-cache/pages.txt` for
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
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            // Split on bytes: a rebuild reads a line per page (10,000 and more).
            let lines = text.utf8.split(separator: UInt8(ascii: "\n")).map(Substring.init)
            let header = lines.first.map { $0.split(separator: "\t", maxSplits: 1) } ?? []
            if header.count == 2, header[0] == Fingerprint.executable {
                loaded.output = String(header[1])
                for line in lines.dropFirst() {
                    let fields = line.utf8.split(separator: UInt8(ascii: " "), maxSplits: 3).map(Substring.init)
                    guard fields.count == 4, let fingerprint = UInt64(fields[0], radix: 16),
                        let size = Int(fields[1]), let modified = Double(fields[2])
                    else { continue }
                    loaded.records[String(fields[3])] = Record(fingerprint: fingerprint, size: size, modified: modified)
                }
            }
        }
        state = Mutex(loaded)
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
        var text = "\(Fingerprint.executable)\t\(output.path)\n"
        for (path, record) in records.sorted(by: { $0.key < $1.key }) {
            text += "\(String(record.fingerprint, radix: 16)) \(record.size) \(record.modified) \(path)\n"
        }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
    }
}
