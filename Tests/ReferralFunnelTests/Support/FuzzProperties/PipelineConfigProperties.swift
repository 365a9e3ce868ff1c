import Foundation
import ReferralFunnel

/// What the config loader must do with any bytes, read both as a pipeline config and as a
/// source registry. Checked by the fuzz target (Fuzz/Sources/FuzzPipelineConfig) and, on
/// the committed corpus, by FuzzRegressionTests.
///
/// Besides "does not crash": a refused input is refused with the loader's own error naming
/// the file (never another error type, which would print without it), and the same every
/// time; an accepted config keeps every number inside its documented range (an `sla_hours`
/// of 1e300 once passed and then trapped in the transform), names at least one feed, and
/// every feed has absolute patterns; an accepted registry has no reserved name, no name
/// twice, and no normalized spelling claimed by two sources.
enum PipelineConfigProperties {
    static let configFile = URL(fileURLWithPath: "/fuzz/pipelines/fuzz.yml")
    static let displayName = "fuzz.yml"

    static func violations(in input: [UInt8]) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        return configProblems(text) + registryProblems(text)
    }

    static func configProblems(_ text: String) -> [String] {
        let first = Result { try PipelineConfig.parse(yaml: text, configFile: configFile, displayName: displayName) }
        let second = Result { try PipelineConfig.parse(yaml: text, configFile: configFile, displayName: displayName) }
        switch (first, second) {
        case let (.failure(error), .failure(again)):
            var problems: [String] = []
            guard let configError = error as? ConfigError else {
                return ["config: refused with \(type(of: error)), not ConfigError: \(error)"]
            }
            if !configError.description.hasPrefix(displayName + ": ") {
                problems.append("config: the error does not name the file first: \(configError)")
            }
            if (again as? ConfigError) != configError {
                problems.append("config: refused differently on a second read: \(configError) / \(again)")
            }
            return problems
        case let (.success(config), .success):
            return acceptedConfigProblems(config)
        default:
            return ["config: accepted once and refused once"]
        }
    }

    static func acceptedConfigProblems(_ config: PipelineConfig) -> [String] {
        var problems: [String] = []
        let values: [String: Double] = [
            "sla_hours": config.slaHours, "followup_days": config.followupDays, "stall_days": config.stallDays,
            "link_window_days": config.linkWindowDays, "max_reject_rate": config.maxRejectRate,
            "stale_feed_days": config.staleFeedDays,
        ]
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let bounds = PipelineConfig.thresholdBounds[key] else {
                problems.append("config: \(key) has no documented range")
                continue
            }
            if !bounds.allows(value) {
                problems.append("config: \(key) = \(value) was accepted outside \(bounds.rangeText)")
            }
        }
        if config.feeds.isEmpty {
            problems.append("config: accepted without any feed")
        }
        for (kind, feed) in config.feeds {
            if feed.filePatterns.isEmpty || feed.filePatterns.contains(where: { !$0.hasPrefix("/") }) {
                problems.append("config: feed \(kind.rawValue) has patterns that are missing or not absolute: \(feed.filePatterns)")
            }
        }
        return problems
    }

    static func registryProblems(_ text: String) -> [String] {
        let registry: SourceRegistry
        do {
            registry = try SourceRegistry.parse(yaml: text, displayName: displayName)
        } catch let PipelineError.registry(file, _) {
            return file == displayName ? [] : ["registry: the error names \(file), not \(displayName)"]
        } catch {
            return ["registry: refused with \(type(of: error)), not a registry error: \(error)"]
        }
        var problems: [String] = []
        var names = Set<String>()
        var ownerOfSpelling: [String: String] = [:]
        for source in registry.sources {
            if !names.insert(source.name).inserted {
                problems.append("registry: the name \(source.name) was accepted twice")
            }
            for spelling in [source.name] + source.aliases {
                let trimmed = spelling.trimmingCharacters(in: .whitespaces).lowercased()
                if SourceRegistry.reservedNames.contains(trimmed) {
                    problems.append("registry: the reserved name \(spelling) was accepted")
                }
                let normalized = NameNormalizer.normalize(spelling)
                if let owner = ownerOfSpelling[normalized], owner != source.name {
                    problems.append("registry: '\(normalized)' was accepted for both \(owner) and \(source.name)")
                }
                ownerOfSpelling[normalized] = source.name
            }
        }
        return problems
    }
}
