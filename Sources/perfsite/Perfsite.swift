import ArgumentParser
import CBuildInfo
import Foundation
import ReportModel
import ReportSite
import SitePreview
import Synchronization

/// The `perfsite` command: a thin layer over ``Site``.
@main
struct Perfsite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a folder of filed performance issues into a static report site.",
        discussion: """
            Exit codes: 0 success; 1 content errors (or any diagnostic with --strict); 2 usage or environment errors.
            """,
        version: version,
        subcommands: [Build.self, Check.self, Serve.self, Export.self, Import.self, New.self, Init.self],
        defaultSubcommand: Build.self
    )

    /// `0.1.0 (commit 1a2b3c4)` for a build that names its commit (`make dist`), else `0.1.0 (development build)`.
    static var version: String {
        let commit = String(cString: perfsite_build_commit())
        return Site.version + " (" + (commit.isEmpty ? "development build" : "commit \(commit)") + ")"
    }

    /// Argument errors exit with 2, as usage errors do in the other commands, rather than ArgumentParser's 64.
    static func main() async {
        // `build` takes no argument of its own: a first word that is no command is a misspelt one, not build's.
        let arguments = CommandLine.arguments.dropFirst()
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
            printError(
                "error: unknown command '\(TerminalText.escaped(first))'"
                    + (Suggestion.nearest(to: first, in: commands).map { ": did you mean '\($0)'?" }
                        ?? ": the commands are \(commands.dropLast().joined(separator: ", "))")
                    + "\nSee 'perfsite --help'.")
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The options every command that reads content shares.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of issue files.")
    var content = "content"

    @Option(name: .long, help: "The configuration file (default: perfsite.yml, if it exists).")
    var config: String?

    @Flag(help: "Keep credentials pasted into issues as written (for private sites only; redacted by default).")
    var noRedact = false
}

/// The options `build` and `serve` share: where the site goes, its templates, the cache and --force.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder the site is written to (and served from).")
    var output = "public"

    @Option(help: "The site's own templates, overriding the built-in theme file by file.")
    var templates = "templates"

    @Flag(
        help:
            "Keep no cache in .perfsite-cache/ beside the configuration file (serve still parses only the files that changed)."
    )
    var noCache = false

    @Flag(help: "Replace an output folder that holds files perfsite did not write (they are deleted).")
    var force = false

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output must name a folder, like public") }
    }

    /// The cache beside the configuration file, or `nil` (with a note) while another perfsite process uses it.
    func cache(at locations: SiteLocations) -> BuildCache? {
        if let cache = BuildCache.locked(folder: locations.cache) { return cache }
        printError(
            "note: another perfsite process is using \(locations.cache.relativePath); this build keeps no cache")
        return nil
    }

    /// The site's locations, with the content options.
    func locations(_ content: ContentOptions) -> SiteLocations {
        SiteLocations(content: content.content, output: output, configuration: content.config, templates: templates)
    }
}

/// How diagnostics and summaries are reported.
struct ReportingOptions: ParsableArguments {
    @Option(help: "How to print diagnostics: text, json or github (workflow commands, so GitHub annotates the files).")
    var format: Format = .text

    @Option(help: "Append a Markdown summary to this file (for $GITHUB_STEP_SUMMARY).")
    var summary: String?

    @Flag(help: "Print errors only: no warnings, no progress, no closing line.")
    var quiet = false

    /// Prints diagnostics in the chosen format (errors only when quiet).
    func print(_ diagnostics: [Diagnostic], folder: String) {
        let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
        format.diagnostics.write(shown, folder: folder) { Swift.print($0, terminator: "") }
    }

    /// Appends the summary, if one was asked for.
    func appendSummary(_ markdown: @autoclosure () -> String) throws {
        guard let summary else { return }
        let url = URL(fileURLWithPath: summary)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw SiteError("the summary file '\(summary)' cannot be created: check the path")
            }
        }
        guard let handle = try? FileHandle(forWritingTo: url) else {
            throw SiteError("the summary file '\(summary)' cannot be written: check its permissions")
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try handle.write(contentsOf: Data(markdown().utf8))
    }
}

