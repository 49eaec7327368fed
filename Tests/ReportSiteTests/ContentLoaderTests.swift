import Foundation
import Testing

@testable import ReportSite

@Suite struct ContentLoaderTests {
    /// Markdown files at any depth, in byte order of their paths; hidden files and folders, other extensions and
    /// links that leave the folder are not read; a link inside it is read from its target.
    @Test func theListingFindsWhatABuildReads() throws {
        let site = try TemporarySite([
            "content/b.md": "b", "content/a/z.md": "z", "content/a/deeper/y.md": "yy", "content/A.md": "A",
            "content/.draft.md": "hidden", "content/.git/x.md": "hidden", "content/notes.txt": "not markdown",
            "content/upper.MD": "not .md", "outside/secret.md": "secret",
        ])
        let content = site.folder.appendingPathComponent("content")
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("inside.md").path, withDestinationPath: "a/z.md")
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("leaves.md").path, withDestinationPath: "../outside/secret.md")
        let contents = try ContentLoader.list(content)
        let listings = contents.listings
        #expect(listings.map(\.path) == ["A.md", "a/deeper/y.md", "a/z.md", "b.md", "inside.md"])
        #expect(listings.map(\.size) == [1, 2, 1, 1, 1])
        #expect(
            try listings.map { String(decoding: try $0.read().bytes, as: UTF8.self) } == ["A", "yy", "z", "b", "z"])
        #expect(contents.problems.map(\.file) == ["leaves.md"])
        #expect(throws: SiteError.self) { try ContentLoader.list(content.appendingPathComponent("missing")) }
    }
}

/// Nothing under the content folder is left out without a word: each entry that cannot be listed or read is a
/// diagnostic naming it, and the rest of the site still builds.
@Suite struct ContentLoaderProblemTests {
    /// Creates the file `name` (any bytes) in `folder` with `text`.
    private func create(_ name: [UInt8], in folder: URL, text: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        try #require(descriptor >= 0)
        _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    @Test func aFileWhoseNameIsNotUTF8IsReadAndShownWithReplacementCharacters() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let content = site.folder.appendingPathComponent("content")
        try create(Array("0002-caf".utf8) + [0xE9] + Array(".md".utf8), in: content, text: issueFile(number: 2))
        let run = try perfsite(["build", "--no-cache"], in: site.folder)
        #expect(run.status == 0)
        #expect(run.errors.contains("2 issues read"))
        #expect(
            run.output.contains(
                "content/0002-caf\u{FFFD}.md: warning: the file's name is not valid UTF-8, so it is shown with "
                    + "replacement characters: rename it"))
        #expect(site.files(under: "public/issues").contains("2-caf.html"))
    }

    @Test func aNamedPipeAndLinksToFoldersOrToNothingAreReported() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1), "elsewhere/x.md": "x"])
        let content = site.folder.appendingPathComponent("content")
        #expect(mkfifo(content.path + "/0002-pipe.md", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: content.path + "/gone.md", withDestinationPath: "nothing.md")
        try FileManager.default.createSymbolicLink(atPath: content.path + "/folder", withDestinationPath: ".")
        let run = try perfsite(["check"], in: site.folder)
        #expect(
            run.output
                == """
                content/0002-pipe.md: warning: not a regular file (a named pipe), so it was not read
                content/folder: warning: a symbolic link to a folder, which is not followed: its files were not read
                content/gone.md: warning: a symbolic link to nothing, so it was left out

                """)
        #expect(run.errors.contains("checked 1 files: 1 issues"))
    }

    @Test func aPathTooLongToOpenIsAnError() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        defer { _ = try? program("/bin/rm", ["-rf", "content"], in: site.folder) }
        // Made folder by folder from a descriptor: no absolute path that long can be opened.
        var descriptor = open(site.folder.path + "/content", O_RDONLY | O_DIRECTORY)
        let name = String(repeating: "d", count: 200)
        for _ in 0..<22 {
            #expect(mkdirat(descriptor, name, 0o755) == 0)
            let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
        }
        let file = openat(descriptor, "0002-deep.md", O_WRONLY | O_CREAT, 0o644)
        close(file)
        close(descriptor)
        let run = try perfsite(["check"], in: site.folder)
        #expect(run.status == 1)
        #expect(run.output.contains(": error: the path is over 4096 bytes, too long to open, so it was left out"))
        #expect(run.errors.contains("1 issues"))
    }

    /// Run as an ordinary user (tests run as root, which may read anything): a folder and a file that user cannot
    /// read are errors, and the build writes the rest.
    @Test func anUnreadableFolderOrFileIsAnErrorAndTheRestIsBuilt() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(number: 1), "content/private/0002-b.md": issueFile(number: 2),
            "content/0003-c.md": issueFile(number: 3),
        ])
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: site.folder.path)
        try manager.setAttributes([.posixPermissions: 0o000], ofItemAtPath: site.folder.path + "/content/private")
        try manager.setAttributes([.posixPermissions: 0o000], ofItemAtPath: site.folder.path + "/content/0003-c.md")
        defer {
            try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.folder.path + "/content/private")
        }
        let run = try program(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", perfsiteExecutable.path, "build", "--no-cache"],
            in: site.folder)
        #expect(run.status == 0)
        #expect(
            run.output
                == """
                content/0003-c.md: error: the file cannot be read (Permission denied): check its permissions
                content/private: error: the folder cannot be read (Permission denied), so its files were left out: \
                check its permissions

                """)
        #expect(site.read("public/issues/1-a.html") != nil)
    }
}
