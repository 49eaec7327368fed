import Foundation

/// Reads a site's own templates folder: every file below it, by its relative path.
enum ThemeLoader {
    /// The files under `folder`, or none when it does not exist (the built-in theme is then used whole).
    static func load(from folder: URL) throws -> [String: [UInt8]] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return [:]
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var files: [String: [UInt8]] = [:]
        let paths = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        for path in paths.sorted() {
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: root + path) else {
                throw SiteError("the template '\(path)' cannot be read: check its permissions")
            }
            files[path] = Array(data)
        }
        return files
    }
}