/// Prints a line to standard output at once (unbuffered), for a long-running command watched by a person or a test.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Prints to standard error.
func printError(_ text: String) {
    // Diagnostics go to standard output, buffered when it is a pipe: flushed first (every stream), a CI log that
    // holds both streams never shows this line in the middle of a diagnostic.
    fflush(nil)
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Runs `body`, turning environment errors into exit code 2 with their one-line message.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SiteError {
        printError("error: \(error.description)")
        throw ExitCode(2)
    }
}

/// `SOURCE_DATE_EPOCH`, when set: a whole number of seconds from 1970 to the end of year 9999, or a usage error.
func sourceDateEpoch() throws -> Int? {
    guard let raw = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
    let text = raw.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return nil }
    guard let seconds = Int(text), (0...253_402_300_799).contains(seconds) else {
        throw SiteError(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (before the year 10000), not "
                + "'\(TerminalText.escaped(raw))'")
    }
    return seconds
}

extension Perfsite {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every issue file and report what is wrong, writing nothing.")

        @OptionGroup var content: ContentOptions
        @OptionGroup var reporting: ReportingOptions

        @Flag(help: "Exit with 1 on any warning, not only on errors.")
        var strict = false

        @Flag(help: "Print each stage's wall and CPU time and the peak memory when it ended, on standard error.")
        var timings = false

        func run() throws {
            try runReportingErrors {
                let locations = SiteLocations(content: content.content, configuration: content.config)
                let stages = timings ? StageTimings() : nil
                defer { if let stages { printError(stages.table()) } }
                let (catalog, report) = try Site.check(locations, redactsSecrets: !content.noRedact, timings: stages)
                let epoch = try sourceDateEpoch()
                reporting.print(catalog.diagnostics, folder: content.content)
                if reporting.format == .text && !reporting.quiet {
                    printError(
                        "checked \(catalog.fileCount) files: \(catalog.issues.count) issues, "
                            + "\(catalog.count(.error)) errors, \(catalog.count(.warning)) warnings")
                }
                let failed = catalog.count(.error) > 0 || (strict && !catalog.diagnostics.isEmpty)
                try reporting.appendSummary(
                    Site.stepSummary(
                        report: report, catalog: catalog,
                        generatedOn: epoch.map(Day.init(unixTime:)) ?? report.newestDay,
                        contentFolder: content.content, outcome: failed ? "check failed" : "check passed"))
                if failed { throw ExitCode(1) }
            }
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site into the output folder (the previous output is replaced only on success).")

        @OptionGroup var content: ContentOptions
        @OptionGroup var site: SiteOptions
        @OptionGroup var reporting: ReportingOptions

        @Option(
            help: "The site's absolute address, for sitemap.xml, feed.xml and canonical links (pages stay relative).")
        var baseURL: String?

        @Option(
            help: ArgumentHelp(
                "Threads that read, parse, render and write (default: every core). The output is the same for any "
                    + "number."))
        var jobs: Int?

        @Flag(help: "Stop on any warning or error, exit with 1 and keep the previous output.")
        var strict = false

        @Flag(help: "Print each stage's wall and CPU time and the peak memory when it ended, on standard error.")
        var timings = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
            if let baseURL, !SiteConfiguration.isSiteAddress(baseURL) {
                throw ValidationError("--base-url must be an absolute http(s) address, like https://example.org/perf/")
            }
        }

