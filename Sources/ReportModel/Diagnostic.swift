/// A problem found in the content, reported with the file and line and a message a person can act on.
public struct Diagnostic: Sendable, Equatable, Comparable, Codable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Equatable, Codable {
        /// The file cannot be an issue, or two files collide: it is left out of the site.
        case error
        /// The file is read, but part of it is missing, a placeholder, or not understood.
        case warning
    }

    /// The file's path relative to the content folder.
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int?, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// Orders by file, then line, then message, so reports read top to bottom.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.message)
    }
}
