import ReportModel

/// How numbers read on the pages: units a person reads at a glance, no false precision.
enum DisplayFormat {
    /// `850 ms`, `2.9 s`, `6.5 min`, `1.4 h`.
    static func duration(_ milliseconds: Double?) -> String {
        guard let milliseconds else { return "–" }
        switch milliseconds {
        case ..<1000: return "\(number(milliseconds)) ms"
        case ..<60_000: return "\(number(milliseconds / 1000)) s"
        case ..<3_600_000: return "\(number(milliseconds / 60_000)) min"
        default: return "\(number(milliseconds / 3_600_000)) h"
        }
    }

    /// `4 KB`, `640 MB`, `1.5 GB` (a kilobyte is 1024 bytes, as the figures are read): below a megabyte in KB, so
    /// that `< 4KB` never reads as `< 0 MB`.
    static func size(_ megabytes: Double?) -> String {
        guard let megabytes else { return "–" }
        if megabytes >= 1024 { return "\(number(megabytes / 1024)) GB" }
        if megabytes > 0 && megabytes < 1 { return "\(number(megabytes * 1024)) KB" }
        return "\(number(megabytes)) MB"
    }

    /// `62%`.
    static func percent(_ value: Double?) -> String {
        value.map { "\(number($0))%" } ?? "–"
    }

    /// A rate with its unit: `1,200 requests/second`.
    static func rate(_ rate: Rate?) -> String {
        rate.map { "\(number($0.value)) \($0.unit)" } ?? "–"
    }

    /// How many times off target: `3.4×`.
    static func ratio(_ ratio: Double) -> String { "\(number(ratio, digits: 1))×" }

    /// A change between two reports: `+35%`, `−20%`, `±0%`.
    static func change(_ ratio: Double?) -> String {
        guard let ratio else { return "–" }
        let percent = ((ratio - 1) * 100).rounded()
        if percent == 0 { return "±0%" }
        return percent > 0 ? "+\(Int(percent))%" : "−\(Int(-percent))%"
    }

    /// Up to `digits` decimals (two significant below 10), trailing zeros dropped, thousands separated.
    static func number(_ value: Double, digits: Int? = nil) -> String {
        let decimals = digits ?? (abs(value) < 10 ? 2 : (abs(value) < 100 ? 1 : 0))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.magnitude.rounded(.down))
        var fraction = ""
        if decimals > 0 {
            let fractionDigits = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
            var text = String(fractionDigits)
            text = String(repeating: "0", count: max(0, decimals - text.count)) + text
            while text.hasSuffix("0") { text.removeLast() }
            if !text.isEmpty { fraction = "." + text }
        }
        var digitsText = String(whole)
        var grouped = ""
        while digitsText.count > 3 {
            grouped = "," + digitsText.suffix(3) + grouped
            digitsText.removeLast(3)
        }
        return (rounded < 0 ? "−" : "") + digitsText + grouped + fraction
    }

    /// `Apr 25` for `2025-04`: a table column head.
    static func shortMonth(_ key: String) -> String {
        let long = month(key)
        return long.count == 8 ? String(long.prefix(4)) + long.suffix(2) : long
    }

    /// `Apr 2025` for `2025-04`.
    static func month(_ key: String) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return "\(names[month - 1]) \(parts[0])"
    }
}
