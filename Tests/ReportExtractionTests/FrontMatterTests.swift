import ReportExtraction
import ReportModel
import Testing

@Suite struct FrontMatterTests {
    private func read(_ frontMatter: String) -> IssueReader.Result {
        IssueReader().read(SourceFile(path: "7.md", text: "---\n\(frontMatter)\n---\nBody\n"), rendersHTML: false)
    }

    @Test func everyFieldIsRead() throws {
        let issue = try #require(
            read(
                """
                title: "Results page takes 4 s"
                number: "7"
                date: 2025-06-12
                state: CLOSED
                closed: 2025-07-03
                labels:
                  - type:performance
                  - " area:frontend "
                  - type:performance
                author: mchen
                assignees: [mchen, rpatel]
                """
            ).issue)
        #expect(issue.title == "Results page takes 4 s")
        #expect(issue.number == 7)
        #expect(issue.date?.description == "2025-06-12")
        #expect(issue.state == .closed)
        #expect(issue.closedDate?.description == "2025-07-03")
        #expect(issue.labels == ["type:performance", "area:frontend"])
        #expect(issue.author == "mchen")
        #expect(issue.assignees == ["mchen", "rpatel"])
    }

    @Test(arguments: [
        ("2025-06-12", "2025-06-12"),
        ("2025-09-30T23:30:00-05:00", "2025-10-01"),
        ("2026-02-01T01:15:00+02:00", "2026-01-31"),
        ("2026-01-31T22:00:00Z", "2026-01-31"),
        ("2024-12-31T23:59:59.250-01:00", "2025-01-01"),
        ("2024-03-01T00:30:00+0100", "2024-02-29"),
        ("2026-05-04 10:00", "2026-05-04"),
    ])
    func datesAreTakenInUTC(written: String, day: String) {
        #expect(read("title: T\nnumber: 1\ndate: \(written)").issue?.date?.description == day)
    }

    @Test func labelsMayBeAFlowListACommaStringOrOneScalar() {
        #expect(read("title: T\nnumber: 1\nlabels: [a, b, a]").issue?.labels == ["a", "b"])
        #expect(read("title: T\nnumber: 1\nlabels: \"a, b ,c\"").issue?.labels == ["a", "b", "c"])
        #expect(read("title: T\nnumber: 1\nlabels: type:performance").issue?.labels == ["type:performance"])
    }

    @Test func stateIsReadInAnyCaseAndDefaultsToOpen() {
        #expect(read("title: T\nnumber: 1\nstate: Open").issue?.state == .open)
        #expect(read("title: T\nnumber: 1").issue?.state == .open)
    }

    @Test func fieldProblemsAreWarningsWithTheirLine() {
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: 1\ndate: yesterday\nstate: done\n---\n") == [
                "4: warning: 'date' must be a date like 2026-03-14 or a date-time like 2026-03-14T09:30:00+01:00, "
                    + "not 'yesterday'; the issue is left out of the monthly trends",
                "5: warning: 'state' must be 'open' or 'closed', not 'done'; read as open",
            ])
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: 1\ndate: 2026-01-01\nclosed: 2026-01-05\n---\n") == [
                "5: warning: a 'closed' date is given but 'state' is open; set 'state: closed'"
            ])
    }

    @Test func aFileThatCannotBeAnIssueIsAnErrorNamingTheLine() {
        #expect(
            messages(ofFile: "") == [
                "-: error: the file is empty: an issue needs front matter with a title and a number"
            ])
        #expect(
            messages(ofFile: "# Slow upload\n") == [
                "1: error: no front matter: start the file with a line '---', then 'title:' and 'number:' lines, "
                    + "then '---'"
            ])
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: 1\n") == [
                "1: error: the front matter is not closed: add a line '---' after its last field"
            ])
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: [1\ndate: 2026-01-01\n---\n") == [
                "3: error: the front matter is not valid YAML: did not find expected ',' or ']' while parsing a flow sequence"
            ])
        #expect(
            messages(ofFile: "---\nnumber: 1\ndate: 2026-01-01\n---\n") == [
                "2: error: no 'title' in the front matter: add a line like 'title: \"Results page is slow\"'"
            ])
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: forty-two\ndate: 2026-01-01\n---\n") == [
                "3: error: 'number' must be a whole number from 1 to 999999999, like 'number: 42', not 'forty-two'"
            ])
        #expect(
            messages(ofFile: "---\ntitle: T\ndate: 2026-01-01\n---\n") == [
                "2: error: no 'number' in the front matter: add a line like 'number: 42'"
            ])
    }

    @Test func invalidUTF8IsAnErrorNamingTheByteOffset() {
        let bytes = Array("---\ntitle: caf".utf8) + [0xE9] + Array("\nnumber: 1\n---\n".utf8)
        let result = IssueReader().read(SourceFile(path: "x.md", bytes: bytes))
        #expect(result.issue == nil)
        #expect(result.diagnostics.map(\.message) == ["the file is not valid UTF-8 at byte 14: save it as UTF-8"])
    }

    @Test func crlfLineEndingsReadLikeLF() {
        let text = "---\r\ntitle: T\r\nnumber: 3\r\n---\r\n### Issue Type\r\n- [x] **Latency**\r\n"
        let result = IssueReader().read(SourceFile(path: "x.md", text: text), rendersHTML: false)
        #expect(result.issue?.choices(in: .issueTypes) == ["latency"])
        #expect(result.diagnostics.contains { $0.severity == .error } == false)
    }

    @Test func keysPerfsiteDoesNotReadSayWhereTheirValueBelongs() {
        let file = """
            ---
            title: T
            number: 1
            date: 2026-01-01
            status: closed
            priority: P1
            components: [Job Queue]
            created_at: 2025-01-01
            asignees: [kim]
            sprint: 12
            Layers: [API]
            ---
            """
        #expect(
            messages(ofFile: file + "\n") == [
                "5: warning: 'status' is not read: did you mean 'state'?",
                "6: warning: 'priority' is not read: the priority is read from the **Priority:** line of the body",
                "7: warning: 'components' is not read: components are read from the ticked boxes under Affected "
                    + "Component",
                "8: warning: 'created_at' is not read: did you mean 'date'?",
                "9: warning: 'asignees' is not read: did you mean 'assignees'?",
                "10: warning: 'sprint' is not read: the front matter holds 'assignees', 'author', 'closed', 'date', "
                    + "'imported', 'labels', 'number', 'source', 'state', 'title', 'updated', 'url'",
                // A key in another case is named as written, with the same hint.
                "11: warning: 'Layers' is not read: layers are read from the ticked boxes under Clean Architecture "
                    + "Layer",
            ])
        #expect(read(String(file.dropFirst(4).dropLast(4))).issue?.date == Day(year: 2026, month: 1, day: 1))
    }

    @Test(arguments: ["0", "-3", "1000000000", "9223372036854775807", "99999999999999999999999"])
    func aNumberOutOfRangeIsAnErrorNotATrap(number: String) {
        #expect(
            messages(ofFile: "---\ntitle: T\nnumber: \(number)\ndate: 2026-01-01\n---\n") == [
                "3: error: 'number' must be a whole number from 1 to 999999999, like 'number: 42', not '\(number)'"
            ])
    }

    @Test func updatedAndURLAreRead() throws {
        let issue = try #require(
            read("title: A\nnumber: 7\nupdated: 2026-02-03T10:00:00Z\nurl: https://github.com/org/repo/issues/7").issue)
        #expect(issue.updated?.description == "2026-02-03")
        #expect(issue.url == "https://github.com/org/repo/issues/7")
    }

    @Test(arguments: ["javascript:alert(1)", "file:///etc/passwd", "https://x.org/\"onmouseover=x", "github.com/o/r"])
    func aURLThatIsNotHTTPIsNotKept(url: String) throws {
        let result = read("title: A\nnumber: 7\nurl: '\(url)'")
        #expect(result.issue?.url == nil)
        #expect(result.diagnostics.map(\.message).contains { $0.hasPrefix("'url' must be an http or https address") })
    }
}
