import ReportModel
import Testing

@testable import ReportAggregation

/// An issue built in code: number, day filed, and the parts a test needs.
func makeIssue(
    _ number: Int, filed: String, state: IssueState = .open, closed: String? = nil, priority: Priority? = nil,
    components: [String] = [], layers: [String] = [], endpoint: String? = nil, p95: Double? = nil,
    expectedP95: Double? = nil, related: [Int] = []
) -> ReportModel.Issue {
    func day(_ text: String) -> Day {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Day(year: parts[0], month: parts[1], day: parts[2])!
    }
    var issue = ReportModel.Issue(number: number, title: "Issue \(number)", path: "\(number).md")
    issue.date = day(filed)
    issue.state = state
    issue.closedDate = closed.map(day)
    issue.priority = priority
    issue.choices = ["components": components, "layers": layers]
    issue.metrics.endpoint = endpoint
    issue.metrics.currentLatency.p95 = p95
    issue.metrics.expectedLatency.p95 = expectedP95
    issue.relatedIssues = related
    return issue
}
