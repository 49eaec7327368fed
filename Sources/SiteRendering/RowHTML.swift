import Mustache
import Synchronization

/// An issue's table row as HTML, rendered through `issue-row.mustache` the first time a table asks for it
/// (`{{{html}}}` in `issue-table.mustache`) and reused by every other table at the same depth: an issue is listed
/// on the issue index and on each of its component, layer and type pages, and its row is the same on all of them,
/// as Hugo renders a page's `.Render "li"` view once for every list.
///
/// The row template sees the row's own fields only, so its output cannot depend on the page it lands on.
struct RowHTML: MustacheCustomRenderable, MustacheRenderedText, FingerprintedValue, Sendable {
    /// The issue number and the row's way back to the site's root.
    let key: String
    let fields: @Sendable () -> IssueRow
    let cache: RowCache

    var renderText: String { cache.html(for: key) { fields() } }
    var isNull: Bool { false }

    /// The row's fields already say everything that changes its HTML (the template is in the theme's fingerprint).
    func fingerprint(into fingerprint: inout PageFingerprint) {}
}

/// The rendered rows of one build, once per issue and depth. A row's fields are made again for each table that lists
/// it (a few strings), not kept: at 100,000 issues that lowered the peak from 1,890 to 1,636 MB.
final class RowCache: Sendable {
    private let library: MustacheLibrary
    private let compiled: CompiledLibrary?
    private let rows = Mutex<[String: String]>([:])

    init(library: MustacheLibrary, compiled: CompiledLibrary?) {
        self.library = library
        self.compiled = compiled
    }

    func html(for key: String, row: () -> IssueRow) -> String {
        if let html = rows.withLock({ $0[key] }) { return html }
        let fields = RowFields(row: row())
        var html =
            (compiled.map { $0.render(fields, withTemplate: "issue-row") }
                ?? library.render(fields, withTemplate: "issue-row")) ?? ""
        // The row's own line ends in the table template, where `{{{html}}}` stands on a line of its own.
        if html.hasSuffix("\n") { html.removeLast() }
        rows.withLock { $0[key] = html }
        return html
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
