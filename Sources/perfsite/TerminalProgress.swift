import Foundation
import ReportSite
import Synchronization

/// A progress bar on standard error, drawn only on a terminal and only once a build has run for a second.
final class TerminalProgress: Sendable {
    private struct State {
        var lastDrawn: Date?
    }

    private let enabled: Bool
    private let started = Date()
    private let state = Mutex(State())

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Redraws at most ten times a second.
    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(started) >= 1 else { return }
        state.withLock { state in
            if let last = state.lastDrawn, now.timeIntervalSince(last) < 0.1, done < total { return }
            state.lastDrawn = now
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            let line =
                done < total
                ? "\r  reading [\(bar)] \(done)/\(total) files"
                : "\r  read \(total) files; rendering and writing pages\u{1B}[K"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Clears the bar, if one was drawn.
    func finish() {
        state.withLock { state in
            if state.lastDrawn != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}

/// Runs `handler` with the signal's number on SIGINT or SIGTERM, instead of the default of dying at once.
final class SignalHandler {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "perfsite.signals")
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            return source
        }
    }

    /// Stops listening; the default handling comes back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
