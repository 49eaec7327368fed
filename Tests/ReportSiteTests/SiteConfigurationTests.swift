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
            "perfsite.yml:1: unknown key 'theme': perfsite.yml takes 'title', 'baseURL', 'repository', 'maxFileSizeMB', "
                + "'paginate', 'rawHTML', 'schema'"
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
