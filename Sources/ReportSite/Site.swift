import Foundation
import ReportAggregation
import ReportExtraction
import ReportModel
import SiteRendering
import Synchronization

/// Where a site's inputs and output are.
public struct SiteLocations: Sendable {
    /// The folder of issue files.
    public var content: URL
    /// The folder the site is written to.
    public var output: URL
    /// The configuration file (optional on disk, unless ``configurationRequired``).
    public var configuration: URL
    /// Whether the configuration file must exist: it was named (`--config`) rather than the default.
    public var configurationRequired = false

    /// The content folder's path in the repository, ending in `/` (`content/`, or empty for the root), taking the
    /// folder of the configuration file as the repository's root; `nil` when the content is not inside it.
    public var contentInRepository: String? {
        let root = configuration.deletingLastPathComponent().standardizedFileURL.path
        let folder = content.standardizedFileURL.path
        if folder == root { return "" }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard folder.hasPrefix(prefix) else { return nil }
        return SitePaths.urlPath(String(folder.dropFirst(prefix.count))) + "/"
    }

    /// The build cache: `.perfsite-cache/` beside the configuration file, wherever the command runs from.
    public var cache: URL { configuration.deletingLastPathComponent().appendingPathComponent(".perfsite-cache") }
    /// The site's own templates, overriding the built-in theme file by file (optional on disk).
    public var templates: URL

    /// Creates locations from paths as the user gave them.
    /// Creates locations from paths as the user gave them; a `configuration` given must exist, the default
    /// `perfsite.yml` need not.
    public init(
        content: String = "content", output: String = "public", configuration: String? = nil,
        templates: String = "templates"
    ) {
        self.content = URL(fileURLWithPath: content)
        self.output = URL(fileURLWithPath: output)
        self.configuration = URL(fileURLWithPath: configuration ?? "perfsite.yml")
        self.configurationRequired = configuration != nil
        self.templates = URL(fileURLWithPath: templates)
    }
}

/// How a build runs.
public struct BuildOptions: Sendable {
    /// Stop on any diagnostic and keep the previous output.
    public var strict = false
    /// Threads that read and parse (all cores when `nil`); the output is the same for any number.
    public var jobs: Int?
    /// The site's absolute address; overrides `baseURL` in `perfsite.yml`.
    public var baseURL: String?
    /// Where a server serves the site from (`perfsite serve`: `/`), for the 404 page's links home.
    public var serverRoot: String?
    /// `SOURCE_DATE_EPOCH`: the day the data is shown as of; without it, the newest issue's day.
    public var sourceDateEpoch: Int?
    /// Called with the number of files read so far and the total, from any thread.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Results of earlier reads, so that only changed files are parsed; `nil` parses every file.
    public var cache: BuildCache?
    /// Whether credentials are replaced by `[REDACTED]` (turn off only for private sites).
    public var redactsSecrets = true
    /// Replace an output folder that holds files perfsite did not write (`--force`); every other refusal of
    /// ``OutputFolder/checked(_:force:)`` stands.
    public var force = false
    /// Where each stage's wall and CPU time go (`--timings`); `nil` keeps none.
    public var timings: StageTimings?

    /// The defaults.
    public init() {}
}

/// Why a build stopped before writing, keeping the previous output.
public enum StopReason: Sendable, Equatable {
    /// Two files have one number: one page would be written twice.
    case duplicateNumbers
    /// `--strict`, and there were diagnostics.
    case strict
}

/// What a build did.
public struct BuildResult: Sendable {
    /// The issues and diagnostics read.
    public let catalog: IssueCatalog
    /// The aggregates, when the build went as far.
    public let report: Report?
    /// The day the data is as of.
    public let generatedOn: Day?
    /// The files written, or `nil` when the build stopped and the previous output was kept.
    public let filesWritten: [String]?
    /// Why a build stopped, when it did.
    public var stopped: StopReason?
    /// What is wrong with the site's own templates (paths relative to the templates folder).
    public var templateDiagnostics: [Diagnostic] = []
    /// How many pages were kept from the previous build (their inputs had not changed) rather than rendered.
    public var pagesKept = 0
    /// Why the site has no search index although `search` is on, in words.
    public var searchProblem: String?

    /// How many HTML pages were written.
    public var pagesWritten: Int { filesWritten?.count { $0.hasSuffix(".html") } ?? 0 }
}

/// The pipeline: load, parse and extract, aggregate, render, write. The only code that touches the disk.
public enum Site {
    /// perfsite's version (`0.1.0`).
    public static let version = IssueExport.version

