import Foundation
import ReportExtraction

/// Reads the content folder: every `*.md` below it, recursively, in path order.
enum ContentLoader {
    /// The Markdown files under `folder`, sorted by their relative path; hidden files and folders are skipped.
    static func load(from folder: URL) throws -> [SourceFile] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' does not exist: create it or pass --content DIR")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw SiteError("the content folder '\(folder.relativePath)' cannot be read: check its permissions") }
        var paths: [String] = []
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where url.pathExtension == "md" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath) else { continue }
            paths.append(String(path.dropFirst(rootPath.count)))
        }
        paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return try paths.map { path in
            guard let data = FileManager.default.contents(atPath: rootPath + path) else {
                throw SiteError("'\(path)' in the content folder cannot be read: check its permissions")
            }
            return SourceFile(path: path, bytes: Array(data))
        }
    }
}
