import ReportAggregation
import ReportModel

/// The files static hosts and feed readers look for: `sitemap.xml`, `feed.xml` and `regressions.xml` (only with a
/// base URL, since all three require absolute addresses), `robots.txt`, `.nojekyll` (so GitHub Pages serves the
/// folder as it is).
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
            files.append(OutputFile(path: "regressions.xml", text: regressions(baseURL: baseURL)))
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

    /// An Atom feed of regressions and missed targets, newest first, as asv publishes its regressions: every report
    /// slower than the one before on its endpoint, and every measurement that misses a named target the
    /// measurement before it met (or that is its first).
    private func regressions(baseURL: String) -> String {
        struct Entry {
            let day: Day
            let id: String
            let title: String
            let link: String
            let summary: String
        }
        var entries: [Entry] = []
        for series in report.endpoints {
            for (index, entry) in series.reports.enumerated() where entry.isRegression && index > 0 {
                guard let issue = report.issue(entry.issue), let percentile = entry.comparedBy,
                    let now = entry.latency[percentile], let before = series.reports[index - 1].latency[percentile]
                else { continue }
                let change = DisplayFormat.change(entry.headlineChange)
                entries.append(
                    Entry(
                        day: entry.date, id: "regression/\(series.endpoint)/\(entry.issue)",
                        title: "\(series.endpoint): \(percentile.rawValue) \(change) in #\(issue.number)",
                        link: baseURL + SitePaths.urlPath(SitePaths.issue(issue)),
                        summary: "\(percentile.rawValue) latency \(DisplayFormat.duration(before)) → "
                            + "\(DisplayFormat.duration(now)) (#\(series.reports[index - 1].issue) → #\(issue.number))")
                )
            }
        }
        for target in report.targets {
            for (index, measurement) in target.measurements.enumerated() {
                guard measurement.status == .unmet || measurement.status == .atRisk, let day = measurement.day,
                    index == 0 || target.measurements[index - 1].status == .met
                else { continue }
                entries.append(
                    Entry(
                        day: day, id: "target/\(target.key)/\(measurement.issue)",
                        title: "\(target.name): \(measurement.status.label.lowercased()) in #\(measurement.issue)",
                        link: baseURL + "targets.html#target-" + target.key,
                        summary: "measured \(DisplayFormat.number(measurement.measured)) \(measurement.unit) against "
                            + "\(DisplayFormat.number(measurement.target)) \(measurement.unit)"))
            }
        }
        entries.sort { ($1.day, $1.id) < ($0.day, $0.id) }
        let shown = entries.prefix(50)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(Charts.escape(title)): regressions and missed targets</title>\n"
        xml += "<link href=\"\(Charts.escape(baseURL))changed.html\" rel=\"alternate\"/>\n"
        xml += "<link href=\"\(Charts.escape(baseURL))regressions.xml\" rel=\"self\"/>\n"
        xml += "<id>\(Charts.escape(baseURL))regressions.xml</id>\n"
        if let updated = shown.first?.day ?? generatedOn { xml += "<updated>\(updated)T00:00:00Z</updated>\n" }
        xml += "<generator>perfsite</generator>\n"
        for entry in shown {
            xml += "<entry>\n<title>\(Charts.escape(entry.title))</title>\n"
            xml += "<link href=\"\(Charts.escape(entry.link))\"/>\n"
            xml += "<id>\(Charts.escape(baseURL))regressions.xml#\(Words.joined(entry.id, by: "-"))</id>\n"
            xml += "<updated>\(entry.day)T00:00:00Z</updated>\n"
            xml += "<summary>\(Charts.escape(entry.summary))</summary>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The last day an issue changed: the day it closed, or else the day it was filed.
    static func updated(_ issue: Issue) -> Day? { issue.closedDate ?? issue.date }
}

/// The view model of `404.html`, which must work at any depth below the host's root: its few styles are inline
/// in its template and its links are absolute: by the base URL, or by the server's root (`perfsite serve`), or
/// absent.
struct NotFoundPage {
    let siteTitle: String
    let home: String?
}
