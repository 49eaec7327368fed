import Foundation
import Testing

@Suite struct GitHubImportTests {
    static let recorded = repositoryRoot.appendingPathComponent("Tests/ReportSiteTests/Fixtures/gh-issues.json")

    @Test func aFirstImportWritesOneIssueFileEachThatPerfsiteReads() throws {
        let site = try TemporarySite([:])
        let run = try perfsite(["import", "github", Self.recorded.path], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output == "imported into content: 3 created, 0 updated, 0 unchanged, 0 skipped\n")
        #expect(
            site.files(under: "content") == [
                "104-docking-results-endpoint-takes-2-4-s-p95-for-jobs-with-1-000.md",
                "112-pose-viewer-500-poses-freeze-the-tab.md", "118-nightly-benchmark-api-v1-auth-token-p95-up-30.md",
            ])
        let closed = try #require(
            site.read("content/104-docking-results-endpoint-takes-2-4-s-p95-for-jobs-with-1-000.md"))
        #expect(
            closed.hasPrefix(
                """
                ---
                title: "Docking results endpoint takes 2.4 s p95 for jobs with 1,000 poses"
                number: 104
                date: 2025-05-28T08:41:09Z
                state: closed
                closed: 2025-06-20T16:02:11Z
                updated: 2025-06-21T09:00:00Z
                url: "https://github.com/org/docking/issues/104"
                labels: ["type:performance", "area:api"]
                author: "rpatel"
                assignees: ["mchen"]
                source: github
                imported: fnv1a64-
                """))
        #expect(!closed.contains("\r"))
        let check = try perfsite(["check"], in: site.folder)
        #expect(check.status == 0)
        #expect(check.errors == "checked 3 files: 3 issues, 0 errors, 0 warnings\n")
        let export = try perfsite(["export"], in: site.folder)
        #expect(export.output.contains("\"title\": \"Pose viewer: \\\"500+\\\" poses freeze the tab\","))
        #expect(export.output.contains("\"closedDate\": \"2025-06-20\","))
        #expect(export.output.contains("\"updated\": \"2025-06-21\","))
        #expect(export.output.contains("\"url\": \"https://github.com/org/docking/issues/104\","))
    }

    @Test func importingAgainUpdatesChangedIssuesAndSkipsFilesEditedByHand() throws {
        let site = try TemporarySite([:])
        #expect(try perfsite(["import", "github", Self.recorded.path], in: site.folder).status == 0)
        #expect(
            try perfsite(["import", "github", Self.recorded.path], in: site.folder).output
                == "imported into content: 0 created, 0 updated, 3 unchanged, 0 skipped\n")

        let edited = "content/112-pose-viewer-500-poses-freeze-the-tab.md"
        try site.write((site.read(edited) ?? "") + "\nTriage note added by hand.\n", to: edited)
        var issues = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.recorded)) as! [[String: Any]]
        issues[0]["state"] = "OPEN"
        issues[0]["closedAt"] = NSNull()
        issues[1]["title"] = "Pose viewer freezes"
        issues.append(["number": 120, "title": "New one", "state": "OPEN", "createdAt": "2026-11-20T10:00:00Z"])
        try site.write(
            String(decoding: try JSONSerialization.data(withJSONObject: issues), as: UTF8.self), to: "changed.json")

        let again = try perfsite(["import", "github", "changed.json"], in: site.folder)
        #expect(again.output == "imported into content: 1 created, 1 updated, 1 unchanged, 1 skipped\n")
        #expect(
            again.errors
                == "skipped content/112-pose-viewer-500-poses-freeze-the-tab.md: edited by hand since its import "
                + "(--force overwrites it)\n")
        #expect(site.read(edited)?.hasSuffix("Triage note added by hand.\n") == true)
        #expect(
            site.read("content/104-docking-results-endpoint-takes-2-4-s-p95-for-jobs-with-1-000.md")?.contains(
                "state: open\n") == true)
        #expect(site.read("content/120-new-one.md") != nil)

        let forced = try perfsite(["import", "github", "changed.json", "--force"], in: site.folder)
        #expect(forced.output == "imported into content: 0 created, 1 updated, 3 unchanged, 0 skipped\n")
        #expect(site.read(edited)?.contains("title: \"Pose viewer freezes\"\n") == true)
    }

    /// Bad JSON is said in words: which issue, which field, what it should be; a syntax error with its line.
    @Test(arguments: [
        (
            "{\"not\": \"a list\"}",
            "error: issues.json is not a list of issues: it should be the JSON of 'gh issue list --json number,title,"
        ),
        (
            "[{\"number\": 1, \"title\": \"A\", \"state\": \"OPEN\", \"createdAt\": \"2026-01-01\"},\n {\"number\": 7}]",
            "error: the 2nd issue (#7) in issues.json has no 'title': make the file with 'gh issue list --json number,"
        ),
        (
            "[{\"number\": \"12\", \"title\": \"A\", \"state\": \"OPEN\", \"createdAt\": \"2026-01-01\"}]",
            "error: 'number' of the 1st issue in issues.json is not a whole number: it should be"
        ),
        (
            "[{\"number\": 3, \"title\": \"A\", \"state\": \"OPEN\", \"createdAt\": \"x\", \"labels\": [{\"nom\": 1}]}]",
            "error: item 1 of 'labels' of the 1st issue (#3) in issues.json has no 'name'"
        ),
        (
            "[{\"number\": 1,\n  \"title\": }]",
            "error: issues.json is not valid JSON: invalid value at line 2, column 12;"
        ),
    ])
    func badJSONIsSaidInWords(json: String, message: String) throws {
        let site = try TemporarySite(["issues.json": json])
        let run = try perfsite(["import", "github", "issues.json"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix(message), "\(run.errors)")
        #expect(!run.errors.contains("DecodingError") && !run.errors.contains("CodingKeys"), "\(run.errors)")
        #expect(site.files(under: "content").isEmpty)
    }

    /// A file of the same number that no import wrote is said to be hand-written, and kept.
    @Test func aHandWrittenFileIsToldFromAnImportedOne() throws {
        let site = try TemporarySite(["content/0112-viewer.md": issueFile(number: 112, title: "Viewer, by hand")])
        let run = try perfsite(["import", "github", Self.recorded.path], in: site.folder)
        #expect(run.output == "imported into content: 2 created, 0 updated, 0 unchanged, 1 skipped\n")
        #expect(
            run.errors
                == "skipped content/0112-viewer.md: written by hand, not by an import, with the same number (--force "
                + "replaces it with the imported issue)\n")
        #expect(site.read("content/0112-viewer.md") == issueFile(number: 112, title: "Viewer, by hand"))
    }

    /// `--strip-prefix` takes the template's prefix off titles and file names; a title that is only the prefix
    /// keeps it.
    @Test func stripPrefixTakesTheTemplatesPrefixOffTitlesAndNames() throws {
        let issues = """
            [{"number": 5, "title": "[Performance]: Upload is slow", "state": "OPEN", "createdAt": "2026-01-02"},
             {"number": 6, "title": "[Performance]: ", "state": "OPEN", "createdAt": "2026-01-03"},
             {"number": 7, "title": "Queue [Performance]: backs up", "state": "OPEN", "createdAt": "2026-01-04"}]
            """
        let site = try TemporarySite(["issues.json": issues])
        let run = try perfsite(
            ["import", "github", "issues.json", "--strip-prefix", "[Performance]: "], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(
            site.files(under: "content") == [
                "5-upload-is-slow.md", "6-performance.md", "7-queue-performance-backs-up.md",
            ])
        #expect(site.read("content/5-upload-is-slow.md")?.contains("\ntitle: \"Upload is slow\"\n") == true)
        #expect(site.read("content/6-performance.md")?.contains("\ntitle: \"[Performance]: \"\n") == true)
    }

    @Test func newWritesTheTemplateWithTheNextFreeNumberAndTodaysDate() throws {
        let site = try TemporarySite([
            "content/2025/0041-a.md": issueFile(number: 41), "content/0007-b.md": issueFile(number: 7),
        ])
        let run = try perfsite(
            ["new", "Upload is slow again", "--author", "mchen"], in: site.folder,
            environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(run.status == 0)
        #expect(run.output == "content/42-upload-is-slow-again.md\n")
        let text = try #require(site.read("content/42-upload-is-slow-again.md"))
        #expect(
            text.hasPrefix(
                """
                ---
                title: "Upload is slow again"
                number: 42
                date: 2025-11-29
                state: open
                labels: [type:performance]
                author: "mchen"
                assignees: []
                ---
                ## ⚡ Performance Issue Summary

                """))
        #expect(text.hasSuffix("[Include information about why this performance issue matters to the business]\n"))
        #expect(try perfsite(["check", "--content", "content"], in: site.folder).status == 0)
    }

    @Test func newNeverTrapsOnHugeNumbers() throws {
        let site = try TemporarySite([
            "content/9223372036854775807-huge.md": "---\ntitle: Huge\nnumber: 9223372036854775807\n---\n",
            "content/0005-b.md": issueFile(number: 5),
        ])
        let run = try perfsite(["new", "Next"], in: site.folder, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(run.status == 0)
        #expect(run.output == "content/6-next.md\n")
        try site.write(issueFile(number: 999_999_999), to: "content/999999999-last.md")
        let full = try perfsite(["new", "Another"], in: site.folder)
        #expect(full.status == 2)
        #expect(full.errors == "error: no issue number is left after 999999999: renumber the issues from 1\n")
        let epoch = try perfsite(
            ["new", "X"], in: site.folder, environment: ["SOURCE_DATE_EPOCH": "99999999999999999"])
        #expect(epoch.status == 2)
        #expect(epoch.errors.hasPrefix("error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01"))
    }
}
