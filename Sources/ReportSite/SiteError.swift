/// A failure of the environment rather than of the content: the command cannot go on. Exit code 2.
public struct SiteError: Error, CustomStringConvertible, Equatable {
    /// What went wrong and what to do, in one line.
    public let description: String

    /// Creates an error with a message a person can act on.
    public init(_ description: String) {
        self.description = description
    }
}
