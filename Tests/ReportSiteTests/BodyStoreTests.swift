import Foundation
import ReportAggregation
import ReportExtraction
import ReportModel
import Testing

@testable import ReportSite
@testable import SiteRendering

/// A build keeps each issue's body and its object of `data/issues/` on disk, and in memory only what the pages and
/// aggregation read: the site must come out the same as from the whole issues.
@Suite struct BodyStoreTests {
    static let issues: [ReportModel.Issue] = {
        let reader = IssueReader()
        let sources = try! ContentLoader.load(from: repositoryRoot.appendingPathComponent("content"))
        return sources.compactMap { reader.read($0).issue }
    }()

    /// Each sample issue's body and object go to the store, from a file of entries as from memory, and the issue
    /// kept loses only what its object shows.
    @Test(arguments: [false, true]) func eachIssueLeavesItsBodyAndItsObjectInTheStore(inFile: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bodies-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = inFile ? BodyStore(temporaryFile: folder.appendingPathComponent("bodies")) : BodyStore()
        defer { store.finish() }
        var lighter = 0
        for issue in Self.issues {
            let result = IssueReader.Result(issue: issue, diagnostics: [])
            let kept = try #require(result.storingBody(in: store, for: issue.path, schema: .template).issue)
            var expected = issue.withoutExportOnlyParts
            expected.bodyHTML = nil
            #expect(kept == expected)
            #expect(store.html(for: issue.path) == issue.bodyHTML)
            #expect(store.object(for: issue.path) == IssueExport.object(of: issue, schema: .template))
            if IssueExport.object(of: kept, schema: .template) != IssueExport.object(of: issue, schema: .template) {
                lighter += 1
            }
        }
        // Most sample issues fill in a section only the export shows.
        #expect(lighter > Self.issues.count / 2)
        #expect(store.html(for: "missing.md") == nil && store.object(for: "missing.md") == nil)
    }

    /// Every page, feed and data file made from the issues without what only the export shows is the one made from
    /// the whole issues; the issue shards are too, from the objects stored.
    @Test func whatOnlyTheExportShowsChangesNoFile() throws {
        var options = SiteRenderer.Options()
        options.paginate = 5
        options.generatedOn = Day(year: 2026, month: 6, day: 1)
        let renderer = try SiteRenderer(options: options)
        let whole = renderer.jobs(Report(issues: Self.issues, schema: .template), diagnostics: [])
        let kept = Self.issues.map(\.withoutExportOnlyParts)
        let lighter = renderer.jobs(Report(issues: kept, schema: .template), diagnostics: [])
        let objects = Dictionary(
            uniqueKeysWithValues: Self.issues.map { ($0.path, IssueExport.object(of: $0, schema: .template)) })
        #expect(whole.map(\.path) == lighter.map(\.path))
        var shards = 0
        for (made, madeLighter) in zip(whole, lighter) {
            let bytes = try made.render().contents
            switch madeLighter.prepare(false).contents {
            case .fragments(let make):
                shards += 1
                #expect(make { objects[$0.path] }.assemble() == bytes, "\(made.path)")
            default:
                #expect(try madeLighter.render().contents == bytes, "\(made.path)")
            }
        }
        #expect(shards == 1 && whole.count > 100)
    }
}
