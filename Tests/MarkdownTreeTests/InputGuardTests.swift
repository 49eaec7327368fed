import Foundation
import MarkdownTree
import Testing

/// One shape, shown on a small instance with small limits: what the guard makes of it just over the limit, and a
/// text just under the limit that it leaves alone.
struct SmallShape: CustomTestStringConvertible, Sendable {
    let name: String
    let limits: InputGuard.Limits
    let over: String
    let expected: String
    let under: String

    var testDescription: String { name }

    init(
        _ name: String, over: String, expected: String, under: String,
        _ configure: (inout InputGuard.Limits) -> Void
    ) {
        self.name = name
        var limits = InputGuard.Limits()
        configure(&limits)
        self.limits = limits
        self.over = over
        self.expected = expected
        self.under = under
    }
}

/// One shape at about 200 KB, with a piece of text that must still be in the HTML after the guard and cmark.
struct LargeShape: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let shown: String

    var testDescription: String { name }
}

private func repeated(_ unit: String, _ count: Int) -> String { String(repeating: unit, count: count) }

let smallShapes: [SmallShape] = [
    SmallShape("nested block quotes", over: "> > > > a\n", expected: "> > \\> > a\n", under: "> > a\n") {
        $0.nestingDepth = 3
    },
    SmallShape("nested lists", over: "- - - - a\n", expected: "- - \\- - a\n", under: "- - a\n") {
        $0.nestingDepth = 3
    },
    SmallShape("nested ordered lists", over: "1. 1. 1. a\n", expected: "1. 1. 1\\. a\n", under: "1. a\n") {
        $0.nestingDepth = 2
    },
    SmallShape(
        "wide table row", over: "|a|b|c|d|e|f|\n", expected: "|a|b|c|d\\|e\\|f\\|\n", under: "|a|b|c|\n"
    ) { $0.tableColumns = 4 },
    SmallShape(
        "table padded with empty cells", over: "|a|b|c|\n|-|-|-|\nx\ny\n", expected: "|a|b|c|\n\\|-|-|-|\nx\ny\n",
        under: "|a|b|c|\n|-|-|-|\nx\n"
    ) {
        $0.tableCellsPerByte = 0
        $0.tableCellAllowance = 10
    },
    SmallShape(
        "delimiter row after long text", over: "aaaa\nbbbb\n-|-\n", expected: "aaaa\nbbbb\n\\-|-\n",
        under: "aaaa\n-|-\n"
    ) {
        $0.tableHeaderWorkPerByte = 0
        $0.tableHeaderWorkAllowance = 10
    },
    SmallShape("unclosed <?", over: "a <? <? <? b\n", expected: "a <? <? \\<? b\n", under: "a <?x?> <?y?> <?z?> <? b\n")
    {
        $0.unclosedHTMLOpeners = 2
    },
    SmallShape(
        "unclosed <!--", over: "a <!-- <!-- <!-- b\n", expected: "a <!-- <!-- \\<!-- b\n", under: "a <!-- <!-- -->\n"
    ) { $0.unclosedHTMLOpeners = 2 },
    SmallShape(
        "unclosed <![CDATA[", over: "a <![CDATA[ <![CDATA[ <![CDATA[\n",
        expected: "a <![CDATA[ <![CDATA[ \\<![CDATA[\n",
        under: "a <![CDATA[ <![CDATA[ x]]>\n"
    ) { $0.unclosedHTMLOpeners = 2 },
    SmallShape("unclosed <!A", over: "a <!A <!B <!C\n", expected: "a <!A <!B \\<!C\n", under: "a <!A <!B <!C >\n") {
        $0.unclosedHTMLOpeners = 2
    },
    SmallShape(
        "open brackets", over: "![[]()![[]()\n![[]()\n", expected: "![[]()![[]()\n![\\[]()\n",
        under: "[a] [b] [c] [d]\n"
    ) {
        $0.openBrackets = 3
    },
    SmallShape("emphasis runs", over: "*a *b *c _d\n", expected: "*a *b *c \\_d\n", under: "*a* b snake_case_name ~c\n")
    {
        $0.emphasisRuns = 3
    },
    SmallShape(
        "joined www addresses", over: "www.a_www.b_www.c_www.d\n", expected: "www.a_www.b\\_www.c\\_www.d\n",
        under: "www.a_www.b www.c www.d\n"
    ) { $0.joinedWWWAddresses = 2 },
    SmallShape(
        "parentheses after an address", over: "see http://a.com/))) a)))\n", expected: "see http://a.com/))\\) a)))\n",
        under: "see http://a.com/)) a)))\n"
    ) { $0.addressClosingParentheses = 2 },
    SmallShape("@ on a line", over: "a@b@c@d@e\n", expected: "a@b@c @d @e\n", under: "a@b c@d\ne@f\n") {
        $0.atSignsPerLine = 2
    },
    SmallShape(
        "reference expansion", over: "[a]: /u\n\n[a] [a]\n", expected: "\\[a]: /u\n\n[a] [a]\n",
        under: "[a]: /u\n\n[a]\n"
    ) {
        $0.referenceExpansionPerByte = 0
        $0.referenceExpansionAllowance = 14
    },
]

