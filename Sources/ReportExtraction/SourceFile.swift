import ReportModel

/// A file read from the content folder: its path relative to that folder and its bytes, not yet decoded.
public struct SourceFile: Sendable, Equatable {
    /// The path relative to the content folder, with `/` separators (`2025/0007-results.md`).
    public let path: String
    /// The raw bytes.
    public let bytes: [UInt8]

    /// Creates a source file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates a source file from text, for tests.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The file as text with LF line endings, or an error naming the byte offset of the first invalid UTF-8.
    ///
    /// A byte-order mark is dropped; NUL bytes are dropped with a warning (cmark would turn them into U+FFFD).
    func decoded() -> (text: String?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var bytes = self.bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The standard library validates fast; the byte-by-byte scan runs only to name the offset of a bad file.
        guard let validated = String(validating: bytes, as: UTF8.self) else {
            let offset = SourceFile.firstInvalidUTF8Offset(in: bytes) ?? 0
            let message = "the file is not valid UTF-8 at byte \(offset): save it as UTF-8"
            return (nil, [Diagnostic(file: path, line: nil, severity: .error, message: message)])
        }
        let firstControl = ControlCharacters.firstOffset(in: bytes)
        let hasControls = firstControl != nil
        if !hasControls && !bytes.contains(0) && !bytes.contains(UInt8(ascii: "\r")) { return (validated, []) }
        if let firstControl {
            let line = bytes[..<firstControl].count(where: { $0 == UInt8(ascii: "\n") }) + 1
            diagnostics.append(
                Diagnostic(
                    file: path, line: line, severity: .warning,
                    message: "the file holds terminal escape codes or other control characters (the first on this "
                        + "line); they were dropped"))
        }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].count(where: { $0 == UInt8(ascii: "\n") }) + 1
            diagnostics.append(
                Diagnostic(
                    file: path, line: line, severity: .warning,
                    message: "the file holds NUL bytes; they were dropped"))
            bytes.removeAll { $0 == 0 }
        }
        if bytes.contains(UInt8(ascii: "\r")) {
            var unixBytes: [UInt8] = []
            unixBytes.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated()
            where !(byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) {
                unixBytes.append(byte)
            }
            bytes = unixBytes
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return (hasControls ? ControlCharacters.stripped(text) : text, diagnostics)
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence, or `nil` if all are valid.
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
