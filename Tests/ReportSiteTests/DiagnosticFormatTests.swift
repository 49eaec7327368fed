import ReportModel
import Testing

@testable import ReportSite

@Suite struct DiagnosticFormatTests {
    /// Thousands of diagnostics reach the output in pieces of about 64 KB, whole lines each, that join to the text
    /// printed at once; JSON, one document, comes whole.
    @Test(arguments: [DiagnosticFormat.text, .github, .json]) func manyDiagnosticsArePrintedInPieces(
        format: DiagnosticFormat
    ) {
        let diagnostics = (1...3_000).map { number in
            Diagnostic(
                file: "\(number)-slow.md", line: number % 7 == 0 ? nil : number, severity: .warning,
                message: "'types' is not read: issue types are read from the ticked boxes under Issue Type")
        }
        var pieces: [String] = []
        format.write(diagnostics, folder: "content") { pieces.append($0) }
        #expect(pieces.joined() == format.render(diagnostics, folder: "content"))
        if format == .json {
            #expect(pieces.count == 1)
        } else {
            #expect(pieces.count > 3)
            #expect(pieces.allSatisfy { $0.hasSuffix("\n") && $0.utf8.count < 65_536 + 200 })
            #expect(pieces.joined().split(separator: "\n").count == 3_000)
        }
        #expect(format.render([], folder: "content") == (format == .json ? format.render([], folder: "") : ""))
    }
}
