/// Reads the values authors write after a metric's name: `` `850ms` (p50), `2,900 ms` (p95) ``.
///
/// Every piece of a value line ends in exactly one of four answers:
/// - a ``Quantity`` read exactly (``Piece/quantity``);
/// - the template's placeholder still in place (``Piece/placeholder``: `[X]ms`);
/// - a deliberate "no figure" (``Piece/notGiven``: `n/a`, `TBD`, `—`, see ``isNotGiven(_:)``);
/// - a refusal (``Piece/unreadable`` and ``Piece/refusal``): the piece holds a digit but no number can be read from it
///   exactly (`850-900 ms`, `1 25 ms`). A figure that cannot be read exactly is never read as a different number.
///
/// A statistic may be named before the value (`p95: 800ms`, `P99 = 4.1 s`, `median 2.8s`, `avg 14 ms`,
/// `peak 3.1GB`) or after it (`850ms (p50)`, `` `850ms` (p50) ``); ``Piece/keywords`` then starts with the
/// statistic's normalised name (see ``statistic(_:)``).
enum ValueText {
    /// One comma-separated part of a value line.
    struct Piece: Equatable {
        /// The number and unit, when the piece has them.
        var quantity: Quantity?
        /// The template placeholder the piece still holds (`[Y]ms`), if any.
        var placeholder: String?
        /// The rest of the piece, lower-cased: `(p95)`, `average`, `requests/second`; a statistic named before the
        /// value comes first, normalised (`p50 median`, `average avg`, `peak slowest`), and so does the normalised
        /// name of one named first after it (`p50 (median)`, ``trailingStatistic(_:)``).
        var keywords: String
        /// Whether the piece says on purpose that there is no figure (`n/a`, `TBD`, `—`, `not measured`).
        var notGiven = false
        /// The value as written when the piece holds a digit but no quantity, placeholder or "not given" (`1 25 ms`).
        var unreadable: String?
        /// Why ``unreadable`` could not be read; ``Quantity/Refusal/range`` when two numbers were given for one.
        var refusal: Quantity.Refusal?
    }

