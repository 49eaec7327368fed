import Foundation
import Testing

@testable import ReportSite

@Suite struct ContentLoaderTests {
    /// Markdown files at any depth, in byte order of their paths; hidden files and folders, other extensions and
    /// links that leave the folder are not read; a link inside it is read from its target.
    @Test func theListingFindsWhatABuildReads() throws {
        let site = try TemporarySite([
            "content/b.md": "b", "content/a/z.md": "z", "content/a/deeper/y.md": "yy", "content/A.md": "A",
            "content/.draft.md": "hidden", "content/.git/x.md": "hidden", "content/notes.txt": "not markdown",
            "content/upper.MD": "not .md", "outside/secret.md": "secret",
        ])
        let content = site.folder.appendingPathComponent("content")
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("inside.md").path, withDestinationPath: "a/z.md")
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("leaves.md").path, withDestinationPath: "../outside/secret.md")
        let (listings, outside) = try ContentLoader.list(content)
        #expect(listings.map(\.path) == ["A.md", "a/deeper/y.md", "a/z.md", "b.md", "inside.md"])
        #expect(listings.map(\.size) == [1, 2, 1, 1, 1])
        #expect(
            try listings.map { String(decoding: try $0.read().bytes, as: UTF8.self) } == ["A", "yy", "z", "b", "z"])
        #expect(outside == ["leaves.md"])
        #expect(throws: SiteError.self) { try ContentLoader.list(content.appendingPathComponent("missing")) }
    }
}
