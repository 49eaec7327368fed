import ReportAggregation
import ReportModel

/// Where each page lives in the output, and how pages link to each other: always relative.
public enum SitePaths {
    /// `issues/42-upload-is-slow.html` for `0042-upload-is-slow.md`: the issue's number, then its file's name
    /// without the number it starts with, as Hugo and Zola name a page after its file. Editing a title moves no
    /// page and breaks no link; renaming the file does. `issues/42.html` when the name has nothing else.
    static func issue(_ issue: Issue) -> String {
        var name = Substring(issue.path.split(separator: "/").last ?? "")
        if name.hasSuffix(".md") { name = name.dropLast(3) }
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        if Int(digits) == issue.number { name = name.dropFirst(digits.count) }
        let id = Words.joined(name, by: "-")
        return id.isEmpty ? "issues/\(issue.number).html" : "issues/\(issue.number)-\(slug(id: id)).html"
    }

    /// `components/job-queue.html`, `layers/adapters.html`, `types/latency.html`.
    static func item(_ id: String, in group: ChoiceGroup.ID) -> String { "\(folder(of: group))/\(itemFile(id))" }

    /// `optimizations/database/add-missing-indexes.html`: an optimization idea's page, as Hugo's taxonomy term
    /// pages sit in their taxonomy's folder.
    static func idea(_ entry: CatalogueEntry) -> String {
        "optimizations/\(slug(id: entry.category))/\(itemFile(entry.id))"
    }

    /// `job-queue.html`: an item's page within its group's folder. An id that ``slug(_:)`` cuts short ends in a
    /// fingerprint of the whole id instead, so that two long ideas that begin alike keep a page each:
    /// `materialized-view-for-the-per-organization-counters-2c90d9a7.html` (the low 32 bits of the 64-bit FNV-1a of
    /// the id's UTF-8, in hex).
    static func itemFile(_ id: String) -> String {
        let slug = slug(id: id)
        guard id.count > slugLength else { return "\(slug).html" }
        var fingerprint = PageFingerprint()
        fingerprint.add(bytes: id.utf8)
        let hex = String(fingerprint.value & 0xFFFF_FFFF, radix: 16)
        return "\(slug)-\(String(repeating: "0", count: 8 - hex.count))\(hex).html"
    }

    /// Page `number` (from 1) of the list whose first page is `first`: `issues/index.page-2.html`,
    /// `components/job-queue.page-2.html`. Beside the first page, so a row links the same way on every page; no
    /// slug holds a dot and every issue page starts with its number, so the name is never another page's.
    static func listPage(_ number: Int, of first: String) -> String {
        number > 1 ? "\(first.dropLast(".html".count)).page-\(number).html" : first
    }

    /// A page's path as an absolute URL's path: bytes outside ASCII percent-encoded, as sitemaps and feeds need
    /// (an item named `数据库` has the page `components/数据库.html`).
    public static func urlPath(_ path: String) -> String {
        guard !path.utf8.allSatisfy({ $0 < 0x80 }) else { return path }
        var encoded = ""
        for byte in path.utf8 {
            if byte < 0x80 {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// The folder of a group's pages, by ``IssueSchema/browsableGroups``: the template's folders, and a site's own
    /// group's id.
    static func folder(of group: ChoiceGroup.ID) -> String { templateFolders[group] ?? group.rawValue }

    /// Looked up for every link to a group page: worked out once.
    private static let templateFolders = Dictionary(
        uniqueKeysWithValues: IssueSchema.template.browsableGroups.map { ($0.id, $0.folder) })

    /// The prefix from a page back to the site's root: `""` at the top, `"../"` one folder down.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.count { $0 == "/" })
    }

    /// A safe file-name part: lower-case a–z and 0–9 words joined by `-`, at most 60 characters and cut
    /// between words, never empty, never a path separator.
    public static func slug(_ text: String) -> String { slug(id: Words.joined(text, by: "-")) }

    /// The longest slug: a longer one is cut at a word within it.
    private static let slugLength = 60

    /// ``slug(_:)`` of a text whose ASCII words, joined by `-`, are `id`.
    private static func slug(id: String) -> String {
        var slug = id
        if slug.count > slugLength {
            slug = String(slug.prefix(slugLength + 1))
            if let lastDash = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: lastDash) >= 30 {
                slug = String(slug[..<lastDash])
            } else {
                slug = String(slug.prefix(slugLength))
            }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "issue" : slug
    }
}
