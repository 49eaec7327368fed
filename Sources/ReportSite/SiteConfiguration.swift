import Foundation
import ReportModel
import Yams

/// The settings of `perfsite.yml`.
///
/// ```yaml
/// title: Docking platform performance
/// baseURL: https://perf.example.org/reports/
/// maxFileSizeMB: 10
/// paginate: 100                   # rows per page of the issue index and each group page; 0: one page each
/// rawHTML: false
/// schema:
///   - group: issue-types          # a template group id, or a new one
///     title: Problem Type         # a new display name
///     names: [Problem Type]       # more headings or bold labels that introduce the group
///     items: [GPU]                # items to add
///     rename: {latency: Response latency}
/// ```
public struct SiteConfiguration: Sendable, Equatable {
    /// The schema issues are read with.
    public var schema: IssueSchema = .template
    /// The site's name, in every page's header.
    public var title = "Performance report"
    /// The site's absolute address, for the sitemap, the feed and canonical links.
    public var baseURL: String?
    /// Files larger than this are left out with an error (`maxFileSizeMB`, 10 by default).
    public var maxFileSizeMB: Double = 10
    /// Rows per page of the issue index and of each component, layer and type page (`paginate`, 100 by default;
    /// 0 puts every list on one page).
    public var paginate = 100
    /// Whether raw HTML in issue bodies is kept, through an allow-list sanitiser (`rawHTML: true`; off by default).
    public var rawHTML = false

    /// The template's schema and nothing else.
    public init() {}

    /// Reads `perfsite.yml` text; `file` names it in errors.
    public init(yaml: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SiteError(
                "\(file) is not valid YAML: \(error)".replacing("\n", with: " ").trimmingCharacters(in: .whitespaces))
        }
        guard let mapping = root?.mapping else { return }
        if let title = mapping["title"]?.scalar?.string, !title.isEmpty { self.title = title }
        if let url = mapping["baseURL"]?.scalar?.string, !url.isEmpty { baseURL = url }
        if let node = mapping["rawHTML"] {
            guard let value = node.scalar?.string.lowercased(), ["true", "false"].contains(value) else {
                throw SiteError("\(file):\(node.mark?.line ?? 1): 'rawHTML' must be true or false")
            }
            rawHTML = value == "true"
        }
        if let node = mapping["maxFileSizeMB"] {
            guard let limit = node.scalar.flatMap({ Double($0.string) }), limit > 0 else {
                throw SiteError(
                    "\(file):\(node.mark?.line ?? 1): 'maxFileSizeMB' must be a number of megabytes, like 10")
            }
            maxFileSizeMB = limit
        }
        if let node = mapping["paginate"] {
            guard let rows = node.scalar.flatMap({ Int($0.string) }), rows >= 0 else {
                throw SiteError(
                    "\(file):\(node.mark?.line ?? 1): 'paginate' must be a whole number of rows per page, like 100 "
                        + "(0 puts every list on one page)")
            }
            paginate = rows
        }
        guard let groups = mapping["schema"] else { return }
        guard let entries = groups.sequence else {
            throw SiteError("\(file):\((groups.mark?.line).map(String.init) ?? "1"): 'schema' must be a list of groups")
        }
        for entry in entries {
            let line = entry.mark?.line ?? 1
            guard let fields = entry.mapping, let id = fields["group"]?.scalar?.string, !id.isEmpty else {
                throw SiteError("\(file):\(line): each schema entry needs 'group: <id>'")
            }
            let groupID = ChoiceGroup.ID(rawValue: id)
            let strings = { (key: String) in fields[key]?.sequence?.compactMap { $0.scalar?.string } ?? [] }
            var group =
                schema.group(groupID)
                ?? ChoiceGroup(id: groupID, title: fields["title"]?.scalar?.string ?? id, names: [], items: [])
            if let title = fields["title"]?.scalar?.string { group.title = title }
            group.names += strings("names") + [group.title]
            for label in strings("items") where !group.items.contains(where: { $0.id == ChoiceItem.id(for: label) }) {
                group.items.append(ChoiceItem(label))
            }
            for (key, value) in fields["rename"]?.mapping ?? [:] {
                guard let old = key.scalar?.string, let new = value.scalar?.string,
                    let index = group.items.firstIndex(where: { $0.id == old })
                else {
                    throw SiteError(
                        "\(file):\(key.mark?.line ?? line): 'rename' names no item '\(key.scalar?.string ?? "")' of \(id)"
                    )
                }
                group.items[index] = ChoiceItem(new)
            }
            if let index = schema.groups.firstIndex(where: { $0.id == groupID }) {
                schema.groups[index] = group
            } else {
                schema.groups.append(group)
            }
        }
    }

    /// Reads the file if it exists; a missing file means the defaults.
    static func load(from url: URL) throws -> SiteConfiguration {
        guard let data = FileManager.default.contents(atPath: url.path) else { return SiteConfiguration() }
        return try SiteConfiguration(yaml: String(decoding: data, as: UTF8.self), file: url.relativePath)
    }
}
