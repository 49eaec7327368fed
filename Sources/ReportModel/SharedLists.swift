import Synchronization

/// One copy of each list that many issues hold alike (the boxes ticked in a group, the optimization ideas chosen, the
/// labels and assignees), shared by the issues of one build: a list costs an allocation of its own in every issue
/// that holds it, and at 100,000 issues these were about a tenth of the memory.
///
/// Safe to use from the threads that read the files: each table is behind its own lock.
public final class SharedLists: Sendable {
    private let texts = Mutex<Set<[String]>>([])
    private let ideas = Mutex<Set<[OptimizationChoice]>>([])

    /// Creates an empty table.
    public init() {}

    /// The table's copy of `list`, which the table keeps from now on when it held none equal to it.
    public func shared(_ list: [String]) -> [String] {
        if list.isEmpty { return [] }
        return texts.withLock { $0.insert(list).memberAfterInsert }
    }

    /// The table's copy of `list`.
    public func shared(_ list: [OptimizationChoice]) -> [OptimizationChoice] {
        if list.isEmpty { return [] }
        return ideas.withLock { $0.insert(list).memberAfterInsert }
    }
}

extension Issue {
    /// Replaces the issue's lists of ticked boxes, optimization ideas, labels and assignees by `lists`' copies,
    /// equal to them: the same issue, in less memory when other issues hold the same lists.
    public mutating func shareLists(in lists: SharedLists) {
        choices = choices.mapValues(lists.shared)
        optimizations = lists.shared(optimizations)
        labels = lists.shared(labels)
        assignees = lists.shared(assignees)
    }
}
