/// Rewrites the few Markdown shapes on which cmark-gfm 0.29.0.gfm.6 (Debian's `libcmark-gfm`) takes time or memory
/// that grows faster than the input, so that a hostile or broken issue cannot stall a build. Each rule stands for a
/// fix that github/cmark-gfm made after that version; each neutralises its shape by putting a backslash before the
/// characters past a limit (a backslash-escaped ASCII punctuation character is shown as itself, so the text still reads
/// the same) and reports the line with a ``Finding``. The limits are far above what a real issue holds, so an ordinary
/// document comes back byte for byte.
///
/// The rules, with the upstream fix each stands for:
/// - **Nesting** (`Limits.nestingDepth`, 32): a line may open block quotes and list items only while it is less
///   than 32 deep (counting each `>`, each list marker, and two columns of indentation as one level); a deeper
///   marker is escaped. cmark walks every open container on every line and, for each inline node, every ancestor,
///   so depth × lines is quadratic (`"> " * n`, `"- " * n + "\n" * n`, `">" * n + "a*" * n`).
///   Upstream: GHSL-2023-031 / GHSA-66g8-4hjf-77xh (`MAX_LIST_DEPTH`, `check_open_blocks`, `S_insert_emph`),
///   0.29.0.gfm.10 and .11.
/// - **Table columns** (`Limits.tableColumns`, 100): a line that would be a table row of more than 100 cells has the
///   `|` past the 100th cell escaped. cmark appends each cell to a linked list and finds each cell's alignment by
///   walking its row, both quadratic in the number of columns (a megabyte of 1,000-column rows takes 3.4 s, of
///   100-column rows 0.7 s). Upstream: GHSL-2022-091 (0.29.0.gfm.7) and GHSL-2023-117 (0.29.0.gfm.12).
/// - **Table cells** (`Limits.tableCellsPerByte`, 2 per byte, plus `Limits.tableCellAllowance`): short rows under a
///   wide header are padded with empty cells, so `"|a" * 1000` over `"a\n" * n` makes 1,000 cells per 2 bytes. When the
///   tables of a document would hold more cells than the limit, the first character of the table's delimiter row
///   is escaped and the table is shown as text. Upstream: GHSL-2023-118 (`MAX_AUTOCOMPLETED_CELLS`, 0.29.0.gfm.12).
/// - **Table header checks** (`Limits.tableHeaderWorkPerByte`): each delimiter-like line (`-|-`) after paragraph
///   text makes cmark re-read the whole paragraph and, for each line without a `|`, scan back to the previous `|`,
///   quadratic for `"a\n" * n + "-|-\n"`. When that work in one run of non-blank lines would pass 128 steps per byte
///   of the run (plus an allowance), the delimiter-like line is escaped. Upstream: `84abf892` and `9f02cba2`
///   (0.29.0.gfm.7).
/// - **Unclosed inline HTML** (`Limits.unclosedHTMLOpeners`, 16 per paragraph for each of `<?`, `<!--`,
///   `<![CDATA[` and `<!X`): an opener with no closer (`?>`, `-->`, `]]>`, `>`) later on its line is scanned to the
///   end of the paragraph every time, quadratic for `"a " + "<?" * n`; further ones are escaped (`\<`). Upstream:
///   cmark `3253e191`, `9144d3ae` (GHSL-2022-098), in 0.29.0.gfm.7 (GHSA-29g3-96g3-jg6c, GHSA-24f7-9frr-5h2r).
/// - **Open brackets** (`Limits.openBrackets`, 100 per paragraph): every link formed walks all open `[` below it,
///   quadratic for `"![[]()" * n`; a `[` past 100 open ones is escaped. Upstream: `ece074cc` (CVE-2023-22486,
///   GHSA-r572-jvj2-3m8p), 0.29.0.gfm.7.
/// - **Emphasis delimiters** (`Limits.emphasisRuns`, 1,000 per paragraph): runs of `*`, `_` and `~` that could open or
///   close emphasis or strikethrough; with many of them cmark's closer search rescans the whole stack, quadratic for
///   `"*a " * n + "_a*_ " * n`. Further runs are escaped. Upstream: cmark `ed0a4bf8` (openers_bottom, #389) and
///   `9deb1c6c` (strikethrough delimiters), 0.29.0.gfm.7.
/// - **Joined `www.` addresses** (`Limits.joinedWWWAddresses`, 10 per word): the autolink extension checks the rest of
///   the domain at every `www.` that follows a `_`, quadratic for `"www._" * n`; the `_` before further ones is
///   escaped, which ends the domain for the scans before it. Upstream: GHSL-2022-099 (`23abdedb`), 0.29.0.gfm.7.
/// - **Closing parentheses after an address** (`Limits.addressClosingParentheses`, 16 per word): the autolink
///   extension recounts the parentheses of the whole link for each trailing `)` it trims, quadratic for
///   `"www.a.com/" + ")" * n`; further `)` in that word are escaped. Upstream: `2c62c951`, 0.29.0.gfm.7.
/// - **`@` on a line** (`Limits.atSignsPerLine`, 50): the email autolinker, run on each line's merged text (up to
///   1,000 times), rescans the rest of the word at each `@` and copies the rest of the line after each address it
///   links: about 2 s per megabyte for `"a.a@" * n` and quadratic for `"mailto:s@p.com/" * n`. It runs after cmark
///   has merged the text, backslashes gone, so a backslash would not help: a space is put before each further `@`,
///   the one rule that changes what the text shows. Upstream: `8e0d2b73` and `c664b4b1`, 0.29.0.gfm.7.
/// - **Reference expansion** (`Limits.referenceExpansionPerByte`, 4 bytes of output per byte of input, plus 16 MiB):
///   each use of a link reference copies its URL and title, so one long definition used many times makes output
///   quadratic in the input (`"[a]: /" + "u" * n + "\n\n" + "[a]" * n`). A definition whose size times the number of
///   `]` in the document passes the limit has its `[` escaped and is shown as text. Upstream: cmark `b4f01062`, in
///   0.29.0.gfm.7.
///
/// "Per paragraph" is counted over a run of non-blank lines, started again at each line of a table the guard is sure
/// of and at each list item, so it never undercounts what cmark parses as one paragraph. Fenced code blocks that the
/// guard can be sure of (fences with up to three spaces of indentation and no container marker, outside raw HTML) are
/// left alone, since cmark parses nothing inside them. The guard reads each byte a few times (one pass for lines, one
/// for blocks, one for inlines), so it runs in time linear in the input. At most `Limits.findingsPerRule` (20)
/// findings are listed for each rule; one more finding sums up the lines past those.
///
/// Not covered: footnote nesting (GHSL-2023-119) and list numbering in the man and plain-text renderers, since perfsite
/// neither enables footnotes nor uses those renderers; smart quotes (`CMARK_OPT_SMART` is off).
public enum InputGuard {
    /// A shape that was neutralised, and where.
    public struct Finding: Sendable, Equatable {
        /// The 1-based line of `text` on which the shape was neutralised.
        public let line: Int
        /// What was found, what was done, and what the author can do about it.
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// How much of each shape is let through unchanged. The defaults are the real limits; tests pass smaller ones.
    public struct Limits: Sendable, Equatable {
        public var nestingDepth = 32
        public var tableColumns = 100
        public var tableCellsPerByte = 2
        public var tableCellAllowance = 20_000
        public var tableHeaderWorkPerByte = 128
        public var tableHeaderWorkAllowance = 65_536
        public var unclosedHTMLOpeners = 16
        public var openBrackets = 100
        public var emphasisRuns = 1_000
        public var joinedWWWAddresses = 10
        public var addressClosingParentheses = 16
        public var atSignsPerLine = 50
        /// Findings listed for each rule; the lines past these are summed up in one more finding.
        public var findingsPerRule = 20
        public var referenceExpansionPerByte = 4
        public var referenceExpansionAllowance = 16 << 20

