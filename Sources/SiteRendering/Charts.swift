/// Charts drawn at build time as inline SVG: no script, a `<title>` each, their numbers in the table beside them.
enum Charts {
    /// One bar series a month, with an optional line series (the backlog) over it.
    static func monthly(
        title: String, months: [String], bars: [(name: String, values: [Int])],
        line: (name: String, values: [Int])? = nil, width: Double = 720
    ) -> String {
        let height = 180.0
        let left = 34.0
        let bottom = 22.0
        let top = 18.0
        let plotHeight = height - bottom - top
        let maximum = max(1, (bars.flatMap(\.values) + (line?.values ?? [])).max() ?? 1)
        let slot = (width - left) / Double(max(months.count, 1))

        let barWidth = max(1, (slot * 0.8) / Double(max(bars.count, 1)))
        var svg = open(width: width, height: height, title: title)
        svg +=
            "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width)\" y2=\"\(top + plotHeight)\"/>"
        svg += "<text x=\"0\" y=\"\(top + 4)\">\(maximum)</text><text x=\"0\" y=\"\(top + plotHeight)\">0</text>"
        for (seriesIndex, series) in bars.enumerated() {
            for (index, value) in series.values.enumerated() where value > 0 {
                let barHeight = plotHeight * Double(value) / Double(maximum)
                let x = left + Double(index) * slot + slot * 0.1 + Double(seriesIndex) * barWidth
                svg +=
                    "<rect class=\"bar\(seriesIndex == 0 ? "" : "-2")\" x=\(quoted(x)) y=\(quoted(top + plotHeight - barHeight))"
                svg += " width=\(quoted(barWidth)) height=\(quoted(barHeight))>"
                svg +=
                    "<title>\(escape(series.name)) \(escape(DisplayFormat.month(months[index]))): \(value)</title></rect>"
            }
        }
        if let line, !line.values.isEmpty {
            let points = line.values.enumerated().map { index, value in
                "\(format(left + (Double(index) + 0.5) * slot)),\(format(top + plotHeight - plotHeight * Double(value) / Double(maximum)))"
            }
            svg +=
                "<polyline class=\"series\" points=\"\(points.joined(separator: " "))\"><title>\(escape(line.name))</title></polyline>"
        }
        let step = max(1, Int((Double(months.count) / (width / 90)).rounded(.up)))
        for index in stride(from: 0, to: months.count, by: step) {
            let x = left + Double(index) * slot
            svg += "<text x=\(quoted(x)) y=\"\(height - 6)\">\(escape(DisplayFormat.month(months[index])))</text>"
        }
        var legendX = left
        for (seriesIndex, series) in bars.enumerated() {
            svg += "<rect class=\"legend-\(seriesIndex + 1)\" x=\(quoted(legendX)) y=\"2\" width=\"10\" height=\"10\"/>"
            svg += "<text x=\(quoted(legendX + 14)) y=\"11\">\(escape(series.name))</text>"
            legendX += 14 + Double(series.name.count) * 6.5 + 16
        }
        if let line {
            svg += "<line class=\"series\" x1=\(quoted(legendX)) y1=\"7\" x2=\(quoted(legendX + 12)) y2=\"7\"/>"
            svg += "<text x=\(quoted(legendX + 16)) y=\"11\">\(escape(line.name))</text>"
        }
        return svg + "</svg>"
    }

    /// A small line of values over time (gaps where a value is missing are skipped).
    static func sparkline(title: String, values: [Double?]) -> String {
        let width = 240.0
        let height = 48.0
        let known = values.compactMap { $0 }
        guard let maximum = known.max(), let minimum = known.min() else { return "" }
        let span = max(maximum - minimum, maximum * 0.1, 1)
        let step = values.count > 1 ? (width - 8) / Double(values.count - 1) : 0
        var svg = open(width: width, height: height, title: title, fixedSize: true)
        var points: [String] = []
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let x = 4 + Double(index) * step
            let y = height - 4 - (height - 8) * (value - minimum) / span
            points.append("\(format(x)),\(format(y))")
            svg += "<circle class=\"dot\" cx=\(quoted(x)) cy=\(quoted(y)) r=\"2.5\"/>"
        }
        svg += "<polyline class=\"series\" points=\"\(points.joined(separator: " "))\"/>"
        return svg + "</svg>"
    }

    private static func open(width: Double, height: Double, title: String, fixedSize: Bool = false) -> String {
        let size = fixedSize ? " width=\"\(format(width))\" height=\"\(format(height))\"" : ""
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(format(width)) \(format(height))\"\(size) role=\"img\">"
            + "<title>\(escape(title))</title>"
    }

    private static func quoted(_ value: Double) -> String { "\"\(format(value))\"" }

    /// Coordinates with at most one decimal, so output is short and stable.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text escaped for SVG and HTML.
    static func escape(_ text: String) -> String { HTMLText.escaped(text) }
}
