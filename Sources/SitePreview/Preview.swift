import FlyingFox
import FlyingSocks
import Foundation
import ReportModel
import ReportSite

/// `perfsite serve`: builds the site, serves it, watches its sources and rebuilds what changed, and tells every
/// open page to reload. The live-reload script is added to pages as they are served, never to the built files.
public final class Preview: Sendable {
    /// Where to listen.
    public struct Options: Sendable {
        /// The address to listen on: loopback unless the user says otherwise.
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port: UInt16 = 8000

        /// The defaults.
        public init() {}

        /// Whether the address is every address of this machine (`0.0.0.0`), reachable from other machines.
        public var listensEverywhere: Bool { Self.isWildcard(host) }

        static func isWildcard(_ host: String) -> Bool { ["0.0.0.0", "::", "[::]", ""].contains(host) }
    }

    let locations: SiteLocations
    let buildOptions: BuildOptions
    let options: Options
    let log: @Sendable (String) -> Void
    let events = ReloadEvents()
    let files: StaticFiles

    /// Prepares a preview of the site at `locations`; `log` prints what happens, line by line.
    public init(
        locations: SiteLocations, buildOptions: BuildOptions, options: Options,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.locations = locations
        self.buildOptions = buildOptions
        self.options = options
        self.log = log
        self.files = StaticFiles(root: locations.output.standardizedFileURL)
    }

