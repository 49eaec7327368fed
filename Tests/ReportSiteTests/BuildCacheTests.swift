import Foundation
import Testing

@testable import ReportSite

/// The build cache's rules, each on in-process builds of one small site: what is kept, what is reused, what is
/// invalidated. Every cached build is compared with a build of the same content without a cache: the cache may
/// save work, never change a byte.
@Suite struct BuildCacheTests {
    static let files = [
        "content/0001-upload.md": issueFile(number: 1, title: "Upload is slow", extra: "Body of one.\n"),
        "content/0002-viewer.md": issueFile(number: 2, title: "Viewer freezes", extra: "Body of two.\n"),
        "content/0003-queue.md": issueFile(number: 3, title: "Queue backs up", extra: "Body of three.\n"),
    ]

    /// A build of `site` with a cache loaded from its folder now, as a new process would.
    private func cachedBuild(_ site: TemporarySite) throws -> BuildResult {
        var options = BuildOptions()
        options.cache = BuildCache(folder: cacheFolder(site))
        options.sourceDateEpoch = 1_767_225_600
        return try Site.build(locations(site, output: "public"), options: options)
    }

    /// The site as a build without a cache writes it, in another output folder.
    private func uncachedSite(_ site: TemporarySite) throws -> [String: String] {
        var options = BuildOptions()
        options.sourceDateEpoch = 1_767_225_600
        _ = try Site.build(locations(site, output: "fresh"), options: options)
        defer { try? FileManager.default.removeItem(at: site.folder.appendingPathComponent("fresh")) }
        return contents(site, "fresh")
    }

    private func locations(_ site: TemporarySite, output: String) -> SiteLocations {
        SiteLocations(
            content: site.folder.path + "/content", output: site.folder.path + "/" + output,
            templates: site.folder.path + "/templates")
    }

    private func cacheFolder(_ site: TemporarySite) -> URL { site.folder.appendingPathComponent(".perfsite-cache") }

