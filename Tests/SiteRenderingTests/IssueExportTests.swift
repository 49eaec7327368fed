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
                "number", "title", "author", "date", "month", "state", "closedDate", "updated", "url", "status",
                "labels", "priority", "effort",
                "milestone", "path", "summary", "issueTypes", "components", "layers", "measurementMethods",
                "businessImpact", "systemCapacity", "metrics", "targets", "reproduction", "investigation",
                "optimizations", "testingPlan", "claims", "claimedImprovementPercent", "relatedIssues",
                "historicalPerformance",
            ])
    }

    @Test func issuesAreSortedByNumber() {
        let export = IssueExport(
            issues: [Issue(number: 10, title: "b", path: "b.md"), Issue(number: 2, title: "a", path: "a.md")],
            schema: .template)
        #expect(export.issues.map(\.number) == [2, 10])
    }

    /// An issue whose object was stored is written as stored (here `{"kept":2}`), the others are encoded, each on
    /// its line of the list; with nothing stored, the file is the plain export.
    @Test func storedObjectsAreWrittenAsStored() {
        let issues = [1, 2, 3].map { Issue(number: $0, title: "T\($0)", path: "\($0).md") }
        let export = IssueExport(issues: issues, schema: .template)
        let bytes = export.fragments(stored: { $0.number == 2 ? Array("{\"kept\":2}".utf8) : nil }).assemble()
        let text = String(decoding: bytes, as: UTF8.self)
        let encoded = export.json()
        #expect(text.contains("\n    },\n    {\"kept\":2},\n    {\n      \"number\": 3,"))
        #expect(text.hasPrefix("{\n  \"generator\": \"perfsite 0.1.0\",\n  \"issues\": [\n    {\n      \"number\": 1,"))
        #expect(text.hasSuffix("\n    }\n  ]\n}\n"))
        #expect(export.fragments().assemble() == Array(encoded.utf8))
        #expect(IssueExport(issues: [], schema: .template).json().hasSuffix("\"issues\": []\n}\n"))
        // Streamed piece by piece, as a build writes a shard, the file is the same bytes.
        for exported in [export, IssueExport(issues: [], schema: .template)] {
            var streamed: [UInt8] = []
            exported.fragments().stream { streamed += $0 }
            #expect(streamed == exported.fragments().assemble())
        }
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(IssueExport.csvField("plain") == "plain")
        #expect(IssueExport.csvField("a,b") == "\"a,b\"")
        #expect(IssueExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(IssueExport.csvField("two\nlines") == "\"two\nlines\"")
    }
}
