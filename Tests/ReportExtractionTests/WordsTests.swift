import ReportModel
import Testing

@Suite struct WordsTests {
    @Test(arguments: [
        ("Job Queue", "job-queue"), ("  API  Endpoints!! ", "api-endpoints"), ("p95/p99", "p95-p99"), ("", ""),
        ("---", ""), ("⚡ Performance Issue Summary", "performance-issue-summary"), ("Café crème", "caf-cr-me"),
        ("ÉTÉ 2026", "t-2026"), ("ÄÖÜ", ""),
    ])
    func aTextIsItsLowerCasedASCIIWordsJoined(text: String, joined: String) {
        #expect(Words.joined(text, by: "-") == joined)
        // The same from a substring, and with another separator.
        #expect(Words.joined(("x " + text + " y").dropFirst(2).dropLast(2), by: "-") == joined)
        #expect(Words.joined(text, by: "_") == joined.replacingOccurrences(of: "-", with: "_"))
    }

    /// Generated texts with letters that lower-case to ASCII (`K`, the Kelvin sign, is `k`; `İ` is `i` and a dot), to
    /// other letters (`Σ`), and to nothing ASCII (emoji, `é`): the words are those of the whole text lower-cased.
    @Test func theWordsAreThoseOfTheLowerCasedText() {
        var random = SplitMix64(state: 0x0_0DE5)
        let pieces = [
            "A", "z", "Q", "7", " ", "-", "\u{212A}", "İ", "Σ", "é", "É", "⚡", "🔍", "ß", "ǅ", "\u{301}", "ﬁ", "Ⅻ",
        ]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.below(10) { text += pieces[random.below(pieces.count)] }
            let lowered = text.lowercased().unicodeScalars.map {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : " "
            }
            let expected = String(lowered).split(separator: " ").joined(separator: "-")
            #expect(Words.joined(text, by: "-") == expected, "\(text.debugDescription)")
            #expect(Words.joined(text[...], by: "-") == expected, "\(text.debugDescription)")
        }
    }
}
