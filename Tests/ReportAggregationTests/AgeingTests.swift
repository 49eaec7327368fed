import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct AgeingTests {
    @Test func quantilesInterpolateBetweenRanksAsNumpyDoes() {
        #expect(Statistics.median([30, 2, 10]) == 10)
        #expect(Statistics.median([10, 30]) == 20)
        #expect(Statistics.quantile([2, 10, 30], 0.9) == 26)
        #expect(Statistics.quantile([7], 0.9) == 7)
        #expect(Statistics.median([]) == nil)
    }

    @Test func daysAreCountedAcrossMonthsAndYears() throws {
        let day = { (text: String) -> Day in
            let parts = text.split(separator: "-").map { Int($0)! }
            return Day(year: parts[0], month: parts[1], day: parts[2])!
        }
        #expect(day("2026-03-01").days(since: day("2025-12-01")) == 90)
        #expect(day("2024-03-01").days(since: day("2024-02-01")) == 29)
        #expect(day("1970-01-02").dayNumber == 1)
        #expect(day("2026-03-01").days(since: day("2026-03-04")) == -3)
    }

    /// Worked by hand, as of 2026-03-01. Closed: #1 P1 in 10 days, #2 P1 in 30, #3 P0 in 2, #4 without a closed
    /// date. Open: #5 4 days old, #6 28 (P1), #7 90 (P1), #8 120 (P0); with P0 in 7 days and P1 in 30, #8 is
    /// 113 days over and #7 60.
    static let issues = [
        makeIssue(
            1, filed: "2026-01-01", state: .closed, closed: "2026-01-11", priority: .p1, components: ["job-queue"]),
        makeIssue(
            2, filed: "2026-01-01", state: .closed, closed: "2026-01-31", priority: .p1, components: ["job-queue"]),
        makeIssue(3, filed: "2026-02-01", state: .closed, closed: "2026-02-03", priority: .p0),
        makeIssue(4, filed: "2026-02-01", state: .closed),
        makeIssue(5, filed: "2026-02-25", p95: 100),
        makeIssue(6, filed: "2026-02-01", priority: .p1),
        makeIssue(7, filed: "2025-12-01", priority: .p1),
        makeIssue(8, filed: "2025-11-01", priority: .p0),
    ]
    static let asOf = Day(year: 2026, month: 3, day: 1)!

    @Test func timeToCloseByPriorityComponentAndMonthClosed() throws {
        let ageing = Ageing(Report(issues: Self.issues, schema: .template), asOf: Self.asOf)
        #expect(ageing.overall.count == 3)
        #expect([ageing.overall.median, ageing.overall.p90] == [10, 26])
        #expect(ageing.byPriority.map(\.priority) == [.p0, .p1])
        #expect(ageing.byPriority.map(\.days.median) == [2, 20])
        #expect(ageing.byPriority.map(\.days.p90) == [2, 28])
        let components = try #require(ageing.byGroup[.components])
        #expect(components.map(\.item.id) == ["job-queue"])
        #expect(components.map(\.days.median) == [20])
        #expect(ageing.byMonthClosed.map(\.month) == ["2026-01", "2026-02"])
        #expect(ageing.byMonthClosed.map(\.days.median) == [20, 2])
        #expect(ageing.uncounted == [4])
    }

    @Test func openIssuesByAgeAndThosePastTheirCloseTarget() {
        let ageing = Ageing(
            Report(issues: Self.issues, schema: .template), asOf: Self.asOf, closeWithin: [.p0: 7, .p1: 30])
        #expect(ageing.openByAge.map(\.band) == AgeBand.allCases)
        #expect(ageing.openByAge.map(\.issues) == [[5], [6], [7], [8]])
        #expect(
            ageing.overdue == [
                OverdueIssue(issue: 8, days: 120, limit: 7), OverdueIssue(issue: 7, days: 90, limit: 30),
            ])
    }

    @Test func unmeasuredAndStaleOpenIssues() {
        var issues = Self.issues
        issues[7].updated = Day(year: 2026, month: 2, day: 20)
        let staleness = Staleness(Report(issues: issues, schema: .template), asOf: Self.asOf, afterDays: 30)
        #expect(staleness.unmeasured == [6, 7, 8])
        #expect(staleness.stale.map(\.issue) == [7])
        #expect(staleness.stale.map(\.days) == [90])
    }
}
