/// The site's Mustache templates parsed once, at load time, into trees that render straight into bytes against the
/// view models' generated lookups (``TemplateObject``), with no dynamic cast, no key split and no string joined per
/// lookup. swift-mustache stays the reference: the tree is built by a port of its parser, so that every text, tag and
/// standalone line comes out where swift-mustache puts it, and a differential test renders every built-in template,
/// the golden site and generated templates with both and demands the same bytes.
///
/// A template that uses what this engine does not do (transforms such as `{{uppercased(title)}}`, dynamic partials,
/// another content type) makes ``CompiledLibrary/init(templates:)`` return `nil`, and the site is rendered by
/// swift-mustache: the output is the same, only slower.
struct CompiledLibrary: Sendable {
    private let templates: [String: [TemplateNode]]

    /// Parses every template (each as ``Theme/library()`` registers it, the content-type pragma first); `nil` when
    /// one uses something only swift-mustache renders.
    init?(templates: [String: String]) {
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in templates {
            var scanner = TemplateScanner(text)
            guard let nodes = try? TemplateParser.parse(&scanner, state: TemplateParser.State()) else { return nil }
            parsed[name] = nodes
        }
        self.templates = parsed
    }

    /// `template` rendered with `model` at the bottom of the context stack; `nil` when there is no such template.
    func render(_ model: any TemplateObject, withTemplate name: String) -> String? {
        renderBytes(model, withTemplate: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``render(_:withTemplate:)`` as the UTF-8 bytes it writes.
    func renderBytes(_ model: any TemplateObject, withTemplate name: String) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        var context = RenderContext(stack: [.object(model)], indentation: nil, inherited: nil)
        context.stack.reserveCapacity(8)
        render(nodes, &context, into: &output)
        return output
    }

    // MARK: Rendering, as swift-mustache's `Template+Render.swift` does

    // One context is passed down and changed in place: a section pushes its value and pops it when done, a partial
    // or block sets its indentation and overrides and puts the outer ones back, so no stack is copied per element.
    private func render(_ nodes: [TemplateNode], _ context: inout RenderContext, into output: inout [UInt8]) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &context, into: &output) }
            return
        }
        // Inside an indented partial: a node's output that starts a line (of this template's output) is indented.
        let start = output.count
        for node in nodes {
            let before = output.count
            render(node, &context, into: &output)
            guard output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n"),
                before - 1 == start || output[before - 2] != UInt8(ascii: "\r")
            else { continue }
            output.insert(contentsOf: indentation, at: before)
        }
    }

    private func render(_ node: TemplateNode, _ context: inout RenderContext, into output: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            write(context.lookup(name), escaped: escaped, into: &output)
        case .section(let name, let inverted, let children):
            let value = context.lookup(name)
            if inverted {
                guard value.isFalsy else { return }
                // An empty list is pushed, as swift-mustache pushes the sequence (`{{.}}` shows `[]`).
                switch value {
                case .list, .texts, .numbers: render(children, pushing: value, &context, into: &output)
                default: render(children, &context, into: &output)
                }
                return
            }
            switch value {
            case .missing, .bool(false): return
            case .bool(true): render(children, &context, into: &output)
            case .list(let list):
                for index in 0..<list.count {
                    render(children, pushing: .object(list.element(at: index)), &context, into: &output)
                }
            case .texts(let texts):
                for text in texts { render(children, pushing: .text(text), &context, into: &output) }
            case .numbers(let numbers):
                for number in numbers { render(children, pushing: .text(String(number)), &context, into: &output) }
            case .rendered(let value) where value.isNull: return
            case .text, .object, .rendered, .other:
                render(children, pushing: value, &context, into: &output)
            }
        case .partial(let name, let indentation, let inherits):
            guard let nodes = templates[name] else { return }
            let outer = (context.indentation, context.inherited)
            context.enterPartial(indentation: indentation, inheriting: inherits)
            render(nodes, &context, into: &output)
            (context.indentation, context.inherited) = outer
        case .block(let name, let defaults, let indentation):
            let nodes = context.inherited?[name] ?? defaults
            let outer = context.indentation
            context.indentation = context.indentedMore(indentation)
            render(nodes, &context, into: &output)
            context.indentation = outer
        }
    }

    /// `nodes` rendered with `value` on top of the stack, which is taken off again after.
    private func render(
        _ nodes: [TemplateNode], pushing value: TemplateValue, _ context: inout RenderContext,
        into output: inout [UInt8]
    ) {
        context.stack.append(value)
        render(nodes, &context, into: &output)
        context.stack.removeLast()
    }

    private func write(_ value: TemplateValue, escaped: Bool, into output: inout [UInt8]) {
        let text: String
        switch value {
        case .missing: return
        case .text(let value): text = value
        case .rendered(let value): text = value.renderText
        case .bool(let value): text = String(describing: value)
        case .texts(let value): text = String(describing: value)
        case .numbers(let value): text = String(describing: value)
        case .object(let value): text = String(describing: value)
        case .list(let value): text = String(describing: value)
        case .other(let value): text = String(describing: value)
        }
        if escaped { HTMLText.appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
    }
}

