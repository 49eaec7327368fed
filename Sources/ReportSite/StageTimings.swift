import Foundation
import Synchronization

/// The wall and CPU time of each stage of a build or a check (`--timings`, as Hugo's `--templateMetrics`), so that
/// anyone can repeat the profile docs/performance.md shows. CPU time is the whole process's (every thread) plus the
/// processes it ran and waited for (Pagefind), so a stage that runs on every core shows more CPU than wall time.
/// Each stage also shows the process's peak memory when it ended (Hugo prints memory with `--printMemoryUsage`), so a
/// stage whose figure exceeds that of the stage that ended before it raised the peak.
public final class StageTimings: Sendable {
    /// One stage: its name, how deep it lies inside another, and what it took.
    public struct Stage: Sendable, Equatable {
        public let name: String
        public let depth: Int
        public let wall: Double
        public let cpu: Double
        /// The largest resident set the process had when the stage ended, in MB.
        public let peakMB: Int
    }

    private struct State {
        var stages: [Stage] = []
        /// The stages begun and not yet ended, innermost last.
        var open: [Int] = []
        /// CPU time of work done on many threads inside a stage, by the stage's index and the work's name.
        var work: [Int: [(name: String, cpu: Double)]] = [:]
    }

    private let state = Mutex(State())
    private let start: (wall: Double, cpu: Double)

    /// Starts the clock of the whole run.
    public init() { start = Self.now() }

    /// The stages measured so far, in the order they started.
    public var stages: [Stage] { state.withLock { $0.stages } }

    /// Runs `body` as the stage `name`; stages measured inside it are shown under it.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let (index, depth) = state.withLock { state in
            state.stages.append(Stage(name: name, depth: state.open.count, wall: 0, cpu: 0, peakMB: 0))
            state.open.append(state.stages.count - 1)
            return (state.stages.count - 1, state.open.count - 1)
        }
        let before = Self.now()
        defer {
            let after = Self.now()
            let peak = Self.peakMemoryMB()
            state.withLock { state in
                state.open.removeLast()
                state.stages[index] = Stage(
                    name: name, depth: depth, wall: after.wall - before.wall, cpu: after.cpu - before.cpu,
                    peakMB: peak)
            }
        }
        return try body()
    }

    /// Runs `body`, a piece of the work `name` that many threads do inside the current stage, adding the CPU time
    /// this thread spent on it to the work's total.
    func work<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let before = Self.threadCPU()
        defer {
            let cpu = Self.threadCPU() - before
            state.withLock { state in
                guard let stage = state.open.last else { return }
                if let index = state.work[stage, default: []].firstIndex(where: { $0.name == name }) {
                    state.work[stage]![index].cpu += cpu
                } else {
                    state.work[stage, default: []].append((name, cpu))
                }
            }
        }
        return try body()
    }

    /// The table `--timings` prints: a line a stage (threaded work under it, with CPU time only), then the total since
    /// ``init()`` and the peak memory.
    public func table() -> String {
        let total = Self.now()
        let (stages, work) = state.withLock { ($0.stages, $0.work) }
        let peak = Self.peakMemoryMB()
        var rows: [(name: String, wall: Double?, cpu: Double, peakMB: Int?)] = []
        for (index, stage) in stages.enumerated() {
            let indent = String(repeating: "  ", count: stage.depth)
            rows.append((indent + stage.name, stage.wall, stage.cpu, stage.peakMB))
            // By name: the threads start them in any order.
            for piece in (work[index] ?? []).sorted(by: { $0.name < $1.name }) {
                rows.append((indent + "  " + piece.name + " (threads)", nil, piece.cpu, nil))
            }
        }
        rows.append(("total", total.wall - start.wall, total.cpu - start.cpu, peak))
        let width = max(rows.map(\.name.count).max() ?? 0, "stage".count)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        var lines = ["\(pad("stage"))     wall s      CPU s    peak MB"]
        for row in rows {
            let wall = row.wall.map { String(format: "%10.3f", $0) } ?? String(repeating: " ", count: 10)
            let peak = row.peakMB.map { String(format: " %10d", $0) } ?? ""
            lines.append(pad(row.name) + " " + wall + String(format: " %10.3f", row.cpu) + peak)
        }
        lines.append("peak memory \(peak) MB")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The monotonic clock and the CPU time so far of this process and its waited-for children, in seconds.
    private static func now() -> (wall: Double, cpu: Double) {
        var wall = timespec()
        var cpu = timespec()
        clock_gettime(CLOCK_MONOTONIC, &wall)
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        var children = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (
            Double(wall.tv_sec) + Double(wall.tv_nsec) / 1e9,
            Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9 + seconds(children.ru_utime) + seconds(children.ru_stime)
        )
    }

    /// The CPU time of the calling thread, in seconds.
    private static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The largest resident set this process had, in MB.
    private static func peakMemoryMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

extension Optional where Wrapped == StageTimings {
    /// `body` as a stage when there are timings to keep, else just `body`.
    public func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard let timings = self else { return try body() }
        return try timings.measure(name, body)
    }

    /// `body` as a piece of a stage's threaded work when there are timings to keep, else just `body`.
    func work<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard let timings = self else { return try body() }
        return try timings.work(name, body)
    }
}
