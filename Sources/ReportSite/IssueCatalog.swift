import Dispatch
import ReportExtraction
import ReportModel

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

    /// Reads every file, in parallel; the result does not depend on the number of threads.
    public init(reading files: [SourceFile], with reader: IssueReader, rendersHTML: Bool) {
        let results = ParallelMap.map(files) { reader.read($0, rendersHTML: rendersHTML) }
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
        self.fileCount = files.count
        self.hasDuplicateNumbers = duplicates
    }

    /// The number of diagnostics of a severity.
    public func count(_ severity: Diagnostic.Severity) -> Int { diagnostics.count { $0.severity == severity } }
}

/// Maps over an array on every core, keeping the input order.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let results = ResultSlots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results.store(transform(inputs[index]), at: index)
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