let largeShapes: [LargeShape] = [
    LargeShape(name: "<? openers", text: "a " + repeated("<?", 100_000), shown: "&lt;?&lt;?"),
    LargeShape(
        name: "<![CDATA[ openers", text: "a " + repeated("<![CDATA[", 22_000), shown: "&lt;![CDATA[&lt;![CDATA["),
    LargeShape(name: "<!A openers", text: "a " + repeated("<!A ", 50_000), shown: "&lt;!A &lt;!A"),
    LargeShape(name: "<!-- openers", text: "</" + repeated("<!--", 50_000), shown: "&lt;!--&lt;!--"),
    LargeShape(name: "![[]() links", text: repeated("![[]()", 33_000), shown: "![<a href=\"\"></a>"),
    LargeShape(
        name: "emphasis openers and closers", text: repeated("*a ", 33_000) + repeated("_a*_ ", 20_000), shown: "_a"),
    LargeShape(
        name: "emphasis in deep block quotes", text: repeated(">", 100_000) + repeated("a*", 50_000),
        shown: "&gt;&gt;&gt;"
    ),
    LargeShape(
        name: "blank lines in deep lists", text: repeated("- ", 50_000) + "x" + repeated("\n", 50_000), shown: "- - x"),
    LargeShape(
        name: "wide table", text: repeated("|a", 50_000) + "|\n" + repeated("|-", 50_000) + "|\n", shown: "|a|a|a"),
    LargeShape(
        name: "table padded with empty cells",
        text: repeated("|a", 1_000) + "|\n" + repeated("|-", 1_000) + "|\n" + repeated("a\n", 100_000),
        shown: "|a|a|a"),
    LargeShape(name: "delimiter row after long text", text: repeated("a\n", 100_000) + "-|-\n", shown: "-|-"),
    LargeShape(name: "joined www addresses", text: repeated("www._", 40_000), shown: "www._www._"),
    LargeShape(name: "parentheses after an address", text: "www.a.com/" + repeated(")", 200_000), shown: ")))"),
    LargeShape(name: "@ in a word", text: repeated("a.a@", 50_000), shown: "a.a@a.a@"),
    LargeShape(
        name: "reference expansion", text: "[a]: /" + repeated("u", 100_000) + "\n\n" + repeated("[a]", 33_000),
        shown: "[a]"),
]

@Suite struct InputGuardTests {
    @Test(arguments: smallShapes) func overTheLimitIsNeutralised(_ shape: SmallShape) {
        let result = InputGuard.neutralise(shape.over, limits: shape.limits)
        #expect(result.text == shape.expected)
        #expect(!result.findings.isEmpty)
    }

    @Test(arguments: smallShapes) func underTheLimitIsUnchanged(_ shape: SmallShape) {
        let result = InputGuard.neutralise(shape.under, limits: shape.limits)
        #expect(result.text == shape.under)
        #expect(result.findings.isEmpty)
    }

