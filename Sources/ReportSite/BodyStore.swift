import Foundation
import ReportExtraction
import ReportModel
import SiteRendering
import Synchronization

/// Where each issue's rendered body and its object of `data/issues/` wait for the two files made of them, so that a
/// build holds the data it aggregates but not every body, investigation and reproduction: both are stored as soon as
/// the file is parsed (the issue kept in memory loses what only the export shows, ``Issue/withoutExportOnlyParts``)
/// and read back only while its page and its shard are written.
///
/// Each issue's entry is appended to one file and read back with `pread`: the body's UTF-8, then the object's JSON.
/// In the ``BuildCache`` that file is `bodies-G`, kept for later builds (a kept page's body is never read again);
/// without a cache it is a temporary file beside the output, removed after the build. `perfsite serve` without a
/// disk cache keeps them in memory.
final class BodyStore: Sendable {
    /// What is stored of an issue.
    struct Entry: Sendable {
        /// The rendered body.
        var body: String
        /// The issue's object in `data/issues/`, as ``IssueExport`` writes it.
        var object: [UInt8]
    }

    /// Where an entry lies: in which file of the cache (its generation) and where in it, the body first.
    struct Place: Codable, Sendable, Equatable {
        let generation: Int
        let offset: Int
        let count: Int
        let bodyCount: Int
    }

    private enum Storage {
        case memory
        /// A file of bodies: a temporary one is removed by ``finish()``.
        case file(folder: URL, name: String, temporary: Bool)
    }

    private struct State {
        var memory: [String: Entry] = [:]
        var places: [String: Place] = [:]
        var descriptor: Int32 = -1
        var generation = 0
        /// Where the next body goes.
        var end = 0
    }

    private let storage: Storage
    private let state: Mutex<State>

    /// Bodies kept in memory.
    init() {
        storage = .memory
        state = Mutex(State())
    }

