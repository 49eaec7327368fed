import ReportAggregation
import ReportModel

/// `data/state.json`: what this build showed (``BuildState``) and what its What changed page compared with, for
/// the next build of the same output to compare with.
public enum StateExport {
    static func json(_ state: BuildState, base: BuildState?) -> String {
        JSONValue.object([
            ("generator", .string(IssueExport.generator)), ("state", value(state)),
            ("base", base.map(value) ?? .null),
        ]).serialized() + "\n"
    }

    private static func value(_ state: BuildState) -> JSONValue {
        .object([
            ("day", .string(state.day?.description)), ("open", .array(state.open.sorted().map { .integer($0) })),
            ("closed", .array(state.closed.sorted().map { .integer($0) })),
            (
                "endpoints",
                .object(
                    state.endpoints.keys.sorted().map { endpoint in
                        let latest = state.endpoints[endpoint]!
                        return (
                            endpoint,
                            .object([
                                ("issue", .integer(latest.issue)), ("percentile", .string(latest.percentile?.rawValue)),
                                ("ms", .number(latest.milliseconds)),
                            ])
                        )
                    })
            ),
            ("targets", .object(state.targets.keys.sorted().map { ($0, .string(state.targets[$0]!.rawValue)) })),
        ])
    }
}
