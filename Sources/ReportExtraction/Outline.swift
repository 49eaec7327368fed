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
                // A template subsection written at level 1 or 2 (`## Current Performance:`) stays in its section, and a
                // template section written at level 3 or more is a section: the blocks under it are read as the
                // template's.
                if let section = Outline.templateSubsections[key], !Outline.templateSections.contains(key) {
                    context.section = section
                    context.subsection = key
                } else if level <= 2 || Outline.templateSections.contains(key) {
                    context.section = key
                    context.subsection = ""
                } else {
                    context.subsection = key
                }
                context.group = key
                context.label = nil
            case .paragraph(let written):
                // A bold label alone on its line, without a colon (`**Load Testing**`), starts a group as one with a
                // colon does.
                let paragraphLines = written.map { line in Outline.loneBoldLabel(line).map { "**\($0):**" } ?? line }
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
            case .table(let rows):
                for (line, text) in Outline.tableLines(rows, firstLine: block.line) {
                    lines.append(Line(entry: .item(checkbox: nil, text: text), line: line, context: context))
                }
            case .html, .thematicBreak:
                break
            }
        }
        self.lines = lines
    }

    /// The keys of the template's `##` sections.
    static let templateSections: Set<String> = Set(templateOutline.map(\.section))

    /// The template's `###` subsections by key, each with the key of its section.
    static let templateSubsections: [String: String] = {
        var subsections: [String: String] = [:]
        for entry in templateOutline {
            if let subsection = entry.subsection { subsections[subsection] = entry.section }
        }
        return subsections
    }()

    /// The template's headings in order: each `##` section and, under it, its `###` subsections.
    private static let templateOutline: [(section: String, subsection: String?)] = {
        var entries: [(section: String, subsection: String?)] = []
        var section = ""
        for line in IssueTemplate.markdown.split(separator: "\n") {
            if line.hasPrefix("## ") {
                section = key(line.dropFirst(3))
                entries.append((section, nil))
            } else if line.hasPrefix("### ") {
                entries.append((section, key(line.dropFirst(4))))
            }
        }
        return entries
    }()

    /// The lines a table stands for, with the file line of each row, as the template's `Name: value` lines.
    ///
    /// - Percentiles as columns (`| | p50 | p95 |` then `| Current | 850ms | 2.3s |`): each row is
    ///   `Current: 850ms (p50), 2.3s (p95)`.
    /// - Percentiles as rows (`| | Current | Expected |` then `| p50 | 850ms | 200ms |`): each column is one line.
    /// - Any other table: each row is `first cell: the other cells`, the header row left out.
    static func tableLines(_ rows: [[String]], firstLine: Int) -> [(line: Int, text: String)] {
        guard rows.count >= 2, let header = rows.first, header.count >= 2 else { return [] }
        // The delimiter row takes a line of its own after the header.
        func line(of row: Int) -> Int { firstLine + row + (row > 0 ? 1 : 0) }
        let body = rows.dropFirst()
        let isStatistic = { (cell: String) in BodyReader.percentile(ValueText.piece("1 " + cell).keywords) != nil }
        if header.dropFirst().contains(where: isStatistic) {
            return body.enumerated().compactMap { offset, row in
                guard let name = row.first?.trimmed, !name.isEmpty else { return nil }
                let values = zip(header.dropFirst(), row.dropFirst()).filter { !$0.1.trimmed.isEmpty }
                    .map { "\($0.1.trimmed) (\($0.0.trimmed))" }
                return (line(of: offset + 1), "\(name): " + values.joined(separator: ", "))
            }
        }
        if body.contains(where: { $0.first.map(isStatistic) == true }) {
            return header.indices.dropFirst().compactMap { column in
                let name = header[column].trimmed
                guard !name.isEmpty else { return nil }
                let values = body.compactMap { row -> String? in
                    guard column < row.count, let statistic = row.first, !row[column].trimmed.isEmpty else {
                        return nil
                    }
                    return "\(row[column].trimmed) (\(statistic.trimmed))"
                }
                return (line(of: 0), "\(name): " + values.joined(separator: ", "))
            }
        }
        return body.enumerated().compactMap { offset, row in
            guard let name = row.first?.trimmed, !name.isEmpty, row.count >= 2 else { return nil }
            let values = row.dropFirst().map(\.trimmed).filter { !$0.isEmpty }
            return (line(of: offset + 1), "\(name): " + values.joined(separator: ", "))
        }
    }

    /// Whether `line`, trimmed, may start with `**`: not when its first byte after ASCII white space is another ASCII
    /// byte (a non-ASCII one may be white space that `trimmed` drops too). Most lines are no label, and are told so
    /// without a trimmed copy.
    private static func mayStartBold(_ line: String) -> Bool {
        for byte in line.utf8 where byte != 0x20 && !(0x09...0x0D).contains(byte) {
            return byte == UInt8(ascii: "*") || byte >= 0x80
        }
        return false
    }

    /// `**Label**` alone on a line (no colon, nothing after it) → `Label`.
    static func loneBoldLabel(_ line: String) -> String? {
        guard mayStartBold(line) else { return nil }
        let text = line.trimmed
        guard text.hasPrefix("**"), text.hasSuffix("**"), text.utf8.count > 4 else { return nil }
        let inner = text.dropFirst(2).dropLast(2)
        guard !inner.holds("*"), !inner.hasSuffix(":"), !inner.trimmed.isEmpty else { return nil }
        return inner.trimmed
    }

    /// A heading or label reduced to its words: lower-case a–z and 0–9 runs joined by single spaces.
    ///
    /// `## 🔍 Performance Context`, `## üîç Performance Context` and `## performance context` share one key.
    static func key(_ text: String) -> String { Words.joined(text, by: " ") }

    /// ``key(_:)-(String)`` of a slice.
    static func key(_ text: Substring) -> String { Words.joined(text, by: " ") }

    /// `**Label:** value` or `**Label**: value` → (`Label`, `value`); `nil` for any other line.
    static func boldLabel(_ line: String) -> (label: String, value: String)? {
        guard mayStartBold(line) else { return nil }
        let text = line.trimmed
        guard text.hasPrefix("**") else { return nil }
        let afterOpening = text.dropFirst(2)
        guard let closing = afterOpening.asciiRange(of: "**") else { return nil }
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
