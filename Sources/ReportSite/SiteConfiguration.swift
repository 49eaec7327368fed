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
/// closeWithin: {P0: 7, P1: 30}    # days an issue of each priority may stay open
/// staleAfterDays: 60              # an open issue not updated for longer is stale
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
    /// The repository the issues are filed in (`https://github.com/org/repo`): links to its issues in a body
    /// count as related issues.
    public var repository: String?
    /// The branch the content files are browsed on (`branch:`, `HEAD` by default: the repository's default
    /// branch), for links from each figure to its line.
    public var branch = "HEAD"
    /// Files larger than this are left out with an error (`maxFileSizeMB`, 10 by default).
    public var maxFileSizeMB: Double = 10
    /// Rows per page of the issue index and of each component, layer and type page (`paginate`, 100 by default;
    /// 0 puts every list on one page).
    public var paginate = 100
    /// Whether raw HTML in issue bodies is kept, through an allow-list sanitiser (`rawHTML: true`; off by default).
    public var rawHTML = false
    /// How many days an issue of each priority may stay open (`closeWithin: {P0: 7, P1: 30}`; none by default).
    public var closeWithin: [Priority: Int] = [:]
    /// How many days without an update make an open issue stale (`staleAfterDays`, 60 by default, as GitHub's
    /// `actions/stale`).
    public var staleAfterDays = 60
    /// Whether the site gets a Pagefind search index and page (`search`, on by default).
    public var search = true

    /// The template's schema and nothing else.
    public init() {}

    /// The keys `perfsite.yml` may hold; any other is an error, with the nearest of these suggested.
    static let keys = [
        "title", "baseURL", "repository", "branch", "maxFileSizeMB", "paginate", "rawHTML", "closeWithin",
        "staleAfterDays", "search", "schema",
    ]
    /// The longest `closeWithin` and `staleAfterDays`: ten years.
    static let daysLimit = 3653
    /// The keys of one `schema` entry.
    static let groupKeys = ["group", "title", "names", "items", "rename", "remove"]
    /// Folders of the site that a group added in perfsite.yml may not take as its id (its pages' folder).
    static let reservedGroupIDs: Set<String> = ["issues", "assets", "data", "components", "layers", "types", "index"]
    /// The largest `maxFileSizeMB`: a file of a gigabyte is no issue anyone wrote.
    static let maxFileSizeLimit = 1024.0
    /// The largest `paginate`.
    static let paginateLimit = 100_000

    /// Reads `perfsite.yml` text; `file` names it in errors. Every key is checked, and so is every value's type
    /// and range: a mistake is an error naming the file and line, never a setting silently ignored.
    public init(yaml: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw SiteError(
                "\(file) is not valid YAML: \(error)".replacing("\n", with: " ").trimmingCharacters(in: .whitespaces))
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            throw SiteError(
                "\(file):\(root.mark?.line ?? 1): perfsite.yml must be 'key: value' lines, like 'title: Perf'")
        }
        func line(_ node: Node) -> String { "\(file):\(node.mark?.line ?? 1)" }
        try Self.checkKeys(of: mapping, known: Self.keys, file: file, what: "key")
        /// A value that must be one line of text.
        func text(_ key: String) throws -> String? {
            guard let node = mapping[key] else { return nil }
            guard let scalar = node.scalar else { throw SiteError("\(line(node)): '\(key)' must be text, on one line") }
            return scalar.string
        }
        if let title = try text("title").map(ControlCharacters.stripped), !title.isEmpty { self.title = title }
        if let url = try text("baseURL"), !url.isEmpty {
            guard Self.isSiteAddress(url) else {
                throw SiteError(
                    "\(line(mapping["baseURL"]!)): 'baseURL' must be an absolute http(s) address, like "
                        + "https://example.org/perf/, not '\(url)'")
            }
            baseURL = url
        }
        if let url = try text("repository"), !url.isEmpty {
            guard Self.isSiteAddress(url) else {
                throw SiteError(
                    "\(line(mapping["repository"]!)): 'repository' must be the repository's address, like "
                        + "https://github.com/org/repo, not '\(url)'")
            }
            repository = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let name = try text("branch"), !name.isEmpty {
            guard !name.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "\\" }),
                !name.hasPrefix("/"), !name.contains("..")
            else {
                throw SiteError("\(line(mapping["branch"]!)): 'branch' must be a branch name, like main, not '\(name)'")
            }
            branch = name
        }
        if let node = mapping["rawHTML"] {
            guard let value = node.scalar?.string.lowercased(), ["true", "false"].contains(value) else {
                throw SiteError("\(line(node)): 'rawHTML' must be true or false")
            }
            rawHTML = value == "true"
        }
        if let node = mapping["search"] {
            guard let value = node.scalar?.string.lowercased(), ["true", "false"].contains(value) else {
                throw SiteError("\(line(node)): 'search' must be true or false")
            }
            search = value == "true"
        }
        if let node = mapping["maxFileSizeMB"] {
            guard let limit = node.scalar.flatMap({ Double($0.string) }), limit > 0, limit <= Self.maxFileSizeLimit
            else {
                throw SiteError(
                    "\(line(node)): 'maxFileSizeMB' must be a number of megabytes above 0 and at most "
                        + "\(Int(Self.maxFileSizeLimit)), like 10")
            }
            maxFileSizeMB = limit
        }
        if let node = mapping["paginate"] {
            guard let rows = node.scalar.flatMap({ Int($0.string) }), rows >= 0, rows <= Self.paginateLimit else {
                throw SiteError(
                    "\(line(node)): 'paginate' must be a whole number of rows per page, like 100, at most "
                        + "\(Self.paginateLimit) (0 puts every list on one page)")
            }
            paginate = rows
        }
        if let node = mapping["closeWithin"] {
            guard let limits = node.mapping else {
                throw SiteError("\(line(node)): 'closeWithin' must map priorities to days, like {P0: 7, P1: 30}")
            }
            for (key, value) in limits {
                let name = key.scalar?.string ?? ""
                guard let priority = Priority(rawValue: name.uppercased()) else {
                    throw SiteError(
                        "\(line(key)): 'closeWithin' has '\(name)', which is no priority: use P0, P1, P2 or P3")
                }
                guard let days = value.scalar.flatMap({ Int($0.string) }), days > 0, days <= Self.daysLimit else {
                    throw SiteError(
                        "\(line(value)): 'closeWithin' gives \(priority.rawValue) '\(value.scalar?.string ?? "")': "
                            + "write a whole number of days from 1 to \(Self.daysLimit), like \(priority.rawValue): 7")
                }
                closeWithin[priority] = days
            }
        }
        if let node = mapping["staleAfterDays"] {
            guard let days = node.scalar.flatMap({ Int($0.string) }), days > 0, days <= Self.daysLimit else {
                throw SiteError(
                    "\(line(node)): 'staleAfterDays' must be a whole number of days from 1 to \(Self.daysLimit), "
                        + "like 60")
            }
            staleAfterDays = days
        }
        guard let groups = mapping["schema"] else { return }
        guard let entries = groups.sequence else {
            throw SiteError("\(line(groups)): 'schema' must be a list of groups")
        }
        for entry in entries {
            guard let fields = entry.mapping else {
                throw SiteError("\(line(entry)): each schema entry needs 'group: <id>'")
            }
            try Self.checkKeys(of: fields, known: Self.groupKeys, file: file, what: "key of a schema entry")
            guard let id = fields["group"]?.scalar?.string, !id.isEmpty else {
                throw SiteError("\(line(entry)): each schema entry needs 'group: <id>'")
            }
            let groupID = ChoiceGroup.ID(rawValue: id)
            func strings(_ key: String) throws -> [String] {
                guard let node = fields[key] else { return [] }
                guard let list = node.sequence, list.allSatisfy({ $0.scalar != nil }) else {
                    throw SiteError("\(line(node)): '\(key)' must be a list of names, like [GPU, TPU]")
                }
                return list.compactMap { $0.scalar?.string }
            }
            if let node = fields["title"], node.scalar == nil {
                throw SiteError("\(line(node)): 'title' must be text, on one line")
            }
            if schema.group(groupID) == nil, Self.reservedGroupIDs.contains(id) {
                throw SiteError(
                    "\(line(entry)): a new group cannot be named '\(id)': its pages would take the site's '\(id)/' "
                        + "folder; choose another id")
            }
            var group =
                schema.group(groupID)
                ?? ChoiceGroup(id: groupID, title: fields["title"]?.scalar?.string ?? id, names: [], items: [])
            if schema.group(groupID) == nil { group.isAddedBySite = true }
            if let title = fields["title"]?.scalar?.string { group.title = title }
            group.names += try strings("names") + [group.title]
            for label in try strings("items") {
                let item = ChoiceItem(label)
                guard let same = group.items.first(where: { $0.id == item.id }) else {
                    group.items.append(item)
                    continue
                }
                // The same label again adds nothing; another label with the same id would share its page.
                guard same.label.lowercased() == label.lowercased() else {
                    throw SiteError(
                        "\(line(fields["items"]!)): the items '\(same.label)' and '\(label)' of \(id) have one id, "
                            + "'\(item.id)', so they would share a page: rename one")
                }
            }
            if let node = fields["rename"], node.mapping == nil {
                throw SiteError(
                    "\(line(node)): 'rename' must map item ids to new names, like {latency: Response latency}")
            }
            for (key, value) in fields["rename"]?.mapping ?? [:] {
                let old = key.scalar?.string ?? ""
                guard let new = value.scalar?.string, let index = group.items.firstIndex(where: { $0.id == old })
                else {
                    throw SiteError(
                        "\(line(key)): 'rename' names no item '\(old)' of \(id)"
                            + Suggestion.phrase(for: old, in: group.items.map(\.id)))
                }
                // The old label stays an alias: issues written before the rename still count.
                var renamed = ChoiceItem(new)
                renamed.aliases = [group.items[index].label] + group.items[index].aliases
                group.items[index] = renamed
            }
            for removed in try strings("remove") {
                guard let index = group.items.firstIndex(where: { $0.id == removed }) else {
                    throw SiteError(
                        "\(line(fields["remove"]!)): 'remove' names no item '\(removed)' of \(id)"
                            + Suggestion.phrase(for: removed, in: group.items.map(\.id)))
                }
                group.items.remove(at: index)
            }
            try Self.checkIDs(of: group, line: line(entry))
            if let index = schema.groups.firstIndex(where: { $0.id == groupID }) {
                schema.groups[index] = group
            } else {
                schema.groups.append(group)
            }
        }
    }

    /// An error when two items of `group` share an id (after a rename) or an item's id is `index`, the name of
    /// the group's index page.
    private static func checkIDs(of group: ChoiceGroup, line: String) throws {
        var seen: [String: String] = [:]
        for item in group.items {
            if item.id == "index" {
                throw SiteError(
                    "\(line): the item '\(item.label)' of \(group.id.rawValue) has the id 'index', the name of the "
                        + "group's index page: rename it")
            }
            if let other = seen[item.id] {
                throw SiteError(
                    "\(line): the items '\(other)' and '\(item.label)' of \(group.id.rawValue) have one id, "
                        + "'\(item.id)', so they would share a page: rename one")
            }
            seen[item.id] = item.label
        }
    }

    /// An error for the first key of `mapping` that is not `known`, suggesting the nearest known one.
    private static func checkKeys(of mapping: Node.Mapping, known: [String], file: String, what: String) throws {
        for key in mapping.keys {
            let name = key.scalar?.string ?? ""
            guard !known.contains(name) else { continue }
            let suggestion = Suggestion.nearest(to: name, in: known)
            throw SiteError(
                "\(file):\(key.mark?.line ?? 1): unknown \(what) '\(name)'"
                    + (suggestion.map { ": did you mean '\($0)'?" }
                        ?? ": perfsite.yml takes \(known.map { "'\($0)'" }.joined(separator: ", "))"))
        }
    }

    /// Whether `text` is an absolute http(s) address with a host and no spaces, as `--base-url` must be.
    public static func isSiteAddress(_ text: String) -> Bool {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !text.contains(where: \.isWhitespace),
            let url = URL(string: text), let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Reads the file if it exists; a missing file means the defaults, unless `required` (a `--config` given).
    static func load(from url: URL, required: Bool = false) throws -> SiteConfiguration {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            guard !required else {
                throw SiteError("the configuration file '\(url.relativePath)' does not exist: check the --config path")
            }
            return SiteConfiguration()
        }
        return try SiteConfiguration(yaml: String(decoding: data, as: UTF8.self), file: url.relativePath)
    }
}