/// What a name is in a view model, for the compiled templates: `missing` lets the lookup go on down the stack, as a
/// `nil` does in swift-mustache.
enum TemplateValue {
    case missing
    /// Text or a number, as ``MustacheText`` hands it to swift-mustache.
    case text(String)
    case bool(Bool)
    case object(any TemplateObject)
    case list(any TemplateList)
    /// A list of texts (`{{#cells}}{{.}}{{/cells}}`).
    case texts([String])
    /// A list of numbers, kept as numbers so that `{{numbers}}` shows `[1, 2]` as swift-mustache does.
    case numbers([Int])
    /// A value that renders itself (an issue's table row, ``RowHTML``).
    case rendered(any MustacheRenderedText)
    /// Anything else, shown as `String(describing:)` shows it, as swift-mustache does.
    case other(Any)

    /// Whether an inverted section shows: nothing there, `false`, an empty list, or a value that says it is null.
    var isFalsy: Bool {
        switch self {
        case .missing, .bool(false): true
        case .list(let list): list.count == 0
        case .texts(let texts): texts.isEmpty
        case .numbers(let numbers): numbers.isEmpty
        case .rendered(let value): value.isNull
        default: false
        }
    }
}

/// A view model whose names the compiled templates look up; `scripts/embed-view-models.py` writes the lookups.
protocol TemplateObject {
    func templateValue(named name: String) -> TemplateValue
}

/// A list of view models, without making an array of existentials of it first.
protocol TemplateList {
    var count: Int { get }
    func element(at index: Int) -> any TemplateObject
}

extension Array: TemplateList where Element: TemplateObject {
    func element(at index: Int) -> any TemplateObject { self[index] }
}

/// A value with its own text (``RowHTML``), for both engines.
protocol MustacheRenderedText {
    var renderText: String { get }
    var isNull: Bool { get }
}

/// The context stack of a render, with the indentation and the block overrides of the partial being rendered.
private struct RenderContext {
    var stack: [TemplateValue]
    var indentation: [UInt8]?
    var inherited: [String: [TemplateNode]]?

    /// Into a partial: its indentation added, its block overrides merged under the outer template's.
    mutating func enterPartial(indentation indented: [UInt8]?, inheriting: [String: [TemplateNode]]?) {
        if let inheriting {
            // The outer template's blocks win, as swift-mustache merges them.
            inherited = inherited.map { $0.merging(inheriting) { outer, _ in outer } } ?? inheriting
        }
        indentation = indentedMore(indented)
    }

    func indentedMore(_ indented: [UInt8]?) -> [UInt8]? {
        guard let indented else { return indentation }
        return (indentation ?? []) + indented
    }

