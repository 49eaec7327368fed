import Foundation
import SiteRendering

/// Writes a built site so that the previous one is replaced whole or not at all.
enum OutputWriter {
    /// Writes `files` into a temporary folder beside `folder`, then swaps it in; on failure nothing is left behind.
    static func write(_ files: [OutputFile], to folder: URL) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).building-\(pid)")
        let previous = parent.appendingPathComponent(".\(name).previous-\(pid)")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw SiteError(
                "the output folder '\(folder.relativePath)' cannot be written: check its permissions or pass --output DIR"
            )
        }
        do {
            var made = Set<String>()
            for file in files {
                let url = temporary.appendingPathComponent(file.path)
                let directory = url.deletingLastPathComponent().path
                if made.insert(directory).inserted {
                    try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                guard manager.createFile(atPath: url.path, contents: Data(file.contents)) else {
                    throw SiteError(
                        "'\(file.path)' cannot be written in '\(folder.relativePath)': check free space and permissions"
                    )
                }
            }
            if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: previous) }
            try manager.moveItem(at: temporary, to: folder)
            try? manager.removeItem(at: previous)
        } catch {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: folder.path), manager.fileExists(atPath: previous.path) {
                try? manager.moveItem(at: previous, to: folder)
            }
            if let error = error as? SiteError { throw error }
            throw SiteError("the site could not be written to '\(folder.relativePath)': \(error.localizedDescription)")
        }
    }
}
