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

    /// The Markdown files under `folder`, sorted by their relative path; hidden files and folders are skipped.
    static func list(_ folder: URL) throws -> [Listing] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' does not exist: create it or pass --content DIR")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { throw SiteError("the content folder '\(folder.relativePath)' cannot be read: check its permissions") }
        var listings: [Listing] = []
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where url.pathExtension == "md" {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                continue
            }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath) else { continue }
            listings.append(
                Listing(
                    path: String(path.dropFirst(rootPath.count)), url: url, size: values.fileSize ?? 0,
                    modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0))
        }
        return listings.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Every file's bytes, in path order.
    static func load(from folder: URL) throws -> [SourceFile] {
        try list(folder).map { try $0.read() }
    }
}
