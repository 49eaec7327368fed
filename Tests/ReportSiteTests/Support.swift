import Foundation

@testable import ReportSite

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What a run of the real `perfsite` binary printed and returned.
struct Run {
    let status: Int32
    let output: String
    let errors: String
}

/// The `perfsite` binary built beside the test bundle.
let perfsiteExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("perfsite")

/// Runs the `perfsite` binary in `folder`, with `SOURCE_DATE_EPOCH` unset unless `environment` sets it.
func perfsite(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
    try program(perfsiteExecutable.path, arguments, in: folder, environment: environment)
}

/// Runs a program in `folder` and waits for it.
func program(_ path: String, _ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
    let executable = URL(fileURLWithPath: path)
    // Output goes to files rather than pipes: nothing can block on a full pipe, and no pipe is read concurrently.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outputURL = capture.appendingPathComponent("stdout")
    let errorURL = capture.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let errors = try FileHandle(forWritingTo: errorURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var variables = ProcessInfo.processInfo.environment
    variables["SOURCE_DATE_EPOCH"] = nil
    process.environment = variables.merging(environment) { _, new in new }
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    return Run(
        status: process.terminationStatus, output: try String(contentsOf: outputURL, encoding: .utf8),
        errors: try String(contentsOf: errorURL, encoding: .utf8))
}

/// A temporary site folder holding `files` (path → text), removed when the value is released.
final class TemporarySite {
    let folder: URL

    init(_ files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in files { try write(text, to: path) }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ text: String, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Every file below `path`, relative to it, sorted.
    func files(under path: String) -> [String] {
        let root = folder.appendingPathComponent(path).resolvingSymlinksInPath().path + "/"
        let enumerator = FileManager.default.enumerator(atPath: root)
        return (enumerator?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + path, isDirectory: &isFolder)
            return !isFolder.boolValue
        }.sorted()
    }
}

/// A minimal valid issue file.
func issueFile(number: Int, title: String = "Slow upload", extra: String = "") -> String {
    "---\ntitle: \(title)\nnumber: \(number)\ndate: 2026-01-0\(number % 9 + 1)\n---\n## Summary\nSlow.\n\(extra)"
}

/// A run of the `perfsite` binary that stops for good after writing `pauseAfterFiles` files; created once the
/// build has said so on standard error, so that a test acts at a known point of the build whatever the machine.
struct PausedBuild {
    let process: Process
    /// The line the build printed when it paused.
    let pausedLine: String

    init(_ arguments: [String], in folder: URL, pauseAfterFiles count: Int) throws {
        process = Process()
        process.executableURL = perfsiteExecutable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["PERFSITE_TEST_PAUSE_AFTER_FILES": String(count)]) { _, new in new }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        // Read byte by byte up to the first line: nothing is read past it, and the wait ends with the line or
        // with the end of the stream (the build finished or died without pausing).
        var line: [UInt8] = []
        while let byte = try errors.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        pausedLine = String(decoding: line, as: UTF8.self)
    }
}

/// A whole site written in one string, as Hugo's integration tests write theirs (txtar): each file starts with a
/// line `-- path --`, and its text runs to the next such line.
///
/// ```
/// -- perfsite.yml --
/// title: Perf
/// -- content/0001-a.md --
/// ---
/// title: Slow
/// ```
func siteFiles(_ text: String) -> [String: String] {
    var files: [String: String] = [:]
    var path: String?
    var lines: [Substring] = []
    func flush() { if let path { files[path] = lines.joined(separator: "\n") + "\n" } }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
            flush()
            path = String(line.dropFirst(3).dropLast(3))
            lines = []
        } else if path != nil {
            lines.append(line)
        }
    }
    flush()
    return files
}

/// Builds the site in `folder` in-process with `Site.build`, as `perfsite build --no-cache` would from there (the
/// content in `content/`, the output in `public/`): the diagnostics as the text the command prints on standard
/// output, and its exit status: 0, 1 when the build stopped, 2 for an error of the environment (on standard error).
func buildInProcess(in folder: URL, baseURL: String? = nil, redactsSecrets: Bool = true) -> Run {
    let path = folder.path
    let locations = SiteLocations(
        content: path + "/content", output: path + "/public",
        configuration: FileManager.default.fileExists(atPath: path + "/perfsite.yml") ? path + "/perfsite.yml" : nil,
        templates: path + "/templates")
    var options = BuildOptions()
    options.baseURL = baseURL
    options.redactsSecrets = redactsSecrets
    do {
        let result = try Site.build(locations, options: options)
        let output =
            DiagnosticFormat.text.render(result.catalog.diagnostics, folder: "content")
            + DiagnosticFormat.text.render(result.templateDiagnostics, folder: "templates")
        return Run(status: result.stopped == nil ? 0 : 1, output: output, errors: "")
    } catch {
        return Run(status: 2, output: "", errors: "error: \(error)\n")
    }
}
