import Foundation
import ReportAggregation
import ReportModel
import Testing

@testable import SiteRendering

@Suite struct ThemeTests {
    /// `templates/` is the default theme; the binary carries a copy made by `make theme`.
    @Test func theEmbeddedThemeIsTheRepositorysTemplatesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
            return !isFolder.boolValue
        }
        #expect(paths.sorted() == DefaultTheme.files.keys.sorted(), "run `make theme`")
        for path in paths {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            #expect(DefaultTheme.files[path] == text, "\(path) differs from the embedded copy: run `make theme`")
        }
    }

    @Test func overridesReplaceFilesByPath() {
        let theme = Theme(files: ["a.mustache": Array("a".utf8), "b.mustache": Array("b".utf8)])
            .overridden(by: ["b.mustache": Array("B".utf8), "c.mustache": Array("c".utf8)])
        #expect(
            theme.files.mapValues { String(decoding: $0, as: UTF8.self) } == [
                "a.mustache": "a", "b.mustache": "B", "c.mustache": "c",
            ])
    }

    /// Every template and partial escapes through ``HTMLText`` (one pass over the bytes); line numbers in template
    /// errors are still the template's own.
    @Test func templatesEscapeByteByByteAndNameTheirOwnLines() throws {
        let theme = Theme(files: [
            "page.mustache": Array("<p title=\"{{title}}\">{{>part}}</p>{{{raw}}}".utf8),
            "part.mustache": Array("{{#items}}<i>{{.}}</i>{{/items}}".utf8),
        ])
        let model: [String: Any] = [
            "title": "x\"\u{301} onmouseover=alert(1)", "items": ["a<b", "c&d", "it's"], "raw": "<br>",
        ]
        #expect(
            try theme.library().render(model, withTemplate: "page")
                == "<p title=\"x&quot;\u{301} onmouseover=alert(1)\"><i>a&lt;b</i><i>c&amp;d</i><i>it&#39;s</i></p><br>"
        )
        let broken = Theme(files: ["bad.mustache": Array("line one\n{{#open}}\n".utf8)])
        #expect(throws: ThemeError.self) { try broken.library() }
        do {
            _ = try broken.library()
        } catch {
            #expect(error.message.hasPrefix("the template 'bad.mustache' cannot be parsed"))
            #expect(!error.message.contains("PerfsiteHTML"))
        }
    }

    /// View models hand out text and numbers as MustacheText; swift-mustache's transforms and section scoping
    /// behave as they do for plain strings and numbers.
    @Test func viewModelTextKeepsTransformsAndScoping() throws {
        let theme = Theme(files: [
            "t.mustache": Array(
                "{{uppercased(name)}} {{#name}}[{{value}}|{{.}}]{{/name}} {{^missing}}none{{/missing}}".utf8),
            "n.mustache": Array("{{plusone(number)}} {{#odd(number)}}odd{{/odd(number)}} <{{label}}>".utf8),
        ])
        let library = try theme.library()
        #expect(
            library.render(NameValue(name: "p95 <x>", value: "2.4 s"), withTemplate: "t")
                == "P95 &lt;X&gt; [2.4 s|p95 &lt;x&gt;] none")
        #expect(
            library.render(ListLink(href: "#", label: "it's", number: 41, last: true), withTemplate: "n")
                == "42 odd <it&#39;s>")
    }

    @Test func escapedTextReturnsPlainTextAsItIs() {
        #expect(HTMLText.escaped("a<b>&\"c'd") == "a&lt;b&gt;&amp;&quot;c&#39;d")
        #expect(HTMLText.escaped("Résumé 3Dmol.js — p95") == "Résumé 3Dmol.js — p95")
        #expect(HTMLText.escaped("") == "")
        // swift-mustache's own escape would keep this quote: with the accent it is one Character.
        #expect(HTMLText.escaped("\"\u{301}") == "&quot;\u{301}")
    }
}

@Suite struct SitePathsTests {
    @Test func slugsAreBoundedSafeAndCutBetweenWords() {
        #expect(SitePaths.slug("Pose viewer <script> takes 4 s") == "pose-viewer-script-takes-4-s")
        #expect(SitePaths.slug("../../etc/passwd") == "etc-passwd")
        #expect(SitePaths.slug("!!!") == "issue")
        let long = SitePaths.slug(String(repeating: "slow endpoint ", count: 20))
        #expect(long.count <= 60)
        #expect(long == "slow-endpoint-slow-endpoint-slow-endpoint-slow-endpoint-slow")
    }

