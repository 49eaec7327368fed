import Foundation
import ReportModel
import SiteRendering

/// Turns the JSON of `gh issue list --json number,title,body,labels,state,createdAt,closedAt,author,assignees` into
/// issue files, one each, and keeps them up to date on later imports without overwriting a file edited by hand.
public enum GitHubImport {
    /// What an import did, file by file.
    public struct Result: Sendable, Equatable {
        /// Files written for issues seen for the first time.
        public var created: [String] = []
        /// Files rewritten because their issue changed on GitHub.
        public var updated: [String] = []
        /// Files whose issue did not change.
        public var unchanged: [String] = []
        /// Files left alone because they were edited by hand since the last import.
        public var skipped: [String] = []
    }

    /// One issue of `gh issue list`'s JSON.
    struct GitHubIssue: Decodable {
        struct Label: Decodable { let name: String }
        struct User: Decodable { let login: String }
        let number: Int
        let title: String
        let body: String?
        let labels: [Label]?
        let state: String
        let createdAt: String
        let closedAt: String?
        let updatedAt: String?
        let url: String?
        let author: User?
        let assignees: [User]?
    }

    /// Imports `json` into `folder`; with `force`, files edited by hand are overwritten too.
    public static func run(json: Data, into folder: URL, force: Bool) throws -> Result {
        let issues: [GitHubIssue]
        do {
            issues = try JSONDecoder().decode([GitHubIssue].self, from: json)
        } catch {
            throw SiteError(
                "the file is not the JSON of 'gh issue list --json number,title,body,labels,state,createdAt,"
                    + "closedAt,author,assignees': \(error)")
        }
        let manager = FileManager.default
        try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let existing = existingFiles(in: folder)
        var result = Result()
        for issue in issues.sorted(by: { $0.number < $1.number }) {
            let text = file(for: issue)
            if let path = existing[issue.number] {
                let url = folder.appendingPathComponent(path)
                let current = String(decoding: manager.contents(atPath: url.path) ?? Data(), as: UTF8.self)
                if current == text {
                    result.unchanged.append(path)
                } else if !force && !isUntouched(current) {
                    result.skipped.append(path)
                } else {
                    try write(text, to: url)
                    result.updated.append(path)
                }
            } else {
                let path = "\(issue.number)-\(SitePaths.slug(issue.title)).md"
                try write(text, to: folder.appendingPathComponent(path))
                result.created.append(path)
            }
        }
        return result
    }

    /// The issue file: front matter, then the body as GitHub holds it (line endings made LF).
    static func file(for issue: GitHubIssue) -> String {
        var lines = [
            "---",
            "title: \(quoted(issue.title))",
            "number: \(issue.number)",
            "date: \(timestamp(issue.createdAt))",
            "state: \(issue.state.lowercased() == "closed" ? "closed" : "open")",
        ]
        if let closedAt = issue.closedAt, !closedAt.isEmpty { lines.append("closed: \(timestamp(closedAt))") }
        if let updatedAt = issue.updatedAt, !updatedAt.isEmpty { lines.append("updated: \(timestamp(updatedAt))") }
        if let url = issue.url, !url.isEmpty { lines.append("url: \(quoted(url))") }
        lines.append("labels: [\((issue.labels ?? []).map { quoted($0.name) }.joined(separator: ", "))]")
        if let author = issue.author { lines.append("author: \(quoted(author.login))") }
        lines.append("assignees: [\((issue.assignees ?? []).map { quoted($0.login) }.joined(separator: ", "))]")
        lines.append("source: github")
        let body = (issue.body ?? "").replacing("\r\n", with: "\n")
        let unsigned = (lines + ["---", body]).joined(separator: "\n") + (body.hasSuffix("\n") ? "" : "\n")
        return unsigned.replacing("source: github\n", with: "source: github\nimported: \(fingerprint(unsigned))\n")
    }

    /// Whether a file is still as an import wrote it: its `imported:` fingerprint matches its text.
    static func isUntouched(_ text: String) -> Bool {
        guard let start = text.range(of: "\nimported: "), let end = text[start.upperBound...].firstIndex(of: "\n")
        else { return false }
        let recorded = String(text[start.upperBound..<end])
        let unsigned = text.replacingCharacters(in: start.lowerBound..<end, with: "")
        return fingerprint(unsigned) == recorded
    }

    /// A fingerprint of what an import wrote, to notice a later edit by hand.
    static func fingerprint(_ text: String) -> String { "fnv1a64-" + Fingerprint.of(text.utf8) }

    /// The issue files already in `folder`, by the number their name starts with.
    private static func existingFiles(in folder: URL) -> [Int: String] {
        var files: [Int: String] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where name.hasSuffix(".md") {
            if let number = Int(name.prefix(while: \.isNumber)), files[number] == nil { files[number] = name }
        }
        return files
    }

    private static func write(_ text: String, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)) else {
            throw SiteError("'\(url.relativePath)' cannot be written: check the folder's permissions")
        }
    }

    /// A YAML double-quoted scalar of one line: control characters are dropped (YAML refuses them raw, and a
    /// page could not show them), line breaks written `\\n`.
    static func quoted(_ text: String) -> String {
        let text = ControlCharacters.stripped(text)
        return "\""
            + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
            .replacing("\t", with: "\\t") + "\""
    }

    /// A date as GitHub writes it, plain; anything else quoted, so that no value can add a line to the front matter.
    static func timestamp(_ text: String) -> String {
        text.allSatisfy { $0.isASCII && ($0.isNumber || "-:TZ.+".contains($0)) } ? text : quoted(text)
    }
}
