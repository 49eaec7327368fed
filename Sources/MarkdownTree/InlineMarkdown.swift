/// A line of an author's own text (an idea, a target's wording) rendered as GitHub renders inline Markdown (code
/// spans, emphasis, links), through the same safe path as bodies: cmark-gfm without raw HTML, the quadratic shapes
/// neutralised first.
public enum InlineMarkdown {
    /// The HTML of `text` without its paragraph, or `nil` when it holds no inline Markdown (then the text is shown
    /// as it is) or is not one paragraph.
    public static func html(_ text: String) -> String? {
        guard text.contains(where: { "`*_[~".contains($0) }) else { return nil }
        let (guarded, _) = InputGuard.neutralise(text)
        guard let html = MarkdownDocument(parsing: guarded).html, html.hasPrefix("<p>"), html.hasSuffix("</p>\n")
        else { return nil }
        let inner = html.dropFirst(3).dropLast(5)
        return inner.contains("<p>") ? nil : String(inner)
    }
}
