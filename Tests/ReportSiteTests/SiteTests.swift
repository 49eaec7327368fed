import Foundation
import Testing

@Suite struct SiteTests {
    static let smallSite = repositoryRoot.appendingPathComponent("Tests/ReportSiteTests/Fixtures/small-site")

    /// The fixture site is built and every output file is compared with `expected/`, as Zola's test_site is.
    /// After a deliberate change, `make golden` writes `expected/` anew; review its diff before committing it.
    @Test func theSmallSiteMatchesItsExpectedFilesOneByOne() throws {
        let site = try TemporarySite([:])
        let content = Self.smallSite.appendingPathComponent("content").path
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content").path, withDestinationPath: content)
        // `paginate: 2`, so that the lists' later pages and their pagers are compared too.
        try FileManager.default.copyItem(
            at: Self.smallSite.appendingPathComponent("perfsite.yml"),
            to: site.folder.appendingPathComponent("perfsite.yml"))
        let run = try perfsite(["build", "--output", "out"], in: site.folder)
        #expect(run.status == 0)
        let expected = try TemporarySite([:])
        try FileManager.default.removeItem(at: expected.folder)
        try FileManager.default.createSymbolicLink(
            at: expected.folder, withDestinationURL: Self.smallSite.appendingPathComponent("expected"))
        let builtFiles = site.files(under: "out")
        #expect(builtFiles == expected.files(under: "."))
        for path in builtFiles {
            let built = site.read("out/" + path) ?? ""
            let wanted = expected.read(path) ?? ""
            let firstDifference = zip(built.split(separator: "\n"), wanted.split(separator: "\n")).enumerated()
                .first { $0.element.0 != $0.element.1 }
            let same = built == wanted
            #expect(same, "\(path):\((firstDifference?.offset ?? 0) + 1) differs from expected/ (make golden)")
        }
    }

