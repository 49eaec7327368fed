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

    /// An issue whose source the earlier file has is copied from it (here `{"kept":N}`); the others are encoded;
    /// every issue of known source is placed exactly where its object lies.
    @Test func unchangedIssuesAreCopiedFromTheEarlierFile() {
        let issues = [1, 2, 3].map { Issue(number: $0, title: "T\($0)", path: "\($0).md") }
        let export = IssueExport(issues: issues, schema: .template)
        let fragments = export.fragments(source: { $0.number == 3 ? nil : UInt64(100 + $0.number) })
        let (bytes, made) = fragments.assemble { source, output in
            guard source == 102 else { return false }
            output += "{\"kept\":\(source)}".utf8
            return true
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let encoded = export.json()
        #expect(text.contains("\n    },\n    {\"kept\":102},\n    {\n      \"number\": 3,"))
        #expect(text.replacing("{\"kept\":102}", with: "") != encoded)
        #expect(made.map(\.source) == [101, 102])
        #expect(String(decoding: bytes[made[1].range], as: UTF8.self) == "{\"kept\":102}")
        let first = String(decoding: bytes[made[0].range], as: UTF8.self)
        #expect(first.hasPrefix("{\n      \"number\": 1,") && first.hasSuffix("\n    }"))
        // When nothing is copied, the file is the plain export.
        #expect(export.fragments(source: { UInt64($0.number) }).assemble().bytes == Array(encoded.utf8))
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(IssueExport.csvField("plain") == "plain")
        #expect(IssueExport.csvField("a,b") == "\"a,b\"")
        #expect(IssueExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(IssueExport.csvField("two\nlines") == "\"two\nlines\"")
    }
}
