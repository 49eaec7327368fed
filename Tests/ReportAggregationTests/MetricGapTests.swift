import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct MetricGapTests {
    @Test func gapsCompareCurrentWithExpected() {
        var issue = makeIssue(1, filed: "2026-01-01", p95: 3000, expectedP95: 1000)
        issue.metrics.currentThroughput = Rate(value: 10, unit: "jobs/hour")
        issue.metrics.expectedThroughput = Rate(value: 40, unit: "jobs/hour")
        let report = Report(issues: [issue], schema: .template)
        #expect(
            report.gaps[1] == [
                MetricGap(metric: .latency(.p95), current: 3000, expected: 1000, unit: "ms", ratio: 3),
                MetricGap(metric: .throughput, current: 10, expected: 40, unit: "jobs/hour", ratio: 4),
            ])
        #expect(report.worstGap(of: 1)?.metric == .throughput)
    }
}