    @Test func pagesShowWhatWasExtracted() throws {
        let site = try TemporarySite([:])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content").path,
            withDestinationPath: Self.smallSite.appendingPathComponent("content").path)
        _ = try perfsite(["build"], in: site.folder)
        let viewer = try #require(site.read("public/issues/3-viewer-slow.html"))
        #expect(
            viewer.contains("<h1><span class=\"number\">#3</span> Pose viewer &lt;script&gt; takes 4 s to paint</h1>"))
        // The Lighthouse figure names the line of the file it was read from: `Performance Score: 41/100` is line 16.
        #expect(viewer.contains("<dt>Lighthouse score</dt><dd>41/100 <span class=\"source\">line 16</span></dd>"))
        #expect(viewer.contains("<span>filed 2026-03-29 by kimura</span>"))
        let trends = try #require(site.read("public/trends.html"))
        #expect(
            trends.contains(
                "<tr><td class=\"date\">2026-03-03</td><td><a href=\"issues/2-jobs-list-regressed.html\">#2</a></td>"
                    + "<td class=\"num\">450 ms</td><td class=\"num\">3.1 s</td><td class=\"num\">5.2 s</td>"
                    + "<td class=\"num worse\">+29%</td></tr>"))
        let quality = try #require(site.read("public/quality.html"))
        #expect(quality.contains("<h3><code>content/notes.md</code></h3>"))
        #expect(quality.contains("names #9</p>"))
        let dashboard = try #require(site.read("public/index.html"))
        #expect(dashboard.contains("<p class=\"lede\">3 issues filed from Jan 2026 to Mar 2026: 2 open, 1 closed.</p>"))
    }

    /// Every link and asset of the built sample site is relative and names a file of the output.
    @Test func everyLinkOfTheSampleSiteIsRelativeAndResolves() throws {
        let site = try TemporarySite([:])
        let run = try perfsite(
            ["build", "--content", repositoryRoot.appendingPathComponent("content").path, "--output", "out"],
            in: site.folder)
        #expect(run.status == 0)
        let files = site.files(under: "out")
        let existing = Set(files)
        var checked = 0
        var problems: [String] = []
        for page in files where page.hasSuffix(".html") {
            let html = site.read("out/" + page) ?? ""
            for reference in Self.references(in: html) {
                checked += 1
                if reference.contains("://") || reference.hasPrefix("/") || reference.hasPrefix("//") {
                    problems.append("\(page): absolute link \(reference)")
                    continue
                }
                let target = Self.resolve(reference, from: page)
                if !existing.contains(target) { problems.append("\(page): \(reference) names no file") }
            }
        }
        #expect(problems == [])
        #expect(checked > 1000)
        #expect(files.filter { $0.hasSuffix(".html") }.count == 122)
    }

    @Test func aSitesOwnTemplateOverridesTheBuiltInOne() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1),
            "templates/trends.mustache":
                "{{<layout}}{{$title}}Our trends{{/title}}{{$content}}<p>Ours</p>{{/content}}{{/layout}}\n",
            "templates/assets/extra.txt": "kept\n",
        ])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/trends.html")?.contains("<title>Our trends · Performance report</title>") == true)
        #expect(site.read("public/trends.html")?.contains("<main id=\"main\">\n<p>Ours</p>") == true)
        #expect(site.read("public/assets/extra.txt") == "kept\n")
        #expect(site.read("public/index.html")?.contains("<h1>Performance issues</h1>") == true)
    }

    /// Every table's rows come from `issue-row.mustache`, rendered once per issue; the row sees only its own fields.
    @Test func aSitesOwnRowTemplateChangesEveryTable() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, extra: "### Affected Component\n- [x] **API Endpoints**\n"),
            "templates/issue-row.mustache":
                "<tr><td>{{number}}|{{title}}|{{{html}}}|{{root}}|{{siteTitle}}</td></tr>\n",
        ])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        for page in ["public/issues/index.html", "public/components/api-endpoints.html"] {
            let html = try #require(site.read(page))
            #expect(html.contains("<tbody>\n<tr><td>1|Slow upload|||</td></tr>\n</tbody>"), "\(page)")
        }
    }

    @Test func aBrokenTemplateIsAnEnvironmentErrorNamingIt() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "templates/index.mustache": "{{#open}}never closed\n",
        ])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: the template 'index.mustache' cannot be parsed"))
        #expect(run.errors.hasSuffix(": fix it in 'templates'\n"))
    }

    /// The `href` and `src` values of a page, fragments dropped; in-page anchors are skipped.
    static func references(in html: String) -> [String] {
        var references: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = String(rest[..<end]).split(separator: "#", omittingEmptySubsequences: false)[0]
                if !value.isEmpty { references.append(String(value)) }
                rest = rest[end...]
            }
        }
        return references
    }

    /// A relative reference from `page` as a path below the output folder.
    static func resolve(_ reference: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in reference.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}

/// Pages that list issues stay the same size however many there are: long lists are paged, and lists of links in
/// one line or cell show their first ``SiteRenderer/shownLinks`` and say how many more.
@Suite struct BoundedPagesTests {
    /// 45 issues filed on one day, of one component and one endpoint, choosing one idea; the odd ones closed; each
    /// with a placeholder.
    private func site() throws -> TemporarySite {
        var files = ["perfsite.yml": "paginate: 10\n"]
        for number in 1...45 {
            let closed = number % 2 == 1
            files["content/\(String(format: "%04d", number)).md"] = """
                ---
                title: Slow upload \(number)
                number: \(number)
                date: 2026-06-15
                state: \(closed ? "closed" : "open")
                \(closed ? "closed: 2026-10-01\n" : "")---
                ## Summary
                Slow.
                ### Affected Component
                - [x] Job Queue
                ### Current Performance
                - Endpoint: `POST /api/v1/uploads`
                - Current: `\(100 + number)ms` (p50), `\(200 + number)ms` (p95), `\(300 + number)ms` (p99)
                - Expected: `40ms` (p50), `100ms` (p95), `200ms` (p99)
                **Priority:** [P0/P1/P2/P3]
                ## Optimization Ideas
                **Database Optimizations:**
                - [x] Add missing indexes
                ### Validation Criteria
                **Success Metrics:**
                - [x] User satisfaction improved

                """
        }
        return try TemporarySite(files)
    }

