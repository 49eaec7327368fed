import Foundation
import ReportModel
import Testing

@testable import ReportSite

/// Sites built in-process with `Site.build`, from a whole site written in one string: no binary is spawned.
@Suite struct InProcessBuildTests {
    static let site = """
        -- perfsite.yml --
        title: Docking performance
        -- content/0001-upload.md --
        ---
        title: Upload is slow
        number: 1
        date: 2026-03-02
        ---
        ## Summary
        Uploads of large SDF files take 9 s.
        ### Affected Component
        - [x] File Processing
        ## 📊 Performance Metrics
        **Response Times:**
        - Endpoint: `POST /api/v1/molecules`
        - Current: p50=850ms, p95=9s
        - Expected: p95 < 2s
        -- content/0002-viewer.md --
        ---
        title: Viewer freezes
        number: 2
        date: 2026-04-10
        state: closed
        closed: 2026-05-01
        ---
        ### Affected Component
        - [x] 3D Visualization
        """

    private func build(_ text: String, options: BuildOptions = BuildOptions()) throws -> (TemporarySite, BuildResult) {
        let site = try TemporarySite(siteFiles(text))
        let folder = site.folder.path
        let locations = SiteLocations(
            content: folder + "/content", output: folder + "/public", configuration: folder + "/perfsite.yml",
            templates: folder + "/templates")
        return (site, try Site.build(locations, options: options))
    }

    @Test func aSiteWrittenInOneStringBuildsInProcess() throws {
        let (site, result) = try build(Self.site)
        #expect(result.stopped == nil)
        #expect(result.catalog.issues.map(\.number) == [1, 2])
        #expect(result.catalog.diagnostics == [])
        let upload = try #require(result.catalog.issues.first)
        #expect(upload.metrics.currentLatency == Percentiles(p50: 850, p95: 9000))
        #expect(upload.metrics.expectedLatency == Percentiles(p95: 2000))
        #expect(result.report?.worstGap(of: 1)?.metric == .latency(.p95))
        #expect(site.read("public/index.html")?.contains(" · Docking performance</title>") == true)
        #expect(site.read("public/components/file-processing.html")?.contains("Upload is slow") == true)
        #expect(site.read("public/.perfsite-output") == OutputFolder.markText)
    }

    @Test func aStrictBuildStopsAndSaysWhy() throws {
        var options = BuildOptions()
        options.strict = true
        let (site, result) = try build(Self.site + "\n-- content/0003-bad.md --\n---\nnumber: 3\n", options: options)
        #expect(result.stopped == .strict)
        #expect(result.filesWritten == nil)
        #expect(site.read("public/index.html") == nil)
        let (_, twice) = try build(Self.site + "\n-- content/0009-again.md --\n---\ntitle: Again\nnumber: 1\n---\n")
        #expect(twice.stopped == .duplicateNumbers)
    }

    /// What changed is counted from the last 30 days the first time, then from the build before; a rebuild of the
    /// same data shows the same page. The regressions feed names the slower report, with the base URL.
    @Test func whatChangedFollowsThePreviousBuildOfTheOutput() throws {
        let slower = """

            -- content/0003-upload-again.md --
            ---
            title: Upload slower again
            number: 3
            date: 2026-05-02
            ---
            ## 📊 Performance Metrics
            - Endpoint: `POST /api/v1/molecules`
            - Current: p95=12s
            """
        var options = BuildOptions()
        options.baseURL = "https://perf.example.org/"
        options.sourceDateEpoch = 1_777_680_000  // 2026-05-02
        let (site, _) = try build(Self.site + slower, options: options)
        let locations = SiteLocations(
            content: site.folder.path + "/content", output: site.folder.path + "/public",
            configuration: site.folder.path + "/perfsite.yml", templates: site.folder.path + "/templates")
        let first = try #require(site.read("public/changed.html"))
        #expect(first.contains("No earlier build of this site to compare with: the last 30 days to 2026-05-02."))
        // #2 was filed on 2026-04-10 and #3 on 2026-05-02, both within the 30 days; #1 on 2026-03-02 is not.
        #expect(
            first.contains(
                "<dt>Filed</dt><dd><a href=\"issues/2-viewer.html\">#2</a>, <a href=\"issues/3-upload-again.html\">#3</a></dd>"
            ))
        let feed = try #require(site.read("public/regressions.xml"))
        #expect(feed.contains("<title>POST /api/v1/molecules: p95 +33% in #3</title>"))
        #expect(feed.contains("<link href=\"https://perf.example.org/issues/3-upload-again.html\"/>"))

        _ = try Site.build(locations, options: options)
        #expect(site.read("public/changed.html") == first)

        try site.write(
            try #require(site.read("content/0001-upload.md")).replacing(
                "date: 2026-03-02", with: "date: 2026-03-02\nstate: closed\nclosed: 2026-05-01"),
            to: "content/0001-upload.md")
        _ = try Site.build(locations, options: options)
        let second = try #require(site.read("public/changed.html"))
        #expect(second.contains("Since the previous build of this site, whose data was as of 2026-05-02."))
        #expect(second.contains("<dt>Filed</dt><dd>none</dd>"))
        #expect(second.contains("<dt>Closed</dt><dd><a href=\"issues/1-upload.html\">#1</a></dd>"))
    }

    /// With the repository and its branch, each figure links to the line it was read from, and an imported issue
    /// to its own page.
    @Test func figuresLinkToTheirLinesInTheRepository() throws {
        let site = Self.site.replacing(
            "title: Docking performance",
            with: "title: Docking performance\nrepository: https://github.com/org/docking\nbranch: main"
        ).replacing("date: 2026-03-02", with: "date: 2026-03-02\nurl: https://github.com/org/docking/issues/1")
        let (built, _) = try build(site)
        let page = try #require(built.read("public/issues/1-upload.html"))
        // The front matter is six lines now: `- Current:` is line 14 of the file.
        let file = "https://github.com/org/docking/blob/main/content/0001-upload.md"
        #expect(page.contains("<a href=\"\(file)#L14\">line 14</a>"))
        #expect(page.contains("<dt>Source</dt><dd><a href=\"\(file)\"><code>"))
        #expect(page.contains("<a href=\"https://github.com/org/docking/issues/1\">"))
    }
}
