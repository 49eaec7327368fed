import Foundation
import Testing

@testable import ReportSite

/// Every mistake in perfsite.yml is an error naming the file and line, with the key meant when it can be guessed.
@Suite struct SiteConfigurationTests {
    private func error(_ yaml: String) -> String? {
        do {
            _ = try SiteConfiguration(yaml: yaml, file: "perfsite.yml")
            return nil
        } catch let error as SiteError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("titel: Perf\n", "perfsite.yml:1: unknown key 'titel': did you mean 'title'?"),
        ("title: Perf\nbaseUrl: https://x.org/\n", "perfsite.yml:2: unknown key 'baseUrl': did you mean 'baseURL'?"),
        ("paginat: 5\n", "perfsite.yml:1: unknown key 'paginat': did you mean 'paginate'?"),
        (
            "theme: dark\n",
            "perfsite.yml:1: unknown key 'theme': perfsite.yml takes 'title', 'baseURL', 'repository', 'branch', 'maxFileSizeMB', "
                + "'paginate', 'rawHTML', 'closeWithin', 'staleAfterDays', 'search', 'schema'"
        ),
        ("title: [a, b]\n", "perfsite.yml:1: 'title' must be text, on one line"),
        (
            "baseURL: not a url\n",
            "perfsite.yml:1: 'baseURL' must be an absolute http(s) address, like https://example.org/perf/, not "
                + "'not a url'"
        ),
        (
            "baseURL: https://\n",
            "perfsite.yml:1: 'baseURL' must be an absolute http(s) address, like https://example.org/perf/, not "
                + "'https://'"
        ),
        (
            "maxFileSizeMB: 1e13\n",
            "perfsite.yml:1: 'maxFileSizeMB' must be a number of megabytes above 0 and at most 1024, like 10"
        ),
        (
            "paginate: 9223372036854775808\n",
            "perfsite.yml:1: 'paginate' must be a whole number of rows per page, like 100, at most 100000 (0 puts "
                + "every list on one page)"
        ),
        ("- a\n- b\n", "perfsite.yml:1: perfsite.yml must be 'key: value' lines, like 'title: Perf'"),
        (
            "schema:\n  - group: components\n    itmes: [GPU]\n",
            "perfsite.yml:3: unknown key of a schema entry 'itmes': did you mean 'items'?"
        ),
        (
            "schema:\n  - group: components\n    items: GPU\n",
            "perfsite.yml:3: 'items' must be a list of names, like [GPU, TPU]"
        ),
        (
            "schema:\n  - group: issue-types\n    rename: {latncy: Slow}\n",
            "perfsite.yml:3: 'rename' names no item 'latncy' of issue-types: did you mean 'latency'?"
        ),
    ])
    func aMistakeIsAnErrorWithItsLine(yaml: String, message: String) {
        #expect(error(yaml) == message)
    }

    @Test func aValidConfigurationIsRead() throws {
        let configuration = try SiteConfiguration(
            yaml: "title: Docking\nbaseURL: https://perf.example.org/r/\nmaxFileSizeMB: 2.5\npaginate: 0\n",
            file: "perfsite.yml")
        #expect(configuration.title == "Docking")
        #expect(configuration.baseURL == "https://perf.example.org/r/")
        #expect(configuration.maxFileSizeMB == 2.5)
        #expect(configuration.paginate == 0)
        #expect(try SiteConfiguration(yaml: "", file: "perfsite.yml") == SiteConfiguration())
    }

    @Test func aConfigurationNamedOnTheCommandLineMustExist() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        for command in ["check", "build", "export"] {
            let run = try perfsite([command, "--config", "nonexist.yml"], in: site.folder)
            #expect(run.status == 2)
            #expect(
                run.errors.hasSuffix(
                    "error: the configuration file 'nonexist.yml' does not exist: check the --config path\n"))
        }
        #expect(try perfsite(["check"], in: site.folder).status == 0)
    }

    @Test func aBadBaseURLOnTheCommandLineIsAUsageError() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        for address in ["not a url", "https://", "ftp://x.org/", "https://exa mple.org/"] {
            let run = try perfsite(["build", "--base-url", address], in: site.folder)
            #expect(run.status == 2, "\(address)")
        }
    }
}

/// A second team's template: a group of its own, an item renamed, an item removed.
@Suite struct SiteSchemaTests {
    static let configuration = """
        schema:
          - group: regulatory
            title: Regulatory Impact
            items: [Audit trail, GxP validation]
          - group: issue-types
            rename: {latency: Response latency}
            remove: [scaling]
        """

    @Test func aTeamsOwnGroupGetsPagesACSVColumnAndARowOnIssuePages() throws {
        let extra =
            "### Issue Type\n- [x] **Latency** - written before the rename\n- [x] **Scaling**\n\n"
            + "### Regulatory Impact\n- [x] Audit trail - every read logged\n"
        let site = try TemporarySite([
            "perfsite.yml": Self.configuration, "content/0001-a.md": issueFile(number: 1, extra: extra),
            "content/0002-b.md": issueFile(number: 2),
        ])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output.contains(
                "the ticked box 'Scaling' under Issue Type is none of its items, so it was not counted"))
        let group = try #require(site.read("public/regulatory/audit-trail.html"))
        #expect(group.contains("Slow upload"))
        #expect(
            site.read("public/regulatory/index.html")?.contains("<a href=\"audit-trail.html\">Audit trail</a>") == true)
        #expect(site.read("public/regulatory/gxp-validation.html") != nil)
        let issue = try #require(site.read("public/issues/1-a.html"))
        #expect(
            issue.contains(
                "<dt>Regulatory Impact</dt><dd><a href=\"../regulatory/audit-trail.html\">Audit trail</a></dd>"))
        #expect(issue.contains("<a href=\"../types/response-latency.html\">Response latency</a>"))
        #expect(site.read("public/index.html")?.contains("href=\"regulatory/index.html\"") == true)
        #expect(site.read("public/types/scaling.html") == nil)
        let csv = try perfsite(["export", "--format", "csv"], in: site.folder).output.split(separator: "\n")
        #expect(csv.first?.hasSuffix(",path,regulatory") == true)
        #expect(csv.dropFirst().first?.hasSuffix(",Audit trail") == true)
        #expect(csv.dropFirst().first?.contains(",Response latency,") == true)
    }

    @Test func aNewGroupCannotTakeTheNameOfASiteFolder() throws {
        let site = try TemporarySite([
            "perfsite.yml": "schema:\n  - group: issues\n    items: [A]\n", "content/0001-a.md": issueFile(number: 1),
        ])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 2)
        #expect(
            run.errors
                == "error: perfsite.yml:2: a new group cannot be named 'issues': its pages would take the site's "
                + "'issues/' folder; choose another id\n")
        try site.write("schema:\n  - group: issue-types\n    remove: [scalng]\n", to: "perfsite.yml")
        #expect(
            try perfsite(["build"], in: site.folder).errors
                == "error: perfsite.yml:3: 'remove' names no item 'scalng' of issue-types: did you mean 'scaling'?\n")
    }
}
