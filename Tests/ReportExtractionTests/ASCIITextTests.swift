import Foundation
import ReportModel
import Testing

@testable import ReportExtraction

/// The byte-level searches answer as the Character-level functions they replace, on ASCII text (where they work on
/// the bytes) and on any other (where they hand over).
@Suite struct ASCIITextTests {
    @Test func inlineExamplesGiveExactAnswers() {
        #expect("**Current:** `850ms` **p95**".removingAll("**") == "Current: `850ms` p95")
        #expect("***".removingAll("**") == "*")
        #expect("`2,900` ms".removingAll("`") == "2,900 ms")
        #expect("no marks".removingAll("**") == "no marks")
        #expect(
            "Current 850ms EXPECTED: 200ms".asciiRange(of: "expected:", ignoringCase: true).map {
                "Current 850ms EXPECTED: 200ms"[$0]
            } == "EXPECTED:")
        #expect(
            "45 jobs/hour or more".asciiRange(of: " or ").map { $0.lowerBound.utf16Offset(in: "45 jobs/hour") } == 12)
        #expect("a\nb\n\nc".lines() == ["a", "b", "", "c"])
        #expect("\na\n\nb\n".lines(omittingEmpty: true) == ["a", "b"])
        #expect("a\r\nb\nc".lines() == ["a\r\nb", "c"])
        #expect(BodyReader.percentile("(p99.9) then p99, p50") == .p99)
        #expect(BodyReader.percentile("p995 p50") == .p50)
        #expect(BodyReader.percentile("p95é") == .p95)
    }

    /// Generated texts from a fixed seed, ASCII and not, with the pieces that make Characters and bytes differ (a
    /// combining accent after `*`, `\r\n`, a prepended mark): every helper answers as the function it stands for.
    @Test func generatedTextsReadAsTheCharacterFunctionsReadThem() {
        var generator = SplitMix64(state: 0xA5C1_1BE7)
        let pieces = [
            "*", "**", "`", "_", " or ", "or", "expected:", "Expected:", "EXPECTED:", "p50", "p95", "p99", "p99.9",
            "p9",
            ".", "5", "\n", "\r\n", "\r", "a", "Z", " ", "\u{301}", "e\u{301}", "\u{600}", "é", "—", "🧪", "(", "iops",
            "max", "peak", "av", ":", "(",
        ]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<generator.below(9) { text += pieces[generator.below(pieces.count)] }
            let slice = ("x" + text + "y").dropFirst().dropLast()
            #expect(text.removingAll("**") == text.replacing("**", with: ""), "\(text.debugDescription)")
            #expect(slice.removingAll("`") == String(slice.replacing("`", with: "")), "\(text.debugDescription)")
            #expect(text.asciiRange(of: "**") == text.range(of: "**"), "\(text.debugDescription)")
            #expect(
                text.asciiRange(of: "expected:", ignoringCase: true)
                    == text.range(of: "expected:", options: .caseInsensitive), "\(text.debugDescription)")
            #expect(slice.asciiRange(of: " or ") == slice.range(of: " or "), "\(text.debugDescription)")
            #expect(text.holds("*") == text.contains("*" as Character), "\(text.debugDescription)")
            #expect(text.holds("iops") == text.contains("iops"), "\(text.debugDescription)")
            for needle in ["`", ":", "("] as [StaticString] {
                #expect(
                    slice.asciiIndex(of: needle) == slice.firstIndex(of: Character(needle.description)),
                    "\(text.debugDescription)")
            }
            #expect(text.lines() == text.split(separator: "\n", omittingEmptySubsequences: false))
            #expect(slice.lines(omittingEmpty: true) == slice.split(separator: "\n"), "\(text.debugDescription)")
            #expect(BodyReader.percentile(text) == BodyReader.characterPercentile(text), "\(text.debugDescription)")
            for orDot in [false, true] {
                let word = slice.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || (orDot && $0 == ".")) }
                #expect(ValueText.asciiWord(slice, orDot: orDot) == word, "\(text.debugDescription)")
            }
        }
    }
}
