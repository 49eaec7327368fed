import ReportModel
import SiteRendering

/// How diagnostics are printed.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `content/0042-upload.md:31: warning: …`, one a line, as compilers print them.
    case text
    /// One JSON document with every diagnostic and the counts.
    case json
    /// GitHub Actions workflow commands, so that GitHub annotates the files: `::warning file=…,line=…::…`.
    case github

    /// The diagnostics in this format; `folder` is put before each file path (`content`).
    public func render(_ diagnostics: [Diagnostic], folder: String) -> String {
        var text = ""
        write(diagnostics, folder: folder) { text += $0 }
        return text
    }

    /// ``render(_:folder:)`` handed to `output` in pieces of about 64 KB, never held whole (300,000 warnings make
    /// some 45 MB of text).
    public func write(_ diagnostics: [Diagnostic], folder: String, to output: (String) -> Void) {
        guard self != .json else { return output(document(diagnostics, folder: folder)) }
        var piece = ""
        for diagnostic in diagnostics {
            piece += line(diagnostic, folder: folder)
            if piece.utf8.count >= 65_536 {
                output(piece)
                piece = ""
            }
        }
        if !piece.isEmpty { output(piece) }
    }

    /// One diagnostic's line, in the text or workflow-command format. What a file holds reaches a terminal or a CI
    /// log only escaped: no colour, cursor or title changes.
    private func line(_ diagnostic: Diagnostic, folder: String) -> String {
        let path = TerminalText.escaped(folder.isEmpty ? diagnostic.file : folder + "/" + diagnostic.file)
        let message = TerminalText.escaped(diagnostic.message)
        guard self == .github else {
            let line = diagnostic.line.map { ":\($0)" } ?? ""
            return "\(path)\(line): \(diagnostic.severity.rawValue): \(message)\n"
        }
        var properties = "file=\(DiagnosticFormat.escapeProperty(path))"
        if let line = diagnostic.line { properties += ",line=\(line)" }
        return "::\(diagnostic.severity.rawValue) \(properties)::\(DiagnosticFormat.escapeData(message))\n"
    }

    /// The JSON format: one document with the counts and every diagnostic, as written.
    private func document(_ diagnostics: [Diagnostic], folder: String) -> String {
        let entries = diagnostics.map { diagnostic in
            JSONValue.object([
                ("file", .string(folder.isEmpty ? diagnostic.file : folder + "/" + diagnostic.file)),
                ("line", .integer(diagnostic.line)), ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
            ])
        }
        return JSONValue.object([
            ("errors", .integer(diagnostics.count { $0.severity == .error })),
            ("warnings", .integer(diagnostics.count { $0.severity == .warning })),
            ("diagnostics", .array(entries)),
        ]).serialized() + "\n"
    }

    /// Workflow-command message escaping: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// Workflow-command property escaping: as messages, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