    @Test(arguments: largeShapes) func largeShapesParseAndKeepTheirText(_ shape: LargeShape) {
        let result = InputGuard.neutralise(shape.text)
        #expect(!result.findings.isEmpty)
        let document = MarkdownDocument(parsing: result.text)
        let html = document.html ?? ""
        #expect(html.contains(shape.shown))
        #expect(html.utf8.count < 20 * shape.text.utf8.count)
    }

    @Test func oneFindingPerShapePerLineNamingTheLine() {
        var limits = InputGuard.Limits()
        limits.emphasisRuns = 3
        limits.openBrackets = 2
        let text = "fine\n\n" + repeated("*a ", 10) + "\n" + repeated("[", 5) + repeated("*b ", 10) + "\n"
        let findings = InputGuard.neutralise(text, limits: limits).findings
        #expect(findings.map(\.line) == [3, 4, 4])
        #expect(findings[0].message.contains("more than 3 runs of `*`, `_` or `~`"))
        #expect(findings[1].message.contains("more than 2 unclosed `[`"))
    }

    @Test func messagesSayWhatWasFoundAndWhatToDo() {
        let text = repeated("|a", 1_500) + "|\n"
        let findings = InputGuard.neutralise(text).findings
        #expect(
            findings == [
                InputGuard.Finding(
                    line: 1,
                    message: "a table row with 1,500 columns is over the 100-column limit, so the `|` past column 100 "
                        + "are shown as text: split the table")
            ])
    }

    @Test func linesEndWithCarriageReturnsToo() {
        var limits = InputGuard.Limits()
        limits.openBrackets = 1
        let findings = InputGuard.neutralise("a\r\nb\rc\n[[d", limits: limits).findings
        #expect(findings.map(\.line) == [4])
    }

    @Test func fencedCodeIsLeftAlone() {
        var limits = InputGuard.Limits()
        limits.emphasisRuns = 3
        limits.openBrackets = 1
        let text = "```text\n" + repeated("*a [[ ", 10) + "\n```\n\n~~~\n" + repeated("_b [[ ", 10) + "\n~~~\n"
        #expect(InputGuard.neutralise(text, limits: limits).text == text)
    }

    @Test func aFenceInsideRawHTMLDoesNotHideWhatFollows() {
        var limits = InputGuard.Limits()
        limits.openBrackets = 1
        let result = InputGuard.neutralise("<div>\n```\n\n[[a\n", limits: limits)
        #expect(result.text == "<div>\n```\n\n[\\[a\n")
    }

    @Test func tableRowsAreCountedOneByOne() {
        var limits = InputGuard.Limits()
        limits.emphasisRuns = 4
        let rows = repeated("| **a** | *b* |\n", 20)
        let table = "| x | y |\n|---|---|\n" + rows
        #expect(InputGuard.neutralise(table, limits: limits).text == table)
        // Without its delimiter row the same lines are one paragraph.
        let paragraph = "| x | y |\n" + rows
        #expect(InputGuard.neutralise(paragraph, limits: limits).text != paragraph)
    }

    @Test func listItemsAreCountedOneByOne() {
        var limits = InputGuard.Limits()
        limits.emphasisRuns = 4
        let list = repeated("- **a** and *b*\n", 20)
        #expect(InputGuard.neutralise(list, limits: limits).text == list)
    }

    @Test func alreadyEscapedCharactersStayEscaped() {
        var limits = InputGuard.Limits()
        limits.openBrackets = 1
        let text = "\\[\\[ [ \\[ [a\n"
        #expect(InputGuard.neutralise(text, limits: limits).text == "\\[\\[ [ \\[ \\[a\n")
    }

    @Test func theIssueTemplateAndEveryContentFilePassThroughUnchanged() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let root = tests.deletingLastPathComponent()
        var files = [tests.appendingPathComponent("ReportExtractionTests/Templates/performance-issue.md")]
        let content = root.appendingPathComponent("content")
        let enumerator = try #require(FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "md" { files.append(url) }
        #expect(files.count > 1)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let result = InputGuard.neutralise(text)
            #expect(result.text == text, "\(file.lastPathComponent) changed")
            #expect(result.findings.isEmpty, "\(file.lastPathComponent): \(result.findings)")
        }
    }
}