    /// Splits a value line into pieces at commas and line breaks outside backticks; a comma between two ASCII digits
    /// stays in its piece (it is a thousands separator, or a decimal comma that the piece then refuses).
    static func pieces(_ text: some StringProtocol) -> [Piece] {
        let line = String(text)
        let bytes = line.utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        var inCode = false
        var previous: UInt8 = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte == UInt8(ascii: "`") { inCode.toggle() }
            let betweenDigits =
                ValueScanner.isDigit(previous) && next < bytes.endIndex && ValueScanner.isDigit(bytes[next])
            if !inCode, byte == 0x0A || (byte == UInt8(ascii: ",") && !betweenDigits) {
                parts.append(line[start..<index])
                start = next
            }
            previous = byte
            index = next
        }
        parts.append(line[start...])
        return parts.map(\.trimmed).filter { !$0.isEmpty }.map(piece)
    }

    /// Reads one piece: the value is the first code span, or else the text at the start of the piece. Bold markers
    /// (`**`) are ignored.
    static func piece(_ text: String) -> Piece {
        let text = text.removingAll("**")
        guard let open = text.asciiIndex(of: "`"),
            let close = text[text.index(after: open)...].asciiIndex(of: "`")
        else { return plainPiece(text) }
        let value = text[text.index(after: open)..<close]
        return spanPiece(value: value, before: text[..<open], after: text[text.index(after: close)...], whole: text)
    }

    /// A piece without code span: an optional statistic, then the value and what follows it.
    private static func plainPiece(_ text: String) -> Piece {
        let keywords = text.lowercased().trimmed
        if isPlaceholder(text) { return Piece(quantity: nil, placeholder: text.trimmed, keywords: keywords) }
        if isNotGiven(text) { return Piece(quantity: nil, placeholder: nil, keywords: keywords, notGiven: true) }
        var label = statistic(text[...])
        var reading = label.map { Quantity.reading($0.rest) } ?? .absent
        if case .absent = reading {
            label = nil
            reading = Quantity.reading(text)
        }
        switch reading {
        case .quantity(let quantity):
            return Piece(
                quantity: quantity, placeholder: nil, keywords: labelled(label?.keywords, remark: quantity.rest))
        case .refused(let refusal):
            let (written, remark) = withoutRemark(label?.rest ?? text[...])
            return Piece(
                quantity: nil, placeholder: nil, keywords: labelled(label?.keywords, written, remark: remark),
                unreadable: written, refusal: refusal)
        case .absent:
            let (written, remark) = withoutRemark(text[...])
            return unread(written, keywords: joined(written.lowercased(), trailingStatistic(remark)), holding: text)
        }
    }

    /// A piece whose value is the code span `value`; a statistic may stand before the span or inside it, a prefix
    /// before it (`` < `2s` ``, `` p95 ≈ `90` ms ``), and a unit may follow it (`` `45` jobs/hour ``,
    /// `` `~14` jobs/hour ``).
    private static func spanPiece(value: Substring, before: Substring, after: Substring, whole: String) -> Piece {
        let after = after.trimmed
        let outside = joined(before.trimmed.lowercased(), trailingStatistic(after))
        if isPlaceholder(value) { return Piece(quantity: nil, placeholder: value.trimmed, keywords: outside) }
        if isNotGiven(value) { return Piece(quantity: nil, placeholder: nil, keywords: outside, notGiven: true) }
        let inside = statistic(value).flatMap { label -> (keywords: String, rest: Substring)? in
            if case .absent = Quantity.reading(label.rest) { return nil }
            return label
        }
        let valueText = inside?.rest ?? value
        var reading = Quantity.reading(valueText)
        if case .quantity(let quantity) = reading, quantity.unit.isEmpty, quantity.rest.isEmpty,
            let unit = unitAfterSpan(after)
        {
            reading = Quantity.reading(String(valueText) + " " + unit)
        }
        var keywords = joined(inside?.keywords ?? "", outside)
        let label = statistic(before)
        let prefix = Quantity.prefixes(label?.rest ?? before)
        if let label, prefix.isOnlyPrefixes {
            keywords = joined(label.keywords, joined(inside?.keywords ?? "", after.lowercased()))
        }
        switch reading {
        case .quantity(var quantity):
            if prefix.isOnlyPrefixes, quantity.qualifier == nil { quantity.qualifier = prefix.qualifier }
            return Piece(quantity: quantity, placeholder: nil, keywords: keywords)
        case .refused(let refusal):
            let written = value.trimmed.isEmpty ? whole.trimmed : value.trimmed
            return Piece(quantity: nil, placeholder: nil, keywords: keywords, unreadable: written, refusal: refusal)
        case .absent:
            return unread(value.trimmed.isEmpty ? whole : String(value), keywords: keywords, holding: whole)
        }
    }

    /// The keywords of a piece: the statistic named before the value, or else a statistic named first in the
    /// `remark` after it (``trailingStatistic(_:)``), then the remark.
    private static func labelled(_ label: String?, _ written: String = "", remark: String) -> String {
        guard let label else { return joined(written.lowercased(), trailingStatistic(remark)) }
        return joined(label, joined(written.lowercased(), remark.lowercased()))
    }

    /// A refused value split before its first `(` (`850-900 ms (p95)` → `850-900 ms`, `(p95)`), both trimmed; the
    /// whole text when it starts with `(`.
    private static func withoutRemark(_ text: Substring) -> (value: String, remark: String) {
        guard let open = text.asciiIndex(of: "("), !text[..<open].trimmed.isEmpty else { return (text.trimmed, "") }
        return (text[..<open].trimmed, text[open...].trimmed)
    }

    /// `remark` lower-cased, after the normalised name of the statistic it starts with, within an optional `(`:
    /// `(median)` → `p50 (median)`, `slowest` → `peak slowest`, `mean` → `average mean`, `(95th percentile)` →
    /// `p95 (95th percentile)`; a remark that starts otherwise, or with a name that is already normal (`average`,
    /// `peak`, `p95`), or with `min` (which after a number is minutes), is only lower-cased.
    static func trailingStatistic(_ remark: String) -> String {
        let lowered = remark.lowercased().trimmed
        let body = lowered.drop { $0 == "(" || $0 == " " }
        let word = asciiWord(body, orDot: false)
        if word != "min", let name = statistics[String(word)], name != word { return name + " " + lowered }
        if let ordinal = ordinalPercentile(String(word), after: body.dropFirst(word.count)) {
            return ordinal.keyword + " " + lowered
        }
        return lowered
    }

    /// A piece with no quantity: unreadable (``Quantity/Refusal/noNumber``) when `whole` holds an ASCII digit.
    private static func unread(_ value: String, keywords: String, holding whole: String) -> Piece {
        let hasDigit = whole.utf8.contains { ValueScanner.isDigit($0) }
        return Piece(
            quantity: nil, placeholder: nil, keywords: keywords, unreadable: hasDigit ? value.trimmed : nil,
            refusal: hasDigit ? .noNumber : nil)
    }

    /// The unit written right after a code span that holds only a number: a unit phrase (`requests per second`),
    /// else the first word as before (`jobs/hour`, `concurrent`), when the text starts with a letter, `%` or `/`.
    private static func unitAfterSpan(_ after: String) -> String? {
        guard let first = after.unicodeScalars.first,
            first.properties.isAlphabetic || first == "%" || first == "/"
        else { return nil }
        if let phrase = Quantity.unitPhrase(after) { return phrase }
        return after.split(separator: " ").first.map(String.init)
    }

    /// The ASCII letters and digits (and dots, with `orDot`) that `text` starts with: `text.prefix { $0.isASCII &&
    /// ($0.isLetter || $0.isNumber) }`, on the bytes. A byte of a run followed by a non-ASCII byte may be one
    /// Character with it (a combining accent), which is not ASCII: the Characters decide there.
    static func asciiWord(_ text: Substring, orDot: Bool) -> Substring {
        let bytes = text.utf8
        var end = bytes.startIndex
        while end < bytes.endIndex {
            let byte = bytes[end]
            guard byte | 0x20 &- 0x61 < 26 || byte &- 0x30 < 10 || (orDot && byte == UInt8(ascii: ".")) else { break }
            end = bytes.index(after: end)
        }
        if end < bytes.endIndex, bytes[end] >= 0x80 {
            return text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || (orDot && $0 == ".")) }
        }
        return text[..<end]
    }

    /// Two keyword texts joined by a space, either of them possibly empty.
    private static func joined(_ first: String, _ second: String) -> String {
        let second = second.trimmed
        if first.isEmpty { return second }
        return second.isEmpty ? first : first + " " + second
    }

    /// Statistics named before a value, by their lower-cased word, and the keyword each is normalised to.
    private static let statistics: [String: String] = [
        "median": "p50", "avg": "average", "average": "average", "mean": "average", "max": "peak", "maximum": "peak",
        "peak": "peak", "slowest": "peak", "worst": "peak", "highest": "peak", "min": "minimum", "minimum": "minimum",
        "fastest": "minimum", "lowest": "minimum", "best": "minimum",
    ]

    /// A statistic named at the start of `text`, then an optional `:` or `=`, as `keywords` and the text after it.
    ///
    /// The keywords are the normalised name, then the word as written when it differs: `p95` (also `P95`), `p99.9`,
    /// `p95` for `95th percentile`, `p50 median`, `average avg` (`avg`, `avg.`, `average`, `mean`), `peak max`
    /// (`max`, `maximum`, `peak`, `slowest`, `worst`, `highest`), `minimum min` (`min`, `minimum`, `fastest`,
    /// `lowest`, `best`). `nil` when the text does not start with one followed by a space, `:`, `=`, a comparison
    /// or a digit.
    static func statistic(_ text: Substring) -> (keywords: String, rest: Substring)? {
        var rest = text.drop { $0 == " " || $0 == "\t" }
        guard mayStartStatistic(rest.utf8) else { return nil }
        let word = asciiWord(rest, orDot: true)
        var lowered = word.lowercased()
        let keyword: String
        if isPercentileName(lowered) {
            keyword = lowered
        } else if lowered.hasSuffix("."), let name = statistics[String(lowered.dropLast())] {
            keyword = name
            lowered.removeLast()
        } else if let name = statistics[lowered] {
            keyword = name
        } else if let ordinal = ordinalPercentile(lowered, after: rest.dropFirst(word.count)) {
            return finish(ordinal.keyword, written: ordinal.written, ordinal.rest)
        } else {
            return nil
        }
        rest = rest.dropFirst(word.count)
        return finish(keyword, written: lowered, rest)
    }

    /// The lower-case letters a statistic's name starts with.
    private static let statisticInitials = Set("abfhlmpsw".utf8)

    /// Whether `text` can start a statistic: one of ``statisticInitials`` in either case, or digits and a letter
    /// that can start an ordinal's `th`, `st`, `nd` or `rd` (a cheap test before the words are compared).
    private static func mayStartStatistic(_ text: Substring.UTF8View) -> Bool {
        guard let first = text.first else { return false }
        if !ValueScanner.isDigit(first) { return statisticInitials.contains(first | 0x20) }
        guard let letter = text.first(where: { !ValueScanner.isDigit($0) }) else { return false }
        return "tsnr".utf8.contains(letter | 0x20)
    }

    /// The statistic `keyword` as written `written`, followed by `rest`: an optional `:` or `=`, then the value.
    private static func finish(_ keyword: String, written: String, _ rest: Substring) -> (
        keywords: String, rest: Substring
    )? {
        guard let next = rest.first else { return (keyword, rest) }
        guard next == " " || next == ":" || next == "=" || next == "\t" || next.isNumber || "<>~≈≤≥".contains(next)
        else { return nil }
        var value = rest.drop { $0 == " " || $0 == "\t" }
        if value.first == ":" || value.first == "=" { value = value.dropFirst().drop { $0 == " " || $0 == "\t" } }
        return (written == keyword ? keyword : keyword + " " + written, value)
    }

    /// Whether `word` is `p` and digits, optionally with a decimal part (`p50`, `p99.9`).
    private static func isPercentileName(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "p"), ValueScanner.isDigit(bytes[1]) else { return false }
        var index = 1
        while index < bytes.count, ValueScanner.isDigit(bytes[index]) { index += 1 }
        guard index < bytes.count else { return true }
        guard bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count else { return false }
        return bytes[(index + 1)...].allSatisfy(ValueScanner.isDigit)
    }

    /// `95th percentile` (also `pct`) as the keyword `p95`, the words as written and the text after them.
    private static func ordinalPercentile(_ word: String, after: Substring) -> (
        keyword: String, written: String, rest: Substring
    )? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, ["th", "st", "nd", "rd"].contains(word.dropFirst(digits.count)) else { return nil }
        let spaced = after.drop { $0 == " " }
        guard spaced.count < after.count else { return nil }
        for name in ["percentile", "pct"] where spaced.lowercased().hasPrefix(name) {
            let rest = spaced.dropFirst(name.count)
            guard rest.first.map({ !$0.isLetter }) ?? true else { continue }
            return ("p" + digits, word + " " + name, rest)
        }
        return nil
    }

    /// The bytes ``isPlaceholder(_:)`` looks past: ASCII white space, backticks and quotes.
    private static let placeholderSkipped: Set<UInt8> = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, UInt8(ascii: "`"), UInt8(ascii: "\""),
    ]

    /// Whether a value is still the template's placeholder: it starts with `[` (or `#[`), backticks aside.
    static func isPlaceholder(_ text: some StringProtocol) -> Bool {
        // The first byte that is not a space, quote or backtick decides, when it is ASCII.
        if let first = text.utf8.first(where: { !placeholderSkipped.contains($0) }), first < 0x80,
            first != UInt8(ascii: "["), first != UInt8(ascii: "#"), first | 0x20 != UInt8(ascii: "e")
        {
            return false
        }
        let bare = String(text.filter { $0 != "`" && $0 != "\"" }).trimmed
        return bare.hasPrefix("[") || bare.hasPrefix("#[") || bare.lowercased().hasPrefix("e.g.")
    }

    /// The words that say "no figure", lower-case, longest first where one begins another.
    private static let notGivenWords: [[UInt8]] = [
        "not applicable", "not available", "not measured", "not tracked", "not known", "unknown", "n/a", "n.a.", "n.a",
        "tbd", "tbc", "tba", "none", "null", "na",
    ].map { Array($0.utf8) }

    /// The symbols that say "no figure" when no ASCII digit follows them, longest first.
    private static let notGivenSymbols: [[UInt8]] = ["???", "??", "?", "--", "-", "—", "–"].map { Array($0.utf8) }

    /// The bytes ``isNotGiven(_:)`` looks past: spaces, tabs, backticks, quotes, `*` and `_`.
    private static let notGivenSkipped: Set<UInt8> = [
        0x09, 0x20, UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "*"), UInt8(ascii: "_"),
    ]

    /// Whether a value says on purpose that there is no figure: after spaces, backticks, quotes and `*`/`_`, it
    /// starts with `n/a`, `N/A`, `n.a.`, `NA`, `unknown`, `TBD`/`TBC`/`TBA`, `none`, `null`, `not measured`,
    /// `not applicable`, `not available`, `not tracked` or `not known` (any case), followed by the end or a character
    /// that is not a letter or digit (`n/a — worker-side`, `N/A (all in memory)`); or it is `-`, `--`, `—`, `–` or
    /// `?`…`???` followed by text without an ASCII digit (`—`, `- see below`, but not `-5` or `— 850ms`).
    static func isNotGiven(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first(where: { $0 != 0x20 }), !ValueScanner.isDigit(first) else { return false }
        let scanner = ValueScanner(text)
        var start = 0
        while start < scanner.bytes.count, notGivenSkipped.contains(scanner.bytes[start]) { start += 1 }
        if notGivenWords.contains(where: { scanner.word($0, at: start) != nil }) { return true }
        guard let symbol = notGivenSymbols.first(where: { scanner.matches($0, at: start) }) else { return false }
        return !scanner.bytes[(start + symbol.count)...].contains(where: ValueScanner.isDigit)
    }

    /// Splits `Name: value` at its first colon; `nil` when the line has no colon.
    static func nameAndValue(_ line: String) -> (name: String, value: String)? {
        let text = line.removingAll("**")
        guard let colon = text.asciiIndex(of: ":") else { return nil }
        return (String(text[..<colon]).trimmed, String(text[text.index(after: colon)...]).trimmed)
    }
}

