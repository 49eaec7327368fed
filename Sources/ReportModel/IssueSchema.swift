/// The checkbox groups an issue is read with: which heading or bold label introduces each group, and its items.
///
/// The default is the template's; a site's `perfsite.yml` may rename or add groups and items.
public struct IssueSchema: Sendable, Equatable {
    /// The groups, in template order.
    public var groups: [ChoiceGroup]

    /// Creates a schema.
    public init(groups: [ChoiceGroup]) {
        self.groups = groups
    }

    /// The group with an id, if the schema has it.
    public func group(_ id: ChoiceGroup.ID) -> ChoiceGroup? { groups.first { $0.id == id } }

    /// The groups that get pages, as components do: components, layers and issue types, then every group a site
    /// adds in `perfsite.yml` (``ChoiceGroup/isAddedBySite``), in schema order.
    public var browsable: [ChoiceGroup.ID] { browsableGroups.map(\.id) }

    /// The groups that get pages, with their folders and names: the one list every page, link and data file of a
    /// group follows.
    public var browsableGroups: [BrowsableGroup] {
        let builtIn = [
            BrowsableGroup(id: .components, folder: "components", singular: "Component", plural: "Components"),
            BrowsableGroup(id: .layers, folder: "layers", singular: "Layer", plural: "Layers"),
            BrowsableGroup(
                id: .issueTypes, folder: "types", singular: "Type", plural: "Issue types", navigation: "Types"),
        ]
        return builtIn.filter { group($0.id) != nil }
            + groups.filter(\.isAddedBySite).map { group in
                // A site's own group has its id as its folder (perfsite.yml refuses the ids of the site's folders).
                BrowsableGroup(id: group.id, folder: group.id.rawValue, singular: group.title, plural: group.title)
            }
    }

    /// The browsable group with this id, if it is one.
    public func browsableGroup(_ id: ChoiceGroup.ID) -> BrowsableGroup? { browsableGroups.first { $0.id == id } }

    /// The label of an item, or the id itself when the schema does not know it.
    public func label(of item: String, in group: ChoiceGroup.ID) -> String {
        self.group(group)?.items.first { $0.id == item }?.label ?? item
    }
}

/// A group that gets pages: an index of its items in `folder/index.html` and a page per item.
public struct BrowsableGroup: Sendable, Equatable {
    /// The group.
    public let id: ChoiceGroup.ID
    /// The folder of its pages (`components`, `types`).
    public let folder: String
    /// One item's kind (`Component`) and the group's heading (`Components`).
    public let singular: String
    public let plural: String
    /// The group's name in the navigation bar.
    public let navigation: String

    /// Creates a browsable group; the navigation says `plural` unless told otherwise.
    public init(id: ChoiceGroup.ID, folder: String, singular: String, plural: String, navigation: String? = nil) {
        self.id = id
        self.folder = folder
        self.singular = singular
        self.plural = plural
        self.navigation = navigation ?? plural
    }
}

/// A group of checkboxes: the Issue Type list, the Affected Component list, one optimization category...
public struct ChoiceGroup: Sendable, Equatable {
    /// A group's stable id.
    public struct ID: RawRepresentable, Hashable, Sendable, Comparable {
        /// The id text (`issue-types`).
        public let rawValue: String
        /// Creates an id.
        public init(rawValue: String) { self.rawValue = rawValue }
        init(_ rawValue: String) { self.rawValue = rawValue }

        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }

        public static let issueTypes = ID("issue-types")
        public static let components = ID("components")
        public static let measurementMethods = ID("measurement-methods")
        public static let userExperience = ID("user-experience")
        public static let systemCapacity = ID("system-capacity")
        public static let layers = ID("layers")
        public static let databaseOptimizations = ID("database-optimizations")
        public static let applicationOptimizations = ID("application-optimizations")
        public static let infrastructureOptimizations = ID("infrastructure-optimizations")
        public static let frontendOptimizations = ID("frontend-optimizations")
        public static let loadTesting = ID("load-testing")
        public static let monitoring = ID("monitoring")
        public static let successMetrics = ID("success-metrics")
        public static let historicalPerformance = ID("historical-performance")
    }

    /// The group's id.
    public var id: ID
    /// The display name (`Affected Component`).
    public var title: String
    /// Every heading or bold label that introduces the group, compared by their words only.
    public var names: [String]
    /// The items, in template order.
    public var items: [ChoiceItem]
    /// For an optimization group, its category id (`database`); authors' own lines in it are kept as custom ideas.
    public var optimizationCategory: String?
    /// Whether a site's `perfsite.yml` added the group: it gets pages, a CSV column and a row on issue pages.
    public var isAddedBySite = false

    /// Creates a group.
    public init(
        id: ID, title: String, names: [String], items: [ChoiceItem], optimizationCategory: String? = nil
    ) {
        self.id = id
        self.title = title
        self.names = names
        self.items = items
        self.optimizationCategory = optimizationCategory
    }
}

