import MarkdownTree
import ReportModel

extension BodyReader {
    /// Every line of Target Metrics as name, comparator, value, unit and the rest of the line.
    mutating func readTargets() {
        var targets: [Target] = []
        var written: [String] = []
        for entry in outline.lines
        where entry.context.subsection == "target metrics"
            || (entry.context.section == "performance targets" && entry.context.subsection.isEmpty)
        {
            guard case .item(nil, let text) = entry.entry else { continue }
            // `n/a (worker-side)`: a deliberate answer, no target and no warning.
            if ValueText.isNotGiven(text) { continue }
            guard let (name, value) = ValueText.nameAndValue(text), !name.isEmpty else {
                warn(entry.line, "the target '\(text)' is not of the form 'Name: < 2s for 10MB files'; it was left out")
                continue
            }
            let group = ChoiceItem.idForGroup(entry.context.label)
            written.append(group + "|" + text.trimmed)
            targets.append(Self.markedUp(Self.target(group: group, name: name, value: value, line: entry.line), value))
        }
        if !targets.isEmpty, written == TemplateExamples.shared.targetLines {
            warn(
                targets.first?.line,
                "the Target Metrics are still the template's examples; replace them with this issue's targets")
            return
        }
        for target in targets where target.value == nil {
            let written = target.qualifier ?? ""
            let hasDigits = written.utf8.contains(where: { (0x30...0x39).contains($0) })
            // `n/a (client side)` is a deliberate answer; `none > 200ms` is a target perfsite cannot measure.
            if ValueText.isNotGiven(written) && !hasDigits { continue }
            if hasDigits {
                warn(
                    target.line,
                    "the target '\(target.name)': could not read '\(written)' as one number: write it like "
                        + "'\(target.name): < 2s'")
            } else {
                warn(
                    target.line,
                    "the target '\(target.name)' has no number to measure against: write it like "
                        + "'\(target.name): < 2s'")
            }
        }
        issue.targets = targets
    }

    /// Reads `< 2s for 10MB files`, `100+`, `50/hour per worker`, `< 1GB`.
    /// The target with its name and qualifier as HTML when they hold inline Markdown. The qualifier keeps its code
    /// spans: only a leading code span around the figure (`` `< 2s` for 10MB files ``) is unwrapped to read it.
    static func markedUp(_ target: Target, _ value: String) -> Target {
        var target = target
        target.nameHTML = InlineMarkdown.html(target.name)
        var text = Substring(value.trimmed)
        if text.hasPrefix("`"), let close = text.dropFirst().asciiIndex(of: "`") {
            text = text[text.index(after: text.startIndex)..<close] + text[text.index(after: close)...]
        }
        if text.holds("`") || text.holds("*") || text.holds("_") {
            let marked = Self.target(
                group: target.group, name: target.name, value: String(text), line: target.line, keepsCode: true)
            target.qualifierHTML = marked.qualifier.flatMap(InlineMarkdown.html)
        }
        return target
    }

    static func target(group: String, name: String, value: String, line: Int, keepsCode: Bool = false) -> Target {
        var rest = Substring((keepsCode ? value : value.removingAll("`")).trimmed)
        var comparator: String?
        for (written, meaning) in [
            ("<=", "<="), (">=", ">="), ("≤", "<="), ("≥", ">="), ("<", "<"), (">", ">"), ("=", "="),
        ] where rest.hasPrefix(written) {
            comparator = meaning
            rest = rest.dropFirst(written.count).drop(while: { $0 == " " })
            break
        }
        guard let quantity = Quantity(rest) else {
            return Target(
                group: group, name: name, comparator: comparator, value: nil, unit: nil,
                qualifier: rest.isEmpty ? nil : String(rest), line: line)
        }
        var qualifier = Substring(quantity.rest)
        if qualifier.hasPrefix("+") {
            comparator = comparator ?? ">="
            qualifier = qualifier.dropFirst().drop(while: { $0 == " " })
        }
        var number = quantity.value
        var unit: String? = quantity.unit.isEmpty ? nil : quantity.unit
        if !quantity.unit.isEmpty, let milliseconds = quantity.milliseconds() {
            (number, unit) = (milliseconds, "ms")
        } else if !quantity.unit.isEmpty, let megabytes = quantity.megabytes() {
            (number, unit) = (megabytes, "MB")
        }
        return Target(
            group: group, name: name, comparator: comparator, value: number, unit: unit,
            qualifier: qualifier.isEmpty ? nil : qualifier.trimmed, line: line)
    }
}
