/// "Did you mean …?": the known name nearest to one a person wrote, as compilers and swift-argument-parser suggest.
public enum Suggestion {
    /// The name in `names` nearest to `written` (case aside) by edit distance, when it is near enough to be the one
    /// meant: at most one edit for names of up to four letters, two for longer ones; `nil` otherwise or on a tie.
    public static func nearest(to written: String, in names: some Sequence<String>) -> String? {
        let word = Array(written.lowercased().unicodeScalars)
        let allowed = word.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        var tied = false
        for name in names {
            let distance = editDistance(word, Array(name.lowercased().unicodeScalars), limit: allowed)
            guard distance <= allowed else { continue }
            if let current = best, distance == current.distance, current.name != name {
                tied = true
            } else if best == nil || distance < best!.distance {
                best = (name, distance)
                tied = false
            }
        }
        return tied ? nil : best?.name
    }

    /// "; did you mean 'x'?" for a suggestion, or nothing.
    public static func phrase(for written: String, in names: some Sequence<String>) -> String {
        nearest(to: written, in: names).map { ": did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit; anything over `limit` is `limit + 1`.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return min(previous[b.count], limit + 1)
    }
}
