import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct MonthSummaryTests {
    @Test func monthsCountOpenedClosedAndTheBacklogIncludingEmptyMonths() {
        let report = Report(
            issues: [
                makeIssue(1, filed: "2026-01-10", state: .closed, closed: "2026-03-02"),
                makeIssue(2, filed: "2026-01-20"),
                makeIssue(3, filed: "2026-03-31", state: .closed),
            ], schema: .template)
        #expect(
            report.months == [
                MonthSummary(month: "2026-01", opened: 2, closed: 0, openAtEnd: 2),
                MonthSummary(month: "2026-02", opened: 0, closed: 0, openAtEnd: 2),
                MonthSummary(month: "2026-03", opened: 1, closed: 2, openAtEnd: 1),
            ])
    }
}