/// A number and the unit written with it (`2,900 ms`, `1.5GB`, `62%`, `50/hour`), read exactly or not at all.
///
/// **Reading**, in order (see ``reading(_:)``):
/// 1. Spaces and emphasis (`*`, `_`) are skipped, then up to three prefixes (``Qualifier``): `~`, `≈`, `~=`,
///    `about`, `approx.`, `approx`, `approximately`, `around`, `roughly`, `circa`, `ca.` (approximately); `<`,
///    `under`, `below`, `less than`, `fewer than` (below); `<=`, `=<`, `≤`, `up to`, `at most`, `no more than`,
///    `not more than` (at most); `>`, `over`, `above`, `more than`, `greater than` (above); `>=`, `≥`, `at least`,
///    `no less than`, `not less than` (at least); `=`, `=>` (an arrow, not a comparison), `between`, `from` (no
///    qualifier). Words are matched in any case and must be followed by a space. A comparison wins over an
///    approximation (`< ~2s` is below). ``value`` is the number written, whatever the qualifier.
/// 2. An optional sign (`-`, `−`, `+`) directly before the digits.
/// 3. The number: ASCII digits, optionally grouped, optionally a decimal point and digits (`.5` is 0.5), optionally
///    an exponent (`1e6`, `2.5E-3`). A group separator is one of `,` `_` `'` `’`, a space, a no-break space
///    (U+00A0), a narrow no-break space (U+202F) or a thin space (U+2009); it counts only when the first group has
///    one to three digits and does not start with `0`, every following group has exactly three digits, and one
///    separator is used throughout (`1 250`, `1,250.5`, `12,345,678`, `1_900`, `1'250`). The decimal separator is
///    always `.`; `1.250` is 1.25.
/// 4. A multiplier suffix written right after the digits (``multiplier``): `k`/`K` ×1,000, `M` ×1,000,000, `B` or
///    `bn` ×1,000,000,000, only when the next character is not a letter, digit, `%` or `/` (`k` also allows `/`):
///    `2.3k req/s` is 2300, `5K` is 5000, `3B rows` is 3,000,000,000, but `2kb`, `750Mi` and `1.5m` are units. The
///    words `thousand`, `million` and `billion` after a space multiply too. Lowercase `m` is never a multiplier.
/// 5. The unit: letters (`µ` and `μ` among them), `%`, symbols such as `°` and `€`, and `/` followed by a letter,
///    attached to the number (`850ms`, `50/hour`, `62%`), or after spaces when it is a known unit word (`ms`, `GB`, `cores`, `rps`…), a word with `/`
///    (`requests/second`), or a rate phrase (`requests per second`, `jobs an hour`, `per minute`). `48/100` keeps
///    `/100` as its unit: a ratio, whose value is the numerator. ``unit`` is kept as written; ``normalizedUnit``
///    names it by the project's table.
///
/// **Refusals** (``Refusal``): digits that are not a valid grouping or a second decimal point (`1 25 ms`, `1,2`,
/// `0,850`, `1250 000`, `1.2.3 s`, `1.250,5`, `1  250`) are ``Refusal/grouping``; a second number joined by `-`,
/// `–`, `—`, `−`, `~`, `..`, `…`, `→`, `->`, `=>`, `to`, `or`, `and`, `vs`, `vs.` or `versus` (`850-900 ms`,
/// `850 to 900 ms`, `850ms – 900ms`, `between 850 and 900`) is ``Refusal/range``; and ``Refusal/notation`` covers a
/// clock (`1:30`), a tolerance (`850 ± 20 ms`, `+/-`), a product or power (`2×10^6`, `2 x 10^6`), a unit or
/// multiplier followed by a digit (`3k5`, `850ms/900ms`, `1h30m`), a duration in parts (`1h 30m`,
/// `1 hour and 30 minutes`), a non-ASCII digit or fraction right after the number (`1½`, `10⁶`) and an exponent out
/// of range. A unit the caller does not know is not a refusal: ``milliseconds(defaultUnit:)`` and
/// ``megabytes(defaultUnit:)`` return `nil` for it and ``unit`` keeps it for a warning.
struct Quantity: Equatable {
    /// The comparison or approximation written before a number; the value is the number written.
    enum Qualifier: Equatable, Sendable {
        /// `~`, `≈`, `about`, `approx.`: roughly the number.
        case approximately
        /// `<`, `under`, `below`, `less than`: less than the number.
        case below
        /// `<=`, `≤`, `up to`, `at most`: the number or less.
        case atMost
        /// `>`, `over`, `above`, `more than`: more than the number.
        case above
        /// `>=`, `≥`, `at least`: the number or more.
        case atLeast
    }

