import FlyingFox
import FlyingSocks
import Foundation

/// The open pages, each listening on `/__perfsite/events` (server-sent events), and the last build's failure.
actor ReloadEvents {
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    /// The diagnostics of the last build when it failed, shown in an overlay until a good build.
    private(set) var failure: String?

    /// A new listener's stream; it starts with the current failure, if any, and a comment to open the stream.
    func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in Task { await self?.remove(id) } }
        listeners[id] = continuation
        continuation.yield(Array(": perfsite live reload\n\n".utf8))
        if let failure { continuation.yield(Self.event("failed", failure)) }
        return stream
    }

    private func remove(_ id: UUID) { listeners[id] = nil }

    /// Tells every page to reload after a good build.
    func reload(build: Int) {
        failure = nil
        send(Self.event("reload", String(build)))
    }

    /// Shows a failed build's diagnostics on every page.
    func fail(_ text: String) {
        failure = text
        send(Self.event("failed", text))
    }

    /// Keeps idle connections open through proxies and the server's timeouts.
    func ping() { send(Array(": ping\n\n".utf8)) }

    /// How many pages listen.
    var count: Int { listeners.count }

    /// Ends every stream, so the server can stop.
    func finish() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    private func send(_ bytes: [UInt8]) {
        for continuation in listeners.values { continuation.yield(bytes) }
    }

    /// `event: NAME` and one `data:` line for each line of the text.
    static func event(_ name: String, _ text: String) -> [UInt8] {
        let data = text.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return Array("event: \(name)\n\(data)\n".utf8)
    }
}

/// A response body that streams bytes as they come (chunked), for server-sent events.
struct StreamedBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await nextBuffer(suggested: 4096) else { return nil }
                pending = Array(chunk)
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending.removeAll() }
                return pending
            }
            while let chunk = await base.next() {
                if !chunk.isEmpty { return chunk }
            }
            return nil
        }
    }
}
