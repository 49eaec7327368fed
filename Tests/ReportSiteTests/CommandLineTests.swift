import Foundation
import Testing

@Suite struct CommandLineTests {
    /// In CI both streams usually go to one log: the closing line comes after every diagnostic, never inside one.
    @Test func theBuildLineFollowsTheDiagnosticsInOneLog() throws {
        let site = try TemporarySite([:])
        try FileManager.default.createSymbolicLink(
            atPath: site.folder.appendingPathComponent("content").path,
            withDestinationPath: repositoryRoot.appendingPathComponent("content").path)
        let log = site.folder.appendingPathComponent("log.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = perfsiteExecutable
        process.arguments = ["build", "--no-cache"]
        process.currentDirectoryURL = site.folder
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let lines = try #require(site.read("log.txt")).split(separator: "\n")
        // The 60 warnings of the sample content are over 8 KB: more than a pipe's buffer holds.
        #expect(lines.count == 61)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("content/") && $0.contains(": warning: ") })
        #expect(lines.last?.hasPrefix("built public: 122 pages and 20 other files, 34 issues read") == true)
    }

    @Test func checkExitsZeroWithWarningsAndOneWithStrict() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, extra: "**Priority:** [P0/P1/P2/P3]\n")
        ])
        let run = try perfsite(["check"], in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output == "content/0001-a.md:8: warning: priority is still the template placeholder [P0/P1/P2/P3]\n")
        #expect(run.errors == "checked 1 files: 1 issues, 0 errors, 1 warnings\n")
        #expect(try perfsite(["check", "--strict"], in: site.folder).status == 1)
    }

    @Test func aFileThatCannotBeAnIssueIsAnErrorAndTheRestAreStillChecked() throws {
        let site = try TemporarySite([
            "content/0001-good.md": issueFile(number: 1),
            "content/0002-empty.md": "",
            "content/notes/0003-no-front-matter.md": "# Just notes\n",
            "content/0004-no-title.md": "---\nnumber: 4\n---\n",
            "content/0005-good.md": issueFile(number: 5, extra: "**Priority:** P9\n"),
        ])
        let run = try perfsite(["check"], in: site.folder)
        #expect(run.status == 1)
        #expect(
            run.output
                == """
                content/0002-empty.md: error: the file is empty: an issue needs front matter with a title and a number
                content/0004-no-title.md:2: error: no 'date' in the front matter: the issue is left out of the monthly \
                trends
                content/0004-no-title.md:2: error: no 'title' in the front matter: add a line like 'title: \
                "Results page is slow"'
                content/0005-good.md:8: warning: the priority 'P9' is not P0, P1, P2 or P3, so the issue has no priority
                content/notes/0003-no-front-matter.md:1: error: no front matter: start the file with a line '---', \
                then 'title:' and 'number:' lines, then '---'

                """.replacing("2: error: no 'date'", with: "2: warning: no 'date'"))
        #expect(run.errors == "checked 5 files: 2 issues, 3 errors, 2 warnings\n")
    }

    @Test func twoFilesWithOneNumberAreAnErrorNamingBoth() throws {
        let site = try TemporarySite([
            "content/0007-a.md": issueFile(number: 7), "content/old/0007-b.md": issueFile(number: 7),
        ])
        let run = try perfsite(["check"], in: site.folder)
        #expect(run.status == 1)
        #expect(
            run.output == """
                content/0007-a.md: error: issue number 7 is also used by old/0007-b.md: give each issue its own number
                content/old/0007-b.md: error: issue number 7 is also used by 0007-a.md: give each issue its own number

                """)
    }

    @Test func githubFormatPrintsWorkflowCommands() throws {
        let site = try TemporarySite([
            "content/a,b.md": issueFile(number: 1, extra: "**Priority:** 100%\n"), "content/0002.md": "",
        ])
        let run = try perfsite(["check", "--format", "github"], in: site.folder)
        #expect(
            run.output == """
                ::error file=content/0002.md::the file is empty: an issue needs front matter with a title and a number
                ::warning file=content/a%2Cb.md,line=8::the priority '100%25' is not P0, P1, P2 or P3, so the issue \
                has no priority

                """)
        #expect(run.errors == "")
    }

    @Test func jsonFormatPrintsOneDocument() throws {
        let site = try TemporarySite(["content/0002.md": ""])
        let run = try perfsite(["check", "--format", "json"], in: site.folder)
        #expect(
            run.output == """
                {
                  "errors": 1,
                  "warnings": 0,
                  "diagnostics": [
                    {
                      "file": "content/0002.md",
                      "line": null,
                      "severity": "error",
                      "message": "the file is empty: an issue needs front matter with a title and a number"
                    }
                  ]
                }

                """)
    }

    @Test func usageAndEnvironmentErrorsExitWithTwo() throws {
        let site = try TemporarySite([:])
        let missing = try perfsite(["check", "--content", "nowhere"], in: site.folder)
        #expect(missing.status == 2)
        #expect(
            missing.errors == "error: the content folder 'nowhere' does not exist: create it or pass --content DIR\n")
        #expect(try perfsite(["check", "--format", "xml"], in: site.folder).status == 2)
        #expect(try perfsite(["check", "--no-such-flag"], in: site.folder).status == 2)
        try site.write("schema: [", to: "perfsite.yml")
        try site.write(issueFile(number: 1), to: "content/0001.md")
        #expect(try perfsite(["build"], in: site.folder).status == 2)
    }

    @Test func buildLeavesBadFilesOutAndGoesOn() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1), "content/0002-b.md": "oops\n"])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("content/0002-b.md:1: error: no front matter"))
        #expect(
            run.errors.hasPrefix(
                "built public: 43 pages and 20 other files, 1 issues read (2 of 2 files parsed), 1 left out, 1 errors, "
                    + "0 warnings, in "))
        let data = try #require(site.read("public/data/issues/0.json"))
        #expect(data.contains("\"number\": 1,"))
        #expect(!data.contains("\"number\": 2,"))
    }

    @Test func aStoppedBuildLeavesThePreviousOutputUntouchedAndNoTemporaryFolder() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        let before = site.read("public/data/issues/0.json")
        try site.write(issueFile(number: 1, title: "Another"), to: "content/0002-b.md")
        let duplicate = try perfsite(["build"], in: site.folder)
        #expect(duplicate.status == 1)
        #expect(duplicate.errors.hasPrefix("build stopped ("))
        try site.write(issueFile(number: 2, extra: "**Priority:** soon\n"), to: "content/0002-b.md")
        #expect(try perfsite(["build", "--strict"], in: site.folder).status == 1)
        #expect(site.read("public/data/issues/0.json") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.folder.path).filter {
            $0.hasPrefix(".") && $0 != ".perfsite-cache"
        }
        #expect(leftovers == [])
    }

    @Test func aSuccessfulBuildRemovesFilesItNoLongerProduces() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "public/stale.html": "old", "public/.perfsite-output": "",
        ])
        #expect(try perfsite(["build"], in: site.folder).status == 0)
        let files = site.files(under: "public")
        #expect(!files.contains("stale.html"))
        #expect(files.contains("data/issues/0.json") && files.contains("index.html"))
    }

    /// One row an issue, as a spreadsheet wants it: labels, assignees, days to close, the worst gap, the address.
    @Test func exportPrintsCSV() throws {
        let site = try TemporarySite([
            "content/0001-a.md": """
            ---
            title: '"Quoted", slow'
            number: 1
            date: 2026-01-02
            state: closed
            closed: 2026-01-12
            assignees: [mchen, rpatel]
            url: https://github.com/org/repo/issues/1
            ---
            ## Summary
            Slow.
            **Response Times:**
            - Current: `850ms` (p50)
            - Expected: `200ms` (p50)
            ### Affected Component
            - [x] Job Queue
            - [x] Cache Operations

            """
        ])
        let run = try perfsite(["export", "--format", "csv"], in: site.folder)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines[0].hasPrefix(
                "number,title,state,date,month,closedDate,daysToClose,author,assignees,priority,effort,milestone,labels,"
                    + "issueTypes,components,layers,businessImpact,endpoint,currentP50Ms,"))
        func cell(_ column: String) -> String? {
            let names = lines[0].split(separator: ",", omittingEmptySubsequences: false)
            let values = lines[1].split(separator: ",", omittingEmptySubsequences: false)
            return names.firstIndex(of: Substring(column)).map { String(values[$0 + 1]) }
        }
        #expect(
            lines[1].hasPrefix("1,\"\"\"Quoted\"\", slow\",closed,2026-01-02,2026-01,2026-01-12,10,,mchen; rpatel,"))
        // After the quoted title's own comma, columns are one further along.
        #expect(cell("components") == "Job Queue; Cache Operations")
        #expect(cell("currentP50Ms") == "850")
        #expect(cell("expectedP50Ms") == "200")
        #expect(cell("worstGap") == "4.25")
        #expect(cell("status") == "unmet")
        #expect(lines[1].hasSuffix(",https://github.com/org/repo/issues/1,0001-a.md"))
        #expect(
            lines[0].split(separator: ",").count == lines[1].split(separator: ",", omittingEmptySubsequences: false)
                .count - 1)
        // For Excel, a byte-order mark first; it belongs to CSV only.
        // (Read as bytes: a String read from UTF-8 drops the mark.)
        let excel = try program(
            "/bin/sh", ["-c", "\"$0\" export --format csv --excel | od -An -tx1 | head -1", perfsiteExecutable.path],
            in: site.folder)
        #expect(excel.output.hasPrefix(" ef bb bf 6e 75 6d 62 65 72"), "\(excel.output)")
        let json = try perfsite(["export", "--excel"], in: site.folder)
        #expect(json.status == 2)
        #expect(json.errors.contains("--excel is for --format csv"))
    }

    /// `--quiet` keeps the warnings off standard error; the data is the same.
    @Test func exportQuietPrintsErrorsOnly() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1, extra: "**Priority:** [P0/P1/P2/P3]\n"),
            "content/0002-b.md": "no front matter\n",
        ])
        let loud = try perfsite(["export"], in: site.folder)
        let quiet = try perfsite(["export", "--quiet"], in: site.folder)
        #expect(loud.errors.contains("warning: priority is still the template placeholder"))
        #expect(!quiet.errors.contains("warning"))
        #expect(quiet.errors.contains("content/0002-b.md:1: error: no front matter"))
        #expect(quiet.output == loud.output)
    }

    @Test func aSiteConfigurationAddsGroupsAndItems() throws {
        let site = try TemporarySite([
            "perfsite.yml": """
            schema:
              - group: issue-types
                items: [GPU]
              - group: regulatory
                title: Regulatory Impact
                items: [Audit trail]
            """,
            "content/0001-a.md": issueFile(
                number: 1, extra: "### Issue Type\n- [x] GPU memory\n### Regulatory Impact\n- [x] Audit trail gaps\n"),
        ])
        let run = try perfsite(["export"], in: site.folder)
        #expect(run.output.contains("\"issueTypes\": [\n        \"gpu\"\n      ],"))
        #expect(run.output.contains("\"otherGroups\": {\n        \"regulatory\": [\n          \"audit-trail\"\n"))
    }
}

