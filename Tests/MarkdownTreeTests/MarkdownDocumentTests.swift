import Dispatch
import MarkdownTree
import Testing

@Suite struct MarkdownDocumentTests {
    @Test func blocksComeOutFlatInReadingOrderWithLinesAndDepth() {
        let document = MarkdownDocument(
            parsing: """
                ## ⚡ Summary
                Slow **upload** of `25MB` files
                on the second line.

                - [x] **Latency** - too slow
                  - [ ] nested box
                * [X] Upper-case tick
                - plain item

                ```sql
                - [x] **Latency** inside code
                ```
                """, firstLine: 10, rendersHTML: false)
        #expect(
            document.blocks == [
                MarkdownBlock(.heading(level: 2, text: "⚡ Summary"), line: 10),
                MarkdownBlock(.paragraph(lines: ["Slow **upload** of `25MB` files", "on the second line."]), line: 11),
                MarkdownBlock(.listItem(checkbox: .checked, lines: ["**Latency** - too slow"]), line: 14, depth: 1),
                MarkdownBlock(.listItem(checkbox: .unchecked, lines: ["nested box"]), line: 15, depth: 3),
                MarkdownBlock(.listItem(checkbox: .checked, lines: ["Upper-case tick"]), line: 16, depth: 1),
                MarkdownBlock(.listItem(checkbox: nil, lines: ["plain item"]), line: 17, depth: 1),
                MarkdownBlock(.codeBlock(language: "sql", code: "- [x] **Latency** inside code\n"), line: 19),
            ])
        #expect(document.html == nil)
    }

    @Test func tablesKeepTheirCellText() {
        let document = MarkdownDocument(parsing: "| a | b |\n|---|---|\n| `1` | **2** |\n", rendersHTML: false)
        #expect(document.blocks == [MarkdownBlock(.table(rows: [["a", "b"], ["`1`", "**2**"]]), line: 1)])
    }

    @Test func htmlIsRenderedWithExtensionsAndRawHTMLOmitted() {
        let document = MarkdownDocument(
            parsing: "- [x] done ~~old~~ www.example.com\n\n<script>alert(1)</script>\n\n| a |\n|---|\n| b |\n")
        #expect(
            document.html == """
                <ul>
                <li><input type="checkbox" checked="" disabled="" aria-label="ticked" /> done <del>old</del> \
                <a href="http://www.example.com">www.example.com</a></li>
                </ul>
                <!-- raw HTML omitted -->
                <table>
                <thead>
                <tr>
                <th>a</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td>b</td>
                </tr>
                </tbody>
                </table>

                """)
    }

    @Test func codeBlocksTakeTheKeyboardFocusSoTheyCanBeScrolled() {
        let html = MarkdownDocument(parsing: "```sql\nSELECT 1;\n```\n\n    indented\n\n`<pre>` stays text\n").html
        #expect(
            html == """
                <pre tabindex="0"><code class="language-sql">SELECT 1;
                </code></pre>
                <pre tabindex="0"><code>indented
                </code></pre>
                <p><code>&lt;pre&gt;</code> stays text</p>

                """)
    }

    @Test func dataURLsAreBlankedLikeScriptURLs() {
        let html = MarkdownDocument(
            parsing: "![p](data:image/png;base64,iVBO) [x](DATA:text/html,hi) [ok](https://example.org)\n"
        ).html
        #expect(html == "<p><img src=\"\" alt=\"p\" /> <a href=\"\">x</a> <a href=\"https://example.org\">ok</a></p>\n")
    }

    @Test func deeplyNestedQuotesParseWithoutRecursion() {
        let depth = 5_000
        let document = MarkdownDocument(parsing: String(repeating: "> ", count: depth) + "deep\n")
        #expect(document.blocks.last == MarkdownBlock(.paragraph(lines: ["deep"]), line: 1, depth: depth))
    }

    /// cmark-gfm 0.29.0.gfm.6 loses strikethrough and autolinks when parsers finish concurrently; perfsite
    /// serialises that step. This compares many parallel parses with a serial one.
    @Test func parallelParsesEqualSerialParses() {
        let sources = (0..<64).map { index in
            "# Issue \(index)\n\n~~struck \(index)~~ and https://example.com/\(index) and www.example.org\n\n"
                + "- [x] **Latency** \(index)\n\n| h |\n|---|\n| \(index) |\n"
        }
        let serial = sources.map { MarkdownDocument(parsing: $0) }
        let parallel = Slots(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count * 4) { iteration in
            let index = iteration % sources.count
            let document = MarkdownDocument(parsing: sources[index])
            if iteration >= sources.count * 3 { parallel.set(document, at: index) }
        }
        let differing = sources.indices.filter { parallel.documents[$0] != serial[$0] }
        #expect(differing == [], "parallel parses differ from serial ones")
        #expect(serial.allSatisfy { $0.html?.contains("<del>struck") == true && $0.html?.contains("<a href") == true })
    }
}

private final class Slots: @unchecked Sendable {
    private var storage: [MarkdownDocument?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ document: MarkdownDocument, at index: Int) {
        lock.wait()
        storage[index] = document
        lock.signal()
    }
    var documents: [MarkdownDocument] { storage.map { $0! } }
}
