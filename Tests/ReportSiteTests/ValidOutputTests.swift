import Foundation
import Testing

/// What an issue holds never makes a page, the feed, the sitemap or a data file invalid, nor reaches a terminal raw.
@Suite struct ValidOutputTests {
    /// Every output file's bytes hold no control character but tab, line feed and carriage return.
    private func controlBytes(in site: TemporarySite) -> [String] {
        site.files(under: "public").filter { path in
            let bytes = Array((site.read("public/" + path) ?? "").utf8)
            return bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } || bytes.contains(0x7F)
        }
    }

    @Test func terminalColourCodesPastedIntoAnIssueLeaveEveryFileValid() throws {
        let issue =
            "---\ntitle: \"Worker \\e[31mdies\\e[0m\"\nnumber: 1\ndate: 2026-01-02\n---\n## Summary\n"
            + "Slow \u{1B}[1mbold\u{1B}[0m and a bell\u{07}.\n\n```\n\u{1B}[31mERROR\u{1B}[0m timeout\n```\n"
        let site = try TemporarySite(["content/0001-a.md": issue])
        let run = try perfsite(["build", "--base-url", "https://perf.example.org/"], in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output
                == "content/0001-a.md:7: warning: the file holds terminal escape codes or other control characters "
                + "(the first on this line); they were dropped\n")
        #expect(controlBytes(in: site) == [])
        for file in ["feed.xml", "sitemap.xml"] {
            let parse = try program(
                "/usr/bin/env",
                ["python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", file],
                in: site.folder.appendingPathComponent("public"))
            #expect(parse.status == 0, "\(file) is not well-formed: \(parse.errors)")
        }
        #expect(site.read("public/feed.xml")?.contains("Worker dies") == true)
    }

    @Test func checkShowsControlCharactersFromAFileEscaped() throws {
        let site = try TemporarySite([
            "content/0001-a.md": "---\ntitle: T\nnumber: 1\ndate: 2026-01-02\nstate: \"\\e[2Jgone\"\n---\n"
        ])
        let run = try perfsite(["check"], in: site.folder)
        #expect(
            run.output
                == "content/0001-a.md:5: warning: 'state' must be 'open' or 'closed', not '\\u{1B}[2Jgone'; read as "
                + "open\n")
        #expect(!run.output.contains("\u{1B}"))
    }

    @Test func importGithubWritesFrontMatterItsOwnBuildReads() throws {
        let issues = """
            [{"number": 7, "title": "Bell\\u0007 and \\u001b[31mred\\u001b[0m: \\"quoted\\" \\\\ tab\\tend",
              "body": "Body with \\u001b[1mbold\\u001b[0m.\\r\\n", "labels": [{"name": "area:\\u0000api"}],
              "state": "OPEN", "createdAt": "2026-01-05T10:00:00Z\\nnumber: 99", "author": {"login": "kim\\u0008"},
              "assignees": []}]
            """
        let site = try TemporarySite(["issues.json": issues])
        #expect(try perfsite(["import", "github", "issues.json"], in: site.folder).status == 0)
        let check = try perfsite(["check"], in: site.folder)
        #expect(check.status == 0, "\(check.output)")
        let export = try perfsite(["export"], in: site.folder)
        #expect(export.output.contains("\"title\": \"Bell and red: \\\"quoted\\\" \\\\ tab\\tend\""))
        #expect(export.output.contains("\"number\": 7,"))
        #expect(export.output.contains("\"area:api\""))
    }

    @Test func anItemInAnotherScriptGetsItsPageAndACollisionIsAnErrorNamingBoth() throws {
        let site = try TemporarySite([
            "perfsite.yml": "schema:\n  - group: components\n    items: [数据库]\n",
            "content/0001-a.md": issueFile(number: 1, extra: "### Affected Component\n- [x] 数据库\n"),
        ])
        #expect(try perfsite(["build", "--base-url", "https://perf.example.org/"], in: site.folder).status == 0)
        #expect(site.read("public/components/数据库.html")?.contains("Slow upload") == true)
        #expect(
            site.read("public/sitemap.xml")?.contains(
                "<loc>https://perf.example.org/components/%E6%95%B0%E6%8D%AE%E5%BA%93.html</loc>") == true)
        #expect(site.read("public/components/index.html")?.contains("数据库") == true)
        for (items, message) in [
            (
                "[Index]",
                "error: perfsite.yml:2: the item 'Index' of components has the id 'index', the name of the group's "
                    + "index page: rename it\n"
            ),
            (
                "[Job-Queue]",
                "error: perfsite.yml:3: the items 'Job Queue' and 'Job-Queue' of components have one id, "
                    + "'job-queue', so they would share a page: rename one\n"
            ),
        ] {
            try site.write("schema:\n  - group: components\n    items: \(items)\n", to: "perfsite.yml")
            let run = try perfsite(["build"], in: site.folder)
            #expect(run.status == 2)
            #expect(run.errors == message)
        }
    }

    @Test func datesOutOfRangeAreErrorsAndTheTrendsSpanOnlyTheDataMonths() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1),
            "content/0002-b.md": "---\ntitle: Old\nnumber: 2\ndate: 0001-01-01\n---\n",
            "content/0003-c.md": "---\ntitle: Far\nnumber: 3\ndate: 9999-12-31\n---\n",
        ])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output.contains("content/0002-b.md:4: error: 'date' is 0001-01-01, before 1970"))
        #expect(run.output.contains("content/0003-c.md:4: error: 'date' is 9999-12-31, before 1970"))
        let report = try #require(site.read("public/data/report.json"))
        #expect(!report.contains("0001-") && !report.contains("9999-"))
        #expect(site.files(under: "public").count < 80)
    }
}
