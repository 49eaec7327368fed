import MarkdownTree
import ReportModel

/// A document read as the template is read: each line with the section, subsection and group it stands under.
///
/// A group is the nearest heading of any level or bold label (`**How measured:**`). Names are compared by their
/// words only (``Outline/key(_:)``), so a heading with its emoji, a garbled emoji or none reads the same.
struct Outline {
    /// Where a line stands.
    struct Context: Equatable {
        /// The key of the nearest level-1 or level-2 heading.
        var section = ""
        /// The key of the nearest level-3+ heading after that section heading.
        var subsection = ""
        /// The key of the nearest heading or bold label.
        var group = ""
        /// The nearest bold label as written, when the group is a label rather than a heading.
        var label: String?
    }

    /// One line (or block) of the document.
    enum Entry {
        /// A list item: its checkbox, if any, and the text of its first line (`**` kept).
        case item(checkbox: Checkbox?, text: String)
        /// A `**Label:** value` line; `value` goes on over the following lines of the paragraph.
        case field(label: String, value: String)
        /// A paragraph's lines that are no field.
        case text(String)
        /// A code block.
        case code(language: String?, code: String)
    }

    /// An entry with its place.
    struct Line {
        let entry: Entry
        let line: Int
        let context: Context
    }

    let lines: [Line]

    init(_ document: MarkdownDocument) {
        var lines: [Line] = []
        var context = Context()
        for block in document.blocks {
            switch block.kind {
            case .heading(let level, let text):
                let key = Outline.key(text)
                if level <= 2 {
                    context.section = key
                    context.subsection = ""
                } else {
                    context.subsection = key
                }
                context.group = key
                context.label = nil
            case .paragraph(let paragraphLines):
                var pending: [String] = []
                var pendingLine = block.line
                var field: (label: String, value: [String], line: Int)?
                func flush() {
                    if let current = field {
                        let value = current.value.joined(separator: "\n").trimmed
                        lines.append(
                            Line(
                                entry: .field(label: current.label, value: value), line: current.line, context: context)
                        )
                        field = nil
                    } else if !pending.isEmpty {
                        lines.append(
                            Line(entry: .text(pending.joined(separator: "\n")), line: pendingLine, context: context))
                    }
                    pending = []
                }
                for (offset, text) in paragraphLines.enumerated() {
                    if let (label, value) = Outline.boldLabel(text) {
                        flush()
                        context.group = Outline.key(label)
                        context.label = label
                        field = (label, [value], block.line + offset)
                    } else if field != nil {
                        field?.value.append(text)
                    } else {
                        if pending.isEmpty { pendingLine = block.line + offset }
                        pending.append(text)
                    }
                }
                flush()
            case .listItem(let checkbox, let itemLines):
                let text = itemLines.first ?? ""
                if checkbox == nil, let (label, value) = Outline.boldLabel(text) {
                    let rest = ([value] + itemLines.dropFirst()).joined(separator: "\n").trimmed
                    lines.append(Line(entry: .field(label: label, value: rest), line: block.line, context: context))
                } else {
                    lines.append(Line(entry: .item(checkbox: checkbox, text: text), line: block.line, context: context))
                    for (offset, more) in itemLines.enumerated().dropFirst() {
                        // A label written without a blank line before it continues the item lazily, yet starts a group.
                        if let (label, value) = Outline.boldLabel(more) {
                            context.group = Outline.key(label)
                            context.label = label
                            lines.append(
                                Line(
                                    entry: .field(label: label, value: value), line: block.line + offset,
                                    context: context))
                        } else {
                            lines.append(Line(entry: .text(more), line: block.line + offset, context: context))
                        }
                    }
                }
            case .codeBlock(let language, let code):
                lines.append(Line(entry: .code(language: language, code: code), line: block.line, context: context))
            case .table, .html, .thematicBreak:
                break
            }
        }
        self.lines = lines
    }

    /// A heading or label reduced to its words: lower-case a–z and 0–9 runs joined by single spaces.
    ///
    /// `## 🔍 Performance Context`, `## üîç Performance Context` and `## performance context` share one key.
    static func key(_ text: some StringProtocol) -> String { Words.joined(text, by: " ") }

    /// `**Label:** value` or `**Label**: value` → (`Label`, `value`); `nil` for any other line.
    static func boldLabel(_ line: String) -> (label: String, value: String)? {
        let text = line.trimmed
        guard text.hasPrefix("**") else { return nil }
        let afterOpening = text.dropFirst(2)
        guard let closing = afterOpening.range(of: "**") else { return nil }
        var label = afterOpening[..<closing.lowerBound].trimmed
        var rest = afterOpening[closing.upperBound...]
        if label.hasSuffix(":") {
            label.removeLast()
        } else if rest.hasPrefix(":") {
            rest = rest.dropFirst()
        } else {
            return nil
        }
        return (label.trimmed, rest.trimmed)
    }
}
