import Foundation
import Synchronization

/// The folder a build replaces, checked before anything is written: perfsite replaces only a folder that is
/// missing, empty, or carries the mark it leaves in every folder it writes, as Zola's `build` refuses a non-empty
/// output folder it did not make. The user's own files are never in the way of a build.
public struct OutputFolder: Sendable {
    /// The file every built site holds, so that a later build knows the folder is its own to replace.
    public static let markName = ".perfsite-output"
    /// What the mark says to a person who finds it.
    static let markText = "This folder was written by perfsite; each `perfsite build` replaces it whole.\n"

    /// The folder written: the output as given, or the target of the symbolic link it is (the link stays).
    public let folder: URL
    /// The output as the user named it, for messages.
    public let name: String

    /// The folder a build of `given` writes: the output itself, or where it links to. A link to a link is followed
    /// to the end; a dangling link's target is created.
    public static func target(of given: URL) -> URL {
        var url = given.standardizedFileURL
        for _ in 0..<32 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { break }
            url = URL(fileURLWithPath: destination, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        }
        return url
    }

    /// Checks that a build may replace `locations.output`; `force` allows a non-empty folder without the mark.
    ///
    /// - Throws: ``SiteError`` naming the folder and what to do, for an output that is the working directory, the
    ///   content, templates or configuration or a folder above one of them, the root or the home folder, an
    ///   existing file, or a folder of someone else's files.
    public static func checked(_ locations: SiteLocations, force: Bool) throws -> OutputFolder {
        let given = locations.output.relativePath
        let folder = target(of: locations.output)
        let path = canonical(folder.path)
        let home = ProcessInfo.processInfo.environment["HOME"].map(canonical)
        func refuse(_ what: String) -> SiteError {
            SiteError(
                "the output folder '\(given)' \(what); perfsite replaces its output folder whole, so it writes only "
                    + "to a folder of its own: pass --output public, or another new folder")
        }
        if path == "/" { throw refuse("is the root of the file system") }
        if let home, contains(path, home) {
            throw refuse(path == home ? "is the home folder" : "holds the home folder")
        }
        let working = canonical(FileManager.default.currentDirectoryPath)
        if contains(path, working) {
            throw refuse(path == working ? "is the working directory" : "holds the working directory")
        }
        let inputs = [
            ("content", locations.content), ("templates", locations.templates),
            ("configuration", locations.configuration),
        ]
        for (name, input) in inputs where contains(path, canonical(input.path)) {
            throw refuse(
                path == canonical(input.path) ? "is the \(name) location" : "holds the \(name) '\(input.relativePath)'")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            return OutputFolder(folder: folder, name: given)
        }
        guard isFolder.boolValue else {
            throw SiteError(
                "the output '\(given)' is a file, not a folder: pass --output with a folder's name, like public")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !entries.isEmpty && !entries.contains(markName) && !force && !isEarlierSite(folder) {
            throw SiteError(
                "the output folder '\(given)' holds files perfsite did not write (\(entries.count) "
                    + (entries.count == 1 ? "entry" : "entries")
                    + ", no \(markName)): pass a new or empty folder as --output, or --force to replace it and delete them"
            )
        }
        return OutputFolder(folder: folder, name: given)
    }

    /// Whether `folder` is a site an earlier perfsite wrote, before sites carried the mark: its `data/issues.json`
    /// and an `index.html` whose footer says "Built by perfsite". Its next build replaces it and marks it.
    static func isEarlierSite(_ folder: URL) -> Bool {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.appendingPathComponent("data/issues.json").path),
            let index = manager.contents(atPath: folder.appendingPathComponent("index.html").path)
        else { return false }
        return String(decoding: index, as: UTF8.self).contains("<footer class=\"bottom\">")
            && String(decoding: index, as: UTF8.self).contains("Built by perfsite from the issue files in")
    }

    /// Whether `ancestor` is `path` or a folder above it; both canonical.
    private static func contains(_ ancestor: String, _ path: String) -> Bool {
        path == ancestor || path.hasPrefix(ancestor == "/" ? "/" : ancestor + "/")
    }

    /// The absolute path with every link resolved, as far as it exists; the rest appended as given.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var existing = url
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        guard let resolved = realpath(existing.path, nil) else { return url.path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }
}

/// The lock beside an output folder that one build at a time holds while it writes there (`.NAME.lock`).
final class OutputLock {
    private let path: String
    private let descriptor: Int32
    /// The lock files this process holds, which an interrupted build removes on its way out.
    private static let held = Mutex<Set<String>>([])

    /// Takes the lock for `output`, creating the folders above it, or throws at once when another build holds it.
    init(for output: OutputFolder) throws {
        path = Self.path(for: output.folder)
        let unwritable = SiteError(
            "the output folder '\(output.name)' cannot be written: check its permissions or pass --output DIR")
        do {
            try FileManager.default.createDirectory(
                at: output.folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw unwritable
        }
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw unwritable }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw SiteError(
                    "another perfsite build is writing '\(output.name)' now: wait for it to finish, or pass another "
                        + "--output")
            }
            // The holder before us may have removed the file between our open and our lock: lock the file that is
            // there now.
            var held = stat()
            var current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino,
                held.st_dev == current.st_dev
            {
                self.descriptor = descriptor
                Self.held.withLock { _ = $0.insert(path) }
                return
            }
            close(descriptor)
        }
    }

    /// `.NAME.lock` beside `folder`.
    static func path(for folder: URL) -> String {
        let folder = folder.standardizedFileURL
        return folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).lock").path
    }

    /// Removes the lock file and lets the next build in.
    func release() {
        Self.held.withLock { _ = $0.remove(path) }
        unlink(path)
        close(descriptor)
    }

    /// Removes the lock files this process holds, for a build cut short by a signal (the locks go with the
    /// process).
    static func removeHeldFiles() {
        held.withLock { paths in
            for path in paths { unlink(path) }
        }
    }
}
