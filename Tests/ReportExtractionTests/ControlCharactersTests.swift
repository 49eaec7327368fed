import ReportExtraction
import ReportModel
import Testing

@Suite struct ControlCharactersTests {
    @Test(arguments: [
        ("\u{1B}[31mERROR\u{1B}[0m worker died", "ERROR worker died"),
        ("\u{1B}[1;33;40mwarn\u{1B}[K", "warn"),
        ("\u{1B}]0;title\u{07}prompt$ ", "prompt$ "),
        ("bell\u{07} back\u{08}space \u{7F}del \u{85}nel", "bell backspace del nel"),
        ("tab\tand\nline stay", "tab\tand\nline stay"),
        ("bidi \u{202E}txt.exe\u{202C} \u{2066}x\u{2069}", "bidi txt.exe x"),
        ("broken \u{1B}[31\nnext line", "broken \nnext line"),
        ("plain text, no change: ≤ 500 ms, 数据库", "plain text, no change: ≤ 500 ms, 数据库"),
    ])
    func controlCharactersAndTerminalSequencesAreDropped(text: String, stripped: String) {
        #expect(ControlCharacters.stripped(text) == stripped)
    }

    @Test func terminalTextShowsEveryControlCharacterEscaped() {
        #expect(TerminalText.escaped("a\u{1B}[2Jb\tc\nd\u{202E}") == "a\\u{1B}[2Jb\\tc\\nd\\u{202E}")
        #expect(TerminalText.escaped("ordinary: 2.3 s") == "ordinary: 2.3 s")
    }

    @Test func aFileWithColourCodesWarnsOnTheirFirstLineAndReadsAsText() {
        let result = extract("## Summary\n\u{1B}[31mTimeout\u{1B}[0m after 30 s\n")
        #expect(
            result.diagnostics.map { "\($0.line ?? 0): \($0.message)" } == [
                "7: the file holds terminal escape codes or other control characters (the first on this line); they "
                    + "were dropped"
            ])
        #expect(result.issue?.summary == "Timeout after 30 s")
    }

    @Test func aFrontMatterValueCannotBringControlCharactersBackThroughYAMLEscapes() {
        let text =
            "---\ntitle: \"\\e[31mRed\\e[0m title\\a\"\nnumber: 4\ndate: 2026-01-01\nlabels: [\"a\\x07b\"]\n---\n"
        let issue = IssueReader().read(SourceFile(path: "4.md", text: text), rendersHTML: false).issue
        #expect(issue?.title == "Red title")
        #expect(issue?.labels == ["ab"])
    }

    @Test(arguments: [
        ("0001-01-01", "'date' is 0001-01-01"), ("9999-12-31", "'date' is 9999-12-31"),
        ("1969-12-31", "'date' is 1969-12-31"),
    ])
    func aDateOutsideSaneYearsIsAnErrorAndIsNotRead(date: String, start: String) {
        let reader = IssueReader(latestDay: Day(year: 2027, month: 12, day: 1)!)
        let result = reader.read(
            SourceFile(path: "5.md", text: "---\ntitle: T\nnumber: 5\ndate: \(date)\n---\n"), rendersHTML: false)
        #expect(result.issue?.date == nil)
        #expect(
            result.diagnostics.map { "\($0.line ?? 0): \($0.severity.rawValue): \($0.message)" } == [
                "4: error: \(start), before 1970 or more than a year from today: write the day in full, like "
                    + "2026-03-14; the issue is read without it"
            ])
        let edge = reader.read(
            SourceFile(
                path: "5.md",
                text: "---\ntitle: T\nnumber: 5\ndate: 2027-12-01\nstate: closed\nclosed: 1970-01-01\n---\n"),
            rendersHTML: false)
        #expect(edge.issue?.date == Day(year: 2027, month: 12, day: 1))
        #expect(edge.issue?.closedDate == Day(year: 1970, month: 1, day: 1))
    }

    @Test(arguments: [
        ("数据库", "数据库"), ("Кэш Redis", "redis"), ("Кэш", "кэш"), ("⚡", "item-"), ("Job Queue", "job-queue"),
    ])
    func anItemIdIsNeverEmpty(label: String, id: String) {
        #expect(ChoiceItem.id(for: label).hasPrefix(id))
        #expect(!ChoiceItem.id(for: label).isEmpty)
    }

    @Test(arguments: [
        ("2026-12-01", "2027-12-31"), ("2026-12-31", "2027-12-31"), ("2026-01-15", "2027-01-31"),
        ("2027-02-10", "2028-02-29"),
    ])
    func datesAreReadUpToTheEndOfTheMonthAYearOn(today: String, latest: String) {
        let parts = today.split(separator: "-").map { Int($0)! }
        #expect(
            IssueReader.latestDay(after: Day(year: parts[0], month: parts[1], day: parts[2])!).description == latest)
    }
}
