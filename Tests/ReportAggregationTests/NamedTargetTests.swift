import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct NamedTargetTests {
    private func target(_ name: String, _ comparator: String?, _ value: Double?, _ unit: String?) -> Target {
        Target(group: "targets", name: name, comparator: comparator, value: value, unit: unit, qualifier: nil, line: 9)
    }

    /// Two issues name one target, spelt two ways; worked by hand: #1 measures 600 ms against < 500 ms (1.2,
    /// unmet), #2 measures 450 ms (0.9, met). The latest is #2's, so the target is met now.
    @Test func oneTargetSpeltTwoWaysIsOneTargetWithItsHistory() throws {
        var first = makeIssue(1, filed: "2026-01-05", p95: 600)
        first.targets = [target("Docking job submission", "<", 500, "ms")]
        var second = makeIssue(2, filed: "2026-02-01", p95: 450)
        second.targets = [target("docking job  Submission", "<", 500, "ms")]
        var third = makeIssue(3, filed: "2026-03-01")
        third.targets = [target("Docking job submission", "<", 400, "ms")]
        let report = Report(issues: [third, second, first], schema: .template)
        #expect(report.targets.map(\.key) == ["docking-job-submission"])
        let named = try #require(report.targets.first)
        #expect(named.name == "Docking job submission")
        #expect(named.issues == [1, 2, 3])
        #expect(named.kind == .latency)
        #expect(named.latestStatement.value == 400)
        #expect(named.measurements.map(\.issue) == [1, 2])
        #expect(named.measurements.map(\.ratio) == [1.2, 0.9])
        #expect(named.measurements.map(\.status) == [.unmet, .met])
        #expect(named.status == .met)
    }

    @Test func aTargetWithNoMatchingFigureHasNoData() throws {
        var issue = makeIssue(1, filed: "2026-01-05", p95: 600)
        issue.targets = [target("Memory per container", "<", 1024, "MB"), target("CPU per container", "<", 2, "cores")]
        let report = Report(issues: [issue], schema: .template)
        #expect(report.targets.map(\.key) == ["cpu-per-container", "memory-per-container"])
        #expect(report.targets.map(\.status) == [.noData, .noData])
        #expect(report.targets.map(\.kind) == [nil, .memory])
    }

    /// `CPU per container: 100% of 8 cores` says neither "at most" nor "at least": it is not measured.
    @Test func aTargetWithoutAComparisonIsMeasuredOnlyWhenItIsARate() {
        var issue = makeIssue(1, filed: "2026-01-05")
        issue.metrics.cpuPercent = Spread(average: 80, peak: 100)
        issue.targets = [target("CPU per container", nil, 100, "%")]
        #expect(Report(issues: [issue], schema: .template).targets.map(\.status) == [.noData])
    }

    /// A size in MB is no memory figure unless the target says memory.
    @Test func aMemoryTargetMustSaySo() {
        var issue = makeIssue(1, filed: "2026-01-05")
        issue.metrics.memoryMB = Spread(average: 900, peak: 1200)
        issue.targets = [
            target("Access token size", "<", 0.004, "MB"), target("Memory per container", "<", 1024, "MB"),
        ]
        let report = Report(issues: [issue], schema: .template)
        #expect(report.targets.map(\.key) == ["access-token-size", "memory-per-container"])
        #expect(report.targets.map { $0.latest?.measured } == [nil, 1200])
        #expect(report.targets.map(\.status) == [.noData, .unmet])
    }

    /// An issue's one latency figure cannot say which of two latency targets it measures: neither is matched.
    @Test func twoTargetsOfOneKindInAnIssueAreNotMatched() {
        var issue = makeIssue(1, filed: "2026-01-05", p95: 600)
        issue.targets = [target("Molecule upload", "<", 2000, "ms"), target("Authentication", "<", 100, "ms")]
        #expect(Report(issues: [issue], schema: .template).targets.allSatisfy { $0.measurements.isEmpty })
    }

    @Test func aFigureEqualToAStrictTargetIsAtRiskAndOneWithinItIsMet() {
        var strict = makeIssue(1, filed: "2026-01-05", p95: 500)
        strict.targets = [target("Submission", "<", 500, "ms")]
        var inclusive = makeIssue(2, filed: "2026-01-05", p95: 500)
        inclusive.targets = [target("Retrieval", "<=", 500, "ms")]
        let report = Report(issues: [strict, inclusive], schema: .template)
        #expect(report.targets.map(\.key) == ["retrieval", "submission"])
        #expect(report.targets.map(\.status) == [.met, .atRisk])
    }

    /// Worked by hand: 800 requests/second against 1000/second is 1000 / 800 = 1.25 (unmet); a rate over another
    /// time, or of another thing, is not compared.
    @Test func throughputIsComparedOverTheSameTimeOnly() {
        var matching = makeIssue(1, filed: "2026-01-05")
        matching.metrics.currentThroughput = Rate(value: 800, unit: "requests/second")
        matching.targets = [target("API requests", nil, 1000, "/second")]
        var otherTime = makeIssue(2, filed: "2026-01-05")
        otherTime.metrics.currentThroughput = Rate(value: 40, unit: "jobs/hour")
        otherTime.targets = [target("Jobs", ">=", 50, "/minute")]
        var otherThing = makeIssue(3, filed: "2026-01-05")
        otherThing.metrics.currentThroughput = Rate(value: 40, unit: "jobs/hour")
        otherThing.targets = [target("Molecules processed", nil, 50, "molecules/hour")]
        let report = Report(issues: [matching, otherTime, otherThing], schema: .template)
        #expect(report.targets.map(\.key) == ["api-requests", "jobs", "molecules-processed"])
        #expect(report.targets.map { $0.latest?.ratio } == [1.25, nil, nil])
        #expect(report.targets.map(\.status) == [.unmet, .noData, .noData])
    }
}
