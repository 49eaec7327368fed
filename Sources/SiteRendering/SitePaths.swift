import ReportModel

/// Where each page lives in the output, and how pages link to each other: always relative.
public enum SitePaths {
    /// `issues/42-upload-is-slow.html`.
    static func issue(_ issue: Issue) -> String { "issues/\(issue.number)-\(slug(issue.title)).html" }

    /// `components/job-queue.html`, `layers/adapters.html`, `types/latency.html`.
    static func item(_ id: String, in group: ChoiceGroup.ID) -> String { "\(folder(of: group))/\(slug(id)).html" }

    /// The folder of a group's pages.
    static func folder(of group: ChoiceGroup.ID) -> String {
        switch group {
        case .components: "components"
        case .layers: "layers"
        default: "types"
        }
    }

    /// The prefix from a page back to the site's root: `""` at the top, `"../"` one folder down.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.count { $0 == "/" })
    }

    /// A safe file-name part: lower-case a–z and 0–9 words joined by `-`, at most 60 characters and cut
    /// between words, never empty, never a path separator.
    public static func slug(_ text: String) -> String {
        var slug = ChoiceItem.id(for: text)
        if slug.count > 60 {
            slug = String(slug.prefix(61))
            if let lastDash = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: lastDash) >= 30 {
                slug = String(slug[..<lastDash])
            } else {
                slug = String(slug.prefix(60))
            }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "issue" : slug
    }
}
