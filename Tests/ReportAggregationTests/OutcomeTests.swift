import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct OutcomeTests {
    static let endpoint = "POST /api/v1/jobs"

    /// Worked by hand: #1 closed on 2026-02-10 at p95 3000 ms against 1000 ms expected; #2 was filed before it
    /// closed, so the next report after is #3 at 900 ms: 900 / 3000 = 0.3, 70 % faster, and under 1000 ms.
    @Test func theNextReportAfterClosingIsTheFigureAfter() throws {
        var fixed = makeIssue(
            1, filed: "2026-01-05", state: .closed, closed: "2026-02-10", endpoint: Self.endpoint, p95: 3000,
            expectedP95: 1000)
        fixed.claims = [
            Claim(metric: "throughput-increased", percent: 20, line: 40),
            Claim(metric: "response-time-improved", percent: 65, line: 39),
        ]
        let report = Report(
            issues: [
                fixed, makeIssue(2, filed: "2026-02-05", endpoint: Self.endpoint, p95: 2800),
                makeIssue(3, filed: "2026-02-20", endpoint: Self.endpoint, p95: 900),
                makeIssue(4, filed: "2026-03-01", endpoint: Self.endpoint, p95: 1500),
            ], schema: .template)
        let outcome = try #require(report.outcome(of: 1))
        #expect(outcome.percentile == .p95)
        #expect(outcome.before == 3000)
        #expect(outcome.after == 900)
        #expect(outcome.afterIssue == 3)
        #expect(outcome.ratio == 0.3)
        #expect(outcome.measuredImprovementPercent == 70)
        #expect(outcome.claimedPercent == 65)
        #expect(outcome.targetMet == true)
        #expect(report.outcomes.map(\.issue) == [1])
    }

    @Test func anIssueClosedWithoutADateOrOnAnEndpointReportedOnceHasNoFigureAfter() throws {
        let report = Report(
            issues: [
                makeIssue(1, filed: "2026-01-05", state: .closed, endpoint: Self.endpoint, p95: 3000),
                makeIssue(2, filed: "2026-02-20", endpoint: Self.endpoint, p95: 900),
                makeIssue(3, filed: "2026-01-05", state: .closed, closed: "2026-01-09", endpoint: "GET /once", p95: 10),
            ], schema: .template)
        #expect(report.outcomes.map(\.issue) == [1, 3])
        #expect(report.outcomes.map(\.after) == [nil, nil])
        #expect(report.outcomes.map(\.before) == [3000, 10])
        #expect(report.outcomes.map(\.ratio) == [nil, nil])
        #expect(report.outcomes.map(\.targetMet) == [nil, nil])
    }

    @Test func aClaimWithoutAMeasurementIsKeptAlone() throws {
        var claimed = makeIssue(1, filed: "2026-01-05", state: .closed, closed: "2026-01-20")
        claimed.claims = [Claim(metric: "resource-usage-reduced", percent: 40, line: 12)]
        let outcome = try #require(Report(issues: [claimed], schema: .template).outcome(of: 1))
        #expect(outcome.claimedPercent == 40)
        #expect(outcome.before == nil)
        #expect(outcome.measuredImprovementPercent == nil)
    }

    /// Worked by hand: three closed issues chose one idea. Measured: 70 % and 50 % (median 60); claimed: 80, 30
    /// and 40 (median 40); one of them is under its expected figure after.
    @Test func anIdeaGathersItsClosedIssuesOutcomes() throws {
        func closed(_ number: Int, _ before: Double, _ expected: Double, claim: Double) -> ReportModel.Issue {
            var issue = makeIssue(
                number, filed: "2026-01-0\(number)", state: .closed, closed: "2026-01-10",
                endpoint: "GET /e\(number)", p95: before, expectedP95: expected)
            issue.optimizations = [
                OptimizationChoice(
                    category: "database", id: "add-missing-indexes", label: "Add missing indexes", custom: false)
            ]
            issue.claims = [Claim(metric: "response-time-improved", percent: claim, line: 5)]
            return issue
        }
        let issues = [
            closed(1, 1000, 400, claim: 80), makeIssue(11, filed: "2026-02-01", endpoint: "GET /e1", p95: 300),
            closed(2, 1000, 400, claim: 30), makeIssue(12, filed: "2026-02-01", endpoint: "GET /e2", p95: 500),
            closed(3, 1000, 400, claim: 40),
        ]
        let report = Report(issues: issues, schema: .template)
        let entry = try #require(report.catalogue.first { $0.id == "add-missing-indexes" })
        let idea = report.ideaOutcome(entry)
        #expect(idea.closed == 3)
        #expect(idea.measuredCount == 2)
        #expect(idea.medianMeasuredPercent == 60)
        #expect(idea.claimedCount == 3)
        #expect(idea.medianClaimedPercent == 40)
        #expect(idea.closedGap == 1)
    }
}
