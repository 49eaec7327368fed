import Foundation
import SiteRendering

/// Writes a built site so that the previous one is replaced whole or not at all.
public enum OutputWriter {
    /// The folders beside `folder` that a build of this process writes to before swapping them in; an interrupted
    /// build removes them (the command line does it on SIGINT and SIGTERM).
    public static func temporaryFolders(for folder: URL) -> [URL] {
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        let name = folder.standardizedFileURL.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        return ["building", "previous"].map { parent.appendingPathComponent(".\(name).\($0)-\(pid)") }
    }

    /// Undoes a build of this process cut short: a site moved aside is put back, the half-written one removed.
    public static func recoverInterruptedBuild(folders: [URL]) {
        let manager = FileManager.default
        guard folders.count == 2 else { return }
        let (building, previous) = (folders[0], folders[1])
        let name = String(building.lastPathComponent.dropFirst().prefix { $0 != "." })
        let output = building.deletingLastPathComponent().appendingPathComponent(name)
        if !manager.fileExists(atPath: output.path), manager.fileExists(atPath: previous.path) {
            try? manager.moveItem(at: previous, to: output)
        }
        try? manager.removeItem(at: building)
        try? manager.removeItem(at: previous)
    }

    /// Renders and writes each file as soon as it is rendered, on `jobs` threads, into a temporary folder beside
    /// `folder`, then swaps it in; on failure nothing is left behind. A rendered file is released once written.
    static func write(
        _ paths: [String], to given: URL, jobs: Int?, rendering render: @escaping @Sendable (Int) throws -> OutputFile
    ) throws {
        let manager = FileManager.default
        let folder = given.standardizedFileURL
        let parent = folder.deletingLastPathComponent()
        let temporaryFolders = temporaryFolders(for: folder)
        let (temporary, previous) = (temporaryFolders[0], temporaryFolders[1])
        removeLeftovers(of: folder)
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw SiteError(
                "the output folder '\(given.relativePath)' cannot be written: check its permissions or pass --output DIR"
            )
        }
        do {
            for directory in Set(paths.map { (temporary.path + "/" + $0 as NSString).deletingLastPathComponent })
                .sorted()
            {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let written = ParallelMap.map(Array(paths.indices), jobs: jobs) { index -> Error? in
                do {
                    let file = try render(index)
                    let url = temporary.appendingPathComponent(file.path)
                    guard FileManager.default.createFile(atPath: url.path, contents: Data(file.contents)) else {
                        return SiteError(
                            "'\(file.path)' cannot be written in '\(given.relativePath)': check free space and permissions"
                        )
                    }
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = written.compactMap({ $0 }).first { throw failure }
            if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: previous) }
            try manager.moveItem(at: temporary, to: folder)
            try? manager.removeItem(at: previous)
        } catch {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: folder.path), manager.fileExists(atPath: previous.path) {
                try? manager.moveItem(at: previous, to: folder)
            }
            if let error = error as? SiteError { throw error }
            throw SiteError("the site could not be written to '\(given.relativePath)': \(error.localizedDescription)")
        }
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
        for entry in entries where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).previous-") {
            try? manager.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