    /// Reads every issue and reports what is wrong, writing nothing.
    public static func check(
        _ locations: SiteLocations, jobs: Int? = nil, redactsSecrets: Bool = true, timings: StageTimings? = nil
    ) throws -> (IssueCatalog, Report) {
        let (configuration, catalog) = try read(
            locations, rendersHTML: false, jobs: jobs, progress: nil, redactsSecrets: redactsSecrets,
            timings: timings)
        let report = timings.measure("aggregate") { Report(issues: catalog.issues, schema: configuration.schema) }
        return (catalog, report)
    }

    /// Builds the site; a build that stops (two files with one number, or any diagnostic with `strict`) leaves the
    /// previous output as it was. The pipeline, one line a stage: claim the output, read and extract, aggregate,
    /// load the theme, plan the files, write them.
    public static func build(_ locations: SiteLocations, options: BuildOptions = BuildOptions()) throws -> BuildResult {
        let output = try OutputFolder.checked(locations, force: options.force)
        let lock = try OutputLock(for: output)
        defer { lock.release() }
        let bodies =
            options.cache?.bodies ?? BodyStore(temporaryFile: OutputWriter.temporaryFolders(for: output.folder).bodies)
        defer { bodies.finish() }
        let timings = options.timings
        let (configuration, catalog) = try read(
            locations, rendersHTML: true, jobs: options.jobs, progress: options.progress,
            redactsSecrets: options.redactsSecrets, cache: options.cache, bodies: bodies, timings: timings)
        let report = timings.measure("aggregate") { Report(issues: catalog.issues, schema: configuration.schema) }
        let generatedOn = options.sourceDateEpoch.map(Day.init(unixTime:)) ?? report.newestDay
        let (theme, templateWarnings) = try timings.measure("load templates") { try loadTheme(locations) }
        if let stopped = stopReason(catalog, templateWarnings: templateWarnings, strict: options.strict) {
            return BuildResult(
                catalog: catalog, report: report, generatedOn: generatedOn, filesWritten: nil, stopped: stopped,
                templateDiagnostics: templateWarnings)
        }
        // What the What changed page compares with: the state the last build of this output left in it.
        let jobs = try timings.measure("plan") {
            let last = StateFile.read(from: output.folder)
            let base = BuildState.base(
                now: BuildState(report, day: generatedOn), last: last?.state, lastBase: last?.base)
            let renderer = try makeRenderer(
                theme, configuration, locations, options: options, generatedOn: generatedOn, report: report,
                changesBase: base)
            return renderer.jobs(report, diagnostics: catalog.diagnostics)
        }
        let searchProblem = Mutex<String?>(nil)
        // Without a cache (`--no-cache`) everything is made again, the search index too.
        let published = options.cache == nil ? nil : output.folder
        let kept = try timings.measure("render and write") {
            // Only a search index that may be kept needs the pages' digest.
            let digests = configuration.search && !SearchIndex.skipped && published != nil
            return try write(
                jobs, to: output, locations, options: options, bodies: bodies, digestsPages: digests
            ) { folder, digest in
                guard configuration.search else { return }
                let problem = timings.measure("search index") {
                    SearchIndex.update(folder, digest: digest, issues: catalog.issues.count, published: published)
                }
                searchProblem.withLock { $0 = problem }
            }
        }
        return BuildResult(
            catalog: catalog, report: report, generatedOn: generatedOn, filesWritten: jobs.map(\.path),
            templateDiagnostics: templateWarnings, pagesKept: kept, searchProblem: searchProblem.withLock { $0 })
    }

    /// The built-in theme overridden by the site's templates, and what is wrong with those.
    private static func loadTheme(_ locations: SiteLocations) throws -> (Theme, [Diagnostic]) {
        let overrides = try ThemeLoader.load(from: locations.templates)
        let theme = Theme.builtIn.overridden(by: overrides)
        return (theme, TemplateCheck.warnings(overrides: overrides, theme: theme))
    }

    /// Why the build must not publish: two files with one number would write one page twice; `strict` stops on
    /// any diagnostic.
    private static func stopReason(
        _ catalog: IssueCatalog, templateWarnings: [Diagnostic], strict: Bool
    ) -> StopReason? {
        if catalog.hasDuplicateNumbers { return .duplicateNumbers }
        if strict && !(catalog.diagnostics.isEmpty && templateWarnings.isEmpty) { return .strict }
        return nil
    }

