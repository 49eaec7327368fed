import FlyingFox
import FlyingSocks
import Foundation

/// The public side of `perfsite serve`. FlyingFox 0.27.1 reads a request head byte by byte and compares the whole
/// buffer at each byte, so a 300 KB request line took tens of seconds and held a thread, and it sets no limit on
/// lines or headers. The guard reads each head itself, within byte limits, scanning each byte once and holding no
/// thread while it waits; it answers 414 or 431 as soon as a limit is passed, and hands a head within them, as its
/// request line and `Connection: close`, to the FlyingFox server behind it on a Unix socket.
struct RequestGuard<Pool: AsyncSocketPool>: Sendable {
    /// The longest request line taken: RFC 9112 asks for at least 8,000 octets.
    static var maxRequestLine: Int { 8 * 1024 }
    /// The longest head, request line and headers together.
    static var maxHead: Int { 16 * 1024 }

    /// What a client sent before its body.
    enum Head: Equatable {
        case request(line: [UInt8], headers: [[UInt8]])
        case rejected(String)
    }

    let backend: sockaddr_un
    let pool: Pool

    /// Reads a head from `client`, scanning each byte once; stops at the blank line or at a limit.
    static func readHead(from client: AsyncSocket) async throws -> Head {
        var bytes: [UInt8] = []
        var lines: [[UInt8]] = []
        var lineStart = 0
        var scanned = 0
        func tooLarge() -> Head {
            .rejected(lines.isEmpty ? "414 URI Too Long" : "431 Request Header Fields Too Large")
        }
        while true {
            while scanned < bytes.count {
                defer { scanned += 1 }
                guard bytes[scanned] == UInt8(ascii: "\n") else { continue }
                var line = Array(bytes[lineStart..<scanned])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                lineStart = scanned + 1
                if lines.isEmpty, line.count > maxRequestLine { return .rejected("414 URI Too Long") }
                if lineStart > maxHead { return tooLarge() }
                if line.isEmpty {
                    // RFC 9112 §2.2: empty lines before the request line are ignored.
                    if lines.isEmpty { continue }
                    return .request(line: lines[0], headers: Array(lines.dropFirst()))
                }
                lines.append(line)
            }
            if lines.isEmpty, bytes.count - lineStart > maxRequestLine { return .rejected("414 URI Too Long") }
            if bytes.count > maxHead { return tooLarge() }
            // Suspends without a thread until bytes come; ends with the connection, or with cancellation.
            bytes += try await client.read(atMost: 4096)
        }
    }

    /// Accepts until cancelled; each connection on a task of its own.
    func run(on listener: AsyncSocket) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for try await client in listener.sockets {
                group.addTask { await self.handle(client) }
            }
        }
    }

    private func handle(_ client: AsyncSocket) async {
        defer { try? client.close() }
        guard let head = try? await Self.readHead(from: client) else { return }
        switch head {
        case .rejected(let status):
            await Self.answer(client, status)
        case .request(let line, let headers):
            if headers.contains(where: Self.announcesBody) {
                return await Self.answer(client, "413 Content Too Large")
            }
            guard let server = try? await AsyncSocket.connected(to: backend, pool: pool) else {
                return await Self.answer(client, "503 Service Unavailable")
            }
            defer { try? server.close() }
            // perfsite's routes read only the path: no header of the client's reaches FlyingFox's decoder.
            let request = Data(line + Array("\r\nConnection: close\r\n\r\n".utf8))
            guard (try? await server.write(request)) != nil else { return }
            do {
                while true { try await client.write(Data(try await server.read(atMost: 4096))) }
            } catch {}
        }
    }

    /// Whether a header says a body follows (perfsite serves GET only).
    private static func announcesBody(_ header: [UInt8]) -> Bool {
        let name = String(decoding: header.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self).lowercased()
        let value = String(decoding: header.drop { $0 != UInt8(ascii: ":") }.dropFirst(), as: UTF8.self)
        return name == "transfer-encoding"
            || (name == "content-length" && value.trimmingCharacters(in: .whitespaces) != "0")
    }

    /// The status, then a half-close and a bounded drain, so that the client reads the answer rather than a reset.
    private static func answer(_ client: AsyncSocket, _ status: String) async {
        let body = status + "\n"
        let text =
            "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        guard (try? await client.write(Data(text.utf8))) != nil else { return }
        _ = shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        var drained = 0
        while drained < 1 << 20, let chunk = try? await client.read(atMost: 4096) { drained += chunk.count }
    }
}

/// The socket the guard listens on.
enum FrontSocket {
    /// The public TCP listener, opened with FlyingSocks' calls as `HTTPServer` opens its own.
    static func listen(host: String, port: UInt16) throws -> Socket {
        let socket = try Socket(domain: AF_INET, type: .stream)
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: sockaddr_in.inet(ip4: host, port: port))
        try socket.listen()
        return socket
    }
}

/// Where the FlyingFox server behind the guard listens.
enum Backend {
    /// Where the FlyingFox server listens: a Unix socket only this process knows (Linux's abstract namespace
    /// leaves no file behind; elsewhere a file in the temporary folder).
    static func address() -> sockaddr_un {
        #if os(Linux)
            return .unix(abstractNamespace: "perfsite-serve-\(getpid())")
        #else
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("perfsite-\(getpid()).sock").path
            try? Socket.unlink(sockaddr_un.unix(path: path))
            return .unix(path: path)
        #endif
    }
}
