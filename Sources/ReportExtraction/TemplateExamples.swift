import MarkdownTree
import ReportModel

/// What the template itself writes as examples, so that an issue still holding them is not read as measured.
struct TemplateExamples: Sendable {
    /// The template's code blocks, normalised by ``normalise(_:)``.
    let codeBlocks: Set<String>
    /// The first line of every example block.
    let firstLines: Set<String>
    /// The template's Target Metrics lines, as `group|line`.
    let targetLines: [String]
    /// The template's reference lines.
    let referenceLines: Set<String>
    /// The template's prose prompts (`Provide a clear description of the performance problem.`).
    let prompts: Set<String>

    /// Read once, from the template shipped in the binary.
    static let shared = TemplateExamples(markdown: IssueTemplate.markdown)

    init(markdown: String) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let bodyStart = lines.dropFirst().firstIndex { $0 == "---" }.map { $0 + 1 } ?? 0
        let body = lines[bodyStart...].joined(separator: "\n")
        let outline = Outline(MarkdownDocument(parsing: body, rendersHTML: false))
        var codeBlocks = Set<String>()
        var targetLines: [String] = []
        var referenceLines = Set<String>()
        var prompts = Set<String>()
        for entry in outline.lines {
            switch entry.entry {
            case .code(_, let code):
                codeBlocks.insert(TemplateExamples.normalise(code))
            case .item(nil, let text) where entry.context.subsection == "target metrics":
                targetLines.append(ChoiceItem.idForGroup(entry.context.label) + "|" + text.trimmed)
            case .item(nil, let text) where entry.context.section == "references":
                referenceLines.insert(text.trimmed)
            case .text(let text):
                prompts.insert(text.trimmed)
            default:
                break
            }
        }
        self.codeBlocks = codeBlocks
        self.firstLines = Set(codeBlocks.map { String($0.prefix { $0 != "\n" }) })
        self.targetLines = targetLines
        self.referenceLines = referenceLines
        self.prompts = prompts
    }

    /// Code compared line by line without surrounding white space.
    static func normalise(_ code: String) -> String {
        code.lines(omittingEmpty: true).map(\.trimmed).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Whether a code block is still the template's example (most are not: their first line tells at once).
    func isExample(code: String) -> Bool {
        var firstLine = ""
        var rest = code[...]
        while firstLine.isEmpty, !rest.isEmpty {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            firstLine = rest[..<end].trimmed
            rest = end == rest.endIndex ? "" : rest[rest.utf8.index(after: end)...]
        }
        guard firstLines.contains(firstLine) else { return false }
        return codeBlocks.contains(TemplateExamples.normalise(code))
    }

}