@Suite struct CommandLineMistakeTests {
    /// A build from the source names no commit; `make dist` does (scripts/dist/test.sh checks that one).
    @Test func versionNamesTheBuild() throws {
        let site = try TemporarySite([:])
        let run = try perfsite(["--version"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.output == "0.1.0 (development build)\n")
    }

    /// The completions README.md documents name every command, for each shell.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(shell: String) throws {
        let site = try TemporarySite([:])
        let run = try perfsite(["--generate-completion-script", shell], in: site.folder)
        #expect(run.status == 0)
        for command in ["build", "check", "serve", "export", "import", "new", "init"] {
            #expect(run.output.contains(command), "\(shell): \(command)")
        }
        #expect(run.output.contains("strip-prefix") && run.output.contains("excel"))
    }

    @Test func anUnknownCommandSaysWhatWasMeant() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let misspelt = try perfsite(["biuld"], in: site.folder)
        #expect(misspelt.status == 2)
        #expect(misspelt.errors == "error: unknown command 'biuld': did you mean 'build'?\nSee 'perfsite --help'.\n")
        let unknown = try perfsite(["publish"], in: site.folder)
        #expect(unknown.status == 2)
        #expect(
            unknown.errors
                == "error: unknown command 'publish': the commands are build, check, serve, export, import, new, init\n"
                + "See 'perfsite --help'.\n")
        #expect(site.read("public/index.html") == nil)
        #expect(try perfsite(["--output", "site"], in: site.folder).status == 0)
    }

    @Test func templateMistakesAreWarningsAndStopAStrictBuild() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "templates/layuot.mustache": "{{siteTitle}}",
        ])
        let run = try perfsite(["build"], in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output.hasPrefix(
                "templates/layuot.mustache: warning: it overrides no built-in template and no template includes it, "
                    + "so it is not used: did you mean 'layout.mustache'?"))
        let strict = try perfsite(["build", "--strict", "--output", "strict"], in: site.folder)
        #expect(strict.status == 1)
        #expect(site.read("strict/index.html") == nil)
        try site.write("{{#rows}}\n", to: "templates/index.mustache")
        let broken = try perfsite(["build"], in: site.folder)
        #expect(broken.status == 2)
        #expect(
            broken.errors
                == "error: the template 'index.mustache' cannot be parsed at line 2, column 1: a section is never "
                + "closed: add its {{/name}} (the line reads ''): fix it in 'templates'\n")
    }
}

