import Mustache

/// Escaping text for HTML, SVG and XML, one pass over the UTF-8 bytes.
///
/// Every page's text goes through it, so it returns the text itself when nothing needs escaping (most values). It
/// works on bytes rather than `Character`s on purpose: swift-mustache's own escape compares whole grapheme clusters,
/// so a quote followed by a combining mark (`"\u{301}`) is one `Character`, is not escaped, and ends an attribute.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by their entities.
    static func escaped(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ $0.contains(where: needsEscape) }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 32)
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` to `output` with the same entities as ``escaped(_:)``.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard var next = bytes.firstIndex(where: needsEscape) else { return output.append(contentsOf: bytes) }
            output.append(contentsOf: bytes[..<next])
            while next < bytes.count {
                let byte = bytes[next]
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
                next += 1
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// The content type every template is rendered with: HTML, escaped by ``HTMLText``, writing the same entities as
/// swift-mustache's own escape.
///
/// swift-mustache escapes with its own type unless a template names another with `{{% CONTENT_TYPE: … }}`, and it
/// goes back to its own at every partial; so ``Theme/library()`` puts ``pragma`` on a line of its own above every
/// template (a standalone tag: it writes nothing), and a site's own templates need no change.
struct PageContentType: MustacheContentType {
    /// The line that selects this type, registering it with swift-mustache's global registry on first use.
    static let pragma: String = {
        MustacheContentTypes.register(PageContentType(), named: "PerfsiteHTML")
        return "{{% CONTENT_TYPE: PerfsiteHTML }}\n"
    }()

    func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
}

/// A view model's text or number as swift-mustache should render it.
///
/// swift-mustache tries a value against several protocols (custom representation, template, custom rendering,
/// lambda, optional) before it falls back to `String(describing:)`; those checks were a fifth of rendering. This type
/// answers the third of them, so it is rendered at once. It keeps the value's transforms (`{{uppercased(title)}}`,
/// `{{plusone(count)}}`) by handing them to the value.
struct MustacheText: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    // Small enough to sit inside an `Any` without a heap box: the text and whether it was a number.
    let renderText: String
    private let isNumber: Bool

    init(_ text: String) {
        renderText = text
        isNumber = false
    }

    init(_ number: Int) {
        renderText = String(number)
        isNumber = true
    }

    var isNull: Bool { false }

    func transform(_ name: String) -> Any? {
        isNumber ? Int(renderText).flatMap { $0.transform(name) } : renderText.transform(name)
    }

    /// Names have no value inside a section opened on text (`{{#priority}}…{{/priority}}`): they are looked up
    /// in the enclosing objects, as they are for a plain `String`.
    func child(named name: String) -> Any? { nil }
}
