import Foundation
import Yams

/// The canonical referral sources of a practice (SPEC section 3), read from the registry
/// file a pipeline names.
public struct SourceRegistry: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        public var name: String
        public var type: String
        public var aliases: [String]
        public var npis: [String]
    }

    public static let sourceTypes = ["practice", "digital", "self", "other"]

    /// The rows the pipeline names itself (SPEC section 3); no registry entry may use them.
    public static let reservedNames = ["(all)", "(direct)", "(unattributed)"]

    /// The reserved name a registry spelling stands for, compared as written after trimming
    /// and in any case, since `(ALL)` would read as the all-sources row in every report.
    static func reservedName(matching spelling: String) -> String? {
        let trimmed = spelling.trimmingCharacters(in: .whitespaces).lowercased()
        return reservedNames.first { $0 == trimmed }
    }

    public var sources: [Source]

    /// Normalized name or alias → source name.
    public var sourceByNormalizedName: [String: String] {
        var result: [String: String] = [:]
        for source in sources {
            for spelling in [source.name] + source.aliases {
                result[NameNormalizer.normalize(spelling)] = source.name
            }
        }
        return result
    }

    /// NPI → source name. Aliases of exactly ten digits count as NPIs too.
    public var sourceByNPI: [String: String] {
        var result: [String: String] = [:]
        for source in sources {
            for npi in source.npis + source.aliases.filter(Self.looksLikeNPI) {
                result[npi] = source.name
            }
        }
        return result
    }

    static func looksLikeNPI(_ text: String) -> Bool {
        text.utf8.count == 10 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    public static func load(from url: URL) throws -> SourceRegistry {
        let display = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PipelineError.registry(file: display, problem: "cannot read the source registry: \((error as NSError).localizedDescription)")
        }
        return try parse(yaml: text, displayName: display)
    }

    public static func parse(yaml text: String, displayName: String) throws -> SourceRegistry {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw PipelineError.registry(file: displayName, problem: "not valid YAML: \(error)")
        }
        let reader = YAMLMappingReader(file: displayName, path: "")
        let top: [String: Node]
        let entries: [Node]
        do {
            top = try reader.mapping(root, key: "(document)", allowedKeys: ["sources"])
            guard case let .sequence(sequence)? = top["sources"] else {
                throw PipelineError.registry(file: displayName, problem: "key 'sources': expected a list of sources")
            }
            entries = Array(sequence)
        } catch let error as ConfigError {
            throw PipelineError.registry(file: displayName, problem: error.description)
        }

        var sources: [Source] = []
        // Normalized spelling → the entry that claimed it, as "sources[1] (Lakeside)".
        var ownerOfSpelling: [String: String] = [:]
        var ownerOfNPI: [String: String] = [:]
        var entryOfName: [String: String] = [:]
        for (index, entry) in entries.enumerated() {
            let key = "sources[\(index)]"
            do {
                let fields = try reader.mapping(entry, key: key, allowedKeys: ["name", "type", "aliases", "npis"])
                guard let name = try reader.string(fields["name"], key: "\(key).name"), !name.isEmpty else {
                    throw PipelineError.registry(file: displayName, problem: "\(key): missing name")
                }
                let entryName = "\(key) (\(name))"
                let type = try reader.string(fields["type"], key: "\(key).type") ?? "practice"
                guard sourceTypes.contains(type) else {
                    throw PipelineError.registry(file: displayName,
                                                 problem: "\(entryName): type '\(type)' is not one of \(sourceTypes.joined(separator: ", "))")
                }
                let aliases = try reader.strings(fields["aliases"], key: "\(key).aliases")
                let npis = try reader.strings(fields["npis"], key: "\(key).npis")
                for spelling in [name] + aliases {
                    if let reserved = reservedName(matching: spelling) {
                        throw PipelineError.registry(
                            file: displayName,
                            problem: "\(entryName): '\(spelling)' is the pipeline's own name \(reserved); give the source another name or alias")
                    }
                }
                // Said apart from an alias clash, since the fix differs: the transform keeps
                // one registry row per name, so two entries of one source must be merged.
                if let owner = entryOfName[name] {
                    throw PipelineError.registry(
                        file: displayName, problem: "\(entryName): the source name '\(name)' is already the name of \(owner); merge the two entries")
                }
                entryOfName[name] = key
                for spelling in [name] + aliases {
                    let normalized = NameNormalizer.normalize(spelling)
                    if let owner = ownerOfSpelling[normalized], owner != entryName {
                        throw PipelineError.registry(
                            file: displayName, problem: "\(entryName): '\(spelling)' normalizes to '\(normalized)', already claimed by \(owner)")
                    }
                    ownerOfSpelling[normalized] = entryName
                }
                for npi in Set(npis + aliases.filter(looksLikeNPI)).sorted() {
                    if let owner = ownerOfNPI[npi] {
                        throw PipelineError.registry(file: displayName, problem: "\(entryName): NPI \(npi) is already claimed by \(owner)")
                    }
                    ownerOfNPI[npi] = entryName
                }
                sources.append(Source(name: name, type: type, aliases: aliases, npis: npis))
            } catch let error as ConfigError {
                throw PipelineError.registry(file: displayName, problem: error.description)
            }
        }
        return SourceRegistry(sources: sources)
    }
}
