import Foundation
import ReportModel
import SiteRendering
import Synchronization

/// Writes a built site so that the previous one is replaced whole or not at all.
public enum OutputWriter {
    /// The temporary entries' kinds; an interrupted build's folder is renamed `removing` while it is removed.
    private static let temporaryKinds = ["building", "previous", "bodies"]

    /// What a build of this process keeps beside an output folder while it runs. An interrupted build removes them
    /// (the command line does it on SIGINT and SIGTERM).
    public struct TemporaryFolders: Sendable {
        /// The folder the build writes before swapping it in: `.NAME.building-PID`.
        public let building: URL
        /// The previous site, moved aside during the swap: `.NAME.previous-PID`.
        public let previous: URL
        /// The file the issues' bodies wait in, without a cache: `.NAME.bodies-PID`.
        public let bodies: URL
    }

    /// The temporary folders of this process's build of `folder`.
    public static func temporaryFolders(for folder: URL) -> TemporaryFolders {
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        let name = folder.standardizedFileURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let urls = temporaryKinds.map { parent.appendingPathComponent(".\(name).\($0)-\(pid)") }
        return TemporaryFolders(building: urls[0], previous: urls[1], bodies: urls[2])
    }

    /// Undoes a build of this process cut short: a site moved aside is put back, the half-written one removed.
    public static func recoverInterruptedBuild(folders: TemporaryFolders) {
        let manager = FileManager.default
        defer { OutputLock.removeHeldFiles() }
        let (building, previous) = (folders.building, folders.previous)
        try? manager.removeItem(at: folders.bodies)
        // `.NAME.building-PID`, where NAME may hold dots itself (`site.v2`).
        let marker = ".building-\(ProcessInfo.processInfo.processIdentifier)"
        if building.lastPathComponent.hasSuffix(marker) {
            let name = String(building.lastPathComponent.dropFirst().dropLast(marker.count))
            let output = building.deletingLastPathComponent().appendingPathComponent(name)
            if !manager.fileExists(atPath: output.path), manager.fileExists(atPath: previous.path) {
                try? manager.moveItem(at: previous, to: output)
            }
        }
        // The render threads may still be creating files in it: renamed first, it takes no new ones.
        let doomed = building.deletingLastPathComponent().appendingPathComponent(
            building.lastPathComponent.replacingOccurrences(of: ".building-", with: ".removing-"))
        try? manager.removeItem(at: (try? manager.moveItem(at: building, to: doomed)) != nil ? doomed : building)
        try? manager.removeItem(at: previous)
    }

    /// What the writer fills in for a plan: the parts of the last build it keeps.
    struct Supplies: Sendable {
        /// The pages of the last build and what each was made from; `nil` renders every page.
        var pages: PageManifest?
        /// An issue's rendered body, from where the build stored it.
        var body: @Sendable (Issue) -> String? = { $0.bodyHTML }
        /// An issue's object in `data/issues/`, from where the build stored it.
        var object: @Sendable (Issue) -> [UInt8]? = { _ in nil }
        /// Runs over the whole new site before it is swapped in (the search index), with a digest of its pages: equal
        /// digests, equal pages.
        var finish: @Sendable (_ site: URL, _ pagesDigest: UInt64) -> Void = { _, _ in }
        /// Where the threads' time goes (`--timings`).
        var timings: StageTimings?
        /// Whether `finish` needs the digest: a page without a fingerprint is then hashed, byte by byte.
        var digestsPages = false
    }

