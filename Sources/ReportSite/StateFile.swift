import Foundation
import ReportAggregation
import ReportExtraction
import ReportModel

/// Reads the `data/state.json` an earlier build left in the output folder (``StateExport`` writes it): what that
/// build showed and what it compared with. A missing, foreign or damaged file reads as no earlier build.
enum StateFile {
    static func read(from output: URL) -> (state: BuildState, base: BuildState?)? {
        guard let bytes = FileBytes.read(output.path + "/data/state.json"),
            let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let state = (root["state"] as? [String: Any]).flatMap(decode)
        else { return nil }
        return (state, (root["base"] as? [String: Any]).flatMap(decode))
    }

    private static func decode(_ object: [String: Any]) -> BuildState? {
        guard let open = object["open"] as? [Int], let closed = object["closed"] as? [Int],
            let endpoints = object["endpoints"] as? [String: [String: Any]],
            let targets = object["targets"] as? [String: String]
        else { return nil }
        var latest: [String: BuildState.Endpoint] = [:]
        for (endpoint, fields) in endpoints {
            guard let issue = fields["issue"] as? Int else { return nil }
            latest[endpoint] = BuildState.Endpoint(
                issue: issue, percentile: (fields["percentile"] as? String).flatMap(Percentile.init(rawValue:)),
                milliseconds: (fields["ms"] as? NSNumber)?.doubleValue)
        }
        var statuses: [String: Attainment] = [:]
        for (key, status) in targets {
            guard let status = Attainment(rawValue: status) else { return nil }
            statuses[key] = status
        }
        return BuildState(
            day: (object["day"] as? String).flatMap(DateText.utcDay), open: Set(open), closed: Set(closed),
            endpoints: latest, targets: statuses)
    }
}
