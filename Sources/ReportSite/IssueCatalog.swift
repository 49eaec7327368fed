import Dispatch
import Foundation
import ReportExtraction
import ReportModel
import Synchronization

/// Every issue read from a content folder, and every diagnostic found on the way.
public struct IssueCatalog: Sendable {
    /// The issues that can be published, sorted by number.
    public let issues: [Issue]
    /// All diagnostics, sorted by file and line.
    public let diagnostics: [Diagnostic]
    /// How many files were read.
    public let fileCount: Int
    /// Whether two files share a number (the site cannot be built: their pages would collide).
    public let hasDuplicateNumbers: Bool
    /// The files parsed rather than taken from the cache.
    public let parsedPaths: Set<String>
    /// How many files were parsed rather than taken from the cache.
    public var parsedCount: Int { parsedPaths.count }

    /// Collects what reading each file gave, in path order, and finds numbers used twice.
    init(results: [IssueReader.Result], fileCount: Int, parsedPaths: Set<String>) {
        self.parsedPaths = parsedPaths
        var diagnostics = results.flatMap(\.diagnostics)
        var byNumber: [Int: [Issue]] = [:]
        for issue in results.compactMap(\.issue) { byNumber[issue.number, default: []].append(issue) }
        var issues: [Issue] = []
        var duplicates = false
        for (number, sharing) in byNumber.sorted(by: { $0.key < $1.key }) {
            if sharing.count == 1 {
                issues.append(sharing[0])
                continue
            }
            duplicates = true
            for issue in sharing {
                let others = sharing.filter { $0.path != issue.path }.map(\.path).joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(
                        file: issue.path, line: nil, severity: .error,
                        message: "issue number \(number) is also used by \(others): give each issue its own number"))
            }
        }
        self.issues = issues
        self.diagnostics = diagnostics.sorted()
        self.fileCount = fileCount
        self.hasDuplicateNumbers = duplicates
    }

    /// The number of diagnostics of a severity.
    public func count(_ severity: Diagnostic.Severity) -> Int { diagnostics.count { $0.severity == severity } }
}

/// Maps over an array on several threads, keeping the input order.
enum ParallelMap {
    /// `jobs` threads take the next input in turn (all cores when `nil`); one job maps serially.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int? = nil, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let workers = min(max(jobs ?? ProcessInfo.processInfo.activeProcessorCount, 1), max(inputs.count, 1))
        if workers == 1 { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < inputs.count else { break }
                results.store(transform(inputs[index]), at: index)
            }
        }
        return results.values()
    }
}

/// One slot per input, each written once by one thread: no two threads touch the same slot.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    func values() -> [Value] { slots.map { $0! } }
}
