import Foundation
import Mustache

/// The templates and assets a site is rendered with: the default theme, overridden file by file by a site's own.
public struct Theme: Sendable {
    /// Every file by its path below the templates folder (`layout.mustache`, `assets/style.css`).
    public let files: [String: [UInt8]]

    /// The theme compiled into perfsite, from the repository's `templates/`.
    public static let builtIn = Theme(files: DefaultTheme.files.mapValues { Array($0.utf8) })

    /// Creates a theme from files.
    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// This theme with `overrides` replacing or adding files by path.
    public func overridden(by overrides: [String: [UInt8]]) -> Theme {
        Theme(files: files.merging(overrides) { _, override in override })
    }

    /// The `*.mustache` files, parsed, by name without the extension.
    func library() throws(ThemeError) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (path, name, text) in templates {
            do {
                // Parsed as written first, so that an error names the template's own line.
                try library.register(text, named: name)
            } catch {
                throw ThemeError(message: TemplateParseError.describe(error, path: path))
            }
            try? library.register(PageContentType.pragma + text, named: name)
        }
        return library
    }

    /// The `*.mustache` files compiled, each as ``library()`` registers it; `nil` when one uses what only
    /// swift-mustache renders, or when `PERFSITE_TEMPLATES` is `reference`.
    func compiledLibrary() -> CompiledLibrary? {
        guard ProcessInfo.processInfo.environment["PERFSITE_TEMPLATES"] != "reference" else { return nil }
        return CompiledLibrary(
            templates: Dictionary(uniqueKeysWithValues: templates.map { ($0.name, PageContentType.pragma + $0.text) }))
    }

    /// The `*.mustache` files by path: each one's path, its name without the extension, and its text.
    private var templates: [(path: String, name: String, text: String)] {
        files.sorted { $0.key < $1.key }.filter { $0.key.hasSuffix(".mustache") }.map { path, bytes in
            (path, String(path.dropLast(".mustache".count)), String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The files copied to the output as they are: everything under `assets/`.
    var assets: [(path: String, contents: [UInt8])] {
        files.filter { $0.key.hasPrefix("assets/") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// A template that cannot be parsed or rendered.
public struct ThemeError: Error, CustomStringConvertible {
    /// What is wrong, naming the template.
    public let message: String
    public var description: String { message }
}
