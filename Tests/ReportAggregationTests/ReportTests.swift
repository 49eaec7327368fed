import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct ReportTests {
    /// Issues share their storage until one is changed, and still behave as values.
    @Test func anIssueIsAValueThoughCopiesShareStorage() throws {
        let original = makeIssue(7, filed: "2026-03-14", components: ["api"], p95: 900)
        var changed = original
        #expect(changed == original)
        changed.title = "Changed"
        changed.metrics.currentLatency.p95 = 450
        changed.choices["components", default: []].append("database")
        #expect(original.title == "Issue 7")
        #expect(original.metrics.currentLatency.p95 == 900)
        #expect(original.choices(in: .components) == ["api"])
        #expect(changed.choices(in: .components) == ["api", "database"])
        #expect(changed != original)
        var same = changed
        same.title = "Changed"
        #expect(same == changed)
    }

    @Test func groupsCountByStateAndPriorityPerItem() throws {
        let report = Report(
            issues: [
                makeIssue(1, filed: "2026-01-10", priority: .p0, components: ["job-queue"], layers: ["adapters"]),
                makeIssue(
                    2, filed: "2026-02-10", state: .closed, priority: .p1, components: ["job-queue", "authentication"]),
            ], schema: .template)
        let queue = try #require(report.groups[.components]?.first { $0.item.id == "job-queue" })
        #expect(queue.issues.map(\.number) == [1, 2])
        #expect(queue.count(.open) == 1 && queue.count(.closed) == 1)
        #expect(queue.openCount(.p0) == 1 && queue.openCount(.p1) == 0)
        #expect(queue.openedPerMonth == [1, 1])
        let pivot = report.componentLayerPivot
        let row = try #require(pivot.rows.firstIndex(of: "job-queue"))
        let column = try #require(pivot.columns.firstIndex(of: "adapters"))
        #expect(pivot.counts[row][column] == 1)
        #expect(pivot.counts.joined().reduce(0, +) == 1)
        #expect(report.byPriority.map(\.issues) == [[1], [2], [], [], []])
    }

    @Test func relatedIssuesGiveBackLinksAndUnknownNumbers() {
        let report = Report(
            issues: [makeIssue(1, filed: "2026-01-01"), makeIssue(2, filed: "2026-01-02", related: [1, 2, 97])],
            schema: .template)
        #expect(report.backLinks == [1: [2]])
        #expect(report.unknownRelated == [2: [97]])
    }
}

/// The dashboard's figures are worked out here; the renderer only reshapes them.
@Suite struct DashboardRuleTests {
    @Test func hotspotsCountOpenUrgentIssuesMostFirstTiesInSchemaOrder() {
        let issues = [
            makeIssue(1, filed: "2026-01-01", priority: .p0, components: ["job-queue", "api-endpoints"]),
            makeIssue(2, filed: "2026-01-02", priority: .p1, components: ["job-queue"]),
            makeIssue(3, filed: "2026-01-03", priority: .p2, components: ["authentication"]),
            makeIssue(4, filed: "2026-01-04", state: .closed, priority: .p0, components: ["authentication"]),
            makeIssue(5, filed: "2026-01-05", priority: .p1, components: ["3d-visualization"]),
        ]
        let report = Report(issues: issues, schema: .template)
        #expect(
            report.hotspots(in: .components).map { "\($0.item.id) \($0.count)" } == [
                "job-queue 2", "api-endpoints 1", "3d-visualization 1",
            ])
        #expect(report.hotspots(in: .components, limit: 1).map(\.item.id) == ["job-queue"])
    }

    @Test func theWidestGapsAreOpenIssuesOffTargetWidestFirst() {
        let issues = [
            makeIssue(1, filed: "2026-01-01", p95: 3000, expectedP95: 1000),
            makeIssue(2, filed: "2026-01-02", p95: 900, expectedP95: 1000),
            makeIssue(3, filed: "2026-01-03", p95: 6000, expectedP95: 1000),
            makeIssue(4, filed: "2026-01-04", state: .closed, p95: 9000, expectedP95: 1000),
            makeIssue(5, filed: "2026-01-05", p95: 3000, expectedP95: 1000),
        ]
        let report = Report(issues: issues, schema: .template)
        #expect(report.widestGaps().map { "#\($0.issue.number) \($0.gap.ratio)" } == ["#3 6.0", "#1 3.0", "#5 3.0"])
    }

    @Test func anIssueWithoutComponentOrLayerIsNotPlaced() {
        #expect(Report.placementGaps(of: makeIssue(1, filed: "2026-01-01")) == ["no component", "no layer"])
        #expect(
            Report.placementGaps(of: makeIssue(1, filed: "2026-01-01", components: ["job-queue"], layers: ["adapters"]))
                == [])
    }
}