/// One checkbox of a group.
public struct ChoiceItem: Sendable, Equatable {
    /// The stable id: the label by ``ChoiceItem/id(for:)``.
    public var id: String
    /// The label a ticked line must begin with (`3D Visualization`).
    public var label: String
    /// Earlier labels a ticked line may still begin with: a renamed item keeps its old label, so that issues written
    /// before the rename still count.
    public var aliases: [String] = []

    /// Creates an item whose id is derived from its label.
    public init(_ label: String) {
        self.label = label
        self.id = ChoiceItem.id(for: label)
    }

    /// The one rule from label to id: lower-case, every run of characters other than a–z and 0–9 becomes one `-`,
    /// and `-` is trimmed from both ends (`Reduce N+1 queries` → `reduce-n-1-queries`). A label with no such
    /// character keeps its letters and digits in their own script, as Hugo's `urlize` does (`数据库` → `数据库`),
    /// and one with neither gets `item-` and a fingerprint of its text: an id is never empty.
    public static func id(for label: String) -> String {
        let ascii = Words.joined(label, by: "-")
        guard ascii.isEmpty else { return ascii }
        var words = String.UnicodeScalarView()
        var pending = false
        for scalar in label.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pending && !words.isEmpty { words.append("-") }
                pending = false
                words.append(scalar)
            } else {
                pending = true
            }
        }
        if !words.isEmpty { return String(words) }
        guard !label.isEmpty else { return "" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "item-" + String(hash >> 32, radix: 16)
    }
}

