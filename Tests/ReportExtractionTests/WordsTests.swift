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
}