    /// Why a value that holds a digit was not read.
    enum Refusal: Equatable, Sendable {
        /// Two numbers where one was asked for: `850-900 ms`, `850 to 900 ms`, `850ms → 900ms`.
        case range
        /// Digits that are not one validly grouped number: `1 25 ms`, `1,2`, `1.2.3 s`.
        case grouping
        /// A way of writing a number this reader does not take: `1:30`, `850 ± 20`, `2×10^6`, `1h 30m`, `1½`.
        case notation
        /// No number at the start, though the piece holds a digit: `fast (p95)`, `maxmemory 6GB`.
        case noNumber
    }

    /// What reading a text found.
    enum Reading: Equatable {
        /// A number read exactly.
        case quantity(Quantity)
        /// A number at the start that cannot be read exactly.
        case refused(Refusal)
        /// No number at the start (after prefixes).
        case absent
    }

    /// The number, multiplied by its ``multiplier`` (`2300` for `2.3k`).
    var value: Double
    /// The unit as written, trimmed (`ms`, `GB`, `requests/second`, `/100` for a ratio), or empty.
    var unit: String
    /// What follows the unit.
    var rest: String
    /// The comparison or approximation written before the number (`<` in `< 2s`), if any.
    var qualifier: Qualifier?
    /// The multiplier suffix or word as written (`k`, `K`, `M`, `B`, `bn`, `million`), or empty.
    var multiplier: String
    /// The number as written, before its multiplier (`2.3` for `2.3k`); equal to ``value`` without one.
    var number: Double

    /// A quantity of `value` (as written `number`, when a multiplier scaled it).
    init(
        value: Double, unit: String = "", rest: String = "", qualifier: Qualifier? = nil, multiplier: String = "",
        number: Double? = nil
    ) {
        self.value = value
        self.unit = unit
        self.rest = rest
        self.qualifier = qualifier
        self.multiplier = multiplier
        self.number = number ?? value
    }

    /// Reads the number and unit at the start of `text` (see the type's rules); `nil` when there is none or it is
    /// refused.
    init?(_ text: some StringProtocol) {
        guard case .quantity(let quantity) = Quantity.reading(text) else { return nil }
        self = quantity
    }

    /// Reads the number and unit at the start of `text`, or says why it cannot be read exactly.
    static func reading(_ text: some StringProtocol) -> Reading {
        var scanner = ValueScanner(text)
        scanner.skipSpacesAndEmphasis()
        let qualifier = scanner.qualifier()
        let sign = scanner.sign()
        let scanned: ValueScanner.Number
        switch scanner.number() {
        case .none: return .absent
        case .refused(let refusal): return .refused(refusal)
        case .number(let number): scanned = number
        }
        if let refusal = scanner.refusalRightAfterNumber() { return .refused(refusal) }
        var multiplier = scanner.attachedMultiplier()
        let unit: String
        switch scanner.unit(multiplier: &multiplier) {
        case .refused(let refusal): return .refused(refusal)
        case .unit(let written): unit = written
        }
        if let refusal = scanner.refusalAfterUnit(unit) { return .refused(refusal) }
        guard let number = scanned.value(sign: sign, exponent: 0),
            let value = multiplier.map({ scanned.value(sign: sign, exponent: $0.exponent) }) ?? number
        else { return .refused(.notation) }
        return .quantity(
            Quantity(
                value: value, unit: unit, rest: scanner.rest(), qualifier: qualifier,
                multiplier: multiplier?.written ?? "", number: number))
    }

    /// Whether `text` holds nothing but spaces, emphasis and prefixes (`< `, `about `), and the qualifier they give.
    static func prefixes(_ text: some StringProtocol) -> (isOnlyPrefixes: Bool, qualifier: Qualifier?) {
        var scanner = ValueScanner(text)
        scanner.skipSpacesAndEmphasis()
        let qualifier = scanner.qualifier()
        return (scanner.afterSpaces(scanner.index) == scanner.bytes.count, qualifier)
    }

    /// A number with optional grouping at the very start of `text` (no prefix, sign, multiplier or unit), and what
    /// follows it; `nil` when there is none or its digits are refused.
    static func leadingNumber(_ text: some StringProtocol) -> (value: Double, rest: Substring)? {
        var scanner = ValueScanner(text)
        guard case .number(let number) = scanner.number(), let value = number.value(sign: "", exponent: 0) else {
            return nil
        }
        let body = Substring(text)
        return (value, body[body.utf8.index(body.utf8.startIndex, offsetBy: scanner.index)...])
    }

    /// The unit phrase at the start of `text` as a spaced unit is read (`requests per second`, `jobs/hour`, `ms`),
    /// or `nil` when the text does not start with one.
    static func unitPhrase(_ text: some StringProtocol) -> String? {
        let scanner = ValueScanner(text)
        return scanner.spacedUnit(at: 0).map { scanner.text(0..<$0) }
    }

    /// The value in milliseconds, if the unit is a time (no unit counts as `defaultUnit`; a multiplier without unit
    /// is a count of `defaultUnit`: `1.2k` is 1200 ms). Lowercase `m` is minutes, `M` is not a time.
    func milliseconds(defaultUnit: String = "ms") -> Double? {
        Quantity.millisecondsPerUnit(unit.isEmpty ? defaultUnit : unit).map { Quantity.rounded(value * $0) }
    }

    /// The value in MB, if the unit is a size (no unit counts as `defaultUnit`).
    ///
    /// One rule for every spelling: B/byte/bytes = 1/1,048,576 MB; K, KB, Ki, KiB = 1/1024 MB; M, MB, Mi, MiB = 1 MB;
    /// G, GB, Gi, GiB = 1024 MB; T, TB, Ti, TiB = 1,048,576 MB (any case, so `Mb` counts as MB; the long words too).
    /// Lowercase `m` alone is not a size (minutes, metres, millicores). A multiplier suffix without a unit is the
    /// size it names: `500M` is 500 MB, `900K` is 900 KB, `500B` is 500 bytes (`bn` and the words are not sizes).
    func megabytes(defaultUnit: String = "MB") -> Double? {
        if unit.isEmpty, !multiplier.isEmpty {
            return Quantity.megabytesPerUnit(multiplier).map { Quantity.rounded(number * $0) }
        }
        return Quantity.megabytesPerUnit(unit.isEmpty ? defaultUnit : unit).map { Quantity.rounded(value * $0) }
    }

    /// The value in CPU cores: `cores`, `core`, `vCPU`, `vCPUs`, `CPU`, `CPUs` as written; `millicores`, `mCPU` and
    /// a lowercase `m` (Kubernetes `500m`) in thousandths; `nil` for another unit (no unit counts as `defaultUnit`).
    func cores(defaultUnit: String = "cores") -> Double? {
        let written = unit.isEmpty ? defaultUnit : unit
        if written == "m" { return Quantity.rounded(value / 1000) }
        switch written.lowercased() {
        case "core", "cores", "vcpu", "vcpus", "cpu", "cpus": return value
        case "millicore", "millicores", "mcpu": return Quantity.rounded(value / 1000)
        default: return nil
        }
    }

