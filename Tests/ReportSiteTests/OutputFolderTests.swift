import Foundation
import Testing

@testable import ReportSite

/// perfsite replaces only a folder it wrote: every refusal leaves every file the user owned as it was, byte for byte.
@Suite struct OutputFolderTests {
    /// A project folder as people have them: issues, notes, a docs folder, a configuration and templates.
    private func project() throws -> TemporarySite {
        try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/notes/todo.txt": "ask Kim\n",
            "docs/design.md": "# Design\n", "notes.txt": "remember\n", "perfsite.yml": "title: Perf\n",
            "templates/README.md": "our templates\n", ".git/HEAD": "ref: refs/heads/main\n",
        ])
    }

    /// Every file under the project, with its bytes, leaving out what perfsite owns.
    private func snapshot(_ site: TemporarySite) -> [String: String] {
        var files: [String: String] = [:]
        for path in site.files(under: "") where !path.hasPrefix(".perfsite-cache/") && !path.hasPrefix("public/") {
            files[path] = site.read(path)
        }
        return files
    }

    @Test(arguments: [
        (".", "error: the output folder '.' is the working directory"),
        ("..", "error: the output folder '..' holds the working directory"),
        ("/", "error: the output folder '/' is the root of the file system"),
        ("content", "error: the output folder 'content' is the content location"),
        ("templates", "error: the output folder 'templates' is the templates location"),
        ("perfsite.yml", "error: the output folder 'perfsite.yml' is the configuration location"),
        ("docs", "error: the output folder 'docs' holds files perfsite did not write (1 entry, no .perfsite-output)"),
        ("notes.txt", "error: the output 'notes.txt' is a file, not a folder"),
        ("", "Error: --output must name a folder, like public"),
    ])
    func anOutputThatIsNotPerfsitesOwnIsRefusedAndNothingIsTouched(output: String, message: String) throws {
        let site = try project()
        let before = snapshot(site)
        let run = try perfsite(["build", "--output", output], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix(message), "\(run.errors)")
        #expect(snapshot(site) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.folder.path).sorted() == [
                ".git", "content", "docs", "notes.txt", "perfsite.yml", "templates",
            ])
    }

    @Test func theHomeFolderIsRefused() throws {
        let site = try project()
        let before = snapshot(site)
        let run = try perfsite(
            ["build", "--output", "docs"], in: site.folder, environment: ["HOME": site.folder.path + "/docs"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: the output folder 'docs' is the home folder"))
        let above = try perfsite(
            ["build", "--output", "docs"], in: site.folder, environment: ["HOME": site.folder.path + "/docs/kim"])
        #expect(above.status == 2)
        #expect(above.errors.hasPrefix("error: the output folder 'docs' holds the home folder"))
        #expect(snapshot(site) == before)
    }

    @Test func serveRefusesTooBeforeItListens() throws {
        let site = try project()
        let before = snapshot(site)
        let run = try perfsite(["serve", "--output", "docs", "--port", "0"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("error: the output folder 'docs' holds files perfsite did not write"))
        #expect(snapshot(site) == before)
    }

    @Test func forceReplacesAFolderOfOtherFilesButNotTheInputs() throws {
        let site = try project()
        #expect(try perfsite(["build", "--output", "docs", "--force"], in: site.folder).status == 0)
        #expect(site.read("docs/design.md") == nil)
        #expect(site.read("docs/index.html") != nil)
        #expect(site.read("docs/.perfsite-output") == OutputFolder.markText)
        // Once marked, the folder is perfsite's: the next build needs no --force.
        #expect(try perfsite(["build", "--output", "docs"], in: site.folder).status == 0)
        for output in [".", "content", "templates"] {
            #expect(try perfsite(["build", "--output", output, "--force"], in: site.folder).status == 2)
        }
        #expect(site.read("content/notes/todo.txt") == "ask Kim\n")
    }

    @Test func aMissingOrEmptyFolderIsWrittenAndMarked() throws {
        let site = try project()
        try FileManager.default.createDirectory(
            at: site.folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        for output in ["empty", "build/site/public"] {
            #expect(try perfsite(["build", "--output", output], in: site.folder).status == 0)
            #expect(site.read("\(output)/.perfsite-output") == OutputFolder.markText)
            #expect(site.read("\(output)/index.html") != nil)
        }
    }

    /// A server pointed at the link's target publishes the new site: the link stays, its target is replaced.
    @Test func anOutputThatIsASymbolicLinkIsWrittenThrough() throws {
        let site = try project()
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: site.folder.path + "/public", withDestinationPath: "releases/current")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try manager.destinationOfSymbolicLink(atPath: site.folder.path + "/public") == "releases/current")
        #expect(site.read("releases/current/index.html") != nil)
        try site.write("old\n", to: "releases/current/stale.html")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(try manager.destinationOfSymbolicLink(atPath: site.folder.path + "/public") == "releases/current")
        #expect(site.read("releases/current/stale.html") == nil)
        #expect(try manager.contentsOfDirectory(atPath: site.folder.path + "/releases") == ["current"])
    }

    @Test func aSecondBuildOfTheSameOutputSaysAnotherIsRunning() throws {
        let site = try project()
        let lockPath = site.folder.path + "/.public.lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let run = try perfsite(["build"], in: site.folder)
        close(descriptor)
        #expect(run.status == 2)
        #expect(
            run.errors
                == "error: another perfsite build is writing 'public' now: wait for it to finish, or pass another "
                + "--output\n")
        #expect(site.read("public/index.html") == nil)
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(!FileManager.default.fileExists(atPath: lockPath))
    }

    /// While a build holds the lock (paused half-way), another one is turned away and the first one's files are
    /// left alone: no "check free space" from a build that removed the other's folder.
    @Test func aBuildRunningBesideAnotherLeavesItsFilesAlone() throws {
        let site = try project()
        let first = try PausedBuild(["build", "--no-cache"], in: site.folder, pauseAfterFiles: 3)
        #expect(first.pausedLine == "perfsite: paused after 3 files")
        let second = try perfsite(["build", "--no-cache"], in: site.folder)
        #expect(second.status == 2)
        #expect(second.errors.contains("another perfsite build is writing 'public' now"))
        kill(first.process.processIdentifier, SIGTERM)
        first.process.waitUntilExit()
        #expect(first.process.terminationStatus == 128 + SIGTERM)
        #expect(try perfsite(["build", "--no-cache"], in: site.folder).status == 0)
        #expect(site.read("public/index.html") != nil)
    }

    /// A site an earlier perfsite wrote, before the mark, is still perfsite's own: `make site` goes on working after
    /// an upgrade. A folder that only looks like one is not.
    @Test func aSiteAnEarlierPerfsiteWroteIsReplacedAndMarked() throws {
        let site = try project()
        let footer = "<footer class=\"bottom\">\n<p>Built by perfsite from the issue files in content/.</p>\n</footer>"
        try site.write("<html>\(footer)</html>\n", to: "public/index.html")
        try site.write("{}\n", to: "public/data/issues.json")
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        #expect(site.read("public/.perfsite-output") == OutputFolder.markText)
        try site.write("<html>\(footer)</html>\n", to: "lookalike/index.html")
        let run = try perfsite(["build", "--output", "lookalike"], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("holds files perfsite did not write"))
    }
}