    @Test func longListsArePagedAndLinkListsSayHowManyMore() throws {
        let site = try site()
        #expect(
            try perfsite(["build", "--no-cache"], in: site.folder, environment: ["PERFSITE_PAGEFIND": ""]).status == 0)
        let component = try #require(site.read("public/components/job-queue.html"))
        let ideas = try #require(component.firstMatch(of: /<ul class="ideas">\n<li>(.*)<\/li>/)?.output.1)
        #expect(
            ideas.hasPrefix("<a href=\"../optimizations/database/add-missing-indexes.html\">Add missing indexes</a>"))
        #expect(ideas.matches(of: /">#\d+<\/a>/).count == 20)
        #expect(ideas.hasSuffix(" and 25 more"))

        // 23 closed issues reached the criterion: 20 linked, 3 counted.
        let catalogue = try #require(site.read("public/optimizations.html"))
        let criterion = try #require(
            catalogue.firstMatch(of: /<th scope="row">User satisfaction improved<\/th>.*?<\/tr>/)?.output)
        #expect(criterion.matches(of: /">#\d+<\/a>/).count == 20 && criterion.contains("</a> and 3 more</td>"))

        let ageing = try #require(site.read("public/ageing.html"))
        #expect(ageing.contains("<a href=\"issues/index.html#state=open&amp;sort=filed\">and 2 more</a>"))

        let trends = try #require(site.read("public/trends.html"))
        #expect(trends.contains("The newest 20 of 45 reports; the line above shows every one."))
        #expect(trends.matches(of: /<tr><td class="date">/).count == 20)

        // 23 closed issues, 10 outcomes to a page; 45 placeholder warnings, 10 to a page.
        #expect(site.read("public/outcomes.page-3.html") != nil && site.read("public/outcomes.page-4.html") == nil)
        #expect(site.read("public/quality.page-5.html") != nil && site.read("public/quality.page-6.html") == nil)
        let quality = try #require(site.read("public/quality.html"))
        #expect(quality.contains("<p class=\"more\">and 35 more: perfsite check prints every one</p>"))
        #expect(
            quality.contains(
                "<p class=\"more\">and 35 more: data/issues/ has every issue&#39;s components and layers</p>"))
        let later = try #require(site.read("public/quality.page-2.html"))
        #expect(!later.contains("Values still left as template placeholders"))
        #expect(later.matches(of: /<tr><td><code>content\//).count == 10)

        // An idea page's outcomes are those of its own rows: every closed issue's, once, on the page of its row.
        var outcomes: [Int] = []
        for page in 1...5 {
            let name = page == 1 ? "add-missing-indexes.html" : "add-missing-indexes.page-\(page).html"
            let idea = try #require(site.read("public/optimizations/database/\(name)"))
            let parts = idea.components(separatedBy: "Outcomes of the closed ones")
            let rows = parts[0].matches(of: /<td class="num"><a href="[^"]+">(\d+)<\/a><\/td>/).map {
                Int($0.output.1)!
            }
            let shown = parts.dropFirst().joined().matches(of: /<tr><td><a href="[^"]+">#(\d+)<\/a>/).map {
                Int($0.output.1)!
            }
            #expect(rows.count == (page == 5 ? 5 : 10))
            #expect(Set(shown) == Set(rows.filter { $0 % 2 == 1 }), "page \(page)")
            outcomes += shown
        }
        #expect(outcomes.sorted() == Array(stride(from: 1, through: 45, by: 2)))
    }
}
