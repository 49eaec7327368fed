import ReportModel
import SiteRendering
import Testing

@Suite struct IssueExportTests {
    @Test func everyIssueHasExactlyTheDocumentedKeys() {
        let json = IssueExport(issues: [Issue(number: 3, title: "T", path: "3.md")], schema: .template).json()
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("      \"") }.map {
            $0.dropFirst(7).prefix(while: { $0 != "\"" })
        }
        #expect(
            keys == [
                "number", "title", "author", "date", "month", "state", "closedDate", "labels", "priority", "effort",
                "milestone", "path", "summary", "issueTypes", "components", "layers", "measurementMethods",
                "businessImpact", "systemCapacity", "metrics", "targets", "reproduction", "investigation",
                "optimizations", "testingPlan", "relatedIssues", "historicalPerformance",
            ])
    }

    @Test func issuesAreSortedByNumber() {
        let export = IssueExport(
            issues: [Issue(number: 10, title: "b", path: "b.md"), Issue(number: 2, title: "a", path: "a.md")],
            schema: .template)
        #expect(export.issues.map(\.number) == [2, 10])
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(IssueExport.csvField("plain") == "plain")
        #expect(IssueExport.csvField("a,b") == "\"a,b\"")
        #expect(IssueExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(IssueExport.csvField("two\nlines") == "\"two\nlines\"")
    }
}