    /// The value as a percentage: `%`, `percent`, `pct` (no unit counts as `defaultUnit`); `nil` for another unit
    /// (`500m` of CPU is not 500 %).
    func percent(defaultUnit: String = "%") -> Double? {
        ["%", "percent", "pct"].contains((unit.isEmpty ? defaultUnit : unit).lowercased()) ? value : nil
    }

    /// ``unit`` by the project's table (see ``normalizedUnit(_:)``).
    var normalizedUnit: String? { Quantity.normalizedUnit(unit) }

    /// Rounds away binary noise (0.85 × 1000 = 850.0000000000001) to a millionth.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }
}

extension Quantity {
    /// Time units, lower-cased, and their length in milliseconds.
    static let timeUnits: [String: Double] = {
        var table: [String: Double] = [:]
        let spellings: [(Double, [String])] = [
            (0.000_001, ["ns", "nsec", "nanosecond", "nanoseconds"]),
            (0.001, ["us", "µs", "μs", "usec", "microsecond", "microseconds"]),
            (1, ["ms", "msec", "msecs", "millisecond", "milliseconds"]),
            (1000, ["s", "sec", "secs", "second", "seconds"]),
            (60_000, ["m", "min", "mins", "minute", "minutes"]),
            (3_600_000, ["h", "hr", "hrs", "hour", "hours"]),
            (86_400_000, ["d", "day", "days"]),
        ]
        for (factor, words) in spellings { for word in words { table[word] = factor } }
        return table
    }()

    /// Size units, lower-cased, and their size in MB.
    static let sizeUnits: [String: Double] = {
        var table: [String: Double] = [:]
        let spellings: [(Double, [String])] = [
            (1.0 / 1_048_576, ["b", "byte", "bytes"]),
            (1.0 / 1024, ["k", "kb", "ki", "kib", "kilobyte", "kilobytes"]),
            (1, ["mb", "mi", "mib", "megabyte", "megabytes"]),
            (1024, ["g", "gb", "gi", "gib", "gigabyte", "gigabytes"]),
            (1_048_576, ["t", "tb", "ti", "tib", "terabyte", "terabytes"]),
        ]
        for (factor, words) in spellings { for word in words { table[word] = factor } }
        return table
    }()

    /// Words read as a unit after a space (lower-cased): every time and size unit, `%`, `percent`, `pct`, CPU units
    /// and rate abbreviations.
    static let spacedUnits: Set<String> = Set(timeUnits.keys).union(sizeUnits.keys).union([
        "%", "percent", "pct", "core", "cores", "vcpu", "vcpus", "cpu", "cpus", "millicore", "millicores", "mcpu",
        "rps", "rpm", "qps", "tps", "ops", "iops",
    ])

    /// Milliseconds in one `unit` (lowercase `m` is minutes; `M` is not a time).
    static func millisecondsPerUnit(_ unit: String) -> Double? {
        unit == "M" ? nil : timeUnits[unit.lowercased()]
    }

    /// MB in one `unit` (`M` is MB; lowercase `m` is not a size).
    static func megabytesPerUnit(_ unit: String) -> Double? {
        switch unit {
        case "m": nil
        case "M": 1
        default: sizeUnits[unit.lowercased()]
        }
    }

    /// Rate nouns, lower-cased, by the name their series takes.
    private static let rateNouns: [String: String] = {
        var table: [String: String] = [:]
        let spellings: [(String, [String])] = [
            ("requests", ["req", "reqs", "request", "requests"]), ("jobs", ["job", "jobs"]),
            ("queries", ["query", "queries"]), ("operations", ["op", "ops", "operation", "operations"]),
            ("messages", ["msg", "msgs", "message", "messages"]),
            ("transactions", ["tx", "txn", "txns", "transaction", "transactions"]), ("events", ["event", "events"]),
        ]
        for (name, words) in spellings { for word in words { table[word] = name } }
        return table
    }()

    /// Time words of a rate, lower-cased, by the name the rate takes.
    static let rateTimes: [String: String] = {
        var table: [String: String] = [:]
        let spellings: [(String, [String])] = [
            ("second", ["s", "sec", "secs", "second", "seconds"]),
            ("minute", ["m", "min", "mins", "minute", "minutes"]), ("hour", ["h", "hr", "hrs", "hour", "hours"]),
            ("day", ["d", "day", "days"]),
        ]
        for (name, words) in spellings { for word in words { table[word] = name } }
        return table
    }()

    /// Units that stand for a whole rate or count, lower-cased.
    private static let wholeUnits: [String: String] = [
        "rps": "requests/second", "rpm": "requests/minute", "qps": "queries/second", "tps": "transactions/second",
        "iops": "IOPS", "ops": "operations", "%": "%", "percent": "%", "pct": "%", "core": "cores", "cores": "cores",
        "vcpu": "cores", "vcpus": "cores", "cpu": "cores", "cpus": "cores", "millicore": "millicores",
        "millicores": "millicores", "mcpu": "millicores",
    ]

    /// The canonical name of a unit, so that one endpoint's series does not split over spellings; `""` for no unit,
    /// `nil` for a unit not in the table (the caller may keep ``unit`` as written).
    ///
    /// | written | normalised |
    /// | --- | --- |
    /// | `ns` `nsec` `nanosecond(s)` | `ns` |
    /// | `us` `µs` (U+00B5) `μs` (U+03BC) `usec` `microsecond(s)` | `µs` |
    /// | `ms` `msec(s)` `millisecond(s)` | `ms` |
    /// | `s` `sec(s)` `second(s)` | `s` |
    /// | `min(s)` `minute(s)` | `min` (`m` alone is `nil`: minutes, metres or millicores) |
    /// | `h` `hr(s)` `hour(s)` | `h` |
    /// | `d` `day(s)` | `d` |
    /// | `B` `byte(s)` | `B` |
    /// | `K` `KB` `Ki` `KiB` `kilobyte(s)` (any case) | `KB`, likewise `MB` (`M`, `Mi`, `MiB`, not `m`), `GB`, `TB` |
    /// | `%` `percent` `pct` | `%` |
    /// | `core(s)` `vCPU(s)` `CPU(s)` | `cores`; `millicore(s)` `mCPU` → `millicores` |
    /// | `rps` `RPS` | `requests/second`; `rpm` → `requests/minute`; `qps` → `queries/second`; `tps` → `transactions/second` |
    /// | `iops` | `IOPS`; `ops` alone → `operations` |
    /// | *noun*`/`*time*, *noun* `per` *time*, *noun* `a`/`an` *time*, `/`*time*, `per` *time* | *noun*`/`*time* |
    ///
    /// In a rate the time is `second` (`s`, `sec(s)`, `second(s)`), `minute` (`m`, `min(s)`, `minute(s)`), `hour`
    /// (`h`, `hr(s)`, `hour(s)`) or `day` (`d`, `day(s)`), and the noun is `requests` (`req`, `reqs`, `request`),
    /// `jobs` (`job`), `queries` (`query`), `operations` (`op`, `ops`, `operation`), `messages` (`msg`, `msgs`,
    /// `message`), `transactions` (`tx`, `txn`, `txns`, `transaction`), `events` (`event`), a size of two or more
    /// letters or `B` (`MB/s` → `MB/second`, `B/s` → `B/second`), empty (`/h` → `/hour`) or any other word of two or more letters and hyphens, lower-cased
    /// (`ligands/hour`; `m/s` and `M/s` are `nil`: metres, minutes, megabytes or millions).
    /// So `rps`, `req/s`, `reqs/s`, `requests/s`, `requests/sec`, `requests per second` and `req/sec` are all
    /// `requests/second`, and `jobs/hr`, `jobs/h`, `jobs per hour` and `jobs an hour` are all `jobs/hour`.
    static func normalizedUnit(_ unit: String) -> String? {
        let written = unit.trimmed
        if written.isEmpty { return "" }
        let lowered = written.lowercased()
        if written != "m", millisecondsPerUnit(written) != nil, let time = timeName(lowered) { return time }
        if let size = sizeName(written) { return size }
        if let whole = wholeUnits[lowered] { return whole }
        guard let (noun, time) = rateParts(lowered), let timeName = rateTimes[time] else { return nil }
        if noun.isEmpty { return "/" + timeName }
        if let name = rateNouns[noun] ?? (noun.count >= 2 || noun == "b" ? sizeName(noun) : nil) {
            return name + "/" + timeName
        }
        guard noun.count >= 2, noun.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        return noun + "/" + timeName
    }