extension IssueSchema {
    /// The groups and items of the performance-issue template.
    public static let template = IssueSchema(groups: [
        ChoiceGroup(
            id: .issueTypes, title: "Issue Type", names: ["Issue Type", "Issue Types"],
            items: [
                "Latency", "Throughput", "Memory", "CPU", "Database", "Network", "Storage", "Concurrency", "Cache",
                "Scaling",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .components, title: "Affected Component", names: ["Affected Component", "Affected Components"],
            items: [
                "API Endpoints", "Database Operations", "Docking Engine Processing", "File Processing", "Job Queue",
                "Frontend Rendering", "3D Visualization", "Authentication", "Multi-tenant Operations",
                "Cache Operations", "Storage Operations",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .measurementMethods, title: "How measured", names: ["How measured", "Measurement Details"],
            items: [
                "Application logs", "APM tool", "Database monitoring", "Custom metrics", "Load testing tools",
                "Browser dev tools", "System monitoring",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .userExperience, title: "User Experience", names: ["User Experience"],
            items: ["Critical", "High", "Medium", "Low"].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .systemCapacity, title: "System Capacity", names: ["System Capacity"],
            items: [
                "Blocking new customer onboarding", "Limiting current user growth", "Approaching capacity limits",
                "Proactive optimization",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .layers, title: "Clean Architecture Layer",
            names: ["Primary Performance Issue", "Clean Architecture Layer", "Clean Architecture Layers"],
            items: ["Domain Layer", "Use Cases", "Adapters", "Infrastructure", "Presentation", "Frontend"].map(
                ChoiceItem.init)),
        ChoiceGroup(
            id: .databaseOptimizations, title: "Database Optimizations", names: ["Database Optimizations"],
            items: [
                "Add missing indexes", "Optimize query patterns", "Implement connection pooling", "Add read replicas",
                "Partition large tables",
            ].map(ChoiceItem.init), optimizationCategory: "database"),
        ChoiceGroup(
            id: .applicationOptimizations, title: "Application Optimizations", names: ["Application Optimizations"],
            items: [
                "Add caching layer", "Optimize serialization", "Implement async processing", "Reduce N+1 queries",
                "Add pagination",
            ].map(ChoiceItem.init), optimizationCategory: "application"),
        ChoiceGroup(
            id: .infrastructureOptimizations, title: "Infrastructure Optimizations",
            names: ["Infrastructure Optimizations"],
            items: [
                "Scale containers horizontally", "Optimize container resources", "Implement CDN", "Add load balancing",
                "Optimize network configuration",
            ].map(ChoiceItem.init), optimizationCategory: "infrastructure"),
        ChoiceGroup(
            id: .frontendOptimizations, title: "Frontend Optimizations", names: ["Frontend Optimizations"],
            items: [
                "Code splitting", "Lazy loading", "Optimize bundle size", "Implement virtual scrolling",
                "Add service worker caching",
            ].map(ChoiceItem.init), optimizationCategory: "frontend"),
        ChoiceGroup(
            id: .loadTesting, title: "Load Testing", names: ["Load Testing"],
            items: [
                "Baseline performance measurement", "Stress testing", "Endurance testing", "Spike testing",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .monitoring, title: "Monitoring", names: ["Monitoring"],
            items: [
                "Set up performance monitoring", "Create performance dashboards", "Implement alerting",
                "Track key metrics over time",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .successMetrics, title: "Success Metrics", names: ["Success Metrics", "Validation Criteria"],
            items: [
                "Response time improved", "Throughput increased", "Resource usage reduced",
                "User satisfaction improved",
            ].map(ChoiceItem.init)),
        ChoiceGroup(
            id: .historicalPerformance, title: "Historical Performance", names: ["Historical Performance"],
            items: [
                "Performance was acceptable until", "Gradual degradation over", "Sudden regression after",
            ].map(ChoiceItem.init)),
    ])
}

/// Text reduced to its words, the rule behind choice ids and heading keys.
public enum Words {
    /// The runs of a–z and 0–9 in `text`, lower-cased, joined by `separator` (an ASCII character): every run of
    /// anything else is one separator, and none is left at either end.
    ///
    /// ASCII, the common case (labels, headings, file names), is read on the bytes in place, without lower-casing a
    /// copy first. Not generic: from another module a generic function is not specialised, and iterating a generic
    /// UTF-8 view was most of its time.
    public static func joined(_ text: String, by separator: Unicode.Scalar) -> String {
        var text = text
        return text.withUTF8 { joinedASCII($0, by: UInt8(separator.value)) } ?? joinedScalars(text, by: separator)
    }

    /// ``joined(_:by:)-(String,_)`` of a slice.
    public static func joined(_ text: Substring, by separator: Unicode.Scalar) -> String {
        var text = text
        return text.withUTF8 { joinedASCII($0, by: UInt8(separator.value)) } ?? joinedScalars(text, by: separator)
    }

    /// ``joined(_:by:)-(String,_)`` scalar by scalar, for text that is not all ASCII.
    private static func joinedScalars(_ text: some StringProtocol, by separator: Unicode.Scalar) -> String {
        var words = ""
        var pending = false
        func add(_ scalar: Unicode.Scalar) {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pending && !words.isEmpty { words.unicodeScalars.append(separator) }
                pending = false
                words.unicodeScalars.append(scalar)
            } else {
                pending = true
            }
        }
        // `lowercased()` maps each scalar on its own: an ASCII one is folded here, and only a scalar that changes
        // when lower-cased (`K`, the Kelvin sign, gives `k`) has its mapping looked at; an emoji is a separator.
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                add(("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) | 0x20) : scalar)
            } else if scalar.properties.changesWhenLowercased {
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { add(lowered) }
            } else {
                pending = true
            }
        }
        return words
    }

    /// ``joined(_:by:)`` of ASCII bytes; `nil` when they are not all ASCII.
    private static func joinedASCII(_ bytes: UnsafeBufferPointer<UInt8>, by separator: UInt8) -> String? {
        var pending = false
        var failed = false
        let result = String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            for byte in bytes {
                if byte >= 0x80 {
                    failed = true
                    return 0
                }
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if lower &- 0x61 < 26 || lower &- 0x30 < 10 {
                    if pending && count > 0 {
                        output[count] = separator
                        count += 1
                    }
                    pending = false
                    output[count] = lower
                    count += 1
                } else {
                    pending = true
                }
            }
            return count
        }
        return failed ? nil : result
    }
}
