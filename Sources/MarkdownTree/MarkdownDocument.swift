/// A parsed Markdown document: its blocks in reading order, and optionally its body rendered as HTML.
///
/// The blocks are flat rather than nested: each carries the depth of the lists and quotes that hold it.
/// A flat list keeps every later stage free of recursion, so a document nested thousands of levels
/// deep cannot exhaust the stack when it is walked or released.
public struct MarkdownDocument: Sendable, Equatable {
    /// Every block of the document, in the order a reader meets them.
    public let blocks: [MarkdownBlock]
    /// The document rendered as an HTML fragment by cmark-gfm with raw HTML omitted, or `nil` when not asked for.
    public let html: String?

    /// Creates a document from blocks already parsed, for tests and for documents built in code.
    public init(blocks: [MarkdownBlock], html: String? = nil) {
        self.blocks = blocks
        self.html = html
    }
}

/// One block of a Markdown document, with the line it starts on.
public struct MarkdownBlock: Sendable, Equatable {
    /// What the block is and what it holds.
    public let kind: Kind
    /// The 1-based line of the source file on which the block starts.
    public let line: Int
    /// How many lists, list items and block quotes hold this block (0 at the top level).
    public let depth: Int

    /// Creates a block.
    public init(_ kind: Kind, line: Int, depth: Int = 0) {
        self.kind = kind
        self.line = line
        self.depth = depth
    }

    /// The kinds of block that later stages read.
    ///
    /// Inline content is kept as text lines: code spans keep their backticks and strong emphasis keeps its `**`,
    /// because the issue template uses both to mark values and labels. Each element of `lines` is one source line.
    public enum Kind: Sendable, Equatable {
        /// A heading of level 1 to 6.
        case heading(level: Int, text: String)
        /// A paragraph, as its source lines.
        case paragraph(lines: [String])
        /// A list item: its task-list checkbox, if it has one, and the lines of its first paragraph.
        case listItem(checkbox: Checkbox?, lines: [String])
        /// A fenced or indented code block, with the first word of its info string.
        case codeBlock(language: String?, code: String)
        /// A GFM table, as rows of cell text, the header row first.
        case table(rows: [[String]])
        /// A block of raw HTML (never rendered as such).
        case html(String)
        /// A thematic break (`---`).
        case thematicBreak
    }
}

/// The state of a task-list item's box, as swift-markdown models it.
public enum Checkbox: Sendable, Equatable {
    /// `[x]` or `[X]`.
    case checked
    /// `[ ]`.
    case unchecked
}
