import Foundation
import ReportAggregation
import ReportModel
import Testing

@testable import SiteRendering

@Suite struct ReportExportTests {
    /// Twelve issues on two endpoints, every one with a p95 gap; every third closed, so that some have outcomes.
    static let report: Report = {
        let issues = (1...12).map { number -> ReportModel.Issue in
            var issue = ReportModel.Issue(number: number, title: "Issue \(number)", path: "\(number).md")
            issue.date = Day(year: 2026, month: 1 + number % 6, day: 1 + number)
            if number % 3 == 0 {
                issue.state = .closed
                issue.closedDate = Day(year: 2026, month: 7, day: number)
            }
            issue.metrics.endpoint = number % 2 == 0 ? "GET /a" : "POST /b"
            issue.metrics.currentLatency.p95 = Double(100 + number * 10)
            issue.metrics.expectedLatency.p95 = 150
            return issue
        }
        return Report(issues: issues, schema: .template)
    }()

    static func export(rowsPerShard: Int) -> ReportExport {
        let asOf = Day(year: 2026, month: 8, day: 1)
        return ReportExport(
            report: report, ageing: Ageing(report, asOf: asOf), staleness: Staleness(report, asOf: asOf, afterDays: 60),
            changes: Changes(report, since: nil, asOf: asOf), rowsPerShard: rowsPerShard)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Each list's shards, read back and joined, are the same rows however many a shard holds; `report.json` names
    /// exactly those files and counts exactly those rows.
    @Test func shardsJoinedAreTheWholeListWhateverTheirSize() throws {
        let whole = Self.export(rowsPerShard: 1_000)
        let small = Self.export(rowsPerShard: 2)
        #expect(whole.lists.map(\.name) == small.lists.map(\.name))
        #expect(whole.lists.first { $0.name == "gaps" }?.count == 12)
        #expect(whole.lists.first { $0.name == "endpoint-reports" }?.count == 12)
        for (one, many) in zip(whole.lists, small.lists) {
            #expect(one.shardCount == 1)
            #expect(many.shardCount == max(1, (many.count + 1) / 2))
            func rows(_ list: ReportExport.RowList) throws -> [NSDictionary] {
                try (0..<list.shardCount).flatMap { shard in
                    let document = try Self.object(list.shard(shard))
                    #expect(document["generator"] as? String == IssueExport.generator)
                    let rows = try #require(document["rows"] as? [NSDictionary])
                    #expect(rows.count <= list.rowsPerShard)
                    return rows
                }
            }
            let joined = try rows(many)
            #expect(joined == (try rows(one)), "\(one.name)")
            #expect(joined.count == one.count)
        }
        // report.json names each list where it was, with the count and the files.
        let report = try Self.object(small.json())
        let gaps = try #require(report["gaps"] as? [String: Any])
        #expect(gaps["count"] as? Int == 12)
        #expect(gaps["files"] as? [String] == (0..<6).map { "report/gaps/\($0).json" })
        let ageing = try #require(report["ageing"] as? [String: Any])
        let byAge = try #require(ageing["openIssuesByAge"] as? [String: Any])
        #expect(byAge["count"] as? Int == 8)
        #expect(small.lists.first { $0.name == "gaps" }?.path(5) == "data/report/gaps/5.json")
    }

    /// No list of every issue is left in `report.json`: it is as long for 12 issues as for 120 of the same kinds.
    @Test func reportJSONDoesNotGrowWithTheIssues() {
        let issues = (0..<10).flatMap { copy in
            Self.report.issues.map { issue in
                var issue = issue
                issue.number += copy * 100
                return issue
            }
        }
        let report = Report(issues: issues, schema: .template)
        let asOf = Day(year: 2026, month: 8, day: 1)
        let bigger = ReportExport(
            report: report, ageing: Ageing(report, asOf: asOf), staleness: Staleness(report, asOf: asOf, afterDays: 60),
            changes: Changes(report, since: nil, asOf: asOf), rowsPerShard: 1_000)
        let small = Self.export(rowsPerShard: 1_000).json()
        // Counts gain digits and the changes list names issues of the window; nothing else grows.
        #expect(bigger.json().count < small.count + 1_500)
        #expect(bigger.lists.first { $0.name == "gaps" }?.count == 120)
    }

    /// An empty site still has one (empty) shard of each list, as `data/issues/` has.
    /// A nested list (each issue's gaps, each endpoint's reports) reads, shard by shard, as the list flattened would:
    /// outer elements with no rows, rows that cross a shard's edge, a last shard of fewer rows.
    @Test(arguments: [1, 2, 3, 4, 7, 100]) func aNestedListReadsAsItsFlattenedRows(rowsPerShard: Int) {
        let outer = [[], [1, 2, 3], [], [], [4, 5, 6, 7, 8], [9], [], [10, 11, 12, 13, 14, 15, 16], []]
        let nested = ReportExport.RowList("n", nested: outer, rowsPerShard, inner: { $0 }) { list, value in
            .string("\(list.count):\(value)")
        }
        let flattened = outer.flatMap { list in list.map { JSONValue.string("\(list.count):\($0)") } }
        #expect(nested.count == 16)
        #expect(nested.shardCount == (16 + rowsPerShard - 1) / rowsPerShard)
        let shards = (0..<nested.shardCount).map { nested.shard($0) }
        let whole = ReportExport.RowList("n", flattened, rowsPerShard) { $0 }
        #expect(shards == (0..<whole.shardCount).map { whole.shard($0) })
        #expect(nested.rows(0..<0) == [] && nested.rows(15..<16) == [.string("7:16")])
    }

    @Test func anEmptyListHasOneEmptyShard() throws {
        let report = Report(issues: [], schema: .template)
        let export = ReportExport(
            report: report, ageing: Ageing(report, asOf: nil), staleness: Staleness(report, asOf: nil, afterDays: 60),
            changes: Changes(report, since: nil, asOf: nil))
        for list in export.lists {
            #expect(list.shardCount == 1)
            #expect(list.shard(0) == "{\n  \"generator\": \"\(IssueExport.generator)\",\n  \"rows\": []\n}\n")
        }
    }
}
