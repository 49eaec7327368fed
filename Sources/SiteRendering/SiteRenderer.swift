import Mustache
import ReportAggregation
import ReportModel
import Synchronization

/// Renders a report into the files of the site. Pure: it returns files and writes nothing.
///
/// A class (immutable, so `Sendable`): every planned file's closures hold it, and a struct of its settings would be
/// copied into each one (some 22,000 closures at 10,000 issues).
public final class SiteRenderer: Sendable {
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
        /// Where a server serves the site from (`perfsite serve`: `/`), when it says so: without a base URL, the
        /// 404 page, served at any depth, links home through it (a static host's root is not known, so none).
        public var serverRoot: String?
        /// The day the data is as of (`SOURCE_DATE_EPOCH`, or else the newest issue's day); never the wall clock.
        public var generatedOn: Day?
        /// Rows per page of the issue index and of each component, layer and type page (`paginate`; 0 puts every
        /// list on one page), as Hugo's paginator and Zola's `paginate_by` split a section.
        public var paginate = 100
        /// The groups issues were read with: a site's own groups get pages and a place in the navigation.
        public var schema: IssueSchema = .template
        /// How many days an issue of each priority may stay open (`closeWithin`).
        public var closeWithin: [Priority: Int] = [:]
        /// Where the content folder is browsed in the repository, ending in `/`
        /// (`https://github.com/org/repo/blob/main/content/`), from `repository:` and `branch:` in perfsite.yml:
        /// each figure of an issue page links to the line it was read from.
        public var sourceBase: String?
        /// How many days without an update make an open issue stale (`staleAfterDays`).
        public var staleAfterDays = 60
        /// What the What changed page compares with: the state of an earlier build of this output
        /// (``BuildState/base(now:last:lastBase:)``), or `nil` for the last 30 days.
        public var changesBase: BuildState?
        /// Whether the site has a search page (Pagefind indexes the site after it is written).
        public var search = true