    /// The renderer for this build: the configuration's settings and the sources the cache knows.
    private static func makeRenderer(
        _ theme: Theme, _ configuration: SiteConfiguration, _ locations: SiteLocations, options: BuildOptions,
        generatedOn: Day?, report: Report, changesBase: BuildState?
    ) throws -> SiteRenderer {
        var rendering = SiteRenderer.Options()
        rendering.title = configuration.title
        rendering.paginate = configuration.paginate
        rendering.schema = configuration.schema
        rendering.closeWithin = configuration.closeWithin
        rendering.staleAfterDays = configuration.staleAfterDays
        rendering.changesBase = changesBase
        rendering.search = configuration.search
        rendering.sourceBase = configuration.repository.flatMap { repository in
            locations.contentInRepository.map { "\(repository)/blob/\(configuration.branch)/\($0)" }
        }
        rendering.contentFolder = locations.content.relativePath
        rendering.baseURL = options.baseURL ?? configuration.baseURL
        rendering.serverRoot = options.serverRoot
        rendering.generatedOn = generatedOn
        let cache = options.cache
        // Looked up for every page kept, from every render thread: a plain dictionary, no lock.
        var sources: [Int: UInt64] = [:]
        for issue in report.issues { sources[issue.number] = cache?.source(of: issue.path) }
        do {
            return try SiteRenderer(theme: theme, options: rendering, sources: sources)
        } catch {
            throw SiteError("\(error.message): fix it in '\(locations.templates.relativePath)'")
        }
    }

    /// Writes the planned files into the output (kept pages linked from the last build); how many were kept. Only
    /// the writer consults what the build stored and the last one left: the bodies and issue objects, the page
    /// manifest.
    private static func write(
        _ jobs: [SiteRenderer.Job], to output: OutputFolder, _ locations: SiteLocations, options: BuildOptions,
        bodies: BodyStore, digestsPages: Bool, finish: @escaping @Sendable (URL, UInt64) -> Void
    ) throws -> Int {
        let templates = locations.templates.relativePath
        let supplies = OutputWriter.Supplies(
            pages: options.cache?.pages, body: { bodies.html(for: $0.path) }, object: { bodies.object(for: $0.path) },
            finish: finish, timings: options.timings, digestsPages: digestsPages)
        let kept = try OutputWriter.write(
            jobs.map(\.path), to: output, jobs: options.jobs, supplies: supplies,
            preparing: { jobs[$0].prepare($1) }, failure: { SiteError("\($0): fix it in '\(templates)'") })
        return kept
    }

    /// Undoes this process's build of `locations` cut short by a signal: the site moved aside is put back, the
    /// half-written one and the lock removed. Safe to call from a signal handler's queue while the build runs.
    public static func recoverInterruptedBuild(_ locations: SiteLocations) {
        OutputWriter.recoverInterruptedBuild(
            folders: OutputWriter.temporaryFolders(for: OutputFolder.target(of: locations.output)))
    }

    /// The issues read for `perfsite export`, and a way to write them as its JSON or as CSV text to a file
    /// descriptor (standard output), a piece at a time: the JSON is never held whole (10,000 issues make 88 MB of
    /// it). The writer says whether every byte was written.
    public static func export(
        _ locations: SiteLocations, csv: Bool, excel: Bool = false, redactsSecrets: Bool = true
    ) throws -> (catalog: IssueCatalog, write: (_ descriptor: Int32) -> Bool) {
        let (configuration, catalog) = try read(
            locations, rendersHTML: false, jobs: nil, progress: nil, redactsSecrets: redactsSecrets)
        let export = IssueExport(issues: catalog.issues, schema: configuration.schema)
        guard csv else { return (catalog, { FileBytes.write(to: $0) { export.fragments().stream($0) } }) }
        let text = export.csv(Report(issues: catalog.issues, schema: configuration.schema), excel: excel)
        return (catalog, { FileBytes.write(to: $0) { $0(Array(text.utf8)) } })
    }

    /// Load, parse and extract: the stages every command shares. With a cache, only files that changed since it
    /// was filled are read and parsed again.
    private static func read(
        _ locations: SiteLocations, rendersHTML: Bool, jobs: Int?,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?, redactsSecrets: Bool, cache: BuildCache? = nil,
        bodies: BodyStore? = nil, timings: StageTimings? = nil
    ) throws -> (configuration: SiteConfiguration, catalog: IssueCatalog) {
        try timings.measure("read and extract") {
            try readContent(
                locations, rendersHTML: rendersHTML, jobs: jobs, progress: progress, redactsSecrets: redactsSecrets,
                cache: cache, bodies: bodies, timings: timings)
        }
    }

