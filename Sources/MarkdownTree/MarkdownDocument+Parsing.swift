import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The only file that touches C. It registers the GFM extensions once, parses, walks the tree with cmark's own
// iterator (no recursion), copies what later stages need into Swift values, and frees the C memory before it returns.

/// cmark-gfm 0.29.0.gfm.6 keeps the inline parser's special-character table in a C global that
/// `cmark_parser_finish` rewrites for each parser's extensions; two finishes at once lose strikethrough and
/// autolinks (github/cmark-gfm PR #176). Block parsing and rendering are safe to run in parallel; finishing is not.
private let finishLock = NSLock()

/// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe; a `static let` runs it exactly once.
private enum Extensions {
    static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()
    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
}

extension MarkdownDocument {
    /// Parses GitHub-flavoured Markdown with cmark-gfm.
    ///
    /// - Parameters:
    ///   - text: the Markdown source.
    ///   - firstLine: the line of the file on which `text` starts, so that block lines name lines of the file.
    ///   - rendersHTML: whether to render the body as HTML (raw HTML is omitted: `CMARK_OPT_UNSAFE` is never set).
    ///   - allowsRawHTML: keep raw HTML, passed through ``HTMLSanitizer`` (a site's `rawHTML: true`).
    public init(parsing text: String, firstLine: Int = 1, rendersHTML: Bool = true, allowsRawHTML: Bool = false) {
        _ = Extensions.registered
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm could not allocate a parser") }
        defer { cmark_parser_free(parser) }
        for name in Extensions.names {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var source = text
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        finishLock.lock()
        let root = cmark_parser_finish(parser)
        finishLock.unlock()
        guard let root else { fatalError("cmark-gfm returned no document") }
        defer { cmark_node_free(root) }

        let blocks = BlockCollector(lineOffset: firstLine - 1).collect(root)
        if rendersHTML && allowsRawHTML { RawHTML.sanitize(in: root) }
        var html: String?
        // GitHub shows a line break inside an issue's paragraph as a break: so does the page.
        let renderOptions = options | CMARK_OPT_HARDBREAKS
        if rendersHTML,
            let rendered = cmark_render_html(root, renderOptions, cmark_parser_get_syntax_extensions(parser))
        {
            html = rendered.withMemoryRebound(to: UInt8.self, capacity: strlen(rendered) + 1) { bytes in
                HTMLFinishing.finish(UnsafeBufferPointer(start: bytes, count: strlen(rendered)))
            }
            free(rendered)
        }
        self.init(blocks: blocks, html: html)
    }
}

/// What cmark-gfm's HTML still needs before it is published, done in one pass over its bytes (it runs on every
/// body, so it never searches the text more than once):
/// - cmark's safe mode blanks `javascript:`, `vbscript:` and `file:` URLs but keeps `data:image/…`; no `data:` URL from
///   an issue is published. cmark writes every URL as `href="…"` or `src="…"`; the scheme is compared without regard
///   to case.
/// - cmark writes task-list boxes as unlabelled inputs, of which a screen reader announces nothing useful; each box
///   gets a label that says its state.
/// - A code block wider than a phone scrolls sideways: each `<pre>` takes the keyboard's focus, so that it can be
///   scrolled without a mouse (axe's scrollable-region-focusable).
enum HTMLFinishing {
    private static let pre = Array("<pre>".utf8)
    private static let focusablePre = Array(#"<pre tabindex="0">"#.utf8)
    private static let ticked = Array(#"<input type="checkbox" checked="" disabled="" />"#.utf8)
    private static let unticked = Array(#"<input type="checkbox" disabled="" />"#.utf8)
    private static let tickedLabelled = Array(
        #"<input type="checkbox" checked="" disabled="" aria-label="ticked" />"#.utf8)
    private static let untickedLabelled = Array(#"<input type="checkbox" disabled="" aria-label="not ticked" />"#.utf8)

    static func finish(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + 256)
        var index = 0
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<"), html[index...].starts(with: ticked) {
                output.append(contentsOf: tickedLabelled)
                index += ticked.count
            } else if byte == UInt8(ascii: "<"), html[index...].starts(with: unticked) {
                output.append(contentsOf: untickedLabelled)
                index += unticked.count
            } else if byte == UInt8(ascii: "<"), html[index...].starts(with: pre) {
                output.append(contentsOf: focusablePre)
                index += pre.count
            } else if byte == UInt8(ascii: "\""), output.last == UInt8(ascii: "="), opensURL(output),
                isDataURL(html[(index + 1)...])
            {
                // Keep the quotes, drop the value.
                output.append(byte)
                index += 1
                while index < html.count, html[index] != UInt8(ascii: "\"") { index += 1 }
            } else {
                // Up to the next `<` or `"`, copied at once.
                var end = index + 1
                while end < html.count, html[end] != UInt8(ascii: "<"), html[end] != UInt8(ascii: "\"") { end += 1 }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: html[index..<end]))
                index = end
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the output so far ends with `href=` or `src=`.
    private static func opensURL(_ output: [UInt8]) -> Bool {
        output.reversed().starts(with: "=ferh".utf8) || output.reversed().starts(with: "=crs".utf8)
    }

    private static func isDataURL(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        value.count >= 5
            && zip(value.prefix(5), "data:".utf8).allSatisfy { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) == $1 }
    }
}

/// Raw HTML kept on a site's request, without ever rendering unsafely: each raw HTML node is replaced by a custom node
/// whose `on_enter` is the sanitised HTML, which cmark writes as it is while still omitting raw HTML itself.
private enum RawHTML {
    static func sanitize(in root: OpaquePointer) {
        var found: [(node: OpaquePointer, isBlock: Bool)] = []
        guard let iterator = cmark_iter_new(root) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                let name = cmark_node_get_type_string(node)
            else { continue }
            if strcmp(name, "html_block") == 0 { found.append((node, true)) }
            if strcmp(name, "html_inline") == 0 { found.append((node, false)) }
        }
        cmark_iter_free(iterator)
        for (node, isBlock) in found {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            guard let replacement = cmark_node_new(isBlock ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else {
                continue
            }
            _ = cmark_node_set_on_enter(replacement, HTMLSanitizer.sanitize(literal))
            _ = cmark_node_set_on_exit(replacement, "")
            if cmark_node_replace(node, replacement) == 1 {
                cmark_node_free(node)
            } else {
                cmark_node_free(replacement)
            }
        }
    }
}

/// Walks a cmark tree with `cmark_iter` and copies its blocks out as ``MarkdownBlock`` values.
private struct BlockCollector {
    let lineOffset: Int

    func collect(_ root: OpaquePointer) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var depth = 0
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = NodeType(node)
            let line = Int(cmark_node_get_start_line(node)) + lineOffset
            if event == CMARK_EVENT_EXIT {
                if type.isContainer { depth -= 1 }
                continue
            }
            switch type {
            case .list, .blockQuote:
                depth += 1
            case .item, .taskItem:
                let checkbox: Checkbox? =
                    type == .taskItem
                    ? (cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .unchecked) : nil
                var lines: [String] = []
                if let first = cmark_node_first_child(node), NodeType(first) == .paragraph {
                    lines = inlineLines(of: first)
                    blocks.append(MarkdownBlock(.listItem(checkbox: checkbox, lines: lines), line: line, depth: depth))
                    depth += 1
                    // The first paragraph is the item's own text: step over it.
                    cmark_iter_reset(iterator, first, CMARK_EVENT_EXIT)
                } else {
                    blocks.append(MarkdownBlock(.listItem(checkbox: checkbox, lines: lines), line: line, depth: depth))
                    depth += 1
                }
            case .heading:
                let text = inlineLines(of: node).joined(separator: " ")
                blocks.append(
                    MarkdownBlock(
                        .heading(level: Int(cmark_node_get_heading_level(node)), text: text), line: line, depth: depth))
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case .paragraph:
                blocks.append(MarkdownBlock(.paragraph(lines: inlineLines(of: node)), line: line, depth: depth))
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case .codeBlock:
                let info = string(cmark_node_get_fence_info(node))
                let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
                blocks.append(
                    MarkdownBlock(
                        .codeBlock(language: language, code: string(cmark_node_get_literal(node))), line: line,
                        depth: depth))
            case .htmlBlock:
                blocks.append(MarkdownBlock(.html(string(cmark_node_get_literal(node))), line: line, depth: depth))
            case .thematicBreak:
                blocks.append(MarkdownBlock(.thematicBreak, line: line, depth: depth))
            case .table:
                blocks.append(MarkdownBlock(.table(rows: tableRows(of: node)), line: line, depth: depth))
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            case .document, .other:
                break
            }
        }
        return blocks
    }