        func run() throws {
            try runReportingErrors {
                let started = Date()
                let (output, templates) = (site.output, site.templates)
                let locations = site.locations(content)
                // Refused before the cache folder is made: a refused build leaves no trace.
                _ = try OutputFolder.checked(locations, force: site.force)
                // An interrupted build removes its temporary folders and puts back a site it had moved aside.
                let cleanup = SignalHandler { signalNumber in
                    Site.recoverInterruptedBuild(locations)
                    FileHandle.standardError.write(Data("\ninterrupted: the previous output was kept\n".utf8))
                    Foundation.exit(128 + signalNumber)
                }
                defer { cleanup.cancel() }
                let progress = TerminalProgress(enabled: !reporting.quiet && isatty(STDERR_FILENO) == 1)
                var options = BuildOptions()
                options.strict = strict
                options.jobs = jobs
                options.baseURL = baseURL
                options.sourceDateEpoch = try sourceDateEpoch()
                options.redactsSecrets = !content.noRedact
                options.force = site.force
                options.progress = { progress.update(done: $0, total: $1) }
                options.timings = timings ? StageTimings() : nil
                // Decoding the last build's results is a rebuild's largest stage: it is timed too.
                options.cache = site.noCache ? nil : options.timings.measure("load cache") { site.cache(at: locations) }
                defer { if let stages = options.timings { printError(stages.table()) } }
                let result = try Site.build(locations, options: options)
                progress.finish()
                let catalog = result.catalog
                reporting.print(catalog.diagnostics, folder: content.content)
                reporting.print(result.templateDiagnostics, folder: templates)
                let leftOut = catalog.fileCount - catalog.issues.count
                let counts =
                    "\(catalog.issues.count) issues read (\(catalog.parsedCount) of \(catalog.fileCount) files parsed), "
                    + "\(leftOut) left out, \(catalog.count(.error)) errors, "
                    + "\(catalog.count(.warning) + result.templateDiagnostics.count) warnings"
                if let report = result.report {
                    try reporting.appendSummary(
                        Site.stepSummary(
                            report: report, catalog: catalog, generatedOn: result.generatedOn,
                            contentFolder: content.content,
                            outcome: result.filesWritten == nil ? "build stopped" : "built \(output)/"))
                }
                guard let written = result.filesWritten else {
                    let reason =
                        result.stopped == .duplicateNumbers ? "two files share a number" : "--strict and diagnostics"
                    printError("build stopped (\(reason); \(counts)); '\(output)' was left as it was")
                    throw ExitCode(1)
                }
                if let problem = result.searchProblem { printError("warning: \(problem)") }
                guard !reporting.quiet else { return }
                let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
                printError(
                    "built \(output): \(result.pagesWritten) pages"
                        + (result.pagesKept > 0 ? " (\(result.pagesKept) unchanged)" : "")
                        + " and \(written.count - result.pagesWritten) other "
                        + "files, \(counts), in \(seconds) s")
            }
        }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site, serve it, and rebuild and reload open pages whenever an issue, a template or "
                + "the configuration changes.")

        @OptionGroup var content: ContentOptions
        @OptionGroup var site: SiteOptions

        @Option(help: "The address to listen on (loopback by default: only this machine can connect).")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one.")
        var port: UInt16 = 8000

        @Flag(help: "Open the site in the default browser.")
        var open = false

        func run() async throws {
            do {
                let locations = site.locations(content)
                // Refused before anything is served: a folder of someone else's files is never replaced.
                _ = try OutputFolder.checked(locations, force: site.force)
                var options = BuildOptions()
                options.force = site.force
                options.sourceDateEpoch = try sourceDateEpoch()
                options.redactsSecrets = !content.noRedact
                options.serverRoot = "/"
                options.cache = site.noCache ? BuildCache() : site.cache(at: locations) ?? BuildCache()
                var listen = Preview.Options()
                listen.host = host
                listen.port = port
                let preview = Preview(locations: locations, buildOptions: options, options: listen) { line in
                    printLine(line)
                }
                let opens = open
                let everywhere = listen.listensEverywhere
                let task = Task {
                    try await preview.run { url in
                        printLine(
                            "serving \(url) ("
                                + (everywhere
                                    ? "on every address: other machines use this one's name or address; " : "")
                                + "Ctrl-C stops)")
                        if opens { Serve.openInBrowser(url) }
                    }
                }
                // A stop is asked for politely, then made: within half a second of SIGINT or SIGTERM the process
                // exits, whatever its clients or a build in progress are doing (a build's folders are cleaned up).
                let finished = DispatchSemaphore(value: 0)
                let stopped = Mutex(false)
                let sayStopped: @Sendable () -> Void = {
                    let first = stopped.withLock { said in
                        defer { said = true }
                        return !said
                    }
                    if first { printLine("stopped") }
                }
                let stop = SignalHandler { _ in
                    task.cancel()
                    guard finished.wait(timeout: .now() + .milliseconds(500)) == .timedOut else { return }
                    Site.recoverInterruptedBuild(locations)
                    sayStopped()
                    Foundation.exit(0)
                }
                defer { stop.cancel() }
                let result = await task.result
                finished.signal()
                try result.get()
                sayStopped()
            } catch let error as SiteError {
                printError("error: \(error.description)")
                throw ExitCode(2)
            }
        }

        static func openInBrowser(_ url: URL) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xdg-open", url.absoluteString]
            try? process.run()
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print the extracted data to standard output, as JSON (the shards of data/issues/ in one document) or CSV."
        )

        @OptionGroup var content: ContentOptions

        @Option(help: "json or csv.")
        var format: ExportFormat = .json

        @Flag(help: "With --format csv: start with a byte-order mark, so that Excel reads the file as UTF-8.")
        var excel = false

        @Flag(help: "Print errors only, no warnings.")
        var quiet = false

        func validate() throws {
            if excel && format != .csv { throw ValidationError("--excel is for --format csv") }
        }

        func run() throws {
            try runReportingErrors {
                let locations = SiteLocations(content: content.content, configuration: content.config)
                let (catalog, write) = try Site.export(
                    locations, csv: format == .csv, excel: excel, redactsSecrets: !content.noRedact)
                let shown = quiet ? catalog.diagnostics.filter { $0.severity == .error } : catalog.diagnostics
                if !shown.isEmpty { printError(DiagnosticFormat.text.render(shown, folder: content.content)) }
                // Written as made, straight to the descriptor: nothing else of this command goes to standard output.
                _ = write(STDOUT_FILENO)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import issues from another tracker.", subcommands: [GitHub.self])

        struct GitHub: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "github",
                abstract: "Write one issue file per issue of a 'gh issue list' JSON file, or update them.",
                discussion: """
                    Make the file with:
                      gh issue list --state all --label type:performance --limit 10000 \\
                        --json \(GitHubImport.fields) > issues.json
                    Running it again updates the files whose issue changed; a file edited by hand since its import,
                    or written by hand with the same number, is skipped unless --force. The template's titles start
                    with '[Performance]: ': --strip-prefix '[Performance]: ' leaves it out of titles and file names.
                    """)

            @Argument(help: "The JSON written by 'gh issue list'.")
            var file: String

            @Option(help: "The folder to write the issue files to.")
            var into = "content"

            @Flag(help: "Overwrite files edited or written by hand too.")
            var force = false

            @Option(help: "Take this prefix off the titles that start with it (the template's '[Performance]: ').")
            var stripPrefix: String?

            func run() throws {
                try runReportingErrors {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw SiteError("'\(file)' cannot be read: check the path")
                    }
                    let result = try GitHubImport.run(
                        json: data, named: file, into: URL(fileURLWithPath: into), force: force,
                        stripPrefix: stripPrefix)
                    for path in result.skipped {
                        printError("skipped \(into)/\(path): edited by hand since its import (--force overwrites it)")
                    }
                    for path in result.handWritten {
                        printError(
                            "skipped \(into)/\(path): written by hand, not by an import, with the same number (--force "
                                + "replaces it with the imported issue)")
                    }
                    print(
                        "imported into \(into): \(result.created.count) created, \(result.updated.count) updated, "
                            + "\(result.unchanged.count) unchanged, "
                            + "\(result.skipped.count + result.handWritten.count) skipped")
                }
            }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a report repository: perfsite.yml, an example issue, .gitignore, the issue template and a "
                + "GitHub workflow.",
            discussion: "Files that exist are kept as they are; the command says which.")

        @Argument(help: "The folder to start in (made when missing).")
        var folder = "."

        func run() throws {
            try runReportingErrors {
                let result = try ProjectInit.run(in: URL(fileURLWithPath: folder))
                let shown = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
                for path in result.written { print("wrote \(shown)\(path)") }
                for path in result.kept { print("kept \(shown)\(path): it exists") }
                print(
                    result.written.isEmpty
                        ? "nothing written: every file exists"
                        : "next: \(folder == "." ? "" : "cd \(folder), then ")perfsite check, then perfsite build or "
                            + "perfsite serve")
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new issue file from the template, with the next free number and today's date.")

        @Argument(help: "The issue's title.")
        var title: String

        @Option(help: "The folder of issue files.")
        var content = "content"

        @Option(help: "The author's handle.")
        var author: String?

        func run() throws {
            try runReportingErrors {
                let today = Day(unixTime: try sourceDateEpoch() ?? Int(Date().timeIntervalSince1970))
                let path = try NewIssue.create(
                    title: title, author: author, today: today, in: URL(fileURLWithPath: content))
                print("\(content)/\(path)")
            }
        }
    }
}

/// The `--format` values of `check` and `build`.
enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, github

    var diagnostics: DiagnosticFormat { DiagnosticFormat(rawValue: rawValue)! }
}

/// The `--format` values of `export`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv
}
