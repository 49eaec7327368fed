import Foundation

/// Maps a request path to a file of the built site, refusing every path that could leave it.
struct StaticFiles: Sendable {
    /// The site folder, resolved.
    let root: URL

    /// What a request path names.
    enum Lookup: Equatable {
        /// A file inside the site.
        case file(URL)
        /// A folder asked for without its trailing slash: redirect, so relative links resolve.
        case redirect(String)
        /// Nothing there.
        case missing
        /// A path that tries to leave the site (`..`, NUL, a backslash), encoded or not.
        case refused
    }

    /// Resolves a path (already percent-decoded by the server; decoded once more here, so `%252e` cannot slip by).
    func lookup(_ path: String) -> Lookup {
        let decoded = path.removingPercentEncoding ?? path
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if decoded.contains("\0") || decoded.contains("\\")
            || segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix("~") })
        {
            return .refused
        }
        var url = root
        for segment in segments { url.appendPathComponent(String(segment)) }
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path == root.path || resolved.path.hasPrefix(rootPath) else { return .refused }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isFolder) else { return .missing }
        if isFolder.boolValue {
            guard path.hasSuffix("/") || segments.isEmpty else { return .redirect(path + "/") }
            let index = resolved.appendingPathComponent("index.html")
            return FileManager.default.fileExists(atPath: index.path) ? .file(index) : .missing
        }
        return .file(resolved)
    }

    /// The content type for a file name.
    static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "txt", "md": "text/plain; charset=utf-8"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