@Suite struct CacheLocationTests {
    /// The cache lives beside the configuration file, not in whatever folder the command runs from.
    @Test func theCacheIsBesideTheConfigurationFile() throws {
        let site = try TemporarySite([
            "project/content/0001-a.md": issueFile(number: 1), "project/perfsite.yml": "title: Perf\n",
        ])
        let run = try perfsite(
            [
                "build", "--content", "project/content", "--config", "project/perfsite.yml", "--output",
                "project/public",
            ],
            in: site.folder)
        #expect(run.status == 0)
        #expect(site.files(under: "project/.perfsite-cache").isEmpty == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.folder.path) == ["project"])
    }
}

@Suite struct CacheLockTests {
    /// One process at a time uses a cache folder: a build beside another keeps no cache rather than mixing records.
    @Test func aBuildWhileAnotherUsesTheCacheBuildsWithoutIt() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/0002-b.md": issueFile(number: 2),
        ])
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(2 of 2 files parsed)"))
        let descriptor = open(site.folder.path + "/.perfsite-cache/lock", O_RDWR)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let beside = try perfsite(["build", "--output", "other"], in: site.folder)
        close(descriptor)
        #expect(beside.status == 0)
        #expect(
            beside.errors.contains(
                "note: another perfsite process is using ./.perfsite-cache; this build keeps no cache"))
        #expect(beside.errors.contains("(2 of 2 files parsed)"))
        #expect(try perfsite(["build"], in: site.folder).errors.contains("(0 of 2 files parsed)"))
    }
}
