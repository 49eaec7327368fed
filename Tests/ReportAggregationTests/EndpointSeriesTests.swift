import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct EndpointSeriesTests {
    @Test func endpointSeriesFollowDatesAndFlagRegressions() {
        let report = Report(
            issues: [
                makeIssue(3, filed: "2026-05-01", endpoint: "POST /a", p95: 1500),
                makeIssue(1, filed: "2026-01-01", endpoint: "POST /a", p95: 2000),
                makeIssue(2, filed: "2026-03-01", endpoint: "POST /a", p95: 1000),
                makeIssue(4, filed: "2026-03-01", endpoint: "GET /b", p95: 300),
            ], schema: .template)
        #expect(report.endpoints.map(\.endpoint) == ["GET /b", "POST /a"])
        let series = report.endpoints[1]
        #expect(series.reports.map(\.issue) == [1, 2, 3])
        #expect(series.reports.map(\.change.p95) == [nil, 0.5, 1.5])
        #expect(series.reports.map(\.isRegression) == [false, false, true])
        #expect(report.regressions.map(\.endpoint) == ["POST /a"])
    }
}

@Suite struct HeadlinePercentileTests {
    @Test(arguments: [
        (Percentiles(p50: 1, p95: 2, p99: 3), Percentile.p95), (Percentiles(p50: 1, p99: 3), .p50),
        (Percentiles(p99: 3), .p99),
    ])
    func theHeadlineIsP95ElseP50ElseP99(percentiles: Percentiles, headline: Percentile) {
        #expect(percentiles.headline == headline)
    }

    @Test func noFigureHasNoHeadline() {
        #expect(Percentiles().headline == nil)
    }
}
