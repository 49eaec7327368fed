import Foundation
import Testing

/// Hostile issue files, one case each, built into a site whose every file is searched for what must not be there.
@Suite struct HostileInputTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/ReportSiteTests/Fixtures/hostile")

    /// Builds in-process (``buildInProcess(in:baseURL:redactsSecrets:)``); `arguments` are `--base-url URL` and
    /// `--no-redact`, as the command takes them.
    private func build(_ files: [String: String], arguments: [String] = []) throws -> (TemporarySite, Run) {
        let site = try TemporarySite(files)
        let baseURL = arguments.firstIndex(of: "--base-url").map { arguments[$0 + 1] }
        return (
            site,
            buildInProcess(in: site.folder, baseURL: baseURL, redactsSecrets: !arguments.contains("--no-redact"))
        )
    }

    private func fixture(_ name: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every file of the built site, as text.
    private func everything(in site: TemporarySite) -> String {
        site.files(under: "public").map { site.read("public/" + $0) ?? "" }.joined(separator: "\n")
    }

    @Test func rawHTMLNeverReachesAPage() throws {
        let (site, run) = try build(["content/raw-html.md": try fixture("raw-html.md")])
        #expect(run.status == 0)
        let page = try #require(site.read("public/issues/1-raw-html.html"))
        let body = String(page[page.range(of: "<article class=\"body\">")!.lowerBound...])
        for forbidden in [
            "<script", "<svg", "<iframe", "<style", "<form", "<img", "onerror", "onload", "onmouseover", "javascript:",
        ] {
            #expect(!body.lowercased().contains(forbidden), "\(forbidden) reached the page")
        }
        #expect(body.contains("<!-- raw HTML omitted -->"))
        #expect(body.contains("bold"))
    }

    @Test func scriptAndDataURLsAreBlanked() throws {
        let (site, _) = try build(["content/dangerous-links.md": try fixture("dangerous-links.md")])
        let page = try #require(site.read("public/issues/2-dangerous-links.html")).lowercased()
        for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
            #expect(!page.contains("href=\"\(scheme)"), "an href kept \(scheme)")
            #expect(!page.contains("src=\"\(scheme)"), "a src kept \(scheme)")
        }
        #expect(!page.contains("onerror=\""), "an onerror attribute reached the page")
        #expect(page.contains("<a href=\"https://example.org/results?id=1\">ok</a>"))
    }

    @Test func everyExtractedFieldIsEscapedInTextAndAttributes() throws {
        let (site, run) = try build(
            ["content/escaped-fields.md": try fixture("escaped-fields.md")],
            arguments: ["--base-url", "https://perf.example.org/"])
        #expect(run.status == 0)
        let all = everything(in: site)
        #expect(!all.contains("<script>alert"))
        #expect(!all.contains("<img src=x"))
        #expect(!all.contains("<svg onload"))
        let page = try #require(site.read("public/issues/3-escaped-fields.html"))
        #expect(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; title"))
        #expect(page.contains("<dd><code>GET /api/&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;</code></dd>"))
        let catalogue = try #require(site.read("public/optimizations.html"))
        #expect(catalogue.contains("Use &lt;script&gt;alert(5)&lt;/script&gt; as an index"))
        let changes = try #require(site.read("public/changes.html"))
        #expect(changes.contains("<code class=\"language-&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;\">"))
        #expect(site.read("public/feed.xml")?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
    }

    @Test func credentialsAreRedactedInEveryOutputFileUnlessAsked() throws {
        let secrets = """
            ---
            title: "Login slow with token=abcd1234efgh"
            number: 5
            date: 2026-02-05
            ---
            ## Summary
            Bearer 4f9a8c7e6d5b4a3928172635abcdef01 and AKIAIOSFODNN7EXAMPLE and password=hunter22 and
            eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U.

            -----BEGIN RSA PRIVATE KEY-----
            MIIEpAIBAAKCAQEA7
            -----END RSA PRIVATE KEY-----
            """
        let (site, run) = try build(["content/secrets.md": secrets], arguments: ["--base-url", "https://x.example/"])
        let all = everything(in: site)
        for secret in ["abcd1234efgh", "4f9a8c7e6d5b", "AKIAIOSFODNN7EXAMPLE", "hunter22", "eyJhbGci", "MIIEpAIB"] {
            #expect(!all.contains(secret), "\(secret) was published")
        }
        #expect(all.contains("[REDACTED]"))
        #expect(run.output.contains("content/secrets.md:7: warning: a bearer token was replaced by [REDACTED]"))
        let (open, _) = try build(["content/secrets.md": secrets], arguments: ["--no-redact"])
        #expect(everything(in: open).contains("hunter22"))
    }

    @Test func filesOverTheSizeLimitAreLeftOutWithAClearDiagnostic() throws {
        let big = issueFile(number: 6) + String(repeating: "profiler output line\n", count: 60_000)
        let (site, run) = try build([
            "perfsite.yml": "maxFileSizeMB: 1\n", "content/big.md": big, "content/ok.md": issueFile(number: 7),
        ])
        #expect(run.status == 0)
        #expect(
            run.output == "content/big.md: error: the file is 1.2 MB, over the 1 MB limit, so it was left out: trim "
                + "pasted output, or raise maxFileSizeMB in perfsite.yml\n")
        #expect(site.read("public/issues/7-ok.html") != nil)
    }

    @Test func nulBytesAreDroppedAndInvalidUTF8IsAnErrorWithItsOffset() throws {
        let site = try TemporarySite(["content/ok.md": issueFile(number: 8)])
        try Data(Array(issueFile(number: 9).utf8) + [0, 0] + Array("tail\n".utf8)).write(
            to: site.folder.appendingPathComponent("content/nul.md"))
        try Data(Array("---\ntitle: caf".utf8) + [0xE9] + Array("\nnumber: 10\n---\n".utf8)).write(
            to: site.folder.appendingPathComponent("content/latin1.md"))
        let run = try perfsite(["build", "--no-cache"], in: site.folder)
        #expect(
            run.output.contains("content/latin1.md: error: the file is not valid UTF-8 at byte 14: save it as UTF-8\n"))
        #expect(run.output.contains("content/nul.md:8: warning: the file holds NUL bytes; they were dropped\n"))
        #expect(!(site.read("public/data/issues/0.json") ?? "").contains("\\u0000"))
    }

    @Test func crlfFilesReadLikeLF() throws {
        let (site, run) = try build(["content/crlf.md": try fixture("crlf.md")])
        #expect(run.output == "")
        let data = try #require(site.read("public/data/issues/0.json"))
        #expect(data.contains("\"priority\": \"P2\","))
        #expect(data.contains("\"issueTypes\": [\n        \"latency\"\n      ],"))
    }

    @Test func deepNestingAndLongLinesFinish() throws {
        let deep =
            issueFile(number: 11) + String(repeating: "> ", count: 3000) + "quote\n\n"
            + (0..<1500).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined()
            + String(repeating: "x", count: 2_000_000) + "\n"
        let (site, run) = try build(["content/deep.md": deep])
        #expect(run.status == 0)
        #expect(site.read("public/issues/11-deep.html")?.contains("level 1499") == true)
    }

    @Test func outputPathsFromIssueDataStayInsideTheOutputFolder() throws {
        let (site, _) = try build([
            "content/_...md": "---\ntitle: \"../../../etc/passwd\"\nnumber: 12\ndate: 2026-01-01\n---\n",
            "content/\(String(repeating: "very long name ", count: 15)).md": "---\ntitle: B\nnumber: 13\n---\n",
        ])
        let issues = site.files(under: "public").filter { $0.hasPrefix("issues/") }
        #expect(issues.contains("issues/12.html"))
        #expect(issues.contains("issues/13-very-long-name-very-long-name-very-long-name-very-long-name.html"))
        #expect(issues.allSatisfy { !$0.contains("..") && $0.count <= "issues/".count + 70 })
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("etc").path))
    }

    @Test func symbolicLinksOutOfTheContentFolderAreNotFollowed() throws {
        let site = try TemporarySite([
            "content/ok.md": issueFile(number: 14), "private/secret.md": issueFile(number: 15, title: "Private"),
        ])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content/linked.md").path,
            withDestinationPath: site.folder.appendingPathComponent("private/secret.md").path)
        let run = try perfsite(["build", "--no-cache"], in: site.folder)
        #expect(run.output.contains("content/linked.md: warning: a symbolic link to a file outside the content folder"))
        #expect(!(site.read("public/data/issues/0.json") ?? "").contains("Private"))
    }
}

