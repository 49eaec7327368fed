/// A file of the built site: its path inside the output folder and its contents.
public struct OutputFile: Sendable, Equatable {
    /// The path relative to the output folder, with `/` separators (`data/issues/0.json`).
    public let path: String
    /// The bytes to write.
    public let contents: [UInt8]

    /// Creates a file from text.
    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }

    /// Creates a file from bytes.
    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