    /// A name's value: `.` is the top of the stack; `a.b` looks `a` up from the top down and `b` in it only;
    /// `.a` looks in the top only.
    func lookup(_ name: TemplateName) -> TemplateValue {
        switch name {
        case .current: return stack.last ?? .missing
        case .path(let names, let topOnly):
            var value: TemplateValue = .missing
            if topOnly {
                value = child(names[0], of: stack.last ?? .missing)
            } else {
                for frame in stack.reversed() {
                    value = child(names[0], of: frame)
                    if case .missing = value { continue }
                    break
                }
            }
            for name in names.dropFirst() {
                if case .missing = value { return .missing }
                value = child(name, of: value)
            }
            return value
        }
    }

    private func child(_ name: String, of value: TemplateValue) -> TemplateValue {
        if case .object(let object) = value { return object.templateValue(named: name) }
        return .missing
    }
}

/// A name in a tag, split once when the template is parsed.
enum TemplateName: Sendable {
    /// `{{.}}`
    case current
    /// `{{a.b}}`, or `{{.a}}` (looked up in the top of the stack only).
    case path([String], topOnly: Bool)

    init(_ text: String) {
        let names = text.split(separator: ".").map(String.init)
        // `.`, and names of dots only (`..`), are the top of the stack, as in swift-mustache.
        self = names.isEmpty ? .current : .path(names, topOnly: text.first == ".")
    }
}

