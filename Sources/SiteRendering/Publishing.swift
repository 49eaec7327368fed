import ReportAggregation
import ReportModel

/// The files static hosts and feed readers look for: `sitemap.xml` and `feed.xml` (only with a base URL, since
/// both require absolute addresses), `robots.txt`, `.nojekyll` (so GitHub Pages serves the folder as it is).
struct Publishing {
    let report: Report
    /// The site's absolute address, ending in `/`.
    let baseURL: String?
    /// The day the data is as of.
    let generatedOn: Day?
    let title: String

    func files(pages: [String]) -> [OutputFile] {
        var files = [OutputFile(path: ".nojekyll", text: "")]
        var robots = "User-agent: *\nAllow: /\n"
        if let baseURL {
            robots += "Sitemap: \(baseURL)sitemap.xml\n"
            files.append(OutputFile(path: "sitemap.xml", text: sitemap(pages: pages, baseURL: baseURL)))
            files.append(OutputFile(path: "feed.xml", text: feed(baseURL: baseURL)))
        }
        files.append(OutputFile(path: "robots.txt", text: robots))
        return files
    }

    /// Every page but the 404, with the day an issue last changed as its `lastmod`.
    private func sitemap(pages: [String], baseURL: String) -> String {
        var lastModified: [String: Day] = [:]
        for issue in report.issues { lastModified[SitePaths.issue(issue)] = Publishing.updated(issue) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages where page.hasSuffix(".html") && page != "404.html" {
            xml += "<url><loc>\(Charts.escape(baseURL + SitePaths.urlPath(page)))</loc>"
            if let day = lastModified[page] ?? generatedOn { xml += "<lastmod>\(day)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// An Atom feed of new and changed issues, newest first: an issue changes when it is filed and when it closes.
    private func feed(baseURL: String) -> String {
        let entries = report.issues.filter { $0.date != nil }
            .sorted { (Publishing.updated($1)!, $1.number) < (Publishing.updated($0)!, $0.number) }.prefix(50)
        let updated = entries.first.flatMap(Publishing.updated) ?? generatedOn
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(Charts.escape(title)): new and changed issues</title>\n"
        xml += "<link href=\"\(Charts.escape(baseURL))\" rel=\"alternate\"/>\n"
        xml += "<link href=\"\(Charts.escape(baseURL))feed.xml\" rel=\"self\"/>\n"
        xml += "<id>\(Charts.escape(baseURL))</id>\n"
        if let updated { xml += "<updated>\(updated)T00:00:00Z</updated>\n" }
        xml += "<generator>perfsite</generator>\n"
        for issue in entries {
            let address = Charts.escape(baseURL + SitePaths.issue(issue))
            let state = issue.state == .closed ? "closed" : "open"
            xml += "<entry>\n"
            xml +=
                "<title>#\(issue.number) \(Charts.escape(issue.title))\(issue.state == .closed ? " (closed)" : "")</title>\n"
            xml += "<link href=\"\(address)\"/>\n<id>\(address)</id>\n"
            xml += "<published>\(issue.date!)T00:00:00Z</published>\n"
            xml += "<updated>\(Publishing.updated(issue)!)T00:00:00Z</updated>\n"
            if let author = issue.author { xml += "<author><name>\(Charts.escape(author))</name></author>\n" }
            xml += "<category term=\"\(state)\"/>\n"
            if let priority = issue.priority { xml += "<category term=\"\(priority.rawValue)\"/>\n" }
            if let summary = issue.summary { xml += "<summary>\(Charts.escape(summary))</summary>\n" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The last day an issue changed: the day it closed, or else the day it was filed.
    static func updated(_ issue: Issue) -> Day? { issue.closedDate ?? issue.date }
}

/// The view model of `404.html`, which must work at any depth below the host's root: its few styles are inline
/// in its template and its links are absolute (with a base URL) or absent.
struct NotFoundPage {
    let siteTitle: String
    let home: String?
}
