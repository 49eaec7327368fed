import Foundation
import ReportExtraction
import Synchronization

/// Where each issue's rendered body waits for its page, so that a build holds the data it aggregates but not every
/// body: a body is stored as soon as its file is parsed and read back only while its page is rendered.
///
/// `perfsite build` keeps bodies in the cache folder beside the parse results, a file each (a cached file's body is
/// not even read unless its page is rendered again); without a cache it appends them to one temporary file beside
/// the output, removed after the build. `perfsite serve` without a disk cache keeps them in memory.
final class BodyStore: Sendable {
    private enum Place {
        case memory
        case folder(URL)
        case spill(path: String, descriptor: Int32)
    }

    private struct State {
        var memory: [String: String] = [:]
        /// Where each body is in the spill file.
        var spilled: [String: (offset: Int, count: Int)] = [:]
        var spillEnd = 0
    }

    private let place: Place
    private let state = Mutex(State())

    /// Bodies kept in memory.
    init() { place = .memory }

    /// Bodies kept as files in `folder`, for later builds.
    init(folder: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        place = .folder(folder)
    }

    /// Bodies appended to the temporary file `file`, removed by ``finish()``; in memory if it cannot be created.
    init(temporaryFile file: URL) {
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        place = descriptor >= 0 ? .spill(path: file.path, descriptor: descriptor) : .memory
    }

    /// Stores the body of the issue read from `path` (relative to the content folder).
    func put(_ html: String, for path: String) {
        switch place {
        case .memory:
            state.withLock { $0.memory[path] = html }
        case .folder(let folder):
            _ = FileBytes.write(Array(html.utf8), to: file(for: path, in: folder))
        case .spill(_, let descriptor):
            var html = html
            html.withUTF8 { bytes in
                let offset = state.withLock { state in
                    defer { state.spillEnd += bytes.count }
                    return state.spillEnd
                }
                if FileBytes.write(bytes, to: descriptor, at: offset) {
                    state.withLock { $0.spilled[path] = (offset, bytes.count) }
                }
            }
        }
    }

    /// The body of the issue read from `path`, if one was stored.
    func html(for path: String) -> String? {
        switch place {
        case .memory:
            return state.withLock { $0.memory[path] }
        case .folder(let folder):
            return FileManager.default.contents(atPath: file(for: path, in: folder)).map {
                String(decoding: $0, as: UTF8.self)
            }
        case .spill(_, let descriptor):
            guard let (offset, count) = state.withLock({ $0.spilled[path] }) else { return nil }
            return String(unsafeUninitializedCapacity: count) { buffer in
                pread(descriptor, buffer.baseAddress, count, off_t(offset)) == count ? count : 0
            }
        }
    }

    /// Whether a body is stored for `path`.
    func contains(_ path: String) -> Bool {
        switch place {
        case .memory: state.withLock { $0.memory[path] != nil }
        case .folder(let folder): FileManager.default.fileExists(atPath: file(for: path, in: folder))
        case .spill: state.withLock { $0.spilled[path] != nil }
        }
    }

    /// Forgets the body of a file no longer in the content folder.
    func remove(_ path: String) {
        switch place {
        case .memory: state.withLock { $0.memory[path] = nil }
        case .folder(let folder): try? FileManager.default.removeItem(atPath: file(for: path, in: folder))
        case .spill: state.withLock { $0.spilled[path] = nil }
        }
    }

    /// Removes a temporary file once the site is written.
    func finish() {
        guard case .spill(let path, let descriptor) = place else { return }
        close(descriptor)
        unlink(path)
    }

    private func file(for path: String, in folder: URL) -> String {
        folder.path + "/" + Fingerprint.of(path.utf8) + ".html"
    }
}

extension IssueReader.Result {
    /// The result with the issue's body moved into `bodies`.
    func storingBody(in bodies: BodyStore, for path: String) -> IssueReader.Result {
        guard var issue, let html = issue.bodyHTML else { return self }
        bodies.put(html, for: path)
        issue.bodyHTML = nil
        return IssueReader.Result(issue: issue, diagnostics: diagnostics)
    }
}