    private func contents(_ site: TemporarySite, _ folder: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: site.files(under: folder).map { ($0, site.read(folder + "/" + $0) ?? "") })
    }

    @Test func anUnchangedSiteIsNeitherParsedNorRenderedAgain() throws {
        let site = try TemporarySite(Self.files)
        let first = try cachedBuild(site)
        #expect(first.catalog.parsedCount == 3)
        #expect(first.pagesKept == 0)
        let second = try cachedBuild(site)
        #expect(second.catalog.parsedCount == 0)
        #expect(second.pagesKept == second.pagesWritten)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func aTouchedFileWithTheSameBytesIsReusedWithItsBody() throws {
        let site = try TemporarySite(Self.files)
        _ = try cachedBuild(site)
        let file = site.folder.appendingPathComponent("content/0002-viewer.md").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1e9)], ofItemAtPath: file)
        // The page is rendered again (its body read back from the cache), not the file parsed.
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("public/issues"))
        try FileManager.default.createDirectory(
            at: site.folder.appendingPathComponent("public/issues"), withIntermediateDirectories: true)
        let rebuilt = try cachedBuild(site)
        #expect(rebuilt.catalog.parsedCount == 0)
        #expect(site.read("public/issues/2-viewer.html")?.contains("Body of two.") == true)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func aChangedFileIsParsedAgainAndOnlyThePagesThatShowItAreRendered() throws {
        let site = try TemporarySite(Self.files)
        let first = try cachedBuild(site)
        try site.write(
            issueFile(number: 3, title: "Queue backs up", extra: "A new body.\n"), to: "content/0003-queue.md")
        let rebuilt = try cachedBuild(site)
        #expect(rebuilt.catalog.parsedPaths == ["0003-queue.md"])
        #expect(rebuilt.pagesKept > 0 && rebuilt.pagesKept < first.pagesWritten)
        #expect(site.read("public/issues/3-queue.html")?.contains("A new body.") == true)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func removingAFileRewritesTheBodiesAndEveryOtherBodyReadsTheSame() throws {
        let site = try TemporarySite(Self.files)
        _ = try cachedBuild(site)
        #expect(FileManager.default.fileExists(atPath: cacheFolder(site).path + "/bodies-0"))
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("content/0001-upload.md"))
        _ = try cachedBuild(site)
        // The next generation holds the two bodies left; the earlier file is gone.
        #expect(!FileManager.default.fileExists(atPath: cacheFolder(site).path + "/bodies-0"))
        let bodies = try Data(contentsOf: cacheFolder(site).appendingPathComponent("bodies-1"))
        #expect(String(decoding: bodies, as: UTF8.self).contains("Body of one.") == false)
        // Every page rendered anew from the rewritten cache reads as without one.
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("public"))
        let third = try cachedBuild(site)
        #expect(third.catalog.parsedCount == 0)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func aBodiesFileCutShortMakesItsFilesParsedAgain() throws {
        let site = try TemporarySite(Self.files)
        _ = try cachedBuild(site)
        #expect(truncate(cacheFolder(site).path + "/bodies-0", 10) == 0)
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("public"))
        let rebuilt = try cachedBuild(site)
        #expect(rebuilt.catalog.parsedCount == 3)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func anotherWayOfReadingInvalidatesEveryEntry() throws {
        let site = try TemporarySite(Self.files)
        _ = try cachedBuild(site)
        try site.write("rawHTML: true\n", to: "perfsite.yml")
        var options = BuildOptions()
        options.cache = BuildCache(folder: cacheFolder(site))
        let locations = SiteLocations(
            content: site.folder.path + "/content", output: site.folder.path + "/public",
            configuration: site.folder.path + "/perfsite.yml", templates: site.folder.path + "/templates")
        #expect(try Site.build(locations, options: options).catalog.parsedCount == 3)
    }

    @Test func aPageEditedByHandIsRenderedAgain() throws {
        let site = try TemporarySite(Self.files)
        _ = try cachedBuild(site)
        try site.write("edited", to: "public/index.html")
        let rebuilt = try cachedBuild(site)
        #expect(rebuilt.pagesKept == rebuilt.pagesWritten - 1)
        #expect(contents(site, "public") == (try uncachedSite(site)))
    }

    @Test func aLogCutShortKeepsItsWholeRecords() throws {
        let site = try TemporarySite([:])
        let path = site.folder.path + "/records"
        #expect(CacheRecords.append(["one", "two", "three"], to: path))
        let size = try #require(FileBytes.status(path)).0
        #expect(truncate(path, off_t(size - 2)) == 0)
        let (records, whole) = CacheRecords.read(String.self, from: path)
        #expect(records == ["one", "two"])
        #expect(!whole)
        #expect(CacheRecords.single(String.self, from: path) == nil)
    }

    // MARK: - The rule that decides whether a published page is stale

    static let record = PageManifest.Record(fingerprint: 0xABC, size: 120, modified: 1_764_000_000.5)

    @Test func aPageFromTheSameInputsAndUntouchedIsKept() {
        #expect(PageManifest.isFresh(Self.record, fingerprint: 0xABC, file: (120, 1_764_000_000.5)))
    }

    @Test(arguments: [
        (UInt64(0xABD), 120, 1_764_000_000.5),  // its inputs changed
        (UInt64(0xABC), 121, 1_764_000_000.5),  // edited by hand: another size
        (UInt64(0xABC), 120, 1_764_000_001.5),  // edited by hand: another time
    ])
    func aPageWhoseInputsOrFileChangedIsRenderedAgain(fingerprint: UInt64, size: Int, modified: Double) {
        #expect(!PageManifest.isFresh(Self.record, fingerprint: fingerprint, file: (size, modified)))
    }

    @Test func aPageNeverRecordedOrGoneIsRenderedAgain() {
        #expect(!PageManifest.isFresh(nil, fingerprint: 0xABC, file: (120, 1_764_000_000.5)))
        #expect(!PageManifest.isFresh(Self.record, fingerprint: 0xABC, file: nil))
    }
}

