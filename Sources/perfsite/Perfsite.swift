import ArgumentParser
import Foundation
import ReportSite

/// The `perfsite` command: a thin layer over ``Site``.
@main
struct Perfsite: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a folder of filed performance issues into a static report site.",
        discussion: """
            Exit codes: 0 success; 1 content errors (or any diagnostic with --strict); 2 usage or environment errors.
            """,
        version: "0.1.0",
        subcommands: [Build.self, Check.self, Export.self],
        defaultSubcommand: Build.self
    )

    /// Argument errors exit with 2, as usage errors do in the other commands, rather than ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
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

    @Option(name: .long, help: "The configuration file (optional).")
    var config = "perfsite.yml"
}

/// Prints to standard error.
func printError(_ text: String) {
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

extension Perfsite {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every issue file and report what is wrong, writing nothing.")

        @OptionGroup var content: ContentOptions

        @Option(help: "How to print diagnostics: text, json or github (workflow commands for annotations).")
        var format: Format = .text

        @Flag(help: "Exit with 1 on any warning, not only on errors.")
        var strict = false

        func run() throws {
            try runReportingErrors {
                let locations = SiteLocations(content: content.content, configuration: content.config)
                let catalog = try Site.check(locations)
                print(format.diagnostics.render(catalog.diagnostics, folder: content.content), terminator: "")
                if format == .text {
                    printError(
                        "checked \(catalog.fileCount) files: \(catalog.issues.count) issues, "
                            + "\(catalog.count(.error)) errors, \(catalog.count(.warning)) warnings")
                }
                if catalog.count(.error) > 0 || (strict && !catalog.diagnostics.isEmpty) { throw ExitCode(1) }
            }
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site into the output folder (the previous output is replaced only on success).")

        @OptionGroup var content: ContentOptions

        @Option(help: "The folder the site is written to.")
        var output = "public"

        @Option(help: "The site's own templates, overriding the built-in theme file by file.")
        var templates = "templates"

        @Option(help: "How to print diagnostics: text, json or github.")
        var format: Format = .text

        @Flag(help: "Stop on any warning or error, exit with 1 and keep the previous output.")
        var strict = false

        func run() throws {
            try runReportingErrors {
                let started = Date()
                let locations = SiteLocations(
                    content: content.content, output: output, configuration: content.config, templates: templates)
                let result = try Site.build(locations, strict: strict)
                let catalog = result.catalog
                print(format.diagnostics.render(catalog.diagnostics, folder: content.content), terminator: "")
                let leftOut = catalog.fileCount - catalog.issues.count
                let counts =
                    "\(catalog.issues.count) issues read, \(leftOut) left out, "
                    + "\(catalog.count(.error)) errors, \(catalog.count(.warning)) warnings"
                guard let written = result.filesWritten else {
                    printError("build stopped (\(counts)); '\(output)' was left as it was")
                    throw ExitCode(1)
                }
                let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
                printError(
                    "built \(output): \(result.pagesWritten) pages and \(written.count - result.pagesWritten) other files, "
                        + "\(counts), in \(seconds) s")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the extracted data to standard output, as JSON (like data/issues.json) or CSV.")

        @OptionGroup var content: ContentOptions

        @Option(help: "json or csv.")
        var format: ExportFormat = .json

        func run() throws {
            try runReportingErrors {
                let locations = SiteLocations(content: content.content, configuration: content.config)
                let (text, catalog) = try Site.export(locations, csv: format == .csv)
                printError(DiagnosticFormat.text.render(catalog.diagnostics, folder: content.content))
                print(text, terminator: "")
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
