import Synchronization

/// Counts files read on many threads and passes the count on.
final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int
    private let report: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    init(total: Int, report: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func add(_ count: Int) {
        let now = done.add(count, ordering: .relaxed).newValue
        report?(now, total)
    }
}