/// The cache as the command line uses it: `perfsite build` run twice or more in one folder.
@Suite struct BuildCacheCommandTests {
    @Test func aCachedBuildWritesTheSameBytesAsAnUncachedOne() throws {
        let site = try TemporarySite([:])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content").path,
            withDestinationPath: repositoryRoot.appendingPathComponent("content").path)
        #expect(try perfsite(["build", "--output", "first"], in: site.folder).status == 0)
        let cached = try perfsite(["build", "--output", "cached"], in: site.folder)
        #expect(cached.errors.contains("34 issues read (0 of 34 files parsed)"))
        #expect(try perfsite(["build", "--no-cache", "--output", "uncached"], in: site.folder).status == 0)
        let files = site.files(under: "uncached")
        #expect(site.files(under: "cached") == files)
        #expect(files.filter { site.read("cached/" + $0) != site.read("uncached/" + $0) } == [])
    }

    @Test func afterOneFileChangesOnlyThatFileIsParsedAgain() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
            "content/0003-c.md": issueFile(number: 3),
        ])
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(3 of 3 files parsed)"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(0 of 3 files parsed)"))
        try site.write(issueFile(number: 2, title: "Changed"), to: "content/0002-b.md")
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(1 of 3 files parsed)"))
        #expect(site.read("public/issues/2-b.html")?.contains("Changed") == true)
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("content/0003-c.md"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("2 issues read (0 of 2 files parsed)"))
        #expect(try perfsite(["build", "--no-cache"], in: site.folder).errors.contains("(2 of 2 files parsed)"))
    }

    /// Bodies wait on disk, not in memory: in the cache folder (one file of bodies) or, without a cache, in a
    /// temporary file that is gone after the build.
    @Test func bodiesWaitOnDiskUntilTheirPagesAreRendered() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, extra: "Body of *one*.\n"),
            "content/0002-b.md": issueFile(number: 2, extra: "Body of *two*.\n"),
        ])
        #expect(try perfsite(["build", "--no-cache"], in: site.folder).status == 0)
        #expect(site.read("public/issues/1-a.html")?.contains("Body of <em>one</em>.</p>") == true)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).sorted()
        #expect(entries == ["content", "public"])

        #expect(try perfsite(["build"], in: site.folder).errors.contains("(2 of 2 files parsed)"))
        let bodies = try #require(site.read(".perfsite-cache/bodies-0"))
        #expect(bodies.contains("Body of <em>one</em>.") && bodies.contains("Body of <em>two</em>."))
        // Bodies lost from the cache are parsed again rather than published empty.
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent(".perfsite-cache/bodies-0"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(2 of 2 files parsed)"))
        #expect(site.read("public/issues/1-a.html")?.contains("Body of <em>one</em>.</p>") == true)
        #expect(site.read("public/issues/2-b.html")?.contains("Body of <em>two</em>.</p>") == true)
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(0 of 2 files parsed)"))
    }

    /// An issue page is kept by its inputs (its own source and those of the issues it links to and from), not by
    /// its model; a change to any of them, or a file moved, still renders it again.
    @Test func anIssuePageFollowsTheIssuesItLinksAndItsOwnFile() throws {
        let related = "## Related Issues\n- Related performance issues: #2\n"
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, title: "First", extra: related),
            "content/0002-b.md": issueFile(number: 2, title: "Second"),
            "content/0003-c.md": issueFile(number: 3, title: "Third"),
        ])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        // A page is named after its file: renaming the file moves the page, and the links to it follow.
        try FileManager.default.moveItem(
            at: site.folder.appendingPathComponent("content/0002-b.md"),
            to: site.folder.appendingPathComponent("content/0002-second.md"))
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/issues/1-a.html")?.contains("href=\"../issues/2-second.html\"") == true)
        #expect(site.read("public/issues/2-second.html")?.contains("1-a.html") == true)
        #expect(site.read("public/issues/2-b.html") == nil)

        try FileManager.default.createDirectory(
            at: site.folder.appendingPathComponent("content/moved"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: site.folder.appendingPathComponent("content/0003-c.md"),
            to: site.folder.appendingPathComponent("content/moved/0003-c.md"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(1 of 3 files parsed)"))
        #expect(site.read("public/issues/3-c.html")?.contains("content/moved/0003-c.md") == true)

        #expect(try perfsite(["build", "--no-cache", "--output", "fresh"], in: site.folder).status == 0)
        let files = site.files(under: "fresh")
        #expect(site.files(under: "public") == files)
        #expect(files.filter { site.read("public/" + $0) != site.read("fresh/" + $0) } == [])
    }

    /// A rebuild takes unchanged issues' objects from where their files' reading stored them, never from the shards
    /// it wrote last: the file comes out as the same bytes as one made from nothing, even after a shard was edited.
    @Test func issueShardsOfARebuildAreTheOnesMadeFromNothing() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
            "content/0003-c.md": issueFile(number: 3),
        ])
        func matchesAFreshBuild() throws -> Bool {
            try FileManager.default.removeItem(at: site.folder.appendingPathComponent("fresh"))
            #expect(try perfsite(["build", "--no-cache", "--output", "fresh"], in: site.folder).status == 0)
            return site.read("public/data/issues/0.json") == site.read("fresh/data/issues/0.json")
        }
        try site.write("", to: "fresh/.keep")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try matchesAFreshBuild())
        try site.write(issueFile(number: 2, title: "Changed"), to: "content/0002-b.md")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try matchesAFreshBuild())

        // Edited by hand to the same size: the shard written is never read back.
        let written = try #require(site.read("public/data/issues/0.json"))
        let edited = written.replacing("\"title\": \"Slow upload\"", with: "\"title\": \"Slow uploaD\"")
        #expect(edited != written && edited.utf8.count == written.utf8.count)
        try site.write(edited, to: "public/data/issues/0.json")
        try site.write(issueFile(number: 3, title: "Changed too"), to: "content/0003-c.md")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try matchesAFreshBuild())
    }

    /// Issues are sharded 500 to a file in number order: a shard whose issues did not change is kept, an issue
    /// removed moves every later one into the shard before, the shards the same bytes as ones made from nothing.
    @Test func anIssueRemovedMovesTheLaterOnesIntoTheShardBefore() throws {
        var files: [String: String] = [:]
        for number in 1...1001 { files["content/\(String(format: "%04d", number)).md"] = issueFile(number: number) }
        let site = try TemporarySite(files)
        func shards(_ folder: String) -> [String] {
            site.files(under: folder + "/data/issues").filter { $0 != "manifest.json" }
        }
        func matchesAFreshBuild() throws -> Bool {
            try? FileManager.default.removeItem(at: site.folder.appendingPathComponent("fresh"))
            #expect(try perfsite(["build", "--no-cache", "--output", "fresh"], in: site.folder).status == 0)
            return shards("public") == shards("fresh")
                && shards("public").allSatisfy {
                    site.read("public/data/issues/" + $0) == site.read("fresh/data/issues/" + $0)
                }
                && site.read("public/data/issues/manifest.json") == site.read("fresh/data/issues/manifest.json")
        }
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(shards("public") == ["0.json", "1.json", "2.json"])
        // An edit to issue 2 makes its shard again; the two whose issues did not change are kept (linked, so the
        // same file), and the result is the shards made from nothing.
        func fileNumbers() throws -> [Int] {
            try (0...2).map { shard in
                let path = site.folder.appendingPathComponent("public/data/issues/\(shard).json").path
                return try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
            }
        }
        let before = try fileNumbers()
        try site.write(issueFile(number: 2, title: "Changed"), to: "content/0002.md")
        let edited = try perfsite(["build"], in: site.folder)
        let after = try fileNumbers()
        #expect(after[0] != before[0] && after[1] == before[1] && after[2] == before[2])
        #expect(site.read("public/data/issues/0.json")?.contains("\"title\": \"Changed\"") == true)
        #expect(edited.errors.contains("(1 of 1001 files parsed)"))
        #expect(try matchesAFreshBuild())
        #expect(
            site.read("public/data/issues/manifest.json")
                == "{\"generator\":\"perfsite 0.1.0\",\"count\":1001,\"shards\":[{\"file\":\"0.json\",\"count\":500,"
                + "\"first\":1,\"last\":500},{\"file\":\"1.json\",\"count\":500,\"first\":501,\"last\":1000},"
                + "{\"file\":\"2.json\",\"count\":1,\"first\":1001,\"last\":1001}]}\n")
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("content/0002.md"))
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(shards("public") == ["0.json", "1.json"])
        #expect(site.read("public/data/issues/0.json")?.contains("\"number\": 501,") == true)
        #expect(try matchesAFreshBuild())
    }

    /// An idea's page shows each closed issue's outcome, measured by a later report on the same endpoint (a site's
    /// own template may link to it): an edit of the later report alone (here one that chose no idea) renders the
    /// page again.
    @Test func anIdeaPageFollowsTheLaterReportsItsOutcomesAreMeasuredBy() throws {
        func report(_ number: Int, date: String, closed: Bool, p95: String) -> String {
            "---\ntitle: Upload \(number)\nnumber: \(number)\ndate: \(date)\n"
                + (closed ? "state: closed\nclosed: 2026-03-01\n" : "") + "---\n## Summary\nSlow.\n"
                + "## Performance Metrics\n**Response Times:**\n- Endpoint: `POST /api/v1/molecules`\n"
                + "- Current: p50=850ms, p95=\(p95)\n- Expected: p95 < 2s\n"
                + (closed ? "## Optimization Ideas\n**Database Optimizations:**\n- [x] Add missing indexes\n" : "")
        }
        let idea = try String(
            contentsOf: repositoryRoot.appendingPathComponent("templates/idea.mustache"), encoding: .utf8)
        let site = try TemporarySite([
            "content/0001-a.md": report(1, date: "2026-02-01", closed: true, p95: "9s"),
            "content/0002-b.md": report(2, date: "2026-04-01", closed: false, p95: "3s"),
            "templates/idea.mustache": idea.replacing(
                "{{/content}}", with: "{{#outcomes}}<p>measured by {{afterHref}}</p>{{/outcomes}}\n{{/content}}"),
        ])
        let page = "optimizations/database/add-missing-indexes.html"
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/" + page)?.contains("66.7%") == true)
        try site.write(report(2, date: "2026-04-01", closed: false, p95: "1s"), to: "content/0002-b.md")
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(1 of 2 files parsed)"))
        #expect(site.read("public/" + page)?.contains("88.9%") == true)
        // Renamed, the later report moves: the outcome's link follows, though no figure changed.
        try FileManager.default.moveItem(
            at: site.folder.appendingPathComponent("content/0002-b.md"),
            to: site.folder.appendingPathComponent("content/0002-renamed.md"))
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/" + page)?.contains("measured by ../../issues/2-renamed.html") == true)
        #expect(try perfsite(["build", "--no-cache", "--output", "fresh"], in: site.folder).status == 0)
        #expect(site.read("public/" + page) == site.read("fresh/" + page))
    }

    /// A title shows in the issue's page and its row; it names no page. A title edit renders those pages again, and
    /// of a paged list, only the page that lists the issue.
    @Test func aTitleEditRendersOnlyThePagesThatShowIt() throws {
        let extra =
            "### Affected Component\n- [x] Job Queue\n\n## Optimization Ideas\n**Database Optimizations:**\n"
            + "- [x] Add missing indexes\n"
        // Issues 4 and 5 propose an architecture change each, listed by number on the first changes page.
        let change = "### Architecture Changes\n**Database Schema:**\n```sql\nCREATE INDEX i ON t (c);\n```\n"
        var files = ["perfsite.yml": "paginate: 2\n"]
        for number in 1...7 {
            files["content/000\(number).md"] = issueFile(
                number: number, extra: extra + ([4, 5].contains(number) ? change : ""))
        }
        let site = try TemporarySite(files)
        func inodes() throws -> [String: Int] {
            try site.files(under: "public").filter { $0.hasSuffix(".html") }.reduce(into: [:]) { inodes, path in
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: site.folder.appendingPathComponent("public/" + path).path)
                inodes[path] = (attributes[.systemFileNumber] as? Int) ?? 0
            }
        }
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        let before = try inodes()
        // Newest first, two to a page: 7 6 | 5 4 | 3 2 | 1.
        #expect(
            before.keys.filter { $0.hasPrefix("issues/index") }.sorted() == [
                "issues/index.html", "issues/index.page-2.html", "issues/index.page-3.html", "issues/index.page-4.html",
            ])
        #expect(site.read("public/issues/index.page-2.html")?.contains("<a href=\"../issues/4.html\">4</a>") == true)
        try site.write(
            issueFile(number: 4, title: "Slow upload, retitled", extra: extra + change),
            to: "content/0004.md")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        let after = try inodes()
        #expect(after.keys.sorted() == before.keys.sorted())
        // The issue, the page of each list that shows its row or its architecture change, and the dashboard's
        // newest issues, which list every issue of this small site by title. Not the data-quality page, whose lists
        // show a page's worth (two) of issues, nor the component's first page, though its ideas link to the issue,
        // nor the catalogue.
        #expect(
            after.keys.filter { after[$0] != before[$0] }.sorted() == [
                "changes.html", "components/job-queue.page-2.html", "index.html", "issues/4.html",
                "issues/index.page-2.html", "optimizations/database/add-missing-indexes.page-2.html",
            ])
        #expect(
            site.read("public/quality.html")?.contains(
                "and 5 more: data/issues/ has every issue&#39;s components and layers")
                == true)
        #expect(site.read("public/components/job-queue.html")?.contains("<a href=\"../issues/4.html\">#4</a>") == true)
        #expect(site.read("public/issues/index.page-2.html")?.contains("Slow upload, retitled") == true)

        // Renaming the file moves the page, and the component's first page, whose ideas link to it, follows.
        try FileManager.default.moveItem(
            at: site.folder.appendingPathComponent("content/0004.md"),
            to: site.folder.appendingPathComponent("content/0004-renamed.md"))
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(
            site.read("public/components/job-queue.html")?.contains("<a href=\"../issues/4-renamed.html\">#4</a>")
                == true)
    }

    /// A page is rendered again only when what it is made from changed; the rest are hard-linked from the last
    /// build, and the site is byte-identical to one built from nothing.
    @Test func aRebuildRendersOnlyThePagesWhoseInputsChanged() throws {
        let site = try TemporarySite([:])
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("content"), to: site.folder.appendingPathComponent("content"))
        /// From `built public: 122 pages (63 unchanged) and …`: 63; 0 when no page was kept.
        func unchangedPages(_ run: Run) -> Int? {
            guard let line = run.errors.split(separator: "\n").first(where: { $0.hasPrefix("built public: 122 pages") })
            else { return nil }
            guard line.hasPrefix("built public: 122 pages (") else { return 0 }
            return Int(line.dropFirst("built public: 122 pages (".count).prefix { $0.isNumber })
        }
        #expect(unchangedPages(try perfsite(["build"], in: site.folder)) == 0)
        #expect(unchangedPages(try perfsite(["build"], in: site.folder)) == 122)

        let path = "content/2025/0005-celery-prefetch-starves-vina-queue.md"
        let text = try #require(site.read(path))
        try site.write(text.replacing("(prefetch multiplier)", with: "(prefetch multiplier of 4)"), to: path)
        let afterEdit = try #require(unchangedPages(try perfsite(["build"], in: site.folder)))
        // The issue's page, the lists that show its title (issues, its groups, back-links) and the pages that count
        // it are rendered again; most pages are kept.
        #expect(afterEdit > 60 && afterEdit < 122)
        #expect(site.read("public/issues/index.html")?.contains("(prefetch multiplier of 4)") == true)

        // A published page changed by hand is rendered again, not kept.
        try site.write(try #require(site.read("public/trends.html")) + "<!-- edited -->", to: "public/trends.html")
        #expect(unchangedPages(try perfsite(["build"], in: site.folder)) == 121)
        #expect(site.read("public/trends.html")?.contains("<!-- edited -->") == false)

        #expect(try perfsite(["build", "--no-cache", "--output", "fresh"], in: site.folder).status == 0)
        let files = site.files(under: "fresh")
        #expect(site.files(under: "public") == files)
        #expect(files.filter { site.read("public/" + $0) != site.read("fresh/" + $0) } == [])

        // A changed theme file changes every page.
        try site.write("/* site's own */", to: "templates/assets/extra.css")
        #expect(unchangedPages(try perfsite(["build"], in: site.folder)) == 0)
    }
}