        public init() {}
    }

    /// Returns `text` with every quadratic shape neutralised, and one finding per shape per line.
    public static func neutralise(_ text: String, limits: Limits = Limits()) -> (text: String, findings: [Finding]) {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return (text, []) }
        var guardPass = GuardPass(bytes: bytes, limits: limits)
        guardPass.run()
        if guardPass.insertCount == 0 { return (text, guardPass.sortedFindings()) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + guardPass.insertCount)
        for index in bytes.indices {
            if guardPass.insert[index] != 0 { output.append(guardPass.insert[index]) }
            output.append(bytes[index])
        }
        return (String(decoding: output, as: UTF8.self), guardPass.sortedFindings())
    }
}

/// ASCII bytes the guard looks at.
private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")
    static let pipe = UInt8(ascii: "|")
    static let greater = UInt8(ascii: ">")
    static let less = UInt8(ascii: "<")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let backtick = UInt8(ascii: "`")
    static let tilde = UInt8(ascii: "~")
    static let star = UInt8(ascii: "*")
    static let underscore = UInt8(ascii: "_")
    static let dash = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let colon = UInt8(ascii: ":")
    static let slash = UInt8(ascii: "/")
    static let dot = UInt8(ascii: ".")
    static let at = UInt8(ascii: "@")
    static let bang = UInt8(ascii: "!")
    static let question = UInt8(ascii: "?")
    static let hash = UInt8(ascii: "#")

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0x0B || byte == 0x0C
    }

    static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || isLetter(byte)
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// The shapes, in the order their findings are listed for one line.
private enum Rule: Int {
    case nesting, tableColumns, tableCells, tableHeader, reference
    case htmlProcessing, htmlComment, htmlCDATA, htmlDeclaration
    case brackets, emphasis, joinedWWW, parentheses, atSigns
}

/// What pass 2 makes of a line for pass 3.
private enum LineKind {
    case text, blank, code, tableRow, tableDelimiter
}

private struct Line {
    let start: Int
    /// The end of the line's content, before its line ending.
    let end: Int
}

/// A table the guard is sure cmark sees: a header and delimiter row with the same prefix and cell count inside a run
/// of plain lines, and rows with that same prefix that start no other block.
private struct TableState {
    let headerLine: Int
    let delimiterLine: Int
    let prefixStart: Int
    let prefixEnd: Int
    let columns: Int
    var lastLine: Int
    var rows = 0
    var bytes = 0
}

/// One run of non-blank lines, for the table-header work and reference rules.
private struct RunState {
    var start = 0
    var bytes = 0
    var backscan = 0
    var headerWork = 0
    var lastPipe = -1
    var allPlain = true
}

