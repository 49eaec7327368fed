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

    @Test func relatedIssuesGiveBackLinksAndUnknownNumbers() {
        let report = Report(
            issues: [makeIssue(1, filed: "2026-01-01"), makeIssue(2, filed: "2026-01-02", related: [1, 2, 97])],
            schema: .template)
        #expect(report.backLinks == [1: [2]])
        #expect(report.unknownRelated == [2: [97]])
    }

    @Test func theCatalogueCountsChoicesClosedIssuesAndWhereTheyWere() {
        var first = makeIssue(1, filed: "2026-01-01", state: .closed, components: ["job-queue"], layers: ["adapters"])
        first.optimizations = [
            OptimizationChoice(
                category: "database", id: "add-missing-indexes", label: "Add missing indexes", custom: false),
            OptimizationChoice(category: "database", id: "use-brin", label: "Use BRIN", custom: true),
        ]
        var second = makeIssue(2, filed: "2026-01-02", components: ["authentication"])
        second.optimizations = [first.optimizations[0]]
        let catalogue = Report(issues: [first, second], schema: .template).catalogue
        #expect(
            catalogue == [
                CatalogueEntry(
                    category: "database", id: "add-missing-indexes", label: "Add missing indexes", custom: false,
                    issues: [1, 2], closedCount: 1, components: ["job-queue", "authentication"], layers: ["adapters"]),
                CatalogueEntry(
                    category: "database", id: "use-brin", label: "Use BRIN", custom: true, issues: [1], closedCount: 1,
                    components: ["job-queue"], layers: ["adapters"]),
            ])
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
