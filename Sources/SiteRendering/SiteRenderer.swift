import Mustache
import ReportAggregation
import ReportModel

/// Renders a report into the files of the site. Pure: it returns files and writes nothing.
public struct SiteRenderer: Sendable {
    /// Settings that change what the pages show.
    public struct Options: Sendable {
        /// The site's name in every page's header.
        public var title = "Performance report"
        /// The folder the issue paths are relative to, as shown on issue pages (`content`).
        public var contentFolder = "content"
        /// The site's absolute address, for the sitemap, the feed and canonical links only; pages link relatively.
        public var baseURL: String? {
            didSet { if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" } }
        }
        /// The day the data is as of (`SOURCE_DATE_EPOCH`, or else the newest issue's day); never the wall clock.
        public var generatedOn: Day?

        /// The defaults.
        public init() {}
    }

    let theme: Theme
    let library: MustacheLibrary
    let options: Options

    /// Prepares a renderer; a template that cannot be parsed is an error naming it.
    public init(theme: Theme = .builtIn, options: Options = Options()) throws(ThemeError) {
        self.theme = theme
        self.library = try theme.library()
        self.options = options
    }

    /// Every file of the site, sorted by path: pages, assets and data files.
    public func render(_ report: Report, diagnostics: [Diagnostic]) throws(ThemeError) -> [OutputFile] {
        var files: [OutputFile] = []
        files.append(try page("index.html", template: "index", dashboard(report, at: "index.html")))
        files.append(try page("issues/index.html", template: "issues", issuesPage(report)))
        for issue in report.issues {
            let path = SitePaths.issue(issue)
            files.append(try page(path, template: "issue", issuePage(issue, in: report, at: path)))
        }
        for group in [ChoiceGroup.ID.components, .layers, .issueTypes] {
            guard let summaries = report.groups[group] else { continue }
            let folder = SitePaths.folder(of: group)
            files.append(
                try page("\(folder)/index.html", template: "groups", groupIndex(group, summaries, in: report)))
            for summary in summaries {
                let path = SitePaths.item(summary.item.id, in: group)
                files.append(try page(path, template: "group", groupPage(summary, in: report, at: path)))
            }
        }
        files.append(try page("trends.html", template: "trends", trendsPage(report)))
        files.append(try page("optimizations.html", template: "optimizations", optimizationsPage(report)))
        files.append(try page("quality.html", template: "quality", qualityPage(report, diagnostics: diagnostics)))
        files.append(
            try page("404.html", template: "404", NotFoundPage(siteTitle: options.title, home: options.baseURL)))
        let publishing = Publishing(
            report: report, baseURL: options.baseURL, generatedOn: options.generatedOn, title: options.title)
        files += publishing.files(pages: files.map(\.path).sorted())
        files += theme.assets.map { OutputFile(path: $0.path, contents: $0.contents) }
        files.append(
            OutputFile(path: "data/issues.json", text: IssueExport(issues: report.issues, schema: report.schema).json())
        )
        files.append(OutputFile(path: "data/report.json", text: ReportExport(report: report).json()))
        return files.sorted { $0.path < $1.path }
    }

    private func page(_ path: String, template: String, _ model: Any) throws(ThemeError) -> OutputFile {
        guard let html = library.render(model, withTemplate: template) else {
            throw ThemeError(message: "the template '\(template).mustache' is missing from the theme")
        }
        return OutputFile(path: path, text: html)
    }

    /// The context of the page at `path`: its way back to the root and the navigation bar.
    func context(at path: String) -> PageContext {
        let root = SitePaths.root(of: path)
        let sections: [(String, String)] = [
            ("index.html", "Dashboard"), ("issues/index.html", "Issues"), ("components/index.html", "Components"),
            ("layers/index.html", "Layers"), ("types/index.html", "Types"), ("trends.html", "Trends"),
            ("optimizations.html", "Optimizations"), ("quality.html", "Data quality"),
        ]
        let current = sections.last { section in
            let folder = section.0.split(separator: "/").first.map(String.init) ?? ""
            return section.0 == path || (section.0.hasSuffix("/index.html") && path.hasPrefix(folder + "/"))
        }?.0
        let asOf = options.generatedOn.map { " Data as of \($0)." } ?? ""
        return PageContext(
            root: root, siteTitle: options.title,
            navigation: sections.map { NavigationLink(href: root + $0.0, label: $0.1, isCurrent: $0.0 == current) },
            footer: "Built by perfsite from the issue files in \(options.contentFolder)/.\(asOf)",
            canonical: options.baseURL.map { $0 + path }, feed: options.baseURL.map { $0 + "feed.xml" })
    }
}
