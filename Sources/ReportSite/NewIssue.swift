import Foundation
import ReportExtraction
import ReportModel
import SiteRendering

/// `perfsite new`: a new issue file from the template, with the next free number and today's date.
public enum NewIssue {
    /// Writes the file into `folder` and returns its path relative to it.
    public static func create(title: String, author: String?, today: Day, in folder: URL) throws -> String {
        let files = (try? ContentLoader.load(from: folder)) ?? []
        let reader = IssueReader()
        let numbers =
            files.compactMap { reader.read($0, rendersHTML: false).issue?.number }
            + files.compactMap { Int(($0.path.split(separator: "/").last ?? "").prefix(while: \.isNumber)) }
        // A file name may start with any digits: only numbers an issue may have count, so the next one fits.
        let largest = IssueReader.largestNumber
        let number = (numbers.filter { $0 <= largest }.max() ?? 0) + 1
        guard number <= largest else {
            throw SiteError("no issue number is left after \(largest): renumber the issues from 1")
        }
        var frontMatter = [
            "---", "title: \(GitHubImport.quoted(title))", "number: \(number)", "date: \(today)", "state: open",
            "labels: [type:performance]",
        ]
        if let author { frontMatter.append("author: \(GitHubImport.quoted(author))") }
        frontMatter += ["assignees: []", "---"]
        let path = "\(number)-\(SitePaths.slug(title)).md"
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard !FileManager.default.fileExists(atPath: url.path),
            FileManager.default.createFile(
                atPath: url.path, contents: Data((frontMatter.joined(separator: "\n") + "\n" + templateBody).utf8))
        else { throw SiteError("'\(url.relativePath)' cannot be written: it exists, or the folder is not writable") }
        return path
    }

    /// The template without GitHub's issue-template front matter.
    static var templateBody: String {
        let lines = IssueTemplate.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.dropFirst().firstIndex(of: "---") ?? 0
        return lines[(end + 1)...].drop(while: \.isEmpty).joined(separator: "\n")
    }
}
