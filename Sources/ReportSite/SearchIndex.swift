import Foundation

/// Pagefind, the static search index Hugo and Zola sites use, run over a built site before it is swapped in, so a
/// published site always has the index of its own pages. The binary comes from PyPI's `pagefind-bin` (`make site`
/// installs it): `PERFSITE_PAGEFIND` names it (empty skips indexing without a word, as the Swift tests do), else
/// `pagefind` on the `PATH`, else the one inside the `pagefind_bin` Python package.
enum SearchIndex {
    /// Whether `PERFSITE_PAGEFIND` is set and empty: no index, and nothing to say about it.
    static let skipped = ProcessInfo.processInfo.environment["PERFSITE_PAGEFIND"] == ""

    /// The Pagefind binary, or `nil` when there is none (or `PERFSITE_PAGEFIND` is empty).
    static let binary: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["PERFSITE_PAGEFIND"] {
            return named.isEmpty ? nil : URL(fileURLWithPath: named)
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("pagefind")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        // `python3 -m pagefind_bin` runs this binary; asking Python where it is costs one start, once a process.
        guard
            let folder = run(
                "/usr/bin/env",
                ["python3", "-c", "import os, pagefind_bin; print(os.path.dirname(pagefind_bin.__file__))"])
        else { return nil }
        let candidate = URL(fileURLWithPath: folder.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent("pagefind")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }()

    /// Indexes the site in `folder` into `folder/pagefind/`; what went wrong, in words, or `nil`.
    static func index(_ folder: URL) -> String? {
        if skipped { return nil }
        guard let binary else {
            return "search: Pagefind is not installed (pip install pagefind-bin, or make site), so the site has no "
                + "search index; set 'search: false' in perfsite.yml to build without it"
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--site", folder.path, "--silent"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return
                "search: \(binary.path) could not be run (\(error.localizedDescription)); the site has no search index"
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return "search: Pagefind failed (exit \(process.terminationStatus)\(text.isEmpty ? "" : ": \(text)")); "
                + "the site has no search index"
        }
        return nil
    }

    /// The standard output of a command that succeeded.
    private static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
