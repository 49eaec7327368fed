import MarkdownTree
import ReportModel

/// Reads issue files into ``Issue`` values and the diagnostics that tell authors what to fix.
public struct IssueReader: Sendable {
    /// The largest issue number a file may have.
    public static let largestNumber = FrontMatter.largestNumber

    /// The checkbox groups and items the reader recognises.
    public let schema: IssueSchema
    /// Whether credentials are replaced by `[REDACTED]` before anything is read (off only for private sites).
    public let redactsSecrets: Bool
    /// Whether raw HTML in bodies is kept, through the allow-list sanitiser (`rawHTML: true`); omitted otherwise.
    public let allowsRawHTML: Bool
    /// The schema's groups by heading key, built once rather than for every file.
    let choices: ChoiceLookup

    /// The site's repository (`repository:` in perfsite.yml), whose issue links count as related issues.
    public let repository: String?

    /// The last day a file's dates may name (none when `nil`); dates from 1970 on are read. The reader never
    /// reads the clock: the edge that runs the build says which day that is (``latestDay(after:)``).
    public let latestDay: Day?

    /// The last day a build on `today` reads dates up to: the end of the month a year on. A year from the day of
    /// the build, give or take the rest of that month, so that the cache's key changes once a month, not daily.
    public static func latestDay(after today: Day) -> Day {
        let month = today.monthNumber + 12
        let (year, monthOfYear) = (month / 12, month % 12 + 1)
        return Day(year: year, month: monthOfYear, day: Day.daysIn(month: monthOfYear, year: year))!
    }

    /// Creates a reader for a schema (the template's by default).
    public init(
        schema: IssueSchema = .template, redactsSecrets: Bool = true, allowsRawHTML: Bool = false,
        latestDay: Day? = nil, repository: String? = nil
    ) {
        self.latestDay = latestDay
        self.repository = repository
        self.schema = schema
        self.redactsSecrets = redactsSecrets
        self.allowsRawHTML = allowsRawHTML
        self.choices = ChoiceLookup(schema)
    }

    /// What reading one file gave.
    public struct Result: Sendable, Codable {
        /// The issue, or `nil` when the file cannot be one (an error says why).
        public let issue: Issue?
        /// Everything worth telling the author, in line order.
        public let diagnostics: [Diagnostic]

        /// Creates a result.
        public init(issue: Issue?, diagnostics: [Diagnostic]) {
            self.issue = issue
            self.diagnostics = diagnostics
        }
    }

    /// Decodes, parses and extracts one file.
    ///
    /// - Parameter rendersHTML: whether to render the body to HTML too (a build needs it; `check` does not).
    public func read(_ source: SourceFile, rendersHTML: Bool = true) -> Result {
        let (decoded, decodingDiagnostics) = source.decoded()
        guard var text = decoded else { return Result(issue: nil, diagnostics: decodingDiagnostics) }
        var redactions: [Diagnostic] = []
        if redactsSecrets {
            let (redacted, findings) = SecretRedactor.redact(text)
            text = redacted
            redactions = findings.map { finding in
                Diagnostic(
                    file: source.path, line: finding.line, severity: .warning,
                    message: "\(finding.kind) was replaced by \(SecretRedactor.mark) in every page and data file: "
                        + "remove it from the file and rotate it")
            }
        }
        let (frontMatter, frontMatterDiagnostics) = FrontMatter.read(text, path: source.path, latestDay: latestDay)
        var diagnostics = decodingDiagnostics + redactions + frontMatterDiagnostics
        guard let frontMatter, let title = frontMatter.title, let number = frontMatter.number else {
            return Result(issue: nil, diagnostics: diagnostics.sorted())
        }
        var issue = Issue(number: number, title: title, path: source.path)
        issue.author = frontMatter.author
        issue.assignees = frontMatter.assignees
        issue.date = frontMatter.date
        issue.state = frontMatter.state
        issue.closedDate = frontMatter.closedDate
        issue.labels = frontMatter.labels
        issue.updated = frontMatter.updated
        issue.url = frontMatter.url

        // cmark-gfm 0.29.0.gfm.6 takes quadratic time on some shapes: they are neutralised first (InputGuard).
        // Garbled heading emoji (`‚ö°`) are shown as the emoji they stand for.
        let (markdown, guarded) = InputGuard.neutralise(Mojibake.repairingHeadings(frontMatter.body))
        for finding in guarded {
            diagnostics.append(
                Diagnostic(
                    file: source.path, line: frontMatter.bodyFirstLine + finding.line - 1, severity: .warning,
                    message: finding.message))
        }
        let document = MarkdownDocument(
            parsing: markdown, firstLine: frontMatter.bodyFirstLine, rendersHTML: rendersHTML,
            allowsRawHTML: allowsRawHTML)
        var body = BodyReader(
            schema: schema, repository: repository, choices: choices, path: source.path, outline: Outline(document),
            issue: issue)
        body.readAll()
        body.issue.bodyHTML = document.html
        body.issue.mentions = document.html.map { IssueMentions.numbers(in: $0).filter { $0 != number } } ?? []
        diagnostics += body.diagnostics
        return Result(issue: body.issue, diagnostics: diagnostics.sorted())
    }
}

/// Fills an issue from the outline of its body, one part of the template after another.
struct BodyReader {
    let schema: IssueSchema
    /// The site's repository (`https://github.com/org/repo`), whose issue links count as related issues.
    var repository: String?
    let choices: ChoiceLookup
    let path: String
    let outline: Outline
    var issue: Issue
    var diagnostics: [Diagnostic] = []

    mutating func readAll() {
        readChoices()
        readFields()
        readMetrics()
        readTestData()
        readTargets()
        readCodeBlocks()
        readRelatedIssues()
        readReferences()
        readFreeText()
    }

    mutating func warn(_ line: Int?, _ message: String) {
        diagnostics.append(Diagnostic(file: path, line: line, severity: .warning, message: message))
    }

    /// One warning for every value of a line still left as the template's placeholder.
    mutating func warnPlaceholders(_ line: Int, _ left: [(name: String, placeholder: String)]) {
        guard !left.isEmpty else { return }
        issue.placeholders += left.map(\.name).filter { !issue.placeholders.contains($0) }
        let names = Self.list(left.map(\.name))
        let placeholders = left.map(\.placeholder).joined(separator: ", ")
        let verb = left.count == 1 ? "is still the template placeholder" : "are still the template placeholders"
        warn(line, "\(names) \(verb) \(placeholders)")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}
