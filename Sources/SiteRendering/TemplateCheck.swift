import Mustache
import ReportModel

/// What a site's own templates get wrong without failing to parse: a variable perfsite never sets
/// (`{{page.siteTitel}}` renders as nothing), a partial that does not exist, a file that overrides nothing. Each is a
/// warning naming the template file and line (an error with `--strict`), as Hugo's `--printUnusedTemplates` and
/// Zola's template checks tell their users.
///
/// Names are checked against every name a view model gives a template, plus swift-mustache's own (`first`,
/// `index`, …): Mustache looks a name up through every enclosing context, so a name is known when any model has it.
public enum TemplateCheck {
    /// The names swift-mustache itself gives inside a section over a list.
    static let sequenceNames: Set<String> = ["first", "last", "index", "even", "odd"]

    /// Warnings for the site's own templates, `overrides` (path → bytes), rendered with `theme` (the built-in one
    /// overridden by them); paths are relative to the templates folder.
    public static func warnings(overrides: [String: [UInt8]], theme: Theme) -> [Diagnostic] {
        let known = ViewModelNames.all.union(sequenceNames)
        let templates = Set(theme.files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) })
        var diagnostics: [Diagnostic] = []
        var included: Set<String> = []
        for (path, bytes) in theme.files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let text = String(decoding: bytes, as: UTF8.self)
            for tag in tags(in: text) where tag.kind == .partial {
                included.insert(tag.name)
                guard overrides[path] != nil, !templates.contains(tag.name) else { continue }
                diagnostics.append(
                    Diagnostic(
                        file: path, line: tag.line, severity: .warning,
                        message: "the partial '\(tag.name)' does not exist"
                            + Suggestion.phrase(for: tag.name, in: templates.sorted())
                            + " (the templates are \(templates.sorted().joined(separator: ", ")))"))
            }
            guard overrides[path] != nil else { continue }
            for tag in tags(in: text) where tag.kind == .variable {
                for segment in tag.name.split(separator: ".") where !known.contains(String(segment)) {
                    diagnostics.append(
                        Diagnostic(
                            file: path, line: tag.line, severity: .warning,
                            message: "'\(tag.name)' names no value perfsite gives a template, so it renders as "
                                + "nothing" + Suggestion.phrase(for: String(segment), in: known.sorted())))
                }
            }
        }
        let builtIn = Theme.builtIn.files.keys
        for path in overrides.keys.sorted() where !path.hasPrefix("assets/") && !builtIn.contains(path) {
            let name = String(path.dropLast(path.hasSuffix(".mustache") ? 9 : 0))
            guard !(path.hasSuffix(".mustache") && included.contains(name)) else { continue }
            let builtInTemplates = builtIn.filter { $0.hasSuffix(".mustache") }.sorted()
            diagnostics.append(
                Diagnostic(
                    file: path, line: nil, severity: .warning,
                    message: "it overrides no built-in template and no template includes it, so it is not used"
                        + Suggestion.phrase(for: path, in: builtInTemplates)
                        + " (the built-in templates are \(builtInTemplates.joined(separator: ", ")); files "
                        + "under assets/ are copied as they are)"))
        }
        return diagnostics.sorted()
    }

    /// A `{{…}}` tag that names something.
    struct Tag: Equatable {
        enum Kind { case variable, partial }
        let kind: Kind
        let name: String
        let line: Int
    }

    /// The variable and partial tags of a template, with their lines. Comments, set-delimiter tags and block names
    /// (`{{$name}}`) name nothing to check; after a delimiter change the rest of the template is not checked.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let start = index + 2
            var end = start
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) {
                end += 1
            }
            guard end + 1 < bytes.count else { break }
            var inner = String(decoding: bytes[start..<end], as: UTF8.self)
            let tagLine = line
            line += bytes[start..<end].count { $0 == UInt8(ascii: "\n") }
            index = end + 2
            if bytes.count > index, bytes[index] == UInt8(ascii: "}"), inner.hasPrefix("{") { index += 1 }
            guard let sigil = inner.first else { continue }
            if sigil == "=" { break }
            // A closing tag names what its opening tag named, checked there; `{{/content}}` may close a block.
            if "!$%/".contains(sigil) { continue }
            let kind: Tag.Kind = sigil == ">" || sigil == "<" ? .partial : .variable
            if "#^&{><".contains(sigil) { inner.removeFirst() }
            var name = inner.trimmingCharacters(in: " \t\n")
            // A transform, `count(items)`, names its argument.
            if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
                name = String(name[name.index(after: open)..<close]).trimmingCharacters(in: " \t")
            }
            guard !name.isEmpty, name != "." else { continue }
            tags.append(Tag(kind: kind, name: name, line: tagLine))
        }
        return tags
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

/// A parse error of swift-mustache in words, with its line and column.
enum TemplateParseError {
    static func describe(_ error: any Error, path: String) -> String {
        guard let parserError = error as? MustacheTemplate.ParserError else {
            return "the template '\(path)' cannot be parsed: \(error)"
        }
        let what: String
        switch parserError.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: what = "a section is closed with another name than it was opened with"
        case .unfinishedName?: what = "a tag is not finished: close it with }}"
        case .expectedSectionEnd?: what = "a section is never closed: add its {{/name}}"
        case .invalidSetDelimiter?: what = "a set-delimiter tag is not of the form {{=<% %>=}}"
        case .transformAppliedToInheritanceSection?: what = "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            what = "an inherited partial may hold only {{$block}} sections"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: what = "a {{% … }} pragma is not known"
        case nil: what = "\(parserError.error)"
        }
        let context = parserError.context
        return "the template '\(path)' cannot be parsed at line \(context.lineNumber), column "
            + "\(context.columnNumber): \(what) (the line reads '\(context.line.trimmingCharacters(in: " \t"))')"
    }
}
