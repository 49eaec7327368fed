import ReportExtraction
import ReportModel
import Testing

@Suite struct IssueMentionsTests {
    static let html =
        "<p>See #4 and #12, not <code>#5</code>, <a href=\"x\">#6</a>, abc#7 or #9x; &#39;#8 counts.</p>\n"
        + "<pre><code>#10\n</code></pre>\n<h2>#4 again</h2>\n"

    @Test func mentionsOutsideCodeAndLinksAreFoundOnce() {
        #expect(IssueMentions.numbers(in: Self.html) == [4, 12, 8])
    }

    @Test func onlyMentionsOfExistingIssuesAreLinked() {
        let linked = IssueMentions.linking(Self.html) { $0 == 4 ? "../issues/4-a.html" : nil }
        #expect(
            linked
                == "<p>See <a class=\"mention\" href=\"../issues/4-a.html\">#4</a> and #12, not <code>#5</code>, "
                + "<a href=\"x\">#6</a>, abc#7 or #9x; &#39;#8 counts.</p>\n<pre><code>#10\n</code></pre>\n"
                + "<h2><a class=\"mention\" href=\"../issues/4-a.html\">#4</a> again</h2>\n")
    }

    /// Element names are compared whole and in any case: `<abbr>` and `<precise>` are scanned, `<CODE>` is not.
    @Test func elementsAreKnownByTheirWholeNameInAnyCase() {
        let html = "<p><abbr>#1</abbr> <CODE>#2</CODE> <precise>#3</precise> <Pre>#4</Pre> #5</p>"
        #expect(IssueMentions.numbers(in: html) == [1, 3, 5])
    }

    /// GitHub shows a soft line break inside an issue's paragraph as a break.
    @Test func aLineBreakInAParagraphIsKept() {
        let file = "---\ntitle: T\nnumber: 1\n---\n**Related Milestone:** Stage 2\n**Priority:** P1\n"
        let read = IssueReader().read(SourceFile(path: "1.md", text: file), rendersHTML: true)
        #expect(
            read.issue?.bodyHTML
                == "<p><strong>Related Milestone:</strong> Stage 2<br />\n<strong>Priority:</strong> P1</p>\n")
    }
}