        /// The defaults.
        public init() {}
    }

    let theme: Theme
    let library: MustacheLibrary
    /// The same templates compiled (``CompiledLibrary``); `nil` when one needs swift-mustache, or with
    /// `PERFSITE_TEMPLATES=reference`, which renders every page with swift-mustache.
    let compiled: CompiledLibrary?
    let options: Options
    /// Each issue's page path, computed once: every table and link names it.
    let issuePaths = IssuePaths()
    /// Every file of the theme, the start of each page's fingerprint.
    let themeFingerprint: PageFingerprint
    /// Issue rows rendered once and shared by every table that lists them.
    let rows: RowCache
    /// A fingerprint of what each issue was read from (its file's bytes and how it was read), by number, when known.
    let sources: [Int: UInt64]

    /// Prepares a renderer; a template that cannot be parsed is an error naming it. The renderer holds no way to
    /// the disk: what a file needs beyond the report (an issue's body, the last `data/issues/` shards) it names in
    /// its plan (``PlannedContents``), and the writer supplies it.
    ///
    /// - Parameter sources: a fingerprint of what each issue was read from, when known (a build with a cache knows
    ///   it). An issue page whose issues' sources are all known is fingerprinted from them, without building its
    ///   model.
    public init(theme: Theme = .builtIn, options: Options = Options(), sources: [Int: UInt64] = [:]) throws(ThemeError)
    {
        self.sources = sources
        self.theme = theme
        self.library = try theme.library()
        self.compiled = theme.compiledLibrary()
        self.rows = RowCache(library: library, compiled: compiled, theme: theme)
        self.options = options
        var fingerprint = PageFingerprint()
        for (path, contents) in theme.files.sorted(by: { $0.key < $1.key }) {
            fingerprint.add(path)
            fingerprint.add(word: UInt64(contents.count))
            fingerprint.add(bytes: contents)
        }
        themeFingerprint = fingerprint
    }

    /// One file of the site, planned: the pipeline prepares them on every core and writes each at once.
    public struct Job: Sendable {
        /// The path of the file in the output folder.
        public let path: String
        /// Builds what the file is made from, without rendering it (safe to call from any thread); with
        /// `fingerprinted`, a page's fingerprint too (only a build that can keep pages needs it).
        public let prepare: @Sendable (_ fingerprinted: Bool) -> PreparedFile

        /// For a page, builds its view model from the report alone (for tests that check every model's lookups).
        let model: (@Sendable () -> Any)?

        init(
            path: String, model: (@Sendable () -> Any)? = nil, prepare: @escaping @Sendable (Bool) -> PreparedFile
        ) {
            self.path = path
            self.model = model
            self.prepare = prepare
        }

        /// Prepares and renders the file from the report alone: bodies from the issues, no earlier file.
        public func render() throws(ThemeError) -> OutputFile {
            switch prepare(false).contents {
            case .rendered(let render): try render()
            case .withBody(let issue, let render): try render(issue.bodyHTML)
            case .fragments(let make): OutputFile(path: path, contents: make { _ in nil }.assemble())
            }
        }
    }

    /// What a planned file is made of: rendered from the report, rendered once the writer hands it what the
    /// report leaves out (an issue's body, kept on disk during a build), or parts the writer assembles.
    public enum PlannedContents {
        /// A file rendered from the report.
        case rendered(() throws(ThemeError) -> OutputFile)
        /// An issue page: rendered from the issue's body, which the writer reads where the build stored it.
        case withBody(of: Issue, (_ body: String?) throws(ThemeError) -> OutputFile)
        /// A file of issue objects (a shard of `data/issues/`), from where each object was stored when its issue's file
        /// was read: the writer hands over the store, and encodes an object only when it is not there.
        case fragments((_ stored: @escaping @Sendable (Issue) -> [UInt8]?) -> IssueFragments)
    }

    /// A planned file whose inputs are built.
    public struct PreparedFile {
        /// For a page, a fingerprint of everything it is made from (the theme's files, its template, path and view
        /// model, or the sources it is made from): two equal fingerprints give the same bytes. `nil` for files
        /// that are always written.
        public let fingerprint: UInt64?
        /// How the file's bytes are made.
        public let contents: PlannedContents
    }

    /// Every file of the site as a job, sorted by path: pages, assets and data files.
    public func jobs(_ report: Report, diagnostics: [Diagnostic]) -> [Job] {
        var jobs: [Job] = []
        // What every page shows of the options (its context), for pages fingerprinted from their inputs.
        let optionsFingerprint = [
            options.title, options.contentFolder, options.baseURL ?? "", options.generatedOn?.description ?? "",
        ].reduce(into: PageFingerprint()) { $0.add($1) }
        /// A page from its model. With `inputs`, a fingerprint of everything the model is made from (`nil` when
        /// unknown), a build that can keep pages fingerprints the page from that and builds the model only to
        /// render it.
        func page(
            _ path: String, _ template: String, inputs: (@Sendable () -> UInt64?)? = nil,
            _ makeModel: @escaping @Sendable () -> Any
        ) {
            jobs.append(
                Job(path: path, model: makeModel) { fingerprinted in
                    var fingerprint = self.themeFingerprint
                    fingerprint.add(path)
                    fingerprint.add(template)
                    if fingerprinted, let known = inputs?() {
                        fingerprint.add(word: optionsFingerprint.value)
                        fingerprint.add(word: known)
                        return PreparedFile(
                            fingerprint: fingerprint.value,
                            contents: .rendered { () throws(ThemeError) in
                                try self.page(path, template: template, makeModel())
                            })
                    }
                    let model = makeModel()
                    var modelFingerprint: UInt64?
                    if fingerprinted, let fingerprinted = model as? any FingerprintedValue {
                        fingerprinted.fingerprint(into: &fingerprint)
                        modelFingerprint = fingerprint.value
                    }
                    return PreparedFile(
                        fingerprint: modelFingerprint,
                        contents: .rendered { () throws(ThemeError) in try self.page(path, template: template, model) })
                })
        }
        /// An issue page: its body comes from the writer. A build that can keep pages fingerprints it from its
        /// sources; when one is unknown the page is always rendered (its body is not in the plan to fingerprint).
        /// Its inputs are gathered when it is written, not held from the plan on (24 MB at 100,000 issues).
        func issuePageJob(_ issue: Issue) {
            let path = issuePath(issue)
            jobs.append(
                Job(
                    path: path,
                    model: { self.issuePage(IssuePageInputs(issue, in: report), at: path, body: issue.bodyHTML) }
                ) { fingerprinted in
                    let inputs = IssuePageInputs(issue, in: report)
                    var fingerprint: UInt64?
                    if fingerprinted, let known = inputs.fingerprint(sources: self.source) {
                        var page = self.themeFingerprint
                        page.add(path)
                        page.add("issue")
                        page.add(word: optionsFingerprint.value)
                        page.add(word: known)
                        fingerprint = page.value
                    }
                    return PreparedFile(
                        fingerprint: fingerprint,
                        contents: .withBody(of: issue) { body throws(ThemeError) in
                            try self.page(path, template: "issue", self.issuePage(inputs, at: path, body: body))
                        })
                })
        }
        let ageing = Ageing(report, asOf: options.generatedOn, closeWithin: options.closeWithin)
        let staleness = Staleness(report, asOf: options.generatedOn, afterDays: options.staleAfterDays)
        page("index.html", "index") {
            self.dashboard(report, at: "index.html", ageing: ageing, staleness: staleness)
        }
        // Every table lists issues in one order; a group's rows keep the index's order by their place in it.
        let sorted = sortedForTables(report.issues)
        let place = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.number, $0) })
        func tableOrder(_ issues: [Issue]) -> [Issue] {
            issues.map { (place[$0.number]!, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        /// A paged list: a page for each ``Options/paginate`` rows (issues, outcomes, warnings), each with its pager.
        func list<Row: Sendable>(
            _ first: String, _ all: [Row], template: String,
            inputs: (@Sendable ([Row], Pager) -> UInt64?)? = nil,
            _ makeModel: @escaping @Sendable ([Row], Pager) -> Any
        ) {
            let ranges = pageRanges(all.count)
            for (index, range) in ranges.enumerated() {
                // Each page holds the whole list (one buffer, shared) and its range, not a copy of its rows.
                let pager = self.pager(index + 1, of: ranges.count, first: first)
                var pageInputs: (@Sendable () -> UInt64?)?
                if let inputs { pageInputs = { inputs(Array(all[range]), pager) } }
                page(pager.path, template, inputs: pageInputs) { makeModel(Array(all[range]), pager) }
            }
        }
        // What every page of a list shows of the whole list is counted once, not once a page: at 100,000 issues a
        // list has a thousand pages.
        let openCount = report.issues.count { $0.state == .open }
        list("issues/index.html", sorted, template: "issues") {
            self.issuesPage(report, rows: $0, pager: $1, openCount: openCount)
        }
        for issue in report.issues { issuePageJob(issue) }
        for group in report.schema.browsable {
            guard let summaries = report.groups[group] else { continue }
            let folder = SitePaths.folder(of: group)
            page("\(folder)/index.html", "groups") { self.groupIndex(group, summaries, in: report) }
            for summary in summaries {
                let counts = GroupCounts(summary, renderer: self)
                list(
                    SitePaths.item(summary.item.id, in: group), tableOrder(summary.issues), template: "group",
                    inputs: { self.groupPageInputs(summary, rows: $0, pager: $1, counts: counts, in: report) }
                ) { self.groupPage(summary, rows: $0, pager: $1, counts: counts, in: report) }
            }
        }
        page("trends.html", "trends") { self.trendsPage(report) }
        page("targets.html", "targets") { self.targetsPage(report) }
        let outcomesSummary = self.outcomesSummary(report)
        list("outcomes.html", report.outcomes, template: "outcomes") {
            self.outcomesPage(report, outcomes: $0, pager: $1, summary: outcomesSummary)
        }
        page("ageing.html", "ageing") { self.ageingPage(report, ageing) }
        let changes = Changes(report, since: options.changesBase, asOf: options.generatedOn)
        page("changed.html", "changed") { self.changedPage(report, changes) }
        let proposing = issuesProposingChanges(report)
        let changeSummary = self.changeSummary(of: proposing)
        page("optimizations.html", "optimizations") { self.optimizationsPage(report, changeSummary: changeSummary) }
        for entry in report.catalogue {
            let outcome = report.ideaOutcome(entry)
            let choosing = tableOrder(entry.issues.compactMap(report.issue))
            list(
                SitePaths.idea(entry), choosing, template: "idea",
                inputs: { self.ideaPageInputs(entry, rows: $0, pager: $1, in: report, outcome: outcome) }
            ) { self.ideaPage(entry, rows: $0, pager: $1, in: report, outcome: outcome) }
        }
        list("changes.html", proposing, template: "changes") {
            self.changesPage(rows: $0, pager: $1, summary: changeSummary ?? "")
        }
        let warnings = diagnostics.filter { $0.severity == .warning }
        list("quality.html", warnings, template: "quality") {
            self.qualityPage(
                report, diagnostics: diagnostics, staleness: staleness, warnings: $0, warningCount: warnings.count,
                pager: $1)
        }
        if options.search {
            page("search.html", "search") { SearchPage(page: self.context(at: "search.html")) }
        }
        page("404.html", "404") {
            NotFoundPage(siteTitle: self.options.title, home: self.options.baseURL ?? self.options.serverRoot)
        }
        func file(_ path: String, _ make: @escaping @Sendable () -> OutputFile) {
            jobs.append(Job(path: path) { _ in PreparedFile(fingerprint: nil, contents: .rendered(make)) })
        }
        let pagePaths = jobs.map(\.path).sorted()
        let publishing = Publishing(
            report: report, baseURL: options.baseURL, generatedOn: options.generatedOn, title: options.title)
        for output in publishing.files(pages: pagePaths) { file(output.path) { output } }
        for asset in theme.assets { file(asset.path) { OutputFile(path: asset.path, contents: asset.contents) } }
        // Each issue's object is the one stored when its file was read (the writer supplies the store); a shard
        // whose issues' sources are all known and unchanged is kept, as a page is.
        let export = IssueExport(issues: report.issues, schema: report.schema)
        for (number, path) in export.shardPaths.enumerated() {
            jobs.append(
                Job(path: path) { fingerprinted in
                    PreparedFile(
                        fingerprint: fingerprinted ? self.shardFingerprint(path, export.issues(inShard: number)) : nil,
                        contents: .fragments { stored in export.shard(number, stored: stored) }
                    )
                })
        }
        file("data/issues/manifest.json") { OutputFile(path: "data/issues/manifest.json", text: export.manifest()) }
        // The issue tables' filter searches every issue through these, in table order.
        for (path, make) in IssueIndex(issues: sorted, report: report, path: issuePath).plan() { file(path, make) }
        file("data/state.json") {
            OutputFile(
                path: "data/state.json",
                text: StateExport.json(
                    BuildState(report, day: self.options.generatedOn), base: self.options.changesBase))
        }
        let reportExport = ReportExport(report: report, ageing: ageing, staleness: staleness, changes: changes)
        file("data/report.json") { OutputFile(path: "data/report.json", text: reportExport.json()) }
        for list in reportExport.lists {
            for shard in 0..<list.shardCount {
                file(list.path(shard)) { OutputFile(path: list.path(shard), text: list.shard(shard)) }
            }
        }
        return jobs.sorted { $0.path < $1.path }
    }

    /// A fingerprint of a shard of `data/issues/` from its path and its issues' sources (an issue's object is made
    /// from its source alone, and a source's fingerprint covers how it was read), or `nil` when one is unknown.
    func shardFingerprint(_ path: String, _ issues: ArraySlice<Issue>) -> UInt64? {
        var fingerprint = PageFingerprint()
        fingerprint.add(path)
        fingerprint.add(word: UInt64(issues.count))
        for issue in issues {
            guard let known = source(issue) else { return nil }
            fingerprint.add(word: known)
        }
        return fingerprint.value
    }

    /// A fingerprint of what an issue was read from, when known.
    func source(_ issue: Issue) -> UInt64? { sources[issue.number] }

    /// `issues/42-upload-is-slow.html`, from the cache.
    func issuePath(_ issue: Issue) -> String { issuePaths.path(of: issue) }

    private func page(_ path: String, template: String, _ model: Any) throws(ThemeError) -> OutputFile {
        // The compiled templates' bytes go to the file as they are, never through a `String`.
        let rendered =
            if let compiled, let object = model as? any TemplateObject {
                compiled.renderBytes(object, withTemplate: template)
            } else {
                library.render(model, withTemplate: template).map { Array($0.utf8) }
            }
        guard let html = rendered else {
            throw ThemeError(message: "the template '\(template).mustache' is missing from the theme")
        }
        return OutputFile(path: path, contents: html)
    }

    /// The context of the page at `path`: its way back to the root and the navigation bar.
    func context(at path: String) -> PageContext {
        let root = SitePaths.root(of: path)
        // Every browsable group has its place, built-in or the site's own.
        let groups = options.schema.browsableGroups.map { ("\($0.folder)/index.html", $0.navigation) }
        let sections: [(String, String)] =
            [("index.html", "Dashboard"), ("changed.html", "What changed"), ("issues/index.html", "Issues")]
            + (options.search ? [("search.html", "Search")] : []) + groups + [
                ("targets.html", "Targets"), ("outcomes.html", "Outcomes"), ("ageing.html", "Time to close"),
                ("trends.html", "Trends"), ("optimizations.html", "Optimizations"), ("quality.html", "Data quality"),
            ]
        // The changes pages and the ideas' pages belong to the optimizations.
        let place = path.hasPrefix("changes") || path.hasPrefix("optimizations/") ? "optimizations.html" : path
        let current = sections.last { section in
            let folder = section.0.split(separator: "/").first.map(String.init) ?? ""
            return section.0 == place || (section.0.hasSuffix("/index.html") && place.hasPrefix(folder + "/"))
        }?.0
        let asOf = options.generatedOn.map { " Data as of \($0)." } ?? ""
        return PageContext(
            root: root, siteTitle: options.title,
            navigation: sections.map { NavigationLink(href: root + $0.0, label: $0.1, isCurrent: $0.0 == current) },
            footer: "Built by perfsite from the issue files in \(options.contentFolder)/.\(asOf)",
            canonical: options.baseURL.map { $0 + SitePaths.urlPath(path) },
            feed: options.baseURL.map { $0 + "feed.xml" })
    }
}

/// The page paths of issues, computed once each (a slug takes a pass over the title).
final class IssuePaths: Sendable {
    private let paths = Mutex<[Int: String]>([:])

    func path(of issue: Issue) -> String {
        if let known = paths.withLock({ $0[issue.number] }) { return known }
        let path = SitePaths.issue(issue)
        paths.withLock { $0[issue.number] = path }
        return path
    }
}