    /// Two ideas of an author's own whose slugs would be cut to the same 60 characters each have a page, named by
    /// a fingerprint of the whole id; every planned file has a path of its own.
    @Test func twoLongIdeasThatBeginAlikeHaveAPageEach() throws {
        let start = "Materialized view for the per-organization counters, refreshed every "
        let issues = ["5 minutes", "30 minutes"].enumerated().map { index, end in
            var issue = Issue(number: index + 1, title: "Slow \(index + 1)", path: "\(index + 1)-slow.md")
            let label = start + end
            let id = label.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
            issue.optimizations = [OptimizationChoice(category: "database", id: id, label: label, custom: true)]
            return issue
        }
        let jobs = try SiteRenderer().jobs(Report(issues: issues, schema: .template), diagnostics: [])
        #expect(Set(jobs.map(\.path)).count == jobs.count)
        let pages = jobs.filter { $0.path.hasPrefix("optimizations/database/materialized-view") }
        #expect(
            pages.map(\.path) == [
                "optimizations/database/materialized-view-for-the-per-organization-counters-2c90d9a7.html",
                "optimizations/database/materialized-view-for-the-per-organization-counters-823ab3e3.html",
            ])
        let html = try pages.map { String(decoding: try $0.render().contents, as: UTF8.self) }
        #expect(html.count { $0.contains("<h1>\(start)5 minutes") } == 1)
        #expect(html.count { $0.contains("<h1>\(start)30 minutes") } == 1)
    }

    @Test func pagesLinkBackToTheRootRelatively() {
        #expect(SitePaths.root(of: "index.html") == "")
        #expect(SitePaths.root(of: "issues/1-a.html") == "../")
    }

    /// Lists are split as Hugo's paginator splits a section: fixed-size pages beside the first one, and a pager
    /// that links the previous, next, first and last pages and the two on either side.
    @Test func listsArePagedBesideTheirFirstPage() throws {
        var options = SiteRenderer.Options()
        options.paginate = 3
        let renderer = try SiteRenderer(options: options)
        #expect(renderer.pageRanges(7) == [0..<3, 3..<6, 6..<7])
        #expect(renderer.pageRanges(6) == [0..<3, 3..<6])
        #expect(renderer.pageRanges(0) == [0..<0])
        options.paginate = 0
        #expect(try SiteRenderer(options: options).pageRanges(7) == [0..<7])

        #expect(SitePaths.listPage(1, of: "issues/index.html") == "issues/index.html")
        #expect(SitePaths.listPage(2, of: "issues/index.html") == "issues/index.page-2.html")
        let pager = renderer.pager(5, of: 9, first: "components/job-queue.html")
        #expect(pager.path == "components/job-queue.page-5.html")
        #expect(pager.label == "Page 5 of 9")
        #expect(pager.previous == "../components/job-queue.page-4.html")
        #expect(pager.next == "../components/job-queue.page-6.html")
        #expect(pager.links.map(\.number) == [1, 3, 4, 5, 6, 7, 9])
        #expect(pager.links.map(\.afterGap) == [false, true, false, false, false, false, true])
        #expect(pager.links.filter(\.isCurrent).map(\.number) == [5])
        #expect(pager.links.first?.href == "../components/job-queue.html")
        let only = renderer.pager(1, of: 1, first: "issues/index.html")
        #expect(!only.hasPages && only.isFirst && only.previous == nil && only.next == nil)
        let last = renderer.pager(2, of: 2, first: "issues/index.html")
        #expect(last.previous == "../issues/index.html" && last.next == nil && !last.isFirst)
    }
}

@Suite struct ChartsTests {
    @Test func chartsHaveATitleAndEscapeText() {
        let svg = Charts.monthly(title: "A <b> & c", months: ["2026-01", "2026-02"], bars: [("opened", [1, 0])])
        #expect(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 180\" role=\"img\"><title>A &lt;b&gt; &amp; c</title>"
            ))
        #expect(svg.contains("<title>opened Jan 2026: 1</title>"))
        #expect(!svg.contains("Feb 2026: 0"))
    }

    @Test func aSparklineSkipsMissingValues() {
        #expect(
            Charts.sparkline(title: "p95", values: [100, nil, 300])
                == "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 240 48\" width=\"240\" height=\"48\" role=\"img\">"
                + "<title>p95</title><circle class=\"dot\" cx=\"4\" cy=\"44\" r=\"2.5\"/>"
                + "<circle class=\"dot\" cx=\"236\" cy=\"4\" r=\"2.5\"/><polyline class=\"series\" points=\"4,44 236,4\"/></svg>"
        )
    }
}

