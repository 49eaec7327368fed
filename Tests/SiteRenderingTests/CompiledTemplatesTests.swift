import Mustache
import Testing

@testable import SiteRendering

/// The compiled templates against swift-mustache, the reference: each feature a template may use, with its exact
/// output, and generated templates and models that both engines must render to the same bytes.
@Suite struct CompiledTemplatesTests {
    /// A model for both engines: text, numbers, a flag, a list of items, a list of texts, an optional object.
    struct Item: MustacheParent, TemplateObject {
        var name: String
        var count: Int
        var on: Bool
        var children: [Item] = []
        var tags: [String] = []
        var note: String? = nil
        var sizes: [Int] = []

        func child(named key: String) -> Any? {
            switch key {
            case "name": MustacheText(name)
            case "count": MustacheText(count)
            case "on": on
            case "children": children
            case "tags": tags
            case "note": note.map(MustacheText.init)
            case "sizes": sizes
            default: nil
            }
        }

        func templateValue(named key: String) -> TemplateValue {
            switch key {
            case "name": .text(name)
            case "count": .text(String(count))
            case "on": .bool(on)
            case "children": .list(children)
            case "tags": .texts(tags)
            case "note": note.map { .text($0) } ?? .missing
            case "sizes": .numbers(sizes)
            default: .missing
            }
        }
    }

    /// Renders `name` from `templates` with both engines; the compiled output, after checking they agree.
    private func render(
        _ templates: [String: String], _ name: String = "page", model: Item,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        var library = MustacheLibrary()
        var pragmaTemplates: [String: String] = [:]
        for (key, text) in templates {
            try library.register(PageContentType.pragma + text, named: key)
            pragmaTemplates[key] = PageContentType.pragma + text
        }
        let reference = library.render(model, withTemplate: name)
        let compiled = try #require(CompiledLibrary(templates: pragmaTemplates), sourceLocation: sourceLocation)
        let output = compiled.render(model, withTemplate: name)
        #expect(output == reference, "templates: \(templates)", sourceLocation: sourceLocation)
        return output ?? ""
    }