@Suite struct RawHTMLTests {
    @Test func withRawHTMLOnOnlyTheAllowListReachesThePage() throws {
        let body = """
            ---
            title: Raw
            number: 1
            date: 2026-01-01
            ---
            <details><summary>Profile</summary><kbd>Ctrl</kbd></details>

            <script>alert(1)</script>
            <img src=x onerror=alert(2)><a href="jav&#x09;ascript:alert(3)">split</a>
            <iframe src="https://evil.example"></iframe><p style="color:red" onmouseover="alert(4)">styled</p>
            """
        let site = try TemporarySite(["perfsite.yml": "rawHTML: true\n", "content/raw.md": body])
        #expect(try perfsite(["build", "--no-cache"], in: site.folder).status == 0)
        let page = try #require(site.read("public/issues/1-raw.html"))
        #expect(page.contains("<details><summary>Profile</summary><kbd>Ctrl</kbd></details>"))
        #expect(page.contains("<img src=\"x\" /><a>split</a>"))
        #expect(page.contains("<p>styled</p>"))
        for forbidden in ["<script", "alert(1)", "onerror", "onmouseover", "javascript", "<iframe", "style=\"color"] {
            #expect(!page.contains(forbidden), "\(forbidden) reached the page")
        }
        let pages = try TemporarySite(["perfsite.yml": "paginate: -5\n", "content/raw.md": body])
        #expect(
            try perfsite(["build"], in: pages.folder).errors
                == "error: perfsite.yml:1: 'paginate' must be a whole number of rows per page, like 100, at most "
                + "100000 (0 puts every list on one page)\n")
        let bad = try TemporarySite(["perfsite.yml": "rawHTML: maybe\n", "content/raw.md": body])
        let run = try perfsite(["build"], in: bad.folder)
        #expect(run.status == 2)
        #expect(run.errors == "error: perfsite.yml:1: 'rawHTML' must be true or false\n")
    }
}

