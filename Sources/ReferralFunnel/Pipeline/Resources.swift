import Foundation

/// Reads the package's bundled text resources (migrations and transform models).
enum Resources {
    /// Set to a folder laid out like the bundled `models/`, the transform reads its models
    /// from there instead: how a test changes a model's definition on an existing warehouse
    /// without rebuilding the product (see ModelDefinitions). Never set in production.
    static let modelsFolderVariable = "REFERRAL_FUNNEL_MODELS_FOLDER"

    static func text(named name: String, folder: String) throws -> String {
        guard let url = url(named: name, folder: folder) else {
            throw PipelineError.missingResource("\(folder)/\(name).sql")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Every `.sql` resource under `folder` (`models` or `migrations`), by path relative to
    /// it, in byte order of the path: what the model definitions' fingerprint reads.
    static func allTexts(under folder: String) throws -> [(path: String, text: String)] {
        guard let root = root(of: folder) else { throw PipelineError.missingResource(folder) }
        return try allTexts(in: root, named: folder)
    }

    static func allTexts(in root: URL, named folder: String) throws -> [(path: String, text: String)] {
        let rootPath = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw PipelineError.missingResource(folder)
        }
        var texts: [(path: String, text: String)] = []
        for case let url as URL in enumerator where url.pathExtension == "sql" {
            let path = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            texts.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return texts.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    private static let modelsOverride: URL? = ProcessInfo.processInfo.environment[modelsFolderVariable]
        .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }

    private static func root(of folder: String) -> URL? {
        if folder == "models", let modelsOverride { return modelsOverride }
        return Bundle.module.resourceURL?.appendingPathComponent(folder, isDirectory: true)
    }

    private static func url(named name: String, folder: String) -> URL? {
        if let modelsOverride, folder == "models" || folder.hasPrefix("models/") {
            let url = modelsOverride.appendingPathComponent(String(folder.dropFirst("models".count)))
                .appendingPathComponent(name + ".sql")
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        return Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: folder)
    }

    /// A transform model's SQL as it runs, `path` under `models/` without `.sql` (e.g.
    /// `marts/funnel_by_source_week`), with its catalogue placeholders expanded. Every read of a
    /// model goes through here, so no connection ever runs a model with a placeholder left in.
    static func model(_ path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        let folder = "models/" + (path as NSString).deletingLastPathComponent
        return try ModelPlaceholders.expand(try text(named: name, folder: folder), model: name)
    }
}
