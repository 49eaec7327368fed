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
        /// Files of the same number left alone because they were written by hand, never imported.
        public var handWritten: [String] = []
    }

    /// One issue of `gh issue list`'s JSON.
    struct GitHubIssue: Decodable {
        struct Label: Decodable { let name: String }
        struct User: Decodable { let login: String }
        let number: Int
        var title: String
        let body: String?
        let labels: [Label]?
        let state: String
        let createdAt: String
        let closedAt: String?
        let updatedAt: String?
        let url: String?
        let author: User?
        let assignees: [User]?

        /// The issue with `prefix` (and the spaces after it) taken off its title, when the title starts with it and
        /// has more after it.
        func strippingPrefix(_ prefix: String) -> GitHubIssue {
            guard title.hasPrefix(prefix) else { return self }
            let rest = title.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            guard !rest.isEmpty else { return self }
            var stripped = self
            stripped.title = rest
            return stripped
        }
    }

    /// The fields `gh issue list --json` must be asked for.
    public static let fields = "number,title,body,labels,state,createdAt,closedAt,updatedAt,url,author,assignees"

    /// Imports `json` into `folder`; with `force`, files edited or written by hand are overwritten too. A title
    /// that starts with `stripPrefix` (the template's `[Performance]: `) loses it, in the file and its name.
    public static func run(
        json: Data, named name: String = "the file", into folder: URL, force: Bool, stripPrefix: String? = nil
    ) throws -> Result {
        var issues: [GitHubIssue]
        do {
            issues = try JSONDecoder().decode([GitHubIssue].self, from: json)
        } catch let error as DecodingError {
            throw SiteError(describe(error, in: json, named: name))
        } catch {
            throw SiteError("\(name) cannot be read as JSON: \(error.localizedDescription)")
        }
        if let stripPrefix, !stripPrefix.isEmpty {
            issues = issues.map { $0.strippingPrefix(stripPrefix) }
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
                } else if !force && !wasImported(current) {
                    result.handWritten.append(path)
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

    /// Whether an import wrote the file at first: its front matter says `source: github`.
    static func wasImported(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---" else { return false }
        return lines.dropFirst().prefix { $0 != "---" }.contains {
            $0.trimmingCharacters(in: .whitespaces) == "source: github"
        }
    }

    /// What is wrong with the JSON, in words: where (the issue's position and number, the field), and what.
    static func describe(_ error: DecodingError, in json: Data, named name: String) -> String {
        let expected = "the JSON of 'gh issue list --json \(fields)'"
        func place(_ path: [any CodingKey]) -> String {
            guard let index = path.first?.intValue else { return name }
            var text = "the \(ordinal(index + 1)) issue"
            // Its number, when the item has one that reads.
            if let items = try? JSONSerialization.jsonObject(with: json) as? [Any], index < items.count,
                let number = (items[index] as? [String: Any])?["number"] as? Int
            {
                text += " (#\(number))"
            }
            let fields = path.dropFirst().reversed().map {
                $0.intValue.map { "item \($0 + 1)" } ?? "'\($0.stringValue)'"
            }
            text = fields.isEmpty ? text : "\(fields.joined(separator: " of ")) of \(text)"
            return text + " in \(name)"
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "\(name) is not valid JSON\(syntaxError(in: json).map { ": \($0)" } ?? ""); it should be \(expected)"
        case .typeMismatch(let type, let context):
            let what =
                context.codingPath.isEmpty
                ? "\(name) is not a list of issues" : "\(place(context.codingPath)) is not \(article(type))"
            return "\(what): it should be \(expected)"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)) is null, where \(article(type)) belongs: it should be \(expected)"
        case .keyNotFound(let key, let context):
            return
                "\(place(context.codingPath)) has no '\(key.stringValue)': make the file with 'gh issue list --json \(fields)'"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(name) is not \(expected)"
        }
    }

    /// Where JSON's syntax goes wrong, as a line and column: the decoder says only that it does; JSONSerialization
    /// says at which character ("Invalid value around character 17.").
    private static func syntaxError(in json: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: json)
            return nil
        } catch {
            guard let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String else { return nil }
            let words = detail.hasSuffix(".") ? String(detail.dropLast()) : detail
            guard let range = words.range(of: " around character "), let offset = Int(words[range.upperBound...])
            else { return words.prefix(1).lowercased() + words.dropFirst() }
            let before = json.prefix(offset)
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            let what = words[..<range.lowerBound]
            return what.prefix(1).lowercased() + what.dropFirst() + " at line \(line), column \(column)"
        }
    }

    private static func ordinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }

    private static func article(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is String.Type: "a string"
        case is [Any].Type: "a list"
        default: "an object"
        }
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