    /// Makes and writes each planned file as soon as it is made, on `jobs` threads, into a temporary folder beside
    /// `folder`, then swaps it in; on failure nothing is left behind. A file is released once written. For each
    /// file the writer decides: keep (a hard link to the page already published, when `supplies.pages` recorded
    /// its fingerprint), assemble (issue objects, from the store), or render (with the issue's body when the plan asks for
    /// it).
    ///
    /// - Returns: how many pages were kept rather than rendered.
    static func write(
        _ paths: [String], to output: OutputFolder, jobs: Int?, supplies: Supplies,
        preparing prepare: @escaping @Sendable (_ index: Int, _ fingerprinted: Bool) -> SiteRenderer.PreparedFile,
        failure describe: @escaping @Sendable (ThemeError) -> SiteError
    ) throws -> Int {
        let manager = FileManager.default
        let folder = output.folder
        let parent = folder.deletingLastPathComponent()
        let temporaryFolders = temporaryFolders(for: folder)
        let (temporary, previous) = (temporaryFolders.building, temporaryFolders.previous)
        removeLeftovers(of: folder)
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            try Data(OutputFolder.markText.utf8).write(to: temporary.appendingPathComponent(OutputFolder.markName))
        } catch {
            throw SiteError(
                "the output folder '\(output.name)' cannot be written: check its permissions or pass --output DIR"
            )
        }
        do {
            // The folders the files go in: a handful, found without Foundation's path parsing of every path.
            let folders = Set(paths.compactMap { path in path.lastIndex(of: "/").map { path[..<$0] } })
            for folder in folders.sorted() {
                try manager.createDirectory(atPath: temporary.path + "/" + folder, withIntermediateDirectories: true)
            }
            let timings = supplies.timings
            let written = ParallelMap.map(Array(paths.indices), jobs: jobs) { index -> Result<Written, Error> in
                let path = paths[index]
                let pages = supplies.pages
                let prepared = timings.work("prepare view models") { prepare(index, pages != nil) }
                if let fingerprint = prepared.fingerprint, let pages {
                    let kept = timings.work("keep unchanged pages") {
                        pages.canKeep(path, fingerprint: fingerprint, in: folder)
                            && link(folder.path + "/" + path, temporary.path + "/" + path) == 0
                    }
                    if kept { return .success(Written(fingerprint: fingerprint, kept: true, digest: fingerprint)) }
                }
                func unwritable() -> SiteError {
                    SiteError("'\(path)' cannot be written in '\(output.name)': check free space and permissions")
                }
                let render: () throws(ThemeError) -> OutputFile
                switch prepared.contents {
                case .rendered(let make): render = make
                case .withBody(let issue, let make):
                    render = { () throws(ThemeError) in try make(supplies.body(issue)) }
                case .fragments(let make):
                    // A shard of issue objects goes to its file as each object is read from the store, never whole.
                    let fragments = make(supplies.object)
                    let streamed = timings.work("make data files") {
                        FileBytes.write(to: temporary.path + "/" + path) { fragments.stream($0) }
                    }
                    guard streamed else { return .failure(unwritable()) }
                    TestPause.fileWritten()
                    return .success(
                        Written(fingerprint: prepared.fingerprint, kept: false, digest: prepared.fingerprint))
                }
                let rendered = timings.work(path.hasSuffix(".html") ? "render pages" : "make data files") {
                    () -> Result<OutputFile, ThemeError> in
                    do throws(ThemeError) { return .success(try render()) } catch { return .failure(error) }
                }
                let file: OutputFile
                switch rendered {
                case .success(let made): file = made
                case .failure(let error): return .failure(describe(error))
                }
                guard timings.work("write files", { FileBytes.write(file.contents, to: temporary.path + "/" + path) })
                else { return .failure(unwritable()) }
                TestPause.fileWritten()
                return .success(
                    Written(
                        fingerprint: prepared.fingerprint, kept: false,
                        digest: prepared.fingerprint ?? (supplies.digestsPages ? digest(path, file.contents) : nil)))
            }
            let outcomes = try written.map { try $0.get() }
            var pagesDigest = PageFingerprint()
            for (path, outcome) in zip(paths, outcomes) where path.hasSuffix(".html") {
                pagesDigest.add(bytes: path.utf8)
                pagesDigest.add(word: outcome.digest ?? 0)
            }
            supplies.finish(temporary, pagesDigest.value)
            try timings.measure("swap in") {
                if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: previous) }
                try manager.moveItem(at: temporary, to: folder)
            }
            // The old site goes on another core while the manifest is written.
            let removal = DispatchGroup()
            DispatchQueue.global().async(group: removal) { try? FileManager.default.removeItem(at: previous) }
            var fingerprints: [String: (UInt64, kept: Bool)] = [:]
            for (path, outcome) in zip(paths, outcomes) {
                if let fingerprint = outcome.fingerprint { fingerprints[path] = (fingerprint, outcome.kept) }
            }
            supplies.pages?.update(fingerprints, in: folder)
            removal.wait()
            return zip(paths, outcomes).count { $0.hasSuffix(".html") && $1.kept }
        } catch {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: folder.path), manager.fileExists(atPath: previous.path) {
                try? manager.moveItem(at: previous, to: folder)
            }
            if let error = error as? SiteError { throw error }
            throw SiteError("the site could not be written to '\(output.name)': \(error.localizedDescription)")
        }
    }

    /// What became of one planned file: its fingerprint, whether the published one was kept, and a digest of what
    /// it holds (the fingerprint, or for a page without one a hash of its bytes).
    private struct Written {
        var fingerprint: UInt64?
        var kept: Bool
        var digest: UInt64?
    }

    /// A hash of a page's bytes; `nil` for a file that is not a page.
    private static func digest(_ path: String, _ contents: [UInt8]) -> UInt64? {
        guard path.hasSuffix(".html") else { return nil }
        var hash = PageFingerprint()
        hash.add(bytes: contents)
        return hash.value
    }

    /// Cleans up after a build killed outright (SIGKILL, a power cut): a site moved aside but never replaced is
    /// put back, then every leftover folder is removed.
    private static func removeLeftovers(of folder: URL) {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        let entries = ((try? manager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        if !manager.fileExists(atPath: folder.path),
            let movedAside = entries.last(where: { $0.hasPrefix(".\(name).previous-") })
        {
            try? manager.moveItem(at: parent.appendingPathComponent(movedAside), to: folder)
        }
        let ownBodies = temporaryFolders(for: folder).bodies.lastPathComponent
        for entry in entries
        where entry != ownBodies
            && (temporaryKinds + ["removing"]).contains(where: { entry.hasPrefix(".\(name).\($0)-") })
        {
            try? manager.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}

/// A build that stops for good after writing `PERFSITE_TEST_PAUSE_AFTER_FILES` files and says so on standard
/// error, so that a test can interrupt a build at a known point instead of guessing how long it takes.
enum TestPause {
    private static let limit = ProcessInfo.processInfo.environment["PERFSITE_TEST_PAUSE_AFTER_FILES"].flatMap {
        Int($0)
    }
    private static let written = Atomic<Int>(0)

    static func fileWritten() {
        guard let limit else { return }
        guard written.add(1, ordering: .relaxed).newValue == limit else { return }
        FileHandle.standardError.write(Data("perfsite: paused after \(limit) files\n".utf8))
        DispatchSemaphore(value: 0).wait()
    }
}
