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
        // What a file holds reaches a terminal or a CI log only escaped: no colour, cursor or title changes.
        func path(_ diagnostic: Diagnostic) -> String {
            let path = folder.isEmpty ? diagnostic.file : folder + "/" + diagnostic.file
            return self == .json ? path : TerminalText.escaped(path)
        }
        func message(_ diagnostic: Diagnostic) -> String {
            self == .json ? diagnostic.message : TerminalText.escaped(diagnostic.message)
        }
        switch self {
        case .text:
            return diagnostics.map { diagnostic in
                let line = diagnostic.line.map { ":\($0)" } ?? ""
                return "\(path(diagnostic))\(line): \(diagnostic.severity.rawValue): \(message(diagnostic))\n"
            }.joined()
        case .github:
            return diagnostics.map { diagnostic in
                var properties = "file=\(DiagnosticFormat.escapeProperty(path(diagnostic)))"
                if let line = diagnostic.line { properties += ",line=\(line)" }
                return
                    "::\(diagnostic.severity.rawValue) \(properties)::\(DiagnosticFormat.escapeData(message(diagnostic)))\n"
            }.joined()
        case .json:
            let entries = diagnostics.map { diagnostic in
                JSONValue.object([
                    ("file", .string(path(diagnostic))), ("line", .integer(diagnostic.line)),
                    ("severity", .string(diagnostic.severity.rawValue)), ("message", .string(diagnostic.message)),
                ])
            }
            return JSONValue.object([
                ("errors", .integer(diagnostics.count { $0.severity == .error })),
                ("warnings", .integer(diagnostics.count { $0.severity == .warning })),
                ("diagnostics", .array(entries)),
            ]).serialized() + "\n"
        }
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