    /// Builds, serves and watches until the task is cancelled; `listening` gets the address once it is open.
    public func run(listening: @Sendable (URL) -> Void) async throws {
        // The port first: a taken one is said at once, before the first build.
        let socket: Socket
        do {
            socket = try FrontSocket.listen(
                host: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        } catch {
            throw SiteError(
                "cannot listen on \(options.host):\(options.port): \(error). Is the port taken? Pass --port N (0 "
                    + "picks a free one), and an IPv4 address as --host")
        }
        var build = 1
        await rebuild(number: build, everything: true)
        let backend = Backend.address()
        let server = HTTPServer(address: backend, timeout: 30, logger: .disabled)
        await server.appendRoute("GET /__perfsite/events") { [events] _ in
            HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", HTTPHeader("Cache-Control"): "no-cache"],
                body: HTTPBodySequence(from: StreamedBody(stream: await events.subscribe())))
        }
        // The target's path as sent: FlyingFox's `path` is standardised, which drops a folder's trailing slash, and
        // the redirect that adds it would then answer itself for ever.
        await server.appendRoute("GET /*") { [self] request in
            self.respond(to: request.target.path(percentEncoded: false))
        }
        let serving = Task { try await server.run() }
        // Clients reach FlyingFox only through the guard, which bounds what they send (RequestGuard).
        let pool = HTTPServer.defaultPool()
        let listener: AsyncSocket
        do {
            try await server.waitUntilListening(timeout: 10)
            try await pool.prepare()
            listener = try AsyncSocket(socket: socket, pool: pool)
        } catch {
            serving.cancel()
            try? socket.close()
            throw SiteError("the preview server could not start: \(error)")
        }
        let front = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await pool.run() }
                group.addTask { try await RequestGuard(backend: backend, pool: pool).run(on: listener) }
                try await group.next()
                group.cancelAll()
            }
        }
        let port: UInt16 =
            switch try? listener.socket.sockname() {
            case .ip4(_, let port)?: port
            default: options.port
            }
        listening(URL(string: "http://\(Self.reachableHost(options.host)):\(port)/")!)
        var snapshot = SourceSnapshot(locations)
        var ticks = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            ticks += 1
            if ticks % 25 == 0 { await events.ping() }
            let now = SourceSnapshot(locations)
            guard now != snapshot else { continue }
            snapshot = now
            build += 1
            await rebuild(number: build, everything: false)
        }
        front.cancel()
        try? listener.close()
        await events.finish()
        await server.stop(timeout: 0.5)
        serving.cancel()
    }

    /// The host to put in the address printed: a wildcard address (`0.0.0.0`) is no place a browser can open, and
    /// this machine reaches itself on loopback.
    static func reachableHost(_ host: String) -> String {
        Options.isWildcard(host) ? "127.0.0.1" : host
    }

    /// Builds on a thread of its own (the build is synchronous and would hold up the server's threads), prints
    /// the diagnostics of the files it parsed, and tells the open pages.
    private func rebuild(number: Int, everything: Bool) async {
        let started = Date()
        let outcome: Result<BuildResult, Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [locations, buildOptions] in
                continuation.resume(returning: Result { try Site.build(locations, options: buildOptions) })
            }
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        switch outcome {
        case .failure(let error):
            log("build \(number) failed: \(error)")
            await events.fail("perfsite: the build failed\n\n\(error)")
        case .success(let result):
            let catalog = result.catalog
            let shown = catalog.diagnostics.filter { everything || catalog.parsedPaths.contains($0.file) }
            let text =
                DiagnosticFormat.text.render(shown, folder: locations.content.relativePath)
                + DiagnosticFormat.text.render(result.templateDiagnostics, folder: locations.templates.relativePath)
            if !text.isEmpty { log(String(text.dropLast())) }
            let errors = catalog.diagnostics.filter { $0.severity == .error }
            log(
                "build \(number): \(catalog.parsedCount) of \(catalog.fileCount) files parsed, "
                    + "\(result.pagesWritten - result.pagesKept) of \(result.pagesWritten) pages rendered, "
                    + "\(errors.count) errors, \(catalog.count(.warning)) warnings, in \(seconds) s")
            if result.filesWritten == nil || !errors.isEmpty {
                // Open pages keep what they show, under the overlay: the page of a file that broke is left out of
                // this build, and reloading it would put the overlay over "Page not found".
                let listed = DiagnosticFormat.text.render(errors, folder: locations.content.relativePath)
                let reason = catalog.hasDuplicateNumbers ? "two files share a number" : "errors in the content"
                await events.fail("perfsite: \(reason)\n\n\(listed)")
            } else {
                await events.reload(build: number)
            }
        }
    }

    /// A file of the site, the site's 404 page, a redirect, or 400 for a path that tries to leave the site.
    func respond(to path: String) -> HTTPResponse {
        switch files.lookup(path) {
        case .refused:
            return HTTPResponse(
                statusCode: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                body: Data("400: that path leaves the site\n".utf8))
        case .redirect(let target):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: target])
        case .missing:
            let page = files.root.appendingPathComponent("404.html")
            let body = FileManager.default.contents(atPath: page.path) ?? Data("404: not found\n".utf8)
            return HTTPResponse(
                statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                body: Preview.injectingReload(into: body))
        case .file(let url):
            let body = FileManager.default.contents(atPath: url.path) ?? Data()
            let type = StaticFiles.contentType(of: url)
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"],
                body: type.hasPrefix("text/html") ? Preview.injectingReload(into: body) : body)
        }
    }

    /// The page with the live-reload script before `</body>`: reload on a good build, an overlay on a failed one.
    static func injectingReload(into page: Data) -> Data {
        var html = String(decoding: page, as: UTF8.self)
        if let end = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            html.insert(contentsOf: reloadScript, at: end.lowerBound)
        } else {
            html += reloadScript
        }
        return Data(html.utf8)
    }

    static let reloadScript = """
        <script>(() => {
          const events = new EventSource("/__perfsite/events");
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("failed", (event) => {
            let overlay = document.getElementById("perfsite-overlay");
            if (!overlay) {
              overlay = document.createElement("pre");
              overlay.id = "perfsite-overlay";
              overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;"
                + "padding:1rem 1.5rem;background:#3b0d0d;color:#fff;font:13px/1.45 monospace;z-index:2147483647;"
                + "white-space:pre-wrap;border-top:4px solid #f28b82";
              document.body.appendChild(overlay);
            }
            overlay.textContent = event.data;
          });
        })();</script>

        """
}

/// The sizes and times of everything a build reads: content, templates, configuration.
struct SourceSnapshot: Equatable {
    private var stamps: [String: String] = [:]

    init(_ locations: SiteLocations) {
        for folder in [locations.content, locations.templates] {
            let root = folder.standardizedFileURL
            let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
                continue
            }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                    continue
                }
                stamps[url.path] =
                    "\(values.fileSize ?? 0) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        let configuration = locations.configuration.standardizedFileURL
        if let attributes = try? FileManager.default.attributesOfItem(atPath: configuration.path) {
            stamps[configuration.path] = "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0)"
        }
    }
}
