import Foundation
import Testing

@testable import ReportSite

@Suite struct PublishingTests {
    /// The sample content copied into a new site, its files created in path order or in reverse.
    private func copyOfTheSampleContent(reversed: Bool) throws -> TemporarySite {
        let site = try TemporarySite([:])
        let source = repositoryRoot.appendingPathComponent("content")
        let paths = (FileManager.default.enumerator(atPath: source.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        for path in reversed ? paths.reversed() : paths {
            try site.write(
                try String(contentsOf: source.appendingPathComponent(path), encoding: .utf8), to: "content/" + path)
        }
        return site
    }

    @Test func theSameInputGivesTheSameBytesWhateverTheThreadsAndFileOrder() throws {
        let forward = try copyOfTheSampleContent(reversed: false)
        let backward = try copyOfTheSampleContent(reversed: true)
        #expect(try perfsite(["build", "--jobs", "1"], in: forward.folder).status == 0)
        #expect(try perfsite(["build"], in: backward.folder).status == 0)
        let files = forward.files(under: "public")
        #expect(files.count > 70)
        #expect(backward.files(under: "public") == files)
        let differing = files.filter { forward.read("public/" + $0) != backward.read("public/" + $0) }
        #expect(differing == [])
    }

    @Test func theDateShownComesFromSourceDateEpochOrTheNewestIssue() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        _ = try perfsite(["build"], in: site.folder)
        #expect(site.read("public/index.html")?.contains("Data as of 2026-01-02.</p>") == true)
        let pinned = try perfsite(["build"], in: site.folder, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(pinned.status == 0)
        #expect(site.read("public/index.html")?.contains("Data as of 2026-01-01.</p>") == true)
    }

    @Test func withoutABaseURLThereIsNoSitemapNoFeedAndThe404HasNoLink() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/sitemap.xml") == nil)
        #expect(site.read("public/feed.xml") == nil)
        #expect(site.read("public/robots.txt") == "User-agent: *\nAllow: /\n")
        #expect(site.read("public/.nojekyll") == "")
        let notFound = try #require(site.read("public/404.html"))
        #expect(!notFound.contains("href="))
        #expect(!notFound.contains("src="))
        #expect(notFound.contains("<style>\nbody { margin: 0;"))
        #expect(site.read("public/index.html")?.contains("rel=\"canonical\"") == false)
    }

    @Test func aBaseURLGivesTheSitemapTheFeedCanonicalLinksAndAnAbsolute404() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1),
            "content/0002-b.md":
                "---\ntitle: Closed <one>\nnumber: 2\ndate: 2026-01-05\nstate: closed\nclosed: 2026-02-10\n---\n",
        ])
        let run = try perfsite(["build", "--base-url", "https://perf.example.org/team"], in: site.folder)
        #expect(run.status == 0)
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(
            sitemap.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            ))
        #expect(
            sitemap.contains(
                "<url><loc>https://perf.example.org/team/issues/2-b.html</loc><lastmod>2026-02-10</lastmod></url>\n"
            ))
        #expect(
            sitemap.contains(
                "<url><loc>https://perf.example.org/team/index.html</loc><lastmod>2026-02-10</lastmod></url>"))
        #expect(!sitemap.contains("404.html"))
        let feed = try #require(site.read("public/feed.xml"))
        let entries = feed.components(separatedBy: "<entry>").dropFirst()
        #expect(entries.count == 2)
        #expect(entries.first?.hasPrefix("\n<title>#2 Closed &lt;one&gt; (closed)</title>") == true)
        #expect(feed.contains("<updated>2026-02-10T00:00:00Z</updated>\n<generator>perfsite</generator>"))
        #expect(
            site.read("public/robots.txt")
                == "User-agent: *\nAllow: /\nSitemap: https://perf.example.org/team/sitemap.xml\n")
        #expect(
            site.read("public/issues/2-b.html")?.contains(
                "<link rel=\"canonical\" href=\"https://perf.example.org/team/issues/2-b.html\">") == true)
        #expect(site.read("public/index.html")?.contains("<link rel=\"stylesheet\" href=\"assets/style.css\">") == true)
        let notFound = try #require(site.read("public/404.html"))
        #expect(notFound.contains("<a href=\"https://perf.example.org/team/index.html\">Go to the dashboard</a>"))
    }

    @Test func theStepSummaryIsAppendedAsMarkdown() throws {
        let site = try TemporarySite([
            "summary.md": "earlier step\n",
            "content/0001-a.md": issueFile(
                number: 1, extra: "**Response Times:**\n- Endpoint: `GET /x`\n- Current: `100ms` (p95)\n"),
            "content/0002-b.md": "---\ntitle: Again\nnumber: 2\ndate: 2026-03-01\n---\n**Response Times:**\n"
                + "- Endpoint: `GET /x`\n- Current: `150ms` (p95)\n**Priority:** P9\n",
        ])
        let run = try perfsite(
            ["build", "--summary", "summary.md"], in: site.folder, environment: ["SOURCE_DATE_EPOCH": "1772841600"])
        #expect(run.status == 0)
        #expect(
            site.read("summary.md") == """
                earlier step
                ## perfsite: built public/

                | Issues | Open | Closed | Files left out | Errors | Warnings |
                |---:|---:|---:|---:|---:|---:|
                | 2 | 2 | 0 | 0 | 0 | 1 |

                ### New issues (filed from 2026-02-06 to 2026-03-07)

                - #2 Again

                ### Regressions

                - `GET /x`: p95 100 ms in #1 → 150 ms in #2 (+50%)

                <details><summary>0 errors, 1 warnings</summary>

                - warning: `content/0002-b.md:9` the priority 'P9' is not P0, P1, P2 or P3, so the issue has no priority

                </details>


                """)
    }

    @Test func buildPrintsGitHubAnnotationsToo() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1, extra: "**Priority:** P9\n")])
        let run = try perfsite(["build", "--format", "github", "--quiet"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output == "")
        #expect(run.errors == "")
        let loud = try perfsite(["build", "--format", "github"], in: site.folder)
        #expect(
            loud.output
                == "::warning file=content/0001-a.md,line=8::the priority 'P9' is not P0, P1, P2 or P3, so the issue has no priority\n"
        )
    }

    @Test func badOptionsAreUsageErrors() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let jobs = try perfsite(["build", "--jobs", "0"], in: site.folder)
        #expect(jobs.status == 2)
        #expect(jobs.errors.contains("--jobs must be 1 or more"))
        #expect(try perfsite(["build", "--base-url", "perf.example.org"], in: site.folder).status == 2)
        try site.write("x", to: "blocker")
        let unwritable = try perfsite(["build", "--output", "blocker/public"], in: site.folder)
        #expect(unwritable.status == 2)
        #expect(unwritable.errors.hasPrefix("error: the output folder 'blocker/public' cannot be written"))
    }

    @Test func whatAKilledBuildLeftBesideTheOutputIsCleanedUpAndAMovedSiteRestored() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), ".public.previous-99999/index.html": "the published site\n",
            ".public.previous-99999/.perfsite-output": "",
            ".public.building-99999/half.html": "half written\n",
        ])
        #expect(try perfsite(["build", "--content", "missing"], in: site.folder).status == 2)
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).sorted()
        #expect(entries == [".perfsite-cache", "content", "public"])
        #expect(site.read("public/index.html")?.contains("<h1>Performance issues</h1>") == true)
    }

    /// Cut short between moving the old site aside and swapping the new one in, the old one is put back, even when
    /// the output folder's name holds dots.
    @Test func recoveryPutsBackASiteMovedAsideWhateverItsName() throws {
        let site = try TemporarySite(["site.v2/index.html": "the published site\n"])
        let output = site.folder.appendingPathComponent("site.v2")
        let folders = OutputWriter.temporaryFolders(for: output)
        try FileManager.default.moveItem(at: output, to: folders.previous)
        try site.write("half\n", to: folders.building.lastPathComponent + "/index.html")
        OutputWriter.recoverInterruptedBuild(folders: folders)
        #expect(site.read("site.v2/index.html") == "the published site\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path) == ["site.v2"])
    }

    /// The build is interrupted at a point it announces (`PERFSITE_TEST_PAUSE_AFTER_FILES`), never after a guess
    /// at how long it takes: on any machine, the signal arrives while half the files are written.
    @Test func anInterruptedBuildKeepsThePreviousOutputAndLeavesNoTemporaryFolder() throws {
        var files = ["public/index.html": "the published site\n", "public/.perfsite-output": ""]
        for number in 1...20 { files["content/\(number).md"] = issueFile(number: number) }
        let site = try TemporarySite(files)
        for signalNumber in [SIGTERM, SIGINT] {
            let build = try PausedBuild(["build", "--no-cache"], in: site.folder, pauseAfterFiles: 10)
            #expect(build.pausedLine == "perfsite: paused after 10 files")
            kill(build.process.processIdentifier, signalNumber)
            build.process.waitUntilExit()
            #expect(build.process.terminationStatus == 128 + signalNumber)
            #expect(site.read("public/index.html") == "the published site\n")
            let entries = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).sorted()
            #expect(entries == ["content", "public"])
        }
    }
}