@Suite struct BuildCacheLogTests {
    private func log(_ site: TemporarySite) -> Int {
        let path = site.folder.appendingPathComponent(".perfsite-cache/sources.log").path
        return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    /// A rebuild appends the changed file's record; a removed file, or an end cut short, has the log written anew
    /// with one record per file.
    @Test func aRebuildAppendsAndAnythingElseRewritesTheLog() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
            "content/0003-c.md": issueFile(number: 3),
        ])
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(3 of 3 files parsed)"))
        let whole = log(site)
        #expect(whole > 0)
        try site.write(issueFile(number: 2, title: "Changed"), to: "content/0002-b.md")
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(1 of 3 files parsed)"))
        let appended = log(site)
        #expect(appended > whole + whole / 4)

        // A cut-short append: the whole records still count, and the log is written anew.
        let handle = try FileHandle(forWritingTo: site.folder.appendingPathComponent(".perfsite-cache/sources.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: [200, 1, 0, 0, 0, 0, 0, 0, 9, 9])
        try handle.close()
        try site.write(issueFile(number: 3, title: "Changed too"), to: "content/0003-c.md")
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(1 of 3 files parsed)"))
        let rewritten = log(site)
        #expect(rewritten < appended)
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(0 of 3 files parsed)"))
        #expect(site.read("public/issues/3-c.html") != nil)

        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("content/0001-a.md"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(0 of 2 files parsed)"))
        #expect(log(site) < rewritten)
    }
}
