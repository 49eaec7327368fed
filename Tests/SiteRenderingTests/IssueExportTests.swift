import ReportModel
import SiteRendering
import Synchronization
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

    /// An earlier file's objects, by source: `{"kept":N}` for the sources it has.
    final class EarlierParts: IssueJSONParts {
        let known: Set<UInt64>
        let made = Mutex<[(source: UInt64, range: Range<Int>)]>([])
        init(_ known: Set<UInt64>) { self.known = known }
        func append(_ source: UInt64, to output: inout [UInt8]) -> Bool {
            guard known.contains(source) else { return false }
            output += "{\"kept\":\(source)}".utf8
            return true
        }
        func placed(_ parts: [(source: UInt64, range: Range<Int>)]) { made.withLock { $0 = parts } }
        var earlierSize: Int { 0 }
    }

    /// An issue whose source the earlier file has is copied from it; the others are encoded; every issue of known
    /// source is placed exactly where its object lies.
    @Test func unchangedIssuesAreCopiedFromTheEarlierFile() {
        let issues = [1, 2, 3].map { Issue(number: $0, title: "T\($0)", path: "\($0).md") }
        let export = IssueExport(issues: issues, schema: .template)
        let parts = EarlierParts([102])
        let bytes = export.jsonBytes(source: { $0.number == 3 ? nil : UInt64(100 + $0.number) }, parts: parts)
        let text = String(decoding: bytes, as: UTF8.self)
        let encoded = export.json()
        #expect(text.contains("\n    },\n    {\"kept\":102},\n    {\n      \"number\": 3,"))
        #expect(text.replacing("{\"kept\":102}", with: "") != encoded)
        let made = parts.made.withLock { $0 }
        #expect(made.map(\.source) == [101, 102])
        #expect(String(decoding: bytes[made[1].range], as: UTF8.self) == "{\"kept\":102}")
        let first = String(decoding: bytes[made[0].range], as: UTF8.self)
        #expect(first.hasPrefix("{\n      \"number\": 1,") && first.hasSuffix("\n    }"))
        // Without parts, nothing is asked and the file is the plain export.
        #expect(export.jsonBytes(source: { UInt64($0.number) }) == Array(encoded.utf8))
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(IssueExport.csvField("plain") == "plain")
        #expect(IssueExport.csvField("a,b") == "\"a,b\"")
        #expect(IssueExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(IssueExport.csvField("two\nlines") == "\"two\nlines\"")
    }
}
