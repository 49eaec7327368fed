import ReportAggregation
import ReportModel
import Testing

@testable import SiteRendering

@Suite struct IssueIndexTests {
    /// Every issue as one compact row in table order (open first), components and layers as indexes into the
    /// manifest's labels, and the page's path under `issues/`.
    @Test func theIndexHoldsEveryIssueInTableOrder() throws {
        var open = Issue(number: 7, title: "Upload \"slow\"", path: "0007-upload.md")
        open.priority = .p1
        open.date = Day(year: 2026, month: 3, day: 2)
        open.choices = ["components": ["file-processing"], "layers": ["adapters"]]
        var closed = Issue(number: 3, title: "Viewer", path: "0003-viewer.md")
        closed.state = .closed
        let report = Report(issues: [closed, open], schema: .template)
        let renderer = try SiteRenderer()
        let files = renderer.jobs(report, diagnostics: []).filter { $0.path.hasPrefix("data/index/") }
        #expect(files.map(\.path) == ["data/index/0.json", "data/index/manifest.json"])
        let shard = try String(decoding: files[0].render().contents, as: UTF8.self)
        let components = try #require(IssueSchema.template.group(.components)?.items.map(\.id))
        let layers = try #require(IssueSchema.template.group(.layers)?.items.map(\.id))
        let component = try #require(components.firstIndex(of: "file-processing"))
        let layer = try #require(layers.firstIndex(of: "adapters"))
        #expect(
            shard
                == "[[7,\"Upload \\\"slow\\\"\",\"open\",\"P1\",\"\",[\(component)],[\(layer)],\"2026-03-02\",\"\","
                + "\"7-upload.html\"],[3,\"Viewer\",\"closed\",\"\",\"\",[],[],\"\",\"\",\"3-viewer.html\"]]\n")
        let manifest = try String(decoding: files[1].render().contents, as: UTF8.self)
        #expect(manifest.hasPrefix("{\"count\":2,\"shards\":[\"0.json\"],\"components\":[\"API Endpoints\","))
    }
}