/// The previous line of a run, for table detection.
private struct PreviousLine {
    let index: Int
    let plain: Bool
    let prefixStart: Int
    let prefixEnd: Int
    let cells: Int
}

/// Raw HTML blocks end at a blank line or (types 1 to 5) at a line with their end marker; fences inside them are text.
private enum HTMLState {
    case none, untilBlank, untilMarker
}

/// Inline state of one paragraph-like segment (pass 3).
private struct SegmentState {
    var unclosedHTML = [0, 0, 0, 0]
    var brackets: [Int] = []
    var hazard = -1
    var emphasisRuns = 0

    mutating func reset() {
        unclosedHTML = [0, 0, 0, 0]
        brackets.removeAll(keepingCapacity: true)
        hazard = -1
        emphasisRuns = 0
    }
}

/// The findings of one pass, one per rule per line. A class, so that reporting does not need exclusive access to the
/// pass while a message is built from it.
private final class FindingLog {
    let cap: Int
    var findings: [(line: Int, rule: Rule, message: String)] = []
    var lastLine: [Int: Int] = [:]
    var listed: [Int: Int] = [:]
    var more: [Int: (firstLine: Int, lines: Int)] = [:]

    init(cap: Int) { self.cap = cap }

    func add(line: Int, rule: Rule, _ message: () -> String) {
        guard lastLine[rule.rawValue] != line else { return }
        lastLine[rule.rawValue] = line
        let count = listed[rule.rawValue, default: 0]
        if count < cap {
            listed[rule.rawValue] = count + 1
            findings.append((line, rule, message()))
        } else if let summary = more[rule.rawValue] {
            more[rule.rawValue] = (summary.firstLine, summary.lines + 1)
        } else {
            more[rule.rawValue] = (line, 1)
        }
    }

    /// The listed findings, and one more for each rule with lines past the cap.
    func all() -> [(line: Int, rule: Rule, message: String)] {
        var result = findings
        for (rule, summary) in more.sorted(by: { $0.key < $1.key }) {
            result.append(
                (
                    summary.firstLine, Rule(rawValue: rule) ?? .nesting,
                    "the same shape was neutralised on \(grouped(summary.lines)) more lines from this one on; "
                        + "only the first \(grouped(cap)) are listed"
                ))
        }
        return result
    }
}

private struct GuardPass {
    let bytes: [UInt8]
    let limits: InputGuard.Limits
    /// Whether a byte is already escaped by an odd run of backslashes before it.
    var escaped: [Bool]
    /// What the guard puts before a byte: nothing (0), a backslash, or a space.
    var insert: [UInt8]
    var insertCount = 0
    var lines: [Line] = []
    var kinds: [LineKind] = []
    var contentStarts: [Int] = []
    var startsListItem: [Bool] = []
    /// For each line, the end of its run of non-blank lines and the last `]:` in that run.
    var runEnds: [Int] = []
    var runLastDefinitionColon: [Int] = []
    var closeBrackets = 0
    let log: FindingLog
    var tableCells = 0

    init(bytes: [UInt8], limits: InputGuard.Limits) {
        self.bytes = bytes
        self.limits = limits
        escaped = [Bool](repeating: false, count: bytes.count)
        insert = [UInt8](repeating: 0, count: bytes.count)
        log = FindingLog(cap: limits.findingsPerRule)
    }

    mutating func run() {
        splitLines()
        scanBlocks()
        scanInlines()
    }

    func sortedFindings() -> [InputGuard.Finding] {
        log.all().enumerated()
            .sorted { first, second in
                (first.element.line, first.element.rule.rawValue, first.offset)
                    < (second.element.line, second.element.rule.rawValue, second.offset)
            }
            .map { InputGuard.Finding(line: $0.element.line + 1, message: $0.element.message) }
    }

    // MARK: - Helpers

    mutating func escape(_ index: Int) {
        if insert[index] == 0 && !escaped[index] {
            insert[index] = Byte.backslash
            insertCount += 1
        }
    }

    /// Puts a space before a byte (where a backslash would not help, because cmark drops it before looking).
    mutating func separate(_ index: Int) {
        if insert[index] == 0 {
            insert[index] = Byte.space
            insertCount += 1
        }
    }

    func report(line: Int, rule: Rule, _ message: @autoclosure () -> String) {
        log.add(line: line, rule: rule, message)
    }

    func isBlank(_ line: Line) -> Bool {
        var index = line.start
        while index < line.end {
            if bytes[index] != Byte.space && bytes[index] != Byte.tab { return false }
            index += 1
        }
        return true
    }

    func starts(with literal: StaticString, at index: Int, end: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        if index + count > end { return false }
        return literal.withUTF8Buffer { pattern in
            for offset in 0..<count {
                let byte = bytes[index + offset]
                let expected = pattern[offset]
                if caseInsensitive ? (byte | 0x20) != (expected | 0x20) : byte != expected { return false }
            }
            return true
        }
    }

    // MARK: - Pass 1: lines, runs, escapes

