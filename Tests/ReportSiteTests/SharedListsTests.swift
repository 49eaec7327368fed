import Foundation
import ReportExtraction
import ReportModel
import Testing

@testable import ReportSite

/// Issues that tick the same boxes, choose the same ideas or carry the same labels hold one copy of each list.
@Suite struct SharedListsTests {
    /// Where a list's elements are: two lists at one address are one copy.
    static func address<Element>(_ list: [Element]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    static func issue(_ number: Int) -> ReportModel.Issue {
        // Each list made anew, as each file's reader makes it.
        var issue = ReportModel.Issue(number: number, title: "Issue \(number)", path: "\(number).md")
        issue.choices = [
            "components": ["api-endpoints", "database-operations"].map { String($0) }, "layers": ["adapters"],
        ]
        issue.optimizations = [
            OptimizationChoice(category: "database", id: "add-index", label: "Add an index", custom: false)
        ]
        issue.labels = ["type:performance", "area:api"].map { String($0) }
        issue.assignees = ["odiallo"]
        return issue
    }

    @Test func equalListsBecomeOneCopyAndTheIssuesStayTheSame() {
        var first = Self.issue(1)
        var second = Self.issue(2)
        #expect(Self.address(first.choices(in: .components)) != Self.address(second.choices(in: .components)))
        let (firstBefore, secondBefore) = (first, second)
        let lists = SharedLists()
        first.shareLists(in: lists)
        second.shareLists(in: lists)
        #expect(first == firstBefore)
        #expect(second == secondBefore)
        #expect(Self.address(first.choices(in: .components)) == Self.address(second.choices(in: .components)))
        #expect(Self.address(first.choices(in: .layers)) == Self.address(second.choices(in: .layers)))
        #expect(Self.address(first.optimizations) == Self.address(second.optimizations))
        #expect(Self.address(first.labels) == Self.address(second.labels))
        #expect(Self.address(first.assignees) == Self.address(second.assignees))
        // A list that differs keeps its own copy.
        var third = Self.issue(3)
        third.labels = ["type:performance"]
        third.shareLists(in: lists)
        #expect(third.labels == ["type:performance"])
        #expect(Self.address(third.labels) != Self.address(first.labels))
    }

    /// A build's results share their lists as their bodies go to the store, before the cache keeps them.
    @Test func storingTheBodiesSharesTheLists() throws {
        let store = BodyStore()
        defer { store.finish() }
        let lists = SharedLists()
        let kept = try [1, 2].map { number in
            var issue = Self.issue(number)
            issue.bodyHTML = "<p>Body \(number)</p>"
            let result = IssueReader.Result(issue: issue, diagnostics: [])
            return try #require(
                result.storingBody(in: store, for: issue.path, schema: .template, sharing: lists).issue)
        }
        #expect(kept[0].labels == Self.issue(1).labels)
        #expect(Self.address(kept[0].labels) == Self.address(kept[1].labels))
        #expect(Self.address(kept[0].choices(in: .components)) == Self.address(kept[1].choices(in: .components)))
    }

    /// Reading a folder shares the lists of its issues: every two sample issues that tick the same components hold
    /// one copy of them.
    @Test func readingTheSampleSiteSharesItsIssuesLists() throws {
        var locations = SiteLocations(content: repositoryRoot.appendingPathComponent("content").path)
        locations.configuration = repositoryRoot.appendingPathComponent("perfsite.yml")
        let (catalog, _) = try Site.check(locations)
        var seen: [[String]: UnsafeRawPointer?] = [:]
        var pairs = 0
        for issue in catalog.issues {
            let components = issue.choices(in: .components)
            guard !components.isEmpty else { continue }
            if let address = seen[components] {
                #expect(address == Self.address(components), "issue \(issue.number)")
                pairs += 1
            } else {
                seen[components] = Self.address(components)
            }
        }
        #expect(pairs > 5)
    }
}
