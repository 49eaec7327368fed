import Foundation
import Testing
import Yams

/// The GitHub Action (`action.yml` and `action/*.sh`), run here as a runner runs it: the scripts with the variables
/// GitHub sets, perfsite being this build's binary.
@Suite struct ActionTests {
    static let actionFolder = repositoryRoot.appendingPathComponent("action")

    /// A runner's files: the step summary, the outputs, the PATH additions; and a home for the cache.
    final class Runner {
        let site: TemporarySite
        init(_ files: [String: String]) throws {
            site = try TemporarySite(files)
            for name in ["summary.md", "output", "path"] { try site.write("", to: "runner/" + name) }
        }
        var environment: [String: String] {
            [
                "GITHUB_STEP_SUMMARY": site.folder.appendingPathComponent("runner/summary.md").path,
                "GITHUB_OUTPUT": site.folder.appendingPathComponent("runner/output").path,
                "GITHUB_PATH": site.folder.appendingPathComponent("runner/path").path,
                "HOME": site.folder.appendingPathComponent("home").path, "PERFSITE_PAGEFIND": "",
                "PERFSITE": perfsiteExecutable.path,
            ]
        }
        func run(_ script: String, _ variables: [String: String] = [:]) throws -> Run {
            try program(
                "/bin/bash", [ActionTests.actionFolder.appendingPathComponent(script).path], in: site.folder,
                environment: environment.merging(variables) { _, new in new })
        }
    }

    @Test func theActionTakesTheDocumentedInputsAndUsesOnlyThem() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        let action = try #require(try Yams.load(yaml: text) as? [String: Any])
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        #expect(Set(inputs.keys) == ["content", "output", "base-url", "strict", "upload", "version"])
        #expect(inputs["content"]?["default"] as? String == "content")
        #expect(inputs["output"]?["default"] as? String == "public")
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        // Every input named in a step is declared.
        let used = Set(text.matches(of: /inputs\.([a-z-]+)/).map { String($0.output.1) })
        #expect(used.isSubset(of: Set(inputs.keys)), "\(used)")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        // Run from its own checkout it builds that source, cached under the commit, never a stale build.
        #expect(text.contains("${ACTION_REF:-source-$GITHUB_SHA}"))
        #expect(text.contains("key: perfsite-${{ runner.os }}-${{ runner.arch }}-${{ steps.release.outputs.version }}"))
        #expect(steps.compactMap { $0["uses"] as? String }.contains("actions/upload-pages-artifact@v3"))
        // One perfsite run writes the summary: the action never runs `check` beside `build`.
        let scripts = try ["build.sh", "get-perfsite.sh"].map {
            try String(contentsOf: Self.actionFolder.appendingPathComponent($0), encoding: .utf8)
        }
        #expect(!(scripts + [text]).contains { $0.contains("perfsite check") })
        #expect(scripts[0].components(separatedBy: "\"${PERFSITE:-perfsite}\"").count == 2)
    }

    /// One build: every problem annotated on its file and line, the summary written once, the output named.
    @Test func theBuildAnnotatesWritesTheSummaryOnceAndNamesTheSite() throws {
        let runner = try Runner([
            "content/0001-a.md": issueFile(number: 1),
            "content/0002-b.md": issueFile(number: 2, extra: "**Priority:** [P0/P1/P2/P3]\n"),
        ])
        let run = try runner.run("build.sh", ["INPUT_BASE_URL": "https://org.github.io/perf"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("::warning file=content/0002-b.md,line="), "\(run.output)")
        let summary = try #require(runner.site.read("runner/summary.md"))
        #expect(summary.components(separatedBy: "## perfsite: built public/").count == 2, "\(summary)")
        #expect(runner.site.read("runner/output") == "site=public\n")
        let sitemap = try #require(runner.site.read("public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://org.github.io/perf/index.html</loc>"))
    }

    /// With `strict`, a warning fails the step and the site is not written; an error fails it without it.
    @Test func strictFailsOnAWarningAndAnErrorAlwaysFails() throws {
        let runner = try Runner(["content/0001-a.md": issueFile(number: 1, extra: "**Priority:** [P0/P1/P2/P3]\n")])
        let strict = try runner.run("build.sh", ["INPUT_STRICT": "true"])
        #expect(strict.status == 1)
        #expect(runner.site.files(under: "public").isEmpty)
        try runner.site.write("no front matter\n", to: "content/0002-b.md")
        let broken = try runner.run("build.sh")
        #expect(broken.status == 1)
        #expect(broken.output.contains("::error file=content/0002-b.md,line=1::"), "\(broken.output)")
        #expect(
            broken.output.hasSuffix(
                "::error title=perfsite::1 errors in the issue files (annotated on each): the site is not published\n"))
    }

    /// The release's tarball is fetched once, checked against its checksum, kept in the cache and put on the PATH;
    /// a tarball that does not match is refused and nothing is kept.
    @Test func theReleaseIsCheckedCachedAndPutOnThePath() throws {
        let runner = try Runner([:])
        let releases = runner.site.folder.appendingPathComponent("releases/v9.9.9")
        try FileManager.default.createDirectory(at: releases, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: perfsiteExecutable, to: releases.appendingPathComponent("perfsite"))
        let pack = try program(
            "/bin/sh",
            [
                "-c",
                "tar -czf perfsite-linux-x86_64.tar.gz perfsite && rm perfsite"
                    + " && sha256sum perfsite-linux-x86_64.tar.gz > perfsite-linux-x86_64.tar.gz.sha256",
            ], in: releases)
        #expect(pack.status == 0, "\(pack.errors)")
        let variables = [
            "PERFSITE_VERSION": "v9.9.9", "PERFSITE_REPOSITORY": "org/perfsite",
            "PERFSITE_RELEASES_URL": "file://" + runner.site.folder.appendingPathComponent("releases").path,
        ]
        let cache = "home/.cache/perfsite/v9.9.9"
        let run = try runner.run("get-perfsite.sh", variables)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("0.1.0 ("), "\(run.output)")
        #expect(runner.site.read("runner/path") == runner.site.folder.appendingPathComponent(cache).path + "\n")
        #expect(runner.site.files(under: cache) == ["perfsite"])
        // Cached: the next run does not fetch (the release is gone) and still puts it on the PATH.
        try FileManager.default.removeItem(at: releases)
        #expect(try runner.run("get-perfsite.sh", variables).status == 0)
        // Another release whose tarball does not match its checksum.
        let other = runner.site.folder.appendingPathComponent("releases/v9.9.8")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try runner.site.write("not a tarball", to: "releases/v9.9.8/perfsite-linux-x86_64.tar.gz")
        try runner.site.write(
            String(repeating: "0", count: 64) + "  perfsite-linux-x86_64.tar.gz\n",
            to: "releases/v9.9.8/perfsite-linux-x86_64.tar.gz.sha256")
        let refused = try runner.run("get-perfsite.sh", variables.merging(["PERFSITE_VERSION": "v9.9.8"]) { $1 })
        #expect(refused.status == 2)
        #expect(
            refused.output.contains(
                "::error title=perfsite::perfsite-linux-x86_64.tar.gz of release 'v9.9.8' does not match its checksum"))
        #expect(
            !FileManager.default.fileExists(
                atPath: runner.site.folder.appendingPathComponent("home/.cache/perfsite/v9.9.8").path))
        let missing = try runner.run("get-perfsite.sh", variables.merging(["PERFSITE_VERSION": "v0.0.1"]) { $1 })
        #expect(missing.status == 2)
        #expect(missing.output.contains("no release 'v0.0.1'"))
    }
}