@Suite struct DisplayFormatTests {
    @Test func numbersReadAtAGlance() {
        #expect(DisplayFormat.duration(850) == "850 ms")
        #expect(DisplayFormat.duration(2900) == "2.9 s")
        #expect(DisplayFormat.duration(390_000) == "6.5 min")
        #expect(DisplayFormat.size(1945.6) == "1.9 GB")
        #expect(DisplayFormat.size(4.0 / 1024) == "4 KB")
        #expect(DisplayFormat.size(0.06) == "61.4 KB")
        #expect(DisplayFormat.size(640) == "640 MB")
        #expect(DisplayFormat.number(1234567) == "1,234,567")
        #expect(DisplayFormat.ratio(3.875) == "3.9×")
        #expect(DisplayFormat.change(1.29) == "+29%")
        #expect(DisplayFormat.change(0.54) == "−46%")
        #expect(DisplayFormat.shortMonth("2026-03") == "Mar 26")
    }
}

@Suite struct ViewModelLookupTests {
    /// Every stored field of every view model can be reached by templates through `child(named:)`: the generated
    /// file is up to date (`make theme` writes it anew).
    /// The committed lookups are what the generator writes now; that they name every field is checked against
    /// Mirror by `ViewModelLookupTests`, not by reading the Swift again.
    @Test func theGeneratedLookupsAreUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("lookups-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/embed-view-models.py").path, fresh.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = try String(
            contentsOf: root.appendingPathComponent("Sources/SiteRendering/ViewModels+Mustache.swift"), encoding: .utf8)
        #expect(try String(contentsOf: fresh, encoding: .utf8) == committed, "run `make theme`")
    }
}

@Suite struct TemplateCheckTests {
    @Test func theBuiltInTemplatesUseOnlyNamesPerfsiteSets() {
        #expect(TemplateCheck.warnings(overrides: Theme.builtIn.files, theme: .builtIn) == [])
    }

    @Test func aMisspeltVariableAMissingPartialAndAnUnusedFileAreWarnings() {
        let overrides: [String: [UInt8]] = [
            "layout.mustache": Array(
                "<title>{{page.siteTitel}}</title>\n{{> footr}}\n{{#navigation}}{{label}}{{/navigation}}".utf8),
            "layuot.mustache": Array("x".utf8), "notes.txt": Array("n".utf8),
            "assets/logo.svg": Array("<svg/>".utf8), "extra.mustache": Array("{{siteTitle}}".utf8),
            "issue.mustache": Array("{{> extra}}{{{bodyHTML}}}{{! a comment {{nothing}} }}".utf8),
        ]
        let theme = Theme.builtIn.overridden(by: overrides)
        let messages = TemplateCheck.warnings(overrides: overrides, theme: theme).map {
            "\($0.file):\($0.line.map(String.init) ?? "-"): \($0.message)"
        }
        let builtIn = Theme.builtIn.files.keys.filter { $0.hasSuffix(".mustache") }.sorted().joined(separator: ", ")
        let templates = theme.files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }.sorted()
            .joined(separator: ", ")
        #expect(
            messages == [
                "layout.mustache:1: 'page.siteTitel' names no value perfsite gives a template, so it renders as "
                    + "nothing: did you mean 'siteTitle'?",
                "layout.mustache:2: the partial 'footr' does not exist (the templates are \(templates))",
                "layuot.mustache:-: it overrides no built-in template and no template includes it, so it is not "
                    + "used: did you mean 'layout.mustache'? (the built-in templates are \(builtIn); files under "
                    + "assets/ are copied as they are)",
                "notes.txt:-: it overrides no built-in template and no template includes it, so it is not used (the "
                    + "built-in templates are \(builtIn); files under assets/ are copied as they are)",
            ])
    }

    @Test func aParseErrorNamesTheLineAndColumnInWords() {
        let theme = Theme.builtIn.overridden(by: ["index.mustache": Array("<p>\n  {{#rows}}x{{/row}}\n".utf8)])
        #expect(throws: ThemeError.self) { try theme.library() }
        do {
            _ = try theme.library()
        } catch {
            #expect(
                error.message
                    == "the template 'index.mustache' cannot be parsed at line 2, column 16: a section is closed with "
                    + "another name than it was opened with (the line reads '{{#rows}}x{{/row}}')")
        }
    }
}
