import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct ChangesTests {
    /// Worked by hand, as of 2026-03-31: #1 closed on 03-05; on E, #3 (600 ms) then #2 (900 ms, 03-10: slower);
    /// on F, #5 (2000 ms) then #6 (1000 ms, 03-20: faster, and now within F's 1500 ms target).
    static var issues: [ReportModel.Issue] {
        let target = Target(
            group: "targets", name: "F latency", comparator: "<", value: 1500, unit: "ms", qualifier: nil, line: 3)
        var five = makeIssue(5, filed: "2026-01-01", endpoint: "F", p95: 2000)
        five.targets = [target]
        var six = makeIssue(6, filed: "2026-03-20", endpoint: "F", p95: 1000)
        six.targets = [target]
        return [
            makeIssue(1, filed: "2026-01-10", state: .closed, closed: "2026-03-05"),
            makeIssue(2, filed: "2026-03-10", endpoint: "E", p95: 900),
            makeIssue(3, filed: "2026-02-01", endpoint: "E", p95: 600), makeIssue(4, filed: "2026-02-20"), five, six,
        ]
    }
    static let asOf = Day(year: 2026, month: 3, day: 31)!

    @Test func withoutAPreviousBuildTheLast30DaysAreCounted() {
        let changes = Changes(Report(issues: Self.issues, schema: .template), since: nil, asOf: Self.asOf)
        #expect(changes.base == .lastDays(30, to: Self.asOf))
        #expect(changes.filed == [2, 6])
        #expect(changes.closed == [1])
        #expect(
            changes.regressed == [
                EndpointChange(endpoint: "E", beforeIssue: 3, afterIssue: 2, percentile: .p95, before: 600, after: 900)
            ])
        #expect(changes.regressed.map(\.ratio) == [1.5])
        #expect(changes.improved.map(\.endpoint) == ["F"])
        #expect(changes.newlyMet == ["f-latency"])
        #expect(changes.newlyMissed == [])
    }

    @Test func againstThePreviousBuildOnlyWhatDiffersFromItCounts() {
        let previous = BuildState(
            day: Day(year: 2026, month: 3, day: 1), open: [1, 3, 4, 5], closed: [],
            endpoints: ["E": .init(issue: 3, percentile: .p95, milliseconds: 600)], targets: ["f-latency": .unmet])
        let changes = Changes(Report(issues: Self.issues, schema: .template), since: previous, asOf: Self.asOf)
        #expect(changes.base == .previousBuild(Day(year: 2026, month: 3, day: 1)))
        #expect(changes.filed == [2, 6])
        #expect(changes.closed == [1])
        #expect(changes.regressed.map(\.endpoint) == ["E"])
        // F was not reported at the previous build: there is nothing to compare its report with.
        #expect(changes.improved == [])
        #expect(changes.newlyMet == ["f-latency"])
    }

    @Test func aRebuildOfTheSameDataKeepsItsBase() {
        let report = Report(issues: Self.issues, schema: .template)
        let now = BuildState(report, day: Self.asOf)
        var earlier = now
        earlier.day = Day(year: 2026, month: 3, day: 2)
        var older = now
        older.open.remove(2)
        #expect(BuildState.base(now: now, last: nil, lastBase: nil) == nil)
        #expect(BuildState.base(now: now, last: earlier, lastBase: older) == older)
        #expect(BuildState.base(now: now, last: older, lastBase: nil) == older)
        #expect(now.endpoints["E"] == .init(issue: 2, percentile: .p95, milliseconds: 900))
        #expect(now.targets == ["f-latency": .met])
    }
}