    /// Bodies appended to the temporary file `file`, removed by ``finish()``; in memory if it cannot be created.
    init(temporaryFile file: URL) {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var state = State()
        state.descriptor = open(file.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        storage =
            state.descriptor >= 0 ? .file(folder: folder, name: file.lastPathComponent, temporary: true) : .memory
        self.state = Mutex(state)
    }

    /// The bodies of a cache folder: the file of this `generation`, holding the bodies at `places` that still lie
    /// inside it (a body of another generation, or past the file's end, is not there: its file is read again).
    init(folder: URL, generation: Int, places: [String: Place]) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = Self.fileName(generation)
        var state = State()
        state.generation = generation
        state.descriptor = open(folder.path + "/" + name, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        var status = stat()
        if state.descriptor >= 0, fstat(state.descriptor, &status) == 0 { state.end = Int(status.st_size) }
        state.places = places.filter {
            $0.value.generation == generation && $0.value.offset + $0.value.count <= state.end
        }
        storage = state.descriptor >= 0 ? .file(folder: folder, name: name, temporary: false) : .memory
        self.state = Mutex(state)
        removeOtherGenerations()
    }

    deinit { state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } } }

    /// Stores the entry of the issue read from `path` (relative to the content folder).
    func put(_ entry: Entry, for path: String) {
        guard case .file = storage else { return state.withLock { $0.memory[path] = entry } }
        var bytes = Array(entry.body.utf8)
        let bodyCount = bytes.count
        bytes += entry.object
        bytes.withUnsafeBufferPointer { bytes in
            let (descriptor, generation, offset) = state.withLock { state in
                defer { state.end += bytes.count }
                return (state.descriptor, state.generation, state.end)
            }
            if FileBytes.write(bytes, to: descriptor, at: offset) {
                state.withLock {
                    $0.places[path] = Place(
                        generation: generation, offset: offset, count: bytes.count, bodyCount: bodyCount)
                }
            }
        }
    }

    /// The body of the issue read from `path`, if one was stored.
    func html(for path: String) -> String? {
        guard case .file = storage else { return state.withLock { $0.memory[path]?.body } }
        return read(path) { place in (0, place.bodyCount) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The object in `data/issues/` of the issue read from `path`, if one was stored.
    func object(for path: String) -> [UInt8]? {
        guard case .file = storage else { return state.withLock { $0.memory[path]?.object } }
        return read(path) { place in (place.bodyCount, place.count - place.bodyCount) }
    }

    /// The bytes of the stored entry of `path` at the offset and count `part` gives.
    private func read(_ path: String, part: (Place) -> (offset: Int, count: Int)) -> [UInt8]? {
        guard let (descriptor, place) = state.withLock({ state in state.places[path].map { (state.descriptor, $0) } })
        else { return nil }
        let (offset, count) = part(place)
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, read in
            read = pread(descriptor, buffer.baseAddress, count, off_t(place.offset + offset)) == count ? count : 0
        }
        return bytes.count == count ? bytes : nil
    }

    /// Where the entry of `path` lies, for the cache's record of it.
    func place(of path: String) -> Place? { state.withLock { $0.places[path] } }

    /// Whether an entry is stored for `path`.
    func contains(_ path: String) -> Bool {
        state.withLock { $0.memory[path] != nil || $0.places[path] != nil }
    }

    /// Forgets the entry of a file no longer in the content folder.
    func remove(_ path: String) {
        state.withLock {
            $0.memory[path] = nil
            $0.places[path] = nil
        }
    }

    /// How many bytes of the file hold stored bodies.
    var usedBytes: Int { state.withLock { state in state.places.values.reduce(0) { $0 + $1.count } } }

    /// How many bytes of the file hold no stored body (replaced or removed ones).
    var unusedBytes: Int { state.withLock { $0.end } - usedBytes }

    /// Copies the stored bodies, in path order, into the file of the next generation and reads from it from now on;
    /// the earlier file stays until ``removeOtherGenerations()`` (a cache whose records still name it reads it).
    /// `false` (nothing changed) when the new file cannot be written.
    func compact() -> Bool {
        guard case .file(let folder, _, false) = storage else { return false }
        return state.withLock { state in
            let generation = state.generation + 1
            let descriptor = open(
                folder.path + "/" + Self.fileName(generation), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return false }
            var places: [String: Place] = [:]
            var end = 0
            var buffer: [UInt8] = []
            for (path, place) in state.places.sorted(by: { $0.key < $1.key }) {
                buffer = [UInt8](repeating: 0, count: place.count)
                let read = buffer.withUnsafeMutableBytes {
                    pread(state.descriptor, $0.baseAddress, place.count, off_t(place.offset))
                }
                guard read == place.count,
                    buffer.withUnsafeBufferPointer({ FileBytes.write($0, to: descriptor, at: end) })
                else {
                    close(descriptor)
                    unlink(folder.path + "/" + Self.fileName(generation))
                    return false
                }
                places[path] = Place(
                    generation: generation, offset: end, count: place.count, bodyCount: place.bodyCount)
                end += place.count
            }
            close(state.descriptor)
            (state.descriptor, state.generation, state.end, state.places) = (descriptor, generation, end, places)
            return true
        }
    }

    /// Removes the cache's body files of other generations.
    func removeOtherGenerations() {
        guard case .file(let folder, _, false) = storage else { return }
        let current = state.withLock { Self.fileName($0.generation) }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where entry.hasPrefix("bodies-") && entry != current {
            unlink(folder.path + "/" + entry)
        }
    }

    /// Removes a temporary file once the site is written.
    func finish() {
        guard case .file(let folder, let name, true) = storage else { return }
        state.withLock { state in
            close(state.descriptor)
            state.descriptor = -1
        }
        unlink(folder.path + "/" + name)
    }

    private static func fileName(_ generation: Int) -> String { "bodies-\(generation)" }
}

extension IssueReader.Result {
    /// The result with the issue's body and its object of `data/issues/` (in `schema`) moved into `bodies`, and
    /// what only that object shows left out of the issue; with `lists`, its lists shared through them
    /// (``Issue/shareLists(in:)``), before the cache keeps it.
    func storingBody(
        in bodies: BodyStore, for path: String, schema: IssueSchema, sharing lists: SharedLists? = nil
    ) -> IssueReader.Result {
        guard let issue, let html = issue.bodyHTML else { return lists.map { sharingLists(in: $0) } ?? self }
        bodies.put(BodyStore.Entry(body: html, object: IssueExport.object(of: issue, schema: schema)), for: path)
        var kept = issue.withoutExportOnlyParts
        kept.bodyHTML = nil
        if let lists { kept.shareLists(in: lists) }
        return IssueReader.Result(issue: kept, diagnostics: diagnostics)
    }
}

extension IssueReader.Result {
    /// The result with its issue's lists shared through `lists` (``Issue/shareLists(in:)``).
    func sharingLists(in lists: SharedLists) -> IssueReader.Result {
        guard var issue else { return self }
        issue.shareLists(in: lists)
        return IssueReader.Result(issue: issue, diagnostics: diagnostics)
    }
}
