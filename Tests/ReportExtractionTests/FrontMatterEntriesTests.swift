import Foundation
import Testing

@testable import ReportExtraction

@Suite struct FrontMatterEntriesTests {
    private func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    private func simple(_ text: String) -> FrontMatterEntries? { FrontMatterEntries.simple(lines(text), firstLine: 2) }

    private func yams(_ text: String) -> Result<FrontMatterEntries, FrontMatter.YamsFailure> {
        FrontMatter.yams(lines(text))
    }

    @Test func theSimpleFormsAreReadOnTheBytes() throws {
        let source = """
            title: "Upload is \\"slow\\" at 8 MB: C:\\\\tmp"
            number: 42
            date: 2026-03-14T09:30:00+01:00
            labels: [type:performance, "priority:high", 'it''s']
            assignees: []
            author: 'o''brien'
            url: https://github.com/org/repo/issues/42#top

            summary: 85% of p95 — ünïcode 🧪
            """
        let entries = try #require(simple(source))
        #expect(
            entries.entries.map(\.key) == [
                "title", "number", "date", "labels", "assignees", "author", "url", "summary",
            ])
        #expect(entries["title"]?.value == .scalar("Upload is \"slow\" at 8 MB: C:\\tmp"))
        #expect(entries["labels"]?.value == .sequence(["type:performance", "priority:high", "it's"]))
        #expect(entries["assignees"]?.value == .sequence([]))
        #expect(entries["author"]?.value == .scalar("o'brien"))
        #expect(entries["summary"]?.keyLine == 10)
        #expect(entries["summary"]?.valueLine == 10)
        #expect(try yams(source).get() == entries)
    }

    /// Everything outside the subset is Yams's to read, right or wrong.
    @Test(arguments: [
        "title: x # a comment", "labels:\n  - a\n    - b", "labels:\n  - [a]", "labels:\n  -", "title: >\n  folded",
        "title: |\n  literal", "title: &a x",
        "title: *a", "title: !!str x", "title: \"\\e[31m\"", "title: \"\\u00e9\"", "title: x\n  continued",
        "title: a\ntitle: b", "# comment\ntitle: x", "title:", "title:\tx", "title: x\t", "- a\n- b",
        "title: [a, [b]]", "title: [a, {b: c}]", "title: {a: b}", "title: [a,]", "title: x:", "title: a: b",
        "title: ?x", "title: -x", "title: @x", "title: `x`", "title: %x", "title: 'unclosed", "title: \"a\" b",
        "title: x\u{0085}y", "title: \u{FEFF}x", "ti-tle: x", "\"title\": x", "title : x", "  title: x", "",
    ])
    func otherFormsAreLeftToYams(_ text: String) {
        #expect(simple(text) == nil)
    }

    /// Generated front matter, from a fixed seed: wherever the simple reader answers, Yams answers the same; and it
    /// answers for most of it (the forms people write).
    @Test func theSimpleReaderAgreesWithYamsWhereverItAnswers() throws {
        var generator = SplitMix64(state: 0x5EED_F00D)
        let keys = ["title", "number", "date", "labels", "author", "assignees", "priority", "Title", "x_1", "url"]
        let pieces = [
            "Slow upload", "42", "#42", "2026-03-14", "null", "~", "true", "a:b", "a: b", "a #b", "a#b", "ü",
            "—", "🧪", "x,y", "[", "]", "{", "'", "''", "\"", "\\\"", "\\\\", "\\n", " ", "  ", "-", "?", ":", "%",
            "&", "*", "!", "|", ">", "@", "`", "http://h/p?q=1&r=2", "\t", "\r", "\u{7F}", "\u{85}", "\u{A0}",
            "\u{FEFF}", "\u{FFFD}", "é", ",", "[a, b]", "[]", "[\"a\", 'b']", "[a, [b]]",
        ]
        // What people write, drawn as often as the pieces above.
        let common = ["Slow upload", "42", "2026-03-14", "mchen", "type:performance", "p95 2.9 s", "é — 🧪", "x,y"]
        func piece() -> String {
            generator.below(2) == 0 ? common[generator.below(common.count)] : pieces[generator.below(pieces.count)]
        }
        var answered = 0
        let total = 4_000
        for _ in 0..<total {
            var text: [String] = []
            for _ in 0..<generator.below(5) + 1 {
                let key = keys[generator.below(keys.count)]
                var value = ""
                for _ in 0..<generator.below(4) { value += piece() }
                switch generator.below(5) {
                case 0: value = "\"" + value + "\""
                case 1: value = "'" + value + "'"
                case 2: value = "[" + value + "]"
                case 3:
                    // A block list, its items indented alike or not.
                    let indent = String(repeating: " ", count: generator.below(3))
                    value = (0..<generator.below(3) + 1).map { _ in
                        "\n" + indent + (generator.below(6) == 0 ? " " : "") + "- " + piece()
                    }.joined()
                default: break
                }
                text.append(key + ":" + String(repeating: " ", count: generator.below(3)) + value)
                if generator.below(8) == 0 { text.append("") }
            }
            let source = text.joined(separator: generator.below(6) == 0 ? "\r\n" : "\n")
            guard let fast = simple(source) else { continue }
            answered += 1
            #expect(try yams(source).get() == fast, "\(source.debugDescription)")
        }
        #expect(answered > total / 8, "\(answered) of \(total)")
    }

    /// Every sample issue's front matter takes the simple path.
    @Test func everySampleIssueIsReadOnTheBytes() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../content")
        let files = try #require(FileManager.default.enumerator(atPath: content.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            let block = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix {
                $0 != "---"
            }
            let fast = FrontMatterEntries.simple(Array(block), firstLine: 2)
            #expect(fast != nil, "\(file)")
            #expect(fast == (try? FrontMatter.yams(Array(block)).get()), "\(file)")
        }
    }
}
