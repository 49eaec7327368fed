import Foundation
import Testing

@Suite struct GoldenTests {
    /// `content/` → `public/data/issues/0.json`, compared with `Fixtures/issues.json`.
    /// After a deliberate change, `make golden` writes the file anew; review its diff before committing it.
    @Test func theSampleContentGivesTheGoldenIssuesFile() throws {
        let site = try TemporarySite([:])
        let content = repositoryRoot.appendingPathComponent("content").path
        let run = try perfsite(["build", "--content", content, "--output", "out"], in: site.folder)
        #expect(run.status == 0)
        let built = try #require(site.read("out/data/issues/0.json"))
        let golden = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Tests/ReportSiteTests/Fixtures/issues.json"),
            encoding: .utf8)
        let builtLines = built.split(separator: "\n", omittingEmptySubsequences: false)
        let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(builtLines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            first == nil, "line \((first?.offset ?? 0) + 1): \(first?.element.0 ?? "") vs \(first?.element.1 ?? "")")
        #expect(builtLines.count == goldenLines.count)
    }

    @Test func checkOnTheSampleContentExitsZero() throws {
        let run = try perfsite(["check"], in: repositoryRoot)
        #expect(run.status == 0)
        #expect(run.errors.hasPrefix("checked 34 files: 34 issues, 0 errors, "))
    }
}
