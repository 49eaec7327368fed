import Mustache
import Synchronization

/// An issue's table row as HTML, rendered through `issue-row.mustache` the first time a table asks for it
/// (`{{{html}}}` in `issue-table.mustache`) and reused by every other table at the same depth: an issue is listed
/// on the issue index and on each of its component, layer and type pages, and its row is the same on all of them,
/// as Hugo renders a page's `.Render "li"` view once for every list.
///
/// The row template sees the row's own fields only, so its output cannot depend on the page it lands on.
struct RowHTML: MustacheCustomRenderable, MustacheRenderedText, FingerprintedValue, Sendable {
    let number: Int
    /// The row's way back to the site's root (`../`).
    let root: String
    /// The row's fields with links relative to the root given.
    let fields: @Sendable (_ root: String) -> IssueRow
    let cache: RowCache

    var renderText: String { cache.html(number: number, root: root, fields: fields) }
    var isNull: Bool { false }

    /// The row's fields already say everything that changes its HTML (the template is in the theme's fingerprint).
    func fingerprint(into fingerprint: inout PageFingerprint) {}
}

/// The rendered rows of one build, once per issue: rendered with a mark (U+0001, which no text of an issue or a
/// template holds: control characters are dropped as files are read) where the way back to the root goes, and the
/// mark replaced by each table's root as it is used, so that an issue listed at two depths (the issue index, an
/// idea's page) is kept once. A row whose own text holds the mark, or a theme that does, is kept for each depth
/// instead. A row's fields are made again for each table that lists it (a few strings), not kept: at 100,000 issues
/// that lowered the peak from 1,890 to 1,636 MB.
final class RowCache: Sendable {
    static let rootMark = "\u{1}"

    private let library: MustacheLibrary
    private let compiled: CompiledLibrary?
    /// Whether rows may be rendered once for every depth: no template of the theme holds the mark.
    private let sharesDepths: Bool
    private let shared = Mutex<[Int: String]>([:])
    private let byDepth = Mutex<[String: String]>([:])

    init(library: MustacheLibrary, compiled: CompiledLibrary?, theme: Theme) {
        self.library = library
        self.compiled = compiled
        sharesDepths = !theme.files.values.contains { $0.contains(0x01) }
    }

    func html(number: Int, root: String, fields: (String) -> IssueRow) -> String {
        if let html = shared.withLock({ $0[number] }) { return Self.placing(root, in: html) }
        let key = "\(number) \(root)"
        if let html = byDepth.withLock({ $0[key] }) { return html }
        if sharesDepths {
            let marked = fields(Self.rootMark)
            if !marked.holdsMarkOutsideItsLinks {
                let html = render(marked)
                shared.withLock { $0[number] = html }
                return Self.placing(root, in: html)
            }
        }
        let html = render(fields(root))
        byDepth.withLock { $0[key] = html }
        return html
    }

    private func render(_ row: IssueRow) -> String {
        let fields = RowFields(row: row)
        var html =
            (compiled.map { $0.render(fields, withTemplate: "issue-row") }
                ?? library.render(fields, withTemplate: "issue-row")) ?? ""
        // The row's own line ends in the table template, where `{{{html}}}` stands on a line of its own.
        if html.hasSuffix("\n") { html.removeLast() }
        return html
    }

    /// `html` with each mark replaced by `root`.
    static func placing(_ root: String, in html: String) -> String {
        var html = html
        var root = root
        return html.withUTF8 { bytes in
            root.withUTF8 { root in
                var output: [UInt8] = []
                output.reserveCapacity(bytes.count + 4 * root.count)
                var start = 0
                for index in bytes.indices where bytes[index] == 0x01 {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    output.append(contentsOf: root)
                    start = index + 1
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                return String(decoding: output, as: UTF8.self)
            }
        }
    }
}

extension IssueRow {
    /// Whether any text of the row but its link's root holds the mark (``RowCache/rootMark``).
    fileprivate var holdsMarkOutsideItsLinks: Bool {
        let texts = [title, state, priority ?? "", priorityClass, effort, components, layers, date, worstGap]
        return href.utf8.dropFirst().contains(0x01) || texts.contains { $0.utf8.contains(0x01) }
    }
}

/// A row as the row template sees it: every field but `html`, so a template that names it cannot recurse.
private struct RowFields: MustacheParent, TemplateObject {
    let row: IssueRow

    func child(named name: String) -> Any? { name == "html" ? nil : row.child(named: name) }
    func templateValue(named name: String) -> TemplateValue {
        name == "html" ? .missing : row.templateValue(named: name)
    }
}
