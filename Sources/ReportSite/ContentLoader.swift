import Foundation
import ReportExtraction

/// Reads the content folder: every `*.md` below it, recursively, in path order.
enum ContentLoader {
    /// A Markdown file found in the content folder, not yet read.
    struct Listing: Sendable {
        /// The path relative to the content folder.
        let path: String
        /// The absolute location.
        let url: URL
        /// The size in bytes and the modification time, to tell quickly whether a cached result still holds.
        let size: Int
        let modified: Double

        /// The file's bytes.
        func read() throws -> SourceFile {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SiteError("'\(path)' in the content folder cannot be read: check its permissions")
            }
            return SourceFile(path: path, bytes: Array(data))
        }
    }

    /// The Markdown files under `folder`, sorted by their relative path; hidden files and folders are skipped, and
    /// so is a symbolic link that leads out of the folder (its path is returned among `outside`).
    static func list(_ folder: URL) throws -> (listings: [Listing], outside: [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' does not exist: create it or pass --content DIR")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey, .contentModificationDateKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { throw SiteError("the content folder '\(folder.relativePath)' cannot be read: check its permissions") }
        var listings: [Listing] = []
        var outside: [String] = []
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case var url as URL in enumerator where url.pathExtension == "md" {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath), var values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
            if values.isSymbolicLink == true {
                // A link is followed only while it stays inside the content folder.
                let target = url.resolvingSymlinksInPath()
                guard target.path.hasPrefix(rootPath) else {
                    outside.append(String(path.dropFirst(rootPath.count)))
                    continue
                }
                guard let targetValues = try? target.resourceValues(forKeys: Set(keys)) else { continue }
                (url, values) = (target, targetValues)
            }
            guard values.isRegularFile == true else { continue }
            listings.append(
                Listing(
                    path: String(path.dropFirst(rootPath.count)), url: url, size: values.fileSize ?? 0,
                    modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0))
        }
        return (listings.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, outside.sorted())
    }

    /// Every file's bytes, in path order.
    static func load(from folder: URL) throws -> [SourceFile] {
        try list(folder).listings.map { try $0.read() }
    }
}