    /// The inline content of a leaf block as text lines (soft and hard breaks end a line), gathered as bytes and
    /// made a String once a line.
    private func inlineLines(of node: OpaquePointer) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        func append(_ pointer: UnsafePointer<CChar>?) {
            guard let pointer else { return }
            pointer.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                current.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(pointer)))
            }
        }
        guard let iterator = cmark_iter_new(node) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let child = cmark_iter_get_node(iterator), child != node else { continue }
            switch InlineType(child) {
            case .text, .htmlInline:
                if event == CMARK_EVENT_ENTER { append(cmark_node_get_literal(child)) }
            case .code:
                if event == CMARK_EVENT_ENTER {
                    current.append(UInt8(ascii: "`"))
                    append(cmark_node_get_literal(child))
                    current.append(UInt8(ascii: "`"))
                }
            case .strong:
                current.append(UInt8(ascii: "*"))
                current.append(UInt8(ascii: "*"))
            case .lineBreak:
                if event == CMARK_EVENT_ENTER {
                    lines.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            case .other:
                break
            }
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    private func tableRows(of table: OpaquePointer) -> [[String]] {
        var rows: [[String]] = []
        var row = cmark_node_first_child(table)
        while let currentRow = row {
            var cells: [String] = []
            var cell = cmark_node_first_child(currentRow)
            while let currentCell = cell {
                cells.append(inlineLines(of: currentCell).joined(separator: " "))
                cell = cmark_node_next(currentCell)
            }
            rows.append(cells)
            row = cmark_node_next(currentRow)
        }
        return rows
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// Block node types, dispatched on `cmark_node_get_type_string`: extension types have no exported constants.
private enum NodeType: Equatable {
    case document, list, item, taskItem, blockQuote, heading, paragraph, codeBlock, htmlBlock, thematicBreak, table
    case other

    var isContainer: Bool {
        switch self {
        case .list, .item, .taskItem, .blockQuote: true
        default: false
        }
    }

    init(_ node: OpaquePointer) {
        guard let name = cmark_node_get_type_string(node) else {
            self = .other
            return
        }
        self =
            switch true {
            case strcmp(name, "paragraph") == 0: .paragraph
            case strcmp(name, "item") == 0: .item
            case strcmp(name, "tasklist") == 0: .taskItem
            case strcmp(name, "list") == 0: .list
            case strcmp(name, "heading") == 0: .heading
            case strcmp(name, "code_block") == 0: .codeBlock
            case strcmp(name, "block_quote") == 0: .blockQuote
            case strcmp(name, "html_block") == 0: .htmlBlock
            case strcmp(name, "thematic_break") == 0: .thematicBreak
            case strcmp(name, "table") == 0: .table
            case strcmp(name, "document") == 0: .document
            default: .other
            }
    }
}

/// Inline node types that contribute to a block's text.
private enum InlineType {
    case text, htmlInline, code, strong, lineBreak, other

    init(_ node: OpaquePointer) {
        guard let name = cmark_node_get_type_string(node) else {
            self = .other
            return
        }
        self =
            switch true {
            case strcmp(name, "text") == 0: .text
            case strcmp(name, "softbreak") == 0, strcmp(name, "linebreak") == 0: .lineBreak
            case strcmp(name, "code") == 0: .code
            case strcmp(name, "strong") == 0: .strong
            case strcmp(name, "html_inline") == 0: .htmlInline
            default: .other
            }
    }
}