    /// The canonical name of a time unit (lower-cased), or `nil`.
    private static func timeName(_ lowered: String) -> String? {
        guard let factor = timeUnits[lowered] else { return nil }
        let names: [Double: String] = [
            0.000_001: "ns", 0.001: "µs", 1: "ms", 1000: "s", 60_000: "min", 3_600_000: "h", 86_400_000: "d",
        ]
        return names[factor]
    }

    /// The canonical name of a size unit as written (`M` is MB, `m` is not a size), or `nil`.
    private static func sizeName(_ written: String) -> String? {
        guard let factor = megabytesPerUnit(written) else { return nil }
        let names: [Double: String] = [1.0 / 1_048_576: "B", 1.0 / 1024: "KB", 1: "MB", 1024: "GB", 1_048_576: "TB"]
        return names[factor]
    }

    /// A rate unit split into noun and time word: `req/s`, `requests per second`, `jobs an hour`, `/h`, `per hour`.
    private static func rateParts(_ lowered: String) -> (noun: String, time: String)? {
        let words = lowered.split(separator: " ")
        if words.count == 1 {
            let parts = lowered.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        guard words.count <= 3, ["per", "a", "an"].contains(words[words.count - 2]) else { return nil }
        return (words.count == 3 ? String(words[0]) : "", String(words[words.count - 1]))
    }
}

/// A cursor over the UTF-8 bytes of a value, for ``Quantity/reading(_:)``: no regular expressions, no Characters.
struct ValueScanner {
    /// A number's digits as read, without separators: a mantissa (`1250.5`, `0.5`) and a decimal exponent.
    struct Number {
        /// ASCII digits with at most one `.`.
        var mantissa: String
        /// The exponent written (`6` in `1e6`), `0` without one.
        var exponent: Int

        /// The value with `sign` (`""` or `"-"`) and `extra` more powers of ten, correctly rounded; `nil` when it
        /// is not finite.
        func value(sign: String, exponent extra: Int) -> Double? {
            if let value = exactProduct(negative: sign == "-", exponent: extra) { return value }
            guard let value = Double(sign + mantissa + "e" + String(exponent + extra)), value.isFinite else {
                return nil
            }
            return value
        }

        /// Powers of ten that a `Double` holds exactly.
        private static let exactPowers: [Double] = (0...22).map { (0..<$0).reduce(1.0) { power, _ in power * 10 } }

        /// The value without parsing text, where that is exact (Clinger's fast path): digits below 2^53 times or over
        /// a power of ten up to 10^22 are both exact, and one multiplication or division of exact numbers is
        /// correctly rounded, as `Double(String)` is. `nil` for anything else, which the parser then reads.
        func exactProduct(negative: Bool, exponent extra: Int) -> Double? {
            var digits: UInt64 = 0
            var count = 0
            var decimals = 0
            var afterDot = false
            for byte in mantissa.utf8 {
                if byte == UInt8(ascii: ".") {
                    afterDot = true
                    continue
                }
                count += 1
                guard count <= 19, byte &- 0x30 < 10 else { return nil }
                digits = digits * 10 + UInt64(byte &- 0x30)
                if afterDot { decimals += 1 }
            }
            let power = exponent + extra - decimals
            guard count > 0, digits < 1 << 53, (-22...22).contains(power) else { return nil }
            let magnitude =
                power >= 0 ? Double(digits) * Self.exactPowers[power] : Double(digits) / Self.exactPowers[-power]
            return negative ? -magnitude : magnitude
        }
    }

    /// What ``number()`` found.
    enum NumberScan {
        /// No digit at the cursor.
        case none
        /// Digits that are not one number.
        case refused(Quantity.Refusal)
        /// A number.
        case number(Number)
    }

    /// What ``unit(multiplier:)`` found.
    enum UnitScan {
        /// A unit as written, possibly empty.
        case unit(String)
        /// What follows the number makes it unreadable.
        case refused(Quantity.Refusal)
    }

    /// A multiplier read after the digits.
    struct Multiplier {
        /// As written: `k`, `M`, `million`.
        var written: String
        /// The power of ten it stands for.
        var exponent: Int
    }

    /// The text.
    let bytes: [UInt8]
    /// The cursor, a byte offset.
    var index = 0

