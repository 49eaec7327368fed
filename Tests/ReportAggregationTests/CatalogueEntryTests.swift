import ReportModel
import Testing

@testable import ReportAggregation

@Suite struct CatalogueEntryTests {
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
