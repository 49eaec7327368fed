import Foundation
import Testing

/// Every page of the sample site, the golden small site and the hostile fixtures, rendered by the compiled templates
/// and by swift-mustache (`PERFSITE_TEMPLATES=reference`): the same bytes, file by file.
@Suite struct TemplateEngineTests {
    @Test(arguments: ["content", "Tests/ReportSiteTests/Fixtures/small-site", "Tests/browser/hostile-site"])
    func bothEnginesWriteTheSameSite(_ source: String) throws {
        let site = try TemporarySite([:])
        let folder = repositoryRoot.appendingPathComponent(source)
        let content = source == "content" ? folder : folder.appendingPathComponent("content")
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content").path, withDestinationPath: content.path)
        let configuration = folder.appendingPathComponent("perfsite.yml")
        if FileManager.default.fileExists(atPath: configuration.path) {
            try FileManager.default.copyItem(at: configuration, to: site.folder.appendingPathComponent("perfsite.yml"))
        }
        let compiled = try perfsite(["build", "--no-cache", "--output", "compiled"], in: site.folder)
        let reference = try perfsite(
            ["build", "--no-cache", "--output", "reference"], in: site.folder,
            environment: ["PERFSITE_TEMPLATES": "reference"])
        #expect(compiled.status == reference.status && compiled.output == reference.output)
        let files = site.files(under: "compiled")
        #expect(files.count > 40 && files == site.files(under: "reference"))
        let differing = files.filter { site.read("compiled/" + $0) != site.read("reference/" + $0) }
        #expect(differing.isEmpty, "rendered differently by the compiled templates: \(differing.prefix(5))")
    }

    /// A site's own template that uses a transform is rendered by swift-mustache, and still right.
    @Test func aTemplateOnlySwiftMustacheRendersFallsBackToIt() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1),
            "templates/404.mustache": "{{#siteTitle}}{{uppercased(siteTitle)}}{{/siteTitle}}\n",
        ])
        #expect(try perfsite(["build", "--no-cache"], in: site.folder).status == 0)
        #expect(site.read("public/404.html") == "PERFORMANCE REPORT\n")
    }
}