/// Credentials in every shape people paste, in bodies and in file names, reach no output file.
@Suite struct RedactionSiteTests {
    /// Fake credentials, built from pieces so that no scanner takes this file for a leak.
    static let github = "ghp_" + String(repeating: "A1b2C3d4E5", count: 3) + "f6G7h8"
    static let secrets = [
        "POSTGRES_PASSWORD=" + "pg-S3cret-42", "redis://:" + "r3dis-Pass" + "@cache:6379/0",
        "curl -u admin:" + "curl-Pa55", "Authorization: Basic " + "dXNlcjpwYXNzd29yZA==", github,
        "xoxb-" + "123456789012-abcdefABCDEF", "AIza" + String(repeating: "Xy9", count: 11) + "Ab",
    ]

    @Test func noShapeOfCredentialReachesAPageTheDataOrTheFeed() throws {
        let body = "## Summary\nSlow.\n\n```\n" + Self.secrets.joined(separator: "\n") + "\n```\n"
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, extra: body),
            "content/0042-leak-\(Self.github).md": issueFile(number: 42, title: "Leak in name"),
            "content/0007-slow-password=hunter22.md": issueFile(number: 7, title: "Password in name"),
        ])
        let run = try perfsite(["build", "--base-url", "https://perf.example.org/"], in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output.contains(
                "content/0042-leak-REDACTED.md: warning: the file's path holds a credential, shown as REDACTED in "
                    + "every page name and link: rename the file and rotate the credential"))
        let values =
            ["pg-S3cret-42", "r3dis-Pass", "curl-Pa55", "dXNlcjpwYXNzd29yZA==", Self.github, "hunter22"]
            + Self.secrets.suffix(2)
        for path in site.files(under: "public") {
            let text = site.read("public/" + path) ?? ""
            for value in values { #expect(!text.contains(value), "\(value) reached \(path)") }
        }
        #expect(site.files(under: "public/issues").contains("42-leak-redacted.html"))
        #expect(site.read("public/feed.xml")?.contains("issues/42-leak-redacted.html") == true)
        #expect(!run.output.contains(Self.github))
    }
}

/// Files under the size limit that cmark-gfm 0.29.0.gfm.6 would take minutes over are neutralised before parsing:
/// the build finishes with a warning on the line, and the rest of the site is built.
@Suite struct QuadraticInputTests {
    @Test func quadraticShapesAreNeutralisedWithAWarningOnTheirLine() throws {
        let shapes = [
            "| a " + String(repeating: "| b ", count: 20_000) + "|\n|" + String(repeating: "-|", count: 20_001),
            "a " + String(repeating: "<?", count: 100_000),
            String(repeating: "![[]()", count: 50_000),
            String(repeating: ">", count: 5_000) + String(repeating: "a*", count: 5_000),
        ]
        var files = ["content/0001-ok.md": issueFile(number: 1)]
        for (index, shape) in shapes.enumerated() {
            files["content/000\(index + 2)-shape.md"] = issueFile(number: index + 2, extra: shape + "\n")
        }
        let site = try TemporarySite(files)
        let run = try perfsite(["build", "--no-cache"], in: site.folder)
        #expect(run.status == 0)
        for index in shapes.indices {
            #expect(run.output.contains("content/000\(index + 2)-shape.md:8: warning: "), "shape \(index)")
        }
        #expect(run.errors.contains("5 issues read"))
        #expect(site.read("public/issues/2-shape.html")?.contains("| b | b") == true)
    }
}
