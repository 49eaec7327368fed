import ReportExtraction
import ReportModel

/// Reads `body` as the Markdown of an issue file whose five-line front matter comes first (so the body's
/// first line is line 6 of the file).
func extract(_ body: String, schema: IssueSchema = .template) -> IssueReader.Result {
    let file = "---\ntitle: Upload is slow\nnumber: 42\ndate: 2026-01-02\n---\n" + body
    return IssueReader(schema: schema).read(SourceFile(path: "0042-upload.md", text: file), rendersHTML: false)
}

/// The issue read from `body`, which must be one.
func issue(_ body: String, schema: IssueSchema = .template) -> Issue {
    extract(body, schema: schema).issue!
}

/// The diagnostics of `body` as `line: severity: message` strings.
func messages(_ body: String) -> [String] {
    extract(body).diagnostics.map { "\($0.line.map(String.init) ?? "-"): \($0.severity.rawValue): \($0.message)" }
}

/// The diagnostics of a whole file's text as `line: severity: message` strings.
func messages(ofFile text: String) -> [String] {
    IssueReader().read(SourceFile(path: "0042-upload.md", text: text), rendersHTML: false).diagnostics.map {
        "\($0.line.map(String.init) ?? "-"): \($0.severity.rawValue): \($0.message)"
    }
}