    private static func readContent(
        _ locations: SiteLocations, rendersHTML: Bool, jobs: Int?,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?, redactsSecrets: Bool, cache: BuildCache?,
        bodies: BodyStore?, timings: StageTimings?
    ) throws -> (configuration: SiteConfiguration, catalog: IssueCatalog) {
        let configuration = try SiteConfiguration.load(
            from: locations.configuration, required: locations.configurationRequired)
        let contents = try ContentLoader.list(locations.content, redactingNames: redactsSecrets)
        let listings = contents.listings
        // The clock is read here, at the edge: dates more than a year past the day of the build are errors.
        let today = Day(unixTime: Int(Date().timeIntervalSince1970))
        let reader = IssueReader(
            schema: configuration.schema, redactsSecrets: redactsSecrets, allowsRawHTML: configuration.rawHTML,
            latestDay: IssueReader.latestDay(after: today), repository: configuration.repository)
        let key =
            "\(Fingerprint.executable) \(Fingerprint.of(String(describing: configuration.schema).utf8)) html"
            + (redactsSecrets ? " redacted" : "") + (configuration.rawHTML ? " raw-html" : "")
            + " dates to \(reader.latestDay.map(String.init(describing:)) ?? "any day")"
            + (configuration.repository.map { " repository \($0)" } ?? "")
        let limit = Int(configuration.maxFileSizeMB * 1_048_576)
        let counter = ProgressCounter(total: listings.count, report: progress)
        let lists = SharedLists()
        let outcomes = ParallelMap.map(listings, jobs: jobs) { listing -> Result<(IssueReader.Result, Bool), Error> in
            defer { counter.add(1) }
            let outcome = Result<(IssueReader.Result, Bool), Error> {
                if listing.size > limit { return (Site.tooLarge(listing, limit: configuration.maxFileSizeMB), false) }
                let read = { try timings.work("file reads") { try listing.read() } }
                guard rendersHTML, let bodies else {
                    let source = try read()
                    return (
                        timings.work("parse and extract") {
                            reader.read(source, rendersHTML: false).sharingLists(in: lists)
                        }, true
                    )
                }
                // A body goes to the store as soon as its file is parsed; the results keep the rest.
                let parse = { (source: SourceFile) in
                    timings.work("parse and extract") {
                        reader.read(source, rendersHTML: true).storingBody(
                            in: bodies, for: listing.path, schema: configuration.schema, sharing: lists)
                    }
                }
                if let cache {
                    let (result, parsed) = try cache.result(for: listing, key: key, parse: parse)
                    if parsed || result.issue == nil || bodies.contains(listing.path) { return (result, parsed) }
                }
                return (parse(try read()), true)
            }
            // A file that cannot be read is left out with an error naming it; the others are still read.
            guard case .failure(let error as SiteError) = outcome else { return outcome }
            return .success(
                (
                    IssueReader.Result(
                        issue: nil,
                        diagnostics: [
                            Diagnostic(file: listing.path, line: nil, severity: .error, message: error.description)
                        ]), true
                ))
        }
        let results = try outcomes.map { try $0.get() }
        cache?.save(keeping: Set(listings.map(\.path)))
        let parsed = zip(listings, results).filter { $0.1.1 }.map(\.0.path)
        let catalog = IssueCatalog(
            results: results.map(\.0) + [IssueReader.Result(issue: nil, diagnostics: contents.problems)],
            fileCount: listings.count, parsedPaths: Set(parsed))
        return (configuration, catalog)
    }

    /// The error for a file over the size limit, which is never read.
    private static func tooLarge(_ listing: ContentLoader.Listing, limit: Double) -> IssueReader.Result {
        let size = String(format: "%.1f", Double(listing.size) / 1_048_576)
        return IssueReader.Result(
            issue: nil,
            diagnostics: [
                Diagnostic(
                    file: listing.path, line: nil, severity: .error,
                    message: "the file is \(size) MB, over the \(DisplayLimit.megabytes(limit)) MB limit, so it was "
                        + "left out: trim pasted output, or raise maxFileSizeMB in perfsite.yml")
            ])
    }
}

/// Limits as people write them: `10`, `2.5`.
enum DisplayLimit {
    static func megabytes(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension Report {
    /// The newest day any issue names (filed or closed).
    public var newestDay: Day? { issues.flatMap { [$0.date, $0.closedDate].compactMap { $0 } }.max() }
}
