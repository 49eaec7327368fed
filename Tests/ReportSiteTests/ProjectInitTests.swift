import Foundation
import Testing
import Yams

@testable import ReportSite

@Suite struct ProjectInitTests {
    /// `perfsite init` in an empty folder writes the five files, and `check` and `build` then work there.
    @Test func initThenCheckAndBuildInAnEmptyFolder() throws {
        let site = try TemporarySite([:])
        let run = try perfsite(["init", "report"], in: site.folder)
        #expect(run.status == 0, "\(run.errors)")
        let paths = ProjectInit.files.map(\.path)
        #expect(
            run.output == paths.map { "wrote report/\($0)\n" }.joined()
                + "next: cd report, then perfsite check, then perfsite build or perfsite serve\n")
        for (path, text) in ProjectInit.files { #expect(site.read("report/" + path) == text) }
        let report = site.folder.appendingPathComponent("report")
        let check = try perfsite(["check"], in: report)
        #expect(check.status == 0, "\(check.errors)")
        // The example is filled in as the template asks: not one warning.
        #expect(check.errors == "checked 1 files: 1 issues, 0 errors, 0 warnings\n")
        let build = try perfsite(["build", "--quiet"], in: report, environment: ["PERFSITE_PAGEFIND": ""])
        #expect(build.status == 0, "\(build.errors)")
        let pages = site.files(under: "report/public")
        #expect(pages.contains("index.html"))
        let page = try #require(site.read("report/public/issues/1-example-upload-is-slow.html"))
        // Its figures are read: 6.2 s against 800 ms expected at p50, from the file's line 31.
        #expect(
            page.contains(
                "p50 latency</th><td class=\"num\">6.2 s</td><td class=\"num\">800 ms</td><td class=\"num gap\">7.8×</td>"
            ))
        #expect(pages.contains("optimizations/application/implement-async-processing.html"))
    }

    /// A second run, or a run over files of one's own, overwrites nothing.
    @Test func nothingThatExistsIsOverwritten() throws {
        let site = try TemporarySite(["perfsite.yml": "title: Ours\n", "content/notes.md": "our notes\n"])
        let first = try ProjectInit.run(in: site.folder)
        #expect(first.kept == ["perfsite.yml"])
        #expect(first.written == ProjectInit.files.map(\.path).filter { $0 != "perfsite.yml" })
        #expect(site.read("perfsite.yml") == "title: Ours\n")
        #expect(site.read("content/notes.md") == "our notes\n")
        try site.write("changed\n", to: ".gitignore")
        let run = try perfsite(["init"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output.hasSuffix("nothing written: every file exists\n"))
        #expect(run.output.contains("kept .gitignore: it exists"))
        #expect(site.read(".gitignore") == "changed\n")
    }

    /// `perfsite.yml` names every key; uncommented, the keys that have a default read as the defaults.
    @Test func theConfigurationShowsEveryKeyAtItsDefault() throws {
        let text = ProjectInit.configuration
        for key in SiteConfiguration.keys { #expect(text.contains("\n# \(key):"), "\(key)") }
        let withoutDefault: Set<String> = ["baseURL", "repository", "closeWithin", "schema"]
        let uncommented = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("# "), let key = line.dropFirst(2).split(separator: ":").first,
                SiteConfiguration.keys.contains(String(key)), !withoutDefault.contains(String(key))
            else { return nil }
            return String(line.dropFirst(2))
        }
        #expect(uncommented.count == SiteConfiguration.keys.count - withoutDefault.count)
        let read = try SiteConfiguration(yaml: uncommented.joined(separator: "\n"), file: "perfsite.yml")
        #expect(read == SiteConfiguration())
        // Uncommented, the examples are valid settings too.
        let examples = text.split(separator: "\n").compactMap { line -> String? in
            let rest = line.dropFirst(2)
            let isKey = rest.split(separator: ":").first.map { SiteConfiguration.keys.contains(String($0)) } ?? false
            return line.hasPrefix("# ") && (isKey || rest.hasPrefix("  ")) ? String(rest) : nil
        }
        let configured = try SiteConfiguration(yaml: examples.joined(separator: "\n"), file: "perfsite.yml")
        #expect(configured.baseURL == "https://perf.example.org/")
        #expect(configured.closeWithin == [.p0: 7, .p1: 30])
    }

    /// GitHub's Markdown issue templates take `name` and `about`; the labels say nothing the body decides.
    @Test func theIssueTemplateIsAGitHubMarkdownTemplate() throws {
        let text = ProjectInit.issueTemplate
        let frontMatter = try #require(text.split(separator: "---\n").first)
        let fields = try #require(try Yams.load(yaml: String(frontMatter)) as? [String: Any])
        #expect(fields["name"] as? String == "Performance Issue")
        #expect(fields["about"] as? String == "Report performance problems or optimization needs")
        #expect(fields["description"] == nil)
        #expect(fields["labels"] as? [String] == ["type:performance"])
        #expect(text.contains("**Priority:** [P0/P1/P2/P3]"))
        #expect(
            try String(
                contentsOf: repositoryRoot.appendingPathComponent(".github/ISSUE_TEMPLATE/performance.md"),
                encoding: .utf8) == text)
    }

    /// The workflow grants Pages rights to the deploying job only and never cancels a deployment midway.
    @Test func theWorkflowGivesPagesRightsToTheDeployJobOnly() throws {
        for text in [
            ProjectInit.workflow,
            try String(
                contentsOf: repositoryRoot.appendingPathComponent(".github/workflows/site.yml"), encoding: .utf8),
        ] {
            let workflow = try #require(try Yams.load(yaml: text) as? [String: Any])
            #expect(workflow["permissions"] as? [String: String] == ["contents": "read"])
            let concurrency = try #require(workflow["concurrency"] as? [String: Any])
            #expect(concurrency["cancel-in-progress"] as? Bool == false)
            let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
            #expect(jobs["build"]?["permissions"] == nil)
            #expect(
                jobs["deploy"]?["permissions"] as? [String: String] == ["pages": "write", "id-token": "write"])
            // The summary is written once: by the action's one `perfsite build`.
            #expect(!text.contains("GITHUB_STEP_SUMMARY"))
        }
    }
}
