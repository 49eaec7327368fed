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

    /// The most issue pages perfsite asks Pagefind to index. Pagefind 1.5 holds the whole index in memory while it
    /// builds it: about 0.5 MB and 3.7 ms of CPU a page of the bench corpus (4.9 GB and 44 CPU-s at 10,000 issues,
    /// docs/performance.md), so a bigger site would need tens of gigabytes.
    static let issueLimit = 20_000

    /// The file in `pagefind/` that names the pages the index was made from (a digest of them, and the binary).
    static let keyName = "perfsite-key"

    /// Gives the new site in `folder` its search index: the published site's, linked, when that was made from the
    /// same pages by the same Pagefind (`digest` covers every page); else, or with no `published` site to take it
    /// from, a new one. What went wrong, in words, or `nil`.
    static func update(_ folder: URL, digest: UInt64, issues: Int, published: URL?) -> String? {
        if skipped { return nil }
        guard issues <= issueLimit else {
            return "search: \(issues) issues are more than the \(issueLimit) Pagefind indexes in reasonable memory "
                + "(about 0.5 MB an issue page), so the site has no search index; set 'search: false' in perfsite.yml "
                + "to build without it"
        }
        guard let binary else { return index(folder) }
        let key = "\(String(digest, radix: 16)) \(binary.path)\n"
        let new = folder.appendingPathComponent("pagefind")
        if let old = published?.appendingPathComponent("pagefind"),
            (try? String(contentsOf: old.appendingPathComponent(keyName), encoding: .utf8)) == key,
            HardLinks.copy(old, to: new)
        {
            return nil
        }
        try? FileManager.default.removeItem(at: new)
        if let problem = index(folder) { return problem }
        try? Data(key.utf8).write(to: new.appendingPathComponent(keyName))
        return nil
    }

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

/// A folder tree copied as hard links: the files are shared, not duplicated.
private enum HardLinks {
    /// Links every file of `source` into `destination`, which must not exist; on failure leaves nothing behind.
    static func copy(_ source: URL, to destination: URL) -> Bool {
        let manager = FileManager.default
        guard let entries = manager.subpaths(atPath: source.path) else { return false }
        do {
            try manager.createDirectory(at: destination, withIntermediateDirectories: false)
            for entry in entries.sorted() {
                let (from, to) = (source.path + "/" + entry, destination.path + "/" + entry)
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: from, isDirectory: &isFolder) else {
                    throw CocoaError(.fileNoSuchFile)
                }
                if isFolder.boolValue {
                    try manager.createDirectory(atPath: to, withIntermediateDirectories: true)
                } else if link(from, to) != 0 {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            return true
        } catch {
            try? manager.removeItem(at: destination)
            return false
        }
    }
}
