import Foundation
import ReportExtraction
import ReportModel

/// Reads the content folder: every `*.md` below it, recursively, in path order.
enum ContentLoader {
    /// A Markdown file found in the content folder, not yet read.
    struct Listing: Sendable {
        /// The path relative to the content folder, as shown (a name that is not UTF-8 is shown with U+FFFD).
        let path: String
        /// The absolute path of the file read (a link's target), as the file system's bytes with a NUL at the end.
        let location: [CChar]
        /// The size in bytes and the modification time, to tell quickly whether a cached result still holds.
        let size: Int
        let modified: Double

        /// The file's bytes.
        func read() throws -> SourceFile {
            guard let bytes = location.withUnsafeBufferPointer({ FileBytes.read(cPath: $0.baseAddress!) }) else {
                throw SiteError("the file cannot be read (\(String(cString: strerror(errno)))): check its permissions")
            }
            return SourceFile(path: path, bytes: bytes)
        }
    }

    /// What listing the content folder found.
    struct Contents {
        /// Every Markdown file, sorted by relative path.
        var listings: [Listing] = []
        /// What could not be listed or will not be read, each naming its path: nothing is left out silently.
        var problems: [Diagnostic] = []
    }

    /// The Markdown files under `folder`, sorted by their relative path. Hidden files and folders (`.name`) are
    /// skipped, as every static site generator does; everything else that is not read is a diagnostic: a folder
    /// that cannot be opened, a path too long to open, a `.md` entry that is not a regular file, a symbolic link
    /// that leads out of the folder or to a folder (a linked folder is not entered). A name that is not valid UTF-8
    /// is read, and shown with replacement characters.
    ///
    /// POSIX calls rather than `FileManager`'s enumerator: with 10,000 files, the enumerator's URLs and resource
    /// values had taken a second of every rebuild; and paths stay the file system's bytes, which need not be UTF-8.
    ///
    /// With `redactingNames`, a credential in a file's or folder's name is replaced by `REDACTED` in the path shown
    /// (and so in every page name, URL and feed entry made from it); the file is still read from its real name.
    static func list(_ folder: URL, redactingNames: Bool = true) throws -> Contents {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
            let resolved = realpath(folder.path, nil)
        else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' does not exist: create it or pass --content DIR")
        }
        var root = Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)))
        free(resolved)
        if root.last != CChar(UInt8(ascii: "/")) { root.append(CChar(UInt8(ascii: "/"))) }
        var contents = Contents()
        guard Walk(root: root, redactsNames: redactingNames).walk([], into: &contents) else {
            throw SiteError(
                "the content folder '\(folder.relativePath)' cannot be read (\(String(cString: strerror(errno)))): "
                    + "check its permissions")
        }
        contents.listings.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        contents.problems.sort()
        return contents
    }

    /// One listing of the tree under `root` (absolute, ending in `/`), on the file system's bytes.
    private struct Walk {
        let root: [CChar]
        let redactsNames: Bool

        private static let slash = CChar(UInt8(ascii: "/"))
        /// A linked folder, inside the content folder or out of it, is not entered.
        private static let linkedFolder = "a symbolic link to a folder, which is not followed: its files were not read"

        /// Lists the folder `root + relative` (`relative` is empty or ends in `/`); `false` if it cannot be opened.
        func walk(_ relative: [CChar], into contents: inout Contents) -> Bool {
            let folderPath = root + relative
            guard folderPath.count < Int(PATH_MAX) else {
                errno = ENAMETOOLONG
                return false
            }
            guard let directory = (folderPath + [0]).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else {
                return false
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 })
                }
                guard name.first != CChar(UInt8(ascii: ".")) else { continue }
                visit(relative + name, kind: Int32(entry.pointee.d_type), into: &contents)
            }
            return true
        }

        /// The path as shown: UTF-8, with U+FFFD where the bytes are not.
        private static func shown(_ path: [CChar]) -> String {
            String(decoding: path.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        private func visit(_ path: [CChar], kind given: Int32, into contents: inout Contents) {
            let shown = Self.shown(path)
            func problem(_ severity: Diagnostic.Severity, _ message: String) {
                contents.problems.append(Diagnostic(file: shown, line: nil, severity: severity, message: message))
            }
            let full = root + path
            guard full.count < Int(PATH_MAX) else {
                problem(
                    .error,
                    "the path is over \(PATH_MAX) bytes, too long to open, so it was left out: move it nearer the "
                        + "content folder or shorten the folder names")
                return
            }
            let isMarkdown = path.count > 3 && path.suffix(3).elementsEqual(".md".utf8.map { CChar($0) })
            var status = stat()
            var kind = given
            if kind == Int32(DT_UNKNOWN) {
                guard (full + [0]).withUnsafeBufferPointer({ lstat($0.baseAddress!, &status) }) == 0 else {
                    problem(.error, "it cannot be examined (\(String(cString: strerror(errno)))), so it was left out")
                    return
                }
                kind = Self.kind(of: status.st_mode)
            }
            if kind == Int32(DT_DIR) {
                if !walk(path + [Self.slash], into: &contents) {
                    problem(
                        .error,
                        "the folder cannot be read (\(String(cString: strerror(errno)))), so its files were left "
                            + "out: check its permissions")
                }
                return
            }
            if kind == Int32(DT_REG) && !isMarkdown { return }
            var location = full
            if kind == Int32(DT_LNK) {
                // A link is followed only while it stays inside the content folder, and only to a file.
                guard let target = (full + [0]).withUnsafeBufferPointer({ realpath($0.baseAddress!, nil) }) else {
                    if isMarkdown { problem(.warning, "a symbolic link to nothing, so it was left out") }
                    return
                }
                location = Array(UnsafeBufferPointer(start: target, count: strlen(target)))
                free(target)
                guard location.starts(with: root) || location == root.dropLast() else {
                    if isMarkdown {
                        problem(.warning, "a symbolic link to a file outside the content folder; it was not read")
                    } else if (location + [0]).withUnsafeBufferPointer({ stat($0.baseAddress!, &status) }) == 0,
                        (status.st_mode & S_IFMT) == S_IFDIR
                    {
                        problem(.warning, Self.linkedFolder)
                    }
                    return
                }
            } else if !isMarkdown {
                return
            }
            guard (location + [0]).withUnsafeBufferPointer({ stat($0.baseAddress!, &status) }) == 0 else {
                problem(.error, "it cannot be examined (\(String(cString: strerror(errno)))), so it was left out")
                return
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    problem(.warning, Self.linkedFolder)
                } else if isMarkdown {
                    problem(.warning, "not a regular file (\(Self.describe(status.st_mode))), so it was not read")
                }
                return
            }
            guard isMarkdown else { return }
            var shownPath = shown
            if redactsNames {
                let parts = shown.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                let redacted = parts.map { SecretRedactor.redactFileName($0) ?? $0 }
                if redacted != parts {
                    shownPath = redacted.joined(separator: "/")
                    contents.problems.append(
                        Diagnostic(
                            file: shownPath, line: nil, severity: .warning,
                            message: "the file's path holds a credential, shown as REDACTED in every page name and "
                                + "link: rename the file and rotate the credential"))
                }
            }
            if String(validating: path.map { UInt8(bitPattern: $0) }, as: UTF8.self) == nil {
                contents.problems.append(
                    Diagnostic(
                        file: shownPath, line: nil, severity: .warning,
                        message: "the file's name is not valid UTF-8, so it is shown with replacement characters: "
                            + "rename it"))
            }
            let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1_000_000_000
            contents.listings.append(
                Listing(path: shownPath, location: location + [0], size: Int(status.st_size), modified: modified))
        }

        private static func kind(of mode: mode_t) -> Int32 {
            switch mode & S_IFMT {
            case S_IFDIR: Int32(DT_DIR)
            case S_IFLNK: Int32(DT_LNK)
            case S_IFREG: Int32(DT_REG)
            default: Int32(DT_UNKNOWN)
            }
        }

        private static func describe(_ mode: mode_t) -> String {
            switch mode & S_IFMT {
            case S_IFIFO: "a named pipe"
            case S_IFSOCK: "a socket"
            case S_IFCHR, S_IFBLK: "a device"
            default: "an unknown kind of file"
            }
        }
    }

    /// Every file's bytes, in path order.
    static func load(from folder: URL) throws -> [SourceFile] {
        try list(folder).listings.map { try $0.read() }
    }
}