    /// A scanner at the start of `text`.
    init(_ text: some StringProtocol) { bytes = Array(text.utf8) }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The byte at `offset`, `nil` past the end.
    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Whether the byte at `offset` is an ASCII digit.
    func isDigit(at offset: Int) -> Bool { offset < bytes.count && Self.isDigit(bytes[offset]) }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The Unicode scalar that starts at `offset` and its length in bytes (the text is valid UTF-8).
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard offset < bytes.count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard offset + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for next in bytes[(offset + 1)..<(offset + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether the character at `offset` is a letter (ASCII or not: `µ`, `μ`, `é` are letters).
    func isLetter(at offset: Int) -> Bool {
        guard let byte = byte(at: offset) else { return false }
        if byte < 0x80 { return (byte | 0x20) &- 0x61 < 26 }
        return scalar(at: offset)?.scalar.properties.isAlphabetic ?? false
    }

    /// The length of the space at `offset`: a space, tab, no-break space, narrow no-break space or thin space; `0`
    /// for anything else.
    func spaceLength(at offset: Int) -> Int {
        guard let byte = byte(at: offset) else { return 0 }
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0xC2, self.byte(at: offset + 1) == 0xA0 { return 2 }
        if byte == 0xE2, self.byte(at: offset + 1) == 0x80, let third = self.byte(at: offset + 2),
            third == 0xAF || third == 0x89
        {
            return 3
        }
        return 0
    }

    /// The offset after the spaces at `offset`.
    func afterSpaces(_ offset: Int) -> Int {
        var offset = offset
        var length = spaceLength(at: offset)
        while length > 0 {
            offset += length
            length = spaceLength(at: offset)
        }
        return offset
    }

    /// The length of a digit-group separator at `offset`: `,` `_` `'` `’`, or a space of ``spaceLength(at:)`` other
    /// than a tab; 0 for anything else.
    func groupSeparatorLength(at offset: Int) -> Int {
        guard let byte = byte(at: offset), byte != 0x09 else { return 0 }
        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'") { return 1 }
        if byte == 0xE2, self.byte(at: offset + 1) == 0x80, self.byte(at: offset + 2) == 0x99 { return 3 }
        return spaceLength(at: offset)
    }

    /// Whether `word` (lower-case ASCII, or exact UTF-8) is at `offset`, ASCII letters in either case.
    func matches(_ word: [UInt8], at offset: Int) -> Bool {
        guard offset + word.count <= bytes.count else { return false }
        for position in 0..<word.count {
            let (byte, wanted) = (bytes[offset + position], word[position])
            guard byte == wanted || (byte | 0x20 == wanted && wanted &- 0x61 < 26) else { return false }
        }
        return true
    }

    /// Whether the word `word` is at `offset` and not followed by a letter or digit; its end.
    func word(_ word: [UInt8], at offset: Int) -> Int? {
        guard matches(word, at: offset) else { return nil }
        let end = offset + word.count
        return isLetter(at: end) || isDigit(at: end) ? nil : end
    }

    /// Moves past spaces, `*` and `_`.
    mutating func skipSpacesAndEmphasis() {
        while true {
            index = afterSpaces(index)
            guard let byte = byte(at: index), byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") else { return }
            index += 1
        }
    }

    /// Prefixes: the written form (lower-case), the qualifier, and whether it is a word (then a space must follow).
    private static let prefixes: [(written: [UInt8], qualifier: Quantity.Qualifier?, isWord: Bool)] = [
        ("<=", .atMost, false), ("=<", .atMost, false), ("≤", .atMost, false), ("⩽", .atMost, false),
        (">=", .atLeast, false), ("≥", .atLeast, false), ("⩾", .atLeast, false), ("<", .below, false),
        (">", .above, false), ("~=", .approximately, false), ("≈", .approximately, false),
        ("~", .approximately, false), ("∼", .approximately, false), ("=>", nil, false), ("=", nil, false),
        ("approximately", .approximately, true), ("approx.", .approximately, false), ("approx", .approximately, true),
        ("about", .approximately, true), ("around", .approximately, true), ("roughly", .approximately, true),
        ("circa", .approximately, true), ("ca.", .approximately, false), ("up to", .atMost, true),
        ("at most", .atMost, true), ("no more than", .atMost, true), ("not more than", .atMost, true),
        ("under", .below, true), ("below", .below, true), ("less than", .below, true), ("fewer than", .below, true),
        ("over", .above, true), ("above", .above, true), ("more than", .above, true), ("greater than", .above, true),
        ("at least", .atLeast, true), ("no less than", .atLeast, true), ("not less than", .atLeast, true),
        ("between", nil, true), ("from", nil, true),
    ].map { (Array($0.0.utf8), $0.1, $0.2) }

    /// Reads up to three prefixes; a comparison wins over an approximation.
    mutating func qualifier() -> Quantity.Qualifier? {
        var found: Quantity.Qualifier?
        if isDigit(at: index) { return nil }
        for _ in 0..<3 {
            guard
                let prefix = Self.prefixes.first(where: {
                    matches($0.written, at: index) && (!$0.isWord || spaceLength(at: index + $0.written.count) > 0)
                })
            else { break }
            index = afterSpaces(index + prefix.written.count)
            if let qualifier = prefix.qualifier, found == nil || found == .approximately {
                found = qualifier
            }
        }
        return found
    }

    /// Reads a sign written directly before a digit or `.`: `-` and `−` give `"-"`, `+` gives `""`.
    mutating func sign() -> String {
        if byte(at: index) == UInt8(ascii: "-"), startsDigits(at: index + 1) {
            index += 1
            return "-"
        }
        if matches(Self.minus, at: index), startsDigits(at: index + 3) {
            index += 3
            return "-"
        }
        if byte(at: index) == UInt8(ascii: "+"), startsDigits(at: index + 1) { index += 1 }
        return ""
    }

    /// Reads the number at the cursor: digits with valid grouping, a decimal part and an exponent.
    mutating func number() -> NumberScan {
        var offset = index
        var mantissa: [UInt8] = []
        while isDigit(at: offset) { offset += 1 }
        let integerDigits = bytes[index..<offset]
        if integerDigits.isEmpty {
            guard byte(at: offset) == UInt8(ascii: "."), isDigit(at: offset + 1) else { return .none }
            mantissa.append(UInt8(ascii: "0"))
        } else {
            mantissa.append(contentsOf: integerDigits)
            guard let end = groups(after: offset, into: &mantissa, first: integerDigits) else {
                return .refused(.grouping)
            }
            offset = end
        }
        if byte(at: offset) == UInt8(ascii: "."), isDigit(at: offset + 1) {
            mantissa.append(UInt8(ascii: "."))
            offset += 1
            while isDigit(at: offset) {
                mantissa.append(bytes[offset])
                offset += 1
            }
            let separator = groupSeparatorLength(at: offset)
            if (byte(at: offset) == UInt8(ascii: ".") && isDigit(at: offset + 1))
                || (separator > 0 && isDigit(at: offset + separator))
            {
                return .refused(.grouping)
            }
        }
        var exponent = 0
        if let mark = byte(at: offset), mark | 0x20 == UInt8(ascii: "e") {
            var end = offset + 1
            let negative = byte(at: end) == UInt8(ascii: "-")
            if negative || byte(at: end) == UInt8(ascii: "+") { end += 1 }
            let digitsStart = end
            while isDigit(at: end) { end += 1 }
            if end > digitsStart {
                guard end - digitsStart <= 4, let written = Int(text(digitsStart..<end)) else {
                    return .refused(.notation)
                }
                exponent = negative ? -written : written
                offset = end
            }
        }
        index = offset
        return .number(Number(mantissa: String(decoding: mantissa, as: UTF8.self), exponent: exponent))
    }

    /// Reads the digit groups after the integer digits `first` (which end at `offset`); the offset after them, or
    /// `nil` when the digits are not one validly grouped number.
    private func groups(after end: Int, into mantissa: inout [UInt8], first: ArraySlice<UInt8>) -> Int? {
        var offset = end
        let length = groupSeparatorLength(at: offset)
        guard length > 0, isDigit(at: offset + length) else { return offset }
        guard first.count <= 3, first.first != UInt8(ascii: "0") else { return nil }
        let separator = bytes[offset..<(offset + length)]
        while groupSeparatorLength(at: offset) == length, bytes[offset..<(offset + length)] == separator,
            isDigit(at: offset + length)
        {
            let start = offset + length
            var end = start
            while isDigit(at: end) { end += 1 }
            guard end - start == 3 else { return nil }
            mantissa.append(contentsOf: bytes[start..<end])
            offset = end
        }
        let other = groupSeparatorLength(at: offset)
        return other > 0 && isDigit(at: offset + other) ? nil : offset
    }

    /// A refusal for what stands right after the digits: a clock (`1:30`), a non-ASCII digit or fraction (`1½`).
    func refusalRightAfterNumber() -> Quantity.Refusal? {
        if byte(at: index) == UInt8(ascii: ":"), isDigit(at: index + 1) { return .notation }
        if let (scalar, _) = scalar(at: index), !scalar.isASCII, scalar.properties.numericType != nil {
            return .notation
        }
        return nil
    }

    /// Reads a multiplier suffix attached to the digits (`k`, `K`, `M`, `B`, `bn`), when what follows is not a
    /// letter, digit, `%` or `/` (`k` allows `/`).
    mutating func attachedMultiplier() -> Multiplier? {
        guard let byte = byte(at: index) else { return nil }
        let (length, exponent, allowsSlash): (Int, Int, Bool)
        switch byte {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): (length, exponent, allowsSlash) = (1, 3, true)
        case UInt8(ascii: "M"): (length, exponent, allowsSlash) = (1, 6, false)
        case UInt8(ascii: "B"): (length, exponent, allowsSlash) = (1, 9, false)
        case UInt8(ascii: "b") where self.byte(at: index + 1) == UInt8(ascii: "n"):
            (length, exponent, allowsSlash) = (2, 9, false)
        default: return nil
        }
        let next = index + length
        if isLetter(at: next) || isDigit(at: next) { return nil }
        if let following = self.byte(at: next) {
            if following == UInt8(ascii: "%") || (following == UInt8(ascii: "/") && !allowsSlash) { return nil }
            if let (scalar, _) = scalar(at: next), !scalar.isASCII, scalar.properties.numericType != nil { return nil }
        }
        index = next
        return Multiplier(written: text((next - length)..<next), exponent: exponent)
    }

    /// Multiplier words read after a space.
    private static let multiplierWords: [(written: [UInt8], exponent: Int)] = [
        ("thousand", 3), ("million", 6), ("billion", 9),
    ].map { (Array($0.0.utf8), $0.1) }

    /// Reads the unit: a ratio's denominator (`/100`), an attached unit, or a spaced unit (after a spaced
    /// multiplier word, when there was no multiplier yet).
    mutating func unit(multiplier: inout Multiplier?) -> UnitScan {
        if byte(at: index) == UInt8(ascii: "/"), isDigit(at: index + 1) {
            let start = index
            index += 1
            if case .refused(let refusal) = number() { return .refused(refusal) }
            if byte(at: index) == UInt8(ascii: "/"), isDigit(at: index + 1) { return .refused(.notation) }
            return .unit(text(start..<index))
        }
        let end = unitRun(at: index)
        if end > index {
            let start = index
            index = end
            if isDigit(at: index) || (byte(at: index) == UInt8(ascii: "/") && isDigit(at: index + 1))
                || refusalRightAfterNumber() != nil
            {
                return .refused(.notation)
            }
            if !bytes[start..<end].contains(UInt8(ascii: "/")), spaceLength(at: end) > 0,
                let phrase = perPhrase(at: afterSpaces(end))
            {
                index = phrase
            }
            return .unit(text(start..<index))
        }
        var next = afterSpaces(index)
        guard next > index else { return .unit("") }
        if isDigit(at: next) { return .refused(.grouping) }
        if multiplier == nil,
            let word = Self.multiplierWords.first(where: { self.word($0.written, at: next) != nil })
        {
            multiplier = Multiplier(written: text(next..<(next + word.written.count)), exponent: word.exponent)
            index = next + word.written.count
            next = afterSpaces(index)
        }
        guard let unitEnd = spacedUnit(at: next) else { return .unit("") }
        index = unitEnd
        return .unit(text(next..<unitEnd))
    }

    /// The end of the run of unit characters at `offset`: letters, `%`, `°`, currency and other symbols, and `/`
    /// followed by a letter.
    func unitRun(at offset: Int) -> Int {
        var end = offset
        while let byte = byte(at: end) {
            if byte < 0x80 {
                let isUnit =
                    (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: "%")
                    || (byte == UInt8(ascii: "/") && isLetter(at: end + 1))
                guard isUnit else { break }
                end += 1
            } else {
                guard let (scalar, length) = scalar(at: end) else { break }
                let category = scalar.properties.generalCategory
                guard scalar.properties.isAlphabetic || category == .otherSymbol || category == .currencySymbol
                else { break }
                end += length
            }
        }
        return end
    }

    /// The end of a unit written after a space at `offset`: a rate phrase (`per hour`, `requests per second`,
    /// `jobs an hour`), a word with `/` (`requests/second`) or a known unit word (``Quantity/spacedUnits``).
    func spacedUnit(at offset: Int) -> Int? {
        if let end = perPhrase(at: offset) { return end }
        let end = unitRun(at: offset)
        guard end > offset else { return nil }
        let word = text(offset..<end)
        let hasSlash = word.utf8.contains(UInt8(ascii: "/"))
        if !hasSlash, spaceLength(at: end) > 0, let phrase = perPhrase(at: afterSpaces(end)) { return phrase }
        return hasSlash || Quantity.spacedUnits.contains(word.lowercased()) ? end : nil
    }

    /// The words that start a rate phrase.
    private static let articles: [[UInt8]] = ["per", "an", "a"].map { Array($0.utf8) }

    /// The end of `per`, `a` or `an`, spaces and a rate's time word (``Quantity/rateTimes``) at `offset`.
    func perPhrase(at offset: Int) -> Int? {
        guard let first = byte(at: offset), first | 0x20 == UInt8(ascii: "p") || first | 0x20 == UInt8(ascii: "a")
        else { return nil }
        for article in Self.articles {
            guard let end = word(article, at: offset), spaceLength(at: end) > 0 else { continue }
            let timeStart = afterSpaces(end)
            let timeEnd = unitRun(at: timeStart)
            guard timeEnd > timeStart, !isDigit(at: timeEnd),
                Quantity.rateTimes[text(timeStart..<timeEnd).lowercased()] != nil
            else { continue }
            return timeEnd
        }
        return nil
    }

    /// Range marks: between two numbers they make a range. Words must stand after a space.
    private static let rangeMarks: [(written: [UInt8], isWord: Bool)] = [
        ("-", false), ("–", false), ("—", false), ("−", false), ("~", false), ("..", false), ("…", false),
        ("→", false), ("->", false), ("=>", false), ("to", true), ("or", true), ("and", true), ("vs.", true),
        ("vs", true), ("versus", true),
    ].map { (Array($0.0.utf8), $0.1) }

    /// The minus sign, U+2212.
    private static let minus = Array("−".utf8)

    /// The word that joins the parts of a duration.
    private static let and = Array("and".utf8)

    /// Marks of a tolerance: `±`, `+/-`, `+-`.
    private static let tolerances: [[UInt8]] = ["±", "+/-", "+-"].map { Array($0.utf8) }

    /// Marks of a product or power: `×`, `*`, `^`.
    private static let products: [[UInt8]] = ["×", "*", "^"].map { Array($0.utf8) }

    /// Letters that mark a product as a word: `x`, `X`.
    private static let letterProducts: [[UInt8]] = ["x", "X"].map { Array($0.utf8) }

    /// A refusal for what follows the number and `unit`: a second number (a range), a tolerance, a product or
    /// power, or a duration in parts.
    func refusalAfterUnit(_ unit: String) -> Quantity.Refusal? {
        let probe = afterSpaces(index)
        guard let first = byte(at: probe), first != UInt8(ascii: "(") else { return nil }
        let spaced = probe > index
        if Quantity.millisecondsPerUnit(unit) != nil {
            let next = word(Self.and, at: probe).map(afterSpaces) ?? probe
            if spaced, isDigit(at: next) { return .notation }
        }
        for mark in Self.rangeMarks where matches(mark.written, at: probe) {
            let end = probe + mark.written.count
            guard !mark.isWord || (spaced && spaceLength(at: end) > 0) else { continue }
            if startsNumber(at: afterSpaces(end)) { return .range }
        }
        if Self.tolerances.contains(where: { matches($0, at: probe) }) { return .notation }
        // `x` is a product only as a word after a number without unit (`2 x 10^6`); attached, it is a unit.
        let products = unit.isEmpty && spaced ? Self.products + Self.letterProducts : Self.products
        for mark in products where matches(mark, at: probe) {
            if isDigit(at: afterSpaces(probe + mark.count)) { return .notation }
        }
        return nil
    }

    /// Whether a number starts at `offset`, perhaps after a sign or `~`.
    private func startsNumber(at offset: Int) -> Bool {
        guard let byte = byte(at: offset) else { return false }
        let signed = byte == UInt8(ascii: "~") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        return startsDigits(at: signed ? offset + 1 : offset)
    }

    /// Whether a digit, or `.` and a digit, is at `offset`.
    func startsDigits(at offset: Int) -> Bool {
        isDigit(at: offset) || (byte(at: offset) == UInt8(ascii: ".") && isDigit(at: offset + 1))
    }

    /// The text after the cursor, without the emphasis that closes right there (`*`, `_`), trimmed.
    func rest() -> String {
        var start = index
        while let byte = byte(at: start), byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") { start += 1 }
        return text(start..<bytes.count).trimmed
    }
}
