import ReportAggregation
import ReportModel

/// The Markdown that `--summary FILE` appends for `$GITHUB_STEP_SUMMARY`: counts, new issues, regressions, warnings.
public struct StepSummary: Sendable {
    /// The aggregates.
    public let report: Report
    /// Every diagnostic.
    public let diagnostics: [Diagnostic]
    /// How many files were read.
    public let fileCount: Int
    /// The day the data is as of; issues filed in the 30 days up to it are new.
    public let generatedOn: Day?
    /// The content folder, as paths are shown.
    public let contentFolder: String
    /// What happened, in a few words: `built public/`, `build stopped`, `checked`.
    public let outcome: String

    /// Creates a summary.
    public init(
        report: Report, diagnostics: [Diagnostic], fileCount: Int, generatedOn: Day?, contentFolder: String,
        outcome: String
    ) {
        self.report = report
        self.diagnostics = diagnostics
        self.fileCount = fileCount
        self.generatedOn = generatedOn
        self.contentFolder = contentFolder
        self.outcome = outcome
    }

    /// The summary as Markdown, ending with a blank line so that several can follow each other.
    public func markdown() -> String {
        let issues = report.issues
        let open = issues.count { $0.state == .open }
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        var text = "## perfsite: \(outcome)\n\n"
        text += "| Issues | Open | Closed | Files left out | Errors | Warnings |\n|---:|---:|---:|---:|---:|---:|\n"
        text += "| \(issues.count) | \(open) | \(issues.count - open) | \(fileCount - issues.count) | \(errors) "
        text += "| \(warnings.count) |\n\n"
        if let generatedOn {
            let since = generatedOn.adding(days: -30)
            let new = issues.filter { issue in issue.date.map { $0 > since && $0 <= generatedOn } ?? false }.sorted {
                ($1.date!, $1.number) < ($0.date!, $0.number)
            }
            text += "### New issues (filed from \(since.adding(days: 1)) to \(generatedOn))\n\n"
            text +=
                new.isEmpty
                ? "None.\n\n" : new.map { "- #\($0.number) \(cell($0.title))\(priority($0))\n" }.joined() + "\n"
        }
        let regressions = report.regressions
        text += "### Regressions\n\n"
        if regressions.isEmpty {
            text += "No endpoint got slower in its latest report.\n\n"
        } else {
            for series in regressions {
                guard let latest = series.reports.last, series.reports.count >= 2 else { continue }
                let before = series.reports[series.reports.count - 2]
                let ratio = latest.headlineChange
                let metric = (latest.comparedBy ?? .p99).rawValue
                let pick = { (latency: Percentiles) in latest.comparedBy.flatMap { latency[$0] } }
                text += "- `\(series.endpoint)`: \(metric) \(DisplayFormat.duration(pick(before.latency))) in "
                text += "#\(before.issue) → \(DisplayFormat.duration(pick(latest.latency))) in #\(latest.issue) "
                text += "(\(DisplayFormat.change(ratio)))\n"
            }
            text += "\n"
        }
        let problems = diagnostics.filter { $0.severity == .error } + warnings
        if !problems.isEmpty {
            text += "<details><summary>\(errors) errors, \(warnings.count) warnings</summary>\n\n"
            for diagnostic in problems {
                let line = diagnostic.line.map { ":\($0)" } ?? ""
                text += "- \(diagnostic.severity.rawValue): `\(contentFolder)/\(diagnostic.file)\(line)` "
                text += "\(cell(diagnostic.message))\n"
            }
            text += "\n</details>\n\n"
        }
        return text
    }

    private func priority(_ issue: Issue) -> String { issue.priority.map { " (\($0.rawValue))" } ?? "" }

    /// Text that cannot break the Markdown around it.
    private func cell(_ text: String) -> String {
        text.replacing("\n", with: " ").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}
