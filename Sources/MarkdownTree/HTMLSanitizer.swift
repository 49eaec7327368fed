/// Keeps the raw HTML an issue may hold when a site turns raw HTML on (`rawHTML: true`): an allow-list of tags and
/// attributes, nothing that runs script, and only http(s), mailto and relative URLs, however they are encoded.
///
/// It works on one fragment at a time (each raw HTML node of the document), so an open tag and its close may come
/// in different fragments; an element whose content must go (`script`, `style`, `iframe`, …) is dropped up to its
/// end tag within the fragment, and whatever text lies outside it reads as escaped text.
public enum HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
        "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "u", "ul", "var",
    ]
    /// Elements dropped with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "select",
        "form", "frameset", "frame", "applet", "xmp", "noembed", "noframes", "title", "head",
    ]
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "class"]
    static let tagAttributes: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt", "width", "height"], "td": ["align", "colspan", "rowspan"],
        "th": ["align", "colspan", "rowspan", "scope"], "ol": ["start"], "details": ["open"], "abbr": [], "q": ["cite"],
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// The fragment with everything outside the allow-list removed.
    public static func sanitize(_ html: String) -> String {
        var output = ""
        var scanner = Substring(html)
        var dropping: String?
        // Text between tags passes as cmark gave it: a '<' in it is handled below, '&' may start an entity.
        while let open = scanner.firstIndex(of: "<") {
            if dropping == nil { output += scanner[..<open] }
            scanner = scanner[open...]
            guard let tag = Tag(parsing: &scanner) else {
                // A '<' that opens no tag is text.
                if dropping == nil { output += "&lt;" }
                scanner = scanner.dropFirst()
                continue
            }
            if let dropped = dropping {
                if tag.isEnd && tag.name == dropped { dropping = nil }
                continue
            }
            if droppedWithContent.contains(tag.name) {
                if !tag.isEnd && !tag.selfClosing { dropping = tag.name }
                continue
            }
            guard allowedTags.contains(tag.name), tag.kind == .element else { continue }
            output += tag.isEnd ? "</\(tag.name)>" : render(tag)
        }
        if dropping == nil { output += scanner }
        return output
    }

    private static func render(_ tag: Tag) -> String {
        let allowed = globalAttributes.union(tagAttributes[tag.name] ?? [])
        var text = "<\(tag.name)"
        for (name, value) in tag.attributes where allowed.contains(name) {
            if urlAttributes.contains(name), !isSafeURL(value) { continue }
            if name == "class", !value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " })
            {
                continue
            }
            text += " \(name)=\"\(escapeAttribute(decodeEntities(value)))\""
        }
        return text + (tag.selfClosing || ["br", "hr", "img"].contains(tag.name) ? " />" : ">")
    }

    /// Relative URLs, `http:`, `https:` and `mailto:` only, judged after entities are decoded and control characters
    /// and white space (which browsers skip inside a scheme) are removed.
    static func isSafeURL(_ value: String) -> Bool {
        let decoded = decodeEntities(value)
        let compact = String(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init))
            .lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let beforeColon = compact[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return ["http", "https", "mailto"].contains(String(beforeColon))
    }

    /// Decodes numeric character references and the few named ones that can spell a scheme.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            let body = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            var consumed = 1 + body.count
            if rest.dropFirst(consumed).first == ";" { consumed += 1 }
            var scalar: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                let named: [String: Unicode.Scalar] = [
                    "colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "amp": "&", "lt": "<", "gt": ">",
                    "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
                ]
                scalar = named[body.lowercased()]
            }
            if let scalar, !body.isEmpty {
                result.unicodeScalars.append(scalar)
                rest = rest.dropFirst(consumed)
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func escapeAttribute(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// One tag read from raw HTML.
private struct Tag {
    enum Kind { case element, comment, declaration }
    var kind = Kind.element
    var name = ""
    var isEnd = false
    var selfClosing = false
    /// Attributes with their values decoded as a browser would (quotes removed, entities kept for the URL check).
    var attributes: [(String, String)] = []

    /// Reads a tag at the start of `text` (which starts with `<`) and moves past it; `nil` when `<` opens no tag.
    init?(parsing text: inout Substring) {
        var rest = text.dropFirst()
        if rest.hasPrefix("!--") {
            guard let end = rest.range(of: "-->") else { text = text[text.endIndex...]; kind = .comment; return }
            text = rest[end.upperBound...]
            kind = .comment
            return
        }
        if rest.first == "!" || rest.first == "?" {
            guard let end = rest.firstIndex(of: ">") else { return nil }
            text = rest[rest.index(after: end)...]
            kind = .declaration
            return
        }
        if rest.first == "/" {
            isEnd = true
            rest = rest.dropFirst()
        }
        guard let first = rest.first, first.isASCII, first.isLetter else { return nil }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        self.name = name.lowercased()
        rest = rest.dropFirst(name.count)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "/" && rest.dropFirst().first != ">" }
            guard let next = rest.first else { return nil }
            if next == ">" {
                text = rest.dropFirst()
                return
            }
            if rest.hasPrefix("/>") {
                selfClosing = true
                text = rest.dropFirst(2)
                return
            }
            let attributeName = rest.prefix { !$0.isWhitespace && $0 != "=" && $0 != ">" && $0 != "/" }
            guard !attributeName.isEmpty else {
                rest = rest.dropFirst()
                continue
            }
            rest = rest.dropFirst(attributeName.count).drop(while: \.isWhitespace)
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop(while: \.isWhitespace)
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    let inner = rest.dropFirst()
                    guard let close = inner.firstIndex(of: quote) else { return nil }
                    value = String(inner[..<close])
                    rest = inner[inner.index(after: close)...]
                } else {
                    let bare = rest.prefix { !$0.isWhitespace && $0 != ">" }
                    value = String(bare)
                    rest = rest.dropFirst(bare.count)
                }
            }
            attributes.append((attributeName.lowercased(), value))
        }
    }
}