    private let sample = Item(
        name: "Jobs <list> & \"more\"", count: 3, on: true,
        children: [Item(name: "a", count: 1, on: false, tags: ["x", "y"]), Item(name: "b", count: 2, on: true)],
        tags: ["p95", "'q'"], note: nil, sizes: [3, 14])

    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        #expect(
            try render(["page": "{{name}}|{{{name}}}|{{&name}}|{{count}}|{{on}}|{{missing}}."], model: sample)
                == "Jobs &lt;list&gt; &amp; &quot;more&quot;|Jobs <list> & \"more\"|Jobs <list> & \"more\"|3|true|.")
    }

    @Test func sectionsOverListsBooleansAndTextsAndInvertedSections() throws {
        let template = """
            {{#children}}[{{name}}{{#on}} on{{/on}}{{^on}} off{{/on}} in {{count}}{{#tags}}<{{.}}>{{/tags}}]{{/children}}
            {{#tags}}{{.}},{{/tags}}{{^tags}}none{{/tags}}
            {{#note}}note {{note}}{{/note}}{{^note}}no note{{/note}}
            {{#name}}text pushes: {{.}} and {{count}}{{/name}}

            """
        #expect(
            try render(["page": template], model: sample)
                == "[a off in 1<x><y>][b on in 2]\np95,&#39;q&#39;,\nno note\n"
                + "text pushes: Jobs &lt;list&gt; &amp; &quot;more&quot; and 3\n")
    }

    @Test func listsOfNumbersShowAsSwiftMustacheShowsThem() throws {
        #expect(
            try render(["page": "{{sizes}} {{#sizes}}{{.}};{{/sizes}}{{^tags.none}}!{{/tags.none}}"], model: sample)
                == "[3, 14] 3;14;!")
    }

    @Test func namesWalkDownTheStackAndDottedNamesLookInside() throws {
        let model = Item(name: "top", count: 9, on: true, children: [Item(name: "inner", count: 1, on: true)])
        #expect(
            try render(
                ["page": "{{#children}}{{name}}/{{tags}}/{{.name}}/{{count}}{{/children}} {{children.x}}"], model: model
            )
                == "inner/[]/inner/1 ")
    }

    @Test func standaloneTagsTakeTheirLineAndCommentsAndDelimitersWriteNothing() throws {
        let template =
            "a\n  {{#on}}\n  b\n  {{/on}}\n{{! a comment }}\n  {{=<% %>=}}\n<%name%> {{name}}\n<%={{ }}=%>\n{{count}}\r\n  {{^on}}\r\nz\r\n{{/on}}\r\nend"
        #expect(
            try render(["page": template], model: sample)
                == "a\n  b\nJobs &lt;list&gt; &amp; &quot;more&quot; {{name}}\n3\r\nend")
    }

    @Test func partialsAreIndentedWhenStandalone() throws {
        let templates = [
            "page": "<ul>\n  {{>item}}\n</ul>\ninline: {{>item}}.", "item": "<li>{{name}}</li>\n<li>{{count}}</li>\n",
        ]
        #expect(
            try render(templates, model: sample)
                == "<ul>\n  <li>Jobs &lt;list&gt; &amp; &quot;more&quot;</li>\n  <li>3</li>\n</ul>\ninline: "
                + "<li>Jobs &lt;list&gt; &amp; &quot;more&quot;</li>\n<li>3</li>\n.")
    }

    @Test func blocksAndInheritance() throws {
        let templates = [
            "layout":
                "<title>{{$title}}Default{{/title}}</title>\n<main>\n{{$content}}\nnothing\n{{/content}}\n</main>\n",
            // A block's lines lose the indentation of its first line, as swift-mustache reads them.
            "page":
                "{{<layout}}\n{{$title}}{{name}}{{/title}}\n{{$content}}\n  {{#children}}{{name}} {{/children}}\n{{/content}}\n{{/layout}}\n",
            "bare": "{{<layout}}{{/layout}}",
            "nested": "{{<page}}{{$title}}nested{{/title}}{{/page}}",
        ]
        #expect(
            try render(templates, model: sample)
                == "<title>Jobs &lt;list&gt; &amp; &quot;more&quot;</title>\n<main>\na b \n</main>\n")
        #expect(try render(templates, "bare", model: sample) == "<title>Default</title>\n<main>\nnothing\n</main>\n")
        // The outer template's block wins over the one it inherits from.
        #expect(try render(templates, "nested", model: sample) == "<title>nested</title>\n<main>\na b \n</main>\n")
    }

    @Test func whatOnlySwiftMustacheRendersIsLeftToIt() {
        let pragma = PageContentType.pragma
        #expect(CompiledLibrary(templates: ["page": pragma + "{{uppercased(name)}}"]) == nil)
        #expect(CompiledLibrary(templates: ["page": pragma + "{{>*dynamic}}"]) == nil)
        #expect(CompiledLibrary(templates: ["page": "{{% CONTENT_TYPE: TEXT }}\n{{name}}"]) == nil)
        #expect(CompiledLibrary(templates: ["page": pragma + "{{#a}}unclosed"]) == nil)
        #expect(CompiledLibrary(templates: ["page": pragma + "{{name}}"]) != nil)
    }

    /// Generated templates over generated models, from a fixed seed: the same bytes from both engines.
    @Test func generatedTemplatesRenderTheSameWithBothEngines() throws {
        var random = SeededRandom(seed: 20_261_202)
        let names = [
            "name", "count", "on", "children", "tags", "note", "sizes", "missing", ".", ".name", "children.name",
        ]
        // `part` names no partial, so that nothing includes itself.
        func template(depth: Int, partials: Bool = true) -> String {
            var parts: [String] = []
            for _ in 0..<random.next(upTo: 6) {
                let name = names[random.next(upTo: names.count)]
                switch random.next(upTo: 12) {
                case 0, 1: parts.append(["text", " ", "\n", "  ", "<&>", "\r\n", "{", "}"][random.next(upTo: 8)])
                case 2: parts.append("{{\(name)}}")
                case 3: parts.append("{{{\(name)}}}")
                case 4 where depth < 3:
                    let open = random.next(upTo: 2) == 0 ? "#" : "^"
                    let line = random.next(upTo: 2) == 0 ? "\n" : ""
                    let section = name == "." ? "children" : name
                    parts.append(
                        "{{\(open)\(section)}}\(line)\(template(depth: depth + 1, partials: partials)){{/\(section)}}\(line)"
                    )
                case 5: parts.append("{{! comment }}" + (random.next(upTo: 2) == 0 ? "\n" : ""))
                case 6 where partials:
                    parts.append(
                        (random.next(upTo: 2) == 0 ? "  " : "") + "{{>part}}" + (random.next(upTo: 2) == 0 ? "\n" : ""))
                case 8 where partials:
                    // Overrides `part`'s block at depth 2 or 3 with content whose own blocks are one deeper: no
                    // block ever expands into itself.
                    let standalone = random.next(upTo: 2) == 0 ? "\n" : ""
                    let level = 2 + random.next(upTo: 2)
                    parts.append(
                        "{{<part}}\(standalone){{$b\(level)}}\(template(depth: level + 1, partials: false)){{/b\(level)}}"
                            + "\(standalone){{/part}}\(standalone)")
                case 9: parts.append("{{=<% %>=}}<%name%>{{name}}<%={{ }}=%>")
                // No partial inside a block (a block `part` inherits would include `part` again, for ever), and
                // blocks named by depth, so that no override holds a block of its own name.
                case 7: parts.append("{{$b\(depth)}}\(template(depth: depth + 1, partials: false)){{/b\(depth)}}")
                default: parts.append("{{&\(name)}}")
                }
            }
            return parts.joined()
        }
        func item(depth: Int) -> Item {
            Item(
                name: ["", "a", "<b>", "x'y", "é"][random.next(upTo: 5)], count: random.next(upTo: 100),
                on: random.next(upTo: 2) == 0,
                children: depth < 2 ? (0..<random.next(upTo: 3)).map { _ in item(depth: depth + 1) } : [],
                tags: (0..<random.next(upTo: 3)).map { "t\($0)" }, note: random.next(upTo: 2) == 0 ? "n&" : nil,
                sizes: (0..<random.next(upTo: 3)).map { $0 * 7 })
        }
        var rendered = 0
        for _ in 0..<3000 {
            let templates = ["page": template(depth: 0), "part": template(depth: 2, partials: false)]
            var library = MustacheLibrary()
            // What swift-mustache cannot parse (a lone `{` at the end) is never compiled either.
            guard
                (try? templates.forEach { try library.register(PageContentType.pragma + $0.value, named: $0.key) })
                    != nil
            else {
                #expect(CompiledLibrary(templates: templates.mapValues { PageContentType.pragma + $0 }) == nil)
                continue
            }
            _ = try render(templates, model: item(depth: 0))
            rendered += 1
        }
        #expect(rendered > 2000)
    }
}

/// A small deterministic generator (SplitMix64), so the generated cases are the same on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
