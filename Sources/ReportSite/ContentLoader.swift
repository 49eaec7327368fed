import Foundation
import ReportExtraction

/// Reads the content folder: every `*.md` below it, recursively, in path order.
enum ContentLoader {
    /// A Markdown file found in the content folder, not yet read.
    struct Listing: Sendable {
        /// The path relative to the content folder.
        let path: String
        /// The absolute path of the file read (a link's target).
        let location: String
        /// The size in bytes and the modification time, to tell quickly whether a cached result still holds.
        let size: Int
        let modified: Double

        /// The file's bytes.
        func read() throws -> SourceFile {
            guard let bytes = FileBytes.read(location) else {
                throw SiteError("'\(path)' in the content folder cannot be read: check its permissions")
            }
            return SourceFile(path: path, bytes: bytes)
        }
    }

    /// The Markdown files under `folder`, sorted by their relative path; hidden files and folders are skipped, and
    /// so is a symbolic link that leads out of the folder (its path is returned among `outside`). A linked folder
    /// is not entered.
    ///
    /// POSIX calls rather than `FileManager`'s enumerator: with 10,000 files, the enumerator's URLs and resource
    /// values had taken a second of every rebuild.
    static func list(_ folder: URL) throws -> (listings: [Listing], outside: [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
            let resolved = realpath(folder.path, nil)
        else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' does not exist: create it or pass --content DIR")
        }
        let root = String(cString: resolved)
        free(resolved)
        let rootPath = root.hasSuffix("/") ? root : root + "/"
        var listings: [Listing] = []
        var outside: [String] = []
        guard walk("", under: rootPath, into: &listings, outside: &outside) else {
            throw SiteError("the content folder '\(folder.relativePath)' cannot be read: check its permissions")
        }
        return (listings.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, outside.sorted())
    }

    /// Lists the folder `root + relative` (`root` and a non-empty `relative` end in `/`); `false` if it cannot be
    /// opened.
    private static func walk(
        _ relative: String, under root: String, into listings: inout [Listing], outside: inout [String]
    ) -> Bool {
        guard let directory = opendir(root + relative) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix(".") else { continue }
            let path = relative + name
            var kind = Int32(entry.pointee.d_type)
            var status = stat()
            if kind == Int32(DT_UNKNOWN) {
                guard lstat(root + path, &status) == 0 else { continue }
                kind =
                    (status.st_mode & S_IFMT) == S_IFDIR
                    ? Int32(DT_DIR) : (status.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
            }
            if kind == Int32(DT_DIR) {
                _ = walk(path + "/", under: root, into: &listings, outside: &outside)
                continue
            }
            guard name.hasSuffix(".md"), name.utf8.count > 3 else { continue }
            var location = root + path
            if kind == Int32(DT_LNK) {
                // A link is followed only while it stays inside the content folder.
                guard let target = realpath(location, nil) else { continue }
                location = String(cString: target)
                free(target)
                guard location.hasPrefix(root) else {
                    outside.append(path)
                    continue
                }
            } else if kind != Int32(DT_REG) {
                continue
            }
            guard stat(location, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1_000_000_000
            listings.append(Listing(path: path, location: location, size: Int(status.st_size), modified: modified))
        }
        return true
    }

    /// Every file's bytes, in path order.
    static func load(from folder: URL) throws -> [SourceFile] {
        try list(folder).listings.map { try $0.read() }
    }
}
