import Foundation
import Testing

/// A line-by-line reader of a pipe: each call blocks until the next line, or returns `nil` at the end of the
/// stream. Tests wait on what a process says, never on a clock.
final class LineReader {
    private let handle: FileHandle
    /// Every line read so far.
    private(set) var lines: [String] = []

    init(_ pipe: Pipe) { handle = pipe.fileHandleForReading }

    func next() -> String? {
        var line: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1)?.first {
            if byte == UInt8(ascii: "\n") {
                lines.append(String(decoding: line, as: UTF8.self))
                return lines.last
            }
            line.append(byte)
        }
        return nil
    }

    /// Reads up to the first line that contains `text`; `nil` when the stream ends first.
    func line(containing text: String) -> String? {
        while let line = next() {
            if line.contains(text) { return line }
        }
        return nil
    }
}

/// `perfsite serve` on a free port, its output read line by line.
final class ServeProcess {
    let process = Process()
    let log: LineReader
    /// `http://127.0.0.1:PORT/`, once the server said it listens.
    let base: String
    let port: UInt16

    init(in folder: URL, arguments: [String] = []) throws {
        process.executableURL = perfsiteExecutable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        log = LineReader(pipe)
        try process.run()
        let serving = log.line(containing: "serving http://127.0.0.1:") ?? ""
        let digits = serving.split(separator: "127.0.0.1:").last?.prefix { $0.isNumber } ?? ""
        port = UInt16(digits) ?? 0
        base = "http://127.0.0.1:\(port)/"
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Sends the signal and reads the log to its end; the exit status.
    func stop(with signalNumber: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signalNumber)
        while log.next() != nil {}
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A raw TCP client, for requests curl will not send: half-sent lines, oversized heads.
final class RawClient {
    private let descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
    }

    deinit { close(descriptor) }

    /// Sends what the server takes; a server that answered and closed takes no more, which is no error here.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Everything the server sends until it closes the connection.
    func readToEnd() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

/// `perfsite serve` end to end: the real binary on a free port, fetched with curl.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeTests {
    /// An HTTP response as curl saw it.
    struct Fetched {
        let status: Int
        let body: String
    }

    /// curl's time limit only ends a test that would otherwise hang; no answer is expected to come near it.
    private func fetch(_ url: String, pathAsIs: Bool = false) throws -> Fetched {
        let site = try TemporarySite([:])
        let run = try program(
            "/usr/bin/curl",
            ["-s", "-o", "body", "-w", "%{http_code}", "--max-time", "120"] + (pathAsIs ? ["--path-as-is"] : [])
                + [url],
            in: site.folder)
        return Fetched(status: Int(run.output) ?? 0, body: site.read("body") ?? "")
    }

    /// The reload events, read line by line from curl's output.
    private func events(_ base: String) throws -> (Process, LineReader) {
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        listener.arguments = ["-s", "-N", base + "__perfsite/events"]
        let pipe = Pipe()
        listener.standardOutput = pipe
        try listener.run()
        return (listener, LineReader(pipe))
    }

    @Test func servesRebuildsReloadsAndStopsOnSIGTERM() throws {
        let site = try TemporarySite([
            "content/0001-a.md": issueFile(
                number: 1, title: "Queue backs up", extra: "### Affected Component\n- [x] Job Queue\n"),
            "content/0002-b.md": issueFile(number: 2, title: "Token endpoint slow"),
        ])
        let server = try ServeProcess(in: site.folder)
        let base = server.base
        let dashboard = try fetch(base)
        #expect(dashboard.status == 200)
        #expect(dashboard.body.contains("<h1>Performance issues</h1>"))
        #expect(dashboard.body.contains("new EventSource(\"/__perfsite/events\")"))
        #expect(site.read("public/index.html")?.contains("EventSource") == false)
        let component = try fetch(base + "components/job-queue.html")
        #expect(component.status == 200)
        #expect(component.body.contains("Queue backs up"))
        let missing = try fetch(base + "no-such-page.html")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<h1>Page not found</h1>"))
        // The 404 page, served at any depth, links home by the host's root.
        let deep = try fetch(base + "issues/no/such/page.html")
        #expect(deep.status == 404)
        #expect(deep.body.contains("<a href=\"/index.html\">Go to the dashboard</a>"))
        // A folder without its slash is sent to it; with it, its index is served.
        #expect(try fetch(base + "components").status == 301)
        let folder = try fetch(base + "components/")
        #expect(folder.status == 200)
        #expect(folder.body.contains("Job Queue"))
        #expect(try fetch(base + "issues/").body.contains("Token endpoint slow"))

        let (listener, stream) = try events(base)
        defer { listener.terminate() }
        #expect(stream.line(containing: ": perfsite live reload") != nil)

        try site.write(issueFile(number: 2, title: "Token endpoint slow again"), to: "content/0002-b.md")
        #expect(stream.line(containing: "event: reload") != nil)
        #expect(server.log.line(containing: "build 2:")?.hasPrefix("build 2: 1 of 2 files parsed") == true)
        #expect(try fetch(base + "issues/index.html").body.contains("Token endpoint slow again"))

        // The open issue's file breaks: the overlay comes, no reload before it (the page would be gone under it).
        try site.write("---\nnumber: 2\n", to: "content/0002-b.md")
        #expect(stream.line(containing: "event: ") == "event: failed")
        #expect(stream.next()?.hasPrefix("data: perfsite: errors in the content") == true)
        #expect(stream.line(containing: "data: content/0002-b.md:1: error: the front matter is not closed") != nil)
        // Mended, the pages reload.
        try site.write(issueFile(number: 2, title: "Token endpoint fixed"), to: "content/0002-b.md")
        #expect(stream.line(containing: "event: ") == "event: reload")

        #expect(server.stop() == 0)
        #expect(server.log.lines.last == "stopped")
    }

    /// A taken port is said at once: before the first build, and with the exit status of an environment error.
    @Test func aTakenPortFailsBeforeTheFirstBuild() throws {
        let taken = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(taken) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(taken, $0, length) == 0 && listen(taken, 1) == 0 && getsockname(taken, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let run = try perfsite(["serve", "--port", String(port)], in: site.folder)
        #expect(run.status == 2)
        #expect(run.errors.contains("error: cannot listen on 127.0.0.1:\(port):"), "\(run.errors)")
        #expect(run.errors.contains("Is the port taken? Pass --port N"))
        #expect(!run.output.contains("build 1") && !run.errors.contains("build 1"))
        #expect(site.files(under: "public").isEmpty)
    }

    /// On every address, the address printed is one a browser here can open.
    @Test func listeningOnEveryAddressPrintsOneThatOpens() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let server = try ServeProcess(in: site.folder, arguments: ["--host", "0.0.0.0"])
        #expect(server.log.lines.last?.hasPrefix("serving \(server.base) (on every address") == true)
        #expect(try fetch(server.base).status == 200)
        #expect(server.stop() == 0)
    }

    @Test func pathsThatLeaveTheSiteAreRefused() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1), "secret.txt": "root:x:0:0\n"])
        let server = try ServeProcess(in: site.folder)
        let base = String(server.base.dropLast())
        for path in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
            "/components/../../secret.txt",
            "/%252e%252e/secret.txt", "//etc/passwd", "/assets/..%5c..%5csecret.txt",
        ] {
            let response = try fetch(base + path, pathAsIs: true)
            #expect([400, 404].contains(response.status), "\(path) gave \(response.status)")
            #expect(!response.body.contains("root:x"), "\(path) served a file from outside the site")
        }
    }

    /// A request line or a head over the limits is answered at once, before the client finished sending it.
    @Test func anOversizedRequestIsAnsweredAtOnceWith414Or431() throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let server = try ServeProcess(in: site.folder)
        let unfinished = try RawClient(port: server.port)
        unfinished.write("GET /" + String(repeating: "a", count: 16 * 1024))
        #expect(unfinished.readToEnd().hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        let whole = try RawClient(port: server.port)
        whole.write("GET /" + String(repeating: "a", count: 300 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(whole.readToEnd().hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
        let header = try RawClient(port: server.port)
        header.write("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 20 * 1024))
        #expect(header.readToEnd().hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        let many = try RawClient(port: server.port)
        many.write("GET / HTTP/1.1\r\n" + String(repeating: "X-A: 1\r\n", count: 3000))
        #expect(many.readToEnd().hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        let normal = try RawClient(port: server.port)
        normal.write("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(normal.readToEnd().hasPrefix("HTTP/1.1 200"))
        #expect(server.stop() == 0)
    }

    /// Clients that send slowly, more of them than the machine has cores, hold up no one else; and SIGTERM or
    /// SIGINT stop the server while they, and a reload stream, are still connected.
    @Test(arguments: [SIGTERM, SIGINT])
    func slowClientsHoldUpNoOneAndASignalStillStopsTheServer(signalNumber: Int32) throws {
        let site = try TemporarySite(["content/0001-a.md": issueFile(number: 1)])
        let server = try ServeProcess(in: site.folder)
        var slow: [RawClient] = []
        for index in 0..<(2 * ProcessInfo.processInfo.activeProcessorCount + 2) {
            let client = try RawClient(port: server.port)
            client.write("GET /" + String(repeating: "s", count: index.isMultiple(of: 2) ? 8000 : 200))
            slow.append(client)
        }
        let page = try fetch(server.base)
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Performance issues</h1>"))
        let (listener, stream) = try events(server.base)
        defer { listener.terminate() }
        #expect(stream.line(containing: ": perfsite live reload") != nil)
        // The slow clients stay connected until the server has stopped.
        withExtendedLifetime(slow) {
            #expect(server.stop(with: signalNumber) == 0)
        }
        #expect(server.log.lines.last == "stopped")
    }

    /// A signal during a build (paused at a known point) stops the server, and the build's folders are removed.
    @Test func aSignalDuringABuildStopsTheServerAndLeavesNoTemporaryFolder() throws {
        var files = ["public/index.html": "the published site\n", "public/.perfsite-output": ""]
        for number in 1...5 { files["content/\(number).md"] = issueFile(number: number) }
        let site = try TemporarySite(files)
        let build = try PausedBuild(["serve", "--port", "0", "--no-cache"], in: site.folder, pauseAfterFiles: 3)
        #expect(build.pausedLine == "perfsite: paused after 3 files")
        kill(build.process.processIdentifier, SIGTERM)
        build.process.waitUntilExit()
        #expect(build.process.terminationStatus == 0)
        #expect(site.read("public/index.html") == "the published site\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: site.folder.path).sorted() == ["content", "public"])
    }
}