    mutating func splitLines() {
        var backslashes = 0
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            // `escaped` starts all false.
            if backslashes % 2 == 1 { escaped[index] = true }
            backslashes = byte == Byte.backslash ? backslashes + 1 : 0
            if byte == Byte.closeBracket { closeBrackets += 1 }
            if byte == Byte.newline || byte == Byte.carriageReturn {
                lines.append(Line(start: start, end: index))
                if byte == Byte.carriageReturn, index + 1 < count, bytes[index + 1] == Byte.newline {
                    index += 1
                    escaped[index] = false
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { lines.append(Line(start: start, end: count)) }
        kinds = [LineKind](repeating: .text, count: lines.count)
        contentStarts = lines.map(\.start)
        startsListItem = [Bool](repeating: false, count: lines.count)
        runEnds = [Int](repeating: 0, count: lines.count)
        runLastDefinitionColon = [Int](repeating: -1, count: lines.count)
        var runEnd = -1
        var lastColon = -1
        for lineIndex in lines.indices.reversed() {
            let line = lines[lineIndex]
            if isBlank(line) {
                kinds[lineIndex] = .blank
                runEnd = -1
                lastColon = -1
                continue
            }
            if runEnd < 0 { runEnd = line.end }
            if lastColon < 0 {
                var index = line.end - 2
                while index >= line.start {
                    if bytes[index] == Byte.closeBracket && bytes[index + 1] == Byte.colon {
                        lastColon = index
                        break
                    }
                    index -= 1
                }
            }
            runEnds[lineIndex] = runEnd
            runLastDefinitionColon[lineIndex] = lastColon
        }
    }

    // MARK: - Pass 2: blocks

    /// The container prefix of a line: block-quote markers, list markers and indentation. Escapes the marker that
    /// would nest too deep.
    mutating func scanPrefix(_ lineIndex: Int) -> (contentStart: Int, markers: Int, listItem: Bool) {
        let line = lines[lineIndex]
        let thematicStart = thematicBreakStart(line)
        var index = line.start
        var columns = 0
        var quotes = 0
        var markers = 0
        var columnsSinceQuote = 0
        var sawTab = false
        var listItem = false
        var firstMarker = true
        while index < line.end {
            while index < line.end && (bytes[index] == Byte.space || bytes[index] == Byte.tab) {
                if bytes[index] == Byte.tab { sawTab = true }
                let width = bytes[index] == Byte.tab ? 4 : 1
                columns += width
                columnsSinceQuote += width
                index += 1
            }
            if index >= line.end { break }
            let byte = bytes[index]
            let depth = quotes + markers + columns / 2
            if byte == Byte.greater {
                if depth >= limits.nestingDepth {
                    nestTooDeep(lineIndex, at: index)
                    break
                }
                quotes += 1
                columnsSinceQuote = 0
                index += 1
                continue
            }
            guard let (markerEnd, escapeAt, isFirstItem) = listMarker(at: index, end: line.end),
                index < thematicStart
            else { break }
            if depth >= limits.nestingDepth {
                nestTooDeep(lineIndex, at: escapeAt)
                break
            }
            if firstMarker {
                firstMarker = false
                let allowed = quotes > 0 ? 4 : 3
                listItem = isFirstItem && !sawTab && columnsSinceQuote <= allowed
            }
            markers += 1
            index = markerEnd
        }
        if index >= line.end { listItem = false }
        return (index, markers, listItem)
    }

    mutating func nestTooDeep(_ lineIndex: Int, at index: Int) {
        escape(index)
        let limit = limits.nestingDepth
        report(
            line: lineIndex, rule: .nesting,
            "block quotes and list items nested more than \(grouped(limit)) deep are over the nesting limit, so the "
                + "deeper markers are shown as text: flatten the nesting")
    }

    /// A list marker at `index` (`-`, `+` or `*`, or up to nine digits and `.` or `)`, then a space, a tab or the end
    /// of the line): where it ends, the character to escape, and whether it can start a list that interrupts a
    /// paragraph.
    func listMarker(at index: Int, end: Int) -> (end: Int, escapeAt: Int, interrupts: Bool)? {
        let byte = bytes[index]
        var after = index
        var escapeAt = index
        var interrupts = true
        if byte == Byte.dash || byte == Byte.plus || byte == Byte.star {
            after = index + 1
        } else if Byte.isDigit(byte) {
            var digitEnd = index
            while digitEnd < end && Byte.isDigit(bytes[digitEnd]) && digitEnd - index < 9 { digitEnd += 1 }
            guard digitEnd < end, bytes[digitEnd] == Byte.dot || bytes[digitEnd] == Byte.closeParen else { return nil }
            interrupts = digitEnd - index == 1 && byte == UInt8(ascii: "1")
            escapeAt = digitEnd
            after = digitEnd + 1
        } else {
            return nil
        }
        if after < end && bytes[after] != Byte.space && bytes[after] != Byte.tab { return nil }
        return (after, escapeAt, interrupts)
    }

    /// Where a thematic break (three or more of one of `-`, `*`, `_`, with only spaces between) ends the line, or
    /// `line.end` if it does not.
    func thematicBreakStart(_ line: Line) -> Int {
        var index = line.end - 1
        while index >= line.start && (bytes[index] == Byte.space || bytes[index] == Byte.tab) { index -= 1 }
        guard index >= line.start else { return line.end }
        let mark = bytes[index]
        guard mark == Byte.dash || mark == Byte.star || mark == Byte.underscore else { return line.end }
        var count = 0
        var leftmost = line.end
        while index >= line.start {
            let byte = bytes[index]
            if byte == mark {
                count += 1
                leftmost = index
            } else if byte != Byte.space && byte != Byte.tab {
                break
            }
            index -= 1
        }
        return count >= 3 ? leftmost : line.end
    }

    func pipes(from start: Int, to end: Int) -> Int {
        var count = 0
        for index in start..<max(start, end) where bytes[index] == Byte.pipe && !escaped[index] { count += 1 }
        return count
    }

    /// The number of cells cmark's table extension finds in a row.
    func cells(from start: Int, to end: Int, pipes: Int) -> Int {
        var first = start
        while first < end && (bytes[first] == Byte.space || bytes[first] == Byte.tab) { first += 1 }
        var last = end - 1
        while last >= first && (bytes[last] == Byte.space || bytes[last] == Byte.tab) { last -= 1 }
        guard first <= last else { return 0 }
        var count = pipes + 1
        if bytes[first] == Byte.pipe { count -= 1 }
        if last > first && bytes[last] == Byte.pipe && !escaped[last] { count -= 1 }
        return max(0, count)
    }

    /// Whether the rest of a line is a table delimiter row to cmark: only `|`, `:`, `-`, spaces and tabs, with a
    /// `-` and a `|` or `:` (a line of only dashes is a setext underline or a thematic break, never a table).
    func isDelimiterLike(from start: Int, to end: Int) -> Bool {
        var dash = false
        var separator = false
        for index in start..<max(start, end) {
            switch bytes[index] {
            case Byte.dash: dash = true
            case Byte.pipe, Byte.colon: separator = true
            case Byte.space, Byte.tab: break
            default: return false
            }
        }
        return dash && separator
    }

    func samePrefix(_ firstStart: Int, _ firstEnd: Int, _ secondStart: Int, _ secondEnd: Int) -> Bool {
        guard firstEnd - firstStart == secondEnd - secondStart else { return false }
        var offset = 0
        while offset < firstEnd - firstStart {
            if bytes[firstStart + offset] != bytes[secondStart + offset] { return false }
            offset += 1
        }
        return true
    }

    /// A line is plain when it can only be paragraph text: it starts no block and holds no `>` that could end raw HTML.
    func isPlain(contentStart: Int, end: Int, markers: Int, thematic: Bool) -> Bool {
        guard markers == 0, !thematic, contentStart < end else { return false }
        switch bytes[contentStart] {
        case Byte.greater, Byte.hash, Byte.less, Byte.backtick, Byte.tilde, Byte.space, Byte.tab: return false
        default: break
        }
        for index in contentStart..<end where bytes[index] == Byte.greater { return false }
        return true
    }

    mutating func scanBlocks() {
        var fence: (mark: UInt8, count: Int, indent: Int)?
        var html = HTMLState.none
        var table: TableState?
        var runState = RunState()
        var previous: PreviousLine?
        var inRun = false
        for lineIndex in lines.indices {
            let line = lines[lineIndex]
            if kinds[lineIndex] == .blank {
                if fence != nil { kinds[lineIndex] = .code }
                if let open = table { finishTable(open) }
                table = nil
                if html == .untilBlank { html = .none }
                previous = nil
                inRun = false
                continue
            }
            if !inRun {
                runState = RunState()
                runState.start = line.start
                inRun = true
            }
            var indent = 0
            var firstNonSpace = line.start
            var sawTab = false
            while firstNonSpace < line.end && (bytes[firstNonSpace] == Byte.space || bytes[firstNonSpace] == Byte.tab) {
                if bytes[firstNonSpace] == Byte.tab { sawTab = true }
                indent += bytes[firstNonSpace] == Byte.tab ? 4 : 1
                firstNonSpace += 1
            }
            if let open = fence {
                var markEnd = firstNonSpace
                while markEnd < line.end && bytes[markEnd] == open.mark { markEnd += 1 }
                if markEnd - firstNonSpace >= open.count && isBlank(Line(start: markEnd, end: line.end)) {
                    fence = nil
                    kinds[lineIndex] = .code
                    previous = nil
                    runState = RunState()
                    runState.start = line.end + 1
                    continue
                }
                if indent >= open.indent {
                    kinds[lineIndex] = .code
                    continue
                }
                fence = nil
            }
            if html == .none && !sawTab && indent <= 3 && firstNonSpace < line.end,
                bytes[firstNonSpace] == Byte.backtick || bytes[firstNonSpace] == Byte.tilde
            {
                let mark = bytes[firstNonSpace]
                var markEnd = firstNonSpace
                while markEnd < line.end && bytes[markEnd] == mark { markEnd += 1 }
                var infoHasBacktick = false
                if mark == Byte.backtick {
                    for index in markEnd..<line.end where bytes[index] == Byte.backtick {
                        infoHasBacktick = true
                        break
                    }
                }
                if markEnd - firstNonSpace >= 3 && !infoHasBacktick {
                    fence = (mark, markEnd - firstNonSpace, indent)
                    kinds[lineIndex] = .code
                    if let open = table { finishTable(open) }
                    table = nil
                    previous = nil
                    runState = RunState()
                    runState.start = line.end + 1
                    continue
                }
            }

            let prefix = scanPrefix(lineIndex)
            let content = prefix.contentStart
            contentStarts[lineIndex] = content
            startsListItem[lineIndex] = prefix.listItem
            let thematic = content < line.end && thematicBreakStart(line) <= content
            let hasGreater = html != .none && lineContains(Byte.greater, line)
            if html == .untilMarker && hasGreater { html = .untilBlank }
            if content < line.end && bytes[content] == Byte.less {
                let typeOneToFive =
                    starts(with: "<!", at: content, end: line.end) || starts(with: "<?", at: content, end: line.end)
                    || starts(with: "<script", at: content, end: line.end, caseInsensitive: true)
                    || starts(with: "<pre", at: content, end: line.end, caseInsensitive: true)
                    || starts(with: "<style", at: content, end: line.end, caseInsensitive: true)
                    || starts(with: "<textarea", at: content, end: line.end, caseInsensitive: true)
                if typeOneToFive && !lineContains(Byte.greater, Line(start: content + 1, end: line.end)) {
                    html = .untilMarker
                } else if html == .none {
                    html = .untilBlank
                }
            }

            // Table columns.
            let pipeCount = pipes(from: content, to: line.end)
            let allCells = cells(from: content, to: line.end, pipes: pipeCount)
            if allCells > limits.tableColumns {
                var kept = limits.tableColumns - 1
                var first = content
                while first < line.end && (bytes[first] == Byte.space || bytes[first] == Byte.tab) { first += 1 }
                if first < line.end && bytes[first] == Byte.pipe { kept += 1 }
                var seen = 0
                for index in content..<line.end where bytes[index] == Byte.pipe && !escaped[index] {
                    seen += 1
                    if seen > kept { escape(index) }
                }
                let limit = limits.tableColumns
                report(
                    line: lineIndex, rule: .tableColumns,
                    "a table row with \(grouped(allCells)) columns is over the \(grouped(limit))-column limit, so "
                        + "the `|` past column \(grouped(limit)) are shown as text: split the table")
            }
            let cellCount = min(allCells, limits.tableColumns)
            let plain = isPlain(contentStart: content, end: line.end, markers: prefix.markers, thematic: thematic)

            if var open = table {
                if html == .none && plain
                    && samePrefix(open.prefixStart, open.prefixEnd, line.start, content)
                {
                    open.rows += 1
                    open.bytes += line.end - line.start + 1
                    open.lastLine = lineIndex
                    table = open
                    kinds[lineIndex] = .tableRow
                    continue
                }
                finishTable(open)
                table = nil
            }

            if let header = previous, isDelimiterLike(from: content, to: line.end), prefix.markers == 0 {
                let work = runState.bytes + runState.backscan
                let budget =
                    limits.tableHeaderWorkPerByte * (runState.bytes + line.end - line.start)
                    + limits.tableHeaderWorkAllowance
                if runState.headerWork + work > budget {
                    escape(content)
                    report(
                        line: lineIndex, rule: .tableHeader,
                        "this table delimiter row follows \(grouped(lineIndex - header.index + 1)) or more lines "
                            + "of text with no blank line, over the limit for checking them as a table header, so "
                            + "it is shown as text: put a blank line before the table")
                } else {
                    runState.headerWork += work
                    if html == .none && header.plain && runState.allPlain && header.cells == cellCount
                        && cellCount > 0 && header.cells <= limits.tableColumns && allCells <= limits.tableColumns
                        && samePrefix(header.prefixStart, header.prefixEnd, line.start, content)
                    {
                        kinds[header.index] = .tableRow
                        kinds[lineIndex] = .tableDelimiter
                        table = TableState(
                            headerLine: header.index, delimiterLine: lineIndex, prefixStart: line.start,
                            prefixEnd: content, columns: cellCount, lastLine: lineIndex,
                            bytes: line.end - header.prefixStart + 1)
                        previous = nil
                        continue
                    }
                }
            }

            // Reference definitions.
            if content < line.end && bytes[content] == Byte.openBracket && !escaped[content]
                && runLastDefinitionColon[lineIndex] > content
            {
                let size = runEnds[lineIndex] - content
                let (product, overflow) = size.multipliedReportingOverflow(by: closeBrackets)
                let budget = limits.referenceExpansionPerByte * bytes.count + limits.referenceExpansionAllowance
                if overflow || product > budget {
                    escape(content)
                    report(
                        line: lineIndex, rule: .reference,
                        "a link reference definition of up to \(grouped(size)) bytes, used by up to "
                            + "\(grouped(closeBrackets)) references, could expand to \(megabytes(product)) of output, "
                            + "over the \(megabytes(budget)) limit, so it is shown as text: shorten it or link directly"
                    )
                }
            }

            // Run state for the table-header rule.
            if content >= line.end || bytes[content] != Byte.pipe {
                runState.backscan += content - max(runState.start, runState.lastPipe + 1)
            }
            var index = line.end - 1
            while index >= line.start {
                if bytes[index] == Byte.pipe {
                    runState.lastPipe = index
                    break
                }
                index -= 1
            }
            runState.bytes += line.end - line.start + 1
            runState.allPlain = runState.allPlain && plain
            previous = PreviousLine(
                index: lineIndex, plain: plain, prefixStart: line.start, prefixEnd: content, cells: allCells)
        }
        if let open = table { finishTable(open) }
    }

    func lineContains(_ byte: UInt8, _ line: Line) -> Bool {
        var index = line.start
        while index < line.end {
            if bytes[index] == byte { return true }
            index += 1
        }
        return false
    }

    /// Counts a finished table's cells (short rows are padded) against the document's budget, and shows the table as
    /// text if it is over.
    mutating func finishTable(_ table: TableState) {
        let cells = (table.rows + 2) * table.columns
        let budget = limits.tableCellsPerByte * bytes.count + limits.tableCellAllowance
        if tableCells + cells <= budget {
            tableCells += cells
            return
        }
        escape(contentStarts[table.delimiterLine])
        for lineIndex in table.headerLine...table.lastLine {
            kinds[lineIndex] = .text
            let line = lines[lineIndex]
            let content = contentStarts[lineIndex]
            if lineIndex != table.delimiterLine && isDelimiterLike(from: content, to: line.end) { escape(content) }
        }
        report(
            line: table.delimiterLine, rule: .tableCells,
            "a table with \(grouped(table.columns)) columns and \(grouped(table.rows)) rows makes "
                + "\(grouped(cells)) cells (short rows are padded) from \(grouped(table.bytes)) bytes, over the "
                + "limit of \(grouped(limits.tableCellsPerByte)) cells per byte, so the table is shown as text: "
                + "fill in the rows or split the table")
    }

    // MARK: - Pass 3: inlines

    mutating func scanInlines() {
        var segment = SegmentState()
        var closedOpener: [Int8] = []
        var previousKind = LineKind.blank
        for lineIndex in lines.indices {
            let kind = kinds[lineIndex]
            defer { previousKind = kind }
            switch kind {
            case .blank, .code, .tableDelimiter:
                segment.reset()
                continue
            case .tableRow:
                segment.reset()
            case .text:
                if previousKind != .text || startsListItem[lineIndex] { segment.reset() }
            }
            let line = lines[lineIndex]
            let start = contentStarts[lineIndex]
            guard start < line.end else { continue }
            // Only a `<` reads `closedOpener`: a line without one (most) skips the backward pass.
            if bytes[start..<line.end].contains(Byte.less) {
                markClosedOpeners(from: start, to: line.end, into: &closedOpener)
            }
            scanInlineLine(lineIndex, from: start, to: line.end, closedOpener: closedOpener, segment: &segment)
        }
    }

    /// For each `<` that opens `<?`, `<!--`, `<![CDATA[` or `<!X` on the line, whether its closer follows on the same
    /// line before the next `|` (a table cell ends there): 1 if closed, 0 if not, -1 if no opener.
    func markClosedOpeners(from start: Int, to end: Int, into closed: inout [Int8]) {
        closed.removeAll(keepingCapacity: true)
        closed.append(contentsOf: repeatElement(-1, count: end - start))
        var nextPipe = Int.max
        var nextGreater = Int.max
        var nextProcessingEnd = Int.max
        var nextCommentEnd = Int.max
        var nextCDATAEnd = Int.max
        var index = end - 1
        while index >= start {
            let byte = bytes[index]
            if byte == Byte.pipe && !escaped[index] { nextPipe = index }
            if byte == Byte.greater { nextGreater = index }
            if byte == Byte.question && index + 1 < end && bytes[index + 1] == Byte.greater {
                nextProcessingEnd = index
            }
            if byte == Byte.dash && index + 2 < end && bytes[index + 1] == Byte.dash && bytes[index + 2] == Byte.greater
            {
                nextCommentEnd = index
            }
            if byte == Byte.closeBracket && index + 2 < end && bytes[index + 1] == Byte.closeBracket
                && bytes[index + 2] == Byte.greater
            {
                nextCDATAEnd = index
            }
            if byte == Byte.less && !escaped[index], let opener = htmlOpener(at: index, end: end) {
                let closer: Int
                switch opener.rule {
                case .htmlProcessing: closer = nextProcessingEnd
                case .htmlComment: closer = nextCommentEnd
                case .htmlCDATA: closer = nextCDATAEnd
                default: closer = nextGreater
                }
                closed[index - start] = closer >= index + opener.length && closer < nextPipe ? 1 : 0
            }
            index -= 1
        }
    }

    func htmlOpener(at index: Int, end: Int) -> (rule: Rule, length: Int)? {
        guard index + 1 < end else { return nil }
        if bytes[index + 1] == Byte.question { return (.htmlProcessing, 2) }
        guard bytes[index + 1] == Byte.bang, index + 2 < end else { return nil }
        if starts(with: "<!--", at: index, end: end) { return (.htmlComment, 4) }
        if starts(with: "<![CDATA[", at: index, end: end) { return (.htmlCDATA, 9) }
        if Byte.isLetter(bytes[index + 2]) { return (.htmlDeclaration, 3) }
        return nil
    }

    mutating func scanInlineLine(
        _ lineIndex: Int, from start: Int, to end: Int, closedOpener: [Int8], segment: inout SegmentState
    ) {
        var domainTriggers = 0
        var wordHasAddress = false
        var wordParentheses = 0
        var lineAtSigns = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            // A letter or digit (but `w`, which may start `www.`) changes nothing below: most bytes are one.
            if Byte.isAlnum(byte) && byte | 0x20 != UInt8(ascii: "w") {
                index += 1
                continue
            }
            let isEscaped = escaped[index] || insert[index] == Byte.backslash
            if Byte.isSpace(byte) {
                wordHasAddress = false
                wordParentheses = 0
            }
            if !(Byte.isAlnum(byte) || byte == Byte.dot || byte == Byte.underscore || byte == Byte.dash || byte >= 0x80)
            {
                domainTriggers = 0
            }
            switch byte {
            case Byte.less:
                if !isEscaped && closedOpener[index - start] == 0, let opener = htmlOpener(at: index, end: end) {
                    let slot = opener.rule.rawValue - Rule.htmlProcessing.rawValue
                    segment.unclosedHTML[slot] += 1
                    if segment.unclosedHTML[slot] > limits.unclosedHTMLOpeners {
                        escape(index)
                        let name =
                            switch opener.rule {
                            case .htmlProcessing: ("`<?`", "`?>`")
                            case .htmlComment: ("`<!--`", "`-->`")
                            case .htmlCDATA: ("`<![CDATA[`", "`]]>`")
                            default: ("`<!`", "`>`")
                            }
                        report(
                            line: lineIndex, rule: opener.rule,
                            "this paragraph has more than \(grouped(limits.unclosedHTMLOpeners)) \(name.0) with no "
                                + "\(name.1) after them on their line, so the further ones are shown as text: close "
                                + "them or put the text in a code block")
                    }
                }
                segment.hazard = index
            case Byte.backtick, Byte.openParen:
                segment.hazard = index
            case Byte.openBracket where !isEscaped:
                if segment.brackets.count >= limits.openBrackets {
                    escape(index)
                    report(
                        line: lineIndex, rule: .brackets,
                        "this paragraph has more than \(grouped(limits.openBrackets)) unclosed `[`, so the further "
                            + "ones are shown as text: close the brackets or put the text in a code block")
                } else {
                    segment.brackets.append(index)
                }
            case Byte.closeBracket where !isEscaped:
                if let top = segment.brackets.last, top > segment.hazard { segment.brackets.removeLast() }
            case Byte.star, Byte.underscore, Byte.tilde:
                if !isEscaped
                    && (index == start || bytes[index - 1] != byte || escaped[index - 1] || insert[index - 1] != 0)
                {
                    scanDelimiterRun(lineIndex, at: index, end: end, segment: &segment)
                }
            case Byte.closeParen where !isEscaped && wordHasAddress:
                wordParentheses += 1
                if wordParentheses > limits.addressClosingParentheses {
                    escape(index)
                    report(
                        line: lineIndex, rule: .parentheses,
                        "a web address on this line is followed by more than "
                            + "\(grouped(limits.addressClosingParentheses)) `)`, so the further ones are escaped: "
                            + "put the address in `<` `>` or in a code span")
                }
            case Byte.at:
                lineAtSigns += 1
                if lineAtSigns > limits.atSignsPerLine {
                    separate(index)
                    report(
                        line: lineIndex, rule: .atSigns,
                        "this line has more than \(grouped(limits.atSignsPerLine)) `@`, so a space is put before each "
                            + "further one: put the addresses on separate lines or in a code block")
                }
            case Byte.colon:
                if starts(with: "://", at: index, end: end) {
                    wordHasAddress = true
                    segment.hazard = index
                }
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                if starts(with: "www.", at: index, end: end, caseInsensitive: true) {
                    wordHasAddress = true
                    segment.hazard = index
                    if index > start && bytes[index - 1] == Byte.underscore {
                        domainTriggers += 1
                        if domainTriggers > limits.joinedWWWAddresses {
                            escape(index - 1)
                            report(
                                line: lineIndex, rule: .joinedWWW,
                                "a word on this line joins more than \(grouped(limits.joinedWWWAddresses)) `www.` "
                                    + "addresses with `_`, so the `_` before the further ones are escaped: "
                                    + "separate the addresses with spaces")
                        }
                    } else {
                        domainTriggers = 1
                    }
                }
            default:
                break
            }
            index += 1
        }
    }

    /// Counts a run of `*`, `_` or `~` that could open or close emphasis, and escapes it past the limit.
    mutating func scanDelimiterRun(_ lineIndex: Int, at start: Int, end: Int, segment: inout SegmentState) {
        let mark = bytes[start]
        var runEnd = start + 1
        while runEnd < end && bytes[runEnd] == mark && !escaped[runEnd] { runEnd += 1 }
        let before = start > lines[lineIndex].start ? bytes[start - 1] : Byte.newline
        let after = runEnd < end ? bytes[runEnd] : Byte.newline
        if Byte.isSpace(before) && Byte.isSpace(after) { return }
        if mark == Byte.underscore && Byte.isAlnum(before) && Byte.isAlnum(after) { return }
        segment.emphasisRuns += 1
        guard segment.emphasisRuns > limits.emphasisRuns else { return }
        for index in start..<runEnd { escape(index) }
        report(
            line: lineIndex, rule: .emphasis,
            "this paragraph has more than \(grouped(limits.emphasisRuns)) runs of `*`, `_` or `~`, so the further "
                + "ones are shown as text: split the paragraph or put it in a code block")
    }
}

/// `12345` as `12,345`.
private func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return value < 0 ? "-" + result : result
}

private func megabytes(_ bytes: Int) -> String {
    let tenths = bytes / (1 << 20 / 10)
    return "\(grouped(tenths / 10)).\(tenths % 10) MB"
}