/// A parsed template's parts.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, inverted: Bool, [TemplateNode])
    /// `{{>name}}` or `{{<name}}…{{/name}}`: the indentation of a standalone partial, and the blocks it overrides.
    case partial(String, indentation: [UInt8]?, inherits: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}`
    case block(String, defaults: [TemplateNode], indentation: [UInt8]?)
}

/// What the parser meets: a tag this engine leaves to swift-mustache, or text swift-mustache would not parse.
private struct UnsupportedTemplate: Error {}

/// The characters of a template and a position in them, as swift-mustache's `Parser` reads them.
struct TemplateScanner {
    let buffer: String
    var position: String.Index

    init(_ text: String) {
        buffer = text
        position = text.startIndex
    }

    var reachedEnd: Bool { position == buffer.endIndex }
    /// The current character, `"\0"` at the end.
    var current: Character { reachedEnd ? "\0" : buffer[position] }

    mutating func advance() { position = buffer.index(after: position) }
    mutating func retreat() { position = buffer.index(before: position) }

    /// Consumes `character` if it is next.
    mutating func read(_ character: Character) throws -> Bool {
        guard !reachedEnd else { throw UnsupportedTemplate() }
        if buffer[position] == character {
            advance()
            return true
        }
        return false
    }

    /// Consumes `string` if it is next; throws when fewer characters are left than it has.
    mutating func read(string: String) throws -> Bool {
        guard !string.isEmpty else { return true }
        guard buffer.distance(from: position, to: buffer.endIndex) >= string.count else { throw UnsupportedTemplate() }
        let end = buffer.index(position, offsetBy: string.count)
        guard buffer[position..<end] == string else { return false }
        position = end
        return true
    }

    @discardableResult mutating func read(while test: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd, test(buffer[position]) { advance() }
        return buffer[start..<position]
    }

    /// Reads up to a character that passes `test`; without one, to the end, or throws with `throwing`.
    mutating func read(until test: (Character) -> Bool, throwing: Bool) throws -> Substring {
        let start = position
        while !reachedEnd {
            if test(buffer[position]) { return buffer[start..<position] }
            advance()
        }
        if throwing {
            position = start
            throw UnsupportedTemplate()
        }
        return buffer[start..<position]
    }

    /// Reads past `string` (a comment's end), matching it as swift-mustache's `read(untilString:)` does (after a
    /// partial match it starts again at the next character); throws without one.
    mutating func skip(past string: String) throws {
        let start = position
        var index = string.startIndex
        while !reachedEnd {
            if buffer[position] == string[index] {
                index = string.index(after: index)
                if index == string.endIndex {
                    advance()
                    return
                }
            } else {
                index = string.startIndex
            }
            advance()
        }
        position = start
        throw UnsupportedTemplate()
    }
}

/// A port of swift-mustache's `Template+Parser.swift`, producing ``TemplateNode``s.
enum TemplateParser {
    struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter = "{{"
        var endDelimiter = "}}"
        var partialDefinitionIndent: Substring?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// A block definition, which only an inheriting partial's body may hold.
    private static let definitionMarker = "\u{0}definition"

    static func parse(_ parser: inout TemplateScanner, state initial: State) throws -> [TemplateNode] {
        try parse(&parser, state: initial, definitions: nil)
    }

    private static func parse(
        _ parser: inout TemplateScanner, state initial: State,
        definitions: UnsafeMutablePointer<[String: [TemplateNode]]>?
    ) throws -> [TemplateNode] {
        var tokens: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: Substring = ""
        func text(_ string: some StringProtocol) { tokens.append(.text(Array(string.utf8))) }
        while !parser.reachedEnd {
            if state.newLine {
                let whiteSpace = parser.read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let read = try readUntilDelimiterOrNewline(&parser, state: state)
            if parser.current.isNewline {
                text(String(whiteSpaceBefore) + read + String(parser.current))
                state.newLine = true
                parser.advance()
                continue
            }
            if !read.isEmpty {
                text(String(whiteSpaceBefore) + read)
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if parser.reachedEnd { break }
            var setNewLine = false
            switch parser.current {
            case "#", "^":
                let inverted = parser.current == "^"
                parser.advance()
                let name = try parseName(&parser, state: state)
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                let children = try parse(
                    &parser, state: state.withSectionName(name, newLine: setNewLine), definitions: nil)
                tokens.append(.section(TemplateName(name), inverted: inverted, children))
            case "/":
                parser.advance()
                let name = try parseName(&parser, state: state)
                guard name == state.sectionName else { throw UnsupportedTemplate() }
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                return tokens
            case "!":
                parser.advance()
                try parser.skip(past: state.endDelimiter)
                setNewLine = isStandalone(&parser, state: state)
            case "{", "&":
                let triple = parser.current == "{"
                if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                parser.advance()
                let name = try parseName(&parser, state: state)
                if triple { guard try parser.read("}") else { throw UnsupportedTemplate() } }
                tokens.append(.variable(TemplateName(name), escaped: false))
            case ">":
                parser.advance()
                parser.read(while: \.isWhitespace)
                if parser.current == "*" { throw UnsupportedTemplate() }
                let name = try parsePartialName(&parser, state: state)
                if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: Array(whiteSpaceBefore.utf8), inherits: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = ""
            case "<":
                parser.advance()
                parser.read(while: \.isWhitespace)
                let name = try parsePartialName(&parser, state: state)
                if name.first == "*" { throw UnsupportedTemplate() }
                if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                if isStandalone(&parser, state: state) { setNewLine = true }
                var inherits: [String: [TemplateNode]] = [:]
                let body = try withUnsafeMutablePointer(to: &inherits) { pointer in
                    try parse(&parser, state: state.withInheritancePartial(name), definitions: pointer)
                }
                // Only block definitions and text may stand inside: swift-mustache throws on anything else.
                for token in body {
                    guard case .text = token else { throw UnsupportedTemplate() }
                }
                tokens.append(.partial(name, indentation: Array(whiteSpaceBefore.utf8), inherits: inherits))
                whiteSpaceBefore = ""
            case "$":
                parser.advance()
                let name = try parseName(&parser, state: state)
                if state.isPartialDefinitionTopLevel, let definitions {
                    if isStandalone(&parser, state: state) { setNewLine = true }
                    let children = try parse(
                        &parser, state: state.withSectionName(name, newLine: setNewLine), definitions: nil)
                    definitions.pointee[name] = children
                } else {
                    if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                    if isStandalone(&parser, state: state) { setNewLine = true }
                    let children = try parse(
                        &parser, state: state.withSectionName(name, newLine: setNewLine), definitions: nil)
                    tokens.append(.block(name, defaults: children, indentation: Array(whiteSpaceBefore.utf8)))
                    whiteSpaceBefore = ""
                }
            case "=":
                parser.advance()
                state = try setDelimiter(&parser, state: state)
                setNewLine = isStandalone(&parser, state: state)
            case "%":
                parser.advance()
                try readConfigVariable(&parser, state: state)
                setNewLine = isStandalone(&parser, state: state)
            default:
                if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                let name = try parseName(&parser, state: state)
                tokens.append(.variable(TemplateName(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw UnsupportedTemplate() }
        return tokens
    }

    private static func readUntilDelimiterOrNewline(_ parser: inout TemplateScanner, state: State) throws -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var total = ""
        while !parser.reachedEnd {
            total += try parser.read(
                until: { $0.isNewline && ($0 == "\n" || $0 == "\r\n") || $0 == first }, throwing: false)
            if parser.current.isNewline && (parser.current == "\n" || parser.current == "\r\n") {
                break
            } else if parser.current == first {
                if try parser.read(string: state.startDelimiter) { break }
                total.append(first)
                parser.advance()
            }
        }
        return total
    }

    /// A tag's name; a name with a transform (`uppercased(title)`) is left to swift-mustache.
    private static func parseName(_ parser: inout TemplateScanner, state: State) throws -> String {
        parser.read(while: \.isWhitespace)
        let name = String(parser.read(while: sectionNameChars.contains))
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: state.endDelimiter) else { throw UnsupportedTemplate() }
        guard !name.contains("(") && !name.contains(")") else { throw UnsupportedTemplate() }
        return name
    }

    private static func parsePartialName(_ parser: inout TemplateScanner, state: State) throws -> String {
        parser.read(while: \.isWhitespace)
        let name = String(parser.read(while: partialNameChars.contains))
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: state.endDelimiter) else { throw UnsupportedTemplate() }
        return name
    }

    private static func setDelimiter(_ parser: inout TemplateScanner, state: State) throws -> State {
        parser.read(while: \.isWhitespace)
        let start = try parser.read(until: \.isWhitespace, throwing: true)
        parser.read(while: \.isWhitespace)
        let end = try parser.read(until: { $0 == "=" || $0.isWhitespace }, throwing: true)
        parser.read(while: \.isWhitespace)
        guard try parser.read("="), try parser.read(string: state.endDelimiter), !start.isEmpty, !end.isEmpty else {
            throw UnsupportedTemplate()
        }
        var state = state
        state.startDelimiter = String(start)
        state.endDelimiter = String(end)
        state.isPartialDefinitionTopLevel = false
        return state
    }

    /// `{{% CONTENT_TYPE: PerfsiteHTML }}`, the pragma every template starts with; any other is left to swift-mustache.
    private static func readConfigVariable(_ parser: inout TemplateScanner, state: State) throws {
        parser.read(while: \.isWhitespace)
        let variable = parser.read(while: sectionNameCharsWithoutBrackets.contains)
        parser.read(while: \.isWhitespace)
        guard try parser.read(":") else { throw UnsupportedTemplate() }
        parser.read(while: \.isWhitespace)
        let value = parser.read(while: sectionNameCharsWithoutBrackets.contains)
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: state.endDelimiter), variable == "CONTENT_TYPE", value == "PerfsiteHTML" else {
            throw UnsupportedTemplate()
        }
    }

    private static func hasLineFinished(_ parser: inout TemplateScanner) -> Bool {
        if parser.reachedEnd { return true }
        var ahead = parser
        ahead.read { $0 == " " || $0 == "\t" }
        if ahead.current.isNewline {
            ahead.advance()
            parser.position = ahead.position
            return true
        }
        return false
    }

    private static func isStandalone(_ parser: inout TemplateScanner, state: State) -> Bool {
        state.newLine && hasLineFinished(&parser)
    }

    private static let sectionNameCharsWithoutBrackets = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let sectionNameChars = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameChars = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}
