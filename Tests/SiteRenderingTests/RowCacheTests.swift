import ReportAggregation
import ReportModel
import Testing

@testable import SiteRendering

/// An issue's row is rendered once for every depth it is listed at, its links' root put in as each table uses it:
/// the same bytes as a row rendered for that depth.
@Suite struct RowCacheTests {
    static let issues = [("Slow upload", 1), ("Viewer & <freeze>", 2), ("A title with a \u{1} mark", 3)].map {
        title, number in
        var issue = Issue(number: number, title: title, path: "\(number)-slow.md")
        issue.priority = .p1
        return issue
    }

    @Test func aRowReadsTheSameAtEveryDepthAsOneRenderedForIt() throws {
        let report = Report(issues: Self.issues, schema: .template)
        let shared = try SiteRenderer()
        for root in ["", "../", "../../", "../", ""] {
            for issue in Self.issues {
                // A theme that holds the mark renders each row for its depth, with the root itself.
                let alone = try SiteRenderer(theme: Theme.builtIn.overridden(by: ["unused.css": [0x01]]))
                let expected = alone.row(issue, in: report, root: root).html.renderText
                #expect(shared.row(issue, in: report, root: root).html.renderText == expected)
                #expect(expected.contains("href=\"\(root)issues/\(issue.number)-slow.html\""))
                #expect(!expected.utf8.contains(0x01) || issue.number == 3)
            }
        }
    }

    @Test func theMarkIsReplacedWhereverItStands() {
        #expect(RowCache.placing("../", in: "\u{1}a\u{1}\u{1}b") == "../a../../b")
        #expect(RowCache.placing("", in: "<a href=\"\u{1}x\">") == "<a href=\"x\">")
        #expect(RowCache.placing("../", in: "none") == "none")
    }
}
