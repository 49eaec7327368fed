import Foundation
import Testing

/// The search step, with a stand-in for Pagefind that writes one file and logs each run: run over the new site
/// before the swap, skipped when the pages are the ones the published index was made from, and never fatal.
@Suite struct SearchIndexTests {
    /// A Pagefind stand-in: `--site DIR` gets `DIR/pagefind/pagefind.js`; each run appends a line to `runs.log`.
    private func standIn(in site: TemporarySite, exit status: Int = 0) throws -> String {
        let path = site.folder.appendingPathComponent("fake-pagefind").path
        let script = """
            #!/bin/sh
            echo run >> '\(site.folder.path)/runs.log'
            [ \(status) -eq 0 ] || { echo 'no space left' >&2; exit \(status); }
            mkdir -p "$2/pagefind" && echo "// $(ls "$2/issues" | wc -l) issue files" > "$2/pagefind/pagefind.js"

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private func runs(_ site: TemporarySite) -> Int {
        site.read("runs.log")?.split(separator: "\n").count ?? 0
    }

    @Test func theIndexIsMadeOnceForTheSamePagesAndAgainWhenAPageChanges() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
        ])
        let pagefind = ["PERFSITE_PAGEFIND": try standIn(in: site)]
        #expect(try perfsite(["build"], in: site.folder, environment: pagefind).status == 0)
        #expect(runs(site) == 1)
        let index = try #require(site.read("public/pagefind/pagefind.js"))
        #expect(site.read("public/pagefind/perfsite-key")?.hasSuffix(" \(pagefind["PERFSITE_PAGEFIND"]!)\n") == true)

        // Nothing changed: the published index is linked into the new site, not made again.
        let before = try inode(site, "public/pagefind/pagefind.js")
        let run = try perfsite(["build"], in: site.folder, environment: pagefind)
        #expect(run.status == 0 && !run.errors.contains("search:"))
        #expect(runs(site) == 1)
        #expect(site.read("public/pagefind/pagefind.js") == index)
        #expect(try inode(site, "public/pagefind/pagefind.js") == before)

        // One title changed: a new index.
        try site.write(issueFile(number: 2, title: "Slow download"), to: "content/0002-b.md")
        #expect(try perfsite(["build"], in: site.folder, environment: pagefind).status == 0)
        #expect(runs(site) == 2)
        #expect(site.read("public/pagefind/pagefind.js") == index)

        // --no-cache makes everything again, the index too.
        #expect(try perfsite(["build", "--no-cache"], in: site.folder, environment: pagefind).status == 0)
        #expect(runs(site) == 3)

        // A site without search has neither the index nor the page.
        try site.write("search: false\n", to: "perfsite.yml")
        #expect(try perfsite(["build"], in: site.folder, environment: pagefind).status == 0)
        #expect(runs(site) == 3)
        #expect(site.read("public/pagefind/pagefind.js") == nil && site.read("public/search.html") == nil)
    }

    @Test func aFailingPagefindIsAWarningAndTheSiteIsStillPublished() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let pagefind = ["PERFSITE_PAGEFIND": try standIn(in: site, exit: 3)]
        let run = try perfsite(["build"], in: site.folder, environment: pagefind)
        #expect(run.status == 0)
        #expect(
            run.errors.split(separator: "\n").first
                == "warning: search: Pagefind failed (exit 3: no space left); the site has no search index")
        #expect(site.read("public/issues/1-a.html") != nil)
        #expect(site.read("public/pagefind/perfsite-key") == nil)
        // It is tried again on the next build: a failed index is never taken for a made one.
        #expect(try perfsite(["build"], in: site.folder, environment: pagefind).status == 0)
        #expect(runs(site) == 2)
    }

    private func inode(_ site: TemporarySite, _ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: site.folder.appendingPathComponent(path).path)
        return try #require(attributes[.systemFileNumber] as? Int)
    }
}
