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
}
